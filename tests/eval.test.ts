import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citedFirst } from "../src/answer/respond.js";
import type { LocalPlanQA, PlanQA } from "../src/app.js";
import { runEval } from "../src/channels/cli/eval.js";
import { PlainBm25Baseline } from "../src/eval/baseline.js";
import {
  aggregate,
  byKind,
  containsNormalized,
  formatAgainstBaseline,
  formatKinds,
  formatMetrics,
  judge,
  percentile,
  TARGETS,
} from "../src/eval/metrics.js";
import { testPassage } from "./helpers/chunks.js";
import { coreOver, REPO, shippedCore } from "./helpers/core.js";

describe("eval metrics", () => {
  it("matches with NFKC, ignoring whitespace and punctuation", () => {
    expect(containsNormalized("完成改厕任务数 650 个。", "改厕任务数650个")).toBe(true);
    expect(containsNormalized("有序推进8个“村 庄美”示范村", "8个“村庄美”")).toBe(true);
    expect(containsNormalized("完成600个", "650")).toBe(false);
  });
  it("computes hit@k, MRR and refusal rates", () => {
    const ans = (refused: boolean, answer: string, texts: string[]) => ({
      question: "q",
      answer,
      refused,
      reason: null,
      latencyMs: 1,
      interpretedAs: null,
      citations: texts.slice(0, 1).map((t, i) => ({
        n: i + 1,
        docId: "d",
        title: "t",
        sectionPath: "",
        text: t,
        span: [0, 0] as [number, number],
      })),
      passages: texts.map((t, i) => testPassage(t, { id: t }, i + 1)),
    });
    const q1 = { id: "1", question: "q", answerable: true, evidence: ["甲乙丙"], answer_contains: ["650"] };
    const q2 = { id: "2", question: "q", answerable: true, evidence: ["丁戊己"], answer_contains: ["7"] };
    const q3 = { id: "3", question: "q", answerable: false, evidence: [], answer_contains: [] };
    const m = aggregate([
      judge(q1, ans(false, "共650个[1]", ["甲乙丙650", "x"])),
      judge(q2, ans(false, "无", ["x", "丁戊己"])),
      judge(q3, ans(true, "没有", [])),
    ]);
    expect(m).toMatchObject({
      hitAt1: 0.5,
      hitAt5: 1,
      mrr: 0.75,
      answerContains: 0.5,
      citesEvidence: 0.5,
      unanswerableRefused: 1,
      falseRefusals: 0,
    });
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
  });

  it("puts the passages an answer cites first, keeping the rank retrieval gave them, and scores both orders", () => {
    const ps = ["甲乙丙650", "丁戊己7", "庚辛"].map((t, i) => testPassage(t, { id: t }, i + 1));
    const cite = (p: (typeof ps)[number], n: number) => ({
      n,
      docId: p.chunk.docId,
      title: "",
      sectionPath: "",
      text: p.chunk.text,
      span: [0, 0] as [number, number],
    });
    const shown = citedFirst(ps, [cite(ps[1]!, 1)]);
    expect(shown.map((p) => [p.chunk.text, p.rank, p.retrieved])).toEqual([
      ["丁戊己7", 1, 2],
      ["甲乙丙650", 2, 1],
      ["庚辛", 3, 3],
    ]);
    // nothing cited, or the first already cited: retrieval's order as it was
    expect(citedFirst(ps, [])).toBe(ps);
    expect(citedFirst(ps, [cite(ps[0]!, 1)])).toBe(ps);
    const q = { id: "1", question: "q", answerable: true, evidence: ["丁戊己"], answer_contains: ["7"] };
    const o = judge(q, {
      question: "q",
      answer: "7[1]",
      refused: false,
      reason: null,
      citations: [cite(ps[1]!, 1)],
      passages: shown,
      latencyMs: 1,
      interpretedAs: null,
    });
    expect([o.evidenceRank, o.retrievedRank]).toEqual([1, 2]);
    expect(aggregate([o])).toMatchObject({ hitAt1: 1, hitAt1Retrieved: 0 });
  });
});

describe("dev question set meets the targets", () => {
  let qa: PlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
  afterAll(() => cleanup());

  // questions.jsonl is the dev set the answerer was tuned on; holdout.jsonl was written separately
  // from the documents alone and is run here to catch overfitting to the dev set
  it.each(["questions.jsonl", "holdout.jsonl"])("tests/eval/%s", async (file) => {
    const run = await runEval(qa, join(REPO, "tests/eval", file));
    const m = run.metrics;
    console.log(`${file}\n${formatMetrics(m)}`);
    expect(m.questions).toBeGreaterThanOrEqual(50);
    expect(m.hitAt5).toBeGreaterThanOrEqual(TARGETS.hitAt5);
    expect(m.mrr).toBeGreaterThanOrEqual(TARGETS.mrr);
    expect(m.answerContains).toBeGreaterThanOrEqual(TARGETS.answerContains);
    expect(m.citesEvidence).toBeGreaterThanOrEqual(TARGETS.citesEvidence);
    expect(m.unanswerableRefused).toBeGreaterThanOrEqual(TARGETS.unanswerableRefused);
    expect(m.falseRefusals).toBeLessThanOrEqual(TARGETS.falseRefusalsMax);
  });
});

