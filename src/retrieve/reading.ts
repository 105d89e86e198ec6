import { pinyin } from "pinyin-pro";
import { LEXICON, lexiconTerms } from "../domain/lexicon.js";
import type { DocKind } from "../domain/types.js";
import { CN_DIGIT_VALUES, personLike } from "../domain/zh.js";
import { cutWords, isDictionaryWord, taggedWords } from "../search/tokenize.js";

/** One change the reader made to a resident's message, shown to them as how it was understood. */
export interface Correction {
  from: string;
  to: string;
  why: "dialect" | "numeral" | "pinyin" | "initials" | "time";
}

/** What a relative time word meant against today's date. */
export interface RelativeTime {
  word: string;
  /** The calendar years meant; empty for 最新/现在/目前 (the latest document that answers). */
  years: number[];
  /** 去年/前年 ask what was done, 明年/今后 what is planned; null when the word says neither. */
  kind: DocKind | null;
}

export interface Reading {
  /** The message in plan language: dialect standardised, numerals as digits, typos corrected, relative years written out. */
  text: string;
  corrections: Correction[];
  relative: RelativeTime | null;
}

const DIALECT = new Map(LEXICON.dialect);
const FILLERS = new Set(LEXICON.fillers);
const HEADS = lexiconTerms();

/** Relative time words, longest first: what each means for a given year. */
const RELATIVE: Array<{ word: string; years: (y: number) => number[]; kind: DocKind | null }> = [
  { word: "近两年", years: (y) => [y - 1, y], kind: null },
  { word: "近几年", years: () => [], kind: null },
  { word: "本年度", years: (y) => [y], kind: null },
  { word: "上半年", years: (y) => [y], kind: null },
  { word: "下半年", years: (y) => [y], kind: null },
  { word: "今年", years: (y) => [y], kind: null },
  { word: "本年", years: (y) => [y], kind: null },
  { word: "去年", years: (y) => [y - 1], kind: "总结" },
  { word: "上一年", years: (y) => [y - 1], kind: "总结" },
  { word: "前年", years: (y) => [y - 2], kind: "总结" },
  { word: "明年", years: (y) => [y + 1], kind: "计划" },
  { word: "下一年", years: (y) => [y + 1], kind: "计划" },
  { word: "今后", years: () => [], kind: "计划" },
  { word: "接下来", years: () => [], kind: "计划" },
  { word: "最新", years: () => [], kind: null },
  { word: "最近", years: () => [], kind: null },
  { word: "现在", years: () => [], kind: null },
  { word: "目前", years: () => [], kind: null },
  { word: "眼下", years: () => [], kind: null },
];

const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/**
 * A Chinese numeral as a number: 七十六 → 76, 一百零一 → 101, 两千五 → 2500, 三万五千 → 35000,
 * 1.2万 → 12000; NaN when it is not one.
 */
export function chineseNumber(s: string): number {
  const mixed = /^(\d+(?:\.\d+)?)(万|亿)$/.exec(s);
  if (mixed) return Math.round(Number(mixed[1]) * (mixed[2] === "万" ? 1e4 : 1e8));
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return Number.NaN;
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastUnit = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT_VALUES) {
      digit = CN_DIGIT_VALUES[ch]!;
      if (ch === "零" || ch === "〇") lastUnit = 0;
    } else if (ch in CN_UNIT) {
      section += (digit < 0 ? 1 : digit) * CN_UNIT[ch]!;
      lastUnit = CN_UNIT[ch]!;
      digit = -1;
    } else {
      const big = ch === "万" ? 1e4 : 1e8;
      total += (section + Math.max(digit, 0)) * big;
      section = 0;
      digit = -1;
      lastUnit = big;
    }
  }
  // 两千五 = 2500: a trailing digit counts in the unit below the last one
  if (digit >= 0)
    section +=
      lastUnit >= 10 && !/[零〇]/.test(s.slice(-2, -1)) && s.length > 1 && !(s.at(-2)! in CN_DIGIT_VALUES)
        ? (digit * lastUnit) / 10
        : digit;
  return total + section;
}

/** Units after which a Chinese numeral is a quantity worth writing as digits. */
const NUMERAL =
  /(?<![哪几第])([零〇一二两三四五六七八九十百千万]{2,}(?=\s*(周岁|岁|了|个|亩|元|块|万|户|人|家|座|条|所|公里|米|次|项|头|只|年|月|天|层|间|口))|[二两三四五六七八九十](?=\s*(周岁|岁)))/g;

