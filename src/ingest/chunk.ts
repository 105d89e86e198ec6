import { lowerBound } from "../domain/sorted.js";
import type { Heading } from "../domain/types.js";
import { type Chunk, type DocKind, isPlanKind, type SourceDoc } from "../domain/types.js";
import { PLAN_WORDS, REVIEW_WORDS } from "../domain/zh.js";
import { type CleanText, normalizeForMatch, originalSpan } from "./clean.js";
import type { ExplicitHeading } from "./loaders/registry.js";
import { findHeadings, segmentByHeadings } from "./sections.js";

export interface ChunkOptions {
  /** Soft upper bound on a chunk's length in characters; a single longer sentence stays whole. */
  maxChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 300 };

/** A sentence: up to and including 。！？； (and a closing quote after them), or a line. */
const SENTENCE = /[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n|$)/g;

/** Split [start, end) of text into sentence ranges, dropping empty ones. */
export function sentenceRanges(text: string, start = 0, end = text.length): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const slice = text.slice(start, end);
  for (const m of slice.matchAll(SENTENCE)) {
    if (!m[0]) continue;
    let s = start + m.index;
    let e = s + m[0].length;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push([s, e]);
  }
  return out;
}

/**
 * Year and kind a heading path speaks about: "一、2021年各项工作情况" → 2021, 总结. In a document
 * that is a review of one year and a plan for the next, a part headed without a year
 * ("（一）上年工作完成情况" / "（二）今年工作安排") takes the earlier or the later year.
 */
export function pathScope(
  path: string[],
  doc?: Pick<SourceDoc, "years" | "kinds">,
): { years: number[]; kinds: DocKind[] } {
  let years: number[] = [];
  let kinds: DocKind[] = [];
  const twoPart = !!doc && doc.kinds.includes("总结") && doc.kinds.includes("计划") && doc.years.length >= 2;
  for (const title of path) {
    const y = [...title.matchAll(/(20[0-4]\d)\s*年/g)].map((m) => Number(m[1]));
    const review = REVIEW_WORDS.test(title) || /(上年|去年|上一年)/.test(title);
    const plan = PLAN_WORDS.test(title) || /(今年|明年|下一步|下步)/.test(title);
    const kind: DocKind[] | null = review && !plan ? ["总结"] : plan && !review ? ["计划"] : null;
    // only headings that name a year, or part labels of a two-part document, set the scope
    if (y.length) {
      years = y;
      if (kind) kinds = kind;
    } else if (twoPart && kind && !kinds.length) {
      years = kind[0] === "总结" ? [Math.min(...doc.years)] : [Math.max(...doc.years)];
      kinds = kind;
    }
  }
  return { years, kinds };
}

/**
 * Section-aware chunking: each heading segment is split into sentences, and sentences are packed
 * into chunks of at most `maxChars` without ever cutting one. A segment that only repeats its
 * heading (a heading line) yields no chunk: its title already travels in the children's path.
 *
 * @example chunkDocument(doc, cleanText(raw)) // Chunk[] with sectionPath and span into raw
 */
/** Structure a loader found, in coordinates of the loaded (uncleaned) text. */
export interface DocStructure {
  headings?: ExplicitHeading[];
  rows?: Array<[number, number]>;
}

/** First cleaned position at or after an original offset. */
function toClean(clean: CleanText, orig: number): number {
  return lowerBound(clean.offsets, orig);
}

/**
 * Headings of a cleaned text: the format's own (Word styles, HTML h1–h6) when it has them, with
 * numbered markers found inside each of their sections nested below; otherwise markers alone.
 */
