import { THESAURUS } from "../domain/lexicon.js";
import { type Chunk, type DocKind, listKey } from "../domain/types.js";
import { PLAN_WORDS, REVIEW_WORDS, withoutHeadingNumber } from "../domain/zh.js";
import { sentenceRanges } from "../ingest/chunk.js";
import type { Logger } from "../log.js";
import { taggedWords } from "../search/tokenize.js";
import { countedFields, placesOf, siteOpening, TOWN, withHeadingTopic } from "./fields.js";

/** A quantified target or reported result, with the span of the chunk text that states it. */
export interface Commitment {
  id: string;
  docId: string;
  title: string;
  township: string | null;
  year: number | null;
  kind: "plan" | "result";
  object: string;
  quantity: string;
  unit: string;
  qualifier: string | null;
  place: string | null;
  deadline: string | null;
  responsible: string | null;
  /** The sentence, as in the chunk. */
  sentence: string;
  chunkId: string;
  sectionPath: string[];
  /** [start, end) of the number and its unit inside the chunk text. */
  span: [number, number];
}

/** Units a commitment is counted in, longest first so 万元 wins over 元. */
const UNITS = [
  "万余元",
  "万多元",
  "亿余元",
  // ("53万多平方米", "2万多户", "1.2万余亩": the 余 or 多 of a scaled unit)
  "(?:万|亿)(?:余|多)(?:平方米|立方米|户|人次|人|亩|吨|公斤|斤|只|头|羽|株|元)",
  "万公斤",
  "公斤",
  "万羽",
  "万户",
  "万只",
  "万头",
  "万方",
  "个百分点",
  "百分点",
  "万株",
  "万平方米",
  "万立方米",
  "平方米",
  "立方米",
  // (power and energy: "装机容量1.2兆瓦", "年发电量约130万千瓦时", "全社会用电量1.42亿千瓦时")
  "亿千瓦时",
  "万千瓦时",
  "千瓦时",
  "兆瓦",
  "万千瓦",
  "千瓦",
  "万元",
  "亿元",
  "万吨",
  "万人次",
  "万人",
  "人次",
  "场次",
  "家次",
  "公里",
  "千米",
  "公顷",
  "万亩",
  "户次",
  "亩",
  "米",
  "元",
  "户",
  "人",
  "名",
  "个",
  "座",
  "所",
  "家",
  "条",
  "处",
  "块",
  "支",
  "辆",
  "吨",
  "次",
  "期",
  "项",
  "场",
  "张",
  "间",
  "盏",
  "台",
  "套",
  "批",
  "宗",
  "件",
  "只",
  "头",
  "株",
  "棵",
  "口",
  "眼",
  "栋",
  "幢",
  "%",
  "％",
  "‰",
  "倍",
  "起",
  "份",
  "份次",
  "批次",
  "剂次",
  "轮",
  "担",
  "篇",
  "册",
  // (a scaled count, "外借图书12.4万册", "为2.1万名妇女…"; medals and designs, "金牌18枚", "文创产品30款")
  "万册",
  "万名",
  "万件",
  "万份",
  "万张",
  "万套",
  "万个",
  "枚",
  "款(?![项额])",
  // (lifts, films: "加装电梯24部"; not "10部门")
  "部(?![门署分队委])",
  "艘",
  "位",
  "屯",
  "延长米",
  "延米",
  // (mushroom logs and hives: "香菇种植320万棒", "中华蜂养殖1800箱")
  "万棒",
  "棒",
  "箱",
  "羽",
  "尾",
  "架",
  "匹",
  "万斤",
  "斤",
  "万美元",
  "美元",
  // ("双溪、大湾、罗新、黄溪口4村": villages counted without a measure word; not 村民, 村委, 村级…)
  "村(?![民委级组集干庄镇部])",
  // (an amount written without its 元, "财政总收入238.68万（扣除…）": 万 before no other word)
  "万(?![\u3400-\u4dbf\u4e00-\u9fff])",
].sort((a, b) => b.length - a.length);

const QUALIFIER_BEFORE =
  /(累计|共计|合计|总计|全年|共|达到|达|超过|不少于|不低于|力争|约|近|突破|新增|增加|提高到|提升至|≥|≤|＞|＜)$/;
const NUMBER = new RegExp(
  `(?<![\\d.*＊])(\\d+(?:\\.\\d+)?)\\s*(余|多|以上|左右)?\\s*(${UNITS.map((u) => u.replace("%", "%")).join("|")})(?![*＊])(?!(?<=[%％])[\\d.])`,
  "g",
);
/** What follows a starting value up to its new one ("…提高到", "…拓宽至"). */
const FROM_TO =
  /^[^，；。]{0,12}?(?:提高到|提高至|提升到|提升至|增加到|增至|增长到|降低到|降至|降到|减少到|拓宽至|拓宽到|加宽至|调整为|调整到|扩大到|扩大至|至|到)/;
const DEADLINE =
  /((?:20\d\d年)?\d{1,2}月(?:底|份|中旬|上旬|下旬|\d{1,2}日)?(?:前|之前|以前)?|年底前?|年内|上半年|下半年|第?[一二三四]季度(?:末|前)?|汛期前|汛前)/;
/** A clause that says when the sentence's works are finished: "三季度全部建成", "于9月26日建成通车", "11月底前完工". */
const COMPLETION = new RegExp(
  `${DEADLINE.source}\\s*(?:全部|全面|基本|如期)?(?:建成通车|建成投用|建成|完工|竣工|投入使用|交付使用|投用|通车|通水|开园|通过验收|发放到户|发放到位|完成)`,
);

/** A deadline said before a figure that sets a bound (年底前, 年内), for every figure after it. */
function deadlineBefore(text: string): string | null {
  const d = DEADLINE.exec(text)?.[1];
  return d && /[前内]/.test(d) ? d : null;
}

/** When the sentence's works are finished, said by a clause with no figure of its own ("…，三季度全部建成"). */
function completionOf(sentence: string): string | null {
  const m = COMPLETION.exec(sentence);
  if (!m) return null;
  const from =
    Math.max(
      sentence.lastIndexOf("，", m.index),
      sentence.lastIndexOf("；", m.index),
      sentence.lastIndexOf(",", m.index),
    ) + 1;
  const to = sentence.slice(m.index).search(/[，；,;。]/);
  const clause = sentence.slice(from, to < 0 ? undefined : m.index + to).replace(m[1]!, "");
  // (a date is no figure: "6月底前开工、三季度建成通车")
  return /\d/.test(clause.replace(DEADLINES, "")) ? null : m[1]!;
}
/** Every deadline of a text, to read what else it says. */
const DEADLINES = new RegExp(DEADLINE.source, "g");
/** The keys a plan names the unit answerable for a task with. */
const UNIT_KEY =
  "(?:责任单位|牵头单位|牵头部门|责任部门|负责单位|主责单位|承办单位|主办单位|责任股室|牵头股室|责任科室|牵头科室|责任处室|责任人|牵头(?=[：:]))";
const UNIT_KEY_RE = new RegExp(UNIT_KEY);
/** The keys a plan gives a task's time limit with. */
const TIME_KEY = "(?:完成时限|完成时间|时限)";
const RESPONSIBLE = new RegExp(`${UNIT_KEY}[：:]\\s*([^；;。\\n]+)`);
/** …or said as the one the task falls to: "由乡水利站负责组织实施", "由县教育基建办负责", "由乡农业综合服务站牵头". */
const BY_UNIT =
  /由\s*((?:[\u3400-\u4dbf\u4e00-\u9fff]{1,14}?)(?:办公室|委员会|村委会|居委会|办|站|所|中心|局|委|队|院|股|科|公司))\s*(?:牵头|负责|具体负责|组织实施|统筹)/;
/** A title's project's money said before its figure: 总投资 (its whole), or 计划总投资 / 项目总投资 (its 投资). */
const TITLE_MONEY = /(计划|项目)?总投资\s*(?:约|为|预计|预计为|达)?\s*$/;
/** …named by a heading in brackets: "（一）砚池公园提质改造（牵头单位：街道城市建设管理办）". */
const HEADING_UNIT = new RegExp(`${UNIT_KEY}[：:]\\s*([^）)；;，,\\n]+)`);
/** …closing a task in brackets: "（责任单位：乡项目办）". */
const CLOSING_UNIT = new RegExp(`[（(]\\s*${UNIT_KEY}[：:]\\s*([^）)；;\\n]+)(?:[；;][^）)\\n]*)?[）)]`, "g");
/**
 * …or a bracket closing the line that names units and nothing else, as a 工作要点 writes them without a key:
 * "…6月底前建成古树公园2个。（生态修复股、各乡镇人民政府）".
 */
const BARE_CLOSING_UNIT =
  /[（(]((?:[\u3400-\u4dbf\u4e00-\u9fff]{1,20}?(?:股|局|办|中心|站|所|队|大队|政府|办事处|林场|委|院|室|科|组|会|社|公司|街道)[、，,]?){1,5})[）)]\s*(?=\n|$)/g;
/** …or a closing bracket of the task's terms, its 完成时限 first: "（完成时限：11月底前；责任股室：农田建设股）". */
const CLOSING_TERMS = new RegExp(
  `[（(]\\s*${TIME_KEY}[：:]\\s*(?<time>[^）)；;\\n]+)(?:[；;]\\s*${UNIT_KEY}[：:]\\s*(?<unit>[^）)；;\\n]+))?[^）)\\n]*[）)]`,
  "g",
);
/** …or said unit first: "（责任单位：乡水利站；完成时限：2027年5月底前）". */
const CLOSING_TERMS_UNIT_FIRST = new RegExp(
  `[（(]\\s*${UNIT_KEY}[：:]\\s*(?<unit>[^）)；;\\n]+)[；;]\\s*${TIME_KEY}[：:]\\s*(?<time>[^）)；;\\n]+)[）)]`,
  "g",
);
/** The unit and the time a line closes on as fields of its own, without brackets. */
const LINE_UNIT = new RegExp(`[；;。]\\s*${UNIT_KEY}[：:]\\s*([^；;。\\n（(）)]+)`);
const LINE_DEADLINE = new RegExp(`[；;。]\\s*${TIME_KEY}[：:]\\s*([^；;。\\n（(）)]+)`);
const DONE = /(完成了?|已经?|累计|实现了?|建成|达到|共计|全年.{0,6}(发放|开展|培训|处理|排查|办理|受理|组织)|取得)/;
/** …and, in a text that does not say its kind, works finished and a year looked back on. */
const FINISHED = new RegExp(`${DONE.source}|竣工|投入使用|通过(?:区级|县级|市级|省级)?验收|这一年|一年来`);
const PLAN = /(计划|将|力争|确保|争取|拟|预计|目标|要|推进|实施|启动|新建|打造)/;
/** …of which these say a plan by themselves; 推进/实施/新建 are said of work done too. */
const AIM = /(计划|将|力争|确保|争取|拟|预计|目标|要)/;

