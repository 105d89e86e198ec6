import { z } from "zod";
import type { Answer } from "../domain/types.js";
import { normalizeForMatch } from "../ingest/clean.js";

export const EvalQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string(),
  answerable: z.boolean(),
  evidence: z.array(z.string()),
  answer_contains: z.array(z.string()),
  kind: z.string().optional(),
  /** A several-part question one part of which the documents do not answer: the answer must still not be refused. */
  partial: z.boolean().optional(),
  missing_hint: z.string().optional(),
  /** Numbers near the topic that would be a wrong answer to an unanswerable question. */
  tempting: z.array(z.string()).optional(),
  /** The date relative time words are read against (YYYY-MM-DD). */
  today: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  /** Earlier messages of the same conversation, asked first (follow-ups). */
  history: z.array(z.string()).optional(),
  /** The year a relative time word means; when the answer comes from another year, the answer must name this one too. */
  year_meant: z.number().int().nullable().optional(),
  year_answered: z.number().int().nullable().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** Parse a JSONL question file; a bad line is an error that names its line number. */
export function parseQuestions(jsonl: string): EvalQuestion[] {
  const out: EvalQuestion[] = [];
  jsonl.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`questions line ${i + 1}: not valid JSON`);
    }
    const parsed = EvalQuestionSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `questions line ${i + 1}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    out.push(parsed.data);
  });
  return out;
}

/**
 * Does `text` contain `needle` once both are NFKC-normalised without whitespace and punctuation? A
 * date is one date with or without a leading zero (2023年08月16日 = 2023年8月16日).
 */
export const containsNormalized = (text: string, needle: string) =>
  sameDates(normalizeForMatch(text)).includes(sameDates(normalizeForMatch(needle)));
const sameDates = (s: string) => s.replace(/([年月])0(\d)(?=[月日号])/g, "$1$2");

export interface QuestionOutcome {
  id: string;
  answerable: boolean;
  /** 1-based rank of the first passage containing any evidence string, or null, in the order shown (cited first). */
  evidenceRank: number | null;
  /** …and the best rank retrieval gave such a passage, before the answer put its cited passages first. */
  retrievedRank: number | null;
  answerContains: boolean;
  citesEvidence: boolean;
  refused: boolean;
  /** An unanswerable question answered with a number: the worst outcome there is. */
  wrongNumber: boolean;
  kind: string | null;
  latencyMs: number;
}

export function judge(q: EvalQuestion, a: Answer): QuestionOutcome {
  const hasEvidence = (text: string) => q.evidence.some((e) => containsNormalized(text, e));
  const evidence = a.passages.filter((p) => hasEvidence(p.chunk.text));
  const rank = evidence[0]?.rank ?? null;
  const retrieved = evidence.length ? Math.min(...evidence.map((p) => p.retrieved ?? p.rank)) : null;
  return {
    id: q.id,
    answerable: q.answerable,
    evidenceRank: rank,
    retrievedRank: retrieved,
    answerContains:
      !a.refused &&
      q.answer_contains.every((s) => containsNormalized(a.answer, s)) &&
      // an answer from another year than the one meant must say which year it is not
      (q.year_meant == null ||
        q.year_answered == null ||
        q.year_meant === q.year_answered ||
        containsNormalized(a.answer, String(q.year_meant))),
    citesEvidence: !a.refused && a.citations.some((c) => hasEvidence(c.text)),
    refused: a.refused,
    wrongNumber: !q.answerable && !a.refused && /\d/.test(a.answer.replace(/\[\d+\]/g, "")),
    kind: q.kind ?? null,
    latencyMs: a.latencyMs,
  };
}

export interface EvalMetrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** The first passage shown holds the evidence (the answer's cited passage comes first). */
  hitAt1: number;
  /** …the first passage retrieval ranked holds it. */
  hitAt1Retrieved: number;
  hitAt5: number;
  mrr: number;
  answerContains: number;
  citesEvidence: number;
  unanswerableRefused: number;
  falseRefusals: number;
  /** Unanswerable questions answered with a number. */
  wrongNumbers: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export function percentile(xs: number[], p: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function aggregate(outcomes: QuestionOutcome[]): EvalMetrics {
  const ans = outcomes.filter((o) => o.answerable);
  const un = outcomes.filter((o) => !o.answerable);
  const share = (xs: QuestionOutcome[], f: (o: QuestionOutcome) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : 0;
  return {
    questions: outcomes.length,
    answerable: ans.length,
    unanswerable: un.length,
    hitAt1: share(ans, (o) => o.evidenceRank === 1),
    hitAt1Retrieved: share(ans, (o) => o.retrievedRank === 1),
    hitAt5: share(ans, (o) => o.evidenceRank !== null && o.evidenceRank <= 5),
    mrr: ans.length ? ans.reduce((a, o) => a + (o.evidenceRank ? 1 / o.evidenceRank : 0), 0) / ans.length : 0,
    answerContains: share(ans, (o) => o.answerContains),
    citesEvidence: share(ans, (o) => o.citesEvidence),
    unanswerableRefused: share(un, (o) => o.refused),
    falseRefusals: share(ans, (o) => o.refused),
    wrongNumbers: un.filter((o) => o.wrongNumber).length,
    latencyP50Ms: percentile(
      outcomes.map((o) => o.latencyMs),
      50,
    ),
    latencyP95Ms: percentile(
      outcomes.map((o) => o.latencyMs),
      95,
    ),
  };
}

export const TARGETS = {
  hitAt5: 0.95,
  mrr: 0.85,
  answerContains: 0.9,
  citesEvidence: 0.9,
  unanswerableRefused: 0.9,
  falseRefusalsMax: 0.05,
};

export function formatMetrics(m: EvalMetrics): string {
  const f = (x: number) => x.toFixed(3);
  return [
    `questions        ${m.questions} (${m.answerable} answerable, ${m.unanswerable} unanswerable)`,
    `hit@1            ${f(m.hitAt1)}   (first passage shown; retrieval's own first: ${f(m.hitAt1Retrieved)})`,
    `hit@5            ${f(m.hitAt5)}   (target ≥ ${TARGETS.hitAt5})`,
    `MRR              ${f(m.mrr)}   (target ≥ ${TARGETS.mrr})`,
    `answer_contains  ${f(m.answerContains)}   (target ≥ ${TARGETS.answerContains})`,
    `cites_evidence   ${f(m.citesEvidence)}   (target ≥ ${TARGETS.citesEvidence})`,
    `refused (unans.) ${f(m.unanswerableRefused)}   (target ≥ ${TARGETS.unanswerableRefused})`,
    `false refusals   ${f(m.falseRefusals)}   (target ≤ ${TARGETS.falseRefusalsMax})`,
    `wrong numbers    ${m.wrongNumbers}   (unanswerable questions answered with a number; target 0)`,
    `latency p50/p95  ${m.latencyP50Ms.toFixed(2)} / ${m.latencyP95Ms.toFixed(2)} ms (warm)`,
  ].join("\n");
}

