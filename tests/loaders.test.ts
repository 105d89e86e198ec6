import { cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PlanQA, planQAFromIndex } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { IngestFileError } from "../src/errors.js";
import { renderRow } from "../src/ingest/loaders/blocks.js";
import { docxLoader } from "../src/ingest/loaders/docx.js";
import { htmlLoader } from "../src/ingest/loaders/html.js";
import { pdfPagesToText } from "../src/ingest/loaders/pdf.js";
import { sniff } from "../src/ingest/loaders/registry.js";
import { decodeText } from "../src/ingest/loaders/text.js";
import { createLogger, silentLogger } from "../src/log.js";
import { HashedNgramEmbeddings } from "../src/search/embeddings.js";
import { openIndex } from "../src/search/store.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const fixture = (f: string) => readFile(join(FIXTURES, f));

describe("text encodings", () => {
  it("detects GBK/GB18030 and never returns mojibake", async () => {
    const { text, encoding } = decodeText(await fixture("石门乡2022年工作计划.gbk.txt"));
    expect(encoding).toBe("gb18030");
    expect(text).toContain("耕地地力保护补贴");
    expect(text).not.toContain("\ufffd");
  });
  it("reads UTF-16 with and without BOM and UTF-8 with BOM", () => {
    const s = "荫田镇完成改厕任务650个。";
    const le = Buffer.from(s, "utf16le");
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text: s, encoding: "utf-16le" });
    expect(decodeText(le)).toEqual({ text: s, encoding: "utf-16le" });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]))).toEqual({
      text: s,
      encoding: "utf-8-bom",
    });
  });
  it("refuses bytes that are no known Chinese encoding", () => {
    const bytes = Buffer.from([0x81, 0x20, 0xfe, 0xff, 0x81, 0x7f, 0xff, 0x30, 0x80, 0x80, 0xc0, 0xc1]);
    let err: unknown;
    try {
      decodeText(bytes, "x.txt");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IngestFileError);
    expect((err as IngestFileError).reason).toBe("encoding");
    expect((err as IngestFileError).userMessage).toMatch(/编码/);
  });
  it("sniffs content regardless of the name", async () => {
    expect(sniff(await fixture("金山镇2023年工作总结.pdf"))).toBe("pdf");
    expect(sniff(await fixture("柳溪镇2024年重点工作安排.docx"))).toBe("zip");
    expect(sniff(await fixture("taoyuan-2025-mszs.html"))).toBe("html");
    expect(sniff(await fixture("石门乡2022年工作计划.gbk.txt"))).toBe("text");
  });
});

describe("PDF text repair", () => {
  it("joins lines broken mid-sentence, drops page numbers and running headers, keeps headings", () => {
    const page = (n: number, body: string) => `某镇人民政府文件\n${body}\n- ${n} -`;
    const text = pdfPagesToText([
      page(1, "某镇2023年工作总结\n一、经济发展\n全年完成固定资产投资 4.2 亿元，同比增长\n8.5%；新引进企业 6 家。"),
      page(2, "二、民生事业\n全年发放低保资金 208 万元，惠及低保对\n象 732 人。"),
      page(3, "三、存在问题\n一是产业结构单一。"),
    ]);
    expect(text).not.toMatch(/某镇人民政府文件|- \d -/);
    expect(text).toContain("同比增长8.5%；新引进企业 6 家。");
    expect(text).toContain("惠及低保对象 732 人。");
    expect(text.split("\n")).toEqual(expect.arrayContaining(["一、经济发展", "二、民生事业", "三、存在问题"]));
  });
});

