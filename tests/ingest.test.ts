import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ITEM_MARKER } from "../src/domain/zh.js";
import { chunkDocument, pathScope, sentenceRanges } from "../src/ingest/chunk.js";
import { cleanText, normalizeForMatch, originalSpan } from "../src/ingest/clean.js";
import { inferMetadata, kindsFromTitle } from "../src/ingest/metadata.js";
import { findHeadings, sectionTree } from "../src/ingest/sections.js";
import { CORPUS } from "./helpers/core.js";

const read = (f: string) => readFile(join(CORPUS, f), "utf8");

describe("cleanText", () => {
  it("removes spaces inside CJK runs and keeps them between Latin words", () => {
    expect(cleanText("以习近平思想为 指 导,坚持稳中 求进").text).toBe("以习近平思想为指导，坚持稳中求进");
    expect(cleanText("Bot API server 5A 级").text).toBe("Bot API server 5A级");
  });
  it("turns half-width punctuation near CJK into full width but leaves numbers alone", () => {
    expect(cleanText("投入1,200万元,完成(一)项;时间10:30").text).toBe("投入1,200万元，完成（一）项；时间10:30");
  });
  it("drops Word bookmarks and web boilerplate lines", () => {
    const raw =
      "当前页面: 首页 > 政务公开 > 荫田镇\n标题\n[bookmark: _GoBack]正文。\n附件下载:\n扫一扫在手机打开当前页";
    expect(cleanText(raw).text).toBe("标题\n正文。");
  });
  it("joins the '1 .' heading marker and maps every character back to the original", () => {
    const raw = "工作1 .巩固 成果。";
    const c = cleanText(raw);
    expect(c.text).toBe("工作1.巩固成果。");
    for (let i = 0; i < c.text.length; i++) {
      const orig = raw[c.offsets[i]!]!;
      expect(normalizeForMatch(orig) || orig).toBe(normalizeForMatch(c.text[i]!) || c.text[i]);
    }
    expect(originalSpan(c, 4, 8)).toEqual([5, 10]);
  });
});

describe("findHeadings", () => {
  it("builds a tree from 一、 （一） 1. and inline 一是", () => {
    const text =
      "一、总体要求\n（一）目标任务。一是稳产。二是增收，三是减负。\n（二）工作措施\n1.强化领导。2.压实责任。\n二、保障措施\n加强督查。";
    const hs = findHeadings(text);
    expect(hs.map((h) => `${h.depth}:${h.marker}${h.title}`)).toEqual([
      "0:一、总体要求",
      "1:（一）目标任务",
      "2:一是稳产",
      "2:二是增收，三是减负".replace("，三是减负", ""),
      "2:三是减负",
      "1:（二）工作措施",
      "2:1.强化领导",
      "2:2.压实责任",
      "0:二、保障措施",
    ]);
    const tree = sectionTree(hs);
    expect(tree).toHaveLength(2);
    expect(tree[0]!.children.map((c) => c.heading.title)).toEqual(["目标任务", "工作措施"]);
  });
  it("opens a part of its own at an attachment, named by the title after it, closing what was open", () => {
    const hs = findHeadings(
      "一、完成情况\n完成改造3个。\n二、下步打算\n继续推进。\n附件\n2025年民生实事完成情况一览表\n序号｜项目\n附件2：重点任务清单\n1.修路。",
    );
    expect(hs.map((h) => `${h.depth}:${h.marker.trim()}${h.title}`)).toEqual([
      "0:一、完成情况",
      "0:二、下步打算",
      "0:附件2025年民生实事完成情况一览表",
      "0:附件2：重点任务清单",
      "1:1.修路",
    ]);
    // (a year opening the title is no attachment number: 附件 2025年…)
    expect(findHeadings("附件 2025年重点项目表\n序号｜项目").map((h) => [h.type, h.value, h.title])).toEqual([
      ["annex", 1, "2025年重点项目表"],
    ]);
    // (the attachment's number is its value, not part of its title)
    expect(hs.filter((h) => h.type === "annex").map((h) => [h.value, h.title])).toEqual([
      [1, "2025年民生实事完成情况一览表"],
      [2, "重点任务清单"],
    ]);
  });

  it("ignores markers that break the numbering (一、二、三产业, 唯一是)", () => {
    const hs = findHeadings("推进一、二、三产业融合。这是唯一是非题。");
    expect(hs).toHaveLength(0);
  });
  it("finds inline numbered headings glued to the text and tolerates one skipped number", () => {
    const text = "一、抓好项目建设，加快发展工程1.增强活力。内容。3.增强引力。内容。4.增强后力。内容。";
    expect(findHeadings(text).map((h) => h.marker + h.title)).toEqual([
      "一、抓好项目建设，加快发展工程",
      "1.增强活力",
      "3.增强引力",
      "4.增强后力",
    ]);
  });
  it("reads the redacted heading number `**.` as the next number", () => {
    const hs = findHeadings("1.抓党建。正文。\n2.抓产业。正文。\n**.抓治理。正文。\n4.抓稳定。正文。");
    expect(hs.map((h) => h.value)).toEqual([1, 2, 3, 4]);
  });
});

