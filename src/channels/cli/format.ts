import { formatWithSources } from "../../answer/extractive.js";
import type { Answer } from "../../domain/types.js";

/** The `ask --json` shape (also one record of `eval --out`). */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    answer: a.answer,
    refused: a.refused,
    reason: a.reason,
    citations: a.citations.map((c) => ({ n: c.n, docId: c.docId, title: c.title, sectionPath: c.sectionPath, text: c.text, span: c.span })),
    passages: a.passages.map((p) => ({
      rank: p.rank,
      docId: p.chunk.docId,
      title: p.chunk.title,
      sectionPath: p.chunk.sectionPath.join(" > "),
      text: p.chunk.text,
      score: Number(p.score.toFixed(6)),
    })),
    latencyMs: Number(a.latencyMs.toFixed(3)),
  };
}

/** Human-readable answer for the terminal. */
export function answerText(a: Answer): string {
  return formatWithSources(a.answer, a.citations);
}
