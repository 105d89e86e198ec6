import { extractText, getDocumentProxy } from "unpdf";
import { CN_NUM_CLASS } from "../../domain/zh.js";
import { errorMessage, IngestFileError } from "../../errors.js";
import type { Loader } from "./registry.js";

const PAGE_NUMBER =
  /^\s*(?:第\s*\d+\s*页(?:\s*[/／共]\s*\d+\s*页?)?|[-—–－]?\s*\d{1,4}\s*[-—–－]?|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)\s*$/i;
const HEADING_START = new RegExp(
  `^\\s*(?:${CN_NUM_CLASS}[、是]|[（(](?:${CN_NUM_CLASS}|\\d{1,2})[)）]|\\d{1,2}\\s*[.．、](?!\\d))`,
);
const SENTENCE_END = /[。！？!?；;：:”’」）)]\s*$/;

/** Lines repeated at the top or bottom of most pages (running headers/footers), digits ignored. */
function runningLines(pages: string[][]): Set<string> {
  const out = new Set<string>();
  if (pages.length < 3) return out;
  const key = (l: string) => l.replace(/\d+/g, "#").replace(/\s+/g, "");
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(key));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (const [k, n] of counts) if (k && n >= Math.ceil(pages.length * 0.6)) out.add(k);
  return out;
}

/**
 * Join what a PDF's text layer breaks: lines cut mid-sentence are joined (no space between CJK),
 * page numbers and running headers/footers are dropped, heading lines stay on their own line.
 */
export function pdfPagesToText(pageTexts: string[]): string {
  const pages = pageTexts.map((t) =>
    t
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const running = runningLines(pages);
  const lines = pages.flatMap((ls) =>
    ls.filter((l) => !PAGE_NUMBER.test(l) && !running.has(l.replace(/\d+/g, "#").replace(/\s+/g, ""))),
  );
  let out = "";
  lines.forEach((line, i) => {
    if (i === 0) {
      out = line;
      return;
    }
    const prev = lines[i - 1]!;
    const prevIsHeading = HEADING_START.test(prev) && prev.length <= 40 && !/[，,]$/.test(prev);
    const breakHere =
      SENTENCE_END.test(prev) || HEADING_START.test(line) || prevIsHeading || (i === 1 && prev.length <= 40);
    if (breakHere) out += `\n${line}`;
    else out += /[A-Za-z0-9]$/.test(prev) && /^[A-Za-z]/.test(line) ? ` ${line}` : line;
  });
  return out;
}

/**
 * PDF text layer (unpdf, pdf.js). A scan without a text layer is reported as needing OCR; an
 * encrypted or damaged file is refused with its reason.
 */
export const pdfLoader: Loader = {
  name: "pdf",
  extensions: [".pdf"],
  formats: ["pdf"],
  async load(bytes, file) {
    let pages: string[];
    try {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      pages = (await extractText(pdf, { mergePages: false })).text;
    } catch (err) {
      const name = (err as { name?: string }).name ?? "";
      if (/Password/i.test(name) || /password/i.test(errorMessage(err)))
        throw new IngestFileError(file, "encrypted", "PDF 受密码保护，无法读取", { cause: err });
      throw new IngestFileError(file, "corrupt", "PDF 文件已损坏或不完整", { cause: err });
    }
    const text = pdfPagesToText(pages);
    if (text.replace(/\s/g, "").length < 20)
      throw new IngestFileError(file, "needs-ocr", "PDF 没有文字层（可能是扫描件），需要先做 OCR");
    return { text, encoding: "pdf" };
  },
};
