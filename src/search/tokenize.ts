import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import lexicon from "../domain/lexicon.json" with { type: "json" };
import { townshipStem } from "../domain/zh.js";

/** Domain words jieba's dictionary lacks or cuts wrongly (the lexicon's `words`; validated where the lexicon is loaded). */
const LEXICON_WORDS: string[] = lexicon.words;

/** Version tag stored in the manifest: change it whenever tokens change, so indexes rebuild. */
export const TOKENIZER_ID = "jieba-2.0.2+cjk-bigram+lexicon-v2";

/** Single characters and short words that carry no topic; filtered from lexical tokens. */
const STOP = new Set(
  "的 了 和 与 及 在 是 等 对 将 把 为 并 也 都 而 或 之 其 于 以 上 中 下 个 着 到 从 由 向 被 让 给 就 还 又 要 会 能 这 那 有 无 不 没 很 更 最 各 每 该 此 其 所 已 已经 进一步 一个 我们 我镇 全镇".split(
    " ",
  ),
);

let shared: Jieba | null = null;
const loaded = new Set<string>();

/** One jieba instance per process (loading the dictionary takes ~0.3 s), with the lexicon's words taught to it. */
function jieba(): Jieba {
  if (!shared) {
    shared = Jieba.withDict(dict);
    shared.loadDict(Buffer.from(LEXICON_WORDS.map((w) => `${w} 50000 n`).join("\n")));
  }
  return shared;
}

/** Teach jieba words it lacks (township names from the corpus metadata), once each. */
export function addWords(words: Iterable<string>): void {
  const fresh = [...words].filter((w) => w && !loaded.has(w));
  if (!fresh.length) return;
  fresh.forEach((w) => loaded.add(w));
  jieba().loadDict(Buffer.from(fresh.map((w) => `${w} 100000 ns`).join("\n")));
}

/** The stems of the townships taught (砻坊 of 砻坊街道): names a site may be named by however jieba cuts them. */
export function townshipStems(): string[] {
  return [...loaded].map(townshipStem).filter((w) => w.length >= 2);
}

/** NFKC, lower case, and no whitespace between CJK characters. */
export function normalizeText(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, "");
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff]+/g;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Words from jieba's search mode (overlapping sub-words included), without stop words and
 * punctuation.
 * @example words("荫田镇完成改厕任务") // ["荫田镇", "完成", "改厕", "任务"] once 荫田镇 is added
 */
export function words(text: string): string[] {
  return wordsOfNormalized(normalizeText(text));
}

function wordsOfNormalized(norm: string): string[] {
  return jieba()
    .cutForSearch(norm, true)
    .map((w) => w.trim())
    .filter((w) => w && WORDISH.test(w) && !STOP.has(w));
}

/** Overlapping character bigrams of every CJK run (single-character runs give themselves). */
export function bigrams(text: string): string[] {
  return bigramsOfNormalized(normalizeText(text), "");
}

function bigramsOfNormalized(norm: string, prefix: string, out: string[] = []): string[] {
  for (const m of norm.matchAll(CJK_RUN)) {
    const run = m[0];
    if (run.length === 1) {
      if (!STOP.has(run)) out.push(prefix + run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.push(prefix + run.slice(i, i + 2));
  }
  return out;
}

/** Lexical tokens: jieba words plus character bigrams prefixed with "~" (they live in their own space). */
export function lexicalTokens(text: string): string[] {
  const norm = normalizeText(text);
  return bigramsOfNormalized(norm, "~", wordsOfNormalized(norm));
}

/** Plain jieba segmentation (no overlapping sub-words), for judging what a question asks about. */
export function cutWords(text: string): string[] {
  return jieba()
    .cut(normalizeText(text), true)
    .map((w) => w.trim())
    .filter((w) => w && WORDISH.test(w));
}

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}

/** Whether jieba's dictionary (or a word taught with addWords) holds `w` as one word. */
export function isDictionaryWord(w: string): boolean {
  return jieba().cutAll(w).includes(w);
}

/**
 * Every token of an already normalised text (punctuation included) with its jieba tag and its
 * [start, end) offsets in that text, for rules that need to know where a word stands.
 */
export function taggedTokens(normalized: string): Array<{ word: string; tag: string; start: number; end: number }> {
  const out: Array<{ word: string; tag: string; start: number; end: number }> = [];
  let at = 0;
  for (const t of jieba().tag(normalized, true)) {
    const start = normalized.indexOf(t.word, at);
    if (start < 0) continue;
    at = start + t.word.length;
    out.push({ word: t.word, tag: TAG_FIXES[t.word] ?? t.tag, start, end: at });
  }
  return out;
}

/** Words jieba's dictionary tags wrongly: 本科 is no pronoun (本科上线1368人). */
const TAG_FIXES: Record<string, string> = { 本科: "n", 本金: "n" };

/** Words with jieba's part-of-speech tags (n noun, v verb, ns place, q measure word, t time…). */
export function taggedWords(text: string): Array<{ word: string; tag: string }> {
  return jieba()
    .tag(normalizeText(text), true)
    .filter((t) => t.word.trim() && WORDISH.test(t.word))
    .map((t) => (TAG_FIXES[t.word] ? { word: t.word, tag: TAG_FIXES[t.word]! } : t));
}

/**
 * The words that could run across the edge of a word jieba guessed (tag x: 总营/收是 of 总营收是 hides 营收), two to
 * four characters with the edge inside: what the answerer asks the index about to take the guess apart.
 */
export function guessBoundaryWords(text: string): string[] {
  const tagged = taggedWords(text);
  const out: string[] = [];
  for (let i = 0; i + 1 < tagged.length; i++) {
    const a = tagged[i]!.word;
    const b = tagged[i + 1]!.word;
    if (tagged[i]!.tag !== "x" && tagged[i + 1]!.tag !== "x") continue;
    if (!/^[\u4e00-\u9fff]+$/.test(a + b)) continue;
    for (let start = Math.max(0, a.length - 3); start < a.length; start++)
      for (let end = a.length + 1; end <= Math.min(a.length + b.length, start + 4); end++)
        if (end - start >= 2) out.push((a + b).slice(start, end));
  }
  return out;
}

/** Words with tags as jieba's dictionary alone cuts them, without guessing new words (its HMM): 禁/掉, not 禁掉. */
export function dictionaryTaggedWords(text: string): Array<{ word: string; tag: string }> {
  return jieba()
    .tag(normalizeText(text), false)
    .filter((t) => t.word.trim() && WORDISH.test(t.word));
}

/** The BM25 key of a character bigram ("~低保"): how the index stores the pieces of words it cuts differently. */
export const bigramKey = (a: string, b: string): string => `~${a}${b}`;

/** A question word as the answerer looks it up: as cut, and without a trailing 了/过/着 (做了 → 做). */
export function wordForms(raw: string): string[] {
  return raw.length > 1 && /[了过着]$/.test(raw) ? [raw, raw.slice(0, -1)] : [raw];
}

/**
 * Every index key whose document frequency the answerer may need for a question: its words (as
 * jieba cuts and tags them) in both forms, and their bigrams. One home for these rules: the local
 * index answers any key, a database backend fetches exactly these.
 */
export function lookupKeys(question: string): Set<string> {
  const keys = new Set<string>();
  for (const raw of [
    ...cutWords(question),
    ...taggedWords(question).map((t) => t.word),
    ...guessBoundaryWords(question),
  ]) {
    for (const w of wordForms(raw)) {
      keys.add(w);
      for (let i = 0; i + 1 < w.length; i++) keys.add(bigramKey(w[i]!, w[i + 1]!));
    }
  }
  return keys;
}
