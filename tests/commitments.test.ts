import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalPlanQA } from "../src/app.js";
import { type Commitment, extractAll, pairPlansWithResults } from "../src/commitments/extract.js";
import { filterCommitments, formatCommitments } from "../src/commitments/query.js";
import { normalizeForMatch } from "../src/ingest/clean.js";
import { REPO, shippedCore } from "./helpers/core.js";

interface Label {
  id: string;
  file: string;
  sentence: string;
  quantity: string;
  unit: string;
  object: string;
  kind: "plan" | "result";
}

let qa: LocalPlanQA;
let cleanup: () => Promise<void>;
let labels: Label[];
beforeAll(async () => {
  ({ qa, cleanup } = await shippedCore());
  labels = (await readFile(join(REPO, "tests/eval/commitments.jsonl"), "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Label);
});
afterAll(() => cleanup());

const stem = (f: string) => f.replace(/\.[^.]+$/, "");
const unitOf = (u: string) => u.replace("％", "%");

/** An extracted item is right when a label has its file, number, unit and kind, and its sentence holds the label's. */
function score(items: Commitment[], gold: Label[]) {
  const files = new Set(gold.map((l) => stem(l.file)));
  const extracted = items.filter((c) => files.has(c.docId));
  const used = new Set<string>();
  let correct = 0;
  let objectsOk = 0;
  for (const c of extracted) {
    const hit = gold.find(
      (l) =>
        !used.has(l.id) &&
        stem(l.file) === c.docId &&
        l.quantity === c.quantity &&
        unitOf(l.unit) === c.unit &&
        l.kind === c.kind &&
        normalizeForMatch(c.sentence).includes(normalizeForMatch(l.sentence).replace(/\s/g, "").slice(0, 12)),
    );
    if (!hit) continue;
    used.add(hit.id);
    correct++;
    const bigram = (s: string) => new Set([...s].slice(0, -1).map((ch, i) => ch + s[i + 1]));
    const gb = bigram(hit.object);
    if ([...bigram(c.object)].some((b) => gb.has(b))) objectsOk++;
  }
  return { extracted: extracted.length, correct, precision: correct / extracted.length, recall: correct / gold.length, objectAgreement: objectsOk / Math.max(1, correct) };
}

describe("commitments extracted at ingest time", () => {
  it("meet precision ≥ 0.9 and recall ≥ 0.85 on the hand-labelled set", () => {
    const s = score(qa.index.commitments, labels);
    console.log(`commitments: ${JSON.stringify(s)}`);
    expect(labels.length).toBeGreaterThanOrEqual(60);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
  });

  it("every item cites a span of its chunk that contains its number", () => {
    const chunks = new Map(qa.index.chunks.map((c) => [c.id, c]));
    expect(qa.index.commitments.length).toBeGreaterThan(50);
    for (const c of qa.index.commitments) {
      const chunk = chunks.get(c.chunkId)!;
      expect(chunk.text.slice(c.span[0], c.span[1])).toContain(c.quantity);
      expect(chunk.text).toContain(c.sentence);
    }
  });

  it("are filtered by township, year, kind and topic, and formatted as table, CSV and JSON", () => {
    const toilets = filterCommitments(qa.index.commitments, { township: "荫田镇", year: 2021, kind: "result", topic: "改厕" });
    expect(toilets.map((c) => c.quantity)).toContain("650");
    expect(toilets.every((c) => c.township === "荫田镇" && c.kind === "result")).toBe(true);
    expect(formatCommitments(toilets, "table")).toMatch(/荫田镇 2021 完成 .*650个/);
    const csv = formatCommitments(toilets, "csv").split("\n");
    expect(csv[0]).toMatch(/^township,year,kind,object,quantity,unit/);
    expect(csv.length).toBe(toilets.length + 1);
    expect(JSON.parse(formatCommitments(toilets, "json"))[0].chunkId).toBeTruthy();
  });

  it("answers a question about quantified targets from the table, with citations", async () => {
    const a = await qa.ask("荫田镇2021年有哪些量化目标和完成的数字？");
    expect(a.refused).toBe(false);
    expect(a.answer).toMatch(/650|1597|1900/);
    expect(a.citations.length).toBeGreaterThan(0);
  });
});

describe("plan vs result", () => {
  it("pairs a township's planned items with the reported ones of the same year", async () => {
    const { ingestCorpus } = await import("../src/ingest/pipeline.js");
    const { silentLogger } = await import("../src/log.js");
    const ingest = await ingestCorpus(join(REPO, "tests/eval/confusable/corpus"), { log: silentLogger });
    const items = extractAll(ingest.chunks);
    const pairs = pairPlansWithResults(items).filter((p) => p.result);
    const toilets = pairs.find((p) => p.township === "云溪镇" && p.year === 2022 && p.plan.quantity === "500");
    expect(toilets?.result?.quantity).toBe("468");
    expect(pairs.length).toBeGreaterThan(10);
  });
});

describe("commitments in chat commands", () => {
  it("parses township, year and page in any order and pages the list", async () => {
    const { commitmentsPage, parseCommitmentArgs } = await import("../src/commitments/query.js");
    expect(parseCommitmentArgs("荫田 2021 2", ["荫田镇", "东山镇"])).toEqual({ filter: { township: "荫田镇", year: 2021 }, page: 2 });
    const filter = { township: "荫田镇", year: 2021 };
    const items = await qa.commitments(filter);
    expect(items.length).toBeGreaterThan(10);
    const pager = (offset: number, limit: number) => qa.commitmentPage(filter, offset, limit);
    const first = await commitmentsPage(pager, 1, 10, (p) => `/commitments 荫田镇 2021 ${p}`);
    const numbered = (text: string) => text.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(numbered(first)).toHaveLength(10);
    expect(first).toContain("更多请发送：/commitments 荫田镇 2021 2");
    expect(first).toContain(`共${items.length}项`);
    // a page past the end shows the last page, numbered on from the pages before it
    const pages = Math.ceil(items.length / 10);
    const last = await commitmentsPage(pager, pages + 5, 10, () => "");
    expect(numbered(last)[0]).toMatch(new RegExp(`^${(pages - 1) * 10 + 1}\\. `));
    expect(numbered(last)).toHaveLength(items.length - (pages - 1) * 10);
    expect(await commitmentsPage(async () => ({ total: 0, items: [] }), 1, 10, () => "")).toMatch(/没有找到/);
  });
});
