/**
 * Run in a fresh process by the benchmark: load an index from disk, answer one question, and
 * report the load time and the resident memory afterwards as one JSON line on stdout.
 */
import { planQAFromIndex } from "../app.js";
import { loadConfig } from "../config.js";
import { HashedNgramEmbeddings } from "../search/embeddings.js";
import { loadSearchIndex } from "../search/store.js";

const [dir, dim] = process.argv.slice(2);
const t0 = performance.now();
const index = await loadSearchIndex(dir!, new HashedNgramEmbeddings(Number(dim)));
const qa = planQAFromIndex(index, loadConfig({}));
const loadMs = performance.now() - t0;
const t1 = performance.now();
await qa.ask("改厕完成了多少户？");
const firstAnswerMs = performance.now() - t1;
process.stdout.write(`${JSON.stringify({ loadMs, firstAnswerMs, rssMb: process.memoryUsage().rss / 1024 / 1024 })}\n`);
