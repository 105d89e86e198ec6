import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type IngestResult, ingestCorpus } from "../src/ingest/pipeline.js";
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
  "huge.txt": "too-large",
  "truncated.docx": "corrupt",
  "protected.docx": "encrypted-or-legacy",
  "bomb.docx": "zip-bomb",
  "truncated.pdf": "corrupt",
  "protected.pdf": "encrypted",
  "scan.pdf": "needs-ocr",
  "menu-only.html": "no-article",
  "sheet.xlsx": "unsupported",
  "photo.jpg": "image",
  "scan-named.pdf": "image",
};
/** Good files in other formats that must be indexed beside the plan. */
const GOOD_FORMATS = [GBK, DOCX, PDF, "a-pdf-named.txt", "text-named.docx"];

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

/** A minimal ZIP (stored entries + one deflated entry) written by hand, so a bomb can be built in a test. */
function zip(entries: Array<{ name: string; data: Buffer; deflate?: boolean }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A one-page PDF with no text layer (what a scan without OCR looks like to a text extractor). */
function pdf(extraTrailer = ""): Buffer {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${extraTrailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function writeBadFiles(): Promise<void> {
  await writeFile(join(corpus, "empty.txt"), new Uint8Array(0));
  await writeFile(join(corpus, "blank.txt"), "  \n\t\r\n   \n\u3000\n");
  const binary = randomBytes(4096);
  for (let i = 0; i < binary.length; i += 97) binary[i] = 0; // NULs sprinkled through
  await writeFile(join(corpus, "binary.txt"), binary);
  await writeFile(join(corpus, "huge.txt"), "镇".repeat(800_000)); // 2.4 MB, over the 1 MB limit used below
  const docx = await readFile(join(FIXTURES, DOCX));
  await writeFile(join(corpus, "truncated.docx"), docx.subarray(0, Math.floor(docx.length / 2)));
  const ole = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  await writeFile(join(corpus, "protected.docx"), ole);
  await writeFile(
    join(corpus, "bomb.docx"),
    zip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.alloc(50 * 1024 * 1024, 0x20), deflate: true },
    ]),
  );
  const realPdf = await readFile(join(FIXTURES, PDF));
  await writeFile(join(corpus, "truncated.pdf"), realPdf.subarray(0, 1500));
  const hex = (n: number) => randomBytes(n).toString("hex");
  await writeFile(
    join(corpus, "protected.pdf"),
    pdf(
      `/Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex(32)}> /U <${hex(32)}> /P -4 >> /ID [<${hex(16)}> <${hex(16)}>]`,
    ),
  );
  await writeFile(join(corpus, "scan.pdf"), pdf());
  await writeFile(
    join(corpus, "menu-only.html"),
    `<html><head><title>首页</title></head><body><div class="nav"><a href="/">网站首页</a><a href="/gk">政务公开</a></div><div class="position">当前位置：首页 &gt; 通知</div><div class="footer">主办单位：某镇人民政府 湘ICP备12345678号 扫一扫在手机打开当前页</div></body></html>`,
  );
  await writeFile(join(corpus, "sheet.xlsx"), zip([{ name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }]));
  for (const f of [GBK, DOCX, PDF]) await writeFile(join(corpus, f), await readFile(join(FIXTURES, f)));
  await writeFile(join(corpus, "a-pdf-named.txt"), realPdf);
  // plain text saved under a Word name: read as text, with a warning saying so
  await writeFile(join(corpus, "text-named.docx"), await readFile(join(CORPUS, "东山镇2022年工作计划.txt")));
  // a photo, and a scanned page saved as .pdf: images, said to be images
  const jpeg = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from("JFIF\0"),
    randomBytes(2000),
  ]);
  await writeFile(join(corpus, "photo.jpg"), jpeg);
  await writeFile(
    join(corpus, "scan-named.pdf"),
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]),
  );
}

