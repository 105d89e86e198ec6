/**
 * A small leveled logger that writes one line per event to stderr (stdout stays free for
 * `ask --json`). Every message passes through `maskPersonalData`.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * Mask mainland phone numbers (138****5678), ID card numbers (4301**********123X) and long chat
 * ids in free text.
 * @example maskPersonalData("电话13812345678") === "电话138****5678"
 */
export function maskPersonalData(s: string): string {
  return s
    .replace(/(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g, "$1********$2")
    .replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, "$1****$2")
    .replace(/(?<!\d)(0\d{2,3}-?)\d{4}(\d{3,4})(?!\d)/g, "$1****$2")
    .replace(/(chat(?:_?id)?["'=: ]+-?)(\d{3})\d{4,}/gi, "$1$2***");
}

export function createLogger(
  level: LogLevel = "info",
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const emit = (lvl: LogLevel, msg: string, data?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const extra = data && Object.keys(data).length ? ` ${JSON.stringify(data)}` : "";
    write(maskPersonalData(`[${lvl}] ${msg}${extra}`));
  };
  return {
    debug: (m, d) => emit("debug", m, d),
    info: (m, d) => emit("info", m, d),
    warn: (m, d) => emit("warn", m, d),
    error: (m, d) => emit("error", m, d),
  };
}

export const silentLogger: Logger = createLogger("silent");
