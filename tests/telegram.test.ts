import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PlanQA } from "../src/app.js";
import { splitMessage } from "../src/channels/telegram/format.js";
import { type RunningBot, startTelegram, telegramToken } from "../src/channels/telegram/run.js";
import { loadConfig } from "../src/config.js";
import { ProviderError } from "../src/errors.js";
import { FeedbackStore } from "../src/feedback/store.js";
import { createLogger } from "../src/log.js";
import { RateLimiter } from "../src/shared/ratelimit.js";
import { BotApiStandIn, callbackUpdate, photoUpdate, textUpdate } from "./helpers/botapi.js";
import { REPO, shippedCore } from "./helpers/core.js";
import { freePort } from "./helpers/services.js";

let qa: PlanQA;
let cleanupCore: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ qa, cleanup: cleanupCore } = await shippedCore());
  dir = await mkdtemp(join(tmpdir(), "planqa-tg-"));
});
afterAll(async () => {
  await cleanupCore();
  await rm(dir, { recursive: true, force: true });
});

const logs: string[] = [];
const log = createLogger("debug", (l) => logs.push(l));
let api: BotApiStandIn;
let bot: RunningBot | null = null;
let n = 0;

function config(extra: Record<string, string> = {}) {
  return loadConfig({
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    FEEDBACK_DB: join(dir, `feedback-${++n}.sqlite`),
    RATE_LIMIT_PER_MINUTE: "10",
    ...extra,
  });
}

beforeEach(async () => {
  api = new BotApiStandIn();
  await api.start();
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await api.stop();
});

const texts = () => api.sent().map((c) => String(c.params.text));

