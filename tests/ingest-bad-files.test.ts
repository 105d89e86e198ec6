import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestCorpus, type IngestResult } from "../src/ingest/pipeline.js";
import { createLogger, type Logger } from "../src/log.js";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const FIXTURES = "/work/shared/fixtures";
const GOOD = "荫田镇2021年度工作总结及2022年工作计划.txt";
const GBK = "石门乡2022年工作计划.gbk.txt";
const DOCX = "柳溪镇2024年重点工作安排.docx";
const PDF = "金山镇2023年工作总结.pdf";

/** Bad files and the reason ingest should give for each. */
const BAD: Record<string, string> = {
  "empty.txt": "empty",
  "blank.txt": "empty",
  "binary.txt": "binary",
  [GBK]: "encoding",
  [DOCX]: "unsupported",
  [PDF]: "unsupported",
};

let corpus: string;
let lines: string[];
let log: Logger;

const warnings = () => lines.filter((l) => l.startsWith("[warn]"));

beforeEach(async () => {
  corpus = await mkdtemp(join(tmpdir(), "plan-qa-ingest-"));
  lines = [];
  log = createLogger("debug", (l) => lines.push(l));
  await writeFile(join(corpus, GOOD), await readFile(join(CORPUS, GOOD)));
});

afterEach(async () => {
  await rm(corpus, { recursive: true, force: true });
});

async function writeBadFiles(): Promise<void> {
  await writeFile(join(corpus, "empty.txt"), new Uint8Array(0));
  await writeFile(join(corpus, "blank.txt"), "  \n\t\r\n   \n\u3000\n");
  const binary = randomBytes(4096);
  for (let i = 0; i < binary.length; i += 97) binary[i] = 0; // NULs sprinkled through
  await writeFile(join(corpus, "binary.txt"), binary);
  for (const f of [GBK, DOCX, PDF]) await writeFile(join(corpus, f), await readFile(join(FIXTURES, f)));
}

