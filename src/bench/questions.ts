import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseQuestions } from "../eval/metrics.js";
import { rng } from "./generate.js";

const REPO = resolve(import.meta.dirname, "../..");
const QUESTION_FILES = [
  "tests/eval/questions.jsonl",
  "tests/eval/holdout.jsonl",
  "tests/eval/confusable/questions.jsonl",
  "tests/eval/confusable-holdout/questions.jsonl",
].map((f) => join(REPO, f));

/** Questions from the eval sets, re-aimed at (township, year) pairs the synthetic corpus has. */
export async function benchQuestions(n: number, pairs: Array<[string, number]>, seed: number): Promise<string[]> {
  const rand = rng(seed);
  const all: string[] = [];
  for (const f of QUESTION_FILES) for (const q of parseQuestions(await readFile(f, "utf8"))) all.push(q.question);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let q = all[Math.floor(rand() * all.length)]!;
    const [town, year] = pairs[Math.floor(rand() * pairs.length)]!;
    q = q.replace(/[\u4e00-\u9fff]{2,3}(镇|乡|街道)/g, (m) => (/^(乡镇|全镇|我镇|城镇|集镇)$/.test(m) ? m : town));
    q = q.replace(/20\d\d(?=年)/g, String(year));
    out.push(q);
  }
  return out;
}