function kindOf(chunk: Chunk, sentence: string, clause = sentence, ahead?: boolean): "plan" | "result" {
  const kinds: DocKind[] = chunk.kinds;
  // a news report tells what was done; only an aim it states is ahead ("争取筹集资金30万元" was obtained)
  if (kinds.includes("新闻") && !kinds.includes("计划") && !kinds.includes("要点"))
    return /(计划|将|拟|力争|目标|预计|确保)/.test(clause) ? "plan" : "result";
  // a task's size stated in a review ("高标准农田建设年度任务3000亩，截至6月底已建成1800亩") is what was planned
  if ((TASK_SIZE.test(clause) && !DONE.test(clause)) || REMAINDER.test(clause)) return "plan";
  // (…and so is a target a self-assessment restates, "目标任务：新发展茶叶1000亩。", before what was done of it)
  if (/^\s*(?:年度|全年)?(?:目标任务|任务目标|目标|计划任务)\s*[：:]/.test(sentence)) return "plan";
  const review = kinds.includes("总结");
  // (a 实施方案 or 工作方案 sets out work to be done, as a plan does)
  // (…and so does a 通知 that sets out a season's work, 关于做好春耕生产工作的通知)
  const plan = kinds.includes("计划") || kinds.includes("要点") || kinds.includes("方案") || kinds.includes("通知");
  // the paragraph's opening sets its time: a review closing on "2026年，全镇将…" or a plan opening on "2025年，…已全部完成"
  const opening = paragraphOpening(chunk.text, sentence);
  const openingYear = Number(/^(20\d\d)\s*年/.exec(opening)?.[1] ?? 0);
  if (review && !plan) {
    const own = chunk.years.length ? Math.max(...chunk.years) : null;
    // (…or its part does: "四、下步工作措施", "七、2026年工作打算" of a 通报 or a 述职报告)
    // (a part's heading is short and states no figure: a numbered sentence is no part)
    const part = [...chunk.sectionPath]
      .reverse()
      .filter((h) => h.length <= 20 && !/\d/.test(h.replace(/20\d\d\s*年/g, "").replace(/^\s*\d+[.、．]/, "")))
      .find((h) => REVIEW_WORDS.test(h) || PLAN_WORDS.test(h));
    const partAhead = !!part && PLAN_WORDS.test(part) && !REVIEW_WORDS.test(part);
    // (…or one of work still under way, "二、正在推进的民生工程": a clause says how far it got, "目前已完成4座", "工程形象进度
    // 达到75%", or what it is still to come to, "剩余2座待…", "涉及居民460户"; the first word of either in the clause tells
    // which, else the last before it, and a work's size said before either is ahead)
    if (chunk.sectionPath.some((h) => h.length <= 20 && ONGOING_PART.test(h))) {
      const marks = (text: string) => [
        ...text.matchAll(/(预计|计划|剩余|待|尚未|尚|前完成)|(已|完成|进度|累计|目前)/g),
      ];
      const mark = marks(clause)[0] ?? marks(sentence.slice(0, Math.max(0, sentence.indexOf(clause)))).at(-1);
      return mark?.[2] ? "result" : "plan";
    }
    // (a report's sentence that opens on what was planned, "计划改造老旧小区3个，涉及居民642户，计划投资960万元", states
    // the plan, clause by clause, until one says what was done)
    const opened = PLAN_OPENING.exec(sentence);
    if (opened && !sentence.startsWith("政策", opened[0].length)) {
      const upTo = sentence.slice(0, Math.max(0, sentence.indexOf(clause)) + clause.length);
      const told = upTo.split(/[，,；;]/).some((c) => /(?:实际|已|完成)/.test(c) && !PLAN_OPENING.test(c));
      if (!told) return "plan";
    }
    // (…or the sentence itself promises, in a later year, what is still to come: "2027年将为墀口小学配备…6套", "下一步，将…
    // 纳入2027年…计划", "…配备乡村医生2名（办结时限：2027年第一季度）")
    const upTo = sentence.slice(0, Math.max(0, sentence.indexOf(clause)) + clause.length);
    const later = own !== null && [...sentence.matchAll(/(20\d\d)\s*年/g)].some((m) => Number(m[1]) > own);
    if (
      later &&
      (/(?:将|计划|拟|力争)/.test(upTo) || /[（(](?:办结|完成)时限[：:]/.test(sentence)) &&
      !/已(?:完成|建成|实现|解决|发放)/.test(clause)
    )
      return "plan";
    const ahead =
      (own !== null && openingYear > own) || /^(?:明年|下一步|下步|新的一年|今后)/.test(opening) || partAhead;
    // (…where 完成 and 全年开展 say what is to be done; only 已 says it is)
    return ahead && !ALREADY.test(clause) ? "plan" : "result";
  }
  if (plan && !review) {
    // a plan's part that reviews ("一、2025年项目建设回顾", "一、工作基础"): what it counts was done, unless the clause
    // itself looks ahead
    // (…or states where things stand: "一、基本情况", "现状")
    const reviewed = chunk.sectionPath.some(
      (h) =>
        h.length <= 24 && (REVIEW_WORDS.test(h) || STANDING_WORDS.test(h) || DONE_PART.test(h)) && !PLAN_WORDS.test(h),
    );
    if (reviewed && !NOT_YET.test(clause)) return "result";
    // a plan's review of a year before its own ("2023年，全街道…全年完成地区生产总值86.4亿元" in a 2024 要点)
    const own = chunk.years.length ? Math.min(...chunk.years) : null;
    const before = (own !== null && openingYear && openingYear < own) || /^(?:一年来|过去一年|去年|上年)/.test(opening);
    if (before && says(clause) !== "plan" && !AIM.test(sentence)) return "result";
    // (a year a figure is only compared with is none it was done in: 比2026年完成数增长6.0%, 在2026年基础上)
    const past =
      own !== null &&
      [...sentence.matchAll(/(?<![比较与])(20\d\d)\s*年(?!\s*(?:基础|完成数|同期))/g)].some((m) => Number(m[1]) < own);
    return ALREADY.test(clause) || (past && DONE.test(sentence) && !NOT_YET.test(sentence)) ? "result" : "plan";
  }
  // (…a half-year report's paragraph turns from the first half to the second where it says so: "上半年完成…" is done,
  // "下半年，实施…" and what follows it ahead, until the text turns back, "镇便民服务中心上半年办理…")
  // (only in a report on the first half: a quarter's brief speaks of 上半年 ahead)
  const half = /(?:上半年|半年)/.test(chunk.title) ? halfBefore(chunk.text, sentence, clause) : null;
  // (…where 全年累计完成 is what the year is to reach; only 已 says done)
  if (half === "second") return /已/.test(clause) ? "result" : "plan";
  if (half === "first") return says(clause) === "plan" || TASK_SIZE.test(clause) ? "plan" : "result";
  // a document of both (a 总结及…打算, a 政府工作报告): the section says which part a figure is in
  // ("二、下半年工作打算", "今年主要目标任务" against "一、上半年工作完成情况", "过去一年工作回顾")
  for (const heading of [...chunk.sectionPath].reverse()) {
    if (REVIEW_WORDS.test(heading) && !PLAN_WORDS.test(heading)) return "result";
    if (PLAN_WORDS.test(heading) && !REVIEW_WORDS.test(heading)) return "plan";
  }
  // …or, in one told as a report ("会议同时部署了2026年重点工作：…"), where the text turns to the year ahead
  if (ahead !== undefined) return ahead && !ALREADY.test(clause) ? "plan" : "result";
  // a table row with a 完成时间 column (or a project block with a 完成时限 line) is a schedule: what is to be done by then
  // (a row of a table written as text has its columns in the header line above it)
  if (chunk.isRow && /(完成时间|完成时限|时限|期限)(?:[：:]|[^\n]*\n)/.test(chunk.text)) return "plan";
  if (/(完成时间|完成时限)[：:]/.test(chunk.text)) return "plan";
  // the figure's own clause first ("全年计划改造45户，已完成38户": one of each), then its sentence
  // (a verb of doing, 新建/推进/实施, tells a plan where the passage around it does not read as a review)
  return (
    says(clause) ?? says(sentence) ?? (PLAN.test(clause) || PLAN.test(sentence) ? leanOf(chunk, "plan") : leanOf(chunk))
  );
}

/**
 * Which half of the year the paragraph is speaking of where a clause stands: the last 上半年 or 下半年 (1—6月, 截至6月底)
 * said before the clause's end in its line; null where the line says neither.
 */
function halfBefore(text: string, sentence: string, clause: string): "first" | "second" | null {
  const line = lineOf(text, sentence);
  if (!line) return null;
  const { at, start } = line;
  const inSentence = sentence.indexOf(clause);
  const end = at + (inSentence < 0 ? sentence.length : inSentence + clause.length);
  let last: "first" | "second" | null = null;
  for (const m of text.slice(start, end).matchAll(/上半年|下半年|前半年|后半年|1\s*[-—–至]\s*6\s*月|截至\s*6\s*月/g))
    last = /^(?:下|后)/.test(m[0]) ? "second" : "first";
  return last;
}

/**
 * In a plan over several years, the time a figure is set for: the last of the plan's years its line names before it
 * ("2027年在茶籽坪组铺设…2.6公里" → 2027年), said as the line says it ("到2028年底" → 2028年底).
 */
function yearAhead(text: string, at: number, years: number[]): string | null {
  const line = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
  const said = [...line.matchAll(/(20\d\d)\s*年(底|末|内)?(?!\s*\d{1,2}\s*月)/g)].filter((m) =>
    years.includes(Number(m[1])),
  );
  const last = said.at(-1);
  return last ? `${last[1]}年${last[2] === "底" || last[2] === "末" ? last[2] : ""}` : null;
}

/** A plan's part that tells how a year before it went: "一、2026年度项目实施情况", "上年建设情况". */
const DONE_PART = /(?:实施|建设)情况\s*$/;
/** A report's part on work still under way: "二、正在推进的民生工程", "（二）在建项目". */
const ONGOING_PART =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?\s*(?:正在推进|正在实施|推进中|在建|续建|未完工|尚未完成)/;

/** A plan's part that states where things stand before it: 基本情况, 现状, 工作基础. */
const STANDING_WORDS =
  /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)?\s*(?:基本情况|现状|发展现状|工作基础|发展基础|现有基础|基础条件)\s*$/;