describe("Telegram bot over long polling (grammY runner) against a local Bot API stand-in", () => {
  it("answers /start, a question with its number and sources, an emoji-only message and a photo", async () => {
    api.fail("setMyCommands", 500, { ok: false, error_code: 500, description: "Internal Server Error" }, 5);
    api.fail("sendChatAction", 400, { ok: false, error_code: 400, description: "Bad Request: chat not found" }, 5);
    bot = await startTelegram(config(), qa, log);
    expect(bot.mode).toBe("polling");
    api.push(textUpdate("/start"));
    api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？"));
    api.push(textUpdate("😀👍"));
    api.push(photoUpdate());
    await api.waitFor(() => api.sent().length >= 4);
    const [welcome, answer, emoji, photo] = api.sent();
    expect(String(welcome!.params.text)).toMatch(/您好[\s\S]*荫田镇2021年完成了多少个改厕任务/);
    expect(answer!.params.parse_mode).toBe("HTML");
    expect(String(answer!.params.text)).toContain("650");
    expect(String(answer!.params.text)).toMatch(
      /\[1\][\s\S]*<b>来源<\/b>\n\[1\] 荫田镇2021年度工作总结及2022年工作计划/,
    );
    const keyboard = answer!.params.reply_markup as {
      inline_keyboard: Array<Array<{ text: string; callback_data: string }>>;
    };
    expect(keyboard.inline_keyboard[0]!.map((b) => b.text)).toEqual(["👍", "👎"]);
    expect(String(emoji!.params.text)).toMatch(/文字/);
    expect(String(photo!.params.text)).toMatch(/只能回答文字问题/);
    // the failing non-essential calls were made and did not break anything
    expect(api.sent("setMyCommands").length).toBeGreaterThan(0);
    expect(api.sent("sendChatAction").length).toBeGreaterThan(0);
  });

  it("tells the user a typed error's own message (向量服务暂时不可用…), not a generic apology", async () => {
    const failing: PlanQA = {
      ...qa,
      ask: async () => Promise.reject(new ProviderError("ollama", "connect ECONNREFUSED 127.0.0.1:11434")),
    };
    bot = await startTelegram(config(), failing, log);
    api.push(textUpdate("低保怎么申请？", { chatId: 21 }));
    await api.waitFor(() => api.sent().length >= 1);
    expect(texts()[0]).toBe("向量服务暂时不可用，请稍后再试。");
    expect(logs.some((l) => l.includes("ECONNREFUSED"))).toBe(true);
  });

  it("keeps per-chat context: a follow-up and /source N", async () => {
    bot = await startTelegram(config(), qa, log);
    api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？", { chatId: 7 }));
    await api.waitFor(() => api.sent().length >= 1);
    api.push(textUpdate("/source 1", { chatId: 7 }));
    await api.waitFor(() => api.sent().length >= 2);
    api.push(textUpdate("东山镇呢？", { chatId: 7 }));
    await api.waitFor(() => api.sent().length >= 3);
    api.push(textUpdate("/source 1", { chatId: 8 }));
    await api.waitFor(() => api.sent().length >= 4);
    const t = texts();
    expect(t[1]).toMatch(/荫田镇2021年度工作总结及2022年工作计划[\s\S]*2021年全镇完成改厕任务数650个/);
    expect(t[2]).toContain("理解为：东山镇2021年完成了多少个改厕任务");
    expect(t[3]).toMatch(/没有第 1 个出处/);
  });

  it("stores 👍/👎 with the question and a hashed chat id, answers the callback, lists 👎 via npm run feedback", async () => {
    const cfg = config();
    bot = await startTelegram(cfg, qa, log);
    api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？", { chatId: 55 }));
    await api.waitFor(() => api.sent().length >= 1);
    const markup = api.sent()[0]!.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> };
    const down = markup.inline_keyboard[0]![1]!.callback_data;
    api.push(callbackUpdate(down, 55));
    await api.waitFor(() => api.sent("answerCallbackQuery").length >= 1);
    expect(api.sent("answerCallbackQuery")[0]!.params.text).toBe("谢谢反馈！");
    const store = new FeedbackStore(cfg.FEEDBACK_DB);
    const rows = store.recent("down");
    store.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      vote: "down",
      question: "荫田镇2021年完成了多少个改厕任务？",
      channel: "telegram",
    });
    expect(rows[0]!.answer).toContain("650");
    expect(rows[0]!.citations[0]!.title).toContain("荫田镇");
    expect(rows[0]!.chatHash).not.toContain("55");
    const listed = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "feedback", "--json"], {
        cwd: REPO,
        env: { ...process.env, FEEDBACK_DB: cfg.FEEDBACK_DB },
      });
      let out = "";
      child.stdout.on("data", (b: Buffer) => (out += b.toString()));
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });
    expect(JSON.parse(listed)[0].question).toBe("荫田镇2021年完成了多少个改厕任务？");
  }, 60_000);

  it("limits each user to the configured questions a minute with a friendly message", async () => {
    bot = await startTelegram(config({ RATE_LIMIT_PER_MINUTE: "2" }), qa, log);
    for (let i = 0; i < 3; i++) api.push(textUpdate("低保怎么申请？", { chatId: 9 }));
    api.push(textUpdate("低保怎么申请？", { chatId: 10 }));
    await api.waitFor(() => api.sent().length >= 4);
    const byChat = (id: number) =>
      api
        .sent()
        .filter((c) => c.params.chat_id === id)
        .map((c) => String(c.params.text));
    expect(byChat(9).filter((t) => t.includes("提问太频繁")).length).toBe(1);
    expect(byChat(10).some((t) => t.includes("提问太频繁"))).toBe(false);
  });

  it("in groups answers only when mentioned, replied to, or asked with /ask", async () => {
    bot = await startTelegram(config(), qa, log);
    const group = { chatId: -100200, chatType: "supergroup", userId: 31 };
    const q = "荫田镇2021年完成了多少个改厕任务？";
    api.push(textUpdate(q, group)); // ignored
    api.push(photoUpdate(-100200, "supergroup")); // ignored (not to the bot)
    api.push(textUpdate(`@plan_qa_bot ${q}`, { ...group, entities: [{ type: "mention", offset: 0, length: 12 }] }));
    api.push(textUpdate("那2022年呢？", { ...group, replyToBot: true }));
    api.push(textUpdate(`/ask ${q}`, group));
    await api.waitFor(() => api.sent().length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.sent()).toHaveLength(3);
    expect(texts()[0]).toContain("650");
    expect(texts()[1]).toContain("理解为");
    expect(texts()[2]).toContain("650");
  });

  it("lists commitments with /commitments 荫田镇 2021 and points to the next page", async () => {
    bot = await startTelegram(config(), qa, log);
    api.push(textUpdate("/commitments 荫田镇 2021"));
    await api.waitFor(() => api.sent().length >= 1);
    expect(texts()[0]).toMatch(/1\. \S+ \d+\S*（荫田镇2021年完成/);
    expect(texts()[0]).toContain("/commitments 荫田镇 2021 2");
  });

  it("retries sendMessage after a 429 flood wait (auto-retry)", async () => {
    api.fail("sendMessage", 429, {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    bot = await startTelegram(config(), qa, log);
    api.push(textUpdate("/help"));
    await api.waitFor(() => api.sent().length >= 2);
    expect(String(api.sent()[1]!.params.text)).toContain("直接发文字问题");
  });

  it("one chat's error does not stop the bot", async () => {
    api.fail("sendMessage", 400, { ok: false, error_code: 400, description: "Bad Request: can't parse entities" });
    bot = await startTelegram(config(), qa, log);
    api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？", { chatId: 1 }));
    api.push(textUpdate("/help", { chatId: 2 }));
    await api.waitFor(() => api.sent().filter((c) => c.params.chat_id === 2).length >= 1);
    expect(logs.some((l) => l.includes("failed"))).toBe(true);
  });
});

