import { parseArgs } from "node:util";
import { startPglite } from "../src/pg/pglite-server.js";

const { values } = parseArgs({ options: { port: { type: "string", default: "5433" }, data: { type: "string" } } });
const pg = await startPglite({ port: Number(values.port), ...(values.data ? { dataDir: values.data } : {}) });
process.stdout.write(`PGlite (PostgreSQL + pgvector) listening: DATABASE_URL=${pg.url}\n`);
const stop = () => void pg.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
