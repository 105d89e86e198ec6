import { pinyin } from "pinyin-pro";
import { lexiconTerms, synonymsOf } from "../domain/lexicon.js";
import type { QuestionScope } from "../domain/types.js";
import {
  type Chunk,
  type Citation,
  isPlanKind,
  type Passage,
  type RefusalReason,
  type SourceDoc,
  type TermStats,
} from "../domain/types.js";
import {
  CLOCK_ASKED,
  DATE_LIKE,
  HAS_DIGIT,
  ITEM_MARKER,
  NUMBER_WITH_UNIT,
  NUMBERED_THING,
  PROVINCES,
  personLike,
  QUANTITY_NOUNS,
  QUESTION_STOPWORDS,
  type QuestionType,
  townshipStem,
  YEAR_RE,
} from "../domain/zh.js";
import { sentenceRanges } from "../ingest/chunk.js";
import { chineseNumber } from "../retrieve/reading.js";
import {
  bigramKey,
  cutWords,
  dictionaryTaggedWords,
  isDictionaryWord,
  isStopWord,
  normalizeText,
  taggedWords,
  wordForms,
} from "../search/tokenize.js";

export interface AnswerOptions {
  /** Share of the question's (idf-weighted) topic words the chosen evidence must cover. */
  minCoverage: number;
  /** Target length of a factual answer body. */
  maxChars: number;
  /** Passages whose sentences are considered. */
  passagesConsidered: number;
  /** What refusals call the corpus ("现有规划文件中没有…"): CORPUS_NOUN, for a library of news or notices. */
  corpusNoun: string;
  /** Where refusals send the reader (a township office for plans; nothing for a library of news). */
  office: string;
  /**
   * The library holds separate events (news, notices) rather than a county's plans: a question with
   * no township or year must name something of its own (a person, a place, a date, a rare word), else
   * it could be about any of them ("主办方是谁？") and is sent back for the missing detail.
   */
  eventLibrary?: boolean;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  minCoverage: 0.55,
  maxChars: 200,
  passagesConsidered: 6,
  corpusNoun: "规划文件",
  office: "建议直接咨询当地乡镇人民政府或便民服务中心。",
};

export interface ComposedAnswer {
  answer: string;
  refused: boolean;
  reason: RefusalReason | null;
  citations: Citation[];
  /** Share of the question's weighted topic words the chosen evidence covers (0–1). */
  confidence?: number;
  /** The chunk the answer stands on (one-source answers), for a lead naming its township and year. */
  about?: Chunk;
}

interface Term {
  term: string;
  weight: number;
  alts: string[];
  /** The corpus never uses this word (resident speech, or a topic the plans lack). */
  unseen: boolean;
  /** A thing the question asks about (a noun: 花生, 桥, 生猪): the evidence must speak of it. */
  focus: boolean;
  /** A place the question names (a village, a school): never taken for a resident's word for something else. */
  place?: boolean;
  /**
   * A name (a person, an organisation, a place, a named thing jieba does not know: 林万东, 国企改革):
   * the passage an answer stands on must name it word for word; no other passage answers for it.
   */
  named?: boolean;
  /** Taken for a name only because neither jieba nor the corpus knows it (a library of events): it may be a cut of speech. */
  guessed?: boolean;
  /** The question's own word, where the evidence's word for it (研究报告 of 研报) replaced it as `term`. */
  asked?: string;
  /**
   * The kind of thing the question asks for, after 哪个/什么 (会议, 方案, 堤防): the answer names one of
   * that kind (座谈会, 化债方案, 重要堤防), so a word of the kind covers it.
   */
  kind?: boolean;
}

/** Nouns that name no particular thing: a question about "政策" or "钱" is answered by what it is about. */
const GENERIC_NOUNS = new Set(
  (
    "政策 情况 钱 工作 问题 事 事情 东西 标准 时间 地方 村 镇 乡 人 家 户 年 月 天 资金 项目 群众 老百姓 村民 居民 " +
    "方面 内容 条件 规定 材料 手续 流程 地点 部门 单位 人员 办法 措施 举措 任务 目标 计划 总结 文件 规划 数 数量 " +
    "多少钱 费用 好处 待遇 优惠 服务 建设 发展 全镇 村里 镇里 镇上 乡里 家里 一年 今年 去年 明年 " +
    "娘 爹 爸 妈 老娘 老爹 父母 孩子们 大家 本人 自己 全家 家人 一家 一家人 时候 啥 么 面积 金额 产值 产量 比例 人数 规模 效果 成效 进展 " +
    "个数 补贴 补助 政府 领导 干部 镇政府 乡政府 钱款 块钱 元 万元 亩 公里 乡镇 镇子 那阵子 这阵子 阵子 这块 那块 " +
    "材料 亮点 要点 文件里 这份 那份 方案 制度 活动 工程 这边 那边 当地 本地 场子 地方 " +
    // the kind of thing an answer is ("蔡奇的职位是什么", "占发帖者的百分比"): the answer names it otherwise
    "职位 职务 身份 名称 名字 原因 型号 颜色 称号 头衔 百分比 占比 比重 数字 数据 结果 版本 配置 款式 " +
    // forms of address, which a reader names a person by and a report never does (保洁阿姨, 游大叔)
    "阿姨 大爷 大妈 大叔 大婶 大姐 大哥 小哥 小伙 小伙子 老太 老太太 老大爷 老奶奶 老爷子 师傅 老板娘"
  ).split(" "),
);

/** Lexicon terms of two characters and more, longest first (a question is matched against them whole). */
const LEXICON_PHRASES = [...lexiconTerms().keys()].filter((t) => t.length >= 2).sort((a, b) => b.length - a.length);

/** A word before a noun that makes it the category of the answer ("哪所院校", "什么称号", "哪个全国性的试点"). */
const CATEGORY_BEFORE = /[哪啥何]|什么/;
/** The word right before a noun that makes it the kind of answer asked for: 哪个会议, 什么方案, 哪些堤防. */
const ASKS_KIND = /^(哪|哪个|哪些|哪种|哪类|哪一?[个项种类家所条座本部首款位支只]|什么|何种|啥)$/;
/** Kinds no answer is a word of: 什么原因, 什么时候, 什么内容. */
const NO_KIND = /^(原因|时候|时间|地方|东西|意思|情况|样子|内容|作用|意义|影响|目的|问题|方面)$/;

/**
 * Where a text names a thing of the kind asked: the kind after two more characters (化债方案, 重要堤防),
 * or, for a two-character kind, a word ending in one of its characters before a particle or a stop
 * (座谈会上 for 会议, 左堤、 for 堤防). Returns the two characters before each one found.
 */
export function kindNamed(kind: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(`([\\u4e00-\\u9fff]{2})${kind}`, "g"))) found.push(m[1]!);
  if (kind.length === 2)
    for (const m of text.matchAll(new RegExp(`([\\u4e00-\\u9fff]{2})[${kind}](?=[上中里的和与、，。；]|$)`, "g")))
      found.push(m[1]!);
  return found;
}

/** A measure word (or number) before a one-character noun: "几座桥", "3头牛". */
const COUNTED_BEFORE = /(几|多少|\d|[一二两三四五六七八九十])?[个座条所家头只辆张盏块间处口]$/;

/** Verbs that, after 怎么/如何, only ask how ("桉树林以后怎么处理"). */
const HOW_VERBS = new Set(["处理", "办", "弄", "搞", "管", "安排", "做", "解决", "落实", "推进", "开展"]);

/** jieba tags of nouns that can name the thing asked about. */
const NOUN_TAGS = /^(n|nz|nr|ns|nt|nl|ng|nw)$/;

const strip = (s: string) => normalizeText(s).replace(/\s+/g, "");

/** A figure a question gives, with its unit (连续18天, 世界500强, 60个); and every one a question gives. */
const QUESTION_FIGURE = /^(\d+(?:\.\d+)?)\s*(天|个|家|名|项|次|条|座|强|届|批|层|米|公里|万|亿|%)$/;
const QUESTION_FIGURES = new RegExp(QUESTION_FIGURE.source.slice(1, -1), "g");

