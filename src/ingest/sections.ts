import type { Heading, HeadingType } from "../domain/types.js";
import { CN_NUM_CLASS, cnNumeral, isCjk } from "../domain/zh.js";

const MARKER = new RegExp(
  [
    `(?<annex>(?<=^|\n)[ \t　]*附件[ \t　]*(?:(?<annexv>\\d{1,2})(?![\\d年])[ \t　]*)?[：:]?(?=[^\n]{0,40}(?:\n|$)))`,
    `(?<part>第(?<partv>${CN_NUM_CLASS})(?:部分|篇|章|节))`,
    `(?<pcn>[（(](?<pcnv>${CN_NUM_CLASS})[）)])`,
    `(?<pnum>[（(](?<pnumv>\\d{1,2})[）)])`,
    `(?<cn>(?<cnv>${CN_NUM_CLASS})、)`,
    `(?<num>(?<![\\d.．])(?<numv>\\d{1,2}|\\*{1,3})[.．、](?![\\d.．、]))`,
    `(?<is>(?<isv>${CN_NUM_CLASS})是)`,
  ].join("|"),
  "g",
);

const SENTENCE_END = /[。；;！!？?：:]/;
const CLAUSE_END = /[，,、]/;
const MAX_TITLE = 40;

/**
 * Find the headings of a Chinese plan document: 第一部分, 一、 （一） 1. / 1、 / 1 . （1） and inline 一是/二是,
 * also when several run inline on one long line. A marker counts when it stands at a line start or
 * after a sentence end (一是 also after a comma) and continues its family's numbering (一 after
 * nothing, 二 after 一); that sequence check is what keeps "一、二、三产业" or "唯一是" out.
 * Depth comes from the order in which families nest in this document, not from a fixed table.
 *
 * @example findHeadings("一、总体要求\n（一）目标。一是稳产。二是增收。").map(h => h.title)
 *   // ["总体要求", "目标", "稳产", "增收"]
 */
export function findHeadings(text: string): Heading[] {
  const stack: Array<{ type: HeadingType; value: number }> = [];
  const out: Heading[] = [];
  for (const m of text.matchAll(MARKER)) {
    const g = m.groups!;
    const type = (["annex", "part", "pcn", "pnum", "cn", "num", "is"] as const).find((t) => g[t] !== undefined)!;
    const at = m.index;
    // an attachment opens a part of its own: what was open before it closes
    if (type === "annex") {
      stack.length = 0;
      stack.push({ type, value: Number(g.annexv || 1) });
      out.push({
        type,
        value: Number(g.annexv || 1),
        marker: m[0],
        title: "",
        start: at,
        end: at + m[0].length,
        depth: 0,
      });
      continue;
    }
    const rawValue = g[`${type}v`]!;
    const value = rawValue.startsWith("*") ? 0 : cnNumeral(rawValue);
    const prev = at === 0 ? "\n" : text[at - 1]!;
    const lineStart = prev === "\n";
    const boundary =
      lineStart ||
      SENTENCE_END.test(prev) ||
      (/[”」』）)]/.test(prev) && SENTENCE_END.test(text[at - 2] ?? "")) ||
      (type === "is" && CLAUSE_END.test(prev));

    const idx = stack.findIndex((s) => s.type === type);
    const expected = idx >= 0 ? stack[idx]!.value + 1 : 1;
    // a heading on its own line may skip numbers (a gap in the publisher's numbering), never go back
    const seqOk =
      value === expected ||
      (value === 0 && (lineStart || idx >= 0)) ||
      (lineStart && type !== "is" && value > expected) ||
      (boundary && type !== "is" && idx >= 0 && value === expected + 1);
    // "…振兴工1 .巩固…": a number glued to the text right after a heading opened it, or continuing its list
    const lastStart = out[out.length - 1]?.start ?? -Infinity;
    const inlineNumberOk = type === "num" && isCjk(prev) && value === expected && (idx >= 0 || at - lastStart <= 60);
    if (!seqOk || !(boundary || inlineNumberOk)) continue;

    const resolved = value === 0 ? expected : value;
    if (idx >= 0) stack.length = idx;
    stack.push({ type, value: resolved });
    const bodyStart = at + m[0].length;
    out.push({ type, value: resolved, marker: m[0], title: "", start: at, end: bodyStart, depth: stack.length - 1 });
  }
  // a title ends at its sentence end or where the next heading starts, whichever comes first
  out.forEach((h, i) => (h.title = headingTitle(text.slice(0, out[i + 1]?.start ?? text.length), h.end)));
  // (an attachment alone on its line is named by the title on the line after it)
  for (const h of out)
    if (h.type === "annex" && !h.title) {
      const next = /^\s*\n\s*([^\n]{2,40})/.exec(text.slice(h.end));
      h.title = next ? next[1]!.trim() : "";
    }
  return out;
}

function headingTitle(text: string, from: number): string {
  let end = from;
  while (end < text.length && end - from <= MAX_TITLE && !/[。；;！!？?\n]/.test(text[end]!)) end++;
  let title = text.slice(from, end);
  if (title.length > MAX_TITLE) {
    const comma = title.search(/[，,]/);
    title = comma > 0 && comma <= MAX_TITLE ? title.slice(0, comma) : `${title.slice(0, MAX_TITLE)}…`;
  }
  return title.replace(/[\s，,：:、]+$/, "").trim();
}

/** A stretch of text that belongs to one place in the heading tree. */
export interface Segment {
  start: number;
  end: number;
  /** Titles from the top heading down to the one this segment starts with. */
  path: string[];
  /** The heading this segment starts with, when any. */
  heading: Heading | null;
}

/**
 * Cut a text into segments at every heading, each labelled with its heading path. The text before
 * the first heading is a segment with an empty path.
 */
export function segmentByHeadings(text: string, headings: Heading[] = findHeadings(text)): Segment[] {
  const segments: Segment[] = [];
  const path: string[] = [];
  const first = headings[0]?.start ?? text.length;
  if (first > 0) segments.push({ start: 0, end: first, path: [], heading: null });
  headings.forEach((h, i) => {
    path.length = h.depth;
    path.push(`${h.marker}${h.title}`);
    const end = headings[i + 1]?.start ?? text.length;
    segments.push({ start: h.start, end, path: [...path], heading: h });
  });
  return segments;
}

/** The section tree (for display and tests): each heading with its children. */
export interface SectionNode {
  heading: Heading;
  children: SectionNode[];
}

export function sectionTree(headings: Heading[]): SectionNode[] {
  const roots: SectionNode[] = [];
  const open: SectionNode[] = [];
  for (const h of headings) {
    const node: SectionNode = { heading: h, children: [] };
    open.length = h.depth;
    const parent = open[h.depth - 1];
    (parent ? parent.children : roots).push(node);
    open.push(node);
  }
  return roots;
}
