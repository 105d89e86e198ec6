import type { Redis } from "ioredis";
import type { Config } from "./config.js";
import { type ConversationStore, MemoryConversationStore } from "./conversation/store.js";
import { type FeedbackSink, FeedbackStore } from "./feedback/store.js";
import type { Logger } from "./log.js";
import { type Limiter, RateLimiter } from "./shared/ratelimit.js";
import type { RedisWeChatState } from "./shared/redis.js";

/**
 * The state a bot process keeps besides the index: conversation context, rate limits, WeChat
 * delivery state and feedback. With REDIS_URL the first three live in Redis and every replica
 * shares them; with DATABASE_URL feedback goes to PostgreSQL; otherwise all of it stays in this
 * process (and feedback in SQLite), as on one machine.
 */
export interface BotState {
  conversations: ConversationStore;
  limiter: Limiter;
  wechat?: RedisWeChatState;
  feedback(): Promise<FeedbackSink>;
  close(): Promise<void>;
}

export async function openBotState(config: Config, log: Logger): Promise<BotState> {
  let redis: Redis | null = null;
  let conversations: ConversationStore = new MemoryConversationStore();
  let limiter: Limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  let wechat: RedisWeChatState | undefined;
  if (config.REDIS_URL) {
    const { connectRedis, RedisConversationStore, RedisRateLimiter, RedisWeChatState } = await import(
      "./shared/redis.js"
    );
    redis = await connectRedis(config.REDIS_URL, log, config.DB_CONNECT_TIMEOUT_S);
    conversations = new RedisConversationStore(redis);
    limiter = new RedisRateLimiter(redis, config.RATE_LIMIT_PER_MINUTE);
    wechat = new RedisWeChatState(redis);
    log.info("shared state in redis (conversations, rate limits, wechat de-duplication)");
  }
  const sinks: FeedbackSink[] = [];
  return {
    conversations,
    limiter,
    ...(wechat ? { wechat } : {}),
    async feedback() {
      let sink: FeedbackSink;
      if (config.DATABASE_URL) {
        const { connectPostgres, migrate } = await import("./pg/db.js");
        const { PgFeedbackStore } = await import("./pg/feedback.js");
        const pool = await connectPostgres(config.DATABASE_URL, {
          poolSize: 2,
          log,
          connectTimeoutS: config.DB_CONNECT_TIMEOUT_S,
        });
        await migrate(pool, log);
        sink = new PgFeedbackStore(pool);
      } else sink = new FeedbackStore(config.FEEDBACK_DB);
      sinks.push(sink);
      return sink;
    },
    async close() {
      for (const s of sinks) await s.close();
      redis?.disconnect();
    },
  };
}
