import type { Chunk, DocKind, SourceDoc } from "../domain/types.js";
import { PLAN_WORDS, REVIEW_WORDS } from "../domain/zh.js";
import { type CleanText, normalizeForMatch, originalSpan } from "./clean.js";
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

/** Year and kind a heading path speaks about: "一、2021年各项工作情况" → 2021, 总结. */
export function pathScope(path: string[]): { years: number[]; kinds: DocKind[] } {
  let years: number[] = [];
  let kinds: DocKind[] = [];
  for (const title of path) {
    const y = [...title.matchAll(/(20[0-4]\d)\s*年/g)].map((m) => Number(m[1]));
    const review = REVIEW_WORDS.test(title);
    const plan = PLAN_WORDS.test(title);
    // only headings that name a year or are clearly a part's label set the scope
    if (y.length) years = y;
    if (y.length && (review || plan)) kinds = review && !plan ? ["总结"] : plan && !review ? ["计划"] : kinds;
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
export function chunkDocument(doc: SourceDoc, clean: CleanText, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const { text } = clean;
  const chunks: Chunk[] = [];
  const headings = findHeadings(text);
  segmentByHeadings(text, headings).forEach((seg, i, segments) => {
    const body = text.slice(seg.heading ? seg.heading.end : seg.start, seg.end);
    if (!normalizeForMatch(body)) return;
    // a heading that only introduces deeper headings ("1、乡村振兴开局有力。一是…") travels in their
    // paths; a one-sentence item ("一是…。二是…") is content and stays
    const next = segments[i + 1]?.heading;
    const onlyTitle = seg.heading && normalizeForMatch(body) === normalizeForMatch(seg.heading.title);
    if (onlyTitle && (!/[。！？；!?;]\s*$/.test(body) || (next && next.depth > seg.heading!.depth))) return;
    const scope = pathScope(seg.path);
    const years = scope.years.length ? scope.years : doc.years;
    const kinds = scope.kinds.length ? scope.kinds : doc.kinds;
    let cur: Array<[number, number]> = [];
    const flush = () => {
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
        text: text.slice(start, end),
        span: originalSpan(clean, start, end),
        ord: chunks.length,
      });
      cur = [];
    };
    for (const range of sentenceRanges(text, seg.start, seg.end)) {
      const curLen = cur.length ? range[1] - cur[0]![0] : 0;
      if (cur.length && curLen > options.maxChars) flush();
      cur.push(range);
    }
    flush();
  });
  return chunks;
}