describe("chunkDocument on the shipped corpus", () => {
  const files = [
    "东山镇2022年工作计划.txt",
    "镇2023年政府工作要点.txt",
    "乡镇2022年高质量发展特色亮点及2023年工作安排.txt",
    "荫田镇2021年度工作总结及2022年工作计划.txt",
    "镇2026年度工作计划.txt",
  ];
  it.each(files)("%s: chunks end on sentence ends, carry metadata, and spans point into the original", async (file) => {
    const raw = await read(file);
    const clean = cleanText(raw);
    const doc = inferMetadata(file, clean.text);
    const chunks = chunkDocument(doc, clean);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.docId).toBe(doc.docId);
      expect(c.text.length).toBeGreaterThan(0);
      // never cut a sentence: every chunk ends with sentence punctuation or at a line end in the source
      // (or where the next numbered item begins, as in "…战斗力,三是…")
      const endsSentence =
        /[。！？；!?;”’）)]$/.test(c.text) ||
        raw[c.span[1]] === "\n" ||
        c.span[1] >= raw.trimEnd().length ||
        ITEM_MARKER.test(cleanText(raw.slice(c.span[1])).text.replace(/^[，,]/, ""));
      expect(endsSentence, c.text.slice(-20)).toBe(true);
      // the span covers the same text in the untouched file (artefacts inside it aside)
      expect(normalizeForMatch(cleanText(raw.slice(c.span[0], c.span[1])).text)).toBe(normalizeForMatch(c.text));
    }
    // chunks cover the document body: nothing of substance is lost
    const covered = normalizeForMatch(chunks.map((c) => c.text).join(""));
    const body = normalizeForMatch(clean.text);
    expect(covered.length / body.length).toBeGreaterThan(0.93);
  });
  it("keeps artefacts out and redaction marks in", async () => {
    const dong = cleanText(await read("东山镇2022年工作计划.txt"));
    expect(dong.text).not.toContain("bookmark");
    const yin = cleanText(await read("荫田镇2021年度工作总结及2022年工作计划.txt"));
    expect(yin.text).not.toMatch(/当前页面|扫一扫|附件下载/);
    const x = await read("乡镇2022年高质量发展特色亮点及2023年工作安排.txt");
    const chunks = chunkDocument(inferMetadata("x.txt", cleanText(x).text), cleanText(x));
    expect(chunks.some((c) => c.text.includes("***"))).toBe(true);
  });
  it("scopes sections of a two-part document to their year and kind", async () => {
    const raw = await read("荫田镇2021年度工作总结及2022年工作计划.txt");
    const clean = cleanText(raw);
    const chunks = chunkDocument(inferMetadata("荫田镇2021年度工作总结及2022年工作计划.txt", clean.text), clean);
    const toilet = chunks.find((c) => c.text.includes("改厕任务数650个"))!;
    expect(toilet.years).toEqual([2021]);
    expect(toilet.kinds).toEqual(["总结"]);
    expect(toilet.sectionPath[0]).toBe("一、2021年各项工作情况");
    const plan = chunks.find((c) => c.text.includes("惠民资金"))!;
    expect(plan.years).toEqual([2022]);
    expect(plan.kinds).toEqual(["计划"]);
  });
  it("reads a 政府工作报告's 工作目标和主要任务 part as a plan, its 回顾 as a review", () => {
    const raw = [
      "石鼓乡2026年政府工作报告",
      "一、2025年工作回顾",
      "全年完成农村户厕改造310户。",
      "二、2026年工作目标和主要任务",
      "（一）持续推进生态建设",
      "完成农村户厕改造220户，新建垃圾收集亭30个。",
    ].join("\n");
    const clean = cleanText(raw);
    const chunks = chunkDocument(inferMetadata("石鼓乡2026年政府工作报告.txt", clean.text), clean);
    expect(chunks.find((c) => c.text.includes("310户"))!.kinds).toEqual(["总结"]);
    const ahead = chunks.find((c) => c.text.includes("220户"))!;
    expect(ahead.kinds).toEqual(["计划"]);
    expect(ahead.years).toEqual([2026]);
  });
  /** The chunks of a .txt file of these lines, and those of them that are table rows. */
  const chunksOf = (file: string, raw: string) => {
    const clean = cleanText(raw);
    const chunks = chunkDocument(inferMetadata(file, clean.text), clean);
    return { chunks, rows: chunks.filter((c) => c.isRow) };
  };
  it("reads a table written as text (cells between ｜ or |) as rows, each with its header line", () => {
    const raw = [
      "石门镇2025年为民办实事项目",
      "经镇人民代表大会票决，确定以下项目：",
      "序号｜项目名称｜投资（万元）｜完成时限｜责任单位",
      "1｜岩口村便民桥新建｜85｜2025年9月底前｜镇交通运输站",
      "2｜石门小学食堂改造｜120｜2025年8月底前｜镇教育办",
      "| 村名 | 新增通水户数 |",
      "|---|---|",
      "| 岩口村 | 120 |",
      "附：项目资金由镇财政统筹。",
    ].join("\n");
    const { chunks, rows } = chunksOf("石门镇2025年为民办实事项目.txt", raw);
    // (cleaning drops spaces next to Chinese, as everywhere)
    expect(rows.map((c) => normalizeForMatch(c.text.split("\n")[1]!))).toEqual([
      "1岩口村便民桥新建852025年9月底前镇交通运输站",
      "2石门小学食堂改造1202025年8月底前镇教育办",
      "岩口村120",
    ]);
    expect(rows[0]!.text.split("\n")[0]).toBe("序号｜项目名称｜投资（万元）｜完成时限｜责任单位");
    expect(normalizeForMatch(rows[2]!.text.split("\n")[0]!)).toBe("村名新增通水户数");
    // (the row's span is the row line itself; prose around the table stays prose)
    expect(raw.slice(...rows[1]!.span)).toBe("2｜石门小学食堂改造｜120｜2025年8月底前｜镇教育办");
    expect(chunks.some((c) => !c.isRow && c.text.includes("项目资金由镇财政统筹"))).toBe(true);
  });
  it("reads a table's rows under its header through the group headings between them (一、产业发展)", () => {
    const raw = [
      "石门镇2026年重点工作任务分解表",
      "序号｜工作任务｜目标任务｜牵头单位｜完成时限",
      "一、产业发展",
      "1｜油茶产业｜新造油茶林1200亩｜镇农业综合服务中心｜2026年11月底前",
      "（二）民生保障",
      "2｜饮水工程｜新建蓄水池2座｜镇水利站｜2026年6月底前",
      "各牵头单位要细化工作措施，倒排工作进度，形成一级抓一级、层层抓落实的工作格局。",
      "3｜不在表中｜新建1座｜镇某站｜年底",
    ].join("\n");
    const { rows } = chunksOf("石门镇2026年重点工作任务分解表.txt", raw);
    expect(rows.map((c) => c.text.split("\n")[0])).toEqual([
      "序号｜工作任务｜目标任务｜牵头单位｜完成时限",
      "序号｜工作任务｜目标任务｜牵头单位｜完成时限",
    ]);
    expect(rows.map((c) => normalizeForMatch(c.text.split("\n")[1]!).slice(0, 5))).toEqual(["1油茶产业", "2饮水工程"]);
  });
  it("reads a line that names its own cells (项目名称：…；投资（万元）：…；完成时限：…) as a table row", () => {
    const raw = [
      "石门镇2026年民生实事项目",
      "项目名称：金竹村至石门村公路提质改造；建设内容：改造公路6.2公里；投资（万元）：680；完成时限：2026年10月底前；责任单位：镇交通站",
      "项目名称：石门河防洪治理工程；建设内容：新建防洪堤3.6公里；投资（万元）：540；完成时限：2026年6月底前；责任单位：镇水利站",
      "以上项目资金由镇财政统筹：上级补助、镇级配套和社会捐助。",
    ].join("\n");
    const { chunks, rows } = chunksOf("石门镇2026年民生实事项目.txt", raw);
    expect(rows.map((c) => c.text.slice(0, 12))).toEqual(["项目名称：金竹村至石门村", "项目名称：石门河防洪治理"]);
    // (a sentence with a colon and a list is prose)
    expect(chunks.some((c) => !c.isRow && c.text.includes("以上项目资金由镇财政统筹"))).toBe(true);
  });
  it("splits the one-line 2023 要点 document into its numbered sections", async () => {
    const raw = await read("镇2023年政府工作要点.txt");
    const clean = cleanText(raw);
    const chunks = chunkDocument(inferMetadata("镇2023年政府工作要点.txt", clean.text), clean);
    const paths = new Set(chunks.map((c) => c.sectionPath.join(" > ")));
    expect(paths.size).toBeGreaterThanOrEqual(15);
    expect([...paths].some((p) => p.startsWith("五、") && p.includes("1.坚持教育优先发展"))).toBe(true);
  });
});

