/**
 * PostgreSQL + pgvector without a server install: PGlite (Postgres compiled to WebAssembly, in
 * this process) served over TCP by pglite-socket, so the product and `psql` connect to it as to a
 * real server. For trying INDEX_BACKEND=postgres on one machine and for the tests; production
 * runs a real PostgreSQL with pgvector. PGlite is single-process: it serves one query at a time.
 *
 *   npm run pglite -- [--port 5433] [--data data/pglite]    (no --data: in memory)
 */
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite/vector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface RunningPglite {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPglite(opts: { port?: number; dataDir?: string } = {}): Promise<RunningPglite> {
  const db = await PGlite.create({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: opts.port ?? 0, host: "127.0.0.1", maxConnections: 32 });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
