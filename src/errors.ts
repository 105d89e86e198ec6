/**
 * Errors that carry what a developer needs (code, detail, cause) and what a user should read (a
 * short Chinese message). Channels show `userMessage`; logs keep the rest.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

/** One corpus file could not be read; ingest reports it and goes on with the rest. */
export class IngestFileError extends AppError {
  constructor(
    readonly file: string,
    readonly reason: string,
    userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`ingest:${reason}`, `${file}: ${reason}`, userMessage, options);
    this.name = "IngestFileError";
  }
}

/** The configuration is invalid; the message names the variable. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super("config", message, "配置有误，请联系管理员。");
    this.name = "ConfigError";
  }
}

/** An embedding or model provider failed (unreachable, bad response). */
export class ProviderError extends AppError {
  constructor(provider: string, message: string, options?: { cause?: unknown }) {
    super("provider", `${provider}: ${message}`, "向量服务暂时不可用，请稍后再试。", options);
    this.name = "ProviderError";
  }
}

/**
 * What a chat user reads for a failure: a typed error's own short Chinese message
 * ("向量服务暂时不可用，请稍后再试。"), else the channel's general one. Logs keep the detail.
 */
export function userMessageOf(err: unknown, fallback: string): string {
  return err instanceof AppError && err.userMessage ? err.userMessage : fallback;
}

/** An index folder cannot be read as it stands (another version wrote it, or its parts disagree). */
export class IndexError extends AppError {
  constructor(
    readonly indexDir: string,
    readonly reason: "version" | "inconsistent",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`index:${reason}`, `${indexDir}: ${message}`, "索引需要重建，请联系管理员运行 npm run ingest。", options);
    this.name = "IndexError";
  }
}

/** A request body a channel cannot accept (malformed XML, a forged signature): the sender is told 400. */
export class RequestError extends AppError {
  constructor(
    readonly channel: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`request:${channel}`, `${channel}: ${message}`, "请求格式有误。", options);
    this.name = "RequestError";
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** A server the product depends on (PostgreSQL, Redis) is unreachable or refused us. */
export class ServiceError extends AppError {
  constructor(service: "postgres" | "redis" | "telegram", message: string, options?: { cause?: unknown }) {
    const user = {
      postgres: "无法连接数据库，请检查 DATABASE_URL。",
      redis: "无法连接 Redis，请检查 REDIS_URL。",
      telegram: "无法连接 Telegram，请检查网络或代理（TELEGRAM_PROXY）。",
    }[service];
    super(service, `${service}: ${message}`, user, options);
    this.name = "ServiceError";
  }
}

/** Where a connection URL points, without its password (for messages and logs). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname.length > 1 ? u.pathname : ""}`;
  } catch {
    return "(unparseable URL)";
  }
}
