import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PlainBm25Baseline } from "../src/eval/baseline.js";
import { cleanText } from "../src/ingest/clean.js";
import { inferMetadata } from "../src/ingest/metadata.js";
import { fuse } from "../src/retrieve/hybrid.js";
import { coreOver } from "./helpers/core.js";

const meta = (file: string, text: string) => inferMetadata(file, cleanText(text).text);

describe("document kinds beyond plans", () => {
  it("tells news, notices, 方案, 解读 and 指南 from plans and reviews", () => {
    expect(meta("a.txt", "[ 2023-07-28 16：40 ] ，正文：人民网柏林7月28日电 （记者刘仲华）7月27日晚，中国驻德国大使馆举行招待会。").kinds).toEqual(["新闻"]);
    expect(meta("b.txt", "IT之家8月16日消息，联想发布了新款移动工作站。").kinds).toEqual(["新闻"]);
    expect(meta("关于印发《石门乡2022年工作计划》的通知.txt", "各村：现将计划印发给你们。").kinds).toEqual(["计划"]);
    expect(meta("关于做好防汛工作的通知.txt", "各村：请做好防汛值班。").kinds).toEqual(["通知"]);
    expect(meta("石门乡人居环境整治实施方案.txt", "为改善人居环境，制定本方案。").kinds).toEqual(["方案"]);
    expect(meta("低保政策解读.txt", "一问一答。").kinds).toEqual(["解读"]);
    expect(meta("低保办事指南.txt", "所需材料：户口本。").kinds).toEqual(["指南"]);
    // no title word: plan-shaped text is a plan, anything else is "other"
    expect(meta("x.txt", "一、指导思想\n坚持以人民为中心。\n二、重点任务\n（一）完成改厕500户。").kinds).toEqual(["计划"]);
    expect(meta("y.txt", "今天天气很好，村民们在广场上跳舞，大家都很开心。").kinds).toEqual(["其他"]);
  });
});

describe("fusion never loses to its lexical half", () => {
  const lexical = Array.from({ length: 10 }, (_, i) => ({ index: i, score: 10 - i }));
  it("keeps the lexical order when the vector side agrees with none of it", () => {
    const vector = Array.from({ length: 10 }, (_, i) => ({ index: 100 + i, similarity: 0.9 - i * 0.01 }));
    expect(fuse(lexical, vector, { k: 5, vectorWeight: 0.35 }).map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
  });
  it("lets an agreeing vector side break a lexical near-tie", () => {
    const tied = [{ index: 0, score: 10 }, { index: 1, score: 9.9 }, ...lexical.slice(2)];
    const vector = [1, 0, 2, 3, 4, 5, 6, 7, 8, 9].map((index, r) => ({ index, similarity: 0.9 - r * 0.05 }));
    expect(fuse(tied, vector, { k: 3, vectorWeight: 0.35 })[0]!.index).toBe(1);
  });
});

describe("a library with news beside plans", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let qa: Awaited<ReturnType<typeof coreOver>>["qa"];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planqa-mixed-"));
    const corpus = join(dir, "corpus");
    await mkdir(corpus);
    await writeFile(join(corpus, "石门乡2022年工作计划.txt"), "石门乡2022年工作计划\n一、基础设施\n（一）完成农村公路硬化12公里。\n（二）新建村级卫生室3个。\n");
    await writeFile(join(corpus, "news-1.txt"), "[ 2023-08-16 19:40 ] ，正文：中新网合肥8月16日电（记者张强）记者16日获悉，引江济淮工程航道江淮沟通段当日开始试运行，试运行期为2023年8月16日至2024年3月31日。\n");
    ({ qa, cleanup } = await coreOver(corpus));
  });
  afterAll(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("does not scope a news report by a date in the question, and answers it without a plan's lead", async () => {
    const a = await qa.ask("引江济淮工程航道江淮沟通段2023年什么时候开始试运行？");
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("2023年8月16日");
    expect(a.answer).not.toMatch(/^据/);
  });

  it("still scopes the plans by their year", async () => {
    const a = await qa.ask("石门乡2022年计划硬化多少公里公路？");
    expect(a.answer).toContain("12公里");
    const other = await qa.ask("石门乡2024年计划硬化多少公里公路？");
    expect(other.refused).toBe(true);
  });
});

describe("the plain BM25 baseline beside every eval", () => {
  it("cuts documents into 500-character windows with 50 of overlap and pastes the top one", () => {
    const text = "甲".repeat(480) + "改厕任务数650个" + "乙".repeat(600);
    const b = new PlainBm25Baseline([{ docId: "d", title: "t", text }]);
    const a = b.ask("改厕任务数是多少");
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("650");
    expect(a.answer.length).toBeLessThanOrEqual(500);
    expect(a.passages.length).toBeGreaterThan(1);
  });
});
