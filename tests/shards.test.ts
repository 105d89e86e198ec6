import { describe, expect, it } from "vitest";
import { createInt8Rows, simdAvailable } from "../src/search/simd/scan.js";
import { ScanShards } from "../src/search/simd/shards.js";
import { quantizeRow } from "../src/search/store.js";

// a deterministic pseudo-random stream, so a failure can be replayed
function stream(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
}

describe.skipIf(!simdAvailable())("the exact scan split across cores", () => {
  it("returns exactly what one thread's scan returns, before and after the workers are ready", async () => {
    const n = 20_000;
    const dim = 64;
    const rand = stream(7);
    const rows = createInt8Rows(n, dim);
    for (let i = 0; i < n; i++) quantizeRow(rows, i, Array.from({ length: dim }, rand));
    const shards = new ScanShards(rows, 3);
    const queries = Array.from({ length: 20 }, () => Array.from({ length: dim }, rand));
    // before the workers are ready: this thread scans everything
    expect(await shards.search(queries[0]!, 10)).toEqual(rows.topK!(queries[0]!, 10));
    for (let i = 0; i < 100 && !shards.split; i++) await new Promise((r) => setTimeout(r, 20));
    expect(shards.split).toBe(true);
    for (const q of queries) {
      const split = await shards.search(q, 10);
      const whole = rows.topK!(q, 10);
      expect(split.map((h) => h.index)).toEqual(whole.map((h) => h.index));
      expect(split.map((h) => h.similarity)).toEqual(whole.map((h) => h.similarity));
    }
    // a filter's rows: each shard scans its part of the list
    for (const [i, q] of queries.entries()) {
      const keep = Int32Array.from({ length: n }, (_, r) => r).filter((r) => (r * (i + 3)) % 7 < 2 + (i % 4));
      const split = await shards.search(q, 10, keep);
      expect(keep.length).toBeGreaterThan(n / 4); // the list itself is not consumed
      expect(split).toEqual(rows.topK!(q, 10, keep));
      expect(split.every((h) => keep.includes(h.index))).toBe(true);
    }
    // a filter inside one shard leaves the others nothing to scan
    const few = Int32Array.from([3, 50, 9_000]);
    expect(await shards.search(queries[1]!, 10, few)).toEqual(rows.topK!(queries[1]!, 10, few));
    // concurrent searches each get their own answer
    const many = await Promise.all(queries.map((q) => shards.search(q, 5)));
    many.forEach((hits, i) => expect(hits.map((h) => h.index)).toEqual(rows.topK!(queries[i]!, 5).map((h) => h.index)));
    await shards.close();
  });
});

describe.skipIf(!simdAvailable())("the retriever's unfiltered searches on the split scan", () => {
  it("rank the passages the graph ranks where the graph is exact (a small corpus)", async () => {
    const { HybridRetriever } = await import("../src/retrieve/hybrid.js");
    const { analyzeQuestion } = await import("../src/retrieve/question.js");
    const { shippedCore } = await import("./helpers/core.js");
    const { qa, cleanup } = await shippedCore();
    const split = new HybridRetriever(qa.index, { shardedScanFrom: 0 });
    const graph = new HybridRetriever(qa.index);
    expect(split.shards).not.toBeNull();
    expect(graph.shards).toBeNull();
    for (let i = 0; i < 100 && !split.shards!.split; i++) await new Promise((r) => setTimeout(r, 20));
    expect(split.shards!.split).toBe(true);
    for (const q of ["改厕任务完成了多少", "高标准农田建设", "党建 拉练 活动", "招商引资 项目"]) {
      const scope = { ...analyzeQuestion(q, []), township: null, years: [], kind: null };
      const a = await split.search(q, scope);
      const b = await graph.search(q, scope);
      expect(a.passages.map((p) => p.chunk.id)).toEqual(b.passages.map((p) => p.chunk.id));
    }
    await split.shards!.close();
    await cleanup();
  });
});

describe.skipIf(!simdAvailable())("an index loaded without its graph (a province)", () => {
  it("searches by the split scan alone and ranks what the graph ranks where the graph is exact", async () => {
    const { HybridRetriever } = await import("../src/retrieve/hybrid.js");
    const { analyzeQuestion } = await import("../src/retrieve/question.js");
    const { loadSearchIndex } = await import("../src/search/store.js");
    const { HashedNgramEmbeddings } = await import("../src/search/embeddings.js");
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { openIndex } = await import("../src/search/store.js");
    const { silentLogger } = await import("../src/log.js");
    const { CORPUS } = await import("./helpers/core.js");
    const dir = await mkdtemp(join(tmpdir(), "planqa-nograph-"));
    const indexDir = join(dir, "index");
    await openIndex({ corpusDir: CORPUS, indexDir, embeddings: new HashedNgramEmbeddings(256), log: silentLogger });
    const full = await loadSearchIndex(indexDir, new HashedNgramEmbeddings(256));
    const bare = await loadSearchIndex(indexDir, new HashedNgramEmbeddings(256), {
      graphFrom: 0,
      sharedPostingsFrom: 0,
    });
    expect(full.vectors).not.toBeNull();
    expect(bare.vectors).toBeNull();
    expect(bare.matrix?.topK).toBeDefined();
    const graph = new HybridRetriever(full);
    // the threshold stays where it is: an index without a graph scans anyway
    const split = new HybridRetriever(bare);
    expect(split.shards).not.toBeNull();
    for (let i = 0; i < 100 && !split.shards!.split; i++) await new Promise((r) => setTimeout(r, 20));
    for (const q of ["荫田镇改厕任务完成了多少", "高标准农田建设", "2022年党建拉练活动", "东山镇招商引资项目"]) {
      const scope = analyzeQuestion(q, graph.townships);
      const a = await split.search(q, scope);
      const b = await graph.search(q, scope);
      expect(a.passages.length).toBeGreaterThan(0);
      expect(a.passages.some((p) => (p.vector ?? 0) > 0)).toBe(true);
      expect(a.passages.map((p) => p.chunk.id)).toEqual(b.passages.map((p) => p.chunk.id));
    }
    await split.shards!.close();
    await rm(dir, { recursive: true, force: true });
  });
});
