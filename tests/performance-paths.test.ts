/**
 * The fast paths of the search core against their plain references: the WebAssembly SIMD int8
 * scan against the scalar scan, BM25 with narrow-filter galloping against scoring every posting,
 * BM25 on a worker thread against BM25 here, the graph built on a worker thread against the graph
 * built inline, and the hashed embedder
 * against vectors pinned from its earlier string-keyed implementation
 * (so saved indexes, which record the embedder id, stay valid).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { compileDots } from "../scripts/build-wasm.js";
import { rng } from "../src/bench/generate.js";
import { cleanText } from "../src/ingest/clean.js";
import {
  exactSearch,
  HybridRetriever,
  type RetrievalResult,
  scalarExactSearch,
  scanBeatsGraph,
} from "../src/retrieve/hybrid.js";
import { Bm25Index } from "../src/search/bm25.js";
import { HashedNgramEmbeddings, type PlanEmbeddings } from "../src/search/embeddings.js";
import { graphBuilder } from "../src/search/graph/build.js";
import { LexicalWorker } from "../src/search/lexical/client.js";
import { DOTS_WASM_BASE64 } from "../src/search/simd/dots.wasm.js";
import { createInt8Rows, simdAvailable } from "../src/search/simd/scan.js";
import { quantizeRow } from "../src/search/store.js";
import { lexicalTokens } from "../src/search/tokenize.js";
import { TopK } from "../src/search/topk.js";
import { REPO, shippedCore } from "./helpers/core.js";

/** Unit rows quantised the way the index stores them (int8, a scale per row). */
function fillRows(n: number, dim: number, gen: (i: number, d: number) => number, simd = true) {
  const m = createInt8Rows(n, dim, { simd });
  for (let i = 0; i < n; i++)
    quantizeRow(
      m,
      i,
      Array.from({ length: dim }, (_, d) => gen(i, d)),
    );
  return m;
}

describe("int8 exact scan with WebAssembly SIMD", () => {
  it("ships the bytes that dots.wat compiles to", async () => {
    expect(Buffer.from(await compileDots()).toString("base64")).toBe(DOTS_WASM_BASE64);
  });

  it("runs here, and ranks like the scalar scan with and without a row filter", () => {
    expect(simdAvailable()).toBe(true);
    for (const dim of [16, 256, 1024]) {
      const rand = rng(dim);
      // more rows than one call's block (4,096), and a coarse grid of values so that ties occur
      const n = 9000;
      const m = fillRows(n, dim, () => Math.round((rand() - 0.5) * 8));
      expect(m.topK).toBeTypeOf("function");
      const plain = { dim, data: m.data, scales: m.scales };
      const filter = Int32Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.3);
      for (let t = 0; t < 5; t++) {
        const q = Array.from({ length: dim }, () => rand() - 0.5);
        for (const rows of [undefined, filter]) {
          const fast = exactSearch(m, q, 20, rows);
          const slow = scalarExactSearch(plain, q, 20, rows);
          expect(fast).toHaveLength(20);
          fast.forEach((h, r) => expect(h.similarity).toBeCloseTo(slow[r]!.similarity, 4));
          if (rows) expect(fast.every((h) => rows.includes(h.index))).toBe(true);
        }
      }
    }
  });

  it("does not overflow on the largest possible dot product", () => {
    const dim = 1024;
    // every row is the same one-hot vector as the query: the int32 sum reaches its bound
    const m = fillRows(3, dim, (_, d) => (d === 7 ? 1 : 0));
    const q = Array.from({ length: dim }, (_, d) => (d === 7 ? 5 : 0));
    expect(exactSearch(m, q, 3).map((h) => Number(h.similarity.toFixed(4)))).toEqual([1, 1, 1]);
    const dense = fillRows(2, dim, () => 1);
    expect(
      exactSearch(
        dense,
        Array.from({ length: dim }, () => 3),
        1,
      )[0]!.similarity,
    ).toBeCloseTo(1, 3);
  });

  it("falls back to plain arrays when asked or when the dimension does not fit the lanes", () => {
    expect(createInt8Rows(4, 16, { simd: false }).topK).toBeUndefined();
    expect(createInt8Rows(4, 20).topK).toBeUndefined();
    const m = fillRows(50, 20, (i, d) => Math.sin(i * 7 + d));
    expect(
      exactSearch(
        m,
        Array.from({ length: 20 }, (_, d) => Math.sin(d)),
        1,
      )[0]!.index,
    ).toBe(0);
  });

  it("chooses a scan over the graph walk by measured cost", () => {
    expect(scanBeatsGraph(100_000, 110_510, true)).toBe(true);
    expect(scanBeatsGraph(110_000, 110_510, true)).toBe(false);
    expect(scanBeatsGraph(100_000, 1_000_000, true)).toBe(true);
    expect(scanBeatsGraph(500_000, 1_000_000, true)).toBe(false);
    expect(scanBeatsGraph(20_000, 110_000, false)).toBe(false);
    expect(scanBeatsGraph(1_500, 5_000, false)).toBe(true);
  });
});

