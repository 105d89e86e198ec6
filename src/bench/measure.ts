/**
 * The measuring half of `npm run bench`, run in a fresh process that holds only the saved index
 * (as the bot would): cold load and RSS, warm retrieval and answer latency, throughput with 16
 * concurrent askers, ANN recall against an exact scan, the ef sweep, and BM25 against MiniSearch.
 * Prints one JSON line.
 */

import { readFileSync } from "node:fs";
import MiniSearch from "minisearch";
import { planQAFromIndex } from "../app.js";
import { loadConfig } from "../config.js";
import { percentile } from "../eval/metrics.js";
import { exactSearch } from "../retrieve/hybrid.js";
import { analyzeQuestion } from "../retrieve/question.js";
import { HashedNgramEmbeddings } from "../search/embeddings.js";
import { indexText, loadSearchIndex, readGraph } from "../search/store.js";
import { words } from "../search/tokenize.js";
import { benchQuestions } from "./questions.js";

const round = (x: number, d = 2) => Number(x.toFixed(d));

const [indexDir, dimArg, nArg, pairsFile, seedArg] = process.argv.slice(2);
const DIM = Number(dimArg);
const pairs = JSON.parse(readFileSync(pairsFile!, "utf8")) as Array<[string, number]>;
const seed = Number(seedArg);

const t0 = performance.now();
const index = await loadSearchIndex(indexDir!, new HashedNgramEmbeddings(DIM));
const qa = planQAFromIndex(index, loadConfig({}));
const loadMs = performance.now() - t0;
const rssMb = process.memoryUsage().rss / 2 ** 20;
const t1 = performance.now();
await qa.ask("改厕完成了多少户？");
const cold = { loadMs, firstAnswerMs: performance.now() - t1, rssMb };
const chunks = index.chunks.length;

const questions = await benchQuestions(Number(nArg), pairs, seed);
await qa.retriever.lexical.whenReady(); // a worker for BM25 (large indexes) starts once the process is idle
for (const q of questions.slice(0, 50)) await qa.ask(q); // warm-up

const retrievalMs: number[] = [];
for (const q of questions) {
  const s = performance.now();
  await qa.retriever.search(q, analyzeQuestion(q, qa.retriever.townships));
  retrievalMs.push(performance.now() - s);
}
const answerMs: number[] = [];
/** The same latencies split: a refusal is cheaper than an answer (about half the questions are refused). */
const answeredMs: number[] = [];
const refusedMs: number[] = [];
let refused = 0;
for (const q of questions) {
  const a = await qa.ask(q);
  answerMs.push(a.latencyMs);
  (a.refused ? refusedMs : answeredMs).push(a.latencyMs);
  if (a.refused) refused++;
}
// 16 concurrent askers sharing the process (one event loop, as in the bot)
const tc = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < questions.length) await qa.ask(questions[next++]!);
  }),
);
const throughput = questions.length / ((performance.now() - tc) / 1000);
// resident once serving: the BM25 worker (large indexes), the commitments columns and the lists built on first use
const servingRssMb = process.memoryUsage().rss / 2 ** 20;

// vectors: our ANN (hnswlib, ef as configured) against the exact scan over the same vectors.
// Above 300k chunks the plain scan takes about a second a question: 100 questions suffice.
const baselineQuestions = chunks > 300_000 ? questions.slice(0, 100) : questions;
const qvecs = await Promise.all(baselineQuestions.map((q) => index.embeddings.embedQuery(q)));
// ground truth: exact cosine over the float vectors hnswlib holds (not the int8 copy). A
// province-sized index serves without its graph: it is read here, after the serving numbers.
const graph =
  index.vectors?.index ?? (await readGraph(indexDir!, index.chunks.length, index.manifest.embedder.dimension));
