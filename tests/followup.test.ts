import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanQA } from "../src/app.js";
import { interpret } from "../src/conversation/followup.js";
import { MemoryConversationStore, type Turn } from "../src/conversation/store.js";
import { THESAURUS } from "../src/domain/lexicon.js";
import { analyzeQuestion } from "../src/retrieve/question.js";
import { shippedCore } from "./helpers/core.js";

const known = ["东山镇", "荫田镇"];
const turn = (question: string, refused = false): Turn => ({
  question,
  scope: analyzeQuestion(question, known),
  citations: [
    { n: 1, docId: "d", title: "t", sectionPath: "", text: "x", span: [0, 1] },
    { n: 2, docId: "d", title: "t", sectionPath: "", text: "y", span: [1, 2] },
  ],
  refused,
  at: 0,
});

describe("interpret follow-ups", () => {
  it.each([
    ["我爸92岁每月能领多少", "那80岁的呢？", "我爸80岁每月能领多少"],
    ["荫田镇2021年完成了多少个改厕任务？", "东山镇呢？", "东山镇2021年完成了多少个改厕任务？"],
    ["荫田镇2021年完成了多少个改厕任务？", "2022年呢", "荫田镇2022年完成了多少个改厕任务？"],
    ["荫田镇2021年完成了多少个改厕任务？", "那油菜呢？", "荫田镇2021年油菜有多少？"],
    ["东山镇2022年有哪些产业打算？", "还有养老", "东山镇2022年养老有哪些？"],
  ])("%s + %s", (before, message, expected) => {
    expect(interpret(message, [turn(before)], known)).toEqual({
      kind: "question",
      question: expected,
      rewrittenFrom: before,
    });
  });
  it("takes the longest township a follow-up names, as a first question does", () => {
    const names = ["凤田乡", "新凤田乡", "荫田镇"];
    const before: Turn = {
      ...turn("荫田镇2021年完成了多少个改厕任务？"),
      scope: analyzeQuestion("荫田镇2021年完成了多少个改厕任务？", names),
    };
    expect(interpret("新凤田乡呢？", [before], names)).toMatchObject({
      question: "新凤田乡2021年完成了多少个改厕任务？",
    });
  });
  it("reads a request for a citation's source", () => {
    for (const [m, n] of [
      ["第二条的出处是哪里", 2],
      ["[1]的来源？", 1],
      ["出处第2条", 2],
      ["第 1 个的原文", 1],
    ] as const) {
      expect(interpret(m, [turn("荫田镇2021年完成了多少个改厕任务？")], known)).toEqual({ kind: "citation", n });
    }
  });
  it("leaves self-contained questions alone, and first questions too", () => {
    expect(interpret("东山镇2022年低保怎么申请？", [turn("荫田镇2021年完成了多少个改厕任务？")], known)).toMatchObject({
      question: "东山镇2022年低保怎么申请？",
      rewrittenFrom: null,
    });
    expect(interpret("那80岁的呢？", [], known)).toMatchObject({ question: "那80岁的呢？", rewrittenFrom: null });
  });
});

describe("conversation store", () => {
  it("keeps the last turns, forgets after the TTL and evicts the least recently used", async () => {
    let now = 0;
    const store = new MemoryConversationStore({ maxTurns: 2, ttlMs: 1000, maxConversations: 2, now: () => now });
    for (const q of ["a", "b", "c"]) await store.push("x", turn(q));
    expect((await store.get("x")).map((t) => t.question)).toEqual(["b", "c"]);
    now = 2000;
    expect(await store.get("x")).toEqual([]);
    await store.push("1", turn("q"));
    await store.push("2", turn("q"));
    await store.push("3", turn("q"));
    expect(store.size).toBe(2);
    expect(await store.get("1")).toEqual([]);
  });
});

describe("thesaurus", () => {
  it("is a list of groups with no empty or duplicate terms inside a group", () => {
    expect(THESAURUS.length).toBeGreaterThan(20);
    for (const g of THESAURUS) expect(new Set(g).size).toBe(g.length);
    const has = (a: string, b: string) => THESAURUS.some((g) => g.includes(a) && g.includes(b));
    expect(has("低保", "最低生活保障")).toBe(true);
    expect(has("五保", "特困供养")).toBe(true);
    expect(has("改厕", "厕所革命")).toBe(true);
    expect(has("找工作", "就业")).toBe(true);
    expect(has("托儿所", "托育")).toBe(true);
    expect(has("看病", "卫生院")).toBe(true);
    expect(has("老人", "高龄")).toBe(true);
  });
});

describe("conversations through the core API", () => {
  let qa: PlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
  afterAll(() => cleanup());

  it("answers a follow-up in context, shows what it understood, and gives a citation's source", async () => {
    const first = await qa.ask("荫田镇2021年完成了多少个改厕任务？", { conversationId: "u1" });
    expect(first.answer).toContain("650");
    const second = await qa.ask("东山镇呢？", { conversationId: "u1" });
    expect(second.interpretedAs).toBe("东山镇2021年完成了多少个改厕任务？");
    expect(second.refused).toBe(true); // 东山镇 has no 2021 document: said, not answered from 荫田镇
    expect(second.answer).toContain("东山镇");
    const source = await qa.ask("第一条的出处是哪里", { conversationId: "u1" });
    expect(source.answer).toContain("荫田镇2021年度工作总结及2022年工作计划");
    expect(source.answer).toContain("650");
    // another conversation has no context
    const other = await qa.ask("东山镇呢？", { conversationId: "u2" });
    expect(other.interpretedAs).toBeNull();
  });
  it("uses resident words through the thesaurus", async () => {
    const a = await qa.ask("村里厕所改了多少个啊？");
    expect(a.answer).toContain("650");
  });
});