/** A clause that opens on what was planned: 计划改造…, 全年计划…, 原计划…. */
const PLAN_OPENING = /^\s*(?:全年|年初|年内|今年|本年度|原|共)?计划/;

/** Words that say a figure is done whatever the text around it looks ahead to. */
const ALREADY = /(已完成|已建成|已经|累计完成)/;

/** The size of a task set for the period ("年度任务3000亩", "全年计划改造45户"), not what was done of it. */
const TASK_SIZE =
  /(?:年度任务|年度目标|全年任务|全年目标|目标任务|计划任务|计划总?投资|设计总?投资|预算总?投资)(?:为|是|约)?\s*\d(?![\d.]*\s*(?:万元|亿元)?\s*以上(?:的)?项目)/;
/** What is left of a task and when it is to be done: "剩余70个摊位…计划于2026年3月底前完成". */
const REMAINDER = /剩余[^，。；]{0,20}(?:计划|预计|将|顺延)/;

/** The first characters of the line (paragraph) of a chunk that holds a sentence. */
function paragraphOpening(text: string, sentence: string): string {
  const line = lineOf(text, sentence);
  return line ? text.slice(line.start, line.start + 16).trim() : "";
}

/** Where a sentence stands in a chunk's text, and where its line (paragraph) starts; null where it does not stand. */
function lineOf(text: string, sentence: string): { at: number; start: number } | null {
  const at = text.indexOf(sentence);
  return at < 0 ? null : { at, start: text.lastIndexOf("\n", at) + 1 };
}

/** What a clause says of its figures: done, still ahead, or nothing. */
function says(said: string): "plan" | "result" | null {
  // (an estimate of what a year yields, "预计年销售可达9000万元", "全年预计实现税收24亿元", plans nothing)
  // (…nor a share of a target reached: "占全年目标任务的54%")
  const text = said
    .replace(/预计(?:[^，。；,;]{0,10}?可|(?:全年)?(?:实现|完成|达到|达))/g, "")
    .replace(/(?:占|完成)[^，。；,;]{0,6}目标(?:任务)?的?/g, "");
  // (works expected to finish, "预计2025年5月竣工", are not finished)
  const finished = DONE.test(text) || (FINISHED.test(text) && !/预计/.test(text));
  if (finished && !NOT_YET.test(text)) return "result";
  return AIM.test(text) || NOT_YET.test(text) ? "plan" : null;
}

const leans = new WeakMap<Chunk, { plans: number; results: number }>();
/**
 * A passage of a document that does not say its kind leans the way most of its sentences say (a report on
 * projects "计划硬化…，覆盖15屯" is of plans; a report on work done, "已完成…", of results); results when none say.
 */
function leanOf(chunk: Chunk, tie: "plan" | "result" = "result"): "plan" | "result" {
  let told = leans.get(chunk);
  if (!told) {
    const said = sentenceRanges(chunk.text).map(([s, e]) => says(chunk.text.slice(s, e)));
    told = { plans: said.filter((k) => k === "plan").length, results: said.filter((k) => k === "result").length };
    leans.set(chunk, told);
  }
  return told.plans > told.results ? "plan" : told.results > told.plans ? "result" : tie;
}

/** Words that put a figure still ahead: planned, aimed at, or carried over (顺延至…完成). */
const NOT_YET = /(计划|将|力争|确保|争取|顺延|结转)/;

/**
 * Every quantified target or result in a chunk: a number with a unit (qualifiers such as 以上/不少于/
 * 力争/余 kept), what it counts, the place and deadline when the sentence states them, the
 * responsible unit in table rows, and whether it is planned or reported done (from the
 * document's and section's kind, then the sentence). Years, dates, ordinals, Chinese-numeral
 * names and redacted numbers are not commitments.
 */
/** A project of a list written as paragraphs ("项目一：…。建设内容：…。完成时间：…"), in a chunk's own offsets. */
export interface ProjectSpan {
  from: number;
  to: number;
  name: string;
  deadline: string | null;
  responsible: string | null;
}