export function documentHeadings(clean: CleanText, explicit: ExplicitHeading[] = []): Heading[] {
  const { text } = clean;
  if (!explicit.length) return findHeadings(text);
  const marked: Heading[] = explicit
    .map((h) => ({ start: toClean(clean, h.start), end: toClean(clean, h.end), level: h.level }))
    .filter((h) => h.end > h.start)
    .map((h) => ({
      type: "style",
      value: 0,
      marker: "",
      title: text.slice(h.start, h.end).trim(),
      start: h.start,
      end: h.end,
      depth: h.level - 1,
    }));
  const out: Heading[] = [];
  const bounds = [{ end: 0, depth: -1 }, ...marked.map((h) => ({ end: h.end, depth: h.depth }))];
  bounds.forEach((b, i) => {
    if (i > 0) out.push(marked[i - 1]!);
    const until = marked[i]?.start ?? text.length;
    const inner = findHeadings(text.slice(b.end, until));
    for (const h of inner) out.push({ ...h, start: h.start + b.end, end: h.end + b.end, depth: h.depth + b.depth + 1 });
  });
  return out;
}

/** A table written as text, one row a line, its cells between ｜ or | ("序号｜项目名称｜投资（万元）"). */
const PIPE = /[｜|]/g;
/**
 * A text row's cells: pipes on both ends are the table's border; one at the start alone stands for an empty first
 * cell, the cell merged with the one above (`｜质量指标｜改造后路面宽度｜6.5米` under `产出指标｜数量指标｜…｜…`).
 */
const cellsOf = (line: string) => {
  const row = line.trim();
  const bordered = /^[｜|]/.test(row) && /[｜|]$/.test(row);
  return (bordered ? row.slice(1, -1) : row.replace(/[｜|]$/, "")).split(/[｜|]/);
};

/**
 * The rows of tables written as text, each with its table's header line (as ranges of `text`): a
 * header of labels and at least one row, every line with the header's number of cells. A
 * Markdown rule line (|---|---|) between them is no row.
 */
export function textTableRows(text: string): Array<{ row: [number, number]; header: [number, number] | null }> {
  if (!/[｜|].*[｜|]|[：:][^\n]*[；;][^\n]*[：:][^\n]*[；;][^\n]*[：:]/.test(text)) return [];
  const lines: Array<[number, number]> = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    let s = at;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    lines.push([s, e]);
    at = end + 1;
  }
  const out: Array<{ row: [number, number]; header: [number, number] | null }> = [];
  let header: [number, number] | null = null;
  let width = 0;
  for (const [s, e] of lines) {
    const line = text.slice(s, e);
    // a line that names its own cells ("项目名称：…；建设内容：…；投资（万元）：680；完成时限：…") is a row by itself
    if (ownCells(line)) {
      out.push({ row: [s, e], header: null });
      header = null;
      continue;
    }
    if ((line.match(PIPE)?.length ?? 0) < 2) {
      // (a group heading between a table's rows, "一、产业发展", leaves the table going on under its header)
      if (!(header && GROUP_ROW.test(line))) header = null;
      continue;
    }
    const cells = cellsOf(line);
    if (header && /^[\s|｜:：\-—]+$/.test(line)) continue;
    if (header && cells.length === width) out.push({ row: [s, e], header });
    else if (cells.every((c) => c.trim() && !/^\s*[\d.]+\s*$/.test(c))) {
      header = [s, e];
      width = cells.length;
    } else header = null;
  }
  return out;
}

/** A table's group heading on a line of its own: 一、产业发展, （二）民生保障, short and with no stop. */
const GROUP_ROW = /^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])[^。；;！!？?]{1,16}$/;

/** Whether a line is a table row that names its cells: three or more "表头：值" cells between ；, the first a name. */
function ownCells(line: string): boolean {
  const cells = line.split(/[；;]/).filter((c) => c.trim());
  if (cells.length < 3) return false;
  const keyed = cells.filter((c) => /^\s*[\u4e00-\u9fff（）()]{2,10}[：:]\s*\S/.test(c));
  return keyed.length >= 3 && keyed.length >= cells.length - 1 && /(名称|项目|事项|内容)[：:]/.test(cells[0]!);
}