/** The topic words of a question with idf weights; question words, places and years left out. */
export function questionTerms(question: string, scope: QuestionScope, stats: TermStats, eventLibrary = false): Term[] {
  const placeWords = new Set<string>();
  if (scope.township) {
    placeWords.add(scope.township);
    placeWords.add(townshipStem(scope.township));
  }
  const seen = new Set<string>();
  const terms: Term[] = [];
  // how rare a word is in the corpus: its own idf, else the mean of its bigrams' (a word jieba
  // cuts differently in the corpus), else unseen — resident speech or a topic the plans lack,
  // weighed like a mid-frequency word so neither case dominates
  const rarity = (w: string): { idf: number; unseen: boolean } => {
    const own = stats.idf(w);
    if (own) return { idf: own, unseen: false };
    const grams = [...w].slice(0, -1).map((c, i) => bigramKey(c, w[i + 1]!));
    const known = grams.map((g) => stats.idf(g)).filter((x) => x > 0);
    const unseen = !(known.length === grams.length && known.length);
    return { idf: unseen ? stats.maxIdf * 0.35 : known.reduce((x, y) => x + y, 0) / known.length, unseen };
  };
  // single characters and words that name no particular thing (政策, 情况) carry little topic on their own
  const weigh = (w: string, idf: number) => (w.length === 1 || GENERIC_NOUNS.has(w) ? idf * 0.3 : idf);

  // the lexicon's words first, whole (找个工作, 有钱补, 养老保险), with their group as alternatives;
  // years out of the way first ("2023年老旧小区" is not 年老 + 旧)
  let rest = question.replace(/\d{4}\s*年度?/g, "，");
  // …where a word ends with them: 小娃娃 is 娃娃, but 住房 is not a word of 住房公积金
  const bounds = new Set<number>([0]);
  let end = 0;
  for (const w of cutWords(rest)) {
    const at = rest.indexOf(w, end);
    if (at < 0) continue;
    bounds.add(at);
    bounds.add((end = at + w.length));
  }
  for (const p of LEXICON_PHRASES) {
    const at = rest.indexOf(p);
    // whole words, or the end of one (小娃娃 is 娃娃; 住房公积金 is not 住房)
    if (at < 0 || placeWords.has(p) || !bounds.has(at + p.length)) continue;
    // the verb of "怎么处理/如何安排" asks how, it names nothing
    if (HOW_VERBS.has(p) && /(怎么|如何|怎样|咋)$/.test(rest.slice(0, at))) {
      rest = rest.slice(0, at) + "，".repeat(p.length) + rest.slice(at + p.length);
      continue;
    }
    rest = rest.slice(0, at) + "，".repeat(p.length) + rest.slice(at + p.length);
    seen.add(p);
    const alts = synonymsOf(p);
    // one concept counts once: 景点 and 转转 in one question are the same ask (旅游)
    const same = terms.find((t) => t.alts.includes(p));
    if (same) continue;
    const r = [p, ...alts].map(rarity).filter((x) => !x.unseen);
    // as rare as the group's commonest word in the corpus: a resident's 娃娃 is as specific as 儿童, no more
    const { idf, unseen } = r.length ? { idf: Math.min(...r.map((x) => x.idf)), unseen: false } : rarity(p);
    const tags = taggedWords(p);
    const focus = tags.length === 1 && NOUN_TAGS.test(tags[0]!.tag) && !GENERIC_NOUNS.has(p);
    terms.push({ term: p, weight: weigh(p, idf), alts, unseen, focus });
  }
  // a span of months the question names ("1到7月", "1—7月份"): a figure of that span, not of its last month
  for (const m of rest.matchAll(/(\d{1,2})\s*(?:到|至|-|—|–|~|～)\s*(\d{1,2})\s*月份?/g)) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!(a >= 1 && a < b && b <= 12)) continue;
    const span = `${a}-${b}月`;
    if (seen.has(span)) continue;
    seen.add(span);
    const alts = ["—", "–", "~", "～", "至", "到"].flatMap((d) => [`${a}${d}${b}月`, `${a}月${d}${b}月`]);
    alts.push(`${a}月-${b}月`);
    if (a === 1) alts.push(`前${b}个月`, `前${"一二三四五六七八九十"[b - 1] ?? b}个月`);
    terms.push({ term: span, weight: stats.maxIdf * 0.4, alts, unseen: false, focus: false });
    rest = rest.replace(m[0], "，");
  }
  // dates the question names ("7月份的消费者价格指数", "8月16日起"): a sentence of that date is the one asked about
  for (const m of rest.matchAll(/(\d{1,2})\s*月份?(?:\s*(\d{1,2})\s*[日号])?/g)) {
    const date = m[2] ? `${Number(m[1])}月${Number(m[2])}日` : `${Number(m[1])}月`;
    if (seen.has(date)) continue;
    seen.add(date);
    terms.push({
      term: date,
      weight: stats.maxIdf * 0.4,
      alts: m[2] ? [`${Number(m[1])}月${Number(m[2])}号`] : [],
      unseen: false,
      focus: false,
    });
    rest = rest.replace(m[0], "，");
  }
  // (…and, in a library of events, a thing named by its number, 19号线 or 6号台风, is a name the report must say)
  if (eventLibrary)
    for (const m of rest.matchAll(/\d+\s*号(?:线|楼|院|地块|令|台风|文件)/g)) {
      const name = m[0].replace(/\s+/g, "");
      if (seen.has(name)) continue;
      seen.add(name);
      terms.push({ term: name, weight: stats.maxIdf, alts: [], unseen: false, focus: true, named: true });
    }
  // figures the question gives ("连续18天", "世界500强", "第三届"): the sentence that repeats one is about the same thing
  for (const m of rest.matchAll(QUESTION_FIGURES)) {
    const figure = `${m[1]}${m[2]}`;
    if (seen.has(figure)) continue;
    seen.add(figure);
    terms.push({ term: figure, weight: stats.maxIdf * 0.3, alts: [], unseen: false, focus: false });
  }
  const recent: string[] = [];
  const merged = mergeCharRuns(taggedWords(rest));
  const tokens = eventLibrary ? recutGuesses(merged, (w) => stats.idf(w) > 0, rest) : merged;
  for (const [k, { word: raw, tag }] of tokens.entries()) {
    const before = recent.slice(-2).join("");
    const previous = recent.at(-1) ?? "";
    recent.push(raw);
    let w = wordForms(raw).at(-1)!;
    // a word jieba made up from speech across a boundary (霍恩是, 退卡能, 那名, 买要, 官柯克 of 首席财务官柯克霍恩)
    // is the word inside it, or none
    if (tag === "x" && eventLibrary && /^[\u4e00-\u9fff]{2,4}$/.test(w) && rarity(w).unseen) {
      const core = speechCore(w, previous, (pair) => stats.idf(bigramKey(pair[0]!, pair[1]!)) > 0);
      if (core !== w) {
        if (core.length < 2) continue;
        w = core;
      }
    }
    // (a code a reader copies, 中能电气（300062）, names the thing as its name does: the report must say it)
    if (
      eventLibrary &&
      /^\d{5,}$/.test(w) &&
      !seen.has(w) &&
      !/^\s*[年月日号万亿元个%]/.test(rest.slice(rest.indexOf(w) + w.length))
    ) {
      seen.add(w);
      terms.push({ term: w, weight: stats.maxIdf, alts: [], unseen: !rarity(w).idf, focus: true, named: true });
      continue;
    }
    // (钱 right after 多少 is the money asked, not a surname: 带了多少钱来 → 钱来, 花了多少钱建的 → 钱建)
    if (/^钱[\u4e00-\u9fff]$/.test(w) && /(?:多少|几块?)$/.test(before)) continue;
    // (…nor is a measure word jieba glues to what it counts right after 多少: 多少台车 → 台车, a cart; 几部车)
    if (/^[个台部辆名位家只条张件座所项次场][\u4e00-\u9fff]$/.test(w) && /(?:多少|几)$/.test(before)) continue;
    // (…nor the age a reader asks in words of speech, 多大岁数, 年纪多大: the answer is a figure in 岁, not the word)
    if (eventLibrary && /^(?:岁数|年纪)$/.test(w) && (/多大$/.test(before) || rest.includes(`${w}多大`))) continue;
    // question words for amounts (好多亩, 几张, 多户) and reduplicated units (多少户户厕 → 户户) are no topic
    if (
      seen.has(w) ||
      QUESTION_STOPWORDS.has(w) ||
      isStopWord(w) ||
      placeWords.has(w) ||
      /^\d+$/.test(w) ||
      /^(好?多|几)./.test(w) ||
      /^(.)\1$/.test(w) ||
      // (…nor a reader's pointer at the story, 那次, 那条, 有个, 那种)
      (eventLibrary && /^[那这某有][个次条场种件位名家起回些样]$/.test(w)) ||
      // (…nor the measure a price is asked per, 多少钱一斤: the report says 元/斤)
      (/^一[斤个只瓶盒袋件吨箱份]$/.test(w) && /(多少钱|几块钱|多少元|啥价)$/.test(before))
    )
      continue;
    // the verb of "怎么处理/如何安排" asks how, it names nothing
    if (HOW_VERBS.has(w) && /怎么|如何|怎样|咋/.test(before)) continue;
    seen.add(w);
    let { idf, unseen } = rarity(w);
    const alts = [...synonymsOf(w), ...periodChanges(w, question, scope.years), ...digitForms(w)];
    // a two-character piece jieba does not know either is a cut of resident speech (村修, 要建, 找个): no topic
    const word = w.length !== 2 || isDictionaryWord(w);
    // the thing asked about: a noun, not a category the answer names (哪所院校, 什么称号), not a
    // place in speech (床上, 田里, 河边), and one character only when counted (几座桥, 多少头猪)
    // 田里, 床上 are places in speech; 每吨, 每户 say per what, not what
    const locative = (w.length === 2 && /[上里边下中头]$/.test(w)) || /^每./.test(w);
    const focus =
      NOUN_TAGS.test(tag) &&
      word &&
      !GENERIC_NOUNS.has(w) &&
      !/^\d/.test(w) &&
      !CATEGORY_BEFORE.test(before) &&
      !locative &&
      (w.length > 1 || COUNTED_BEFORE.test(before));
    // a piece jieba does not know as a word (村修, 要修) or a place in speech (田里) is the resident's
    // own speech, no topic; an unseen word jieba knows (充电, 光伏) may be a topic the plans lack
    if (unseen && !focus && !alts.length && (!word || locative)) idf = stats.maxIdf * 0.12;
    // (乡村, 农村, 各村 name no village)
    const place =
      focus &&
      (/^(ns|nt)$/.test(tag) || /(村|社区|小学|中学|学校|医院|卫生院)$/.test(w)) &&
      !/^(?:乡|农|山|渔|新农|各|全|本|该|每|行政|自然)村$/.test(w);
    // a name: jieba's name tags (or no tag: a word it does not know), whole Chinese words that no
    // lexicon group explains (those are concepts with other wordings: 医保 is 医疗保险)
    // (a word jieba does not know is a name when it reads like a person's, surname first: 林万东, 蔡奇;
    // otherwise it is as likely speech cut its own way: 挖塘养, 哪三大)
    // (an abbreviation only when the corpus lacks it: 中英两国 is said 中英 there; a place need only be
    // in the evidence somewhere, see `place`; "哪个城市" names no place but asks for one)
    // in a library of events a word neither jieba nor the corpus knows is a name (闭营, 韦尔) more likely
    // than speech: residents' speech is about plans
    // (…and in a library of events a word in Latin letters three passages or fewer use, Rust or JIP, is a name too)
    const latinName =
      eventLibrary &&
      /^[a-z][a-z0-9.+-]{2,}$/i.test(w) &&
      !unseen &&
      idf >= stats.maxIdf - RARE_IDF_GAP &&
      !alts.length &&
      // (…not an acronym in capitals, DNA or GDP: a concept, not a name)
      !new RegExp(`(?<![A-Za-z])${w.toUpperCase().replace(/[.+-]/g, "\\$&")}(?![A-Za-z])`).test(question);
    const named =
      latinName ||
      ((NAME_TAGS.test(tag) ||
        (tag === "x" && (personLike(w) || (eventLibrary && unseen))) ||
        (tag === "j" && unseen)) &&
        w.length >= 2 &&
        !CATEGORY_BEFORE.test(before) &&
        /^[\u4e00-\u9fff]+$/.test(w) &&
        !alts.length &&
        !GENERIC_NOUNS.has(w) &&
        !isStopWord(w) &&
        !locative);
    // (…but one jieba guessed that its dictionary reads as two characters, one a verb, is a reader's speech: 禁掉, 拟罚,
    // 新设, 捏面 of 捏面人, 店称 of 回收店称不准)
    const spoken =
      eventLibrary &&
      named &&
      unseen &&
      w.length === 2 &&
      /^(x|ns|nz)$/.test(tag) &&
      !personLike(w) &&
      // (…not one that names a kind of thing, 闭营 of 闭营仪式)
      !(/^n/.test(tokens[k + 1]?.tag ?? "") && (tokens[k + 1]?.word.length ?? 0) >= 2) &&
      (() => {
        const pieces = dictionaryTaggedWords(w);
        return pieces.length === 2 && pieces.some((p) => /^v/.test(p.tag));
      })();
    if (spoken) {
      terms.push({ term: w, weight: weigh(w, stats.maxIdf * 0.12), alts, unseen, focus: false });
      continue;
    }
    if (named && unseen) idf = stats.maxIdf;
    // (a word of the sentence's own grammar names nothing: 要是, 一直, 那种, 一场)
    if (eventLibrary && !named && SPEECH_TAGS.test(tag)) idf *= 0.3;
    // (a word read as a name only for a common surname first, 高雄分 of 高雄分到, may be cut of speech too)
    const guessed = named && tag === "x" && unseen;
    // (in a library of events only: a plan says 项目, 产业, 制度 in every other sentence)
    const kind =
      eventLibrary && ASKS_KIND.test(recent.at(-2) ?? "") && NOUN_TAGS.test(tag) && w.length >= 2 && !NO_KIND.test(w);
    terms.push({
      term: w,
      weight: weigh(w, idf),
      alts,
      unseen,
      focus: focus || named,
      place,
      named,
      ...(guessed ? { guessed } : {}),
      ...(kind ? { kind } : {}),
    });
  }
  // in a library of events, a word the library does not know that the reader quotes (台风“海葵”) or writes in Latin
  // letters (Temu) is a name the report must say, word for word: never speech, never a reader's word for another
  if (eventLibrary) {
    const quoted = [...question.matchAll(/[“"「『]([^”"」』]{2,12})[”"」』]/g)].map((m) => strip(m[1]!).toLowerCase());
    for (const t of terms)
      if (
        (t.unseen &&
          ((quoted.some((q) => q.includes(t.term)) && t.term.length >= 2 && !/^\d/.test(t.term)) ||
            /^[a-z][a-z0-9-]{2,}$/.test(t.term))) ||
        // (…and so is a model's code, letters and digits, S24 of Galaxy S24 Ultra, XM5 of WF-1000XM5)
        /^(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9-]{2,}$/.test(t.term)
      )
        Object.assign(t, { named: true, focus: true, guessed: false });
  }
  return terms;
}

/**
 * How reports say a change against the period before: 7月环比 is 比6月/较上月, 2023年同比 is
 * 比2022年/较上年同期.
 * @example periodChanges("环比", "7月份CPI环比上涨多少", []) // includes "比6月"
 */
/** A figure a reader writes in Chinese numerals, as reports write it: 三桩 → 3桩, 三千多 → 3千多 and 3000多. */
function digitForms(term: string): string[] {
  const m = /^([一二两三四五六七八九十百千万]+)([^一二两三四五六七八九十百千万\d]{0,3})$/.exec(term);
  if (!m || m[1]!.length > 4 || m[1] === "一") return [];
  const digits = m[1]!.replace(
    /[一二两三四五六七八九]/g,
    (ch) => `${"一二三四五六七八九".indexOf(ch === "两" ? "二" : ch) + 1}`,
  );
  const value = chineseNumber(m[1]!);
  const out = new Set([
    /[十百]/.test(digits) ? "" : `${digits}${m[2]}`,
    Number.isFinite(value) ? `${value}${m[2]}` : "",
  ]);
  out.delete(term);
  out.delete("");
  return [...out].filter((f) => f.length > 1);
}

export function periodChanges(term: string, question: string, years: number[]): string[] {
  if (term === "环比") {
    const m = /(\d{1,2})\s*月/.exec(question);
    const before = m ? (Number(m[1]) === 1 ? 12 : Number(m[1]) - 1) : 0;
    return ["比上月", "较上月", "比上个月", ...(before ? [`比${before}月`, `较${before}月`] : [])];
  }
  if (term === "同比") {
    const y = years.length ? Math.max(...years) : 0;
    return [
      "比上年",
      "较上年",
      "比去年",
      "较去年",
      "上年同期",
      "去年同期",
      ...(y ? [`比${y - 1}年`, `较${y - 1}年`] : []),
    ];
  }
  return [];
}

/** A two-character word of speech: a particle, pronoun, comparison or place word at one end (显有, 比涨, 里演), unlike 闭营. */
const SPEECH_EDGE = /^[那哪这该每某比里在把被给跟和与]|[是能要会了的着过吗呢吧都也就还又有上里]$/;

/** Characters a made-up word of speech opens with (那名, 哪本, 这起, 少花) or ends with (霍恩是, 买要, 看会). */
const SPEECH_START = /^[那哪这该每某少多再又还都也就才刚没不很太更最]/;
const SPEECH_END = /[是能要会了的着过吗呢吧都也就还又]$/;

/**
 * The word inside one jieba made up across a boundary of speech: without a demonstrative it opens
 * with or a verb or particle it ends with, or without a first character that ends the word before
 * (财务 + 官柯克: the library says 务官, never 官柯). Returns the word itself when none applies.
 * @example speechCore("霍恩是", "官柯克", () => true) // "霍恩"
 */
export function speechCore(word: string, previous: string, said: (pair: string) => boolean): string {
  let core = word;
  if (SPEECH_START.test(core)) core = core.slice(1);
  if (SPEECH_END.test(core)) core = core.slice(0, -1);
  // (never the surname of a name: 看到了包燕飞)
  if (core === word && previous && !personLike(word) && said(previous.at(-1)! + word[0]) && !said(word.slice(0, 2)))
    core = word.slice(1);
  return core;
}

/** A line that only credits who wrote or edited a report: （责任编辑：卢其龙）, 【编辑：张子怡】, 记者 王某. */
const CREDIT_LINE =
  /^[（(【[]?\s*(?:责任编辑|编辑|校对|审核|审校|编审|监制|作者|记者|通讯员|实习生)\s*[:：][^。，,；]{0,30}[)）】\]]?[。]?$/;

/** 多少个/几个 of a thing (no month, hour or percentage point), and a figure in a measure word of single things. */
const PIECES_ASKED =
  /(?:多少|(?<![那这哪])几|好多)\s*个(?!百分点|月|小时|钟|工作日|星期|礼拜|季度)([\u4e00-\u9fff]{2})/;
const PIECES =
  /(?:\d|[一二两三四五六七八九十百千万])\s*(?:余|多)?\s*(?:万|亿|千)?\s*(?:余|多)?\s*(?:个|家|所|座|处|名|位|只|条|项|台|辆|间|支|栋|幢|户|人|款|批|队|类|种(?=类|别))/;
/** A lone 一 before a measure word of people or things: the article of 一名男子, 一家店, not a count. */
const LONE_ONE = /(?<![\d一二两三四五六七八九十百千万第])一(?=[名位个家只条起])/g;

/** A web site's notice about itself: a disclaimer, a reprint rule, a pointer to more. */
const SITE_NOTICE =
  /力求但不保证|如若转载|转载请注明|未经授权|版权所有|免责声明|不构成投资建议|仅供参考，不构成|如存在问题请联系|更多精彩内容|本文属于原创|点击进入|扫码关注|欢迎订阅/;

/** Words that make a clause of a question the one that asks (多少, 谁, 哪, 什么, 吗…). */
const ASKING = /多少|几|谁|哪|什么|啥|怎么|如何|吗|是否|有没有|多[大久长高重厚远宽深]/;

/**
 * How far below the idf of a word found nowhere a word found in three passages or fewer stands (BM25's idf: ln 7 for
 * three, ln 3 for one).
 */
const RARE_IDF_GAP = Math.log(7);

/** jieba tags of names: people, organisations and other proper nouns (places are `place`). */
const NAME_TAGS = /^(nr|nrfg|nrt|nt|nz)$/;
/** Tags of words that belong to the sentence, not to what it is about: conjunctions, adverbs, pronouns, particles. */
const SPEECH_TAGS = /^(c|d|r|p|u|uj|ul|uz|ug|uv|ud|y|e|o)$/;

/** Tags of one-character words that belong to the sentence, not to a name (particles, pronouns, numbers, verbs). */
const FUNCTION_TAGS = /^(u|p|r|c|d|m|q|y|e|o|f|v|a|ad|t|uj|ul|uz|ug|uv|ud|mq|vn|vd|s)$/;

/**
 * jieba cuts a name it does not know into single characters (潘妧纱 → 潘/nr 妧/zg 纱/zg): a run of two
 * or more such characters, one of them a name or unknown character, is taken back as one word when
 * matched whole.
 */
function mergeCharRuns(words: Array<{ word: string; tag: string }>): Array<{ word: string; tag: string }> {
  const out: Array<{ word: string; tag: string }> = [];
  let run: Array<{ word: string; tag: string }> = [];
  const flush = () => {
    const text = run.map((w) => w.word).join("");
    // a surname, then characters jieba can only call morphemes or unknown (潘/nr 妧/zg 纱/zg)
    const nameLike =
      run.length >= 2 &&
      run.length <= 4 &&
      run[0]!.tag === "nr" &&
      run.slice(1).every((w) => /^(zg|ng|x|nr)$/.test(w.tag));
    if (nameLike) out.push({ word: text, tag: "x" });
    else out.push(...run);
    run = [];
  };
  for (const w of words) {
    if (w.word.length === 1 && !FUNCTION_TAGS.test(w.tag) && /[\u4e00-\u9fff]/.test(w.word) && !isStopWord(w.word))
      run.push(w);
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}

/**
 * Two neighbours, one a word jieba guessed (tag x) that the corpus never has, where a word the corpus does have runs
 * across them (总营/收是 of 总营收是, hiding 营收): the word, with what is left on either side as words of their own.
 */
function recutGuesses(
  words: Array<{ word: string; tag: string }>,
  known: (w: string) => boolean,
  text: string,
): Array<{ word: string; tag: string }> {
  const out = [...words];
  // (neighbours only where nothing stands between them: 那回，到底 hides no 回到)
  const said = normalizeText(text).replace(/\s+/g, "");
  for (let i = 0; i + 1 < out.length; i++) {
    const [x, y] = [out[i]!, out[i + 1]!];
    const joined = x.word + y.word;
    if (!/^[\u4e00-\u9fff]+$/.test(joined) || !said.includes(joined)) continue;
    if (![x, y].some((t) => t.tag === "x" && t.word.length >= 2 && !known(t.word))) continue;
    const edge = x.word.length;
    let found: [number, number] | null = null;
    for (let start = Math.max(0, edge - 3); start < edge && !found; start++)
      for (let end = Math.min(joined.length, start + 4); end > edge; end--)
        if (end - start >= 2 && known(joined.slice(start, end))) {
          found = [start, end];
          break;
        }
    if (!found) continue;
    const [start, end] = found;
    const piece = (w: string) => (w ? taggedWords(w) : []);
    out.splice(
      i,
      2,
      ...piece(joined.slice(0, start)),
      { word: joined.slice(start, end), tag: "n" },
      ...piece(joined.slice(end)),
    );
  }
  return out;
}

function termCoverage(t: Term, text: string): number {
  // a name is there word for word, or not at all (林万东 is not 林 + 万东), unless a country or province opens it and the
  // text says both (美国参议院: 美国 … 参议院)
  if (t.named)
    return text.includes(t.term) ||
      scenePlusName(t.term, text) ||
      (ORG_SHORT.test(t.term) && abbreviates(t.term).test(text))
      ? 1
      : 0;
  if (text.includes(t.term)) return 1;
  if (t.kind && kindNamed(t.term, text).length) return 1;
  // a one-character alternative (路, 桥) would match inside any word (路灯): only longer ones count
  if (t.alts.some((a) => a.length > 1 && text.includes(a))) return 0.85;
  if (t.term.length >= 3) {
    const grams = [...t.term].slice(0, -1).map((c, i) => c + t.term[i + 1]);
    const hit = grams.filter((g) => text.includes(g)).length;
    if (hit / grams.length >= 0.6) return 0.6;
  }
  // a reader's short form of the text's words, each character opening one (研报 of 研究报告)
  if (t.term.length === 2 && abbreviates(t.term).test(text)) return 0.6;
  return 0;
}

/**
 * The words a short form stands for: each of its characters opens a word of two (研报 → 研究报告); of three, the
 * words may be longer (陕历博 → 陕西历史博物馆).
 */
/** A body's name said short of its middle word: 交通部 of 交通运输部. */
const ORG_SHORT = /^[\u4e00-\u9fff]{2}[部局委厅署]$/;

function abbreviates(term: string): RegExp {
  let re = abbreviations.get(term);
  if (!re) {
    re =
      term.length === 2
        ? new RegExp(`${term[0]}[\\u4e00-\\u9fff]${term[1]}[\\u4e00-\\u9fff]`)
        : // (…or a body's name short of its middle word: 交通部 of 交通运输部, 住建局 of 住房和城乡建设局 aside)
          ORG_SHORT.test(term)
          ? new RegExp(`${term.slice(0, 2)}[\\u4e00-\\u9fff]{1,3}${term[2]}`)
          : new RegExp([...term].map((ch) => `${ch}[\\u4e00-\\u9fff]{1,2}`).join(""));
    abbreviations.set(term, re);
  }
  return re;
}
/** Each term's pattern built once: term coverage asks it of every candidate sentence. */
const abbreviations = new Map<string, RegExp>();

/**
 * Weighted share of the terms found in `text`; a term found only in the section headings counts
 * 0.7, only elsewhere in the same passage 0.6.
 */
/** Whether a term (two characters or more) stands at least twice in a text. */
function repeatedIn(t: Term, text: string): boolean {
  const at = text.indexOf(t.term);
  return t.term.length >= 2 && at >= 0 && text.indexOf(t.term, at + t.term.length) >= 0;
}

export function coverage(terms: Term[], text: string, headings = "", passage = "", lead = ""): number {
  const total = terms.reduce((a, t) => a + t.weight, 0);
  if (!total) return 0;
  const s = strip(text);
  const h = strip(headings);
  const p = strip(passage);
  const l = strip(lead);
  let got = 0;
  // what a passage says again and again is what it is about (a report's subject, named in its lead
  // and repeated): a sentence of it leans on that almost fully, and is told apart by the rest
  // (…and a later passage of a news report leans on its lead's first sentence a little less: who, where, what about)
  for (const t of terms)
    got +=
      t.weight *
      Math.max(
        termCoverage(t, s),
        0.7 * termCoverage(t, h),
        (repeatedIn(t, p) ? 0.85 : 0.6) * termCoverage(t, p),
        0.6 * termCoverage(t, l),
      );
  return got / total;
}

/** A sentence that opens on a thing the sentence before named, pointing back at it: 这座纪念碑, 该公司, 这名男子. */
function thatOne(text: string, before: string): boolean {
  const m =
    /^[^，。；“”]{0,12}?(?:这|该|此)(?:座|个|家|名|位|条|所|艘|架|款|部|只|项|批|起|支)?([\u4e00-\u9fff]{2})/.exec(
      text,
    );
  return !!m && before.includes(m[1]!);
}

/** A sentence whose subject is the figure of the one before: 这个数值, 该数据, 这一比例. */
const REFERS_BACK =
  /^(?:[^，。；,]{0,6}[，,])?(?:这个|这一|该|此|上述)(?:数值|数字|数据|比例|指标|增速|增幅|涨幅|水平)/;

interface Candidate {
  passage: Passage;
  /** sentence ranges of the chunk */
  sentences: Array<[number, number]>;
  at: number;
  text: string;
  /** The sentence with the long forms of the short names it uses ("CPI" → "7月消费者价格指数"). */
  said: string;
  coverage: number;
  score: number;
}

/** Words of a procedure: where to go, what to bring, whom to ask. */
const PROCEDURE =
  /((到|去|在|向)[^，。；]{1,12}(申请|办理|领取|登记|报名)|窗口|便民服务中心|所需材料|提交材料|办理流程|申请流程|咨询电话|热线)/;

const REDACTED_NUMBER = /\*+\s*\d*\s*(?:[余多])?(?:个|期|人次|人|家|万|元|亩|户|次|名|项|座|条|%|年)|\d\*+/;

/**
 * +0.1 when the answer the question type asks for (a date for 什么时候, a figure for 多少) stands
 * within a few characters of what the question says happens (a question word the passage does not
 * repeat: "预计…完成主体施工" in "预计2025年12月主体施工完成"), not just anywhere in a sentence that
 * names the subject ("希音26日发布消息称…").
 */
function slotNearPredicate(type: QuestionType, text: string, terms: Term[], strippedPassage: string): number {
  if (type !== "when" && type !== "count") return 0;
  const body = type === "when" ? withoutDateline(text) : text;
  const spots = [...body.matchAll(type === "when" ? WHEN_SLOT : COUNT_SLOT)].map((m) => m.index);
  if (!spots.length) return 0;
  for (const t of terms) {
    if (t.term.length < 2 || repeatedIn(t, strippedPassage)) continue;
    for (let at = body.indexOf(t.term); at >= 0; at = body.indexOf(t.term, at + 1)) {
      if (spots.some((s) => Math.abs(s - at) <= 8 + t.term.length)) return 0.1;
    }
  }
  return 0;
}

/** The answers 什么时候 and 多少 ask for, wherever they stand in a sentence. */
const WHEN_SLOT = /(?:19|20)\d{2}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|年底|月底|上半年|下半年/g;
const COUNT_SLOT = new RegExp(NUMBER_WITH_UNIT.source, "g");

/** A sentence without its report's dateline and stamp. */
const withoutDateline = (text: string) =>
  text
    .replace(/^[^，。]{0,40}?\d{4}[-年]\d{1,2}[-月]\d{1,2}日?[^，。]{0,20}?，?正文[:：]/, "")
    .replace(/[\u4e00-\u9fff]{1,8}\d{1,2}月\d{1,2}日(?:电|消息|讯)(?:（[^）]{0,30}）)?/, "");

/** From one date to another: 2023年9月至2024年3月底, 8月16日—10月31日, 7月1日起至年底. */
const DATE_SPAN =
  /(?:\d{4}\s*年)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?:\d{4}\s*年)?(?:\d{1,2}\s*月|年底|年末|月底)/;

/** A question asking the number to call: 打啥电话, 热线是多少, 电话号码是什么. */
const PHONE_ASKED =
  /(?:打|拨)(?:啥|什么|哪个|哪个号码的?)?(?:电话|热线)|(?:电话|热线|号码)(?:号码)?(?:是|为)?(?:多少|啥|什么)|(?:啥|什么|哪个)(?:电话|热线)/;
/** …and a sentence giving one. */
const PHONE_SAID = /(?:拨打|致电|热线|电话|号码)[^，。；]{0,10}?\d{3,}|\d{3,}[^，。；\d]{0,6}(?:热线|电话)/;

/** The quarters and halves of a year a text names: 第三季度, 一季度, Q2, 上半年, 前三季度. */
export function quartersOf(text: string): Set<string> {
  const out = new Set<string>();
  const n: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", "1": "1", "2": "2", "3": "3", "4": "4" };
  for (const m of text.matchAll(
    /前三季度|(?:第|今年|年度)?([一二三四1-4])季度|(?<![A-Za-z])Q([1-4])(?!\d)|([上下])半年/g,
  ))
    out.add(m[0] === "前三季度" ? "9M" : m[1] ? `Q${n[m[1]]}` : m[2] ? `Q${m[2]}` : m[3] === "上" ? "H1" : "H2");
  return out;
}

/** A year before 1900 (始建于明代1442年), not a span of years (1000年历史) nor a decade. */
const OLD_YEAR = /(?<![\d.])1[0-8]\d{2}\s*年(?![代间来前后]|历史)/;

function typeBonus(type: QuestionType, text: string): number {
  switch (type) {
    case "count":
      return NUMBER_WITH_UNIT.test(withoutDates(text)) ? 0.15 : HAS_DIGIT.test(withoutDates(text)) ? 0.05 : -0.3;
    case "when":
      // a report's own stamp ("2023-07-26 22:24，正文：", "中新网肇庆7月26日电（记者…）") dates the report, not what it tells
      // (…and a year of long ago, 始建于明代1442年, is a year as 2023年 is)
      return DATE_LIKE.test(withoutDateline(text)) || OLD_YEAR.test(text) ? 0.15 : -0.05;
    case "where":
      return /(村|镇|路|街|中心|园|场|站|桥|河|山)/.test(text) ? 0.05 : 0;
    case "list":
      return /[、]|[一二三四五六七八九十]是/.test(text) ? 0.05 : 0;
    default:
      return 0;
  }
}

/**
 * Whether a question names nothing that singles out one event: no township or year, no name,
 * place, date or figure, and topic words that together weigh less than one rare word (0.9 of the
 * corpus's highest idf). Measured on CRUD-RAG's questions: "这些活动是在哪里举办的" 0.44,
 * "主办方是谁" 0.62, "参观的地点有哪些" 0.70, against 1.2 and more for most questions that name their event.
 */
export function unspecific(terms: Term[], scope: QuestionScope, stats: TermStats): boolean {
  if (scope.township || scope.years.length) return false;
  if (terms.some((t) => t.named || t.place || /\d/.test(t.term))) return false;
  return terms.reduce((a, t) => a + t.weight, 0) < 0.9 * stats.maxIdf;
}

/**
 * Short names a text defines for what it has just named: "7月消费者价格指数（CPI）", "江淮沟通段（以下简称
 * “江淮沟通段”）", "《指南》": alias → the words before it (up to 16 characters).
 */
export function aliasesOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(
    /[（(](?:以下简称|下称|简称)?[“"《]?([A-Za-z][A-Za-z0-9-]{1,11}|[\u4e00-\u9fff]{2,8})[”"》]?[）)]/g,
  )) {
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    if (!before.includes(m[1]!)) out.set(m[1]!, before);
  }
  return out;
}