export function extractCommitments(
  chunk: Chunk,
  context: { aheadFrom?: number; projects?: ProjectSpan[] } = {},
): Commitment[] {
  const out: Commitment[] = [];
  const ranges: Array<[number, number]> = chunk.isRow ? [[0, chunk.text.length]] : sentenceRanges(chunk.text);
  /** What the sentences before counted (a list of places with their own figures leans on it). */
  let earlier = "";
  // a table row's item names where its figures are ("项目名称：桃源小学运动场改造；建设规模：…篮球场2个")
  const row = chunk.isRow ? readRow(chunk.text) : null;
  // …and so does a project block written as lines ("项目名称：…\n建设内容：…\n完成时限：…\n责任单位：…"):
  // its name is where, its 完成时限 is when and its 责任单位 is who, for every figure of the block
  const block = !row && /项目名称[：:]/.test(chunk.text) ? readRow(chunk.text.replace(/\n+/g, "；")) : null;
  // (…or a column saying where, 村名｜任务｜数量: 棕包坪村)
  // (…whole, where the name column is a site's, 小区名称: 运输公司小区, not 公司小区)
  const namePlace =
    row?.name && SITE_KEY.test(row.name.key.trim())
      ? placeCell(row, chunk.township)
      : row || block
        ? placesOf((row ?? block)!.name?.value ?? "", chunk.township)
        : null;
  // (…but a 建设地点 naming a site or a village, not only townships, is where the row's work is: 楗子塘地块 for 楗子塘口袋公园建设)
  const cellPlace = row ? placeCell(row, chunk.township) : null;
  const rowPlace =
    cellPlace && namePlace && !cellPlace.split("、").every((p) => TOWN.test(p)) ? cellPlace : (namePlace ?? cellPlace);
  const blockResponsible = block ? (RESPONSIBLE.exec(chunk.text)?.[1]?.trim() ?? null) : null;
  // a numbered project paragraph opens with its name ("1.青冈村至马头村公路改造。改造公路5.2公里,…计划总投资620万元"):
  // the name is where its figures are and whose money the 总投资 is
  // (…or with a Chinese number and a colon, when it names a project: "（四）酒村净菜加工项目：该项目占地10亩")
  const title =
    /^\s*\d{1,2}\s*[.、．]\s*([^。，,；;：:\d]{4,30}?)[。.]/.exec(chunk.text)?.[1] ??
    /^\s*[（(][一二三四五六七八九十\d]{1,3}[)）]\s*([^。，,；;：:\d]{4,30}?(?:项目|工程))[。.：:]/.exec(
      chunk.text,
    )?.[1] ??
    null;
  const titlePlace = title ? placesOf(title, chunk.township) : null;
  // …and so does a heading that names works ("（一）轩辕大道（铁路桥往南延至人民路）升级改造工程"): its
  // places are where the figures under it are, when they say none of their own
  // (…or, under a numbered decision of its own, the section heading above it that names them: a meeting's
  // "二、关于羊角坪村至杉树坳村公路硬化项目" over its "（二）项目沿线需占用林地3.2亩")
  const worksOf = (heading: string | undefined) =>
    withoutHeadingNumber(heading ?? "")
      .replace(/[（(][^）)]*[）)]/g, "")
      .replace(/^关于/, "");
  const namesWorks = (works: string) =>
    /(?:工程|项目|改造|提质改造|整治|治理|新建|扩建|改扩建|建设|除险加固)$/.test(works);
  const works = worksOf(chunk.sectionPath.at(-1));
  const above = worksOf(chunk.sectionPath.at(-2));
  // (a proposal's heading, "关于硬化嵊坪村至墀口村公路的建议", names where the work it asks for is)
  const proposal = /的(?:建议|提案|议案)$/.test(works);
  const headingPlace =
    namesWorks(works) || proposal
      ? placesOf(works.replace(/的(?:建议|提案|议案)$/, ""), chunk.township)
      : /^[（(][一二三四五六七八九十\d]{1,3}[)）]/.test(chunk.sectionPath.at(-1) ?? "") && namesWorks(above)
        ? placesOf(above, chunk.township)
        : null;
  // (…and the unit such a heading names in brackets answers for them: "（一）砚池公园提质改造（牵头单位：…）")
  const headingLead = HEADING_UNIT.exec(chunk.sectionPath.at(-1) ?? "")?.[1]?.trim() ?? null;
  // a numbered task that closes with its unit ("…确保全年完成固定资产投资5.6亿元。（责任单位：乡项目办）"): the
  // unit is responsible for every figure of the task before it, up to the line's end
  // a report written by office ("一、经济发展办", "五、水利站"): the office is who did the work its section tells of
  const office = withoutHeadingNumber(chunk.sectionPath[0] ?? "").replace(/[。.：:\s]+$/, "");
  const headingUnit = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,12}(?:办|办公室|所|站|中心|局|委|队|院|股|科)$/.test(office)
    ? office
    : null;
  const closers = [...chunk.text.matchAll(CLOSING_UNIT), ...chunk.text.matchAll(BARE_CLOSING_UNIT)].sort(
    (x, y) => x.index! - y.index!,
  );
  // (…said time first, or unit first: "（责任单位：乡水利站；完成时限：2027年5月底前）")
  const terms = [...chunk.text.matchAll(CLOSING_TERMS), ...chunk.text.matchAll(CLOSING_TERMS_UNIT_FIRST)].sort(
    (x, y) => x.index! - y.index!,
  );
  // (a bracket on a line of its own closes the task's lines above it, its sub-items (1)(2)(3) among them, back to the
  // line that opens the task: "2.特色种养基地建设。…（3）…\n（责任单位：…；完成时限：…）")
  const closing = (found: RegExpMatchArray[], at: number) =>
    found.find((m) => {
      if (m.index! <= at) return false;
      const between = chunk.text.slice(at, m.index);
      if (!between.includes("\n")) return true;
      return (
        /\n\s*$/.test(between) &&
        !/\n\s*(?:\d{1,2}\s*[.、．]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])/.test(between)
      );
    });
  const closingUnit = (at: number) =>
    closing(closers, at)?.[1]?.trim() ?? closing(terms, at)?.groups?.unit?.trim() ?? null;
  // (…and the 完成时限 such a bracket gives, for every figure of the task without a time of its own)
  const closingDeadline = (at: number) => closing(terms, at)?.groups?.time?.trim() ?? null;
  // (…or the fields a line closes on without brackets, "…；使用资金24万元；责任单位：村委会；完成时限：2027年6月底前。")
  const restOfLine = (at: number) => {
    const end = chunk.text.indexOf("\n", at);
    return chunk.text.slice(at, end < 0 ? undefined : end);
  };
  // (…or a line of its own above the figure that names who does the work it heads: "承办单位：镇交通运输管理站")
  const headLine = new RegExp(`(?:^|\\n)[ \\t]*${UNIT_KEY}[：:][ \\t]*([^；;。\\n，,]+?)[ \\t]*(?=\\n|$)`, "g");
  const heads = [...chunk.text.matchAll(headLine)].map((h) => ({ at: h.index, unit: h[1]!.trim() }));
  const headUnit = (at: number) => heads.filter((h) => h.at < at).at(-1)?.unit ?? null;
  const lineUnit = (at: number) => LINE_UNIT.exec(restOfLine(at))?.[1]?.trim() ?? null;
  const lineDeadline = (at: number) => LINE_DEADLINE.exec(restOfLine(at))?.[1]?.trim() ?? null;
  // a numbered line that packs a project into brackets ("3.金樱坳村危桥改造（拆除重建便民桥1座…；投资150万元；
  // 2026年10月底前完工；责任单位：镇交通运输站）"): its name is where its figures are and whose money the 投资 is,
  // and its date and unit are every figure's
  // (read once a line: every figure of the line asks)
  type LineProject = { name: string; place: string | null; deadline: string | null; responsible: string | null };
  const lines = new Map<number, LineProject | null>();
  const lineProject = (at: number): LineProject | null => {
    const from = chunk.text.lastIndexOf("\n", at) + 1;
    const known = lines.get(from);
    if (known !== undefined) return known;
    const end = chunk.text.indexOf("\n", at);
    const line = chunk.text.slice(from, end < 0 ? undefined : end);
    // (…or one that opens on its name and lists its terms as labelled fields: "1.G320藜城至鼎罐坪段改线工程。建设地点：藜城
    // 街道、鼎罐坪镇；建设规模：…；总投资：48600万元；建设年限：2025年3月—2027年6月；责任单位：县公路建设养护中心。")
    const labelled = LABELLED_PROJECT.exec(line);
    const fieldsRow = labelled ? readRow(labelled[2]!.replace(/[。.]\s*$/, "")) : null;
    if (
      labelled &&
      fieldsRow &&
      fieldsRow.cells.filter((c) => /^[\u3400-\u4dbf\u4e00-\u9fff\d（）()]{2,10}$/.test(c.key.trim())).length >= 3
    ) {
      const name = labelled[1]!.trim();
      // (the site its name names, 蝉溪大桥; else the townships its 建设地点 lists, 藜城街道、鼎罐坪镇, of which 及各乡镇 is none)
      const named = placesOf(name, chunk.township);
      const site =
        named && !named.split("、").every((p) => TOWN.test(p))
          ? named
          : // (…or the facility it builds, 藜城汽车客运站 of 藜城汽车客运站迁建工程)
            (FACILITY_WORKS.exec(name)?.[1] ?? null);
      const found = {
        name,
        place: site ?? listedPlaces(fieldsRow) ?? named,
        deadline: fieldsRow.deadline,
        responsible: fieldsRow.responsible,
      };
      lines.set(from, found);
      return found;
    }
    const packed = PROJECT_LINE.exec(line)?.[1];
    // (…or a paragraph that opens on one, "（二）麻雀岭村、高粱冲村通组公路硬化。计划…，计划投资240万元。": its name only)
    // (a project is named by its works and where they are, not a theme: 改善就医条件, 重点项目建设)
    const paragraph = packed ? null : PROJECT_PARAGRAPH.exec(line);
    const opened = paragraph?.[1];
    const works = opened && WORKS_NAME.test(opened) && !THEME_ACT.test(opened) ? opened : undefined;
    // (…its phase in brackets is part of its name, 棚户区改造项目（二期）)
    const name = packed ?? (works ? `${works}${paragraph?.[2] ?? ""}` : undefined);
    const place = name ? placesOf(name, chunk.township) : null;
    const rest = name ? line.slice(line.indexOf(name) + name.length) : "";
    const found =
      name && (packed || place)
        ? {
            name,
            place,
            deadline: packed ? (LINE_DONE.exec(rest)?.[1] ?? null) : null,
            responsible: packed
              ? (RESPONSIBLE.exec(rest)?.[1]
                  ?.replace(/[）)]+\s*$/, "")
                  .trim() ?? null)
              : null,
          }
        : null;
    lines.set(from, found);
    return found;
  };
  /** The site the sentence before opened on by name (䃅头农产品加工园…), which a sentence may speak of by its kind (园区…). */
  let namedSite: string | null = null;
  for (const [s, e] of ranges) {
    const sentence = chunk.text.slice(s, e);
    // (a sentence that opens on the kind of the site the sentence before named, "园区新入驻企业7家", "基地试运营以来…",
    // "学校同步改造…", is about that site)
    const back = BACK_REFERENCE.exec(sentence)?.[1];
    const siteBefore: string | null = back && namedSite && KIND_HEAD[back]!.test(namedSite) ? namedSite : null;
    const opening = sentence.slice(0, sentence.search(/[，,；;。：:]|$/));
    namedSite =
      siteBefore ??
      (SITE_KINDS.test(opening) ? (placesOf(opening, chunk.township) ?? siteOpening(sentence, chunk.township)) : null);
    // standing facts that no measure touches ("柘木冲村位于蘅塘镇东北部，…辖9个村民小组，共386户1412人") are no items
    if (STANDING.test(sentence) && !STANDING_ACT.test(sentence)) continue;
    let lastObject = "";
    let lastPlace: string | null = null;
    /** Where the last figure ended: a place carries to the next figure only within one item (no ； between). */
    let lastEnd = 0;
    /** The sentence's last object counted in each unit ("通组公路硬化13.6公里，路面宽度3.5米，涉及枫林村3.2公里"). */
    const byUnit = new Map<string, string>();
    for (const m of sentence.matchAll(NUMBER)) {
      const at = m.index;
      const prev = sentence.slice(Math.max(0, at - 2), at);
      if (/第\s*$/.test(prev) || /\*/.test(prev)) continue;
      const [, quantity, post, unit] = m;
      const tail = sentence.slice(at + m[0].length, at + m[0].length + 2);
      if (/^(年|级|月|日|号)/.test(tail) && unit !== "%") continue;
      // "年产100万方高分子改性复合体产品项目": a capacity inside a project's name is no item
      if (/年产\s*$/.test(sentence.slice(Math.max(0, at - 3), at)) && /^[^，。；,;]{0,24}项目/.test(sentence.slice(at)))
        continue;
      // "500万元以上项目累计投资4.86亿元": a size class of projects or firms (or classes: 45人以上班额) is no amount
      if (
        /^\s*(?:以上|以下)的?(?:项目|企业|工业企业|农业企业|重点项目|大项目|村|社区|自然村|班额|大班额|班级)/.test(
          sentence.slice(at + m[0].length),
        ) ||
        // ("超过30万元的村": a threshold said before its figure)
        (/(?:超过|高于|低于|不足)\s*$/.test(sentence.slice(Math.max(0, at - 3), at)) &&
          /^\s*的(?:村|社区|企业|户|项目|任务|单位)/.test(sentence.slice(at + m[0].length)))
      )
        continue;
      // "验收合格后10个工作日内支付": a procedure's time limit is no amount
      if (/^\s*(?:个)?工作日/.test(sentence.slice(at + m[0].length))) continue;
      // "由每人每月560元提高到…", "路面由3.5米拓宽至5.5米": the value it started from is no target or result
      if (
        /[由从](?:每[人户月年生亩])*\s*$/.test(sentence.slice(Math.max(0, at - 8), at)) &&
        FROM_TO.test(sentence.slice(at + m[0].length))
      )
        continue;
      // a scoring rule, a rank or a copy of the document itself is no amount planned or done ("每低1个百分点扣0.2分",
      // "年终考核得分占总成绩的90%", "排名前3位", "连续2次排名末位", "一式3份", "各执1份")
      if (scoringRule(sentence, at, at + m[0].length)) continue;
      const project = context.projects?.find((p) => s + at >= p.from && s + at < p.to);
      const fields = countedFields(
        sentence,
        at,
        at + m[0].length,
        unit!.replace(/^(万|亿)(余|多)/, "$1"),
        lastObject,
        chunk.township,
        /[；;]/.test(sentence.slice(lastEnd, at)) ? null : lastPlace,
      );
      lastEnd = at + m[0].length;
      let object = (row ? rowObject(row, at) : null) ?? fields.object;
      // a project block's "投资估算：185万元" is the project's money, and so is a project paragraph's 总投资
      const blockName = block?.name?.value.trim() ?? project?.name;
      // (its 总投资 said as such is the whole of the project's money, as most labellers name it; a 计划总投资 its 投资)
      if (blockName && /^(投资估算|估算投资|总投资|项目投资|计划投资|投资)[：:]/.test(sentence))
        object = `${blockName}${/^总投资/.test(sentence) ? "总投资" : "投资"}`;
      else {
        const whole = title && /(?:总投资|投资)$/.test(object) ? TITLE_MONEY.exec(sentence.slice(0, at)) : null;
        if (whole) object = `${title}${whole[1] ? "投资" : "总投资"}`;
      }
      const inLine = block || row ? null : lineProject(s + at);
      // (its money, said alone in its clause, is the project's: 计划投资240万元 → …通组公路硬化计划投资)
      const money = inLine
        ? /(?:^|[，,；;。])\s*((?:20\d\d年|年度)?(?:计划|项目|实际)?(?:完成)?总?投资)\s*(?:约|为|[：:])?\s*$/.exec(
            sentence.slice(0, at),
          )?.[1]
        : undefined;
      if (inLine && money && /投资$/.test(object)) object = `${inLine.name}${money.replace(/^实际/, "")}`;
      // (…and so is a table row's, said alone in its clause of the 建设内容 cell: 菘园农贸市场提质改造｜…，投资185万元)
      const rowMoney =
        row?.name && /投资$/.test(object)
          ? /(?:^|[，,；;。｜|])\s*((?:计划|项目)?总?投资)\s*(?:约|为|[：:])?\s*$/.exec(sentence.slice(0, at))?.[1]
          : undefined;
      // (the row's cells up to the figure, the last the one it stands in)
      const cellsUpTo = row ? row.cells.filter((c) => c.start <= s + at) : [];
      const cellAt = row?.name ? cellsUpTo.at(-1) : undefined;
      if (rowMoney && row?.name && cellAt !== row.name) object = `${row.name.value.trim()}${rowMoney}`;
      // (…and a row's own money cell, 投资估算：380万元, is its item's 投资, as a block's is)
      if (
        row?.name &&
        cellAt &&
        cellAt !== row.name &&
        /^(?:投资估算|估算投资|总投资|项目投资|计划投资|投资|预计投资)$/.test(cellAt.key.trim()) &&
        /^\s*(?:约|为)?\s*$/.test(row.text.slice(cellAt.valueStart, s + at))
      )
        object = `${row.name.value.trim()}${/^(?:总投资|计划投资)$/.test(cellAt.key.trim()) ? cellAt.key.trim() : "投资"}`;
      // "涉及枫林村3.2公里、竹园村4.1公里": the place is where, the thing is what the sentence counted
      // in the same unit before, else the last sentence's
      // ("其中白沙村、河口村突破50万元": one of the places is no thing either)
      // (a village alone: a site of the list, 漫水桥, may be the very thing counted)
      let placeNames = fields.place?.split("、") ?? [];
      if (object && /(村|社区|镇|乡|街道|组)$/.test(object) && (object === fields.place || placeNames.includes(object)))
        object = byUnit.get(unit!) ?? (earlier || object);
      // (…and a share named by a village jieba cannot read, "其中堘上村1500亩、甽头村1200亩": the name right before the
      // figure, after a list's mark, is the share's place, and a piece of it, 堘, no thing)
      const upTo = sentence.slice(0, at);
      const shareAt =
        /(?:其中|[：:])(?:[^。；;]*?[、，,])?\s*([\u3400-\u4dbf\u4e00-\u9fff*]{1,5}?(?:村|社区|组))\s*$/.exec(
          upTo,
        )?.[1];
      const share = shareAt?.replace(/^其中/, "");
      // (…where no total was counted before, a list opened by a colon shares what the words before it name:
      // "各村集体经济收入目标为：堘上村35万元、甽头村30万元")
      const listed =
        /^[^：:，,。；;\d]*?(?:各|全乡|全镇)?([\u3400-\u4dbf\u4e00-\u9fff]{2,12}?)(?:目标|任务)?(?:分别)?(?:为|是)?[：:][^：:\d]*\d/.exec(
          `${upTo}0`,
        )?.[1];
      if (share && !byUnit.has(unit!) && listed && !/\d/.test(upTo.slice(0, upTo.search(/[：:]/))))
        byUnit.set(unit!, listed);
      const shared =
        !!share &&
        byUnit.has(unit!) &&
        !/(?:级|示范|重点|贫困|行政|自然|美丽|样板)/.test(share) &&
        (!object || share.startsWith(object) || object === share || object === byUnit.get(unit!));
      if (shared) {
        object = byUnit.get(unit!)!;
        placeNames = [share];
      }
      // (a place's share of a total leaves the total's places to the figures after it: 其中葑田镇1.1万亩…，配套建设机耕道96公里)
      if (!fields.share && !shared) lastPlace = fields.carries ? fields.place : null;
      // (a comparison sign in a row's cell, ≥95%, is no name: the cell before it names what is measured)
      // (…and so is the rest of a rate's unit, 1300元/人·月)
      if (row && /^(?:[≥≤<>＜＞=＝]+|[/／][^/／]{0,4})$/.test(object)) object = cellsUpTo.at(-2)?.value.trim() ?? "";
      // (a form's row counts the thing its name names: 错车道 of 新建错车道数量｜12处)
      if (
        row &&
        /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}数量$/.test(object) &&
        /^[个处口台辆座条所家户人名套盏间栋]$/.test(unit!)
      )
        object = object.slice(0, -2);
      if (!object || /^[\d.]+$/.test(object)) object = lastObject;
      // "确定2024年芦溪乡民生实事项目8件": the document's own township is the scope, not part of the thing
      const own = chunk.township;
      // (…but not of a site named by it: 芦溪乡中心小学学生宿舍改造投资)
      if (
        own &&
        /[镇乡]$|街道$/.test(own) &&
        object.startsWith(own) &&
        object.length - own.length >= 2 &&
        !(fields.place ?? rowPlace ?? titlePlace)?.startsWith(own)
      )
        object = object.slice(own.length);
      // "在鲤鱼河上新建漫水桥1座": the thing counted is no place of itself
      // (…nor is the document's own township, however the title names it: 关于红星乡…的报告)
      const named = placeNames.filter((p) => p !== object || placeNames.length === 1);
      // (…nor an act read as a name, 新建社区 of 新建社区养老服务站)
      const kept = named.filter(
        (p) =>
          !(TOWN.test(p) && chunk.title.includes(p)) &&
          !/^(?:新建|新增|新设|重建|改造|改建|建设|完成|实施|入股|拆除)/.test(p),
      );
      // (a preposition jieba glued to the first name of a list is no part of it: 对屺岭煤矿、峁沟煤矿…等3家煤矿实行…,
      // 以嶷峰村、樗林村…等5个村为重点; 对门坡村新建… keeps its 对)
      if (kept.length > 1 && /^[对以]/.test(kept[0]!)) {
        const afterList = sentence.slice(sentence.indexOf(kept.at(-1)!));
        if (
          kept[0]!.startsWith("对")
            ? /(?:进行|实行|开展|实施|予以|给予|采取)/.test(afterList)
            : /为(?:重点|主|核心|依托|载体|抓手|龙头)/.test(afterList)
        )
          kept[0] = kept[0]!.slice(1);
      }
      // (a row's townships, said in its 建设地点 cell, give way to the site its name names: 白鹇滩大桥新建工程｜槲树乡)
      // (…or, where the clause names none, the village a line opens on with a colon: every figure of
      // "塄上村：早稻2400亩,中稻2900亩,大豆玉米带状复合种植400亩；" is that village's)
      const place =
        namePlace && kept.length && kept.every((p) => TOWN.test(p))
          ? namePlace
          : kept.length
            ? kept.join("、")
            : lineVillage(chunk.text, s + at);
      // "农村低保 | 每人每月610元（保障标准）": what a table cell's figure is, said in brackets right after it
      const said =
        row &&
        /^\s*[（(]([\u3400-\u4dbf\u4e00-\u9fff]{0,6}(?:标准|上限|下限))[）)]/.exec(sentence.slice(at + m[0].length));
      if (said && object && !object.endsWith(said[1]!)) object = `${object}${said[1]}`;
      // (a share of the budget, 为调整预算的101.8%, leaves the thing before as what a change after it is of)
      if (!/^为.{1,6}的比例$/.test(object)) lastObject = object;
      if (object && object !== fields.place) byUnit.set(unit!, object);
      if (!fields.place || object !== fields.place) earlier = object;
      const before = sentence.slice(Math.max(0, at - 4), at);
      const q = QUALIFIER_BEFORE.exec(before)?.[1] ?? null;
      // "10万余元": the 余 belongs to the number, the unit is 万元
      const inner = /^(万|亿)(余|多)(.+)$/.exec(unit!);
      const qualifier = [q, post, inner?.[2]].filter(Boolean).join("/") || null;
      // (a row is read by its values: a 完成时间 header says nothing was done)
      const kind = row
        ? kindOf(chunk, row.values)
        : kindOf(
            chunk,
            sentence,
            sentence.slice(...fields.clause),
            context.aheadFrom === undefined ? undefined : s + at >= context.aheadFrom,
          );
      // a table row's 完成时间; else the clause's deadline, else the sentence's when it states one
      // for all ("年底前完成A 3个、B 5个")
      const deadline =
        (row ?? block)?.deadline ??
        project?.deadline ??
        DEADLINE.exec(sentence.slice(...fields.clause))?.[1] ??
        closingDeadline(s + at) ??
        lineDeadline(s + at) ??
        inLine?.deadline ??
        // (…else when the sentence says its works are finished, for them all; else a 前/内 said before the figure)
        completionOf(sentence) ??
        deadlineBefore(sentence.slice(0, at)) ??
        // (…else a plan's 全年, "力争全年引进项目3个以上": the year is its time limit; a summary's 全年 is its period)
        (kind === "plan" && /全年/.test(sentence.slice(...fields.clause)) ? "全年" : null) ??
        // (…and so is the second half a plan's sentence names before its figure: "下半年，新增精品民宿5家")
        (kind === "plan" && /下半年/.test(sentence.slice(0, at)) ? "下半年" : null) ??
        // (…and, in a plan over several years, the year its line last names before the figure: "2026年完成改厕40户，
        // 2027年完成30户" — or the "到2028年底" its paragraph opens on)
        (kind === "plan" && chunk.years.length > 1 && !chunk.kinds.includes("总结")
          ? yearAhead(chunk.text, s + at, chunk.years)
          : null);
      const responsible =
        row?.responsible ??
        RESPONSIBLE.exec(sentence)?.[1]?.trim() ??
        BY_UNIT.exec(sentence)?.[1] ??
        blockResponsible ??
        project?.responsible ??
        // (a body the sentence opens on as its doer is who, before the units its task closes on)
        (/[；;]/.test(sentence.slice(0, at)) ? null : doerOf(sentence)) ??
        closingUnit(s + at) ??
        lineUnit(s + at) ??
        headUnit(s + at) ??
        inLine?.responsible ??
        headingLead ??
        headingUnit;
      const thing = row || block ? object : withHeadingTopic(object, chunk.sectionPath.at(-1));
      out.push({
        id: `${chunk.id}@${s + at}`,
        docId: chunk.docId,
        title: chunk.title,
        township: chunk.township,
        year: chunk.years.length === 1 ? chunk.years[0]! : (chunk.years[0] ?? null),
        kind,
        // (the office that does the work is who, not what: 乡卫生院家庭医生签约率 → 家庭医生签约率)
        object:
          responsible && thing.startsWith(responsible) && thing.length - responsible.length >= 3
            ? thing.slice(responsible.length)
            : thing,
        quantity: quantity!,
        unit: inner ? `${inner[1]}${inner[3]}` : unit!.replace("％", "%"),
        qualifier,
        place:
          place ??
          siteBefore ??
          rowPlace ??
          inLine?.place ??
          titlePlace ??
          headingPlace ??
          (project ? placesOf(project.name, chunk.township) : null),
        // (a report's own period, 上半年 of a 上半年工作总结, is no deadline of what it reports done)
        deadline:
          kind === "result" &&
          deadline &&
          /^(?:上半年|下半年|全年|第?[一二三四]季度)$/.test(deadline) &&
          chunk.title.includes(deadline.replace(/^第/, ""))
            ? null
            : deadline,
        responsible,
        sentence,
        chunkId: chunk.id,
        sectionPath: chunk.sectionPath,
        span: [s + at, s + at + m[0].length],
      });
    }
  }
  if (row) out.push(...headerUnitAmounts(chunk, row, out));
  return out;
}

