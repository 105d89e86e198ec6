import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, InlineKeyboard } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { HttpProxyAgent } from "http-proxy-agent";
import { HttpsProxyAgent } from "https-proxy-agent";
import { EXAMPLE_QUESTIONS } from "../../answer/validate.js";
import type { PlanQA } from "../../app.js";
import { commitmentsPage, parseCommitmentArgs } from "../../commitments/query.js";
import { errorMessage, userMessageOf } from "../../errors.js";
import { type FeedbackSink, hashChatId } from "../../feedback/store.js";
import type { Logger } from "../../log.js";
import type { Limiter } from "../../shared/ratelimit.js";
import { answerHtml, escapeHtml, sourceHtml, splitMessage } from "./format.js";

export interface TelegramBotOptions {
  token: string;
  /** Bot API root: the official one, a self-hosted Bot API server or a test emulator. */
  apiRoot: string;
  /** An HTTP(S) proxy URL for every Bot API call. */
  proxy?: string;
  qa: PlanQA;
  feedback: FeedbackSink;
  limiter: Limiter;
  log: Logger;
  /** Salt for hashing chat ids in the feedback database. */
  salt: string;
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
}

export const TEXTS = {
  welcome: () =>
    `您好！我是乡镇规划问答助手，可以回答各镇工作计划、工作总结、政府工作要点里写了什么，并标明出处。\n\n可以这样问：\n${EXAMPLE_QUESTIONS.map((q) => `• ${q}`).join("\n")}\n\n/help 查看用法，/docs 查看收录的文件。`,
  help: "直接发文字问题即可，例如“荫田镇2021年完成了多少个改厕任务？”。\n追问可以简短，如“那2022年呢？”“东山镇呢？”。\n/source 1 查看上一条回答第1个出处的原文。\n/commitments 荫田镇 2021 列出量化目标和完成数。\n/docs 查看收录的文件。\n在群里请 @我、回复我的消息，或用 /ask 问题。",
  nonText: "目前只能回答文字问题，请用文字提问。",
  rateLimited: "提问太频繁了，请稍等一分钟再问。",
  failed: "抱歉，处理这个问题时出错了，请稍后再试。",
  thanks: "谢谢反馈！",
  noSource: "请在 /source 后写出处编号，例如 /source 1。",
};

/** The bot's commands, as shown in Telegram's menu. */
export const COMMANDS = [
  { command: "start", description: "开始使用" },
  { command: "help", description: "用法" },
  { command: "docs", description: "收录的文件" },
  { command: "source", description: "查看出处原文，如 /source 1" },
  { command: "commitments", description: "量化目标与完成数，如 /commitments 荫田镇 2021" },
  { command: "ask", description: "提问（群聊中使用）" },
];

const isGroup = (ctx: Context) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/**
 * Build the grammY bot: commands, questions (text), feedback buttons, group rules, rate limit,
 * and a guard so one chat's error never stops the others. Transport (polling or webhook) is
 * chosen by the caller.
 */
/** Bot API client options: the API root, and a proxy agent when one is set (grammY's node-fetch takes an agent). */
export function clientOptions(apiRoot: string, proxy?: string) {
  const agent = proxy
    ? apiRoot.startsWith("https:")
      ? new HttpsProxyAgent(proxy)
      : new HttpProxyAgent(proxy)
    : undefined;
  return { apiRoot, ...(agent ? { baseFetchConfig: { agent, compress: true } } : {}) };
}