describe("ingestCorpus with bad files beside a good one", () => {
  let result: IngestResult;

  beforeEach(async () => {
    await writeBadFiles();
    result = await ingestCorpus(corpus, { log, maxFileBytes: 1024 * 1024 });
  });

  it("indexes the good plan file and the good files of every other format", () => {
    expect(result.docs.map((d) => d.file).sort()).toEqual([GOOD, ...GOOD_FORMATS].sort());
    expect(result.docs.find((d) => d.file === GBK)?.encoding).toBe("gb18030");
    expect(result.docs.find((d) => d.file === "a-pdf-named.txt")?.encoding).toBe("pdf");
    expect(warnings().some((l) => l.includes("a-pdf-named.txt") && l.includes("pdf"))).toBe(true);
    expect(result.docs.find((d) => d.file === "text-named.docx")?.township).toBe("东山镇");
    expect(warnings().some((l) => l.includes("text-named.docx") && l.includes("纯文本"))).toBe(true);
    const doc = result.docs.find((d) => d.file === GOOD)!;
    expect(doc.township).toBe("荫田镇");
    expect(doc.years).toEqual([2021, 2022]);
    const chunks = result.chunks.filter((c) => c.docId === doc.docId);
    expect(chunks.length).toBeGreaterThan(0);
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
    // nothing about the good files
    for (const f of [GOOD, GBK, DOCX, PDF])
      expect(
        warnings().some((l) => l.includes(f)),
        f,
      ).toBe(false);
  });

  it("hashes every file it considered, skipped ones included (so staleness covers them)", () => {
    expect(Object.keys(result.files).sort()).toEqual([GOOD, ...GOOD_FORMATS, ...Object.keys(BAD)].sort());
    for (const h of Object.values(result.files)) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the supported formats when it meets an unsupported one", () => {
    const xlsx = result.skipped.find((s) => s.file === "sheet.xlsx")!;
    for (const ext of [".txt", ".docx", ".pdf", ".html"]) expect(xlsx.message).toContain(ext);
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
    await writeFile(
      join(corpus, "2023", "西山镇2023年工作计划.txt"),
      "\ufeff西山镇2023年工作计划\n一、交通建设。全年硬化村道15公里。\n",
    );
    const r = await ingestCorpus(corpus, { log });
    const doc = r.docs.find((d) => d.file === "2023/西山镇2023年工作计划.txt");
    expect(doc?.township).toBe("西山镇");
    expect(doc?.title).toBe("西山镇2023年工作计划"); // no BOM in the title
    expect(r.chunks.some((c) => c.docId === doc?.docId && c.text.includes("15公里"))).toBe(true);
  });

  it("skips a .txt that holds only emoji and punctuation", async () => {
    await writeFile(join(corpus, "emoji.txt"), "😀🎉👍\n……！！\n");
    const r = await ingestCorpus(corpus, { log });
    expect(r.skipped).toEqual([
      { file: "emoji.txt", reason: "no-text", message: expect.stringMatching(/[\u4e00-\u9fff]/) },
    ]);
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
    await writeFile(
      join(corpus, "metadata.json"),
      JSON.stringify({ documents: { [GOOD]: { title: "X", years: [1800], colour: "red" } } }),
    );
    const r = await ingestCorpus(corpus, { log });
    expect(warnings().filter((l) => l.includes("metadata.json"))).toHaveLength(1);
    expect(r.docs[0]!.title).toBe("荫田镇2021年度工作总结及2022年工作计划");
    expect(r.docs[0]!.years).toEqual([2021, 2022]);
  });

  it("a valid sidecar overrides title and township (documents and chunks)", async () => {
    await writeFile(
      join(corpus, "metadata.json"),
      JSON.stringify({
        documents: {
          [GOOD]: { title: "荫田镇年度工作报告（修订稿）", township: "新荫田镇", county: "某县", note: "人工校对" },
        },
      }),
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
    await writeFile(
      join(corpus, "metadata.json"),
      JSON.stringify({ documents: { "不存在的文件.txt": { title: "无" } } }),
    );
    const r = await ingestCorpus(corpus, { log });
    expect(warnings().filter((l) => l.includes("不存在的文件.txt") && l.includes("not in the corpus"))).toHaveLength(1);
    expect(r.docs).toHaveLength(1);
  });
});