describe("Telegram webhook mode", () => {
  it("checks Telegram's secret token: the right one is answered, a wrong one gets 401 and is not processed", async () => {
    bot = await startTelegram(
      config({
        TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg/hook",
        TELEGRAM_WEBHOOK_SECRET: "s3cret_token",
        TELEGRAM_WEBHOOK_PORT: "0",
      }),
      qa,
      log,
    );
    expect(bot.mode).toBe("webhook");
    expect(api.sent("setWebhook")[0]!.params).toMatchObject({
      url: "https://bot.example.org/tg/hook",
      secret_token: "s3cret_token",
    });
    const post = (secret: string | null, update: unknown) =>
      fetch(`http://127.0.0.1:${bot!.port}/tg/hook`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
        },
        body: JSON.stringify(update),
      });
    const forged = await post("wrong", { update_id: 1, ...textUpdate("荫田镇2021年完成了多少个改厕任务？") });
    expect(forged.status).toBe(401);
    const missing = await post(null, { update_id: 2, ...textUpdate("/start") });
    expect(missing.status).toBe(401);
    expect(api.sent()).toHaveLength(0);
    const ok = await post("s3cret_token", { update_id: 3, ...textUpdate("荫田镇2021年完成了多少个改厕任务？") });
    expect(ok.status).toBe(200);
    await api.waitFor(() => api.sent().length >= 1);
    expect(texts()[0]).toContain("650");
  });
});

