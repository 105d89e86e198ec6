import hnswlib from "hnswlib-node";
import { readFile } from "node:fs/promises";
import { ingestCorpus } from "../src/ingest/pipeline.js";
import { silentLogger } from "../src/log.js";
import { HashedNgramEmbeddings } from "../src/search/embeddings.js";
import { indexText } from "../src/search/store.js";
import { exactSearch } from "../src/retrieve/hybrid.js";
const ing = await ingestCorpus("/tmp/gen100k", { log: silentLogger });
const texts = ing.chunks.map(indexText);
const qs: string[] = [];
for (const f of ["tests/eval/questions.jsonl", "tests/eval/confusable/questions.jsonl"]) for (const l of (await readFile(f, "utf8")).split("\n").filter(Boolean)) qs.push(JSON.parse(l).question);
for (const [dim, M, efC] of [[128, 24, 100], [256, 32, 200], [128, 32, 200]] as const) {
  const emb = new HashedNgramEmbeddings(dim);
  emb.fit(texts);
  const vecs = await emb.embedDocuments(texts);
  const matrix = new Float32Array(vecs.length * dim);
  vecs.forEach((v, i) => { const n = Math.hypot(...v) || 1; v.forEach((x, d) => (matrix[i * dim + d] = x / n)); });
  const qv = await Promise.all(qs.slice(0, 200).map((q) => emb.embedQuery(q)));
  const truth = qv.map((v) => new Set(exactSearch(matrix, v, 10).map((e) => e.index)));
  const idx = new hnswlib.HierarchicalNSW("cosine", dim);
  idx.initIndex(vecs.length, M, efC);
  const t = performance.now();
  vecs.forEach((v, i) => idx.addPoint(v, i));
  const ins = vecs.length / ((performance.now() - t) / 1000);
  for (const ef of [256, 512, 1024]) {
    idx.setEf(ef);
    let hit = 0; const ms: number[] = [];
    qv.forEach((v, j) => { const s = performance.now(); const r = idx.searchKnn(v, 10).neighbors; ms.push(performance.now() - s); hit += r.filter((x) => truth[j]!.has(x)).length; });
    ms.sort((a, b) => a - b);
    console.log(JSON.stringify({ dim, M, efC, ins: Math.round(ins), ef, recall: (hit / (qv.length * 10)).toFixed(3), p95: ms[Math.floor(ms.length * 0.95)]!.toFixed(2) }));
  }
}