export function createTelegramBot(opts: TelegramBotOptions): Bot {
  const { qa, feedback, limiter, log } = opts;
  const bot = new Bot(opts.token, {
    client: clientOptions(opts.apiRoot, opts.proxy),
    ...(opts.botInfo ? { botInfo: opts.botInfo } : {}),
  });
  // 429 and 5xx from Telegram are retried with backoff (flood waits up to a minute)
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowInternalServerErrors: false }));

  const chatKey = (ctx: Context) => `tg:${ctx.chat?.id ?? "?"}`;
  const hash = (ctx: Context) => hashChatId(ctx.chat?.id ?? "?", opts.salt);

  async function reply(ctx: Context, html: string, keyboard?: InlineKeyboard): Promise<void> {
    const parts = splitMessage(html);
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.reply(part, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(last && keyboard ? { reply_markup: keyboard } : {}),
      });
    }
  }

  async function answer(ctx: Context, question: string): Promise<void> {
    const userKey = String(ctx.from?.id ?? ctx.chat?.id ?? "?");
    if (!(await limiter.take(userKey))) {
      await ctx.reply(TEXTS.rateLimited);
      return;
    }
    // non-essential: a failing typing action never stops the answer
    ctx.replyWithChatAction("typing").catch((err: unknown) => log.debug(`sendChatAction failed: ${errorMessage(err)}`));
    const a = await qa.ask(question, { conversationId: chatKey(ctx) });
    log.info("telegram answer", { chat: hash(ctx), refused: a.refused, reason: a.reason, ms: Math.round(a.latencyMs) });
    if (a.reason === "invalid-question") {
      await ctx.reply(a.answer);
      return;
    }
    const id = await feedback.recordAnswer({
      channel: "telegram",
      chatHash: hash(ctx),
      question: a.interpretedAs ?? question,
      answer: a.answer,
      citations: a.citations,
      refused: a.refused,
    });
    const keyboard = new InlineKeyboard().text("👍", `fb:up:${id}`).text("👎", `fb:down:${id}`);
    await reply(ctx, answerHtml(a), keyboard);
  }

  // with the runner, updates of different chats run concurrently; one chat's stay in order
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  // one chat's failure: logged, the user told, the bot goes on
  bot.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      log.error(`telegram update ${ctx.update.update_id} failed: ${errorMessage(err)}`);
      await ctx.reply(userMessageOf(err, TEXTS.failed)).catch(() => undefined);
    }
  });

  bot.command("start", (ctx) => ctx.reply(TEXTS.welcome()));
  bot.command("help", (ctx) => ctx.reply(TEXTS.help));
  bot.command("docs", async (ctx) => {
    const lines = qa
      .documents()
      .map(
        (d, i) =>
          `${i + 1}. ${escapeHtml(d.title)}（${escapeHtml(d.township ?? "未署镇名")}，${d.years.join("、")}年，${d.kinds.join("+")}）`,
      );
    await reply(ctx, `<b>收录的文件（${lines.length}）</b>\n${lines.join("\n")}`);
  });
  bot.command("source", async (ctx) => {
    const n = Number((ctx.match ?? "").trim());
    if (!Number.isInteger(n) || n < 1) {
      await ctx.reply(TEXTS.noSource);
      return;
    }
    const c = await qa.source(chatKey(ctx), n);
    await (c ? reply(ctx, sourceHtml(c)) : ctx.reply(`上一条回答没有第 ${n} 个出处。`));
  });
  bot.command("commitments", async (ctx) => {
    const { filter, page } = parseCommitmentArgs(ctx.match ?? "", qa.townships());
    const label = [filter.township, filter.year].filter(Boolean).join(" ");
    const text = await commitmentsPage(
      (offset, limit) => qa.commitmentPage(filter, offset, limit),
      page,
      10,
      (p) => `/commitments ${label} ${p}`.replace(/\s+/g, " "),
    );
    await reply(ctx, escapeHtml(text));
  });
  bot.command("ask", async (ctx) => {
    const q = (ctx.match ?? "").trim();
    await (q ? answer(ctx, q) : ctx.reply("请在 /ask 后面写问题，例如：/ask 荫田镇2021年完成了多少个改厕任务？"));
  });

  bot.callbackQuery(/^fb:(up|down):([0-9a-f]{16})$/, async (ctx) => {
    const [, vote, id] = ctx.match as RegExpMatchArray;
    const ok = await feedback.vote(id!, hash(ctx), vote as "up" | "down");
    await ctx.answerCallbackQuery({ text: ok ? TEXTS.thanks : "这条回答已过期。" }).catch(() => undefined);
  });
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery().catch(() => undefined));

  bot.on("message:text", async (ctx) => {
    let text = ctx.message.text;
    if (text.startsWith("/")) {
      await ctx.reply("没有这个命令。/help 查看用法。");
      return;
    }
    if (isGroup(ctx)) {
      const me = ctx.me.username;
      const mentioned = (ctx.message.entities ?? []).some(
        (e) =>
          e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${me}`.toLowerCase(),
      );
      const repliedToMe = ctx.message.reply_to_message?.from?.id === ctx.me.id;
      if (!mentioned && !repliedToMe) return;
      text = text.replace(new RegExp(`@${me}`, "gi"), " ").trim();
    }
    await answer(ctx, text);
  });

  // photos, voice, stickers, files…: a short note (in groups only when talking to the bot)
  bot.on("message", async (ctx) => {
    if (isGroup(ctx) && ctx.message.reply_to_message?.from?.id !== ctx.me.id) return;
    await ctx.reply(TEXTS.nonText);
  });

  return bot;
}