/** What the corpus knows, for telling a typo from a word: its vocabulary and how often each word occurs. */
export interface Vocabulary {
  /** Whether the corpus (or the lexicon) uses this word. */
  has(word: string): boolean;
  /** Corpus words (and lexicon terms) with this toneless pinyin, most frequent first. */
  byPinyin(key: string): string[];
  /** Lexicon head terms whose pinyin initials are these letters ("yl" → 养老), most frequent first. */
  byInitials(letters: string): string[];
}

/** Words a correction can lead to, at most (the most frequent; measured ≈20 µs of pinyin a word). */
const MAX_SOUNDED = 50_000;

const syllables = (w: string) => pinyin(w, { toneType: "none", type: "array", v: true }) as string[];

/**
 * A pinyin index over the corpus words and the lexicon: a word a resident typed that the corpus
 * never uses is looked up by its sound (低宝 → 低保, 补帖 → 补贴, 改测 → 改厕). Initials (yl, db)
 * match lexicon head terms only: over the whole corpus two letters match dozens of words.
 */
export class PinyinVocabulary implements Vocabulary {
  private readonly words: Set<string>;
  private readonly sound = new Map<string, string[]>();
  private readonly initials = new Map<string, string[]>();

  private constructor(words: Set<string>) {
    this.words = words;
  }