describe("Telegram pieces", () => {
  it("rejects a missing or malformed token with one line", () => {
    expect(() => telegramToken({ TELEGRAM_BOT_TOKEN: "" })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => telegramToken({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toThrow(/malformed/);
    expect(telegramToken({ TELEGRAM_BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc" })).toBe(
      "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc",
    );
  });
  it("splits long HTML below 4096 characters on sentence ends, keeping tags balanced", () => {
    const long = `<b>标题</b>\n${"这是一句很长的规划内容，包含数字650个。".repeat(400)}`;
    const parts = splitMessage(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect([...p].length).toBeLessThanOrEqual(4096);
      expect((p.match(/<b>/g) ?? []).length).toBe((p.match(/<\/b>/g) ?? []).length);
    }
    expect(parts.slice(0, -1).every((p) => p.endsWith("。"))).toBe(true);
    expect(parts.join("").replace(/\s/g, "")).toBe(long.replace(/\s/g, ""));
  });
  it("rate limiter is a sliding window per key", () => {
    let t = 0;
    const rl = new RateLimiter(2, 60_000, () => t);
    expect([rl.take("a"), rl.take("a"), rl.take("a"), rl.take("b")]).toEqual([true, true, false, true]);
    t = 61_000;
    expect(rl.take("a")).toBe(true);
  });
});

describe("npm run bot (the real entry point) against the stand-in", () => {
  it("builds the index on first start, answers /start, a question and an emoji-only message, and stops cleanly on SIGTERM", async () => {
    const env = {
      ...process.env,
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      INDEX_DIR: join(dir, "bot-index"),
      FEEDBACK_DB: join(dir, "bot-feedback.sqlite"),
      LOG_LEVEL: "info",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "bot"], {
      cwd: REPO,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.on("close", (code) => r(code)));
    try {
      await api.waitFor((calls) => calls.some((c) => c.method === "getUpdates"), 45_000);
      api.push(textUpdate("/start"));
      api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？"));
      api.push(textUpdate("🙂"));
      await api.waitFor(() => api.sent().length >= 3, 20_000);
      expect(texts()[0]).toContain("您好");
      expect(texts()[1]).toContain("650");
      expect(texts()[1]).toContain("来源");
      expect(texts()[2]).toMatch(/文字/);
      expect(stderr).toMatch(/building index/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});

describe("reaching the Bot API over a bad network", () => {
  it("says it is connecting, logs each failed attempt with its backoff, and starts once the Bot API answers", async () => {
    const port = await freePort();
    const late = new BotApiStandIn();
    const before = logs.length;
    const starting = startTelegram(
      loadConfig({
        TELEGRAM_BOT_TOKEN: late.token,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
        FEEDBACK_DB: join(dir, `feedback-${++n}.sqlite`),
      }),
      qa,
      log,
    );
    // the Bot API comes up after the first attempts failed
    await new Promise((r) => setTimeout(r, 1500));
    await late.start(port);
    const started = await starting;
    await started.stop();
    await late.stop();
    const said = logs.slice(before).join("\n");
    expect(said).toMatch(/connecting to the Telegram Bot API at http:\/\/127\.0\.0\.1/);
    expect(said).toMatch(/telegram: Bot API: not reachable yet \(attempt 1: .*\); retrying in 1 s/);
    expect(said).toMatch(/telegram bot @plan_qa_bot/);
  });

  it("gives up after TELEGRAM_CONNECT_TIMEOUT_S with one line naming what to set", async () => {
    const port = await freePort();
    const cfg = loadConfig({
      TELEGRAM_BOT_TOKEN: api.token,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      TELEGRAM_CONNECT_TIMEOUT_S: "2",
      FEEDBACK_DB: join(dir, `feedback-${++n}.sqlite`),
    });
    await expect(startTelegram(cfg, qa, log)).rejects.toThrow(/could not be reached in 2 s .*TELEGRAM_PROXY/);
  });

  it("goes through TELEGRAM_PROXY (or HTTPS_PROXY) for every call", async () => {
    const seen: string[] = [];
    // a forward proxy on loopback: takes absolute-URI requests and passes them on
    const proxy: Server = createServer((req, res) => {
      seen.push(req.url ?? "");
      const up = request(req.url!, { method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on("error", () => res.writeHead(502).end());
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    bot = await startTelegram(config({ HTTPS_PROXY: proxyUrl }), qa, log);
    api.push(textUpdate("荫田镇2021年完成了多少个改厕任务？"));
    await api.waitFor(() => api.sent().length >= 1);
    await bot.stop();
    bot = null;
    proxy.closeAllConnections();
    await new Promise<void>((r) => proxy.close(() => r()));
    expect(seen.some((u) => u.endsWith("/getMe"))).toBe(true);
    expect(seen.some((u) => u.endsWith("/sendMessage"))).toBe(true);
    expect(String(api.sent()[0]!.params.text)).toContain("650");
  });
});