// confusable/ was written for this issue; confusable-holdout/ was written later by someone who never
// saw the code, to check that the township/year/kind handling generalises
describe.each(["confusable", "confusable-holdout"])(
  "%s corpus (many townships and years on the same topics) meets the quality targets",
  (set) => {
    let qa: PlanQA;
    let cleanup: () => Promise<void>;
    beforeAll(async () => ({ qa, cleanup } = await coreOver(join(REPO, "tests/eval", set, "corpus"))));
    afterAll(() => cleanup());

    it("questions.jsonl", async () => {
      const { metrics: m } = await runEval(qa, join(REPO, "tests/eval", set, "questions.jsonl"));
      console.log(`${set}\n${formatMetrics(m)}`);
      expect(m.questions).toBeGreaterThanOrEqual(60);
      expect(m.hitAt1).toBeGreaterThanOrEqual(0.85);
      expect(m.hitAt5).toBeGreaterThanOrEqual(0.97);
      expect(m.answerContains).toBeGreaterThanOrEqual(0.9);
      expect(m.citesEvidence).toBeGreaterThanOrEqual(0.95);
      expect(m.unanswerableRefused).toBeGreaterThanOrEqual(0.85);
      expect(m.falseRefusals).toBeLessThanOrEqual(0.05);
    });
  },
);

// residents/ was written by a helper who saw only the documents (the shipped plans plus six in other
// formats): everyday words, dialect and typos, two-part questions, near misses that must be refused
describe("residents' question set (own corpus: shipped plans + docx, pdf, html, GBK and two new documents)", () => {
  let qa: PlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await coreOver(join(REPO, "tests/eval/residents/corpus"))));
  afterAll(() => cleanup());

  // the held-out part was run once, first, at the end of the residents' issue (docs/eval-results.md);
  // from then on it guards against regressions like the dev set
  it("holdout.jsonl", async () => {
    const { metrics: m, outcomes } = await runEval(qa, join(REPO, "tests/eval/residents/holdout.jsonl"));
    console.log(`residents holdout\n${formatMetrics(m)}\n${formatKinds(outcomes)}`);
    expect(m.questions).toBeGreaterThanOrEqual(40);
    expect(m.answerContains).toBeGreaterThanOrEqual(0.85);
    expect(m.falseRefusals).toBeLessThanOrEqual(0.08);
    expect(m.wrongNumbers).toBe(0);
  });

  it("questions.jsonl", async () => {
    const { metrics: m, outcomes } = await runEval(qa, join(REPO, "tests/eval/residents/questions.jsonl"));
    console.log(`residents\n${formatMetrics(m)}\n${formatKinds(outcomes)}`);
    expect(m.questions).toBeGreaterThanOrEqual(100);
    expect(m.hitAt5).toBeGreaterThanOrEqual(0.95);
    expect(m.answerContains).toBeGreaterThanOrEqual(0.9);
    expect(m.falseRefusals).toBeLessThanOrEqual(0.05);
    // a number about another thing is the one outcome never allowed
    expect(m.wrongNumbers).toBe(0);
    const kind = (k: string) => byKind(outcomes).find((r) => r.kind === k)!;
    expect(kind("near-miss").share).toBeGreaterThanOrEqual(0.9);
    expect(kind("cadre").share).toBeGreaterThanOrEqual(0.95);
    expect(kind("dialect").share).toBeGreaterThanOrEqual(0.9);
    expect(kind("two-part").share).toBeGreaterThanOrEqual(0.9);
  });
});

// relative-time/ (same helper, documents only): 今年/去年/最新 against a fixed date per question
describe("relative time words against fixed dates", () => {
  let qa: PlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
  afterAll(() => cleanup());

  it.each([
    ["questions.jsonl", 36],
    ["holdout.jsonl", 14],
  ])("%s", async (file, n) => {
    const { metrics: m, outcomes } = await runEval(qa, join(REPO, "tests/eval/relative-time", file));
    console.log(`relative-time ${file}\n${formatMetrics(m)}\n${formatKinds(outcomes)}`);
    expect(m.questions).toBeGreaterThanOrEqual(n);
    // answered from the year meant, or from the nearest year with both years named in the body
    expect(m.answerContains).toBeGreaterThanOrEqual(0.9);
    expect(m.falseRefusals).toBeLessThanOrEqual(0.05);
    expect(m.unanswerableRefused).toBe(1);
    expect(m.wrongNumbers).toBe(0);
  });
});

// crud-rag/ is generated from the public CRUD-RAG benchmark (scripts/crud-rag.mjs, ids ending 0–7):
// Chinese news, not plans, measured beside the plain BM25 baseline in the same run
describe("CRUD-RAG news (text that is not a plan), beside plain BM25", () => {
  let qa: PlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await coreOver(join(REPO, "tests/eval/crud-rag/corpus"))));
  afterAll(() => cleanup());

  it("questions.jsonl", async () => {
    const baseline = PlainBm25Baseline.fromChunks((qa as LocalPlanQA).index.chunks);
    const { metrics: m, baseline: b } = await runEval(
      qa,
      join(REPO, "tests/eval/crud-rag/questions.jsonl"),
      undefined,
      baseline,
    );
    console.log(`crud-rag\n${formatMetrics(m)}\n${formatAgainstBaseline(m, b!)}`);
    expect(m.questions).toBeGreaterThanOrEqual(150);
    // at least as good as plain BM25 on every retrieval and answer metric (measured: hit@1 0.854 shown,
    // 0.803 retrieval's own against 0.803; hit@5 0.934 against 0.920; answer_contains 0.832 against 0.832)
    expect(m.hitAt1).toBeGreaterThanOrEqual(b!.hitAt1);
    expect(m.hitAt1Retrieved).toBeGreaterThanOrEqual(b!.hitAt1Retrieved);
    expect(m.hitAt5).toBeGreaterThanOrEqual(b!.hitAt5);
    expect(m.answerContains).toBeGreaterThanOrEqual(b!.answerContains);
    // (false refusals 0.095: the questions with no context of their own and the mislabelled ones, see docs/eval-results.md)
    expect(m.falseRefusals).toBeLessThanOrEqual(0.1);
    expect(m.unanswerableRefused).toBeGreaterThanOrEqual(0.9);
  });
});