  /**
   * Index the corpus words by sound: every word is known (so it is never "corrected"), and the
   * MAX_SOUNDED most frequent (plus the lexicon) can be a correction's target — a typo is of a
   * common word, and a province's long tail would cost seconds of pinyin. Built in slices that
   * yield to the event loop, so chats keep being answered meanwhile (≈20 µs a word).
   */
  static async build(corpusWords: Iterable<[string, number]>): Promise<PinyinVocabulary> {
    const freq = new Map<string, number>();
    for (const [w, n] of corpusWords) if (/^[\u4e00-\u9fff]{2,4}$/.test(w)) freq.set(w, n);
    const v = new PinyinVocabulary(new Set([...freq.keys(), ...HEADS.keys()]));
    const rank = (w: string) => (freq.get(w) ?? 0) + (HEADS.get(w) === w ? 1e9 : HEADS.has(w) ? 1e8 : 0);
    const sorted = [...v.words].sort((a, b) => rank(b) - rank(a)).slice(0, MAX_SOUNDED);
    for (let i = 0; i < sorted.length; i++) {
      const w = sorted[i]!;
      const s = syllables(w);
      push(v.sound, s.join(" "), w);
      if (HEADS.get(w) === w && freq.has(w)) push(v.initials, s.map((x) => x[0]).join(""), w);
      if (i % 2000 === 1999) await new Promise((r) => setImmediate(r));
    }
    return v;
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  byPinyin(key: string): string[] {
    return this.sound.get(key) ?? [];
  }

  byInitials(letters: string): string[] {
    return this.initials.get(letters.toLowerCase()) ?? [];
  }
}

function push(map: Map<string, string[]>, key: string, w: string) {
  const l = map.get(key);
  if (l) l.push(w);
  else map.set(key, [w]);
}

/**
 * Read a resident's message into plan language, by rules and data (offline, no model):
 * dialect words and fillers (俺 啥 咋 嘛 呗), Chinese numerals before a unit or age (七十六岁 → 76岁),
 * words the corpus never uses matched to its vocabulary by sound (低宝 → 低保) or by pinyin
 * initials (yl → 养老), and relative time words written out as years against `today`
 * (去年 on 2026-11-30 → 2025年). Each change is listed, so channels can show what was understood.
 */
export function readQuestion(message: string, opts: { today: Date; vocabulary?: Vocabulary | null }): Reading {
  const corrections: Correction[] = [];
  let text = message.trim();

  // dialect and fillers: whole words only (整治 is not 整, 哈尔滨 keeps its 哈)
  const words = cutWords(text);
  if (words.some((w) => DIALECT.has(w) || FILLERS.has(w))) {
    let rebuilt = "";
    let at = 0;
    for (const w of words) {
      const i = text.indexOf(w, at);
      if (i < 0) continue;
      rebuilt += text.slice(at, i);
      at = i + w.length;
      const std = DIALECT.get(w);
      if (std) {
        corrections.push({ from: w, to: std, why: "dialect" });
        rebuilt += std;
      } else if (!FILLERS.has(w)) rebuilt += w;
    }
    text = rebuilt + text.slice(at);
  }

  text = text.replace(NUMERAL, (m) => {
    const n = chineseNumber(m);
    if (!Number.isFinite(n) || n < 2) return m;
    corrections.push({ from: m, to: String(n), why: "numeral" });
    return String(n);
  });

  const vocab = opts.vocabulary;
  if (vocab) text = correctBySound(text, vocab, corrections);

  let relative: RelativeTime | null = null;
  const year = opts.today.getFullYear();
  // a year the message states wins: "2023年上半年" is 2023's, not this year's
  const statesYear = /(?:19|20)\d{2}\s*年/.test(text);
  for (const r of RELATIVE) {
    if (!text.includes(r.word)) continue;
    // "比去年同期涨了多少", "较上年增长": a comparison with last year, not a question about it
    if (new RegExp(`(?:比|较|同比|跟|和|与)${r.word}`).test(text) && !/^(今年|本年|本年度)$/.test(r.word)) continue;
    const half = /^[上下]半年$/.test(r.word);
    // "今年上半年" is read by its 今年
    if (statesYear || (half && /(今|去|明|本|前)年\s*[上下]半年/.test(text))) continue;
    const years = r.years(year);
    relative = { word: r.word, years, kind: r.kind };
    if (years.length) {
      const written = years.map((y) => `${y}年`).join("和");
      corrections.push({ from: r.word, to: half ? `${written}${r.word}` : written, why: "time" });
      // 今年镇里 → 2026年镇里: never a township named 今年镇; 上半年 stays a half: 2026年上半年
      text = text.replace(r.word, half ? `${written}${r.word}` : written);
    }
    break;
  }
  return { text, corrections, relative };
}

/** Characters that are words of their own far more often than parts of a mistyped one. */
const PARTICLES = /[的了吗呢是在有和与也都就还又要会能吧啊呀么个这那哪我你他里上下中们子儿点些把被给从到向对不没很太]/;

/** Typos and homophones: runs of words the vocabulary lacks, matched by their sound. */
/** A character jieba takes on its own for a preposition, adverb, conjunction, particle, pronoun, numeral or measure word. */
const isFunctionChar = (c: string) => /^(p|d|c|u[a-z]*|r|m|q|f|y|e|o)$/.test(taggedWords(c)[0]?.tag ?? "");

function correctBySound(text: string, vocab: Vocabulary, corrections: Correction[]): string {
  // pinyin initials typed in Latin letters: "yl咋交" → 养老
  text = text.replace(/(?<![a-zA-Z])([a-zA-Z]{2,4})(?![a-zA-Z])/g, (m) => {
    const hit = vocab.byInitials(m)[0];
    if (!hit) return m;
    corrections.push({ from: m, to: hit, why: "initials" });
    return hit;
  });
  const words = cutWords(text);
  const unknown = (w: string) =>
    /^[\u4e00-\u9fff]+$/.test(w) && !vocab.has(w) && (w.length === 1 || !isDictionaryWord(w));
  let out = "";
  let at = 0;
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    const pos = text.indexOf(w, at);
    if (pos < 0 || !unknown(w)) {
      i++;
      continue;
    }
    // the longest run of unknown pieces starting here, then the longest window of it that sounds like a known word
    let j = i;
    let run = "";
    while (
      j < words.length &&
      unknown(words[j]!) &&
      text.indexOf(words[j]!, pos + run.length) === pos + run.length &&
      run.length < 6
    )
      run += words[j++]!;
    let replaced = false;
    // three unknown characters, a surname first, are a person's name (潘功胜), not a typo of 共生
    if (run.length === 3 && personLike(run)) {
      out += text.slice(at, pos) + run;
      at = pos + run.length;
      i = Math.max(j, i + 1);
      continue;
    }
    // …and so is such a word at the head of a longer run ("陈慧玉的": 慧玉 is no typo of 惠誉)
    if (w.length === 3 && personLike(w)) {
      out += text.slice(at, pos) + w;
      at = pos + w.length;
      i++;
      continue;
    }
    for (let len = Math.min(4, run.length); len >= 2 && !replaced; len--) {
      for (let s = 0; s + len <= run.length && !replaced; s++) {
        const win = run.slice(s, s + len);
        // function words side by side (将于, 对于) are speech, not a typo of a word that sounds like them (降雨)
        if (PARTICLES.test(win) || [...win].every(isFunctionChar)) continue;
        const hit = vocab.byPinyin(syllables(win).join(" ")).find((x) => x !== win);
        if (!hit) continue;
        corrections.push({ from: win, to: hit, why: "pinyin" });
        out += text.slice(at, pos) + run.slice(0, s) + hit + run.slice(s + len);
        replaced = true;
      }
    }
    if (!replaced) out += text.slice(at, pos) + run;
    at = pos + run.length;
    i = Math.max(j, i + 1);
  }
  return out + text.slice(at);
}