/** The shipped corpus cut into overlapping pieces, four times over (long enough postings to gallop). */
async function repeatedCorpus(): Promise<string[]> {
  const dir = join(REPO, "corpus");
  const texts: string[] = [];
  for (const f of await readdir(dir)) {
    if (!f.endsWith(".txt") && !f.endsWith(".md")) continue;
    const t = cleanText(await readFile(join(dir, f), "utf8")).text;
    for (let i = 0; i < t.length; i += 120) texts.push(t.slice(i, i + 160));
  }
  return [...texts, ...texts, ...texts, ...texts];
}

describe("BM25 search paths", () => {
  it("narrow filters and full scans give the scores of scoring every posting", async () => {
    const docs = await repeatedCorpus();
    const bm = Bm25Index.build(docs.map(lexicalTokens));
    const rand = rng(3);
    // the last question's common words give more postings than documents (the sweeping path)
    const questions = [
      "改厕任务完成了多少户",
      "低保 特困 救助",
      "高标准农田建设",
      "道路 硬化 通组公路",
      "党建 拉练",
      "招商引资 项目",
      "全镇 工作 推进 开展 建设 加强 完成 年 镇 村",
    ];
    const postings = (q: string) =>
      lexicalTokens(q).reduce((n, t) => n + docs.filter((d) => lexicalTokens(d).includes(t)).length, 0);
    expect(postings(questions.at(-1)!)).toBeGreaterThan(docs.length);
    let narrow = 0;
    for (const q of questions) {
      const query = lexicalTokens(q).map((term, i) => ({ term, weight: i % 3 === 0 ? 0.4 : 1 }));
      for (const share of [0.005, 0.02, 0.3, 1]) {
        const allowed = Int32Array.from({ length: docs.length }, (_, i) => i).filter(() => rand() < share);
        const set = new Set(allowed);
        const allow = share < 1 ? (i: number) => set.has(i) : undefined;
        const fast = bm.search(query, 20, allow, share < 1 ? allowed : undefined);
        const slow = bm.searchExhaustive(query, 20, allow);
        expect(fast.map((h) => h.score.toFixed(9))).toEqual(slow.map((h) => h.score.toFixed(9)));
        expect(fast.map((h) => h.index)).toEqual(slow.map((h) => h.index)); // ties too: lower index first, in every path
        expect(fast.every((h) => !allow || allow(h.index))).toBe(true);
        if (share <= 0.005) narrow += fast.length;
      }
    }
    expect(narrow).toBeGreaterThan(0); // the narrow filters did find documents
    // serialising keeps every score
    const { header, body } = bm.serialize();
    const back = Bm25Index.deserialize(header, body);
    const query = lexicalTokens("改厕任务").map((term) => ({ term, weight: 1 }));
    expect(back.search(query, 10)).toEqual(bm.search(query, 10));
    // the impacts are saved: a read index saves the same bytes again
    expect(back.serialize().body.equals(body)).toBe(true);
  });
});

describe("concurrent questions", () => {
  it("keep their own filters when the vector side waits for an embedding", async () => {
    const { qa, cleanup } = await shippedCore();
    try {
      // no int8 rows, so filters go through hnswlib's filter callback; an embedder that answers
      // on a later turn of the event loop, as a remote one does
      const slow: PlanEmbeddings = Object.assign(Object.create(qa.index.embeddings) as PlanEmbeddings, {
        embedQuery: async (text: string) => {
          await new Promise((r) => setTimeout(r, 5));
          return qa.index.embeddings.embedQuery(text);
        },
      });
      const retriever = new HybridRetriever({ ...qa.index, matrix: null, embeddings: slow }, { lexicalWorker: "off" });
      // a township's chunks and a year's chunks overlap
      const questions = [
        "荫田镇完成了多少个改厕任务？",
        "2021年完成了多少个改厕任务？",
        "东山镇2022年计划修多少公里路？",
        "2022年计划修多少公里路？",
      ];
      const ids = (r: RetrievalResult) => r.passages.map((p) => p.chunk.id);
      const alone: string[][] = [];
      for (const q of questions) alone.push(ids(await retriever.search(q)));
      const together = await Promise.all(questions.map((q) => retriever.search(q)));
      expect(together.map(ids)).toEqual(alone);
      expect(alone.every((x) => x.length > 0)).toBe(true);
    } finally {
      await cleanup();
    }
  });
});