/** A sentence opening on the kind of a site, not its name: 园区, 基地, 学校, 电站. */
const BACK_REFERENCE =
  /^\s*(?:该)?(园区|基地|学校|电站|大桥|水厂|景区|市场)(?![\u3400-\u4dbf\u4e00-\u9fff]{0,2}(?:建设|管理)(?:工作)?[，,])/;
/** What a named site must be to be spoken of so. */
const KIND_HEAD: Record<string, RegExp> = {
  园区: /园$/,
  基地: /基地$/,
  学校: /(?:学校|小学|中学)$/,
  电站: /电站$/,
  大桥: /桥$/,
  水厂: /水厂$/,
  景区: /景区$/,
  市场: /市场$/,
};
/** An opening clause that may name such a site. */
const SITE_KINDS = /(?:园|基地|学校|小学|中学|电站|桥|水厂|景区|市场)/;

/** Cells of a table row ("项目名称：…；资金（万元）：160"), with where each value starts. */
interface RowCell {
  key: string;
  value: string;
  start: number;
  valueStart: number;
}

function rowCells(row: string): RowCell[] {
  // a row of a table written as text, under its header line ("序号｜项目名称｜投资（万元）\n3｜…｜430")
  const pipes = /^([^\n]*[｜|][^\n]*)\n([^\n]*[｜|][^\n]*)$/.exec(row);
  if (pipes) {
    const keys = pipes[1]!.replace(/^\s*[｜|]|[｜|]\s*$/g, "").split(/[｜|]/);
    let start = pipes[1]!.length + 1;
    const line = pipes[2]!;
    const lead = /^\s*[｜|]?/.exec(line)![0].length;
    start += lead;
    return line
      .slice(lead)
      .replace(/[｜|]\s*$/, "")
      .split(/[｜|]/)
      .map((value, i) => {
        const c = { key: keys[i]?.trim() ?? "", value, start, valueStart: start };
        start += value.length + 1;
        return c;
      });
  }
  let start = 0;
  return row.split(/[；;]/).map((cell) => {
    const colon = cell.search(/[：:]/);
    const c = {
      key: colon >= 0 ? cell.slice(0, colon) : "",
      value: colon >= 0 ? cell.slice(colon + 1) : cell,
      start,
      valueStart: start + colon + 1,
    };
    start += cell.length + 1;
    return c;
  });
}