graph.setEf(loadConfig({}).HNSW_EF);
const dim = index.manifest.embedder.dimension;
const floats = new Float32Array(chunks * dim);
for (let i = 0; i < chunks; i++) {
  const v = graph.getPoint(i);
  const n = Math.hypot(...v) || 1;
  for (let d = 0; d < dim; d++) floats[i * dim + d] = v[d]! / n;
}
const exactMatrix = { dim, data: floats };
const annMs: number[] = [];
const exactMs: number[] = [];
const simdMs: number[] = [];
// Recall counts a returned neighbour as right when its exact similarity reaches the 10th exact
// one (within 1e-5): the synthetic corpora hold many copies of one sentence, whose vectors tie,
// and which of the tied copies fills the last places is arbitrary (ann-benchmarks counts recall
// by the same distance threshold). The strict overlap of ids is reported beside it.
const cosine = (v: number[], i: number) => {
  const n = Math.hypot(...v) || 1;
  let dot = 0;
  for (let d = 0; d < dim; d++) dot += floats[i * dim + d]! * (v[d]! / n);
  return dot;
};
const truths = qvecs.map((v) => exactSearch(exactMatrix, v, 10));
const score = (v: number[], truth: Array<{ index: number; similarity: number }>, found: number[]) => {
  const ids = new Set(truth.map((e) => e.index));
  const floor = (truth[truth.length - 1]?.similarity ?? -1) - 1e-5;
  return {
    strict: found.filter((x) => ids.has(x)).length,
    ties: Math.min(truth.length, found.filter((x) => cosine(v, x) >= floor).length),
  };
};
let hit = 0;
let strictHit = 0;
qvecs.forEach((v, j) => {
  let s = performance.now();
  const ann = graph.searchKnn(v, 10).neighbors;
  annMs.push(performance.now() - s);
  s = performance.now();
  exactSearch(exactMatrix, v, 10);
  exactMs.push(performance.now() - s);
  // our own exact scan: int8 rows with WebAssembly SIMD (what filtered questions use)
  s = performance.now();
  exactSearch(index.matrix!, v, 10);
  simdMs.push(performance.now() - s);
  const r = score(v, truths[j]!, ann);
  hit += r.ties;
  strictHit += r.strict;
});
const recallAt10 = hit / (qvecs.length * 10);
const strictRecallAt10 = strictHit / (qvecs.length * 10);
// what an unfiltered question's vector search returns when served: the graph's walk, or from
// SPLIT_SCAN_FROM chunks the exact int8 scan split across cores
let served = 0;
for (const [j, v] of qvecs.entries()) {
  const found = qa.retriever.shards
    ? (await qa.retriever.shards.search(v, 10)).map((h) => h.index)
    : graph.searchKnn(v, 10).neighbors;
  served += score(v, truths[j]!, found).ties;
}
const servedRecallAt10 = served / (qvecs.length * 10);
// the recall/latency trade-off of the query-time search breadth
const efSweep: Array<{ ef: number; recallAt10: number; strictRecallAt10: number; p95Ms: number }> = [];
for (const ef of [128, 256, 512, 1024, 2048]) {
  graph.setEf(ef);
  let h = 0;
  let hs = 0;
  const ms: number[] = [];
  qvecs.forEach((v, j) => {
    const s = performance.now();
    const r = graph.searchKnn(v, 10).neighbors;
    ms.push(performance.now() - s);
    const c = score(v, truths[j]!, r);
    h += c.ties;
    hs += c.strict;
  });
  efSweep.push({
    ef,
    recallAt10: round(h / (qvecs.length * 10), 4),
    strictRecallAt10: round(hs / (qvecs.length * 10), 4),
    p95Ms: round(percentile(ms, 95), 3),
  });
}
graph.setEf(loadConfig({}).HNSW_EF);

// lexical: our BM25 against MiniSearch (BM25) with the same jieba words
const lexQueries = questions.map((q) => qa.retriever.lexicalQuery(q, []));
const oursLexMs: number[] = [];
for (const lq of lexQueries) {
  const s = performance.now();
  index.bm25.search(lq, 50);
  oursLexMs.push(performance.now() - s);
}
// MiniSearch keeps every token of every chunk in JavaScript objects: above 300k chunks its build
// takes tens of minutes and gigabytes, so the comparison is made up to 100k
let miniBuildMs = NaN;
const miniMs: number[] = [];
if (chunks <= 300_000) {
  const tm = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({
    fields: ["text"],
    tokenize: (t) => words(t),
    processTerm: (t) => t,
  });
  mini.addAll(index.chunks.map((c, i) => ({ id: i, text: indexText(c) })));
  miniBuildMs = performance.now() - tm;
  // MiniSearch is slow at scale; 100 questions are enough for its p95
  for (const q of questions.slice(0, 100)) {
    const s = performance.now();
    mini.search(q).slice(0, 50);
    miniMs.push(performance.now() - s);
  }
}

process.stdout.write(
  `${JSON.stringify({ cold, servingRssMb, retrievalMs, answerMs, answeredMs, refusedMs, refused, throughput, annMs, exactMs, simdMs, recallAt10, strictRecallAt10, servedRecallAt10, servedBy: qa.retriever.shards ? "split exact scan" : "graph", efSweep, oursLexMs, miniMs, miniBuildMs, questions })}\n`,
);
