import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type RunnerHandle, run } from "@grammyjs/runner";
import { Api, type Bot, GrammyError, webhookCallback } from "grammy";
import type { PlanQA } from "../../app.js";
import type { Config } from "../../config.js";
import { ConfigError, errorMessage, ServiceError, safeUrl } from "../../errors.js";
import { FeedbackStore } from "../../feedback/store.js";
import type { Logger } from "../../log.js";
import type { BotState } from "../../runtime.js";
import { withBackoff } from "../../shared/backoff.js";
import { RateLimiter } from "../../shared/ratelimit.js";
import { COMMANDS, clientOptions, createTelegramBot } from "./bot.js";

const TOKEN = /^\d{3,}:[A-Za-z0-9_-]{20,}$/;

/** The token, or a one-line ConfigError saying what is wrong with it. */
export function telegramToken(config: Pick<Config, "TELEGRAM_BOT_TOKEN">): string {
  const t = config.TELEGRAM_BOT_TOKEN.trim();
  if (!t) throw new ConfigError("TELEGRAM_BOT_TOKEN 未设置 (TELEGRAM_BOT_TOKEN is not set; get one from @BotFather)");
  if (!TOKEN.test(t))
    throw new ConfigError(
      "TELEGRAM_BOT_TOKEN 格式不对 (TELEGRAM_BOT_TOKEN is malformed: expected <digits>:<secret> as issued by @BotFather)",
    );
  return t;
}

/**
 * getMe until the Bot API answers: one line saying where it connects (and through which proxy),
 * one line per failed attempt with the wait before the next (1 s, doubling, at most 30 s), and a
 * one-line error after TELEGRAM_CONNECT_TIMEOUT_S. An answer from Telegram itself (a wrong token)
 * is final at once.
 */
async function connect(bot: Bot, config: Config, log: Logger): Promise<void> {
  // getMe without the bot's auto-retry, which would retry a dead network silently for minutes
  const probe = new Api(bot.token, clientOptions(config.TELEGRAM_API_ROOT, config.TELEGRAM_PROXY));
  log.info(
    `connecting to the Telegram Bot API at ${config.TELEGRAM_API_ROOT}${config.TELEGRAM_PROXY ? ` through the proxy ${safeUrl(config.TELEGRAM_PROXY)}` : ""}…`,
  );
  try {
    // an answer from Telegram itself (a wrong token) is final at once; a network failure is retried
    const retryable = (err: unknown) => !(err instanceof GrammyError);
    bot.botInfo = await withBackoff("telegram: Bot API", () => probe.getMe(), {
      timeoutS: config.TELEGRAM_CONNECT_TIMEOUT_S,
      log,
      retryable,
      firstWaitMs: 1000,
      maxWaitMs: 30_000,
    });
  } catch (err) {
    if (err instanceof GrammyError) throw err;
    const why = errorMessage(err).split("\n")[0];
    throw new ServiceError(
      "telegram",
      `the Bot API at ${config.TELEGRAM_API_ROOT} could not be reached in ${config.TELEGRAM_CONNECT_TIMEOUT_S} s (last: ${why}); set TELEGRAM_PROXY or TELEGRAM_API_ROOT`,
      { cause: err },
    );
  }
}

export interface RunningBot {
  mode: "polling" | "webhook";
  /** The webhook server's port (webhook mode). */
  port?: number;
  stop(): Promise<void>;
}

/**
 * Start the bot: long polling through @grammyjs/runner (chats concurrently, each in order), or a
 * webhook server when TELEGRAM_WEBHOOK_URL is set (Telegram's secret_token checked on every call).
 * Non-essential calls (setMyCommands, deleteWebhook) are logged when they fail, never fatal.
 */
export async function startTelegram(
  config: Config,
  qa: PlanQA,
  log: Logger,
  state?: Pick<BotState, "limiter" | "feedback">,
): Promise<RunningBot> {
  const token = telegramToken(config);
  const feedback = state ? await state.feedback() : new FeedbackStore(config.FEEDBACK_DB);
  const bot = createTelegramBot({
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    qa,
    feedback,
    limiter: state?.limiter ?? new RateLimiter(config.RATE_LIMIT_PER_MINUTE),
    log,
    salt: config.ID_SALT,
    ...(config.TELEGRAM_PROXY ? { proxy: config.TELEGRAM_PROXY } : {}),
  });
  await connect(bot, config, log);
  log.info(`telegram bot @${bot.botInfo.username} via ${config.TELEGRAM_API_ROOT}`);
  bot.api
    .setMyCommands(COMMANDS)
    .catch((err: unknown) => log.warn(`setMyCommands failed (ignored): ${errorMessage(err)}`));

  if (config.TELEGRAM_WEBHOOK_URL) {
    const url = new URL(config.TELEGRAM_WEBHOOK_URL);
    const secret = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(24).toString("base64url");
    const handle = webhookCallback(bot, "http", {
      secretToken: secret,
      onTimeout: "return",
      timeoutMilliseconds: 9000,
    });
    const server: Server = createServer((req, res) => {
      if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== url.pathname) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((err: unknown) => {
        log.error(`webhook update failed: ${errorMessage(err)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(config.TELEGRAM_WEBHOOK_PORT, resolve));
    const port = (server.address() as { port: number }).port;
    await bot.api
      .setWebhook(url.toString(), { secret_token: secret, allowed_updates: ["message", "callback_query"] })
      .catch((err: unknown) => log.error(`setWebhook failed: ${errorMessage(err)}`));
    log.info(`telegram webhook listening on :${port}${url.pathname}`);
    return {
      mode: "webhook",
      port,
      stop: async () => {
        await new Promise<void>((r) => server.close(() => r()));
        feedback.close();
      },
    };
  }

  await bot.api
    .deleteWebhook()
    .catch((err: unknown) => log.warn(`deleteWebhook failed (ignored): ${errorMessage(err)}`));
  const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
  log.info("telegram long polling started");
  return {
    mode: "polling",
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
      feedback.close();
    },
  };
}
