import { formatWithSources } from "../../answer/extractive.js";
import type { Answer, SourceDoc } from "../../domain/types.js";

/** The `ask --json` shape (also one record of `eval --out`). */
export function answerJson(a: Answer) {
  return {
    question: a.question,
    interpretedAs: a.interpretedAs,
    answer: a.answer,
    refused: a.refused,
    reason: a.reason,
    citations: a.citations.map((c) => ({
      n: c.n,
      docId: c.docId,
      title: c.title,
      sectionPath: c.sectionPath,
      text: c.text,
      span: c.span,
    })),
    passages: a.passages.map((p) => ({
      rank: p.rank,
      ...(p.retrieved ? { retrieved: p.retrieved } : {}),
      docId: p.chunk.docId,
      title: p.chunk.title,
      sectionPath: p.chunk.sectionPath.join(" > "),
      text: p.chunk.text,
      score: Number(p.score.toFixed(6)),
    })),
    latencyMs: Number(a.latencyMs.toFixed(3)),
    answeredBy: a.answeredBy ?? "extractive",
    ...(a.missing?.length ? { missing: a.missing } : {}),
    ...(a.confidence !== undefined ? { confidence: a.confidence } : {}),
  };
}

/** Human-readable answer for the terminal. */
export function answerText(a: Answer): string {
  const understood = a.interpretedAs ? `（理解为：${a.interpretedAs}）\n` : "";
  return understood + formatWithSources(a.answer, a.citations);
}

/** What ingest inferred per document, so staff can correct it in the sidecar (* = from the sidecar). */
export function ingestTable(docs: SourceDoc[], chunkCounts: Map<string, number>): string {
  const mark = (d: SourceDoc, field: string, v: string) => (d.fromSidecar.includes(field) ? `${v}*` : v);
  const rows = [["文件 file", "格式 format", "标题 title", "乡镇 township", "年份 years", "类型 kind", "chunks"]];
  for (const d of docs) {
    rows.push([
      d.file,
      d.encoding,
      mark(d, "title", d.title),
      mark(d, "township", d.township ?? "（未署）"),
      mark(d, "years", d.years.join("/") || "?"),
      mark(d, "kinds", d.kinds.join("+")),
      String(chunkCounts.get(d.docId) ?? 0),
    ]);
  }
  return rows.map((r) => `  ${r.join(" | ")}`).join("\n");
}

/** A one-line progress bar on stderr for terminals; silent when stderr is not a terminal. */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): ((file: string, i: number, total: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return (file, i, total) => {
    const width = 24;
    const done = Math.round(((i + 1) / total) * width);
    stream.write(`\r[${"█".repeat(done)}${"░".repeat(width - done)}] ${i + 1}/${total} ${file.slice(-40).padEnd(40)}`);
    if (i + 1 === total) stream.write("\n");
  };
}