/**
 * Chunk size for texts that are not plans (news, notices): they have no headings to keep a chunk
 * on one topic, and a report's facts run across sentences. Measured on CRUD-RAG news: 300 → 500
 * characters raised hit@1 (the evidence falls inside one chunk more often).
 */
export const OTHER_TEXT_MAX_CHARS = 500;

export function chunkDocument(
  doc: SourceDoc,
  clean: CleanText,
  options: ChunkOptions = DEFAULT_CHUNK_OPTIONS,
  structure: DocStructure = {},
): Chunk[] {
  if (!doc.kinds.some(isPlanKind) && options.maxChars < OTHER_TEXT_MAX_CHARS)
    options = { ...options, maxChars: OTHER_TEXT_MAX_CHARS };
  const { text } = clean;
  const chunks: Chunk[] = [];
  const headings = documentHeadings(clean, structure.headings);
  // (a table written as text: each row is a chunk of its own, read with its header line above it)
  const textRows = textTableRows(text);
  const headerOf = new Map(textRows.flatMap((r) => (r.header ? [[r.row[0], r.header] as const] : [])));
  const stated = (structure.rows ?? []).map(([s, e]) => [toClean(clean, s), toClean(clean, e)] as [number, number]);
  const statedAt = new Set(stated.map(([s]) => s));
  const rows = stated
    .concat(textRows.map((r) => r.row).filter(([s]) => !statedAt.has(s)))
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const rowStarts = new Set(rows.map(([s]) => s));
  /** Sentences of [start, end), with every table row kept whole (rows contain "；"). */
  const pieces = (start: number, end: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    let at = start;
    for (const [rs, re] of rows) {
      if (rs < start || rs >= end) continue;
      out.push(...sentenceRanges(text, at, rs), [rs, Math.min(re, end)]);
      at = Math.min(re, end);
    }
    out.push(...sentenceRanges(text, at, end));
    return out;
  };
  segmentByHeadings(text, headings).forEach((seg, i, segments) => {
    const body = text.slice(seg.heading ? seg.heading.end : seg.start, seg.end);
    if (!normalizeForMatch(body)) return;
    // a heading that only introduces deeper headings ("1、乡村振兴开局有力。一是…") travels in their
    // paths; a one-sentence item ("一是…。二是…") is content and stays
    const next = segments[i + 1]?.heading;
    const onlyTitle = seg.heading && normalizeForMatch(body) === normalizeForMatch(seg.heading.title);
    if (onlyTitle && (!/[。！？；!?;，,、]\s*$/.test(body) || (next && next.depth > seg.heading!.depth))) return;
    const scope = pathScope(seg.path, doc);
    const years = scope.years.length ? scope.years : doc.years;
    const kinds = scope.kinds.length ? scope.kinds : doc.kinds;
    let cur: Array<[number, number]> = [];
    const flush = (isRow = false) => {
      if (!cur.length) return;
      const start = cur[0]![0];
      const end = cur[cur.length - 1]![1];
      chunks.push({
        id: `${doc.docId}#${chunks.length}`,
        docId: doc.docId,
        title: doc.title,
        township: doc.township,
        years,
        kinds,
        sectionPath: seg.path,
        text: headerOf.has(start)
          ? `${text.slice(...headerOf.get(start)!)}\n${text.slice(start, end)}`
          : text.slice(start, end),
        span: originalSpan(clean, start, end),
        ord: chunks.length,
        ...(isRow ? { isRow: true } : {}),
      });
      cur = [];
    };
    for (const range of pieces(seg.start, seg.end)) {
      // a table row is a chunk of its own, so a question about one row finds and cites that row
      if (rowStarts.has(range[0])) {
        flush();
        cur.push(range);
        flush(true);
        continue;
      }
      const curLen = cur.length ? range[1] - cur[0]![0] : 0;
      if (cur.length && curLen > options.maxChars) flush();
      cur.push(range);
    }
    flush();
  });
  return chunks;
}