/** A table row read once: its cells, the cell naming its item, its values and its 完成时间. */
interface Row {
  text: string;
  cells: RowCell[];
  /** The cell that names the row's item (名称, 项目, 事项), if any. */
  name: RowCell | undefined;
  /** The values without their column headers (what the row says was done or planned). */
  values: string;
  /** The row's 完成时间 (or 时限, 期限), when it has one. */
  deadline: string | null;
  /** The row's 责任单位 (or 牵头单位…), when it has one. */
  responsible: string | null;
}

function readRow(text: string): Row {
  const cells = rowCells(text);
  return {
    text,
    cells,
    name: cells.find((c) => /(名称|项目|事项)/.test(c.key) && !/(序号|编号|规模|资金|金额)/.test(c.key)),
    values: cells.map((c) => c.value).join("；"),
    deadline: rowDeadline(cells),
    responsible: cells.find((c) => UNIT_KEY_RE.test(c.key))?.value.trim() || null,
  };
}

/** A row's 完成时间, 完工时间, or the end of its 开竣工时间 or 建设年限 span ("2025年4月—2027年6月" → 2027年6月). */
function rowDeadline(cells: RowCell[]): string | null {
  const cell = cells.find((c) =>
    /(完成时间|完成时限|时限|期限|截止时间|完工时间|竣工时间|开竣工时间|起止时间|建设年限|实施年限|实施时间|完成年限)/.test(
      c.key,
    ),
  );
  const value = cell?.value.trim();
  if (!value) return null;
  const span = /^(?:20\d\d年)?\d{0,2}月?\s*[—\-－~～至到]+\s*((?:20\d\d年)?\d{1,2}月(?:底|份)?)$/.exec(value);
  return span ? span[1]! : value;
}

/**
 * Amounts whose unit is in the column header ("资金（万元）：160"): the row's item's money (or
 * area…), named by the item and the header ("桃源小学运动场改造资金").
 */
function headerUnitAmounts(chunk: Chunk, row: Row, found: Commitment[]): Commitment[] {
  const name = row.name;
  const out: Commitment[] = [];
  // (a row that says what was spent, 完成投资（万元）：980, reports work done: its figures are results, all but the
  // planned money beside them, 计划投资（万元）：960, wherever the table stands)
  const done = row.cells.some(
    (c) => /(?:完成|实际|已)/.test(c.key) && /(?:投资|资金|金额)/.test(c.key) && /\d/.test(c.value),
  );
  // (…or said in a column of its own: 产品名称｜单位｜产量｜比上年增长（%）, 粮食｜吨｜23100｜2.7)
  const unitCell = row.cells.find((c) => /^\s*(?:计量)?单位\s*$/.test(c.key) && UNITS.includes(c.value.trim()));
  const amountKey = (c: RowCell) => c.key.replace(/[（(][^）)]*[）)]/, "").trim();
  const amountCell = unitCell
    ? row.cells.find(
        (c) => c !== unitCell && c !== name && /^\s*\d+(?:\.\d+)?\s*$/.test(c.value) && !/[（(]/.test(c.key),
      )
    : undefined;
  for (const c of row.cells) {
    // (…or a count column named by its measure word: 楼栋数 counts 栋, 户数 counts 户)
    const counted = /^\s*([\u3400-\u4dbf\u4e00-\u9fff]*?)([栋户人个座处间套台辆所家])数\s*$/.exec(c.key);
    const unit =
      /[（(]\s*([^）)]+?)\s*[）)]/.exec(c.key)?.[1] ??
      counted?.[2] ??
      (c === amountCell ? unitCell!.value.trim() : undefined);
    const value = /^\s*(\d+(?:\.\d+)?)\s*$/.exec(c.value);
    if (!unit || !value || !UNITS.includes(unit)) continue;
    const at = c.valueStart + c.value.indexOf(value[1]!);
    if (found.some((f) => f.span[0] === at)) continue;
    // ("投资估算（万元）": the money is the project's 投资; a 计划投资 column keeps its name, 运输公司小区计划投资, as the
    // labellers of tables with 计划 and 完成 money side by side wrote it)
    // ("1—9月完成投资（万元）": the report's period is no part of what the money is)
    const what = c.key
      .replace(/[（(][^）)]*[）)]/, "")
      .trim()
      .replace(/^(?:\d{1,2}\s*[—\-–~～至到]\s*\d{1,2}\s*月|上半年|前三季度|一季度|二季度|三季度)(?=.{2})/, "")
      .replace(/^(?:投资估算|估算投资|预计投资|概算投资|投资概算)$/, "投资");
    out.push({
      id: `${chunk.id}@${at}`,
      docId: chunk.docId,
      title: chunk.title,
      township: chunk.township,
      year: chunk.years.length === 1 ? chunk.years[0]! : (chunk.years[0] ?? null),
      kind: /(?:计划|预计|估算|概算)/.test(c.key) ? "plan" : done ? "result" : kindOf(chunk, row.values),
      // (a count column is named as it is, 楼栋数, 户数, at the row's place; a change beside an amount is the amount's)
      object: counted
        ? c.key.trim()
        : `${name?.value.trim() ?? ""}${amountCell && c !== amountCell && /(?:增长|下降|增减|增幅)$/.test(what) ? amountKey(amountCell) : ""}${what}`,
      quantity: value[1]!,
      unit,
      qualifier: null,
      place: (name ? placesOf(name.value, chunk.township) : null) ?? placeCell(row, chunk.township),
      deadline: row.deadline,
      responsible: row.responsible,
      sentence: row.text,
      chunkId: chunk.id,
      sectionPath: chunk.sectionPath,
      span: [at, at + value[1]!.length],
    });
  }
  return out;
}

/**
 * In a table row ("项目：高龄津贴（80—89周岁）；标准：每人每月50元；…"), a rate or an amount in a
 * standard/money cell is of the row's item: its name, after the cell's own short qualifier
 * ("一级每人每月120元" → 一级重度残疾人护理补贴); null where the cell names what it counts itself
 * ("建设规模：新建200米塑胶跑道1条").
 */
function rowObject(row: Row, at: number): string | null {
  const name = row.name;
  const own = row.cells.filter((c) => c.start <= at).pop();
  // a figure alone in a column of amounts (数量, 目标值) counts the row's task or indicator: 新（改）建户厕 62户
  const thing = name ?? row.cells.find((c) => THING_KEY.test(c.key));
  if (
    thing &&
    own &&
    own.start !== thing.start &&
    AMOUNT_KEY.test(own.key) &&
    !row.text.slice(own.valueStart, at).trim() &&
    thing.value.trim().length >= 2
  )
    return thing.value.trim();
  if (!name || !own || own.start === name.start || !/(标准|金额|补助|补贴|资金|费用|额度|奖补)/.test(own.key))
    return null;
  // the cell's words before the number, less its rate ("一级每人每月" → 一级, "拆除重建每户" → 拆除重建)
  const before = row.text
    .slice(own.valueStart, at)
    .split(/[，,、]/)
    .pop()!
    .replace(/(?:每(?:人|户|生|年|月|天|亩|次))+$/, "")
    .trim();
  const qualifier = before.length <= 4 && !/的$/.test(before) ? before : "";
  return `${qualifier}${name.value.trim()}`;
}

