import { readFile, writeFile } from "node:fs/promises";
import type { PlanQA } from "../../app.js";
import type { PlainBm25Baseline } from "../../eval/baseline.js";
import {
  aggregate,
  type EvalMetrics,
  type EvalQuestion,
  judge,
  parseQuestions,
  type QuestionOutcome,
} from "../../eval/metrics.js";
import { answerJson } from "./format.js";

export interface EvalRun {
  metrics: EvalMetrics;
  outcomes: QuestionOutcome[];
  /** The plain BM25 baseline on the same questions, when one was given. */
  baseline?: EvalMetrics;
  records: Array<ReturnType<typeof answerJson> & { id: string }>;
}

/**
 * Run a question set through the core. The first pass warms caches (jieba, hnswlib, JIT); the
 * second is the one measured and judged, so latency is warm latency.
 */
export async function runEval(
  qa: PlanQA,
  questionsFile: string,
  outFile?: string,
  baseline?: PlainBm25Baseline,
): Promise<EvalRun> {
  const questions = parseQuestions(await readFile(questionsFile, "utf8"));
  const ask = async (q: EvalQuestion, pass: number) => {
    const today = q.today ? new Date(`${q.today}T12:00:00`) : undefined;
    const conversationId = q.history?.length ? `eval-${q.id}-${pass}` : undefined;
    for (const h of q.history ?? []) await qa.ask(h, { conversationId, ...(today ? { today } : {}) });
    return qa.ask(q.question, { ...(conversationId ? { conversationId } : {}), ...(today ? { today } : {}) });
  };
  for (const q of questions.slice(0, 20)) await ask(q, 0);
  const outcomes: QuestionOutcome[] = [];
  const records: EvalRun["records"] = [];
  for (const q of questions) {
    const a = await ask(q, 1);
    outcomes.push(judge(q, a));
    records.push({ id: q.id, ...answerJson(a) });
  }
  if (outFile) await writeFile(outFile, `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
  const run: EvalRun = { metrics: aggregate(outcomes), outcomes, records };
  if (baseline) run.baseline = aggregate(questions.map((q) => judge(q, baseline.ask(q.question))));
  return run;
}