describe("top-k selection", () => {
  it("keeps the same k, ties by lower index, whatever order the candidates come in", () => {
    const rand = rng(5);
    const items = Array.from({ length: 300 }, (_, i) => ({ index: i, score: Math.floor(rand() * 20) }));
    const expected = [...items].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 25);
    for (let round = 0; round < 5; round++) {
      const shuffled = [...items].sort(() => rand() - 0.5);
      const top = new TopK(25);
      for (const x of shuffled) top.push(x.index, x.score);
      expect(top.result()).toEqual(expected);
    }
  });
});

describe("BM25 on a worker thread", () => {
  it("gives this thread's results, and searches here once the worker is gone", async () => {
    const docs = await repeatedCorpus();
    const bm = Bm25Index.build(docs.map(lexicalTokens));
    const failures: string[] = [];
    const worker = new LexicalWorker(bm, (m) => failures.push(m), 0); // every search goes to the worker
    const rand = rng(11);
    const cases = ["改厕任务完成了多少户", "低保 特困 救助", "党建 拉练"].flatMap((q) =>
      [0.01, 0.4, 1].map((share) => {
        const query = lexicalTokens(q).map((term) => ({ term, weight: 1 }));
        const list =
          share < 1 ? Int32Array.from({ length: docs.length }, (_, i) => i).filter(() => rand() < share) : null;
        const set = new Set(list);
        return { query, list, allow: list ? (i: number) => set.has(i) : undefined };
      }),
    );
    try {
      // until the worker is ready, searches run here
      expect(worker.ready).toBe(false);
      expect(await worker.search(cases[0]!.query, 15, undefined, null)).toEqual(bm.search(cases[0]!.query, 15));
      expect(await worker.whenReady()).toBe(true);
      // all in flight at once: answers come back to the search that asked
      const remote = await Promise.all(cases.map((c) => worker.search(c.query, 15, c.allow, c.list)));
      remote.forEach((hits, i) =>
        expect(hits).toEqual(bm.search(cases[i]!.query, 15, cases[i]!.allow, cases[i]!.list ?? undefined)),
      );
      expect(remote.flat().length).toBeGreaterThan(50);
      expect(failures).toEqual([]);
      // the worker dies: a search in flight and later ones are answered here, and the log says why
      // (in flight with a filter whose marks the caller has since reused: answered from the list)
      const inFlight = worker.search(cases[4]!.query, 15, () => false, cases[4]!.list);
      await (worker as unknown as { current: Worker }).current.terminate();
      expect(await inFlight).toEqual(bm.search(cases[4]!.query, 15, cases[4]!.allow, cases[4]!.list ?? undefined));
      expect(await worker.search(cases[4]!.query, 15, cases[4]!.allow, cases[4]!.list)).toEqual(
        bm.search(cases[4]!.query, 15, cases[4]!.allow, cases[4]!.list ?? undefined),
      );
      expect(failures.join("\n")).toMatch(/worker stopped/);
    } finally {
      await worker.close();
    }
  });

  it("shares postings read into shared memory with the worker, with the same results", async () => {
    const docs = await repeatedCorpus();
    const built = Bm25Index.build(docs.map(lexicalTokens));
    const { header, body } = built.serialize();
    const shared = new Uint8Array(new SharedArrayBuffer(body.length));
    shared.set(body);
    const bm = Bm25Index.deserialize(header, shared);
    // the postings and impacts are views of the shared bytes: nothing is copied for the worker
    const arrays = bm.arrays();
    expect(arrays.docs.buffer).toBe(shared.buffer);
    expect(arrays.impacts.buffer).toBe(shared.buffer);
    const worker = new LexicalWorker(bm, () => {}, 0);
    try {
      expect(await worker.whenReady()).toBe(true);
      for (const q of ["改厕任务完成了多少户", "低保 特困 救助", "党建 拉练"]) {
        const query = lexicalTokens(q).map((term) => ({ term, weight: 1 }));
        const hits = await worker.search(query, 15, undefined, null);
        expect(hits.length).toBeGreaterThan(0);
        expect(hits).toEqual(built.search(query, 15));
      }
    } finally {
      await worker.close();
    }
  });

  it("does not keep a process alive when idle", async () => {
    const src = (f: string) => JSON.stringify(pathToFileURL(join(REPO, "src/search", f)).href);
    const script = `
      import { Bm25Index } from ${src("bm25.ts")};
      import { LexicalWorker } from ${src("lexical/client.ts")};
      const bm = Bm25Index.build([["改厕", "任务"], ["低保"]]);
      const w = new LexicalWorker(bm, (m) => console.error(m), 0);
      if (!(await w.whenReady())) throw new Error("worker did not start");
      const hits = await w.search([{ term: "低保", weight: 1 }], 5, undefined, null);
      console.log(JSON.stringify(hits.map((h) => h.index)));
    `;
    const dir = await mkdtemp(join(tmpdir(), "planqa-idle-"));
    try {
      await writeFile(join(dir, "idle.mts"), script);
      // a worker that kept the process alive would run into the timeout
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(dir, "idle.mts")], {
        cwd: REPO,
        timeout: 30_000,
      });
      expect(stdout.trim()).toBe("[1]");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("hashed embedder", () => {
  it("gives the vectors its string-keyed implementation gave (pinned), so saved indexes stay valid", () => {
    const e = new HashedNgramEmbeddings(64);
    e.fit([
      "荫田镇2021年完成改厕任务980户",
      "东山镇 推进 厕所革命，新建公厕3座",
      "加强低保、特困供养救助",
      "GDP增长6.5%，new energy车桩",
    ]);
    const sparse = (v: number[]) => v.map((x, i) => [i, Number(x.toFixed(6))] as const).filter(([, x]) => x !== 0);
    expect(sparse(e.embedText("荫田镇完成改厕任务多少户？"))).toEqual([
      [3, 0.184304],
      [4, -0.086391],
      [5, 0.106709],
      [6, -0.086391],
      [9, 0.596798],
      [10, -0.163051],
      [11, 0.086391],
      [15, 0.172781],
      [16, -0.163051],
      [22, -0.190464],
      [24, -0.135347],
      [27, 0.298399],
      [28, -0.163051],
      [34, -0.106709],
      [38, -0.341971],
      [41, 0.163051],
      [42, -0.128552],
      [49, 0.106709],
      [54, -0.135347],
      [55, 0.106709],
      [57, 0.235261],
      [58, -0.135347],
      [59, 0.135347],
      [63, 0.135347],
    ]);
    expect(sparse(e.embedText("低保 五保 ABC-12.5 Ｆｕｌｌ"))).toEqual([
      [9, 0.317488],
      [20, -0.263543],
      [26, -0.317488],
      [28, -0.317488],
      [29, 0.317488],
      [34, -0.250311],
      [43, 0.207781],
      [44, -0.432327],
      [50, -0.35887],
      [52, -0.207781],
      [60, -0.250311],
    ]);
    // scratch space is reused between texts: a long text, then a short one, then the first again
    const first = e.embedText("荫田镇完成改厕任务多少户？");
    e.embedText("改厕".repeat(3000));
    e.embedText("低保");
    expect(e.embedText("荫田镇完成改厕任务多少户？")).toEqual(first);
    expect(e.embedText("！？、")).toEqual([1, ...new Array(63).fill(0)]);
  });
});

describe("graph insertion on a worker thread", () => {
  it("builds the same graph, byte for byte, as inserting on this thread", async () => {
    const dim = 32;
    const rand = rng(7);
    const vectors = Array.from({ length: 1500 }, () => Array.from({ length: dim }, () => rand() - 0.5));
    const params = { m: 12, efConstruction: 64 };
    const dir = await mkdtemp(join(tmpdir(), "planqa-graph-test-"));
    try {
      const files: Buffer[] = [];
      for (const workerFrom of [Infinity, 0]) {
        const builder = graphBuilder(vectors.length, dim, params, { workerFrom });
        // batches of uneven size, as the last batch of an ingest is
        for (let start = 0; start < vectors.length; start += 256) builder.add(start, vectors.slice(start, start + 256));
        const graph = await builder.finish();
        expect(graph.getCurrentCount()).toBe(vectors.length);
        expect(graph.searchKnn(vectors[42]!, 1).neighbors).toEqual([42]);
        const path = join(dir, `g${files.length}.index`);
        await graph.writeIndex(path);
        files.push(await readFile(path));
      }
      expect(files[1]!.equals(files[0]!)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a bad vector instead of hanging, and stops the worker", async () => {
    const builder = graphBuilder(10, 8, { m: 8, efConstruction: 20 }, { workerFrom: 0 });
    expect(() => builder.add(0, [[1, 2, 3]])).toThrow(/3 dimensions, expected 8/);
    await builder.abort();
    await expect(builder.finish()).rejects.toThrow();
  });
});