/** A sentence with the long forms of the short names it uses appended, for judging what it speaks of. */
function withAliases(sentence: string, aliases: Map<string, string>): string {
  let extra = "";
  for (const [short, long] of aliases) if (sentence.includes(short) && !sentence.includes(long)) extra += ` ${long}`;
  return extra ? `${sentence}${extra}` : sentence;
}

/** Verbs of saying or holding a view, and the words a sentence reports one with. */
const SAYING = /^(要求|表示|认为|呼吁|强调|指出|希望|主张|提出|声称|宣布)$/;
const SAID = /(要求|表示|认为|呼吁|强调|指出|希望|主张|提出|称|说|宣布)/;

/** Words that turn a sentence's verb into its opposite, just before it. */
const NEGATION =
  /(不|未|没有|没|无|非|并非|拒绝|禁止|停止|无需|无须|不用|不必|免)(再|要|必|用|予|任何|能|会|可)?(重新|再次|继续|按时|及时)?$/;
/** A negation ahead of the verb in its clause (已没在镇政府上班, 未在规定时间内完成). */
const NEGATED_AHEAD = /(没|不|未)(在|再|曾|能|会|到|被|于|向|对|给|按|从|及时)[^，。；;]{0,12}$/;
/** A negating character anywhere in the clause, other than in words that negate nothing (不断, 无论, 未来). */
const NEGATION_IN_CLAUSE = /(?<!得)(没|未(?!来)|无(?!论|数|人机)|不(?!断|少|仅|但|同|久|足|良|得不|管))/;

/**
 * The yes or no a 吗/是否 question gets from a sentence: null unless the question asks one and the
 * sentence says every verb of it word for word; then 是/会/能/有 (after the question's own modal),
 * or its negation when a negating word stands right before the verb in the sentence.
 * @example yesNo("中方反对日本政府向海洋排放核污染水吗？", "中方一贯反对日本强行向海洋排放核污染水") === "是"
 */
export function yesNo(question: string, sentence: string): string | null {
  return yesNoReader(question)?.(sentence) ?? null;
}

/**
 * A 吗/是否 question read once (its asked clause, verbs and modal), as a judge of sentences: null when the
 * question asks no yes or no; else what `yesNo` says of each sentence (the question is not read again).
 */
export function yesNoReader(question: string): ((sentence: string) => string | null) | null {
  const q = question.replace(/[？?！!。\s]+$/, "");
  const asks = /(吗|(?<![什怎这那多])么)$|是否|是不是|会不会|能不能|能否|有没有|可不可以/g;
  if (!new RegExp(asks.source).test(q)) return null;
  // (what is asked is the clause with 吗 in it; a clause before it sets the scene: "按新措施，…还要提交证明吗")
  const own = q.split(/[，,；;]/).pop() ?? q;
  const stated = (own.length >= 6 ? own : q).replace(asks, "，");
  const tagged = taggedWords(stated);
  const asked = tagged
    .filter(({ word, tag }) => /^v/.test(tag) && word.length >= 2 && !QUESTION_STOPWORDS.has(word))
    .map(({ word }) => word);
  // (the clause's last word is what is asked whatever jieba tags it: 重新上市/ns)
  const last =
    own.length >= 6
      ? tagged.filter(({ word, tag }) => word.length >= 2 && !/^(u|y|m|q|r|p|c|d|x|eng)/.test(tag)).pop()?.word
      : undefined;
  const lastCounts =
    !!last &&
    !asked.includes(last) &&
    !QUESTION_STOPWORDS.has(last) &&
    /^(v|ns|n|vn)/.test(tagged.find((t) => t.word === last)!.tag);
  // a negating word the question has too (停止强推) is part of what is asked
  const before = (text: string, v: string) => text.slice(Math.max(0, text.indexOf(v) - 6), text.indexOf(v));
  const clause = (text: string, v: string) =>
    text
      .slice(0, text.indexOf(v))
      .split(/[，。；;：:]/)
      .pop() ?? "";
  // (the form asked, in the asked clause: 能否 → 能, 会不会 → 会; the 会 of 证监会 or 大会 is no modal)
  const modal = /(能否|能不能|可否|可不可以)/.test(own)
    ? ["能", "不能"]
    : /(会不会|(?<![监委协学工议都社机大全年例开晚盛])会)/.test(own)
      ? ["会", "不会"]
      : /(还要|需要|要不要|还得|必须)/.test(own)
        ? ["要", "不用"]
        : /能|可以/.test(own)
          ? ["能", "不能"]
          : /有没有|有.*吗$/.test(q)
            ? ["有", "没有"]
            : ["是", "不是"];
  return (sentence) => {
    const verbs = lastCounts && sentence.includes(last!) ? [...asked, last!] : asked;
    // a verb of saying (中方要求…, 专家认为…) is who holds the view: any word of saying in the sentence stands for it
    const said = verbs.filter((v) => !SAYING.test(v));
    if (said.length < verbs.length && !SAID.test(sentence)) return null;
    if (!said.length || !said.every((v) => sentence.includes(v))) return null;
    const negated = said.some(
      (v) =>
        (NEGATION.test(before(sentence, v)) || NEGATED_AHEAD.test(clause(sentence, v))) &&
        !NEGATION.test(before(stated, v)),
    );
    // (a negation elsewhere in the clause may or may not be of the verb asked: no verdict rather than a wrong one)
    if (
      !negated &&
      said.some((v) => NEGATION_IN_CLAUSE.test(clause(sentence, v)) && !NEGATION_IN_CLAUSE.test(clause(stated, v)))
    )
      return null;
    return negated ? modal[1]! : modal[0]!;
  };
}

/** The shape of answer a 谁/哪个国家/第几 question asks for, beyond the question types. */
type Slot = "who" | "name" | "place" | "rank" | "numbered";
const SLOT_CANDIDATES = 16;

export function askedSlot(question: string): Slot | null {
  // 叫什么名字, 真名, 全名: a name itself, not a role (人事专员) or a kind of body
  if (/(叫什么|叫啥|什么名字|啥名字|名字是|全名|真名|姓名|英文名|网名)/.test(question)) return "name";
  if (
    /(谁|哪位|什么人|哪[几两三四五]?个?(人|机构|部门|单位|组织|公司|企业|银行|媒体|团队|领导)|哪[几两三四五]?家)/.test(
      question,
    )
  )
    return "who";
  if (/(哪个?|什么)(国家|城市|省份?|地区|地方|县|市|区|国|镇|乡|村|街道|社区)/.test(question)) return "place";
  if (/第几|排名第?几|位列第?几/.test(question)) return "rank";
  // 几号坑, 几号线: the thing by its number
  if (NUMBERED_ASKED.test(question)) return "numbered";
  return null;
}

/** The act a count question counts (转移 of 一共转移了多少群众), where a verb stands right before its 多少. */
function askedCountVerb(question: string): string | null {
  const m = /([\u4e00-\u9fff]{2})了?(?:一共|总共|共|累计)?(?:多少|几|好多)/.exec(question);
  if (!m) return null;
  const tags = taggedWords(m[1]!);
  return tags.length === 1 && /^v/.test(tags[0]!.tag) && !QUESTION_STOPWORDS.has(m[1]!) ? m[1]! : null;
}

/** Counts of people an event struck, asked by how they were struck, and what a sentence of that count says. */
const CASUALTIES: Array<[RegExp, RegExp]> = [
  [
    /(?:死|死亡|遇难|身亡|丧生|罹难)[^，。？?]{0,4}(?:多少|几)|(?:多少|几)[^，。？?]{0,4}(?:死|死亡|遇难|身亡|丧生|罹难)/,
    /(?:死|亡|遇难|丧生|罹难)/,
  ],
  [/(?:伤)[^，。？?]{0,4}(?:多少|几)|(?:多少|几)[^，。？?]{0,4}伤/, /伤/],
  [
    /(?:失踪|下落不明|失联)[^，。？?]{0,4}(?:多少|几)|(?:多少|几)[^，。？?]{0,4}(?:失踪|下落不明|失联)/,
    /(?:失踪|下落不明|失联)/,
  ],
];

/** Whether every count of people a sentence gives is of the dead, hurt or missing: 已导致24人死亡. */
function casualtiesOnly(text: string): boolean {
  const counts = [...text.matchAll(/(\d+|[一二两三四五六七八九十百]+)\s*(?:余|多)?\s*(?:人|名)/g)];
  return (
    counts.length > 0 &&
    counts.every((m) =>
      /^[^，。；]{0,4}(?:死亡|遇难|身亡|丧生|罹难|受伤|伤亡|失踪|失联|死|伤)/.test(text.slice(m.index + m[0].length)),
    )
  );
}

/** 好多 and what it counts, closing a question: 一共转移了好多群众？ */
const SPOKEN_COUNT = /好多[\u4e00-\u9fff]{0,4}[啊呀哦哟]?[？?]?$/;

/** 几号坑, 几号线, 几号楼: a thing asked by its number. */
const NUMBERED_ASKED = new RegExp(`几号(${NUMBERED_THING})`);

/** Organisation and role words a 谁 answer may be: 公安部交通管理局, 国家标准委, 某某公司, 数学家, 志愿者. */
const ORG_END =
  /(部|局|委|院|会|署|办|厅|室|公司|集团|银行|协会|中心|政府|法院|大学|学校|医院|家|者|员|师|长|人士|官|代表|主席|院士|教授)$/;

/** A title said right before a word jieba does not know (区委书记缪京, 律师杨舒媛): the word is a person's name. */
const TITLE_END =
  /(?:书记|主任|[^成增]长|律师|教授|医生|记者|经理|主席|委员|代表|民警|法官|检察官|研究员|专家|负责人|总监|董事)$/;
const titled = (words: Array<{ word: string; tag: string }>, k: number) => {
  const { word } = words[k]!;
  const prev = words[k - 1];
  return /^[\u4e00-\u9fff]{2,3}$/.test(word) && !!prev && /^n/.test(prev.tag) && TITLE_END.test(prev.word);
};

/**
 * +0.15 when a sentence carries what the slot asks (a person or organisation for 谁, a place for
 * 哪个国家, a 第N for 第几) that the question does not name; −0.1 when it carries none.
 */