/** Whether the figure at [at, end) is a scoring rule's, a rank or a count of the document's own copies. */
function scoringRule(sentence: string, at: number, end: number): boolean {
  const before = sentence.slice(Math.max(0, at - 6), at);
  const after = sentence.slice(end, end + 6);
  const clause = sentence.slice(
    Math.max(0, sentence.slice(0, at).search(/[^，；。,;｜|\n]*$/)),
    end + Math.max(0, sentence.slice(end).search(/[，；。,;｜|\n]|$/)),
  );
  return (
    /(?:一式|各执|存档|共印)\s*$/.test(before) ||
    /(?:排名|名次|排)?前\s*$/.test(before) ||
    /^\s*(?:次)?(?:排名|名次)/.test(after) ||
    /每(?:低|高|少|多|超|减|降|差)\s*$/.test(before) ||
    /(?:扣|加|得)\s*\d+(?:\.\d+)?\s*分/.test(clause) ||
    /(?:得分|权重|分值|总成绩|总分)/.test(clause)
  );
}

/** A sentence that opens by placing a village or township or saying what it administers. */
const STANDING =
  /^\s*(?:[\u3400-\u4dbf\u4e00-\u9fff]{2,12}(?:村|社区|镇|乡|街道)|全村|全乡|全镇|全街道|本村|该村|我村|我镇|我乡)(?:位于|地处|坐落于|东邻|西邻|南邻|北邻|(?:现|共|下)?辖)/;
/** …and words that say something was done or planned in it after all. */
const STANDING_ACT = /(完成|新建|建成|实施|开展|投入|发放|新增|实现|计划|力争|确保|将)/;

/** A numbered line opening on a project's name and a bracket of its terms: "3.金樱坳村危桥改造（". */
const PROJECT_LINE = /^\s*\d{1,2}\s*[.、．]\s*([^。，,；;：:\d（(]{4,30}?)[（(][^）)]*[；;]/;
/** A numbered line opening on a project's name and a full stop, then its fields: "1.…改线工程。建设地点：…；…". */
const LABELLED_PROJECT =
  /^\s*\d{1,2}\s*[.、．]\s*([^。\n；;：:]{4,40}?)[。.]\s*((?:[^：:；;\n]{2,12}[：:][^；;\n]+[；;]?){3,}[。.]?)\s*$/;
/** A paragraph opening on a numbered project's name and a full stop or colon: "（二）麻雀岭村、高粱冲村通组公路硬化。". */
const PROJECT_PARAGRAPH =
  /^\s*[（(][一二三四五六七八九十\d]{1,3}[)）]\s*([^。，,；;：:\d（(]{4,30}?)([（(][^）)\d]{1,6}[）)])?[。.：:](?=[^\n]*\d)/;
/** Endings of a project's name (…提升工程, …通组公路硬化, …学生食堂改扩建). */
const WORKS_NAME = /(工程|项目|硬化|改造|新建|改扩建|扩建|治理|整治|提升|建设)$/;
/** Acts a theme opens with, not a project (改善就医条件, 加强基层治理). */
const THEME_ACT =
  /^(改善|完善|加强|推进|加快|强化|提升|优化|深化|巩固|实施|抓好|做好|推动|促进|持续|全面|着力|聚焦|坚持)/;
/** …and the date its works are done by: "2026年10月底前完工". */
const LINE_DONE = /((?:20\d\d年)?\d{1,2}月(?:底|\d{1,2}日)?前)(?:完工|完成|建成|投用|交付)/;

/** Columns naming what a row is about, where no 名称 column does: 任务, 指标, 建设内容. */
const THING_KEY = /^(?:任务|工作任务|重点任务|指标|考核指标|目标任务|建设内容|内容)$/;
/** Columns of a bare amount: 数量, 目标值, 规模. */
const AMOUNT_KEY = /^(?:数量|任务数|目标值|目标|指标值|规模|建设规模|任务量|工程量|计划数)$/;
/** Columns saying where a row's work is: 村名, 实施地点. */
const PLACE_KEY =
  /^(?:村名|村别|村（社区）|村\(社区\)|所在村|实施村|乡镇|乡镇名称|镇名|实施地点|建设地点|项目地点|地点)$/;

/** Columns naming the site a row's work is at, whole: 小区名称 (粮管所宿舍, 楸林路38号院). */
const SITE_KEY = /^(?:小区名称|小区|院落名称|楼院名称|学校名称|点位名称|站点名称|安置点名称|安置点)$/;

/** The place a row's place column names (a village, a township), or the site its site column names. */
function placeCell(row: Row, township: string | null): string | null {
  const site = row.cells.find((c) => SITE_KEY.test(c.key.trim()))?.value.trim() ?? "";
  // (…not a count of sites, the 合计 row's "16个小区")
  if (
    /^[\u3400-\u4dbf\u4e00-\u9fff\d（）()]{3,16}$/.test(site) &&
    !/^\d+$/.test(site) &&
    !/^\d+\s*[个座处家所栋]/.test(site)
  )
    return site;
  const cell = row.cells.find((c) => PLACE_KEY.test(c.key.trim()));
  // (a site's floor or a plot is where the site is: 党群服务中心一楼, 楗子塘地块)
  const value = cell?.value.trim().replace(/(?<=.{2})(?:[一二三四五六七八九\d]{1,2}(?:楼|层)|地块)$/, "") ?? "";
  if (!value || value === township) return null;
  // (…each of the sites it lists, where the place words know only some: 灯泡厂小区、胶鞋厂小区)
  const found = placesOf(value, township);
  const listed = namedSites(value);
  // (…or its whole names, where the place words know a part of one: 墨斗街游园, not 墨斗街)
  const whole =
    !!listed &&
    !!found &&
    listed !== found &&
    found.split("、").every((f) => listed.split("、").some((l) => l.includes(f))) &&
    found.split("、").some((f) => listed.split("、").some((l) => l.includes(f) && l.length > f.length));
  if (listed && (!found || whole || listed.split("、").length > found.split("、").length)) return listed;
  // (…a village or township by its name, not all of them: 全乡各村, 各社区)
  return (
    found ??
    (/^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}(?:村|社区|镇|乡|街道)$/.test(value) && !/^(?:全|各|所有|相关)|各/.test(value)
      ? value
      : null)
  );
}

/** A project named by the facility it builds and its works: 藜城汽车客运站迁建工程, 纺车岭公路养护应急保障中心建设项目. */
const FACILITY_WORKS =
  /^([\u3400-\u4dbf\u4e00-\u9fff]{2,16}(?:客运站|汽车站|服务站|中心|馆|厂|站|所|园|楼|院))(?:迁建|新建|改建|扩建|改扩建|建设|提质改造|改造)?(?:工程|项目)$/;

/** The places a row's place field lists one by one (藜城街道、鼎罐坪镇; 藜城街道及各乡镇 → 藜城街道; 全县各乡镇 → none). */
function listedPlaces(row: Row): string | null {
  const value = row.cells.find((c) => PLACE_KEY.test(c.key.trim()))?.value.trim() ?? "";
  const parts = value
    .split(/[、，,]|及|以及|和/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(?:全|各|所有|相关|沿线)|各/.test(p));
  return parts.length && parts.every((p) => /^[\u3400-\u4dbf\u4e00-\u9fff\d]{2,12}$/.test(p)) ? parts.join("、") : null;
}

/**
 * The sites a place column lists by name (胶鞋厂小区、碗厂宿舍; 秤砣巷12号 is on 秤砣巷), not a kind of place or all of
 * them (社区各网格, 辖区各小区, 社区党群服务中心).
 */
function namedSites(value: string): string | null {
  // (the sites a count closes, 枹木巷小区、柽柳苑小区等3个无物业小区, are the ones named)
  const parts = value
    .replace(/等\s*\d+\s*[个处座家所栋][\u3400-\u4dbf\u4e00-\u9fff]{0,8}$/, "")
    .split(/[、，,；;—－~～]|至/)
    .map((p) => p.trim().replace(/\d+(?:号|弄|栋|幢)(?:院|楼)?$/, ""))
    .filter(Boolean);
  if (!parts.length) return null;
  const named = parts.every(
    (p) =>
      /^[\u3400-\u4dbf\u4e00-\u9fff]{2,14}$/.test(p) &&
      // (…nor an office of the level, 乡敬老院, 镇卫生院, 县医院)
      !/^(?:社区|辖区|全|各|本|该|所在|相关|[乡镇县市区村](?![\u3400-\u4dbf\u4e00-\u9fff]{0,1}(?:村|路|街|巷)))/.test(
        p,
      ) &&
      !/(?:各[\u3400-\u4dbf\u4e00-\u9fff]{1,3}|卫生院|卫生室|委员会|居委会|党委|政府)$/.test(p) &&
      // (…nor a service centre of no name, 便民服务中心; 梣园社区卫生服务站 has one)
      !(/(?:服务中心|服务站)$/.test(p) && p.length <= 7),
  );
  return named ? parts.join("、") : null;
}

/** A chunk's text, or nothing when it cannot be read (its own items are then lost, and said, in `extractAll`). */
function textOf(chunk: Chunk): string {
  try {
    return chunk.text;
  } catch {
    return "";
  }
}

/** A project paragraph's opening: "项目一：苦楝坪村至老屋场村公路提质改造。" */
const PROJECT_OPENING = /(?:^|\n)\s*项目[一二三四五六七八九十\d]{1,3}\s*[：:]\s*([^。\n：:]{2,40})[。.]/g;

/**
 * The projects of a list written as paragraphs, each with its 完成时间 and 责任单位, found in a document's
 * chunks read in order (a chunk may end with a project's name and the next hold its lines).
 */
