/**
 * The PostgreSQL backend measured on this machine: ingest rate and query latency (retrieval and
 * full answer, warm) on a generated corpus, through node-postgres over TCP to PGlite (pgvector)
 * served by pglite-socket — or to DATABASE_URL when set (a real server).
 *
 *   npm run bench:pg -- [--sizes 1000,10000] [--questions 200]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { planQAFromBackend } from "../app.js";
import { loadConfig } from "../config.js";
import { percentile } from "../eval/metrics.js";
import { silentLogger } from "../log.js";
import { PgBackend } from "../pg/backend.js";
import { connectPostgres, migrate } from "../pg/db.js";
import { ingestToPostgres } from "../pg/ingest.js";
import { startPglite } from "../pg/pglite-server.js";
import { analyzeQuestion } from "../retrieve/question.js";
import { HashedNgramEmbeddings } from "../search/embeddings.js";
import { generateCorpus } from "./generate.js";
import { benchQuestions } from "./questions.js";

const REPO = resolve(import.meta.dirname, "../..");
const TEMPLATE_DIRS = ["corpus", "tests/eval/confusable/corpus", "tests/eval/confusable-holdout/corpus"].map((d) =>
  join(REPO, d),
);
const { values } = parseArgs({
  options: { sizes: { type: "string", default: "1000,10000" }, questions: { type: "string", default: "200" } },
});
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

for (const size of values.sizes!.split(",").map(Number)) {
  const work = await mkdtemp(join(tmpdir(), `planqa-pgbench-${size}-`));
  const server = process.env.DATABASE_URL ? null : await startPglite();
  const url = process.env.DATABASE_URL ?? server!.url;
  const pool = await connectPostgres(url, { poolSize: 4, log: silentLogger });
  try {
    const gen = await generateCorpus({
      targetChunks: size,
      outDir: join(work, "corpus"),
      seed: size,
      templateDirs: TEMPLATE_DIRS,
      charsPerChunk: 100,
    });
    await migrate(pool, silentLogger);
    const embeddings = new HashedNgramEmbeddings(256);
    const t0 = performance.now();
    const report = await ingestToPostgres(pool, { corpusDir: gen.dir, embeddings, log: silentLogger, force: true });
    const ingestSec = (performance.now() - t0) / 1000;
    const backend = await PgBackend.open(pool, embeddings, silentLogger);
    const qa = planQAFromBackend(backend, loadConfig({}));
    const questions = await benchQuestions(Number(values.questions), gen.pairs, size);
    for (const q of questions.slice(0, 20)) await qa.ask(q);
    const retrieval: number[] = [];
    const answer: number[] = [];
    for (const q of questions) {
      let s = performance.now();
      await backend.search(q, analyzeQuestion(q, backend.townships()));
      retrieval.push(performance.now() - s);
      s = performance.now();
      await qa.ask(q);
      answer.push(performance.now() - s);
    }
    const row = {
      server: server ? "PGlite 0.3.15 (WASM, one process) via pglite-socket" : "DATABASE_URL",
      chunks: report.chunkTotal,
      ingestSec: round(ingestSec, 1),
      chunksPerSec: Math.round(report.chunkTotal / ingestSec),
      retrievalMs: { p50: round(percentile(retrieval, 50)), p95: round(percentile(retrieval, 95)) },
      answerMs: { p50: round(percentile(answer, 50)), p95: round(percentile(answer, 95)) },
      questions: questions.length,
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  } finally {
    await pool.end();
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  }
}
