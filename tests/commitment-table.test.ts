/**
 * The commitments table a saved index keeps on disk (JSON lines plus typed columns, rows read a
 * page at a time) against filtering the whole list in memory, on a corpus with many townships.
 */
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Commitment, extractAll } from "../src/commitments/extract.js";
import { type CommitmentFilter, filterCommitments } from "../src/commitments/query.js";
import { CommitmentTable } from "../src/commitments/table.js";
import { ingestCorpus } from "../src/ingest/pipeline.js";
import { silentLogger } from "../src/log.js";
import { REPO } from "./helpers/core.js";

let dir: string;
let items: Commitment[];
let path: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "planqa-ctable-"));
  const ingest = await ingestCorpus(join(REPO, "tests/eval/confusable/corpus"), { log: silentLogger });
  items = extractAll(ingest.chunks);
  // rows without a township or a year, as documents without a title line give
  items.push({ ...items[0]!, id: "x-none", township: null, year: null }, { ...items[1]!, id: "x-noyear", year: null });
  path = join(dir, "commitments.jsonl");
  await CommitmentTable.write(path, items);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("commitments table on disk", () => {
  it("selects and pages exactly what filtering the whole list gives", async () => {
    const townships = [...new Set(items.map((c) => c.township).filter((t): t is string => !!t))];
    expect(townships.length).toBeGreaterThan(3);
    const years = [...new Set(items.map((c) => c.year).filter((y): y is number => !!y))];
    const stem = townships[0]!.replace(/(镇|乡|街道)$/, "");
    const filters: CommitmentFilter[] = [
      {},
      { township: townships[0] },
      { township: stem },
      { township: townships[1], year: years[0], kind: "result" },
      { year: years[1], kind: "plan" },
      { township: "不存在镇" },
      { topic: "改厕" },
      { township: townships[2], topic: "道路" },
    ];
    const saved = await CommitmentTable.open(path);
    const memory = CommitmentTable.inMemory(items);
    expect(saved.size).toBe(items.length);
    expect(CommitmentTable.readAllSync(path)).toEqual(items);
    let nonEmpty = 0;
    for (const f of filters) {
      const expected = filterCommitments(items, f);
      if (expected.length) nonEmpty++;
      for (const table of [saved, memory]) {
        expect(await table.select(f)).toEqual(expected);
        const page = await table.page(f, 2, 3);
        expect(page.total).toBe(expected.length);
        expect(page.items).toEqual(expected.slice(2, 5));
      }
    }
    expect(nonEmpty).toBeGreaterThan(5);
  });

  it("refuses damaged column files instead of reading the wrong rows", async () => {
    const copy = join(dir, "damaged.jsonl");
    await CommitmentTable.write(copy, items);
    await truncate(`${copy}.cols`, 100);
    await expect(CommitmentTable.open(copy)).rejects.toThrow(/wrong size|outside/);
    await CommitmentTable.write(copy, items);
    await truncate(copy, 50); // the rows file cut short
    await expect((await CommitmentTable.open(copy)).select({})).rejects.toThrow(/shorter/);
    await writeFile(`${copy}.names.json`, "{}");
    await expect(CommitmentTable.open(copy)).rejects.toThrow(/names/);
  });
});
