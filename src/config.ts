import { z } from "zod";
import { ConfigError } from "./errors.js";

/** Every setting the product reads from the environment; the only place that touches process.env. */
export const ConfigSchema = z.object({
  CORPUS_DIR: z.string().min(1).default("corpus"),
  INDEX_DIR: z.string().min(1).default("data/index"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  EMBEDDINGS: z.enum(["hashed", "ollama", "openai"]).default("hashed"),
  HASHED_DIM: z.coerce.number().int().min(64).max(4096).default(256),
  OLLAMA_BASE_URL: z.url().default("http://127.0.0.1:11434"),
  OLLAMA_EMBED_MODEL: z.string().min(1).default("bge-m3"),
  OPENAI_BASE_URL: z.url().default("http://127.0.0.1:8000/v1"),
  OPENAI_API_KEY: z.string().default(""),
  OPENAI_EMBED_MODEL: z.string().min(1).default("text-embedding-3-small"),
  EMBED_TIMEOUT_MS: z.coerce.number().int().positive().default(30000),
  HNSW_EF: z.coerce.number().int().min(10).max(4000).default(1024),
  /** BM25 on a worker thread beside the vector search: auto = from 50k chunks. */
  LEXICAL_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
  TOP_K: z.coerce.number().int().min(5).max(50).default(8),
  /** Today's date for reading 今年/去年/最新 (YYYY-MM-DD); unset: the system clock. */
  TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
    .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), "not a real date")
    .optional(),
  /**
   * What answers call the library ("现有规划文件中没有…"): auto names it by its documents (规划文件 where
   * most are plans, reviews or 要点, which also point refusals to the township office; 资料 otherwise),
   * or e.g. 文件, 政策文件, 新闻稿.
   */
  CORPUS_NOUN: z.string().min(1).max(12).default("auto"),
  MAX_QUESTION_CHARS: z.coerce.number().int().min(20).max(5000).default(500),
  ANSWERER: z.enum(["extractive", "llm"]).default("extractive"),
  LLM_BASE_URL: z.url().default("http://127.0.0.1:11434/v1"),
  LLM_MODEL: z.string().min(1).default("qwen2.5:7b-instruct"),
  LLM_API_KEY: z.string().default(""),
  /** With ANSWERER=llm: the model also rewrites residents' messages into plan-language queries. */
  LLM_REWRITE: z
    .enum(["0", "1", "false", "true"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
  TELEGRAM_BOT_TOKEN: z.string().default(""),
  TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
  /** An HTTP(S) proxy for the Bot API (Telegram is blocked in mainland China); HTTPS_PROXY when unset. */
  TELEGRAM_PROXY: z
    .string()
    .regex(/^https?:\/\/\S+$/, "an http:// or https:// proxy URL")
    .optional(),
  /** How long the bot keeps trying to reach the Bot API at start before giving up. */
  TELEGRAM_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(3600).default(300),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "1–256 characters of A–Z a–z 0–9 _ -")
    .optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(0).max(65535).default(8443),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  FEEDBACK_DB: z.string().min(1).default("data/feedback.sqlite"),
  /** Salt for hashing chat ids and openids in the feedback database and logs. */
  ID_SALT: z.string().default("plan-qa"),
  WECHAT_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WECHAT_PATH: z.string().startsWith("/").default("/wechat"),
  WECHAT_TOKEN: z.string().default(""),
  WECHAT_APPID: z.string().optional(),
  WECHAT_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, "43 characters of base64")
    .optional(),
  WECHAT_APPSECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default("https://api.weixin.qq.com"),
  WECHAT_REPLY_BUDGET_MS: z.coerce.number().int().min(50).max(4900).default(4500),
  WECHAT_HOLD_MS: z.coerce.number().int().min(0).max(10000).default(1500),
  MAX_FILE_MB: z.coerce.number().positive().max(2048).default(20),
  /** The staff web console (npm run console): loopback by default; any other address needs CONSOLE_TOKEN. */
  CONSOLE_HOST: z.string().min(1).default("127.0.0.1"),
  CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(8780),
  CONSOLE_TOKEN: z.string().min(12, "at least 12 characters").optional(),
  /** Files one upload may carry. */
  CONSOLE_MAX_FILES: z.coerce.number().int().min(1).max(200).default(20),
  /** Where the index lives: local files (one machine) or PostgreSQL + pgvector (several replicas). */
  INDEX_BACKEND: z.enum(["local", "postgres"]).default("local"),
  /** postgres://user:pass@host:port/db — the index when INDEX_BACKEND=postgres, and feedback whenever set. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "a postgres:// or postgresql:// URL")
    .optional(),
  /** How long PostgreSQL and Redis get to answer at start (retried with backoff, one line per attempt). */
  DB_CONNECT_TIMEOUT_S: z.coerce.number().int().min(0).max(600).default(30),
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(5),
  /** redis://host:port[/db] — shared bot state (conversations, rate limits, WeChat de-duplication); unset: in-process. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, "a redis:// or rediss:// URL")
    .optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parse config from an environment object; a bad value is a one-line ConfigError naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  // the usual proxy variables, when no Telegram-specific one is set
  clean.TELEGRAM_PROXY ??= clean.HTTPS_PROXY ?? clean.https_proxy;
  const parsed = ConfigSchema.safeParse(clean);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(
      `配置项 ${issue.path.join(".")} 无效 (invalid setting ${issue.path.join(".")}): ${issue.message}`,
    );
  }
  if (parsed.data.INDEX_BACKEND === "postgres" && !parsed.data.DATABASE_URL) {
    throw new ConfigError("INDEX_BACKEND=postgres 需要 DATABASE_URL (INDEX_BACKEND=postgres needs DATABASE_URL)");
  }
  return parsed.data;
}