export function slotFit(slot: Slot, text: string, question: string): number {
  if (slot === "name") {
    // a quoted name (台风“卡努”), a Latin one (Ross Feingold) or a word tagged a name, the question does not give
    const body = withoutDateline(text).replace(/原标题[:：]/, "");
    // (a person's name is asked by who is named, a body's by what it is: 年轻人 is not named by 竹林/nz, 公司 not by
    // 宪法法院/nt or the 某一家公司 of a report that does not name it)
    const kind = nameKind(question);
    // (a quoted phrase names a person or a business only where it reads as one: “蛮不讲理” names nobody)
    const quoted = [...body.matchAll(/[“"《]([^”"》]{2,12})[”"》]/g)].some(
      (m) =>
        !question.includes(m[1]!) &&
        (kind === null ||
          (kind === "body" &&
            (BODY_END.test(m[1]!) || new RegExp(`^${BODY_WORD}`).test(body.slice((m.index ?? 0) + m[0].length))))),
    );
    const latin = [...body.matchAll(/[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+/g)].some((m) => !question.includes(m[0]));
    const words = taggedWords(body);
    const tagged = words.some(({ tag }, k) => {
      const name = surnamed(words, k);
      if (name.length < 2 || question.includes(name)) return false;
      // (王某 is a name withheld and 蒋先生 a form of address, no name)
      if (kind === "person")
        return (
          !/(某|先生|女士|小姐|老师|师傅|大爷|大妈|阿姨)$/.test(name) &&
          ((/^(nr|nrfg|nrt)$/.test(tag) && personLike(name)) || (tag === "x" && (personLike(name) || titled(words, k))))
        );
      if (kind === "body") return /^(nt|nz)$/.test(tag) && BODY_END.test(name);
      return /^(nr|nrfg|nrt|nt|nz)$/.test(tag) || (tag === "x" && (personLike(name) || titled(words, k)));
    });
    // (…a business by a name right before what it is: iTV公司, 阿里巴巴集团; 一名疑似公司 names none)
    const bodyNamed =
      kind === "body" &&
      words.some(({ word, tag }, k) => {
        const prev = words[k - 1];
        if (BODY_END.test(word) && word.length > 2 && /^(nt|nz)$/.test(tag)) return !question.includes(word);
        return (
          new RegExp(`^${BODY_WORD}$`).test(word) &&
          !!prev &&
          prev.word.length >= 2 &&
          /^(nr|nrfg|nrt|ns|nt|nz|x|eng)$/.test(prev.tag) &&
          !question.includes(prev.word)
        );
      });
    // (a foreign person's name is written with a dot: 艾琳·帕特森)
    const dotted =
      kind === "person" &&
      [...body.matchAll(/[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}/g)].some((m) => !question.includes(m[0]));
    return quoted || latin || tagged || bodyNamed || dotted ? 0.15 : -0.1;
  }
  if (slot === "numbered") {
    const thing = NUMBERED_ASKED.exec(question)?.[1] ?? "";
    return new RegExp(`[一二三四五六七八九十\\d]+\\s*号${thing}`).test(text) ? 0.15 : -0.1;
  }
  if (slot === "rank") return /第[一二三四五六七八九十百\d]+|前[一二三四五六七八九十\d]+|榜首/.test(text) ? 0.15 : -0.1;
  // 哪个镇/哪个县: a name with that ending the question does not give (黄家镇), whatever jieba tags it
  const level = slot === "place" ? /哪个?(镇|乡|村|街道|社区|县)/.exec(question)?.[1] : undefined;
  if (level)
    return [...text.matchAll(new RegExp(`[\\u4e00-\\u9fff]{2,6}${level}`, "g"))].some(
      (m) => !question.includes(m[0]) && !/^(?:各|全|本|该|每|乡|城|农)/.test(m[0].slice(-level.length - 1)),
    )
      ? 0.15
      : -0.1;
  const words = taggedWords(text);
  const found = words.some(({ tag }, k) => {
    const word = slot === "place" ? words[k]!.word : surnamed(words, k);
    if (word.length < 2 || question.includes(word)) return false;
    if (slot === "place") return tag === "ns";
    return (
      /^(nr|nrfg|nrt|nt)$/.test(tag) ||
      (tag === "x" && personLike(word)) ||
      (/^(n|nt|nz|j)$/.test(tag) && ORG_END.test(word))
    );
  });
  return found ? 0.15 : -0.1;
}

/** The word at k, with the name after it where jieba cut a surname off its name (周/nr 明远/a, 姚/nr 晨曦/n). */
function surnamed(words: { word: string; tag: string }[], k: number): string {
  const { word, tag } = words[k]!;
  const next = words[k + 1]?.word ?? "";
  return tag === "nr" && word.length === 1 && /^[\u4e00-\u9fff]{1,2}$/.test(next) && !isStopWord(next)
    ? word + next
    : word;
}

/** Model names and codes, what 什么型号/编号 asks for: XQ-58A, C919, 长征五号. */
const CODE = /[A-Za-z]{1,5}-?\d+[A-Za-z]?|[\u4e00-\u9fff]{2}[一二三四五六七八九十]+号/;

/** +0.15 when a sentence names a thing of the kind asked (化债方案 for 什么方案) that the question does not. */
export function kindFit(kind: string, text: string, question: string): number {
  if (/^(型号|编号|代号|型)$/.test(kind)) return CODE.test(text) ? 0.15 : 0;
  // a work is named by its title: 哪本名著 → 《西游记》, 什么电影 → 《志愿军》
  const titled =
    /^(名著|书|书籍|小说|电影|影片|歌曲|作品|节目|剧|电视剧|纪录片|图书|专著|文件|法规|条例|规划|方案)$/.test(kind) &&
    [...text.matchAll(/《([^》]{1,20})》/g)].some((m) => !question.includes(m[1]!));
  return titled || kindNamed(kind, text).some((before) => ![...before].every((ch) => question.includes(ch))) ? 0.15 : 0;
}

/** A figure: digits, or a Chinese numeral with a measure word (争创一个省级示范村, 两座). */
const CN_FIGURE =
  /[一二两三四五六七八九十百千万]+\s*(?:个|座|条|所|户|人|名|家|项|支|次|期|批|处|亩|元|万元|公里|种|类|位|款|台|辆|艘|架)/;
/** …where, in a report, a lone 一 is an article ("双降的一个重要原因"), no figure. */
const CN_FIGURE_STORY =
  /(?:(?<![上几数成])[二两三四五六七八九十百千万]|一(?=[一二两三四五六七八九十百千万]))[一二两三四五六七八九十百千万]*\s*(?:个|座|条|所|户|人|名|家|项|支|次|期|批|处|亩|元|万元|公里|种|类|位|款|台|辆|艘|架)/;
/** Dates and times, which answer 什么时候 but never 多少: "7月消费者价格指数", "2023-07-26 22:24". */
const DATES =
  /(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*[日号])?|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{1,2}\s*[日号](?!\s*[个元人户])|\d{1,2}:\d{2}(?::\d{2})?/g;
const withoutDates = (text: string) => text.replace(DATES, "");
/** In a report, what is written in digits but counts nothing: an edition (第31届), a clock time (22时许), a storm's number. */
const STORY_NON_FIGURES =
  /第\s*\d+\s*(?:届|号|期|批|次|轮|季|场)?|\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?许?|\d+\s*号(?:台风|线)/g;
const hasFigure = (text: string, story = false) =>
  HAS_DIGIT.test(story ? withoutDates(text).replace(STORY_NON_FIGURES, "") : withoutDates(text)) ||
  (story ? CN_FIGURE_STORY : CN_FIGURE).test(text);

/** A length of time (10个月, 三年, 72小时). */
const DURATION =
  /(\d+|[一二两三四五六七八九十半]+)\s*(个多?月|个?小时|天|日|周|年|分钟|个工作日)(时间|之内|内|以上|左右|的过渡期)?/;
/** A sentence that gives a reason or purpose. */
const REASON = /(因为|由于|为了|原因|鉴于|以便|旨在|之所以|是因|导致|出于|考虑到|受.{1,12}影响|威胁|应对|担心|担忧)/;
/** A sentence that says where a thing stands. */
const SITE = /(位于|设在|设于|设置在|坐落|地址|地点|落户|选址|总部在|[路街巷道]\d+号|\d+号楼)/;

/** Words of one event, any of which says it happened (发布 is said by 公布, 落网 by 抓获). */
const EVENT_VERBS: string[][] = [
  ["发布", "公布", "印发", "出台", "推出", "发出", "宣布", "公开", "披露", "发表", "颁布", "出炉"],
  ["开幕", "举办", "举行", "召开", "启幕", "揭幕", "开展", "开启", "拉开帷幕"],
  ["上映", "公映", "定档", "上线", "首映"],
  ["出生", "生于", "出世"],
  ["首飞", "发射", "升空", "起飞"],
  ["启动", "开始", "启用", "开启", "开通", "开工", "开建", "动工"],
  ["完成", "完工", "建成", "竣工", "结束", "落成", "收官", "盖起来", "盖好", "建起来", "修建", "兴建", "始建", "建于"],
  ["落网", "抓获", "被抓", "抓捕", "归案", "被捕", "拘留", "逮捕", "控制"],
  ["去世", "逝世", "离世", "病逝", "身亡", "死亡", "遇难"],
  ["签署", "签订", "签约", "签下"],
  ["成立", "组建", "设立", "创立", "创办", "挂牌"],
  ["上市", "挂牌", "登陆", "IPO"],
  ["通车", "开通", "通航", "运营", "运行"],
  ["实施", "施行", "生效", "执行", "起施行"],
  ["发生", "出现", "爆发"],
  ["退休", "卸任", "离任", "辞职", "离职", "辞去"],
  ["接任", "接替", "继任", "接棒", "接掌"],
  ["停止", "终止", "暂停", "叫停", "取消"],
  ["登陆", "抵达", "到达", "到访", "访问"],
  ["开放", "对外开放", "开园", "迎客", "开门迎客", "与游客见面", "亮相"],
];

/** Words that say who won. */
const WIN = ["获胜", "胜出", "取胜", "夺冠", "战胜", "击败", "赢得", "赢下", "卫冕", "胜利", "冠军", "捧杯"];

/** Auxiliary and light verbs that name no event (是, 在, 有, 会, 要). */
const LIGHT_VERB =
  /^(是|在|有|会|要|能|将|把|被|让|使|说|到|于|来|去|做|搞|进行|开展|计划|预计|打算|准备|需要|应该|可以|定|定在|算)$/;

/**
 * The event a 什么时候/哪天/在哪里 question asks the time or place of, with the words that say it:
 * the verb after the asked word in its clause ("哪一天正式对外发布的" → 发布), else the one before
 * ("试运行开始于哪一天" → 开始); null when the question has none.
 */
export function askedEvent(question: string): string[] | null {
  // (谁赢了: a win is said in words of two characters or more; 在哪儿抓的 an arrest)
  if (/(谁|哪[个位方队])(?:最后|最终)?(?:赢|胜)/.test(question)) return WIN;
  if (
    /(哪[儿里]|什么地方|哪天|什么时候|何时)[^，。？?]{0,3}(?:被)?(?:抓|逮)|(?:抓|逮)[^，。？?]{0,4}(哪[儿里]|什么地方|哪天|什么时候)/.test(
      question,
    )
  )
    return EVENT_VERBS.find((g) => g.includes("落网"))!;
  const m =
    /(什么时候|什么时间|何时|哪一?天|哪一?年|几月几[日号]|几号|哪个?月|哪里|哪儿|何地|什么地方|哪个地方|是谁|谁|哪位)/.exec(
      question,
    );
  if (!m) return null;
  const clause = (s: string) => s.split(/[，,。？?！!；;]/);
  const after = clause(question.slice(m.index + m[0].length))[0] ?? "";
  const before = clause(question.slice(0, m.index)).pop() ?? "";
  const verbs = (s: string) =>
    eventVerbs(s)
      .map((w) => w.replace(/[了过着于]$/, ""))
      .filter((w) => w.length >= 2);
  // (从哪一年开始选拔: the event is what begins)
  const next = verbs(after);
  const verb = (next[0] === "开始" ? next[1] : undefined) ?? next[0] ?? verbs(before).pop();
  if (!verb) return null;
  const group = EVENT_VERBS.find((g) => g.includes(verb));
  return group ? [verb, ...group] : [verb];
}

/** The last verb of a question's own clause (提交 of "…还要提交暂住地居住证明吗"), the thing a 吗 asks. */
function lastVerbAsked(question: string): string | null {
  const own =
    question
      .replace(/[？?。！!\s]+$/, "")
      .split(/[，,；;]/)
      .pop() ?? question;
  return eventVerbs(own).pop() ?? null;
}

/** The verbs of a text that name an event (two characters or more, no light verb), in order. */
function eventVerbs(text: string): string[] {
  return taggedWords(text)
    .filter(({ word, tag }) => /^v/.test(tag) && word.length >= 2 && !LIGHT_VERB.test(word))
    .map(({ word }) => word);
}

/** Where a question asks for a name (…的前夫叫什么名字, …真名): what comes before it says whose. */
const NAME_ASKED = /(?:的)?(?:叫什么|叫啥|什么名字|啥名字|名字|全名|真名)/;

/**
 * The role a 叫什么名字 asks the name of ("艾琳的前夫叫什么名字" → 前夫, "应对的台风叫什么名字" → 台风), or null
 * where it is a person of any kind (那个女子, 年轻人): those the story may name without the word.
 */
export function namedRole(question: string): string | null {
  const at = question.search(NAME_ASKED);
  if (at <= 0) return null;
  // (the last word before it, after its last 的: 艾琳·帕特森的前夫 → 前夫, 载人登月火箭 → 火箭)
  const before =
    question
      .slice(0, at)
      .split(/[，,的]/)
      .pop() ?? "";
  // (a kin of someone named before, 她爷爷, is a role: a name of another in the story is no answer)
  const kin = KIN.exec(before)?.[1];
  if (kin) return kin;
  // (a person already named, “炼丹师阿翔”, 方恩格, is asked for another name of theirs: no role)
  const tagged = taggedWords(before);
  if (/[”"」]$/.test(before.trim()) || tagged.some(({ tag }) => /^nr/.test(tag))) return null;
  // (the phrase's head, its last word: 设备 of 海底地震勘探设备, never a noun inside it)
  const head = tagged.at(-1);
  const role = head && /^(n|vn)/.test(head.tag) ? head.word : "";
  if (role.length < 2) return null;
  if (/(?:人|者|子|孩|哥|姐|妹|弟|爷|奶|士|生|员|工|友|主|手|方|家|孩子|公司|企业|单位|机构|店|号|名)$/.test(role))
    return null;
  return role;
}

/** Someone's kin, said after whose: 她爷爷, 他的儿子, 其父亲. */
const KIN =
  /(?:她|他|其|的)(爷爷|奶奶|外公|外婆|姥爷|姥姥|祖父|祖母|父亲|母亲|爸爸|妈妈|儿子|女儿|丈夫|妻子|老公|老婆|哥哥|姐姐|弟弟|妹妹|孙子|孙女)$/;

/** Ends of a business's name (a 公司叫什么名字 answer): 某某科技有限公司, 某某集团. */
const BODY_WORD = "(?:有限公司|公司|集团|银行|控股|传媒|科技|品牌)";
const BODY_END = new RegExp(`${BODY_WORD}$`);

/**
 * Whose name 叫什么名字 asks, where the question says: a person's (那个年轻人, 真名, 姓名) or a business's (那家公司,
 * 哪个牌子); null where it names something else (a rocket, a typhoon) or nothing.
 */
function nameKind(question: string): "person" | "body" | null {
  if (/(真名|本名|姓名|全名)/.test(question)) return "person";
  const at = question.search(NAME_ASKED);
  const before = at > 0 ? question.slice(0, at) : question;
  if (/(公司|企业|集团|品牌|牌子|商家|厂家)$/.test(before)) return "body";
  if (
    /(人|者|士|孩|孩子|小伙|姑娘|男子|女子|老人|哥|姐|妹|弟|爷|奶|妻|夫|丈夫|妻子|父亲|母亲|儿子|女儿|员|警|师|长)$/.test(
      before,
    )
  )
    return "person";
  return null;
}

/** Whether a sentence gives a name right by the role asked (前夫唐·帕特森, 台风“卡努”, 火箭长征十号). */
function namesRole(sentence: string, roles: string[]): boolean {
  // (…or names it before it: 一家名为雲上休闲山居的民宿)
  if (roles.some((role) => new RegExp(`(?:名为|名叫|叫做|称为|命名为)[^，。；]{2,16}?的?${role}`).test(sentence)))
    return true;
  const words = taggedWords(sentence);
  return words.some(({ word }, k) => {
    if (!roles.some((role) => word.endsWith(role))) return false;
    const near = [...words.slice(Math.max(0, k - 2), k), ...words.slice(k + 1, k + 3)];
    const after = sentence.slice(sentence.indexOf(word) + word.length, sentence.indexOf(word) + word.length + 2);
    return /^[“"《]/.test(after) || near.some((w) => /^(nr|nrfg|nrt|nz|eng|x)$/.test(w.tag) || /·/.test(w.word));
  });
}

/** A clause saying where a reader heard a thing: "常州动漫艺术周上说，", "据新闻报道，", "专家表示，". */
const ATTRIBUTION = /^[^，,？?。]{2,24}?(?:上|会上|中|里)?(?:说|表示|提到|介绍|称|讲|透露|报道)[，,]/;

/**
 * A word the corpus never has, said with one character wrong by its sound (坐椅 of 座椅, 石腊 of 石蜡, 黄璧庄 of
 * 黄壁庄): the word the evidence has, where the two characters sound alike and it is the only such one; a word of two
 * characters must be one jieba knows (温网 is no 电网: a name the corpus lacks stays missing).
 */
function misspelt(term: string, evidence: string): string | null {
  if (term.length < 2 || term.length > 4 || !/^[\u4e00-\u9fff]+$/.test(term)) return null;
  const sound = (ch: string) => pinyin(ch, { toneType: "none" });
  const found = new Set<string>();
  for (let i = 0; i < term.length; i++) {
    const pattern = new RegExp(`${term.slice(0, i)}([\\u4e00-\\u9fff])${term.slice(i + 1)}`, "g");
    for (const m of evidence.matchAll(pattern))
      if (
        m[1] !== term[i] &&
        sound(m[1]!) === sound(term[i]!) &&
        // (two characters may be anything: a word jieba knows; three or four that sound alike, one character off, are
        // the report's name, 黄璧庄 of 黄壁庄)
        (term.length > 2 || (isDictionaryWord(m[0]) && !/^nr/.test(taggedWords(m[0])[0]?.tag ?? "")))
      )
        found.add(m[0]);
  }
  return found.size === 1 ? [...found][0]! : null;
}

/**
 * The months a text tells: 7月, and every month of a span (1至6月, 1—8月).
 * @example [...monthsTold("1至3月，及7月26日")] // [1, 2, 3, 7]
 */
export function monthsTold(text: string): Set<number> {
  const told = new Set<number>();
  for (const m of text.matchAll(/(?:(\d{1,2})\s*(?:至|到|-|—|－|~|～)\s*)?(\d{1,2})\s*月/g)) {
    const to = Number(m[2]);
    const from = m[1] ? Number(m[1]) : to;
    for (let k = Math.min(from, to); k <= to && k <= 12; k++) if (k >= 1) told.add(k);
  }
  return told;
}

/** "美国参议院" said as 美国 … 参议院: a country or province, then a name of three characters or more, both in the text. */
function scenePlusName(term: string, text: string): boolean {
  const scene = BROAD_PLACE_START.exec(term)?.[0];
  const rest = scene ? term.slice(scene.length) : "";
  return !!scene && rest.length >= 3 && text.includes(scene) && text.includes(rest);
}

/** Countries and provinces: the scene a reader sets, where a report names the city or the event. */
const BROAD_PLACES = `中国|我国|美国|日本|韩国|英国|法国|德国|俄罗斯|印度|澳大利亚|澳洲|加拿大|意大利|西班牙|巴西|泰国|越南|台湾|香港|澳门|北京|上海|天津|重庆|${PROVINCES}`;
const BROAD_PLACE = new RegExp(`^(?:${BROAD_PLACES})[省市]?$`);
const BROAD_PLACE_IN = new RegExp(BROAD_PLACES, "g");
const BROAD_PLACE_START = new RegExp(`^(?:${BROAD_PLACES})`);

/** Country names (a report says 我国 for 中国). */
const COUNTRY =
  /^(中国|我国|美国|日本|韩国|朝鲜|英国|法国|德国|俄罗斯|俄国|印度|澳大利亚|澳洲|加拿大|意大利|西班牙|巴西|新加坡|泰国|越南|柬埔寨|菲律宾|马来西亚|印度尼西亚|印尼|乌克兰|以色列|伊朗|土耳其|墨西哥|阿根廷|南非|埃及|新西兰|荷兰|瑞士|瑞典|挪威|芬兰|波兰|希腊|葡萄牙|沙特|巴基斯坦|阿富汗|缅甸|老挝|蒙古)$/;

/** Units a 多少/几 question can name, with what evidence must say for it. */
const ASKED_UNITS: Array<[RegExp, RegExp]> = [
  [/^(亩|公顷)$/, /(亩|公顷)/],
  [/^(公里|千米|米)$/, /(公里|千米|米)/],
  // (…or a sum said in 万 or 亿 alone, 耗资8亿的酒店)
  [
    /^(元|块|块钱|钱|万元|亿元)$/,
    /(?:(?:港|美|欧|日|韩|澳|加|新台)?元|块|英镑|卢布|法郎|美金|(?<=[万亿])(?=[的，。；、\s]|$))/,
  ],
  [/^(人|名|个人)$/, /(人|名)/],
  [/^(户|家)$/, /(户|家)/],
  [/^(头|只)$/, /(头|只|支)/],
  [/^(吨|斤|千克|公斤|克)$/, /(吨|斤|千克|公斤|克)/],
  [/^(个百分点|百分点)$/, /个?百分点/],
  [/^倍$/, /倍/],
  [/^排$/, /排/],
  [/^(岁|周岁)$/, /岁/],
  // (boats, buildings and machines in the measure word a reader swaps: 几条船 of 2艘船只, 几栋 of 2幢)
  [/^(条|艘)$/, /(条|艘)/],
  [/^(栋|幢|座)$/, /(栋|幢|座)/],
  [/^位$/, /(位|名|人)/],
  // (a temperature in degrees is said in ℃; days to wait, in working days)
  [/^度$/, /((?:摄氏|华氏)?度|℃|℉)/],
  [/^天$/, /(天|个?工作日)/],
  // (a score in points, 339.54分: no clock time, 9时55分, and no 分钟)
  [/^分$/, /(?<![时:：]\s*\d{1,2})分(?![钟之])/],
  [
    /^(所|盏|张|台|辆|间|口|块|棵|株|处|次|场|期|支|天|小时|分钟|秒|份|架|枚|例|尾|颗|篇|件|套|箱|趟|层|首|双|度|起|宗|批|轮|届|部|集|本|组|队)$/,
    /./,
  ],
];

/**
 * "中国有多少家公司上榜": a figure with the question's measure word and the thing it counts
 * ("142家公司"), not a figure of something else in a sentence with the same words ("39家新上榜…").
 */
function askedCountedThing(question: string): RegExp | null {
  const m = /(?:多少|几)\s*([个家名位户所座条项次只辆台件起])/.exec(question);
  if (!m) return null;
  // (the head of the nouns after it: 多少个国家物流枢纽 counts 枢纽, and 25个国家骨干冷链物流基地 counts none)
  const run: string[] = [];
  for (const { word, tag } of taggedWords(question.slice(m.index + m[0].length))) {
    if (!/^n/.test(tag) || run.length === 4) break;
    run.push(word);
  }
  const thing = run.at(-1) ?? "";
  if (!/^[\u4e00-\u9fff]{2,4}$/.test(thing)) return null;
  const between = run.slice(0, -1).join("").length;
  return new RegExp(`\\d\\s*(?:余|多)?\\s*${m[1]}[\\u4e00-\\u9fff“”]{0,${between}}?${thing}`);
}

/** The editions a text names (第四届, 第3期, 第二批): which one of a recurring event it is. */
export function ordinalsNamed(text: string): Array<{ n: number; unit: string }> {
  return [...text.matchAll(/第\s*([零〇一二两三四五六七八九十百\d]{1,5})\s*(届|期|批|季)(?![度])/g)]
    .map((m) => ({ n: chineseNumber(m[1]!), unit: m[2]! }))
    .filter((o) => Number.isFinite(o.n));
}

/** Measure words a count question may ask in, longest first where one begins another. */
const ASKABLE_UNITS =
  "个百分点|百分点|倍|亩|公顷|平方公里|公里|千米|海里|光年|千瓦时|千瓦|兆瓦|毫米|厘米|平方米|立方米|米|块钱|元|块|万元|亿元|钱|人|名|户|家|头|只|吨|斤|千克|公斤|克|座|栋|幢|条|所|盏|张|台|辆|间|口|棵|株|处|次|场|期|支|天|小时|分钟|分(?![之钟])|秒|份|艘|架|枚|例|岁|周岁|尾|颗|篇|件|套|箱|趟|层|首|双|位|年|度|起|宗|批|轮|届|部|集|本|组|队";
const UNIT_ASKED = new RegExp(`(?:多少|几)\\s*(${ASKABLE_UNITS})`);
const UNIT_ASKED_SPOKEN = new RegExp(`好多\\s*(${ASKABLE_UNITS})`);
/** Sizes a question asks with no measure word of its own, and the figures that answer them. */
const DIMENSIONS: Array<[RegExp, RegExp]> = [
  [
    /(多高|多长(?!时间)|多宽|多深|多远|全长|总长|长度|高度|宽度|深度)/,
    /(?:\d|[一二两三四五六七八九十百千万])\s*(?:余|多)?\s*(?:万|千)?\s*(?:公里|千米|米|厘米|毫米)/,
  ],
  [/(多重|多沉|重量)/, /(?:\d|[一二两三四五六七八九十百千万])\s*(?:余|多)?\s*(?:万|千)?\s*(?:吨|公斤|千克|斤|克)/],
  [/几成/, /\d\s*(?:\.\d+)?\s*[%％]|[一二三四五六七八九十]成/],
  // (a memory or a disk's 多大: bytes)
  [/(?:内存|存储|容量|硬盘|显存|闪存|运存)[^，。？?]{0,8}多大/, /\d\s*(?:GB|TB|MB|G|T)\b/i],
  // (a rate or a share asked with a bare 多少, 国际化率达到了多少: a percentage)
  [
    /(?:率|占比|比例|比重)[^，。？?]{0,4}?(?:是|为|有|达到?|到|约)?了?(?:多少|几)(?![个倍])/,
    /\d\s*(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九十]成/,
  ],
  // (a person's 多大, 被撞伤的小孩多大, 多大年纪: an age)
  [
    /(?:人|孩|娃|子|女|男|者|犯|生|员|他|她|儿|老|岁数|年纪|年龄)[^，。？?]{0,3}?多大(?![的面规])|多大(?:年纪|岁数)|年龄多大/,
    /\d\s*(?:多|余)?\s*(?:周)?岁|[一二两三四五六七八九十]+\s*(?:多)?\s*岁/,
  ],
];

/** 多少 before people counted as people: 多少市民, 几名游客, 多少志愿者. */
const PEOPLE_ASKED =
  /(?:多少|几|好多)\s*[\u4e00-\u9fff]{0,2}?(?:市民|游客|群众|居民|村民|观众|学生|人员|患者|病人|员工|职工|工人|农民工?|老人|儿童|孩子|乘客|旅客|选手|运动员|队员|志愿者|党员|干部|网友|市民和|游客和)/;

/** The unit a count question asks in ("多少亩" → 亩), as what the evidence must contain; null when none. */
export function askedUnit(question: string): RegExp | null {
  // (好多 asks how many only where no 多少 or 几 does: 好多人收到 is many people)
  const m = UNIT_ASKED.exec(question) ?? UNIT_ASKED_SPOKEN.exec(question);
  // (多少市民和游客 counts people, in 人, 名, 位 or 人次: 7岁的儿子 is no such figure)
  if (!m && PEOPLE_ASKED.test(question))
    return /(?:\d|[一二两三四五六七八九十百千万])\s*(?:余|多)?\s*(?:万|亿|千)?\s*(?:余|多)?\s*(?:人|名|位)/;
  // (多高, 全长多少, 多重, 几成: a length, a weight or a share, in whatever unit the report says it)
  // (…not 上座率有多高 or 房价有多高, which ask a rate or a price)
  if (!m)
    return (
      DIMENSIONS.find(
        ([asked]) =>
          asked.test(question) && !/(率|比例|比重|价|温|水平|指数|收入|工资|分数)[^，。？?]{0,3}多高/.test(question),
      )?.[1] ?? null
    );
  const unit = m[1]!;
  // 几块金牌 counts medals, not money: 4金, 3枚金牌
  const after = question.slice(m.index + m[0].length);
  if (unit === "块" && /^[金银铜奖]牌/.test(after))
    return /(?:\d|[一二两三四五六七八九十])\s*(?:枚|块|个)?\s*[金银铜奖]/;
  // (多少年 asks a length in years, 47年, never a date's 2023年)
  if (unit === "年")
    return /(?<![\d.])\d{1,3}\s*(?:多|余)?\s*年(?![\d度])|[一二两三四五六七八九十几]+\s*(?:多|余)?\s*年/;
  const known = ASKED_UNITS.find(([asked]) => asked.test(unit));
  // the unit after a figure ("6个村" has no 人 even if "项目名称" has a 名); a measure word with no
  // alternatives must stand there itself (几座桥 → 座)
  const units = known && known[1].source !== "." ? known[1].source : `(${unit})`;
  return new RegExp(
    `(?:\\d|[一二两三四五六七八九十百千万])\\s*(?:余|多)?\\s*(?:万|亿|千)?\\s*(?:余|多|以上)?\\s*${units}`,
  );
}

/** What a table row is about: its 名称/项目 cell ("项目名称：桃源小学运动场改造"), else its first cell. */
function rowName(row: string): string {
  const cells = row.split(/[；;]/).map((c) => c.split(/[：:]/));
  const named = cells.find(([k]) => /(名称|项目|事项|内容)/.test(k ?? "") && !/(序号|编号)/.test(k ?? ""));
  return ((named ?? cells.find(([k]) => !/(序号|编号)/.test(k ?? "")) ?? cells[0])?.slice(1).join("：") || row)
    .trim()
    .slice(0, 40);
}

/** Grades and ranks a question names ("三级残疾人", "2档"), as patterns matching either way of writing them. */
export function gradesNamed(question: string): RegExp[] {
  const out: RegExp[] = [];
  for (const m of question.matchAll(
    /(?<![\d一二两三四五六七八九十百千万])([一二三四五六七八九十]|\d{1,2})\s*(级|档|类|星级)/g,
  )) {
    // (地市一级, 省一级, 县一级 say at which level, no grade)
    if (m[1] === "一" && m[2] === "级" && /[省市县区乡镇村州地]$/.test(question.slice(0, m.index))) continue;
    const n = /\d/.test(m[1]!) ? Number(m[1]) : "一二三四五六七八九十".indexOf(m[1]!) + 1;
    const cn = "一二三四五六七八九十"[n - 1] ?? "";
    out.push(new RegExp(`(?<![\\d一二三四五六七八九十])(?:${n}|${cn})\\s*${m[2]}`));
  }
  return out;
}

/** An age the question states ("我妈85岁", "76周岁"), or null. */
export function askedAge(question: string): number | null {
  const m = /(\d{1,3})\s*(?:周岁|岁)|(?:已经|今年|都)?(\d{2,3})了/.exec(question);
  const n = m ? Number(m[1] ?? m[2]) : NaN;
  return n >= 1 && n <= 120 ? n : null;
}

/**
 * How well a sentence's age bands fit an asked age: "80-89周岁…每月50元" fits 85 (+0.25), "90周岁以上"
 * does not (−0.25); sentences without bands are neither.
 */
export function ageFit(age: number | null, text: string): number {
  if (age === null) return 0;
  let fit = 0;
  for (const m of text.matchAll(/(\d{2,3})\s*(?:周?岁)?\s*(?:-|—|–|~|～|至|到)\s*(\d{2,3})\s*周?岁/g)) {
    if (age >= Number(m[1]) && age <= Number(m[2])) return 0.25;
    fit = -0.25;
  }
  for (const m of text.matchAll(/(\d{2,3})\s*周?岁\s*(?:及|以)?(以上|以下)/g)) {
    const n = Number(m[1]);
    if (m[2] === "以上" ? age >= n : age <= n) return 0.25;
    fit = -0.25;
  }
  return fit;
}

/** Clip a long sentence to the clauses around its best-matching one. */
export function clip(
  sentence: string,
  terms: Term[],
  type: QuestionType,
  max: number,
  asked: (part: string) => number = () => 0,
): string {
  if (sentence.length <= max) return sentence;
  const parts = sentence.split(/(?<=[，；：,;:])/);
  let best = 0;
  let bestScore = -1;
  parts.forEach((p, i) => {
    const s =
      coverage(terms, p) +
      asked(p) +
      (type === "count" && NUMBER_WITH_UNIT.test(p) ? 0.3 : 0) +
      (type === "when" && DATE_LIKE.test(p) ? 0.3 : 0) +
      (type === "where" && SITE.test(p) ? 0.3 : 0);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  let lo = best;
  let hi = best;
  let len = parts[best]!.length;
  while (len < max * 0.6) {
    const left = lo > 0 ? parts[lo - 1]!.length : Infinity;
    const right = hi < parts.length - 1 ? parts[hi + 1]!.length : Infinity;
    if (left === Infinity && right === Infinity) break;
    if (left <= right && len + left <= max) {
      lo--;
      len += left;
    } else if (right !== Infinity && len + right <= max) {
      hi++;
      len += right;
    } else break;
  }
  // 哪些: an enumeration next to the chosen clause is the answer itself ("与北京、天津、河北等省市…，针对6省市启动…")
  const enumerates = (i: number) => (parts[i]?.match(/、/g)?.length ?? 0) >= 2;
  if (type === "list") {
    if (lo > 0 && enumerates(lo - 1) && len + parts[lo - 1]!.length <= max * 1.3) len += parts[--lo]!.length;
    if (hi < parts.length - 1 && enumerates(hi + 1) && len + parts[hi + 1]!.length <= max * 1.3)
      len += parts[++hi]!.length;
  }
  // (a bracket or quotation opened in the kept clauses is closed before the cut: "以“金球”（2…" would hide the score)
  const open = (t: string) =>
    (t.match(/[（(]/g)?.length ?? 0) > (t.match(/[）)]/g)?.length ?? 0) ||
    (t.match(/“/g)?.length ?? 0) > (t.match(/”/g)?.length ?? 0);
  while (hi < parts.length - 1 && open(parts.slice(lo, hi + 1).join("")) && len + parts[hi + 1]!.length <= max * 1.5)
    len += parts[++hi]!.length;
  let out = parts.slice(lo, hi + 1).join("");
  if (lo > 0) out = `…${out}`;
  if (hi < parts.length - 1) out = `${out.replace(/[，；：,;:]$/, "")}…`;
  return out;
}

/** "标题 · 一、… > （一）…" */
export function sourceLabel(c: Citation): string {
  return c.sectionPath ? `${c.title} · ${c.sectionPath}` : c.title;
}

/** The answer text with its source list, as channels show it. */
export function formatWithSources(answer: string, citations: Citation[]): string {
  if (!citations.length) return answer;
  return `${answer}\n\n来源：\n${citations.map((c) => `[${c.n}] ${sourceLabel(c)}`).join("\n")}`;
}

/** Where a resident can ask what the documents do not say. */
export const OFFICE = DEFAULT_ANSWER_OPTIONS.office;

const MAX_LISTED_TOWNSHIPS = 12;

/** Up to MAX_LISTED_TOWNSHIPS names sharing the most characters with `asked` (ties: list order). */
function closestNames(names: string[], asked: string): string[] {
  const chars = new Set(townshipStem(asked));
  const shared = (n: string) => [...townshipStem(n)].filter((c) => chars.has(c)).length;
  return names
    .map((n, i) => ({ n, i, s: shared(n) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, MAX_LISTED_TOWNSHIPS)
    .map((x) => x.n);
}

export function refusalText(
  reason: RefusalReason,
  detail: {
    topic?: string;
    township?: string | null;
    years?: number[];
    known?: SourceDoc[];
    noun?: string;
    office?: string;
  },
): string {
  const noun = detail.noun ?? DEFAULT_ANSWER_OPTIONS.corpusNoun;
  const office = detail.office ?? OFFICE;
  switch (reason) {
    case "unknown-township": {
      const all = [...new Set((detail.known ?? []).map((d) => d.township).filter((t): t is string => !!t))];
      // a county lists them all; a province (thousands) lists the names closest to the one asked
      const names =
        all.length <= MAX_LISTED_TOWNSHIPS
          ? all.join("、")
          : `${closestNames(all, detail.township ?? "").join("、")}等${all.length}个乡镇`;
      return `现有${noun}中没有${detail.township}的资料${names ? `（目前收录的乡镇：${names}，另有未署镇名的文件）` : ""}，无法回答。${office}`;
    }
    case "uncovered-year": {
      // the years of the township asked about, when it has documents (else of all documents)
      const own = (detail.known ?? []).filter((d) => d.township === detail.township);
      const ys = [...new Set((own.length ? own : (detail.known ?? [])).flatMap((d) => d.years))].sort();
      return `现有${noun}中没有${detail.township ?? ""}${detail.years?.join("、")}年的相关内容${ys.length ? `（文件覆盖的年份：${ys.join("、")}）` : ""}。${office}`;
    }
    default:
      return `现有${noun}中没有找到${detail.topic ? `关于“${detail.topic}”的` : "能回答这个问题的"}明确内容。${office}`;
  }
}

/**
 * Extractive answer: the sentences of the retrieved passages that best cover the question's topic
 * words (and fit its type: a number for 多少, a date for 什么时候, the items for 哪些), copied as
 * they stand, each followed by its citation marker. Refuses when no sentence covers enough of the
 * question, and says so when the plans mention the topic but not the number asked for.
 */
export function composeAnswer(
  question: string,
  read: QuestionScope,
  passages: Passage[],
  stats: TermStats,
  options: AnswerOptions = DEFAULT_ANSWER_OPTIONS,
): ComposedAnswer {
  // (in a library of events, a question that ends on 好多 and what it counts asks how many: 一共转移了好多群众？)
  const scope: QuestionScope =
    options.eventLibrary && read.type === "what" && SPOKEN_COUNT.test(question) ? { ...read, type: "count" } : read;
  let terms = questionTerms(question, scope, stats, options.eventLibrary);
  // "常州动漫艺术周上说，到2014年底…有多少？": who said it is where the reader heard it, not what is asked;
  // in a library of events, its words need not stand in the answer (the report may name the occasion elsewhere)
  const heard = options.eventLibrary ? ATTRIBUTION.exec(question) : null;
  if (heard) {
    const rest = question.slice(heard[0].length);
    const kept = terms.filter((t) => rest.includes(t.term) || !heard[0].includes(t.term));
    if (kept.length >= 2) terms = kept;
  }
  const topic = terms
    .filter((t) => t.term.length > 1 && !/^(申请|办理|领取|报名|手续|发放|标准|金额|数量)$/.test(t.term))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((t) => t.term)
    .join("、");
  const refuse = (
    reason: RefusalReason,
    answer = refusalText(reason, { topic, noun: options.corpusNoun, office: options.office }),
  ): ComposedAnswer => ({ answer, refused: true, reason, citations: [] });
  if (!passages.length || !terms.length) return refuse("no-evidence");
  if (options.eventLibrary && unspecific(terms, scope, stats)) {
    return refuse(
      "unspecific",
      `这个问题没有说明是哪件事（哪个活动、哪个单位或哪个地方），现有${options.corpusNoun}中相关的内容不止一处，请补充后再问。`,
    );
  }

  const all: Candidate[] = [];
  const age = askedAge(question);
  const countedThing = scope.type === "count" ? askedCountedThing(question) : null;
  const thingBonus = (text: string) => (countedThing?.test(text) ? 0.1 : 0);
  // 什么时间段/期间: a span from one date to another answers it, a single date less so
  const spanAsked = scope.type === "when" && /(时间段|时段|期间|多长时间|起止)/.test(question);
  const spanBonus = (text: string) => (spanAsked && DATE_SPAN.test(text) ? 0.15 : 0);
  // 多长时间/多久: a length of time answers it (预留10个月时间), a date less so; 为什么: a sentence giving a reason;
  // 设在哪里: one that says where a thing stands (位于, 设在, an address)
  const lengthAsked = /(多久|多长时间|多长的时间|多少天|几天|几个月|多少个月|几年|多少年)/.test(question);
  const whyAsked = /(为什么|为何|为啥|什么原因|啥原因|因为什么|出于什么)/.test(question);
  // 吗/有没有/是否: a sentence that says the very thing asked (its verbs), so yes or no can be said from it
  const yesNoAsked =
    options.eventLibrary && /(吗|是否|是不是|会不会|能不能|能否|有没有|可不可以)[？?]?$|是否|有没有/.test(question);
  const verdictOf = yesNoAsked ? yesNoReader(question) : null;
  // 打啥电话/热线是多少: a sentence that gives a number to call (请拨打95110海警热线)
  const phoneAsked = PHONE_ASKED.test(question);
  const shapeBonus = (text: string) =>
    (phoneAsked && PHONE_SAID.test(text) ? 0.35 : 0) +
    (verdictOf && verdictOf(text) !== null ? 0.25 : 0) +
    (lengthAsked && DURATION.test(text) ? 0.15 : 0) +
    (whyAsked && REASON.test(text) ? 0.15 : 0) +
    (scope.type === "where" ? siteFit(text) : 0);
  // (…where what follows is not a place the question gives: 位于上海中心城区的南京西路街道 locates the street asked about)
  const siteFit = (text: string) => {
    const m = SITE.exec(text);
    if (!m) return 0;
    const rest = text.slice(m.index + m[0].length).split(/[，。；;]/)[0] ?? "";
    return terms.some((t) => t.place && rest.includes(t.term)) ? 0 : 0.15;
  };
  // (in a library of events a report's lead names who and where for its later passages, where it was retrieved too:
  // 商务部发言人沈丹阳 of a later quote of his)
  const considered = passages.slice(0, options.passagesConsidered);
  // (read once a passage: every sentence of it, and every rescoring, asks)
  const leads = new Map<Passage, string>();
  const storyLead = (p: Passage) => {
    let said = leads.get(p);
    if (said === undefined) {
      const lead =
        options.eventLibrary && p.chunk.ord !== 0
          ? considered.find((o) => o.chunk.docId === p.chunk.docId && o.chunk.ord === 0)
          : undefined;
      const first = lead ? sentenceRanges(lead.chunk.text)[0] : undefined;
      said = first ? lead!.chunk.text.slice(...first).slice(0, 120) : "";
      leads.set(p, said);
    }
    return said;
  };
  for (const p of considered) {
    const ctx = p.chunk.sectionPath.join(" ");
    const sentences: Array<[number, number]> = p.chunk.isRow
      ? [[0, p.chunk.text.length]]
      : sentenceRanges(p.chunk.text);
    const top = passages[0]!.score || 1;
    const headingLines = new Set(p.chunk.sectionPath.map((h) => strip(h)));
    const aliases = aliasesOf(p.chunk.text);
    const stripped = strip(p.chunk.text);
    sentences.forEach(([s, e], at) => {
      const text = p.chunk.text.slice(s, e);
      // a bare heading line is in the source label already; a one-sentence item ("（二）…每亩98元。") is content
      if (!/[。！？；!?;]$/.test(text) && headingLines.has(strip(text))) return;
      // (a report's credit line, （责任编辑：…）, or a site's notice about itself says nothing of its story)
      if (CREDIT_LINE.test(text.trim()) || SITE_NOTICE.test(text)) return;
      // "不过，这个数值低于预期…" speaks of the figure of the sentence before
      // (…and, in a report, the figures of "这座纪念碑高7米" are of the 纪念碑 the sentence before names)
      const before = at > 0 ? p.chunk.text.slice(...sentences[at - 1]!) : "";
      const back =
        at > 0 && (REFERS_BACK.test(text) || (options.eventLibrary && scope.type === "count" && thatOne(text, before)))
          ? ` ${before}`
          : "";
      const said = withAliases(text + back, aliases);
      const cov = coverage(terms, said, ctx, p.chunk.text, storyLead(p));
      const near = slotNearPredicate(scope.type, text, terms, stripped);
      all.push({
        passage: p,
        sentences,
        at,
        text,
        said,
        coverage: cov,
        score:
          cov +
          0.15 * (p.score / top) +
          (lengthAsked ? 0 : typeBonus(scope.type, text)) +
          ageFit(age, text) +
          near +
          thingBonus(text) +
          spanBonus(text) +
          shapeBonus(text),
      });
    });
  }
  // a question the text asks (a 政策解读's "APP需要何时完成备案？", a 问：…答：… list) is never the answer to one
  // (a short one: a run of text without stops that happens to end in one is no question)
  const asked = (c: Candidate) => /[？?]$/.test(c.text) && c.text.length <= 40;
  for (const c of all) if (asked(c)) c.score -= 1;
  // 哪一天公布 in a library of events: a sentence that says the event asked about (公布, or 发布) comes before the
  // time of another one (the day of the vote); a reader's own verb (推出 of a song dated 2006年的) is no veto
  const event =
    options.eventLibrary && (scope.type === "when" || scope.type === "where" || askedSlot(question) === "who")
      ? askedEvent(question)
      : null;
  // …and where the event is one a report says in known words (出生, 首飞, 上映, 落网, 接任), a sentence that says none
  // of them, nor its sentence before, does not tell its time, place or person: a near miss of the story is refused
  const sentenceBefore = (c: Candidate) => (c.at > 0 ? c.passage.chunk.text.slice(...c.sentences[c.at - 1]!) : "");
  const eventNear = (c: Candidate) => {
    const before = sentenceBefore(c);
    return !!event && event.some((v) => c.said.includes(v) || before.includes(v));
  };
  // (…and the thing the event is of, the noun the question says right by its verb (临时股东大会 of 召开的临时股东大会), is
  // said by the sentence or the one before: a 记者会 held on the 7th is no date of the meeting asked)
  const eventVerb = event?.find((v) => question.includes(v));
  const eventThing = (() => {
    if (!eventVerb || !event || event.length < 2) return undefined;
    const at = question.indexOf(eventVerb);
    // (right by it: at most the 的 and a word between, 召开的临时股东大会, 大会开幕)
    const gap = (t: Term) => {
      const from = question.indexOf(t.term);
      return from < at ? at - (from + t.term.length) : from - (at + eventVerb.length);
    };
    return terms
      .filter(
        (t) => t.focus && !t.place && t.term.length >= 2 && question.includes(t.term) && gap(t) >= 0 && gap(t) <= 3,
      )
      .sort((x, y) => gap(x) - gap(y))[0];
  })();
  const thingNear = (c: Candidate) => {
    if (!eventThing) return true;
    return termCoverage(eventThing, strip(`${sentenceBefore(c)}${c.said}`)) >= 0.6;
  };
  const eventSaid = (c: Candidate) => {
    if (!event || event.length < 2) return true;
    if (!thingNear(c)) return false;
    if (eventNear(c) || event.some((v) => c.passage.chunk.title.includes(v))) return true;
    // (a thing dated by its year, "2006年的大陆网络神曲《求佛》", says when it came out whatever the verb)
    return [...c.text.matchAll(/(?:19|20)\d{2}\s*年的([^，。；;]{0,16})/g)].some((m) =>
      terms.some((t) => t.term.length >= 2 && !t.kind && m[1]!.includes(t.term)),
    );
  };
  for (const c of all) if (eventNear(c)) c.score += 0.1;
  // 转移了多少群众 in a library of events: the sentence where that act runs on to a figure says how many (共转移1652名),
  // not one about the same rescue that counts something else
  const countVerb = options.eventLibrary && scope.type === "count" ? askedCountVerb(question) : null;
  if (countVerb) {
    const acted = new RegExp(`${countVerb}[^，。；;]{0,10}\\d`);
    for (const c of all) if (acted.test(c.text)) c.score += 0.15;
  }
  // who/which place/which rank: the sentences that carry an answer of that shape, one the question does not already give
  const slot = askedSlot(question);
  // each sentence tagged once for the slot (it ranks the best, and a library of events requires it)
  const slotFits = new Map<Candidate, number>();
  const fitOf = (c: Candidate) => {
    let f = slotFits.get(c);
    if (f === undefined) slotFits.set(c, (f = slot ? slotFit(slot, c.text, question) : 0));
    return f;
  };
  if (slot) {
    all.sort((a, b) => b.score - a.score);
    for (const c of all.slice(0, SLOT_CANDIDATES)) c.score += fitOf(c);
  } else {
    // 哪个会议/什么方案/哪些堤防: a sentence that names one of that kind the question does not name
    const kind = terms.find((t) => t.kind)?.term;
    if (kind) {
      all.sort((a, b) => b.score - a.score);
      for (const c of all.slice(0, SLOT_CANDIDATES)) c.score += kindFit(kind, c.text, question);
    }
  }
  all.sort((a, b) => b.score - a.score || a.passage.rank - b.passage.rank || a.at - b.at);

  // the thing asked about (花生, 桥, 生猪) must be what the evidence speaks of: a number about
  // another thing is the worst answer there is
  let focus = terms.filter((t) => t.focus);
  const retrieved = strip(
    considered.map((p) => `${p.chunk.title} ${p.chunk.sectionPath.join(" ")} ${p.chunk.text}`).join(" "),
  );
  /** Coverage again, after the question's terms changed; what the sentence earned otherwise (its shape, its slot) stays. */
  const rescore = () => {
    for (const c of all) {
      const p = c.passage;
      const was = c.coverage;
      c.coverage = coverage(terms, c.said, p.chunk.sectionPath.join(" "), p.chunk.text, storyLead(p));
      c.score += c.coverage - was;
    }
    all.sort((a, b) => b.score - a.score || a.passage.rank - b.passage.rank || a.at - b.at);
  };
  // a day or a span of months the question names that the evidence repeats (截至8月7日7时, 1到7月) tells apart the
  // reports of one story, each of its own day: in a library of events it weighs as the question's rarest word there
  const days = options.eventLibrary
    ? terms.filter(
        (t) =>
          /^\d{1,2}(?:-\d{1,2})?月(?:\d{1,2}日)?$/.test(t.term) &&
          /[-日]/.test(t.term) &&
          termCoverage(t, retrieved) >= 0.6,
      )
    : [];
  if (days.length) {
    const top = Math.max(...terms.map((t) => t.weight));
    for (const t of days) t.weight = top;
    rescore();
  }
  let absent = focus.filter((t) => (t.unseen || t.named || t.place) && termCoverage(t, retrieved) < 0.6);
  /** Leave words out of the question's terms (speech, a reader's own word for the scene). */
  const dropTerms = (gone: Term[]) => {
    terms = terms.filter((t) => !gone.includes(t));
    focus = focus.filter((t) => !gone.includes(t));
  };
  /** Read a question's word as the evidence's word for it, keeping the question's own. */
  const readAs = (t: Term, term: string, also: Partial<Term> = {}) =>
    Object.assign(t, { asked: t.asked ?? t.term, term, guessed: false, ...also });
  // (two characters jieba joined across words, 混车 of 插混车, 老藏 of 老藏茶: one at least is said in the evidence,
  // and the question's rarest other words stand there too, two of them at least)
  const rarest = Math.max(0, ...terms.filter((t) => !t.guessed).map((t) => t.weight));
  const cutPiece = (w: string) => {
    const said = [...w].filter((ch) => retrieved.includes(ch)).length;
    // (…where only one is said, the other words must be rare in the library itself, not only in the question)
    const bar = said === w.length ? 0.5 * rarest : Math.max(0.5 * rarest, 0.75 * stats.maxIdf);
    return (
      said > 0 &&
      terms.filter((o) => o.term !== w && o.term.length >= 2 && o.weight >= bar && retrieved.includes(o.term)).length >=
        2
    );
  };
  // (…or a verb and the measure word of the noun after it, 买件 of 买件衬衫: 买一件衬衫)
  const measuresNext = (w: string) =>
    /^[\u4e00-\u9fff][件个只张条本双台辆套份杯瓶碗]$/.test(w) &&
    terms.some((o) => o.term !== w && o.term.length >= 2 && question.includes(w + o.term));
  if (options.eventLibrary && absent.some((t) => t.guessed)) {
    // a word nobody knows that the evidence does not say either is speech cut across words (高雄分 of 高雄分到,
    // 比涨 of 比…涨了): the part of it the evidence says is the word; two characters are no word
    for (const t of absent.filter((x) => x.guessed)) {
      // (有多重, 有多厚 ask how heavy, how thick: no word of the thing)
      if (/^有多[\u4e00-\u9fff]$/.test(t.term)) {
        dropTerms([t]);
        continue;
      }
      // (a name reads on from its surname: only its start may be what the evidence says)
      const parts = personLike(t.term) ? [t.term.slice(0, -1)] : [t.term.slice(0, -1), t.term.slice(1)];
      const part = parts.find((p) => p.length >= 2 && retrieved.includes(p));
      // (…or a reader's short form of the evidence's words: 研报 of 研究报告)
      const long =
        (t.term.length === 2 || t.term.length === 3) && !personLike(t.term)
          ? abbreviates(t.term).exec(retrieved)?.[0]
          : undefined;
      if (part) readAs(t, part);
      else if (long) readAs(t, long, { named: false });
      else if (
        t.term.length <= 2 &&
        !personLike(t.term) &&
        (SPEECH_EDGE.test(t.term) || cutPiece(t.term) || measuresNext(t.term))
      )
        dropTerms([t]);
    }
    absent = focus.filter((t) => (t.unseen || t.named || t.place) && termCoverage(t, retrieved) < 0.6);
    rescore();
  }
  if (options.eventLibrary && absent.length) {
    const before = absent.length;
    for (const t of absent.filter((x) => x.unseen && (!x.place || x.term.length > 2))) {
      const typo = misspelt(t.term, retrieved);
      if (typo) readAs(t, typo, { unseen: false });
    }
    // (…and a common word of three characters said with another middle one, 起步价 of 起售价, or with a 的 after its
    // head, 小儿子 of 最小的儿子)
    for (const t of absent.filter(
      (x) => !x.named && !x.place && x.term.length === 3 && termCoverage(x, retrieved) < 0.6,
    )) {
      const [a, b, c] = [...t.term] as [string, string, string];
      const like = new Set(
        [
          ...[...retrieved.matchAll(new RegExp(`${a}([\\u4e00-\\u9fff])${c}`, "g"))].filter((m) => m[1] !== b),
          ...retrieved.matchAll(new RegExp(`${a}的${b}${c}`, "g")),
        ].map((m) => m[0]),
      );
      if (like.size === 1) readAs(t, [...like][0]!, { unseen: false });
    }
    absent = absent.filter((t) => termCoverage(t, retrieved) < 0.6);
    if (absent.length !== before) rescore();
  }
  const nearest = all[0];
  // a country or province a reader sets the scene with (美国 of 加州“洛奇大火”, 上海 of 徐汇区), where the sentence
  // names what the question names and its passage names no other
  const sceneOnly = (t: Term, c: Candidate) =>
    BROAD_PLACE.test(t.term) &&
    terms.some((o) => o !== t && (o.named || o.place) && o.term.length > 1 && strip(c.said).includes(o.term)) &&
    [...c.passage.chunk.text.matchAll(BROAD_PLACE_IN)].every((m) => t.term.startsWith(m[0]));
  const nearNote = (lead: string): ComposedAnswer =>
    nearest && nearest.coverage >= options.minCoverage * 0.6
      ? {
          answer: `${lead}相近的内容是：“${clip(nearest.text, terms, scope.type, 90)}”[1]。${options.office}`,
          refused: true,
          reason: "detail-missing",
          citations: [toCitation(nearest.passage, 1)],
        }
      : refuse("no-evidence", `${lead}${options.office}`);
  // the thing a count question counts: the word after 多少/几 and its measure word; in a library of events, with the
  // nouns that run on from it (多少条公民个人信息: 公民 or 个人信息 may say it, 个人信息 being what is counted)
  const countedRun = (ts: Term[]): Term[] => {
    const first = ts.find((t) => new RegExp(`(多少|几|\\d)[^，。？?\\s]{0,2}${t.term}`).test(question));
    if (!first) return [];
    if (!options.eventLibrary) return [first];
    const nouns = new Set(
      taggedWords(question)
        .filter(({ tag }) => /^n/.test(tag))
        .map(({ word }) => word),
    );
    const run = [first];
    let at = question.indexOf(first.term) + first.term.length;
    for (;;) {
      const next = ts.find((o) => !run.includes(o) && nouns.has(o.term) && question.startsWith(o.term, at));
      if (!next) return run;
      run.push(next);
      at += next.term.length;
    }
  };
  // a thing no retrieved passage names: when it is what the question is mostly about (花生 in
  // "花生种了多少亩"), refuse; when the rest of the question is specific ("桃源小学的操场"), it is
  // likely a resident's own word for something the evidence names otherwise, and is left out
  // (a common word of the clause that only sets the scene, 官司 of "那个学信网写成结业的官司，张倩要学校赔她多少钱", is a
  // reader's own where another word of that clause stands in the evidence; the clause that asks is never excused)
  const clauses = question.split(/[，,；;。？?！!、\s]+/).filter(Boolean);
  const inSceneOnly = (t: Term) => {
    const w = t.asked ?? t.term;
    return clauses.some((c) => c.includes(w)) && clauses.every((c) => !c.includes(w) || !ASKING.test(c));
  };
  if (options.eventLibrary && absent.length) {
    const sceneWord = (t: Term) =>
      !t.named &&
      !t.place &&
      inSceneOnly(t) &&
      clauses.some(
        (c) =>
          c.includes(t.term) &&
          terms.some(
            (o) =>
              o !== t && !absent.includes(o) && o.term.length >= 2 && c.includes(o.term) && retrieved.includes(o.term),
          ),
      );
    // (…and a reader's nickname for a model said right before its code, 陆巡LC70, is the model's where the code stands
    // in the evidence)
    const said = question.toLowerCase().replace(/\s+/g, "");
    const codes = terms.filter(
      (o) =>
        /[a-z]+\d|\d[a-z]/i.test(o.term) &&
        !absent.includes(o) &&
        retrieved.toLowerCase().includes(o.term.toLowerCase()),
    );
    const nickname = (t: Term) =>
      !!t.guessed && t.term.length === 2 && codes.some((o) => said.includes(`${t.term}${o.term.toLowerCase()}`));
    const excused = absent.filter((t) => sceneWord(t) || nickname(t));
    if (excused.length) {
      dropTerms(excused);
      absent = absent.filter((t) => !excused.includes(t));
      rescore();
    }
  }
  if (absent.length) {
    const weight = (ts: Term[]) => ts.reduce((a, t) => a + t.weight, 0);
    // …and only when something else the question names stands in that evidence word for word
    const anchored =
      !!nearest && terms.some((t) => !absent.includes(t) && t.term.length > 1 && strip(nearest.text).includes(t.term));
    // (a count is never of something else: "几座桥" with no bridge in the passages is refused)
    // (…in a library of events, only when it is the thing counted that is missing: 外援 of "力帆外援费尔南多的身价")
    const countedHere = scope.type === "count" ? countedRun(focus) : [];
    const countVeto =
      scope.type === "count" &&
      (!options.eventLibrary ||
        !countedHere.length ||
        (absent.includes(countedHere[0]!) && absent.includes(countedHere[countedHere.length - 1]!)));
    // (…and a place said more broadly than the evidence says it, 沈阳 of 沈阳浑南区, is no veto where the narrower one is there)
    const placeSaid = (t: Term) =>
      options.eventLibrary &&
      !t.named &&
      (terms.some((o) => o !== t && o.place && !absent.includes(o) && termCoverage(o, retrieved) >= 0.6) ||
        (!!nearest && sceneOnly(t, nearest)));
    // (…a count whose thing is not named, 投了多少钱, is no count of something else for a scene's place alone)
    if (
      !anchored ||
      (countVeto && !absent.every((t) => t.place && placeSaid(t))) ||
      weight(absent) >= 0.35 * weight(terms) ||
      absent.some((t) => t.named || (t.place && !placeSaid(t)))
    )
      return nearNote(`现有文件没有提到“${absent.map((t) => t.term).join("、")}”。`);
    terms = terms.filter((t) => !absent.includes(t));
    focus = focus.filter((t) => !absent.includes(t));
    rescore();
  }
  // a number must stand in a sentence (or under a heading) about the thing; other answers may lean on the passage
  // (what a question asks for a fact of — a number, a date, a place — must be said of the thing
  // itself; an open question may be answered by a passage that speaks of it)
  const exact = scope.type === "count" || scope.type === "when" || scope.type === "where";
  // in "多少块警示牌" the thing counted is 警示牌: only it (and any place named) must stand in the
  // sentence itself; who the question is for (娃娃) may be said by the passage around it
  const run = scope.type === "count" ? countedRun(focus) : [];
  // (…and the measure asked, the noun right before 是多少/有多少: 总营收 of "港交所上半年总营收是多少钱")
  const measure =
    options.eventLibrary && scope.type === "count"
      ? focus.find(
          (t) =>
            !t.named &&
            t.term.length >= 2 &&
            new RegExp(`${t.term}(?:一共|总共|共|大概|大约|约|到底)?(?:是|有|为|达到?)?(?:多少|几)`).test(question),
        )
      : undefined;
  const measuredHere = (c: Candidate) =>
    !!measure && new RegExp(`${measure.term}[^，。；;]{0,6}\\d`).test(c.said.replace(/\s+/g, ""));
  const counted = run[0];
  const strict = counted ? focus.filter((t) => t === counted || t.place || t.named) : focus;
  // (…in a library of events, the noun a count runs on to may say it, right after a figure: 140余万条个人信息 of
  // 多少条公民个人信息; 能量盈余 is no figure of 多少兆焦耳能量)
  const head = run.length > 1 ? run[run.length - 1]! : undefined;
  const countedByHead = (c: Candidate) => !!head && new RegExp(`\\d[^，。；;\\s\\d]{0,3}${head.term}`).test(c.said);
  // a name is said in the passage an answer stands on (its title or headings), whatever is asked
  // …and of the places it names, one at least ("台湾举行的军事演习" is not answered by a passage about Sakhalin;
  // "天津市武清区邵七堤" is by one that says 天津邵七堤站)
  const named = focus.filter((t) => t.named);
  const places = terms.filter((t) => t.place && !t.named);
  // (in a library of events a report is one story: what its other retrieved passages say, its own passage says)
  // (each passage's text with its story's, read once a question: every candidate sentence of it asks)
  const passageTexts = new Map<Passage, string>();
  const passageText = (p: Passage) => {
    let text = passageTexts.get(p);
    if (text === undefined) {
      const story = options.eventLibrary
        ? considered
            .filter((o) => o !== p && o.chunk.docId === p.chunk.docId)
            .map((o) => o.chunk.text)
            .join(" ")
        : "";
      text = strip(`${p.chunk.title} ${p.chunk.sectionPath.join(" ")} ${p.chunk.text} ${story}`);
      passageTexts.set(p, text);
    }
    return text;
  };
  const inPassage = (t: Term, c: Candidate) => {
    const text = passageText(c.passage);
    return (
      termCoverage(t, text) >= 0.6 ||
      (t.place && t.term.length >= 3 && text.includes(t.term.replace(/[省市区县州]$/, "")))
    );
  };
  const namedIn = (c: Candidate) => [...named, ...places].some((n) => termCoverage(n, strip(c.said)) >= 0.6);
  // (…half its characters, its first among them: 总比分 is 总分, but 男生 is never 女生)
  // (…but the measure asked, 租金 of "租金是多少钱", is said by the sentence or not at all)
  const soft = (t: Term, c: Candidate) =>
    (c.said.includes(t.term[0]!) && [...t.term].filter((ch) => c.said.includes(ch)).length * 2 >= t.term.length) ||
    (t !== counted && t !== measure && namedIn(c));
  // (a country is no broader name of another place: 访日的中国游客 is not said by a report of 韩国游客 to 日本)
  const narrower = (t: Term, c: Candidate) =>
    !COUNTRY.test(t.term) &&
    places.some((o) => o !== t && termCoverage(o, strip(`${c.passage.chunk.title} ${c.passage.chunk.text}`)) >= 0.6);
  const unspoken = (c: Candidate) =>
    !exact
      ? [
          ...named.filter((t) => !inPassage(t, c)),
          ...(places.length && !places.some((t) => inPassage(t, c) || (options.eventLibrary && sceneOnly(t, c)))
            ? places.slice(0, 1)
            : []),
        ]
      : strict.filter((t) => {
          if (t === counted && countedByHead(c)) return false;
          // (in a library of events a reader says things in words of their own, 总比分 of 总分, 医护人员 of 医护力量,
          // and sets the scene around a name the sentence does say, 外援 of 费尔南多: so said, a word need not stand)
          if (options.eventLibrary && !t.named && !t.place && soft(t, c)) return false;
          // (…and a sentence that gives the very measure asked, with its figure, is about what its passage names)
          if (t !== measure && !t.named && measuredHere(c) && strip(c.passage.chunk.text).includes(t.term))
            return false;
          // (…and a place said more broadly than the report says it, 沈阳 of 浑南区, where the report says the other)
          if (options.eventLibrary && t.place && !t.named && narrower(t, c)) return false;
          // (…and a country or province set as the scene)
          if (options.eventLibrary && t.place && sceneOnly(t, c)) return false;
          const ch = c.passage.chunk;
          // (…and what only sets the scene, in a clause that asks nothing, is said by the passage around the answer)
          if (options.eventLibrary && t !== counted && t !== measure && inSceneOnly(t) && inPassage(t, c)) return false;
          const own = Math.max(
            termCoverage(t, strip(c.said)),
            termCoverage(t, strip(`${ch.title} ${ch.sectionPath.join(" ")}`)),
          );
          // a report's sentences say its subject without naming it again ("该项目…预计2025年12月主体施工完成"):
          // what the report repeats is said by each of them
          if (own < 0.6 && !ch.kinds.some(isPlanKind) && repeatedIn(t, strip(ch.text))) return false;
          // (a count's setting, in a library of events, may be said anywhere in the passage: 浑南区 of its 队员)
          return (
            own < 0.6 &&
            // (…and so may the body that did what is counted: 湖北市场监管局 of 各地各部门清理…4278份)
            ((scope.type === "count" &&
              !t.named &&
              !(options.eventLibrary && (t.place || (t.term.length >= 3 && ORG_END.test(t.term))))) ||
              termCoverage(t, strip(ch.text)) < 0.6)
          );
        });
  // a number for the year asked, in the unit asked: "2026年度…交多少钱" is not answered by 2025年度's
  // amount, "多少亩" not by a count of cases
  const unit = scope.type === "count" ? askedUnit(question) : null;
  const grain =
    options.eventLibrary && scope.type === "when"
      ? /(哪一年|哪年|哪个年份|什么年份|几几年)/.test(question)
        ? /(?<!\d)[12]\d{3}\s*年/
        : /(哪一天|哪天|几号|几月几日|几月几号|什么日子|哪个日子)/.test(question)
          ? /\d{1,2}\s*[日号]|[今明昨当]天|当日/
          : // (几点 asks a time of day: 18时, 9时55分, 20:00)
            new RegExp(CLOCK_ASKED).test(question)
            ? /\d{1,2}\s*[时点]|\d{1,2}:\d{2}/
            : null
      : null;
  const grades = gradesNamed(question);
  const casualty =
    options.eventLibrary && scope.type === "count"
      ? (CASUALTIES.find(([asked]) => asked.test(question))?.[1] ?? null)
      : null;
  const baseYears = scope.years.filter((y) =>
    new RegExp(`(?:比|较)\\s*${y}\\s*年|(?:跟|和|与|同)[^，。？?]{0,8}${y}\\s*年[^，。？?]{0,4}(?:相?比|对比)`).test(
      question,
    ),
  );
  const casualtyAsked = /(?:死|亡|遇难|丧生|罹难|伤|失踪|失联|下落不明|遇害)/.test(question);
  const peopleAsked = options.eventLibrary && scope.type === "count" && /(?:多少|几)\s*(?:个)?(?:人|名)/.test(question);
  // (多少个/几个 in a library of events counts single things: a figure in a measure word of them, not 80种药品)
  // (…or the thing itself right after the figure: 等10部门)
  // (…where the count is what is asked, not 几个体验是靠啥模型跑的)
  const pieces = options.eventLibrary && scope.type === "count" && !unit ? PIECES_ASKED.exec(question) : null;
  const piece = pieces && !/[啥谁哪]|什么/.test(question.slice(pieces.index)) ? pieces[1]! : null;
  const piecesAsked = piece
    ? new RegExp(`${PIECES.source}|(?:\\d|[一二两三四五六七八九十百千万])\\s*(?:余|多)?\\s*${piece[0]}`)
    : null;
  const fits = (c: Candidate) => {
    if (piecesAsked && !piecesAsked.test(c.text.replace(LONE_ONE, ""))) return false;
    // (…a count of the dead is answered by a sentence of deaths, not of the injured: 死了几个人 is no 60人受伤)
    if (casualty && !casualty.test(c.text)) return false;
    // (…and a count of people that asks no casualty, 车上坐了多少人, is not answered by the dead or hurt alone)
    if (peopleAsked && !casualtyAsked && casualtiesOnly(c.text)) return false;
    // (in a report, 一名男子 is an article, no count of men)
    if (unit && !unit.test(options.eventLibrary ? c.text.replace(LONE_ONE, "") : c.text)) return false;
    // (…and a sentence that dates itself to other years only, 2015年 for the 2016年 ceremony asked, is of another
    // occasion, whatever is asked)
    if (options.eventLibrary && scope.years.length && scope.type !== "count") {
      const told = [...withoutDateline(c.text).matchAll(YEAR_RE)].map((m) => Number(m[1]));
      if (told.length && !told.some((y) => scope.years.includes(y))) return false;
    }
    // 哪一年/哪天 in a library of events: the sentence must tell a date that fine, not only the report's own stamp
    if (grain && !grain.test(withoutDateline(c.text))) return false;
    // a grade the question names ("三级残疾人") must be the sentence's: 一级 and 二级 do not answer it
    if (grades.some((g) => !g.test(c.text))) return false;
    if (scope.type !== "count" || !scope.years.length) return true;
    // a year the figure is compared against ("跟2019年比涨了多少") is said as one: 比2019年增长31.7%
    if (baseYears.length)
      return baseYears.every((y) => new RegExp(`(?:比|较|与|同比|相比)[^，。；]{0,6}${y}`).test(c.text));
    // the years a sentence states before its first figure are what the figure is about
    const firstFigure = c.text.search(/\d+(?!\d*\s*年)|[一二两三四五六七八九十百千万]+[个座条所户人亩元]/);
    const lead = [...c.text.slice(0, firstFigure < 0 ? undefined : firstFigure).matchAll(YEAR_RE)].map((m) =>
      Number(m[1]),
    );
    if (lead.length) return lead.some((y) => scope.years.includes(y));
    // a chunk about another year (one that only mentions the year asked) answers only where the sentence names it
    // (a news report's own years are dates in the story: only a plan's years scope its figures)
    if (!c.passage.chunk.kinds.some(isPlanKind)) return true;
    return (
      c.passage.chunk.years.some((y) => scope.years.includes(y)) || scope.years.some((y) => c.text.includes(`${y}`))
    );
  };
  // a year the question states is a date in a report's story: a report that never says it is about another year
  const reportYear = (c: Candidate) =>
    !scope.years.length ||
    c.passage.chunk.kinds.some(isPlanKind) ||
    scope.years.some(
      (y) =>
        c.passage.chunk.text.includes(`${y}`) ||
        c.passage.chunk.title.includes(`${y}`) ||
        c.passage.chunk.years.includes(y),
    );
  // 谁/哪个国家 in a library of events: a sentence that names no person, body or place does not answer it
  // (什么地方 may be answered by a kind of place, 农村集市, as well as by a name)
  const anyPlace = slot === "place" && /(什么|哪个|啥)地方/.test(question);
  // (…and 前夫叫什么名字 by one that speaks of the 前夫: a name of another in the story is no answer)
  // (…and 代表团的团长是谁 by a passage that speaks of the 团长 at all: one of the story's other people is no answer)
  // (…and 总部设在哪个城市 by one that speaks of the 总部: where else the story's company works is no answer)
  const whereAt =
    slot === "place" ? /(?:设在|位于|坐落(?:在|于)?|建在)[^，,。？?]{0,6}?(?:哪|什么地方)/.exec(question) : null;
  const whoIs = slot === "who" && /是谁[？?]?$/.test(question);
  // (…for these the passage must say the role at all; for a name, only a passage that says it must name it)
  const roleRequired = whoIs || !!whereAt;
  const role =
    slot === "name"
      ? namedRole(question)
      : whereAt
        ? (namedRole(`${question.slice(0, whereAt.index)}叫什么`)?.slice(-2) ?? null)
        : whoIs
          ? namedRole(question.replace(/是谁([？?]?)$/, "叫什么$1"))
          : null;
  // (the role in the report's word as well as the reader's: 装备 of 设备; read once a question, not once a sentence)
  const roleWords = role ? [role, ...synonymsOf(role).filter((w) => w.length >= 2)] : [];
  const slotted = (c: Candidate) =>
    !options.eventLibrary ||
    (slot !== "who" && slot !== "place" && slot !== "name" && slot !== "numbered") ||
    anyPlace ||
    (fitOf(c) > 0 &&
      (!role ||
        (roleRequired
          ? roleWords.some((w) => passageText(c.passage).includes(w))
          : !roleWords.some((w) => passageText(c.passage).includes(w))) ||
        namesRole(c.text, roleWords)));
  // a month the question names (8月的客座率), in a library of events: a report of other months only (its 7月 data)
  // does not answer it; one that names no month may (a day, 8月8日开奖前, may be the report's own, said as 8日)
  const askedMonths = options.eventLibrary
    ? [...question.replace(/\d{4}\s*年/g, "").matchAll(/(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])/g)].map((m) =>
        Number(m[1]),
      )
    : [];
  // 第四届 in a library of events: a report of the 第五届 (and of no 第四届) is of another edition
  const editions = options.eventLibrary ? ordinalsNamed(question) : [];
  const editionFits = (c: Candidate) => {
    if (!editions.length) return true;
    const told = ordinalsNamed(`${c.passage.chunk.title} ${c.passage.chunk.text}`);
    return editions.every(
      (e) => !told.some((o) => o.unit === e.unit) || told.some((o) => o.unit === e.unit && o.n === e.n),
    );
  };
  const monthFits = (c: Candidate) => {
    if (!askedMonths.length || scope.type !== "count") return true;
    const told = monthsTold(withoutDateline(`${c.passage.chunk.title} ${c.passage.chunk.text}`));
    return !told.size || askedMonths.every((m) => told.has(m));
  };
  // 第三季度净利润多少 in a library of events: a sentence of another quarter (or half) of the year, or one in a report
  // of only others, is no answer
  const askedQuarters = options.eventLibrary && scope.type === "count" ? quartersOf(question) : new Set<string>();
  // (…a sentence naming none is of the quarters its report names, 该季度 or not: read once a passage)
  const reportQuarters = new Map<Passage, Set<string>>();
  const quartersTold = (p: Passage) => {
    let told = reportQuarters.get(p);
    if (!told) reportQuarters.set(p, (told = quartersOf(`${p.chunk.title} ${withoutDateline(p.chunk.text)}`)));
    return told;
  };
  const quarterFits = (c: Candidate) => {
    if (!askedQuarters.size) return true;
    let told = quartersOf(c.text);
    if (!told.size) told = quartersTold(c.passage);
    return !told.size || [...told].some((q) => askedQuarters.has(q));
  };
  // 什么品牌/哪个牌子 in a library of events: a sentence that names no brand (its kind's word, a Latin name or a
  // quoted one the question does not give) does not answer it
  const brandAsked = options.eventLibrary && /(什么|哪个|哪家|啥)(品牌|牌子)/.test(question);
  const branded = (c: Candidate) =>
    !brandAsked ||
    kindFit("品牌", c.text, question) > 0 ||
    [...c.text.matchAll(/[A-Za-z][A-Za-z&\- ]{1,20}|[“《]([^”》]{2,10})[”》]/g)].some((m) => !question.includes(m[0]));
  // 哪家医院/哪家基金公司 in a library of events: a sentence that names no such body the question does not name
  const bodyKind = options.eventLibrary
    ? /(?:哪家|哪所|哪个)((?:基金|保险|证券|科技|投资)?(?:医院|学校|大学|公司|银行|酒店|餐厅|饭店|商场|超市|工厂)|律师事务所|事务所|研究所|研究院|报社)/.exec(
        question,
      )?.[1]
    : undefined;
  const bodyNamed = (c: Candidate) =>
    !bodyKind ||
    [...c.text.matchAll(new RegExp(`[\u4e00-\u9fffA-Za-z]{2,12}${bodyKind.slice(-2)}`, "g"))].some(
      (m) =>
        !question.includes(m[0]) &&
        !/^(?:这家|那家|一家|该|某|涉事|当地)/.test(m[0]) &&
        // (…"中山市一医院" is a hospital there, named by none)
        !/[一该某此本这那各]$/.test(m[0].slice(0, -2)),
    );
  // 判了什么刑/判了几年 in a library of events: only a sentence that tells a sentence passed answers it
  const sentencing =
    options.eventLibrary &&
    /判了?(?:什么|啥|几年|多少年|多久)|获刑(?:多少|几)|被判(?:了)?(?:什么|啥|几|多)/.test(question);
  const sentenced = (c: Candidate) =>
    !sentencing || /(判处|判决|宣判|获刑|被判|有期徒刑|拘役|缓刑|无期徒刑|死刑)/.test(c.text);
  // (a sentence that says the figure is not known, 具体数值未知, answers a count with none of its other figures)
  const unknownFigure = (c: Candidate) =>
    options.eventLibrary &&
    scope.type === "count" &&
    /(?:数值|数字|数据|金额|人数|结果)(?:尚)?(?:未知|不详|未公布|未披露)/.test(c.text);
  // a figure the question gives that the evidence repeats (建到60个观测站 of 建设60个观测站点): in a library of events,
  // a clause with another figure in the same unit (建设30个观测站点) speaks of another case
  const givenFigures = options.eventLibrary
    ? terms
        .map((t) => QUESTION_FIGURE.exec(t.term))
        .filter((m): m is RegExpExecArray => !!m && /^[个家名项次条座层批]$/.test(m[2]!) && retrieved.includes(m[0]))
        // (each with the pattern of a figure in its unit, built once, not once a sentence)
        .map((m) => ({ given: m[0], said: new RegExp(`(\\d+(?:\\.\\d+)?)${m[2]}`, "g") }))
    : [];
  // (…and a span of months the question names, 1到7月, that the evidence states: a count of it is said with it, not
  // with its last month alone)
  // (the days found above, the evidence repeating them)
  const span = days.find((t) => t.term.includes("-") && terms.includes(t));
  const spanFits = (c: Candidate) => !span || scope.type !== "count" || termCoverage(span, strip(c.text)) >= 0.6;
  // (…and a figure a report says is planned or hoped for, 计划将国防开支增加到…4%, is no answer to what it is 目前)
  const nowAsked =
    options.eventLibrary &&
    scope.type === "count" &&
    /(目前|现在|当前|眼下|如今)/.test(question) &&
    !/(计划|将|预计|目标|打算)/.test(question);
  const aheadOnly = (c: Candidate) =>
    nowAsked &&
    /(计划|将|预计|拟|力争|目标是|有望)[^，。；;]{0,16}\d/.test(c.text) &&
    !/(目前|现在|当前|已|截至)/.test(c.text);
  const otherCase = (c: Candidate) =>
    givenFigures.some(({ given, said }) => {
      const told = [...strip(c.text).matchAll(said)].map((m) => m[0]);
      return told.length > 0 && !told.includes(given);
    });
  const candidates = all.filter(
    (c) =>
      !unknownFigure(c) &&
      !otherCase(c) &&
      !aheadOnly(c) &&
      spanFits(c) &&
      !unspoken(c).length &&
      fits(c) &&
      reportYear(c) &&
      slotted(c) &&
      monthFits(c) &&
      quarterFits(c) &&
      eventSaid(c) &&
      editionFits(c) &&
      sentenced(c) &&
      branded(c) &&
      bodyNamed(c),
  );
  // the best-scored sentence that covers enough of the question (a bonus for its type never lifts one that does not)
  // (吗 in a library of events: the best sentence that says the very thing asked answers it, the scene being set
  // by the sentences around it, when it covers nearly enough of the question)
  const top = candidates[0];
  const verdictFirst =
    !!verdictOf && !!top && top.coverage >= options.minCoverage * 0.8 && verdictOf(top.text) !== null;
  const best = verdictFirst ? top : (candidates.find((c) => c.coverage >= options.minCoverage) ?? candidates[0]);
  if (!best || (!verdictFirst && best.coverage < options.minCoverage)) {
    if (nearest && nearest.coverage >= options.minCoverage && (focus.length || unit || scope.years.length)) {
      const missing = unspoken(nearest).map((t) => t.term);
      // (what was asked, said as asked: a number, a name, a time, or the thing itself)
      const asked =
        scope.type === "count"
          ? "这个数"
          : slot === "name"
            ? "这个名字"
            : scope.type === "when"
              ? "这个时间"
              : scope.type === "where"
                ? "这个地点"
                : "这一点";
      return nearNote(
        missing.length ? `现有文件没有写到“${missing.join("、")}”。` : `现有文件没有写明您问的${asked}。`,
      );
    }
    return refuse("no-evidence");
  }

  /** The plans mention the topic but not the detail asked: say what they do say, cited. */
  const mentionedOnly = (note: string, pointToOffice = true): ComposedAnswer => ({
    answer: `${note}原文是这样写的：“${clip(best.text, terms, scope.type, 90)}”[1]。${pointToOffice ? options.office : ""}`,
    refused: true,
    reason: "detail-missing",
    citations: [toCitation(best.passage, 1)],
  });
  const mentioned = `现有${options.corpusNoun}提到了${topic ? `“${topic}”` : "这方面的工作"}，`;

  let chosen = best;
  // "不过，这个数值低于预期…" is read with the sentence whose figure it speaks of
  const leadOf = (c: Candidate) =>
    REFERS_BACK.test(c.text)
      ? all.find((x) => x.passage.chunk.id === c.passage.chunk.id && x.at === c.at - 1)
      : undefined;
  // "总投资是多少万元": only a sentence that speaks of investment answers it
  const measures = scope.type === "count" ? QUANTITY_NOUNS.filter((q) => q.asked.test(question)) : [];
  const measured = (c: Candidate) => measures.every((m) => m.evidence.every((re) => re.test(c.text)));
  if (measures.length && !measured(best)) {
    // another sentence may answer, but only one about the same thing (not a looser match)
    const other = candidates.find(
      (c) =>
        c.coverage >= Math.max(options.minCoverage, best.coverage - 0.1) &&
        hasFigure(c.text, options.eventLibrary) &&
        measured(c),
    );
    if (!other)
      return mentionedOnly(
        `${mentioned}但没有写明您问的这个数（${question.match(measures[0]!.asked)?.[0] ?? "数额"}）。`,
      );
    chosen = other;
  }
  if (scope.type === "count" && (!hasFigure(chosen.text, options.eventLibrary) || REDACTED_NUMBER.test(chosen.text))) {
    const numeric = candidates.find(
      (c) =>
        c.coverage >= options.minCoverage &&
        hasFigure(c.text, options.eventLibrary) &&
        !REDACTED_NUMBER.test(c.text) &&
        measured(c),
    );
    if (!numeric) {
      return REDACTED_NUMBER.test(best.text)
        ? mentionedOnly("原文中相关数字已被隐去（以“*”表示），无法确认具体数值。", false)
        : mentionedOnly(`${mentioned}但没有写明具体数字。`);
    }
    chosen = numeric;
  }

  // 多少 with no township (or no year) named, and documents that disagree: one line per
  // township/year rather than one merged number
  if (scope.type === "count" && (!scope.township || !scope.years.length)) {
    const groups = new Map<string, Candidate>();
    for (const c of candidates) {
      if (
        c.coverage < options.minCoverage ||
        c.score < chosen.score * 0.8 ||
        !hasFigure(c.text, options.eventLibrary) ||
        REDACTED_NUMBER.test(c.text) ||
        !measured(c)
      )
        continue;
      const ch = c.passage.chunk;
      const key = `${ch.township ?? ch.docId}|${ch.years.join(",")}|${ch.kinds.join(",")}`;
      if (!groups.has(key)) groups.set(key, c);
    }
    const distinctPlaces = new Set([...groups.values()].map((c) => c.passage.chunk.township ?? c.passage.chunk.docId));
    const distinctYears = new Set([...groups.values()].map((c) => c.passage.chunk.years.join(",")));
    if (
      groups.size >= 2 &&
      ((!scope.township && distinctPlaces.size >= 2) || (!scope.years.length && distinctYears.size >= 2))
    ) {
      const citations: Citation[] = [];
      const lines = [...groups.values()].slice(0, 4).map((c) => {
        const ch = c.passage.chunk;
        citations.push(toCitation(c.passage, citations.length + 1));
        // (a report with no year of its own is labelled by its kind alone, not "（年新闻）")
        const label = `${ch.township ?? ch.title}（${ch.years.length ? `${ch.years.join("、")}年` : ""}${ch.kinds.join("/")}）`;
        const lead = leadOf(c);
        const said = `${lead ? clip(lead.text, terms, "count", 60) : ""}${clip(c.text, terms, "count", 90)}`;
        return `${label}：${said.replace(/[。；;]$/, "")}[${citations.length}]`;
      });
      return { answer: `不同文件的说法不同：\n${lines.join("\n")}`, refused: false, reason: null, citations };
    }
  }

  // 怎么申请/去哪办: plans state intentions, rarely procedures; without one, say so instead of
  // passing a plan sentence off as instructions
  if (scope.type === "how" && /(申请|办理|领取|报名|手续|材料|去哪)/.test(question)) {
    const procedural = candidates.find((c) => c.coverage >= options.minCoverage && PROCEDURE.test(c.text));
    if (!procedural) return mentionedOnly(`${mentioned}但没有写明申请或办理办法。`);
    chosen = procedural;
  }

  // 哪些 about a whole section ("存在哪些问题" answered by 二、存在的问题及不足 → 一是…四是…):
  // when the parent heading covers the question at least as well as the sentence, list the items
  // 哪些 answered by a table ("有哪些民生实事项目"): the rows of the table the passages hold, each cited
  if (scope.type === "list") {
    // rows of the table the chosen sentence introduces (same section), or of the chosen row's table
    const where = (c: Chunk) => `${c.docId}|${c.sectionPath.join(">")}`;
    const rows = passages
      .slice(0, options.passagesConsidered)
      .filter((p) => p.chunk.isRow && where(p.chunk) === where(chosen.passage.chunk))
      .map((p) => p.chunk);
    if (rows.length >= 2) {
      const citations: Citation[] = [];
      const lines = rows
        .sort((a, b) => a.ord - b.ord)
        .slice(0, 8)
        .map((r) => {
          citations.push(citationOf(r, citations.length + 1));
          return `${rowName(r.text)}[${citations.length}]`;
        });
      return { answer: `${lines.join("；")}。`, refused: false, reason: null, citations };
    }
  }
  if (scope.type === "list" && stats.siblingsOf) {
    const path = chosen.passage.chunk.sectionPath;
    const last = path[path.length - 1] ?? "";
    const parentCov = coverage(terms, path.slice(0, -1).join(" "));
    const siblings = ITEM_MARKER.test(last) ? stats.siblingsOf(chosen.passage.chunk) : [];
    const children = stats.childrenOf?.(chosen.passage.chunk) ?? [];
    const bySection =
      siblings.length >= 2 && parentCov >= options.minCoverage && parentCov >= coverage(terms, chosen.text) - 1e-9;
    const items = bySection ? siblings : children.length >= 2 ? children : [];
    if (items.length) {
      const citations: Citation[] = [];
      const cite = (chunk: Chunk) => {
        citations.push(citationOf(chunk, citations.length + 1));
        return citations.length;
      };
      let lead = "";
      if (bySection) {
        const parent = path[path.length - 2];
        if (parent) lead = `${parent.replace(/[。；;，,]$/, "")}：`;
      } else {
        lead = `${clip(chosen.text, terms, "list", 60).replace(/[。；;，,]$/, "")}[${cite(chosen.passage.chunk)}]：`;
      }
      const lines = items.slice(0, 8).map((c) => {
        const n = cite(c);
        const label = c.sectionPath[c.sectionPath.length - 1] ?? c.text;
        return `${clip(label, terms, "list", 48).replace(/[。；;，,]$/, "")}[${n}]`;
      });
      return { answer: `${lead}${lines.join("；")}。`, refused: false, reason: null, citations };
    }
  }

  // build the body: the chosen sentence, its short lead-in or follow-up, then further evidence by type
  const picks: Candidate[] = [chosen];
  const budget = scope.type === "count" || scope.type === "when" ? 140 : options.maxChars;
  const used = new Set([`${chosen.passage.chunk.id}:${chosen.at}`]);
  const textOf = (c: Candidate) => c.text;
  const total = () => picks.reduce((a, c) => a + Math.min(textOf(c).length, budget), 0);
  const sameChunkNext = (c: Candidate, offset: number) =>
    candidates.find((x) => x.passage.chunk.id === c.passage.chunk.id && x.at === c.at + offset && !asked(x));

  if (chosen.text.length < 24) {
    const next = sameChunkNext(chosen, 1);
    if (next && !used.has(`${next.passage.chunk.id}:${next.at}`)) {
      picks.push(next);
      used.add(`${next.passage.chunk.id}:${next.at}`);
    }
  }
  if (scope.type === "list") {
    for (let off = 1; total() < options.maxChars; off++) {
      const next = sameChunkNext(chosen, off);
      if (!next) break;
      const key = `${next.passage.chunk.id}:${next.at}`;
      if (used.has(key)) continue;
      if (total() + next.text.length > options.maxChars * 1.2) break;
      picks.push(next);
      used.add(key);
    }
  }
  if (scope.type !== "count" && scope.type !== "when") {
    for (const c of candidates.slice(1)) {
      if (total() >= options.maxChars * 0.8) break;
      const key = `${c.passage.chunk.id}:${c.at}`;
      if (used.has(key) || c.coverage < options.minCoverage || c.score < best.score * 0.85) continue;
      if (total() + Math.min(c.text.length, 120) > options.maxChars * 1.1) continue;
      picks.push(c);
      used.add(key);
    }
  }

  // number citations by first use; keep document order of sentences within one chunk
  const citations: Citation[] = [];
  const citeOf = (p: Passage) => {
    let c = citations.find((x) => x.docId === p.chunk.docId && x.text === p.chunk.text);
    if (!c) citations.push((c = toCitation(p, citations.length + 1)));
    return c.n;
  };
  const lead = leadOf(chosen);
  // (a sentence two reports both carry, word for word, is said once)
  const seen = new Set<string>();
  const ordered = [
    ...(lead && !used.has(`${lead.passage.chunk.id}:${lead.at}`) ? [lead] : []),
    picks[0]!,
    ...picks.slice(1).sort((a, b) => (a.passage.chunk.id === b.passage.chunk.id ? a.at - b.at : 0)),
  ].filter((c) => {
    const key = strip(c.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const perPick = Math.max(60, Math.floor(options.maxChars / ordered.length));
  // of a long sentence, the clause that carries what 谁/哪个国家/什么型号/哪个医疗队 asks is kept
  const kindAsked = terms.find((t) => t.kind)?.term;
  // (…and of a 吗 question, the clause that says the very thing asked: "无需再提交暂住地居住证明")
  const askedVerb = yesNoAsked ? lastVerbAsked(question) : null;
  // (…and of a count asked in a unit or of a thing, the clause with that figure: "…等9个方面措施" of a long lead)
  const partFit = (part: string) =>
    (askedVerb && part.includes(askedVerb) ? 0.5 : 0) +
    (unit?.test(part) || countedThing?.test(part) ? 1 : 0) +
    (slot && slot !== "rank"
      ? Math.max(0, 2 * slotFit(slot, part, question))
      : kindAsked
        ? 2 * kindFit(kindAsked, part, question)
        : 0);
  const body = ordered
    .map((c) => {
      const n = citeOf(c.passage);
      const limit = c.passage.chunk.isRow ? options.maxChars : ordered.length === 1 ? budget : perPick;
      return `${clip(c.text, terms, scope.type, limit, partFit).replace(/[。；;]$/, "")}[${n}]。`;
    })
    .join("");
  const redactionNote = /\*/.test(body) ? "（“*”为原文隐去的内容，无法确认。）" : "";
  // 吗/是否: yes or no first, where the sentence says the very thing asked (its verbs word for word)
  const verdict = yesNo(question, chosen.text);
  const sameChunk = ordered.every(
    (c) =>
      c.passage.chunk.docId === chosen.passage.chunk.docId &&
      c.passage.chunk.years.join() === chosen.passage.chunk.years.join(),
  );
  return {
    answer: (verdict ? `${verdict}。` : "") + body + redactionNote,
    refused: false,
    reason: null,
    citations,
    confidence: Number(chosen.coverage.toFixed(3)),
    ...(sameChunk ? { about: chosen.passage.chunk } : {}),
  };
}

/**
 * How well the best retrieved passage covers the question (0–1, weighted topic words found in it),
 * and the things the question asks about: what an optional model may answer from, and must speak of.
 */
export function evidenceStrength(
  question: string,
  scope: QuestionScope,
  passages: Passage[],
  stats: TermStats,
  options: AnswerOptions = DEFAULT_ANSWER_OPTIONS,
): { strength: number; focus: Array<{ term: string; alts: string[] }> } {
  const terms = questionTerms(question, scope, stats, options.eventLibrary);
  const strength = Math.max(
    0,
    ...passages
      .slice(0, options.passagesConsidered)
      .map((p) => coverage(terms, p.chunk.text, p.chunk.sectionPath.join(" "))),
  );
  return {
    strength,
    focus: terms.filter((t) => t.focus).map((t) => ({ term: t.term, alts: t.alts.filter((a) => a.length > 1) })),
  };
}

/** Citation number `n` for a chunk: its document, title, section path, full text and span. */
export function citationOf(chunk: Chunk, n: number): Citation {
  return {
    n,
    docId: chunk.docId,
    title: chunk.title,
    sectionPath: chunk.sectionPath.join(" > "),
    text: chunk.text,
    span: chunk.span,
  };
}

const toCitation = (p: Passage, n: number): Citation => citationOf(p.chunk, n);
