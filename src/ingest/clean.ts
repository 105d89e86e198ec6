import { BOILERPLATE_LINE_PATTERNS, INLINE_ARTEFACTS, isCjk, isCjkPunct } from "../domain/zh.js";

/**
 * Cleaned text plus, for every character of it, the offset of the character it came from in the
 * original text. Cleaning only deletes characters or swaps one for one, so every chunk can report
 * where it stands in the untouched evidence file.
 */
export interface CleanText {
  text: string;
  offsets: Int32Array;
}

const HALF_TO_FULL: Record<string, string> = {
  ",": "，",
  ";": "；",
  ":": "：",
  "?": "？",
  "!": "！",
  "(": "（",
  ")": "）",
};

/**
 * Clean a document's text for sectioning and chunking.
 *
 * - drops Word artefacts (`[bookmark: _GoBack]`) and web boilerplate lines (breadcrumbs, 附件下载,
 *   扫一扫在手机打开当前页, file-name lines);
 * - removes whitespace inside CJK runs (`指 导` → `指导`, `1 .` → `1.`), keeps it between Latin words;
 * - turns half-width `,;:?!()` next to CJK into full width (not inside numbers: `1,200` stays);
 * - collapses blank lines.
 *
 * @example cleanText("指 导,推进").text === "指导，推进"
 */
export function cleanText(raw: string): CleanText {
  const src = raw.replace(/^\uFEFF/, "");
  const shift = raw.length - src.length;
  const drop = new Uint8Array(src.length);
  const mark = (start: number, end: number) => drop.fill(1, start, end);

  for (const re of INLINE_ARTEFACTS) for (const m of src.matchAll(re)) mark(m.index, m.index + m[0].length);

  let lineStart = 0;
  while (lineStart <= src.length) {
    let lineEnd = src.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = src.length;
    const line = src.slice(lineStart, lineEnd).replace(/\r$/, "").trim();
    if (line && BOILERPLATE_LINE_PATTERNS.some((re) => re.test(line)))
      mark(lineStart, Math.min(src.length, lineEnd + 1));
    lineStart = lineEnd + 1;
  }

  const gaps = columnGaps(src);
  const breaks = fieldBreaks(src);
  const chars: string[] = [];
  const offs: number[] = [];
  const kept = (i: number) => !drop[i];
  // next/previous kept non-space character around position i
  const neighbour = (i: number, dir: 1 | -1): string | undefined => {
    for (let j = i + dir; j >= 0 && j < src.length; j += dir) {
      if (!kept(j)) continue;
      const c = src[j]!;
      if (c === "\n") return "\n";
      if (!/\s/.test(c)) return c;
    }
    return undefined;
  };

  for (let i = 0; i < src.length; i++) {
    if (!kept(i)) continue;
    let ch = src[i]!;
    if (ch === "\r") continue;
    const gap = gaps.get(i);
    if (gap === false) continue;
    if (gap) ch = "｜";
    else if (breaks.has(i)) ch = "；";
    else if (ch !== "\n" && /\s/.test(ch)) {
      const prev = chars[chars.length - 1];
      const next = neighbour(i, 1);
      if (prev === undefined || prev === "\n" || next === undefined || next === "\n") continue; // trim line ends
      if (prev === " ") continue; // collapse runs
      const glue = (c: string | undefined) => isCjk(c) || isCjkPunct(c);
      if (glue(prev) || glue(next)) continue;
      if (/\d/.test(prev) && /[.．、]/.test(next)) continue; // "1 ." heading marker
      ch = " ";
    } else if (ch === "\n") {
      // collapse blank lines and drop trailing spaces
      while (chars.length && chars[chars.length - 1] === " ") {
        chars.pop();
        offs.pop();
      }
      if (chars.length === 0 || chars[chars.length - 1] === "\n") continue;
    } else if (HALF_TO_FULL[ch]) {
      const prev = chars[chars.length - 1];
      const next = neighbour(i, 1);
      const inNumber = (ch === "," || ch === ":") && /\d/.test(prev ?? "") && /\d/.test(next ?? "");
      const nearCjk = isCjk(prev) || isCjk(next) || isCjkPunct(prev) || isCjkPunct(next) || ch === "(" || ch === ")";
      if (!inNumber && nearCjk) ch = HALF_TO_FULL[ch]!;
    } else if (ch === "\u3000") {
      continue;
    }
    chars.push(ch);
    offs.push(i + shift);
  }
  while (chars.length && /\s/.test(chars[chars.length - 1]!)) {
    chars.pop();
    offs.pop();
  }
  return { text: chars.join(""), offsets: Int32Array.from(offs) };
}

/**
 * Where a record line separates its labelled fields by wide spaces ("1.项目名称：…　建设地点：…　投资估算：380万元　完成时限：…"):
 * the first wide space of each such gap, read as the ； the line would otherwise be written with. Only a line that opens on
 * a name (名称, 项目, 事项, 内容) and has two such gaps or more; a page's 发布时间：…　来源：… line is none.
 */
function fieldBreaks(src: string): Set<number> {
  const out = new Set<number>();
  for (const line of src.matchAll(/[^\n]+/g)) {
    const gaps = [...line[0].matchAll(/(?<=[^\s\u3000])\u3000+(?=[\u4e00-\u9fff（）()]{2,10}[：:])/g)];
    if (gaps.length < 2 || !/(?:名称|项目|事项|内容)[：:]/.test(line[0].slice(0, gaps[0]!.index))) continue;
    for (const g of gaps) out.add(line.index + g.index);
  }
  return out;
}

/**
 * A table laid out with spaces (columns aligned by runs of two or more spaces, or by tabs), three lines or more in a
 * row with two gaps or more each: its gaps, as true where a gap opens (a cell border, written ｜) and false for the
 * rest of the run. Single spaces inside words (OCR) are no gaps.
 */
function columnGaps(src: string): Map<number, boolean> {
  const lines: Array<Array<[number, number]>> = [];
  let start = 0;
  for (;;) {
    const end = src.indexOf("\n", start);
    const stop = end < 0 ? src.length : end;
    const line = src.slice(start, stop);
    const lead = line.length - line.trimStart().length;
    const body = line.trimEnd();
    // (a wide space between cells may be single: "粮食　吨　23100　2.7")
    const runs = [...body.slice(lead).matchAll(/ {2,}|[ \t]*\t[ \t]*|\u3000+/g)].map(
      (m) => [start + lead + m.index, start + lead + m.index + m[0].length] as [number, number],
    );
    lines.push(runs.length >= 2 ? runs : []);
    if (end < 0) break;
    start = end + 1;
  }
  const gaps = new Map<number, boolean>();
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && lines[j]!.length) j++;
    if (j - i >= 3)
      for (const runs of lines.slice(i, j))
        for (const [s, e] of runs) {
          gaps.set(s, true);
          for (let k = s + 1; k < e; k++) gaps.set(k, false);
        }
    i = j + 1;
  }
  return gaps;
}

/** Map a [start, end) range of cleaned text back to the original text. */
export function originalSpan(clean: CleanText, start: number, end: number): [number, number] {
  if (end <= start) return [clean.offsets[start] ?? 0, clean.offsets[start] ?? 0];
  return [clean.offsets[start]!, clean.offsets[end - 1]! + 1];
}

/**
 * Normalise text for comparison (eval matching, dedup): NFKC, no whitespace, no punctuation.
 * @example normalizeForMatch("650 个，") === "650个"
 */
export function normalizeForMatch(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s\p{P}\p{S}]/gu, "")
    .toLowerCase();
}
