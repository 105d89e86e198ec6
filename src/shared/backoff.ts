import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

/** Network failures worth another try at start (a server still starting, a failover, a slow DNS). */
const TRANSIENT =
  /(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|Connection terminated|timeout expired|the database system is starting up|Connection is closed)/i;

function isTransient(err: unknown): boolean {
  const e = err as { code?: string; cause?: unknown };
  return (
    TRANSIENT.test(`${e?.code ?? ""} ${errorMessage(err)}`) ||
    (e?.cause !== undefined && e.cause !== err && isTransient(e.cause))
  );
}

/**
 * Try `attempt` until it succeeds, a failure is not retryable (by default: not transient), or
 * `timeoutS` would pass: one log line per failed attempt with the wait before the next
 * (`firstWaitMs`, 0.5 s by default, doubling up to `maxWaitMs`, 10 s). `timeoutS` 0 tries once.
 * The last failure is rethrown as it was.
 */
export async function withBackoff<T>(
  what: string,
  attempt: () => Promise<T>,
  opts: {
    timeoutS: number;
    log: Logger;
    retryable?: (err: unknown) => boolean;
    firstWaitMs?: number;
    maxWaitMs?: number;
  },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutS * 1000;
  const retryable = opts.retryable ?? isTransient;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const wait = Math.min(opts.maxWaitMs ?? 10_000, (opts.firstWaitMs ?? 500) * 2 ** (n - 1));
      if (!retryable(err) || Date.now() + wait > deadline) throw err;
      opts.log.warn(
        `${what}: not reachable yet (attempt ${n}: ${errorMessage(err).split("\n")[0]}); retrying in ${wait / 1000} s`,
      );
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
