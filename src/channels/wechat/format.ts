import type { Answer } from "../../domain/types.js";

/** WeChat shows passive text replies up to about 2048 bytes. */
export const WECHAT_MAX_BYTES = 2048;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Cut text to fit `max` bytes, at a sentence end when one is near, marking the cut with "…". */
export function fitBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bytes(`${text.slice(0, mid)}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  const cut = text.slice(0, lo);
  const end = Math.max(cut.lastIndexOf("。"), cut.lastIndexOf("\n"), cut.lastIndexOf("；"));
  return `${end > lo * 0.6 ? cut.slice(0, end + 1) : cut}…`;
}

/**
 * The answer as a WeChat text: body with [n] markers, then short sources (title only; the
 * section path when it fits), all within 2048 bytes.
 */
export function answerText(a: Answer, max = WECHAT_MAX_BYTES, heard: string | null = null): string {
  // a voice message: what the platform heard comes first, so a misheard word is seen at once
  const understood =
    (heard ? `您问的是：${heard}\n` : "") + (a.interpretedAs ? `（理解为：${a.interpretedAs}）\n` : "");
  const long = a.citations.map(
    (c) => `[${c.n}]《${c.title}》${c.sectionPath ? ` ${c.sectionPath.split(" > ").pop()}` : ""}`,
  );
  const short = a.citations.map((c) => `[${c.n}]《${c.title}》`);
  const hint = a.citations.length ? "\n回复“出处1”可看第1条原文。" : "";
  for (const list of [long, short]) {
    const sources = list.length ? `\n\n来源：\n${list.join("\n")}${hint}` : "";
    const body = understood + a.answer;
    if (bytes(body + sources) <= max) return body + sources;
    if (list === short) return fitBytes(body, max - bytes(sources)) + sources;
  }
  return fitBytes(understood + a.answer, max);
}