describe("ingestCorpus with bad files beside a good one", () => {
  let result: IngestResult;

  beforeEach(async () => {
    await writeBadFiles();
    result = await ingestCorpus(corpus, { log });
  });

  it("indexes the good plan file", () => {
    expect(result.docs.map((d) => d.file)).toEqual([GOOD]);
    const doc = result.docs[0]!;
    expect(doc.township).toBe("荫田镇");
    expect(doc.years).toEqual([2021, 2022]);
    const chunks = result.chunks.filter((c) => c.docId === doc.docId);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.length).toBe(result.chunks.length);
    expect(chunks.some((c) => c.text.includes("650"))).toBe(true);
  });

  it("skips every bad file with its name, a reason and a Chinese message", () => {
    expect(result.skipped.map((s) => s.file).sort()).toEqual(Object.keys(BAD).sort());
    for (const s of result.skipped) {
      expect(s.reason, s.file).toBe(BAD[s.file]);
      expect(s.message, s.file).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("logs one warning naming each skipped file", () => {
    for (const file of Object.keys(BAD)) {
      const hits = warnings().filter((l) => l.includes(file));
      expect(hits, file).toHaveLength(1);
      expect(hits[0]).toContain(BAD[file]);
    }
    // nothing about the good file
    expect(warnings().some((l) => l.includes(GOOD))).toBe(false);
  });

  it("hashes every file it considered, skipped ones included (so staleness covers them)", () => {
    expect(Object.keys(result.files).sort()).toEqual([GOOD, ...Object.keys(BAD)].sort());
    for (const h of Object.values(result.files)) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it("mentions only .txt/.md as supported for unsupported formats", () => {
    const docx = result.skipped.find((s) => s.file === DOCX)!;
    expect(docx.message).toContain(".txt");
    expect(docx.message).not.toContain(".docx");
  });
});

describe("ingestCorpus file selection", () => {
  it("leaves READMEs, hidden files and Office lock files out entirely", async () => {
    await writeFile(join(corpus, "README.md"), "# 说明\n本目录存放乡镇工作计划。\n");
    await writeFile(join(corpus, ".hidden.txt"), "隐藏文件");
    await writeFile(join(corpus, "~$临时.docx"), "lock");
    const r = await ingestCorpus(corpus, { log });
    expect(r.docs.map((d) => d.file)).toEqual([GOOD]);
    expect(r.skipped).toEqual([]);
    expect(Object.keys(r.files)).toEqual([GOOD]);
    expect(warnings()).toEqual([]);
  });

  it("reads files in subfolders and UTF-8 with BOM", async () => {
    await mkdir(join(corpus, "2023"));
    await writeFile(join(corpus, "2023", "西山镇2023年工作计划.txt"), "\ufeff西山镇2023年工作计划\n一、交通建设。全年硬化村道15公里。\n");
    const r = await ingestCorpus(corpus, { log });
    const doc = r.docs.find((d) => d.file === "2023/西山镇2023年工作计划.txt");
    expect(doc?.township).toBe("西山镇");
    expect(doc?.title).toBe("西山镇2023年工作计划"); // no BOM in the title
    expect(r.chunks.some((c) => c.docId === doc?.docId && c.text.includes("15公里"))).toBe(true);
  });

  it("skips a .txt that holds only emoji and punctuation", async () => {
    await writeFile(join(corpus, "emoji.txt"), "😀🎉👍\n……！！\n");
    const r = await ingestCorpus(corpus, { log });
    expect(r.skipped).toEqual([{ file: "emoji.txt", reason: "no-text", message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    expect(warnings().filter((l) => l.includes("emoji.txt"))).toHaveLength(1);
  });
});

describe("corpus/metadata.json sidecar", () => {
  it("an invalid (non-JSON) sidecar is warned about and inference still works", async () => {
    await writeFile(join(corpus, "metadata.json"), "{ documents: oops ");
    const r = await ingestCorpus(corpus, { log });
    const w = warnings().filter((l) => l.includes("metadata.json"));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/invalid and was ignored/);
    expect(r.docs).toHaveLength(1);
    expect(r.docs[0]!.township).toBe("荫田镇");
    expect(r.docs[0]!.title).toBe("荫田镇2021年度工作总结及2022年工作计划");
    expect(r.docs[0]!.fromSidecar).toEqual([]);
    expect(r.chunks.length).toBeGreaterThan(0);
    // the sidecar is hashed (so fixing it rebuilds the index) but is not a skipped document
    expect(r.files["metadata.json"]).toMatch(/^[0-9a-f]{64}$/);
    expect(r.skipped).toEqual([]);
  });

  it("a sidecar of the wrong shape (unknown field, bad year) is warned about and ignored", async () => {
    await writeFile(join(corpus, "metadata.json"), JSON.stringify({ documents: { [GOOD]: { title: "X", years: [1800], colour: "red" } } }));
    const r = await ingestCorpus(corpus, { log });
    expect(warnings().filter((l) => l.includes("metadata.json"))).toHaveLength(1);
    expect(r.docs[0]!.title).toBe("荫田镇2021年度工作总结及2022年工作计划");
    expect(r.docs[0]!.years).toEqual([2021, 2022]);
  });

  it("a valid sidecar overrides title and township (documents and chunks)", async () => {
    await writeFile(
      join(corpus, "metadata.json"),
      JSON.stringify({ documents: { [GOOD]: { title: "荫田镇年度工作报告（修订稿）", township: "新荫田镇", county: "某县", note: "人工校对" } } }),
    );
    const r = await ingestCorpus(corpus, { log });
    expect(warnings()).toEqual([]);
    const doc = r.docs[0]!;
    expect(doc.title).toBe("荫田镇年度工作报告（修订稿）");
    expect(doc.township).toBe("新荫田镇");
    expect(doc.county).toBe("某县");
    expect(doc.fromSidecar.sort()).toEqual(["county", "title", "township"]);
    // fields not in the sidecar are still inferred
    expect(doc.years).toEqual([2021, 2022]);
    expect(r.chunks.length).toBeGreaterThan(0);
    expect(r.chunks.every((c) => c.title === "荫田镇年度工作报告（修订稿）" && c.township === "新荫田镇")).toBe(true);
  });

  it("a sidecar may clear the township with null", async () => {
    await writeFile(join(corpus, "metadata.json"), JSON.stringify({ documents: { [GOOD]: { township: null } } }));
    const r = await ingestCorpus(corpus, { log });
    expect(r.docs[0]!.township).toBeNull();
    expect(r.chunks.every((c) => c.township === null)).toBe(true);
  });

  it("warns when the sidecar describes a file that is not in the corpus", async () => {
    await writeFile(join(corpus, "metadata.json"), JSON.stringify({ documents: { "不存在的文件.txt": { title: "无" } } }));
    const r = await ingestCorpus(corpus, { log });
    expect(warnings().filter((l) => l.includes("不存在的文件.txt") && l.includes("not in the corpus"))).toHaveLength(1);
    expect(r.docs).toHaveLength(1);
  });
});
