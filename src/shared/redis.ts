import { Redis } from "ioredis";
import {
  type ConversationStore,
  DEFAULT_MEMORY_STORE,
  type MemoryStoreOptions,
  type Turn,
} from "../conversation/store.js";
import { errorMessage, ServiceError, safeUrl } from "../errors.js";
import type { Logger } from "../log.js";
import { withBackoff } from "./backoff.js";

/**
 * Connect to Redis, checked with a PING: a wrong URL or an unreachable server fails here with one
 * line (no retry loop in the background, no stack trace). Later outages are retried by ioredis.
 */
export async function connectRedis(url: string, log: Logger, connectTimeoutS = 0): Promise<Redis> {
  return withBackoff(`redis ${safeUrl(url)}`, () => connectRedisOnce(url, log), { timeoutS: connectTimeoutS, log });
}

async function connectRedisOnce(url: string, log: Logger): Promise<Redis> {
  const where = safeUrl(url);
  let redis: Redis;
  try {
    redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 3000,
      maxRetriesPerRequest: 2,
      retryStrategy: (n) => (n > 20 ? null : Math.min(n * 200, 2000)),
    });
    redis.options.retryStrategy = () => null; // no retries until the first connection is up
  } catch (err) {
    throw new ServiceError("redis", `invalid REDIS_URL ${where}: ${errorMessage(err)}`, { cause: err });
  }
  let lastError: (Error & { code?: string }) | null = null;
  redis.on("error", (err: Error) => {
    lastError = err;
    log.debug(`redis: ${err.message}`);
  });
  try {
    await redis.connect();
    await redis.ping();
    redis.options.retryStrategy = (n) => (n > 20 ? null : Math.min(n * 200, 2000));
  } catch (err) {
    redis.disconnect();
    // ioredis rejects with "Connection is closed."; the socket's own error says why
    const cause: { code?: string } = lastError ?? (err as { code?: string });
    const code = cause.code;
    const why =
      code === "ECONNREFUSED"
        ? "connection refused (is redis-server running there?)"
        : code === "ENOTFOUND"
          ? "host not found"
          : errorMessage(err).split("\n")[0];
    throw new ServiceError("redis", `cannot connect to ${where}: ${why}`, { cause: err });
  }
  return redis;
}

/**
 * Conversation context in Redis, shared by every replica: a list of the last turns per
 * conversation, trimmed and expiring with the same limits as the in-process store.
 */
export class RedisConversationStore implements ConversationStore {
  private readonly opts: MemoryStoreOptions;

  constructor(
    private readonly redis: Redis,
    options: Partial<MemoryStoreOptions> & { prefix?: string } = {},
    private readonly prefix = options.prefix ?? "planqa:conv:",
  ) {
    this.opts = { ...DEFAULT_MEMORY_STORE, ...options };
  }

  async get(id: string): Promise<Turn[]> {
    const raw = await this.redis.lrange(this.prefix + id, 0, -1);
    const turns: Turn[] = [];
    for (const r of raw) {
      try {
        turns.push(JSON.parse(r) as Turn);
      } catch {
        // a damaged entry is skipped, the rest of the context stays usable
      }
    }
    return turns;
  }

  async push(id: string, turn: Turn): Promise<void> {
    const key = this.prefix + id;
    await this.redis
      .multi()
      .rpush(key, JSON.stringify(turn))
      .ltrim(key, -this.opts.maxTurns, -1)
      .pexpire(key, this.opts.ttlMs)
      .exec();
  }

  async clear(id: string): Promise<void> {
    await this.redis.del(this.prefix + id);
  }
}

// sliding window: drop hits older than the window, count, add this one when under the limit (atomic)
const SLIDING_WINDOW = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return 1`;

/** The per-user limit, held across replicas: one sorted set of hit times per key, updated atomically. */
export class RedisRateLimiter {
  private seq = 0;
  constructor(
    private readonly redis: Redis,
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
    private readonly prefix = "planqa:rate:",
  ) {}

  async take(key: string): Promise<boolean> {
    const now = Date.now();
    const member = `${now}-${process.pid}-${this.seq++}-${Math.random().toString(36).slice(2, 8)}`;
    const ok = await this.redis.eval(SLIDING_WINDOW, 1, this.prefix + key, now, this.windowMs, this.perWindow, member);
    return ok === 1;
  }
}

/** A message's reply as replicas share it: being computed, done (with the text), or pushed through customer service. */
export type SharedReply = { state: "pending" } | { state: "done"; text: string } | { state: "pushed" };

/**
 * WeChat delivery state shared by replicas: the first replica to claim a MsgId computes the answer
 * (SET NX with expiry); a replica that receives the same delivery waits for that answer instead of
 * computing its own, so both reply the same text. Answers a user was told to collect with their
 * next message are kept here too.
 */
export class RedisWeChatState {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs = 120_000,
    private readonly prefix = "planqa:wx:",
  ) {}

  /** True when this caller is the one to compute the reply for `key`. */
  async claim(key: string): Promise<boolean> {
    return (
      (await this.redis.set(
        `${this.prefix}msg:${key}`,
        JSON.stringify({ state: "pending" }),
        "PX",
        this.ttlMs,
        "NX",
      )) === "OK"
    );
  }

  async publish(key: string, reply: SharedReply): Promise<void> {
    await this.redis.set(`${this.prefix}msg:${key}`, JSON.stringify(reply), "PX", this.ttlMs);
  }

  async peek(key: string): Promise<SharedReply | null> {
    const raw = await this.redis.get(`${this.prefix}msg:${key}`);
    return raw ? (JSON.parse(raw) as SharedReply) : null;
  }

  async defer(user: string, text: string, ttlMs = 30 * 60_000): Promise<void> {
    await this.redis.set(`${this.prefix}deferred:${user}`, text, "PX", ttlMs);
  }

  /** The answer waiting for this user, taken (once) — GETDEL, so two replicas cannot both hand it out. */
  async collect(user: string): Promise<string | null> {
    return this.redis.getdel(`${this.prefix}deferred:${user}`);
  }

  /**
   * The access_token every replica uses: WeChat invalidates the old token (after a grace period)
   * whenever a new one is fetched, so replicas refreshing on their own would fight each other.
   */
  get tokens(): SharedToken {
    const key = (appId: string) => `${this.prefix}token:${appId}`;
    return {
      get: async (appId) => {
        const raw = await this.redis.get(key(appId));
        return raw ? (JSON.parse(raw) as { value: string; expiresAt: number }) : null;
      },
      put: async (appId, token) => {
        await this.redis.set(key(appId), JSON.stringify(token), "PX", Math.max(1000, token.expiresAt - Date.now()));
      },
      lock: async (appId, ttlMs) => (await this.redis.set(`${key(appId)}:lock`, "1", "PX", ttlMs, "NX")) === "OK",
      unlock: async (appId) => {
        await this.redis.del(`${key(appId)}:lock`);
      },
    };
  }
}

/** One access_token shared by replicas: read it, store a fresh one, and a lock so one replica refreshes at a time. */
export interface SharedToken {
  get(appId: string): Promise<{ value: string; expiresAt: number } | null>;
  put(appId: string, token: { value: string; expiresAt: number }): Promise<void>;
  lock(appId: string, ttlMs: number): Promise<boolean>;
  unlock(appId: string): Promise<void>;
}