describe("sentences and scope", () => {
  it("splits on Chinese sentence ends, keeping closing quotes", () => {
    const t = "他说：“完成了。”然后呢？好！";
    expect(sentenceRanges(t).map(([s, e]) => t.slice(s, e))).toEqual(["他说：“完成了。”", "然后呢？", "好！"]);
  });
  it("reads year and kind from headings", () => {
    expect(pathScope(["一、2022年工作情况", "（一）党建"])).toEqual({ years: [2022], kinds: ["总结"] });
    expect(pathScope(["二、2023年工作谋划"])).toEqual({ years: [2023], kinds: ["计划"] });
    expect(pathScope(["二、存在的问题及不足"])).toEqual({ years: [], kinds: [] });
    // (how the work went, in other words: 开展情况, 推进情况)
    expect(pathScope(["一、2025年上半年工作开展情况"])).toEqual({ years: [2025], kinds: ["总结"] });
  });
});

describe("inferMetadata", () => {
  it("reads township, years and kinds from the title", () => {
    const m = inferMetadata(
      "荫田镇2021年度工作总结及2022年工作计划.txt",
      "荫田镇2021年度工作总结及2022年工作计划\n正文。",
    );
    expect(m).toMatchObject({
      township: "荫田镇",
      years: [2021, 2022],
      kinds: ["总结", "计划"],
      title: "荫田镇2021年度工作总结及2022年工作计划",
    });
  });
  it("falls back to the file name when the text has no title line, and finds no township in 镇/乡镇", () => {
    const m = inferMetadata("镇2026年度工作计划.txt", "根据区委、区政府工作安排，现报告我镇2026年度工作计划。");
    expect(m).toMatchObject({ title: "镇2026年度工作计划", township: null, years: [2026], kinds: ["计划"] });
    expect(inferMetadata("乡镇2022年工作安排.txt", "x").township).toBeNull();
  });
  it("lets the sidecar override inference", () => {
    const m = inferMetadata("a.txt", "某镇工作计划\n正文", { township: "东山镇", province: "广东省", years: [2022] });
    expect(m).toMatchObject({ township: "东山镇", province: "广东省", years: [2022] });
    expect(m.fromSidecar.sort()).toEqual(["province", "township", "years"]);
  });
  it("names kinds", () => {
    expect(kindsFromTitle("镇2023年政府工作要点")).toEqual(["要点"]);
    expect(kindsFromTitle("2022年高质量发展特色亮点及2023年工作安排")).toEqual(["总结", "计划"]);
    // a list of 实事 projects is what the year is to do; a report on projects says by its sentences which they are
    expect(kindsFromTitle("石门街道2023年十大实事项目")).toEqual(["计划"]);
    expect(kindsFromTitle("乡政府2018年为民办实事工程情况报告")).toEqual(["其他"]);
  });
});
