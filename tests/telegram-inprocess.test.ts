import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanQA } from "../src/app.js";
import { createTelegramBot } from "../src/channels/telegram/bot.js";
import { FeedbackStore } from "../src/feedback/store.js";
import { silentLogger } from "../src/log.js";
import { RateLimiter } from "../src/shared/ratelimit.js";
import { BOT_INFO, textUpdate } from "./helpers/botapi.js";
import { shippedCore } from "./helpers/core.js";

// the bot's behaviour without a port: grammY's botInfo + an API transformer + handleUpdate, as
// grammY tests its own plugins (the real-port run against a Bot API stand-in is telegram.test.ts)
let qa: PlanQA;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
afterAll(() => cleanup());

function botWith(core: PlanQA) {
  const calls: Array<{ method: string; payload: Record<string, unknown> }> = [];
  const bot = createTelegramBot({
    token: "123:test",
    apiRoot: "http://127.0.0.1:9",
    qa: core,
    feedback: new FeedbackStore(":memory:"),
    limiter: new RateLimiter(5),
    log: silentLogger,
    salt: "s",
    botInfo: BOT_INFO,
  });
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    return {
      ok: true,
      result: (method === "sendMessage"
        ? { message_id: calls.length, date: 0, chat: { id: 1, type: "private" }, text: "" }
        : true) as never,
    };
  });
  return { bot, calls };
}

describe("Telegram bot in-process (grammY handleUpdate)", () => {
  it("answers a question with its number, sources and vote buttons", async () => {
    const { bot, calls } = botWith(qa);
    await bot.handleUpdate({ update_id: 1, ...textUpdate("荫田镇2021年完成了多少个改厕任务？") } as unknown as Update);
    const sent = calls.filter((c) => c.method === "sendMessage");
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.text)).toMatch(/650[\s\S]*来源/);
    expect(JSON.stringify(sent[0]!.payload.reply_markup)).toContain("👎");
  });

  it("asks for a rate limit pause after too many questions from one chat", async () => {
    const { bot, calls } = botWith(qa);
    for (let i = 0; i < 7; i++)
      await bot.handleUpdate({
        update_id: 10 + i,
        ...textUpdate("低保标准是多少？", { chatId: 77 }),
      } as unknown as Update);
    const texts = calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(texts.length).toBe(7);
    expect(texts.at(-1)).toMatch(/太频繁|稍后/);
  });
});
