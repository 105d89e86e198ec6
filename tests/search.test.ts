import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus, rng, townshipNames } from "../src/bench/generate.js";
import { exactSearch } from "../src/retrieve/hybrid.js";
import { TopK } from "../src/search/topk.js";
import { REPO } from "./helpers/core.js";

describe("TopK", () => {
  it("keeps the k best of a stream, best first, ties by index", () => {
    const rand = rng(1);
    const xs = Array.from({ length: 1000 }, (_, i) => ({ index: i, score: Math.round(rand() * 100) }));
    const top = new TopK(10);
    for (const x of xs) top.push(x.index, x.score);
    const expected = [...xs].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, 10);
    expect(top.result().map((r) => r.score)).toEqual(expected.map((r) => r.score));
    expect(new TopK(0).result()).toEqual([]);
  });
});

describe("exact vector search", () => {
  it("finds the rows with the highest cosine, optionally within allowed rows", () => {
    const dim = 4;
    const rows = [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0.9, 0.1, 0, 0],
      [0, 0, 1, 0],
    ].map((v) => {
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
    const matrix = { dim, data: Float32Array.from(rows.flat()) };
    expect(exactSearch(matrix, [2, 0, 0, 0], 2).map((h) => h.index)).toEqual([0, 2]);
    expect(exactSearch(matrix, [2, 0, 0, 0], 2, Int32Array.from([1, 2, 3])).map((h) => h.index)).toEqual([2, 1]);
    // int8 rows with a scale each give the same order
    const q = {
      dim,
      data: Int8Array.from(rows.flat().map((x) => Math.round(x * 127))),
      scales: new Float32Array([127, 127, 127, 127]),
    };
    expect(exactSearch(q, [2, 0, 0, 0], 2).map((h) => h.index)).toEqual([0, 2]);
  });
});

describe("benchmark corpus generator", () => {
  it("is deterministic for a seed and writes recombined documents for other townships", async () => {
    const dirs = ["corpus", "tests/eval/confusable/corpus"].map((d) => join(REPO, d));
    const a = await mkdtemp(join(tmpdir(), "gen-a-"));
    const b = await mkdtemp(join(tmpdir(), "gen-b-"));
    try {
      const ga = await generateCorpus({
        targetChunks: 200,
        outDir: a,
        seed: 5,
        templateDirs: dirs,
        charsPerChunk: 100,
      });
      const gb = await generateCorpus({
        targetChunks: 200,
        outDir: b,
        seed: 5,
        templateDirs: dirs,
        charsPerChunk: 100,
      });
      expect(ga.files).toBe(gb.files);
      expect(ga.chars).toBeGreaterThanOrEqual(200 * 100);
      const files = await readdir(join(a, "0000"));
      const first = await readFile(join(a, "0000", files[0]!), "utf8");
      expect(first).toBe(await readFile(join(b, "0000", files[0]!), "utf8"));
      expect(ga.pairs.some(([town, year]) => first.startsWith(`${town}${year}年`))).toBe(true);
      expect(first).not.toMatch(/荫田镇|东山镇|云溪镇/);
      expect(new Set(townshipNames(50, rng(2))).size).toBe(50);
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });
});
