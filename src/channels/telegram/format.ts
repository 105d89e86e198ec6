import { sourceLabel } from "../../answer/extractive.js";
import type { Answer } from "../../domain/types.js";

/** Telegram's limit for one message, in characters. */
export const TELEGRAM_MAX = 4096;

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The answer as Telegram HTML: body, then a bold 来源 list; all document and user text escaped. */
export function answerHtml(a: Answer): string {
  const understood = a.interpretedAs ? `<i>（理解为：${escapeHtml(a.interpretedAs)}）</i>\n` : "";
  const body = understood + escapeHtml(a.answer);
  if (!a.citations.length) return body;
  const sources = a.citations.map((c) => `[${c.n}] ${escapeHtml(sourceLabel(c))}`).join("\n");
  return `${body}\n\n<b>来源</b>\n${sources}`;
}

/**
 * Split text into messages of at most `max` characters, at line or sentence ends where possible,
 * never inside an HTML entity or tag (the parts are plain escaped text with <b>/<i> only at line starts).
 */
export function splitMessage(text: string, max = TELEGRAM_MAX): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const window = rest.slice(0, max);
    let cut = Math.max(window.lastIndexOf("\n"), ...["。", "！", "？", "；"].map((p) => window.lastIndexOf(p) + 1));
    if (cut < max * 0.5) cut = Math.max(cut, window.lastIndexOf("，") + 1);
    if (cut <= 0) cut = max;
    // never end inside an entity such as &amp;
    const amp = window.lastIndexOf("&", cut);
    if (amp >= 0 && window.indexOf(";", amp) >= cut) cut = amp;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return balanceTags(parts);
}

/** Close a <b>/<i> left open at a split and reopen it in the next part. */
function balanceTags(parts: string[]): string[] {
  let carry = "";
  return parts.map((p) => {
    let s = carry + p;
    carry = "";
    for (const tag of ["b", "i"]) {
      const opens = (s.match(new RegExp(`<${tag}>`, "g")) ?? []).length;
      const closes = (s.match(new RegExp(`</${tag}>`, "g")) ?? []).length;
      if (opens > closes) {
        s += `</${tag}>`;
        carry += `<${tag}>`;
      }
    }
    return s;
  });
}

/** The full passage behind a citation, for /source N. */
export function sourceHtml(c: { n: number; title: string; sectionPath: string; text: string }): string {
  return `<b>[${c.n}] ${escapeHtml(c.title)}</b>${c.sectionPath ? `\n${escapeHtml(c.sectionPath)}` : ""}\n\n${escapeHtml(c.text)}`;
}
