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
