import { cnNumeral, townshipCandidates, YEAR_RE } from "../domain/zh.js";
import { knownTownshipIn } from "../retrieve/question.js";
import type { Turn } from "./store.js";

/** How a message relates to the conversation so far. */
export type Interpretation =
  | {
      kind: "question";
      question: string /** set when the message was rewritten from context */;
      rewrittenFrom: string | null;
    }
  | { kind: "citation"; n: number };

const CITATION_ASK =
  /(?:第\s*([一二三四五六七八九十\d]{1,3})\s*(?:条|个|项|处|点)?|\[(\d{1,2})\]|［(\d{1,2})］)[^，。？?]{0,6}(?:的)?(?:出处|来源|原文|出自|从哪|哪来|哪里来|依据)|(?:出处|来源|原文)[^，。？?]{0,4}第?\s*([一二三四五六七八九十\d]{1,3})\s*(?:条|个|项)?/;
const LEAD = /^(?:那么?|还有|那如果|如果是|换成|改成|要是|那要是|再问一下|再问)\s*/;
const TAIL = /(?:的话)?(?:的)?(?:呢|怎么样|咋样|如何|又如何|又是多少|是多少|有多少)?\s*[？?。！!]*$/;
const QUESTION_WORD = /(多少|几|哪些|哪里|哪儿|什么时候|何时|怎么|如何|怎样|是否|有没有|是什么|哪个|哪一)/;
const NUM_UNIT = /(\d+|[一二三四五六七八九十百]+)\s*(岁|周岁|个|户|人|亩|公里|万元|元|年|月|所|座|条|家|次|项)/;

/**
 * Read a message in the light of the previous turn, by rules (offline, no model):
 * - "第二条的出处是哪里" / "[2]的来源" → the passage behind citation 2 of the last answer;
 * - a short elliptical follow-up replaces one slot of the previous question:
 *   "我爸92岁每月能领多少" + "那80岁的呢？" → "我爸80岁每月能领多少";
 *   "荫田镇2021年完成了多少个改厕任务" + "东山镇呢？" → "东山镇2021年完成了多少个改厕任务";
 *   + "2022年呢" → the year replaced; + "低保呢" → the topic replaced, township and year kept;
 * - anything else is a question of its own.
 */
export function interpret(message: string, history: Turn[], knownTownships: string[]): Interpretation {
  const text = message.trim();
  const prev = history[history.length - 1];
  const c = CITATION_ASK.exec(text);
  if (c && history.some((t) => t.citations.length)) {
    const raw = c[1] ?? c[2] ?? c[3] ?? c[4] ?? "";
    const n = cnNumeral(raw);
    if (Number.isFinite(n) && n > 0) return { kind: "citation", n };
  }
  const own = { kind: "question" as const, question: text, rewrittenFrom: null };
  if (!prev) return own;
  const fragment = text.replace(LEAD, "").replace(TAIL, "").trim();
  const elliptical =
    fragment.length > 0 &&
    fragment.length <= 14 &&
    (LEAD.test(text) || /呢\s*[？?]*$/.test(text)) &&
    !QUESTION_WORD.test(fragment);
  if (!elliptical) return own;

  const before = prev.question;
  let q = before;
  let changed = false;
  const town = knownTownshipIn(fragment, knownTownships) ?? townshipCandidates(fragment)[0];
  if (town) {
    const old = prev.scope.township ?? townshipCandidates(before)[0];
    q = old && q.includes(old) ? q.replace(old, town) : `${town}${q}`;
    changed = true;
  }
  const year = [...fragment.matchAll(YEAR_RE)][0]?.[1];
  if (year) {
    q = /20\d\d\s*年/.test(q) ? q.replace(/20\d\d(?=\s*年)/, year) : `${year}年${q}`;
    changed = true;
  }
  const nu = NUM_UNIT.exec(fragment);
  if (!town && !year && nu) {
    const unit = nu[2]!;
    const same = new RegExp(`(\\d+|[一二三四五六七八九十百]+)\\s*${unit}`);
    q = same.test(q) ? q.replace(same, `${nu[1]}${unit}`) : `${fragment}，${q}`;
    changed = true;
  }
  if (!changed) {
    // a new topic under the same township and year: "低保呢？"
    const place = prev.scope.township ?? "";
    const years = prev.scope.years.length ? `${prev.scope.years.join("、")}年` : "";
    const ask = QUESTION_WORD.exec(before)?.[0];
    q = `${place}${years}${fragment}${ask === "多少" || ask === "几" ? "有多少" : ask === "哪些" ? "有哪些" : "的情况"}？`;
  }
  return { kind: "question", question: q, rewrittenFrom: before };
}