describe("Word and web structure", () => {
  it("docx: Title → title, Heading 1 → sections, table rows repeat their headers", async () => {
    const doc = await docxLoader.load(await fixture("柳溪镇2024年重点工作安排.docx"), "柳溪镇2024年重点工作安排.docx");
    expect(doc.title).toBe("柳溪镇2024年重点工作安排");
    expect(doc.headings!.map((h) => doc.text.slice(h.start, h.end))).toEqual([
      "一、产业发展",
      "二、民生保障",
      "三、基础设施",
      "四、2024年民生项目一览",
    ]);
    const rows = doc.rows!.map(([s, e]) => doc.text.slice(s, e));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toBe(
      "项目名称：镇卫生院住院楼改造；建设内容：改造住院楼2400平方米，新增床位40张；投资（万元）：980；完成时间：2024年11月",
    );
  });
  it("html: article body and title only; navigation, breadcrumb, meta line and footer dropped", async () => {
    const doc = await htmlLoader.load(await fixture("taoyuan-2025-mszs.html"), "taoyuan-2025-mszs.html");
    expect(doc.title).toBe("桃源乡2025年民生实事项目");
    expect(doc.text).not.toMatch(/网站首页|当前的位置|打印本页|关闭窗口|主办|ICP|扫一扫|jquery|font-size/);
    expect(doc.text).toContain(
      "项目名称：农村路灯亮化；建设规模：安装太阳能路灯600盏；资金（万元）：180；完成时间：2025年10月",
    );
    expect(doc.text).toContain("接受群众监督");
  });
  it("renders a row without empty cells", () => {
    expect(renderRow(["项目", "投资", "备注"], ["自来水管网改造", "460", ""])).toBe("项目：自来水管网改造；投资：460");
  });
});

describe("every fixture format: ingest, then answer with the number and a citation of its text", () => {
  let dir: string;
  let qa: PlanQA;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planqa-fixtures-"));
    await cp(FIXTURES, join(dir, "corpus"), { recursive: true });
    const { index } = await openIndex({
      corpusDir: join(dir, "corpus"),
      indexDir: join(dir, "index"),
      embeddings: new HashedNgramEmbeddings(256),
      log: silentLogger,
    });
    qa = planQAFromIndex(index, loadConfig({}));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ["docx table row", "镇卫生院住院楼改造投资多少万元？", "980", "柳溪镇"],
    ["docx paragraph", "柳溪镇对取得职业资格证书的学员每人补贴多少钱？", "600元", "柳溪镇"],
    ["pdf", "金山镇2023年发放了多少低保资金？", "208万元", "金山镇"],
    ["html table row", "桃源乡要安装多少盏太阳能路灯？", "600", "taoyuan"],
    ["gbk text", "石门乡耕地地力保护补贴每亩多少钱？", "98元", "石门乡"],
  ])("%s: %s", async (_kind, question, number, docPart) => {
    const a = await qa.ask(question);
    expect(a.refused, a.answer).toBe(false);
    expect(a.answer).toContain(number);
    expect(a.citations[0]!.docId).toContain(docPart);
    expect(a.citations[0]!.text).toContain(number);
  });
});

describe("incremental ingest", () => {
  it("re-reads only changed files, drops removed ones, and keeps answering", async () => {
    const dir = await mkdtemp(join(tmpdir(), "planqa-incr-"));
    try {
      const corpus = join(dir, "corpus");
      await cp(FIXTURES, corpus, { recursive: true });
      const opts = { corpusDir: corpus, indexDir: join(dir, "index"), embeddings: new HashedNgramEmbeddings(256) };
      const first = await openIndex({ ...opts, log: silentLogger });
      expect(first.reused).toEqual([]);
      await writeFile(join(corpus, "新增.txt"), "某镇2025年工作计划\n一、民生\n新建村级养老服务站12个。");
      await unlink(join(corpus, "金山镇2023年工作总结.pdf"));
      const lines: string[] = [];
      const second = await openIndex({ ...opts, log: createLogger("info", (l) => lines.push(l)) });
      expect(second.status).toBe("rebuilt");
      expect(second.reused.sort()).toEqual([
        "taoyuan-2025-mszs.html",
        "柳溪镇2024年重点工作安排.docx",
        "石门乡2022年工作计划.gbk.txt",
      ]);
      expect(second.index.docs.map((d) => d.file)).not.toContain("金山镇2023年工作总结.pdf");
      expect(second.index.chunks.some((c) => c.docId.startsWith("金山镇"))).toBe(false);
      expect(second.index.chunks.some((c) => c.text.includes("养老服务站12个"))).toBe(true);
      expect(lines.join("\n")).toMatch(/3 unchanged/);
      // unchanged documents keep exactly their chunks
      const ids = (x: typeof first) =>
        x.index.chunks.filter((c) => c.docId.startsWith("柳溪镇")).map((c) => `${c.id}:${c.text}`);
      expect(ids(second)).toEqual(ids(first));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
