import type { DocKind, QuestionScope } from "../domain/types.js";
import { QUESTION_TYPES, townshipCandidates, townshipStem, YEAR_RE } from "../domain/zh.js";
import { taggedWords } from "../search/tokenize.js";

/** A cut-off date a question states: 截止24号, 截至8月底, 截至目前. */
const GIVEN_CUTOFF =
  /截[止至]到?\s*(?:(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*[月日号](?:\s*\d{1,2}\s*[日号])?[底前]?|目前|现在|今天|当前|发稿时|年底|月底)/g;

const REVIEW_CUES = /(完成了|已经|已完成|取得了|成效|做了哪些|去年|总结|实现了|累计|实际|了多少|多少了|建成了|落实了)/;
const PLAN_CUES = /(计划|打算|准备|将要|要做|安排|目标|谋划|明年|今后|要建|要推进|要完成|力争)/;

const longest = (names: string[]): string | null =>
  names.reduce<string | null>((best, t) => (best === null || t.length > best.length ? t : best), null);

/**
 * The known township a text names: by full name, else by name stem (three characters and up).
 * The longest wins: a province has 新凤田乡 as well as 凤田乡.
 */
export function knownTownshipIn(text: string, knownTownships: string[]): string | null {
  return (
    longest(knownTownships.filter((t) => text.includes(t))) ??
    longest(knownTownships.filter((t) => t.length >= 3 && text.includes(townshipStem(t))))
  );
}

/** Word classes that never make up a place name: measure words, numerals, time words, pronouns, particles, adverbs. */
const NOT_NAME_TAGS = /^(q|m|mq|t|r|rr|rz|p|u|uj|ul|uz|uv|ud|ug|y|e|d|c|zg)$/;

/**
 * The place a "…镇/乡" in a question names, cut to whole words, or null when it is words that
 * happen to end there: "低保的那份钱镇里" is 份 + 钱 + 镇里 (no township 份钱镇), "我们青禾镇" names
 * 青禾镇, not 们青禾镇. The name part must be at least two characters of words that can be a name.
 */
export function placeNamed(question: string, candidate: string): string | null {
  const at = question.indexOf(candidate);
  if (at < 0) return null;
  const stemEnd = at + townshipStem(candidate).length;
  let start = at;
  let pos = 0;
  const endsAt = new Map<number, string>();
  for (const { word, tag } of taggedWords(question)) {
    const s = question.indexOf(word, pos);
    if (s < 0) continue;
    pos = s + word.length;
    endsAt.set(pos, tag);
    if (pos <= start || s >= stemEnd) continue;
    // a word running into the name from before it, or one that cannot be part of a name
    if (s < start || NOT_NAME_TAGS.test(tag)) start = Math.min(pos, stemEnd);
  }
  // "全国试点建设镇": a 镇 closing a compound noun is no place ("常宁市荫田镇" is: a place before a place)
  if (/^(n|vn|nz)$/.test(endsAt.get(start) ?? "")) return null;
  // 最近镇里, 今年乡里: a time word before 镇/乡 is not a name
  if (/(最近|最新|现在|目前|今年|去年|明年|前年|今后|眼下|本年|当前)$/.test(question.slice(start, stemEnd)))
    return null;
  return stemEnd - start >= 2 ? question.slice(start, at + candidate.length) : null;
}

/**
 * @example analyzeQuestion("荫田镇2021年完成了多少个改厕任务？", ["荫田镇"])
 *   // { township: "荫田镇", years: [2021], kind: "总结", type: "count", unknownTownship: null }
 */
export function analyzeQuestion(question: string, knownTownships: string[]): QuestionScope {
  const township = knownTownshipIn(question, knownTownships);
  let unknownTownship: string | null = null;
  if (!township) {
    const named = townshipCandidates(question)
      .map((c) => placeNamed(question, c))
      .filter((c): c is string => !!c && !knownTownships.some((k) => k.endsWith(c) || c.endsWith(k)));
    unknownTownship = named[0] ?? null;
  }
  const years = [...new Set([...question.matchAll(YEAR_RE)].map((m) => Number(m[1])))];
  const review = REVIEW_CUES.test(question);
  const plan = PLAN_CUES.test(question);
  const kind: DocKind | null = review && !plan ? "总结" : plan && !review ? "计划" : null;
  // (a cut-off the question gives, 截止24号 or 截至目前, sets the time of what is asked; it asks no time)
  const asked = question.replace(GIVEN_CUTOFF, "");
  const type = QUESTION_TYPES.find((q) => q.re.test(asked))?.type ?? "what";
  return { township, unknownTownship, years, kind, type };
}