/** One row per question kind: how many, answered correctly (answerable) or refused (unanswerable), wrong numbers. */
export function byKind(
  outcomes: QuestionOutcome[],
): Array<{ kind: string; n: number; correct: number; share: number; wrongNumbers: number }> {
  const kinds = [...new Set(outcomes.map((o) => o.kind ?? "-"))];
  return kinds.map((kind) => {
    const os = outcomes.filter((o) => (o.kind ?? "-") === kind);
    const correct = os.filter((o) => (o.answerable ? o.answerContains : o.refused)).length;
    return {
      kind,
      n: os.length,
      correct,
      share: correct / os.length,
      wrongNumbers: os.filter((o) => o.wrongNumber).length,
    };
  });
}

export function formatKinds(outcomes: QuestionOutcome[]): string {
  const rows = byKind(outcomes);
  if (rows.length < 2) return "";
  return [
    "kind             n   correct (answer_contains, or refused when unanswerable)   wrong numbers",
    ...rows.map(
      (r) =>
        `${r.kind.padEnd(16)} ${String(r.n).padStart(3)}   ${r.correct}/${r.n} = ${r.share.toFixed(2)}   ${r.wrongNumbers}`,
    ),
  ].join("\n");
}

/** The product beside the plain BM25 baseline, metric by metric. */
export function formatAgainstBaseline(m: EvalMetrics, b: EvalMetrics): string {
  const f = (x: number) => x.toFixed(3);
  const rows: Array<[string, number, number]> = [
    ["hit@1", m.hitAt1, b.hitAt1],
    ["hit@1 retrieval", m.hitAt1Retrieved, b.hitAt1Retrieved],
    ["hit@5", m.hitAt5, b.hitAt5],
    ["answer_contains", m.answerContains, b.answerContains],
    ["false refusals", m.falseRefusals, b.falseRefusals],
    ["refused (unans.)", m.unanswerableRefused, b.unanswerableRefused],
  ];
  return [
    "                 project   plain BM25 (500/50 windows, jieba, top window pasted, never refuses)",
    ...rows.map(([k, x, y]) => `${k.padEnd(16)} ${f(x)}     ${f(y)}`),
  ].join("\n");
}
