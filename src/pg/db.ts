import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { errorMessage, ServiceError, safeUrl } from "../errors.js";
import type { Logger } from "../log.js";
import { withBackoff } from "../shared/backoff.js";

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** Why a connection failed, in words an operator can act on. */
function connectReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return "connection refused (is the server running on that host and port?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found";
    case "28P01":
    case "28000":
      return "authentication failed";
    case "3D000":
      return "database does not exist";
    case "ETIMEDOUT":
      return "timed out";
    default:
      return errorMessage(err).split("\n")[0]!.slice(0, 200) || "unknown error";
  }
}

/**
 * A connection pool to PostgreSQL, checked with one round trip: a wrong URL or an unreachable
 * server fails here with one line naming the host (never the password). Every connection searches
 * the HNSW index with the iterative scan, so a filtered kNN query still returns k rows.
 */
export async function connectPostgres(
  url: string,
  opts: { poolSize?: number; log: Logger; connectTimeoutS?: number },
): Promise<Pool> {
  const where = safeUrl(url);
  let pool: Pool;
  try {
    pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 5,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      // every session searches HNSW wider and goes on past rows a WHERE filter rejects (pgvector ≥ 0.8)
      options: "-c hnsw.ef_search=200 -c hnsw.iterative_scan=relaxed_order",
    });
  } catch (err) {
    throw new ServiceError("postgres", `invalid DATABASE_URL ${where}: ${connectReason(err)}`, { cause: err });
  }
  pool.on("error", (err) => opts.log.warn(`postgres: idle connection lost: ${errorMessage(err)}`));

  try {
    // a server still starting (or failing over) gets a bounded time, one line per attempt
    await withBackoff(`postgres ${where}`, () => pool.query("SELECT 1"), {
      timeoutS: opts.connectTimeoutS ?? 0,
      log: opts.log,
    });
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new ServiceError("postgres", `cannot connect to ${where}: ${connectReason(err)}`, { cause: err });
  }
  return pool;
}

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
/** Any fixed number: the advisory lock that serialises migrations and ingests across processes. */
export const LOCK_MIGRATE = 72_450_101;
export const LOCK_INGEST = 72_450_102;

/** The versioned SQL files, in order ("001_index.sql" → version 1). */
export async function migrationFiles(): Promise<Array<{ version: number; name: string; sql: string }>> {
  const names = (await readdir(MIGRATIONS_DIR)).filter((n) => /^\d{3}_[\w-]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({
      version: Number(name.slice(0, 3)),
      name,
      sql: await readFile(MIGRATIONS_DIR + name, "utf8"),
    })),
  );
}

/**
 * Apply the migrations not applied yet, each in its own transaction, under an advisory lock so
 * replicas starting together apply each one once. Returns the names applied.
 */
export async function migrate(pool: Pool, log: Logger): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_MIGRATE]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS planqa_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await client.query<{ version: number }>("SELECT version FROM planqa_migrations")).rows.map((r) => r.version),
    );
    for (const m of await migrationFiles()) {
      if (done.has(m.version)) continue;
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query("INSERT INTO planqa_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        const hint = /extension "vector"/.test(errorMessage(err)) ? " (the server needs the pgvector extension)" : "";
        throw new ServiceError("postgres", `migration ${m.name} failed: ${errorMessage(err).split("\n")[0]}${hint}`, {
          cause: err,
        });
      }
      applied.push(m.name);
      log.info(`postgres: applied migration ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_MIGRATE]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Run `fn` in a transaction on one pooled connection. */
export async function transaction<T>(pool: Pool, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** pgvector's text form of a vector. */
export const vectorLiteral = (v: ArrayLike<number>) =>
  `[${Array.from(v, (x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;