function projectsOf(chunks: Chunk[]): Map<Chunk, ProjectSpan[]> {
  const out = new Map<Chunk, ProjectSpan[]>();
  for (const list of byDocument(chunks, (c) => !c.isRow)) {
    const texts = list.map(textOf);
    if (!texts.some((t) => /项目[一二三四五六七八九十\d]{1,3}\s*[：:]/.test(t))) continue;
    const starts: number[] = [];
    let text = "";
    for (const t of texts) {
      starts.push(text.length);
      text += `${t}\n`;
    }
    const opened = [...text.matchAll(PROJECT_OPENING)];
    opened.forEach((m, i) => {
      const from = m.index;
      const to = opened[i + 1]?.index ?? text.length;
      const body = text.slice(from, to);
      const span = {
        name: m[1]!.trim(),
        deadline: /(?:完成时间|完成时限)\s*[：:]\s*([^。；;\n]+)/.exec(body)?.[1]?.trim() ?? null,
        responsible: RESPONSIBLE.exec(body)?.[1]?.trim() ?? null,
      };
      list.forEach((c, k) => {
        const lo = Math.max(from, starts[k]!) - starts[k]!;
        const hi = Math.min(to, starts[k]! + texts[k]!.length) - starts[k]!;
        if (hi <= lo) return;
        const spans = out.get(c) ?? [];
        spans.push({ from: lo, to: hi, ...span });
        out.set(c, spans);
      });
    });
  }
  return out;
}

/** The chunks `keep` takes, one list a document, each in document order. */
function byDocument(chunks: Chunk[], keep: (c: Chunk) => boolean): Chunk[][] {
  const docs = new Map<string, Chunk[]>();
  for (const c of chunks) {
    if (!keep(c)) continue;
    const list = docs.get(c.docId);
    if (list) list.push(c);
    else docs.set(c.docId, [c]);
  }
  return [...docs.values()].map((list) => list.sort((a, b) => a.ord - b.ord));
}

/** Where a review-and-plan told without part headings turns to the year ahead ("会议同时部署了2026年重点工作"). */
const TURN =
  /(?:部署了?|安排了?|明确了?)\s*(20\d\d)\s*年度?(?:的)?(?:重点|主要)?(?:工作|任务)|(20\d\d)\s*年度?(?:工作)?(?:打算|安排|思路|计划|目标任务|重点工作|主要任务)[：:，,]/;

/**
 * For each chunk of a document of both kinds whose parts no heading names, the offset in its text from
 * which it tells of the year ahead: 0 for every chunk after the turn, none before it.
 */
function turnsOf(chunks: Chunk[]): Map<Chunk, number> {
  const out = new Map<Chunk, number>();
  const both = (c: Chunk) => c.kinds.includes("总结") && c.kinds.some((k) => k === "计划" || k === "要点");
  for (const list of byDocument(chunks, both)) {
    const last = Math.max(...list.flatMap((c) => c.years));
    let turned = false;
    for (const c of list) {
      if (turned) {
        out.set(c, 0);
        continue;
      }
      const m = TURN.exec(textOf(c));
      if (m && Number(m[1] ?? m[2]) === last) {
        out.set(c, m.index);
        turned = true;
      } else out.set(c, Number.POSITIVE_INFINITY);
    }
    if (!turned) for (const c of list) out.delete(c);
  }
  return out;
}

/** Commitments of all chunks; a chunk whose reading fails is reported to `onError` and gives none. */
export function extractAll(chunks: Chunk[], onError?: (chunk: Chunk, err: unknown) => void): Commitment[] {
  const turns = turnsOf(chunks);
  const projects = projectsOf(chunks);
  // (the unit and time a project's form gives in one row, read as each row's chunk is, for every row of its part)
  const forms = new Map<string, FormTerms>();
  const read = chunks.map((chunk) => {
    try {
      noteFormTerms(forms, chunk);
      const aheadFrom = turns.get(chunk);
      const items = extractCommitments(chunk, {
        ...(aheadFrom === undefined ? {} : { aheadFrom }),
        ...(projects.has(chunk) ? { projects: projects.get(chunk)! } : {}),
      });
      return { chunk, items };
    } catch (err) {
      if (!onError) throw err;
      onError(chunk, err);
      return { chunk, items: [] };
    }
  });
  return read.flatMap(({ chunk, items }) => {
    const form = forms.get(listKey(chunk.docId, chunk.sectionPath));
    if (form)
      for (const c of items) {
        c.responsible ??= form.unit;
        if (c.kind === "plan") c.deadline ??= form.deadline;
      }
    return items;
  });
}

/** The village a line opens on with a colon, up to `at` of `text`: 塄上村 of "塄上村：早稻2400亩,中稻2900亩…". */
function lineVillage(text: string, at: number): string | null {
  const from = text.lastIndexOf("\n", at - 1) + 1;
  return /^\s*([\u3400-\u4dbf\u4e00-\u9fff]{1,6}?(?:村|社区))[：:]/.exec(text.slice(from, at))?.[1] ?? null;
}

/**
 * A form's cell that names who carries the project out: `主管部门｜…｜实施单位｜嶝山镇交通运输管理站` (a body's name, not the
 * next column of a header line: `责任单位｜完成时限`).
 */
const FORM_UNIT =
  /(?:^|[｜|])\s*(?:实施单位|责任单位|承办单位|牵头单位)\s*[｜|]\s*([^｜|\n]{2,30}?(?:站|中心|局|院|政府|办事处|办|所|队|委|委员会|公司|股|室|科|支部|村委会|居委会))\s*(?=[｜|]|\n|$)/;
/** …and the row of its time target that says when it is done: `｜时效指标｜项目完工时间｜2027年10月底前`. */
const FORM_DEADLINE =
  /(?:完工|完成|建成|竣工|交付)(?:时间|时限|日期)\s*[｜|]\s*([^｜|\n]*?\d[^｜|\n]*?(?:前|底|末|日|月))\s*(?=[｜|]|\n|$)/;
type FormTerms = { unit: string | null; deadline: string | null };
/**
 * The unit and the time a project's form gives in its cells (a 项目支出绩效目标表: 实施单位, the 时效指标 row), noted for its
 * part (document and heading path) for every figure of the part that names none of its own: each row is a chunk of its own.
 */
function noteFormTerms(forms: Map<string, FormTerms>, chunk: Chunk): void {
  if (!/[｜|]/.test(chunk.text)) return;
  const unit = FORM_UNIT.exec(chunk.text)?.[1] ?? null;
  const deadline = FORM_DEADLINE.exec(chunk.text)?.[1] ?? null;
  if (!unit && !deadline) return;
  const key = listKey(chunk.docId, chunk.sectionPath);
  const known = forms.get(key);
  forms.set(key, { unit: known?.unit ?? unit, deadline: known?.deadline ?? deadline });
}

/** An `onError` for `extractAll` that says in the log whose items were skipped, and why. */
export function warnSkipped(log: Logger | undefined): (chunk: Chunk, err: unknown) => void {
  return (chunk, err) => log?.warn(`commitments: skipped a chunk of ${chunk.docId} (${(err as Error).message})`);
}

/** Topic words for a commitment (for --topic and for pairing plans with results). */
export function topicMatches(c: Commitment, topic: string): boolean {
  const group = THESAURUS.find((g) => g.includes(topic)) ?? [topic];
  return group.some((t) => c.object.includes(t) || c.sentence.includes(t));
}

const bigrams = (s: string) => new Set([...s].slice(0, -1).map((ch, i) => ch + s[i + 1]));

/** How alike two objects are: shared character bigrams over the smaller set. */
export function objectSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.size || !y.size) return a === b ? 1 : 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / Math.min(x.size, y.size);
}

export interface PlanResultPair {
  township: string;
  year: number;
  plan: Commitment;
  result: Commitment | null;
}

/**
 * Plan vs result: for a township with a plan and a summary of the same year, each planned item
 * paired with the reported item on the same object and unit (most similar object, ≥ 0.5).
 */
export function pairPlansWithResults(items: Commitment[]): PlanResultPair[] {
  const pairs: PlanResultPair[] = [];
  const key = (c: Commitment) => `${c.township}|${c.year}`;
  const results = new Map<string, Commitment[]>();
  for (const c of items)
    if (c.kind === "result" && c.township && c.year) results.set(key(c), [...(results.get(key(c)) ?? []), c]);
  for (const p of items) {
    if (p.kind !== "plan" || !p.township || !p.year) continue;
    const candidates = (results.get(key(p)) ?? []).filter((r) => r.unit === p.unit);
    let best: Commitment | null = null;
    let bestSim = 0.5;
    for (const r of candidates) {
      const sim = objectSimilarity(p.object, r.object);
      if (sim >= bestSim) [best, bestSim] = [r, sim];
    }
    pairs.push({ township: p.township, year: p.year, plan: p, result: best });
  }
  return pairs;
}

/** An office or institution a sentence opens on ("镇卫生院组建…", "街道党群服务中心接待…"). */
// (…after the time the sentence sets, "下半年，镇卫生院新增…"; a body whose kind says it is one needs no township before
// it: 蘩水国有林场, 乡驻村工作队, 村务监督委员会, 机关党委)
const DOER = new RegExp(
  `^\\s*(?:[一二三四五六七八九十]+是|\\d+[.、．])?\\s*(?:(?:上半年|下半年|今年|全年|年内|同时|此外)[，,]?)?\\s*(` +
    `(?:镇|乡|街道|县|区)[\\u3400-\\u4dbf\\u4e00-\\u9fff]{0,8}?(?:卫生院|敬老院|服务中心|中心|服务站|站|所|办公室|办|局|队|财政|主席团|中心组)` +
    `|[\\u3400-\\u4dbf\\u4e00-\\u9fff]{1,10}?(?:林场|工作队|监督委员会|主席团|机关党委|理论学习中心组|股份经济合作社|管理处|管理所|管理站))(?=[\\u3400-\\u4dbf\\u4e00-\\u9fff])`,
);

/** The office a sentence opens on, when what follows is what it did (a verb): "镇卫生院签约家庭医生服务6200人". */
function doerOf(sentence: string): string | null {
  const m = DOER.exec(sentence);
  // (an act is no body's name: 组织党工委理论学习中心组开展… is done to the group, by none named)
  if (!m || /^v/.test(taggedWords(m[1]!)[0]?.tag ?? "")) return null;
  // (…past a time it says it did it in: 镇便民服务中心上半年办理…, 乡驻村工作队每年协调…)
  const rest = sentence
    .slice(m.index + m[0].length)
    .replace(/^(?:上半年|下半年|全年|今年|每年|每月|每季度|每半年)/, "");
  const next = taggedWords(rest.slice(0, 6))[0];
  // (…or a preposition that leads to it: "乡卫生院为65岁以上老年人免费体检")
  return next && (/^v/.test(next.tag) || /^(?:为|对|向|在|与|给)$/.test(next.word)) ? m[1]! : null;
}
