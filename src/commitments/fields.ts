import { townshipStem, withoutHeadingNumber } from "../domain/zh.js";
import { taggedTokens, townshipStems } from "../search/tokenize.js";

/**
 * The words around a quantity, as a cadre would put them in a report: what is counted (whole,
 * never a leading verb or a word cut in half) and the places it is about. Read from jieba's
 * part-of-speech tags over the sentence, not from character patterns:
 *
 * - a number before its measure word counts the noun phrase after it ("加快4个生态宜居美丽乡村建设"
 *   → 生态宜居美丽乡村);
 * - otherwise the number measures the subject before it ("油菜种植面积达15000千余亩" → 油菜种植面积),
 *   and a clause that only says 产值 or 面积 takes its topic from the clause before
 *   ("烟叶种植面积1426余亩，产值约580余万元" → 烟叶产值);
 * - places enumerated before the count are places ("龙塘、东源山等2个村大型猪场" → 大型猪场 at
 *   龙塘、东源山), and only real names are places (a village, river, road, reservoir, named site).
 */

type Token = { word: string; tag: string; start: number; end: number };

/** Measure words: a number before one of them counts the noun after it. */
const CLASSIFIERS = new Set(
  "个 座 条 所 家 处 块 支 辆 次 期 项 场 张 间 盏 台 套 批 宗 件 只 头 株 棵 口 眼 栋 幢 名 篇 册 份 起 届 轮 户 人".split(
    " ",
  ),
);

/** Where a clause ends. */
const BOUNDARY = /[，；。：,;:！？!?\n（）()｜|]/;
/** …and where one item of a list ends ("上级资金2870万元、镇级配套资金1256万元"). */
const ITEM_BOUNDARY = /[，；。：,;:！？!?\n（）()、｜|]/;

/**
 * Verbs that act on the counted thing (完成18个…, 新建机耕道8公里): a noun phrase never starts with
 * one. A word list, because jieba tags many of these nouns and many nouns verbs (行为/v, 低保/v).
 */
const ACTIONS = new Set(
  (
    "完成 新建 新增 新修 新修砌 修建 修砌 建成 建设 改建 改扩建 扩建 实施 推进 加快 开展 组织 组织开展 举办 " +
    "落实 帮助 新造 启动 打造 培育 引进 招引 争取 投入 投资 购买 购置 采购 制作 竖立 设立 设置 配备 配置 发放 兑现 下派 " +
    "选派 派出 处理 处罚 处置 打击 查处 排查 清理 清查 整治 关闭 取缔 责令 通报 免职 停职 接受 化解 调处 " +
    "悬挂 张贴 印发 发放 走访 慰问 给予 提供 解决 实现 达到 达 确保 力争 计划 预计 定制 设 设有 储备 调用 " +
    "抓好 做好 加强 强化 提高到 提升至 增加 增长 稳定 稳定在 巩固 持续 继续 积极 有序 切实 全力 " +
    "大力 着力 进一步 进行 累计 共计 合计 总计 共有 共 约 近 超 超过 突破 已 已经 再 又 还 将 要 可 可达 能 能够 会 应 " +
    "成立 组建 创建 创办 签订 签约 培训 召开 收集 受理 办结 出动 开通 铺设 拓宽 种植 栽种 补植 " +
    "用于 涉及 覆盖 吸引 带动 辐射 惠及 安置 转移 吸纳 新增加 发展 建立 健全 " +
    "新设 新开通 形成 批评 警告 劝导 约谈 训诫 拆除 容纳 收购 扶持 扩大 整顿 改造 开办 安装 新装 新购 购进 更换 评定 评选 恢复 硬化 整修 修缮 修复 开发 兴建 配发 增设 添置 划分 纳入 推广 加固 接待 提升 新植 栽植 努力争取 积极争取 力求 盘活 累积 开设 规范 认领 担任 壮大 安排 确定 梳理 票决 申报 实行 施划 提出"
  ).split(" "),
);
/** An office's procedure opening what it counts: 办理…案件, 认定…传承人, 申请…资金, 修订完善…村规民约. */
const PROCEDURE_FIRST = /^(?:办理|受理|认定|申请|修订完善|修订|审核|审批|核发)(?=[\u3400-\u4dbf\u4e00-\u9fff]{3})/;
/** Actions that never are the counted act themselves ("完成", "开展"): they always end a phrase. */
const GENERIC_ACTIONS = new Set(
  "完成 实现 开展 进行 发放 举办 召开 组织 组织开展 共有 推进 加快 落实 实施 做好 抓好 确保 力争 计划 预计 累计 共计 合计 总计 达到 达 可达 新建 新增 建成 投入 投资 给予 提供 涉及 用于 设 设有 将 要 可 已 已经 再 共 约 近".split(
    " ",
  ),
);
/** An act of two characters or more, where the words of a counted thing end. */
const ACT_WORD = new RegExp(
  [...ACTIONS]
    .filter((a) => a.length >= 2)
    .sort((a, b) => b.length - a.length)
    .join("|"),
);
/** …and one standing at the start of a text. */
const ACT_WORD_FIRST = new RegExp(`^(?:${ACT_WORD.source})`);
/** Words that only compare a figure with another (减至, 不低于): what they compare is the thing. */
const COMPARISON = /^(?:压?减至|降至|降到|不?低于|不?高于|不少于|不超过|增至|提高到|提升至|低于年度目标|高于年度目标)$/;
/** Scope and time words a clause opens with. */
const SCOPE = new Set(
  "全镇 全乡 全县 全市 全区 全村 全街道 辖区 全辖区 镇里 镇财政 今年 全年 年内 年底 目前 当前 现有 尚有 还有 仍有 剩余 相应 同步 逐步 其中 同时 另外 此外 一年来 近年来 今年以来 以来 期间 平均 每天 每年 每月 每人 每户 每季度 每个 个人 最高 最低 一次性 全部 实际".split(
    " ",
  ),
);
/** Tags that never belong to a counted noun phrase: prepositions, adverbs, conjunctions, particles, pronouns, numbers, measure words. */
const STOP_TAGS = /^(p|d|dg|ad|c|u[a-z]*|r|rr|rz|m|mq|q|y|e|o|w|f)$/;
/** Words after a counted thing that only say work is done on it ("…示范村建设", "…卫生室标准化建设"). */
const WORK = /(?:的)?(?:标准化)?(?:建设|工作|创建|打造|任务)$/;
/** 约 saying about, not the end of a word (村规民约, 签约, 节约, 公约). */
const ABOUT = "(?<![签节制契合公条预民履])约";
/** A qualifier a count's words end on before its figure: 约, 近, 共, 达, 超, 逾, 计. */
const QUALIFIER_END = new RegExp(`(?:${ABOUT}|近|共|达|超|逾|计)$`);
/** Rates and comparisons that stand between a subject and its number ("标准由每人每月560元提高到每人每月"). */
const RATE_TAIL = new RegExp(
  String.raw`(?:(?:由|从)[^，；。]*?)?(?:仅为|仅有|仅达|仍达|仍为|均超过|均达到|均为|提高到|提高至|提升至|提升到|下降到|下降至|降低到|降低至|减少到|减少至|增加到|增加至|上升到|上升至|增长到|增长至|扩大到|扩大至|缩小到|缩小至|调整为|稳定在|控制在|保持在|保持|不低于|不少于|达到|可达|达|(?<![行作认成称])为|是|按|共|${ABOUT}|近|超过|合计|累计|共计|总计)?\s*(?:每(?:人|户|生|名|亩|家|村|次|年|月|天|季度|座|个))*\s*$`,
);

/** A clause that says only that money was spent: "完成投资", "累计完成投资约". */
const SPENT = /^\s*(?:累计|全年|年内|共|实际|已)?完成投资\s*(?:约|达到?|共)?\s*$/;

/** What a clause measures when it says only an attribute: the topic comes from the clause before. */
const ATTRIBUTE =
  /^(?:总量|总?产值|总?产量|总?面积|种植面积|养殖面积|播种面积|(?:计划)?总?投资|投入|资金|收入|销售额|营业额|税收|规模|总额|人数|户数|数量|金额|出栏|存栏)$/;

/** Words with a place ending that name no place (categories, parts of speech). */
const NOT_PLACE =
  /^(农村|乡村|各村|全村|本村|该村|村村|每村|行政村|自然村|贫困村|重点村|示范村|试点村|中心村|后进村|通村|通组|巩固村|软弱涣散村|美丽乡村|村组|道路|公路|马路|线路|河道|河流|山林|荒山|园区|片区|广场|学校|中学|小学|中小学|完小|背街小巷|小巷|医院|卫生院|水库|渠道|干渠|支渠|桥梁|街道|村级|社区|农村公路|乡村公路|村道|山塘|样板河|产业园|工业园|中心小学|村卫生室|便民桥|漫水桥|人行桥|危桥|拱桥|石拱桥|小桥|平桥|铁索桥|便桥)$/;

/** Words that make a 片区 or 山塘 a kind, not a named one: 精品片区, 示范片区, 核心片区. */
const KIND_HEAD = /^(?:精品|示范|重点|核心|中心|新|老|城区|农业|工业|生态|旅游|产业|居住|商业|文化|整治|改造|试点)/;

/** What a benefit is paid per, right before its figure: 每户, 每人每月, 每亩 (PAID_AT: said after 按). */
const PAY_BASIS = "每[人户生亩村名家个](?:每[年月天季])?";
const PAID_PER = new RegExp(`(${PAY_BASIS})\\s*$`);
const PAID_AT = new RegExp(`按\\s*(${PAY_BASIS})\\s*$`);

/** The words of tokens, run together. */
const wordsOf = (tokens: Token[]): string => tokens.map((t) => t.word).join("");

/** Policy set phrases jieba cuts into pieces (急难/愁/盼, 稻/油轮/作, 和/美/乡村, 错/车道): read whole. */
const SET_PHRASES = [
  "占比",
  "社会组织",
  "经济组织",
  "群团组织",
  "自治组织",
  "急难愁盼",
  "规模以上",
  "半专业",
  "限额以上",
  "安置房",
  "周转房",
  "稻油轮作",
  "和美乡村",
  "乡村振兴",
  "两不愁三保障",
  "错车道",
  "一肩挑",
  "适老化",
  "充电桩",
  "转移支付",
  "占道经营",
  "乱搭乱建",
  "乱堆乱放",
  "乱贴乱画",
  "私搭乱建",
  "再就业",
  "新增城镇就业",
  "新增就业",
  "推进会",
  "转移避险",
  "调度会",
  "推进调度会",
];

/** Tokens of a stretch of the sentence, with offsets relative to the sentence. */
function tokensIn(sentence: string, from: number, to: number): Token[] {
  return gluedNouns(joinPhrases(taggedTokens(sentence.slice(from, to)))).flatMap((t, k, all) => {
    const start = t.start + from;
    // (a measure word with no number before it is part of a noun: 国医/n 堂/q)
    const before = all[k - 1];
    if (
      t.tag === "q" &&
      /^[堂馆厅楼亭阁]$/.test(t.word) &&
      before &&
      before.end === t.start &&
      /^n/.test(before.tag) &&
      !/[\d一二两三四五六七八九十百千万几]$/.test(before.word)
    )
      return [{ ...t, tag: "n", start, end: t.end + from }];
    // a set phrase that is an act and its thing ("化解矛盾/l 纠纷") is read as the two
    const act = t.tag === "l" ? t.word.slice(0, 2) : "";
    if (act && ACTIONS.has(act) && t.word.length >= 4)
      return [
        { word: act, tag: "v", start, end: start + 2 },
        { word: t.word.slice(2), tag: "n", start: start + 2, end: t.end + from },
      ];
    return [{ ...t, start, end: t.end + from }];
  });
}

/** One-character endings of equipment and works (收集/池, 勾臂/箱): with the word before, one noun. */
const THING_END = /^[池箱车机桶柜罐舱棚]$/;

/**
 * Nouns jieba cuts in two, joined: an ending of equipment after the word it ends (垃圾/收集/池 → 收集池, 勾臂/箱),
 * and a one-character verb between an act and a noun, which is the noun's first character (新增/揉/捻机 → 揉捻机,
 * 配备/吸/粪车 → 吸粪车).
 */
function gluedNouns(tokens: Token[]): Token[] {
  const out: Token[] = [];
  /** The last token taken and `t`, one noun. */
  const join = (t: Token) => {
    const prev = out[out.length - 1]!;
    out[out.length - 1] = { word: prev.word + t.word, tag: "n", start: prev.start, end: t.end };
  };
  for (const t of tokens) {
    const prev = out[out.length - 1];
    const glued = !!prev && prev.end === t.start;
    const before = out[out.length - 2];
    const numeral = (x: Token | undefined) => !!x && /[\d一二两三四五六七八九十百千万几]$/.test(x.word);
    if (
      glued &&
      THING_END.test(t.word) &&
      /^(v|vn|n|nz|x|ng)$/.test(prev.tag) &&
      // (an act is the thing's kind where a noun stands right before it: 垃圾/收集/池)
      (!ACTIONS.has(prev.word) || (!!before && before.end === prev.start && /^n/.test(before.tag))) &&
      !numeral(prev)
    ) {
      join(t);
      continue;
    }
    // (a measure word with no number before it and a one-character noun after it is a noun: 双瓮式/户/厕)
    if (
      glued &&
      prev.tag === "q" &&
      prev.word.length === 1 &&
      t.word.length === 1 &&
      /^n/.test(t.tag) &&
      !numeral(before)
    ) {
      join(t);
      continue;
    }
    const act = out[out.length - 2];
    if (
      glued &&
      act &&
      prev.word.length === 1 &&
      prev.tag === "v" &&
      !/^[需要可能应将会拟有是为在用使把被给对向从到收]$/.test(prev.word) &&
      ACTIONS.has(act.word) &&
      act.word.length >= 2 &&
      !/^(?:可以|能够|应当|需要|必须|预计|计划|力争|确保)$/.test(act.word) &&
      act.end === prev.start &&
      /^(n|nz|x)$/.test(t.tag) &&
      t.word.length >= 2
    ) {
      join(t);
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Tokens with the pieces of a set phrase joined into one noun. */
function joinPhrases(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    let joined: Token | null = null;
    for (const p of SET_PHRASES) {
      if (!p.startsWith(t.word) || t.word === p) continue;
      let text = t.word;
      let e = k;
      while (text.length < p.length && e + 1 < tokens.length && tokens[e + 1]!.start === tokens[e]!.end)
        text += tokens[++e]!.word;
      if (text === p) {
        joined = { word: p, tag: "n", start: t.start, end: tokens[e]!.end };
        k = e;
        break;
      }
    }
    // (铁炉/n 冲/v 大桥/ns: a name's part jieba tags a verb, right before a place ending, is of the name)
    const next = tokens[k + 1];
    const prev = out[out.length - 1];
    if (!joined && prev && prev.end === t.start && /^n/.test(prev.tag) && nameVerbBefore(t, next)) {
      out[out.length - 1] = { word: prev.word + t.word + next.word, tag: "ns", start: prev.start, end: next.end };
      k++;
      continue;
    }
    out.push(joined ?? t);
  }
  return out;
}

/** The clause of the sentence around [at, end): from the last boundary before to the next after. */
function clauseBounds(sentence: string, at: number, end: number, boundary: RegExp): [number, number] {
  let lo = at;
  while (lo > 0 && !boundary.test(sentence[lo - 1]!)) lo--;
  let hi = end;
  while (hi < sentence.length && !boundary.test(sentence[hi]!)) hi++;
  return [lo, hi];
}

/** Where the clause before the one starting at lo starts (lo - 1 is the boundary between them). */
function previousClauseStart(sentence: string, lo: number): number {
  return clauseBounds(sentence, lo - 2, lo - 1, BOUNDARY)[0];
}

/** A noun that measures something (面积, 人数, 覆盖率, 垃圾量): an act before it is part of the phrase (种植面积). */
const MEASURE_NOUN = /(面积|人数|户数|产量|产值|数量|总量|率|量|能力|规模|里程|长度)$/;

/**
 * A one-character particle, locality word or size jieba cut out of a noun ("耕地/地/力保护补贴", "大/号/垃圾桶",
 * "烟叶上/等/烟比例"): between two content words it is part of the name.
 */
function glued(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (!next || next.start !== t.end) return false;
  // a numeral inside a name ("三/格式/化粪池", "三面/光/水渠"): a count would take a measure word
  if (/^[一二三四五六七八九十两]面?$/.test(t.word) && /^m/.test(t.tag)) return /^n/.test(next.tag);
  // an act that names a service inside a name ("老年/助/餐点")
  if (t.word === "助" && prev && prev.end === t.start) return /^(n|t|b)/.test(prev.tag) && /^n/.test(next.tag);
  // a count of kinds inside a name ("残疾人/两项/补贴")
  if (/^[两二三四五六七八九十]项$/.test(t.word))
    return !!prev && prev.end === t.start && /^n/.test(prev.tag) && /^n/.test(next.tag);
  // a size inside a name ("油菜/千亩/高产/示范片")
  if (/^[百千万]亩$/.test(t.word))
    return !!prev && prev.end === t.start && /^n/.test(prev.tag) && /^(n|vn)/.test(next.tag);
  if (t.word.length !== 1 || !prev || prev.end !== t.start) return false;
  // a size between an adjective and its noun ("大/号/垃圾桶"), though jieba tags it a number
  if (/^[mq]$/.test(t.tag)) return /^a/.test(prev.tag) && /^n/.test(next.tag);
  return (
    /^(u[a-z]*|f)$/.test(t.tag) &&
    !/^[的之了着过得所]$/.test(t.word) &&
    /^(n[a-z]*|a|b|f)$/.test(prev.tag) &&
    /^(n[a-z]*|u[a-z]*)$/.test(next.tag)
  );
}

/** Measure words a count uses; any other character jieba tags a measure word is a rare one of a name. */
const COMMON_MEASURE =
  /^[个座条所家户名项处口部台辆盏套张间栋次期批人元亩米吨只头块棵株根本份件位支场轮届篇起车艘架层片]$/;

function isStop(t: Token): boolean {
  // an enumerator of a list of tasks ("二是", "其三") names nothing
  if (/^(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]+)$/.test(t.word)) return true;
  // a one-character verb (砌, 修, 建) acts, it names nothing
  // (but 防/抗/禁/控 open a name: 防返贫, 防溺水, 抗旱, 禁毒, 控辍)
  if (t.tag === "v" && t.word.length === 1 && !/^[率量数防抗禁控]$/.test(t.word)) return true;
  if (BOUNDARY.test(t.word) || /^[、等的和及与或]$/.test(t.word)) return true;
  if (ACTIONS.has(t.word) || SCOPE.has(t.word)) return true;
  if (/^\d/.test(t.word) || /^[\d.]+[%％]?$/.test(t.word)) return true;
  if (
    t.tag === "t" &&
    (/\d/.test(t.word) ||
      /^(今年|去年|明年|当年|全年|年内|年底|年初|年末|月底|月初|上半年|下半年|近年|近年来|目前|当前|期间)$/.test(
        t.word,
      ))
  )
    return true;
  // (a pronoun-tagged word that names a level is content: 本级税收)
  return STOP_TAGS.test(t.tag) && !/^本级$/.test(t.word);
}

/** Words that name people or the bodies that act like them (负责人, 对象, 农户, 养殖场, 合作社): what follows them is what they did. */
const PEOPLE = /(人|员|者|户|农民|农|干部|对象|学生|群众|老人|儿童|劳动力|村民小组|养殖场|企业|合作社|公司|农场)$/;

/** The noun phrase a count names after its measure word: "“村庄美”示范村建设" → "“村庄美”示范村". */
function phraseAfter(sentence: string, end: number, to: number, counted = true): string {
  // "658名80周岁以上老人": an age opening the phrase belongs to it
  const age = AGE_PREFIX.exec(sentence.slice(end, to));
  if (age) {
    const rest = phraseAfter(sentence, end + age[0].length, to, counted);
    return rest ? `${age[0]}${rest}` : "";
  }
  // "3个亿元以上项目": a money class opening the phrase belongs to it
  const money = /^\s*(?:亿元|千万元|百万元|万元)(?:以上|以下)/.exec(sentence.slice(end, to));
  if (money) {
    const rest = phraseAfter(sentence, end + money[0].length, to, counted);
    return rest ? `${money[0].trim()}${rest}` : "";
  }
  const tokens = tokensIn(sentence, end, to).filter((t) => t.word.trim());
  while (tokens.length && /^(以上|左右|以下|多)$/.test(tokens[0]!.word)) tokens.shift();
  const taken: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (/^[“”"《》]$/.test(t.word)) {
      taken.push(t);
      continue;
    }
    // an act inside a name ("技能提升补贴", "乡村振兴驻村工作队") when a noun follows it
    const inner =
      taken.length > 0 && ACTIONS.has(t.word) && !GENERIC_ACTIONS.has(t.word) && /^n/.test(tokens[k + 1]?.tag ?? "");
    // a one-character ending of a noun phrase (供水/点, 服务/站) though jieba tags it a measure word
    // (…or the word right after a quoted name, though jieba tags it an act: “两新”组织)
    const ending =
      taken.length > 0 &&
      (/^[点站所队组处室]$/.test(t.word) || (/[”"]/.test(sentence[t.start - 1] ?? "") && t.word.length === 2));
    // "4个村推行垃圾分类试点": villages counted, then what they do
    if (taken.length === 1 && /^[村镇乡]$/.test(taken[0]!.word) && /^v/.test(t.tag)) break;
    // people named, then what they did ("2名党政负责人履职不力"): the people are counted
    if (/^[va]$/.test(t.tag) && PEOPLE.test(wordsOf(taken)) && tokens[k + 1] && /^n/.test(tokens[k + 1]!.tag)) break;
    if (/^v/.test(t.tag) && PEOPLE.test(wordsOf(taken))) break;
    // "702户群众饮水问题得到解决": what became of the thing is no part of it
    if (taken.length && /^(得到|得以|获得)$/.test(t.word)) break;
    if (
      isStop(t) &&
      !inner &&
      !ending &&
      !(taken.length && glued(tokens, k)) &&
      !(taken.length && /^[“《]/.test(taken[taken.length - 1]!.word))
    )
      break;
    taken.push(t);
  }
  // "2个村大型猪场": the pig farms of two villages
  // (but a village's own institution is one thing: "2个村卫生室", "3个村级活动中心")
  if (
    counted &&
    taken.length > 1 &&
    /^[村镇乡户]$/.test(taken[0]!.word) &&
    !/^(卫生室|委|部|级|小|民|道|集体|组)/.test(taken[1]!.word)
  )
    taken.shift();
  // "5个村民小组饮水难问题": the groups counted, not their problem (households keep it: "900户群众饮水问题")
  if (/问题$/.test(wordsOf(taken)))
    for (let k = taken.length - 1; k > 0; k--)
      if (/(村民小组|小组)$/.test(wordsOf(taken.slice(0, k)))) {
        taken.splice(k);
        break;
      }
  let out = wordsOf(taken);
  // (…but what says only what kind of work, 具体 of 具体任务, is no thing without it)
  while (
    WORK.test(out) &&
    out.replace(WORK, "").length >= 2 &&
    !/^(a|ad|b|d|m)$/.test(taggedTokens(out.replace(WORK, "")).at(-1)?.tag ?? "")
  )
    out = out.replace(WORK, "");
  out = out.replace(/(.{2,})标准化$/, "$1"); // "村卫生室标准化（建设）"
  return out.replace(/^[”"]+|[“"]+$/g, "");
}

/** Adverbs and pronouns that do stand before a count ("两村分别3个", "其中", "共计"): no part of a name. */
const FUNCTION_WORDS =
  /^(分别|均|共|共计|总共|一共|全部|其中|各|各自|每|约|近|已|已经|达|累计|合计|总计|仅|再|又|都|还|也|这|那|本|该|此|自己|大约|至少|总|其他|有关|相关|目前|当前|同时|如此|这些|那些|其余)$/;

/** Words that say what kind a road is, not which one (产业路, 乡村大道, 通组路). */
const ROAD_KIND =
  /^(农村|乡村|产业|旅游|通村|通组|村组|田间|机耕|生产|环村|沿河|景观|主干|次干|城乡|县乡|乡道|县道|国道|省道|干线|支线|连接|入户|联网|快速|滨河|沿江|道路|公路|街道|背街|小巷|林区|园区|厂区|镇区|城区|新区|社区|村内|村级)$/;

/** Kinds of community, not names of one (城市社区, 示范社区, 老旧社区, 社区戒毒社区康复). */
const COMMUNITY_KIND =
  /^(城市|农村|城镇|建强|共建|创建|打造|红色|星级|和谐|示范|文明|美丽|智慧|绿色|平安|幸福|新型|完整|老旧|全国|省级|市级|县级|试点|重点|涉农|安置|搬迁|移民|城区|中心|各|全|本|该|每|戒毒|康复|矫正|养老|居家|卫生|服务|文化|体育|党建|网格|治理|无毒|法治|健康|安全|宜居|生态|低碳)$/;

/** A community or a reservoir named by its own word ("南门/ns 社区", "天井/n 社区", "鸭池/ns 水库"), however jieba cuts it. */
function namedCommunity(words: Token[]): boolean {
  const last = words[words.length - 1];
  if (words.length < 2 || words.length > 3 || !/^(社区|水库)$/.test(last!.word)) return false;
  // (the name may be cut in two: 锅底/n 塘/j 水库)
  const head = words.slice(0, -1);
  const name = wordsOf(head);
  return (
    name.length >= 2 &&
    head.every((t) => /^(n|ns|nr|nz|nt|x|ng|j|g|zg|a)/.test(t.tag)) &&
    !COMMUNITY_KIND.test(name) &&
    !/^(小型|中型|大型|病险|骨干|山区|小一型|小二型|山塘|塘坝|河流|沟渠|库区)$/.test(name)
  );
}

/** Tags of a common thing (not a name): the two sides of "空巢老人、留守儿童", "配套及整合资金". */
const THING = /^(n|vn|a|b|an|v)$/;

/** One-character endings of a counted thing jieba tags a measure word or a verb (收集/点, 服务/站, 中心/户, 屋场/会). */
const NAME_ENDING = /^[点站所队组处室户会亭]$/;

/** The subject a number measures, the words right before it: "至6月底已完成老年证办理" → "老年证办理". */
function phraseBefore(sentence: string, from: number, at: number, unitAsked = ""): string {
  // a count of another kind right before ("民生实事项目10大类28项") is not part of the subject
  const head = sentence
    .slice(from, at)
    .replace(RATE_TAIL, "")
    .replace(/\d+(?:\.\d+)?\s*(?:大类|类|种|方面)$/, "");
  const tokens = tokensIn(head, 0, head.length).filter((t) => t.word.trim());
  const taken: Token[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    // a quoted name is one word, whatever jieba makes of it ("“三品一标”认证产品": 三品/m 一标/x; "“四上”企业")
    if (t.word === "”" || t.word === "》") {
      let k = i - 1;
      while (k >= 0 && tokens[k]!.word !== (t.word === "”" ? "“" : "《")) k--;
      // (a number in quotes, "“12345”热线", is no name of the thing)
      if (
        k >= 0 &&
        i - k >= 2 &&
        t.end - tokens[k]!.start <= 12 &&
        !/^[“《]\d+[”》]$/.test(wordsOf(tokens.slice(k, i + 1)))
      ) {
        taken.unshift({ word: wordsOf(tokens.slice(k, i + 1)), tag: "nz", start: tokens[k]!.start, end: t.end });
        i = k;
        // (the act before it is no part of it: 推动“个转企”)
        const before = tokens[k - 1];
        if (!before || /^v/.test(before.tag) || isStop(before)) break;
        continue;
      }
    }
    if (/^[“”"《》]$/.test(t.word)) continue;
    // "5G基站", "4K演播室": a code of letters and digits right before the thing is part of its name
    if (
      taken.length &&
      t.tag === "eng" &&
      /^[A-Za-z0-9]{1,6}$/.test(t.word) &&
      /[A-Za-z]/.test(t.word) &&
      t.end === taken[0]!.start
    ) {
      taken.unshift(t);
      continue;
    }
    // "供水管道": a 道 jieba reads as a measure word (供水管/n 道/q) ends the pipe counted
    if (!taken.length && t.word === "道" && i > 0 && /管$/.test(tokens[i - 1]!.word)) {
      taken.unshift({ ...t, tag: "n" });
      continue;
    }
    // "羊肚菌种植基地": the act a base or a park is for is part of its name
    if (
      taken.length &&
      /^(基地|园|园区|示范园|示范基地|大棚|车间|中心)$/.test(taken[0]!.word) &&
      /^(种植|养殖|加工|育苗|繁育|冷链|仓储)$/.test(t.word)
    ) {
      taken.unshift(t);
      continue;
    }
    // "闲置低效用地": a 地 jieba reads as a particle (效用/n 地/uv) ends the land counted
    if (!taken.length && t.word === "地" && /^u/.test(t.tag) && i > 0 && /^(n|a|v)/.test(tokens[i - 1]!.tag)) {
      taken.unshift({ ...t, tag: "n" });
      continue;
    }
    // a one-character ending of the counted thing ("烟花爆竹/点2处"), though jieba tags it a number
    if (!taken.length && NAME_ENDING.test(t.word) && i > 0 && /^(n|v|x|a)/.test(tokens[i - 1]!.tag)) {
      taken.unshift(t);
      continue;
    }
    // a noun jieba files as an adverb or a pronoun ("健康/a 一体机/d") ends the counted thing
    if (
      !taken.length &&
      /^(d|r)$/.test(t.tag) &&
      t.word.length >= 2 &&
      !FUNCTION_WORDS.test(t.word) &&
      i > 0 &&
      /^(n|a|vn|b)/.test(tokens[i - 1]!.tag) &&
      tokens[i - 1]!.end === t.start
    ) {
      taken.unshift(t);
      continue;
    }
    // the works a project is named for are part of its name ("南沟广场提升改造项目投资", "苹果改造提升项目")
    if (taken.length && ACTIONS.has(t.word) && !GENERIC_ACTIONS.has(t.word)) {
      // (…back over the works' words to the thing they are done to, which must come right before them)
      const named = taken.findIndex((x) => /^(项目|工程)$/.test(x.word));
      const works = named > 0 && taken.slice(0, named).every((x) => ACTIONS.has(x.word));
      let k = i - 1;
      while (k >= 0 && ACTIONS.has(tokens[k]!.word)) k--;
      if ((named === 0 || works) && k >= 0 && /^n/.test(tokens[k]!.tag)) {
        taken.unshift(t);
        continue;
      }
    }
    if (taken.length && glued(tokens, i)) {
      taken.unshift(t);
      continue;
    }
    // "培训后就业率": the act a rate is measured after is part of it (of a rate said in one word)
    if (
      taken.length === 1 &&
      /率$/.test(wordsOf(taken)) &&
      t.word === "后" &&
      i > 0 &&
      /^v/.test(tokens[i - 1]!.tag) &&
      tokens[i - 1]!.word.length === 2 &&
      tokens[i - 1]!.end === t.start
    ) {
      taken.unshift(tokens[i - 1]!, t);
      i--;
      break;
    }
    // "按期办结率", "及时处置率": how, part of the rate
    if (taken.length <= 2 && /率$/.test(wordsOf(taken)) && /^(按期|按时|及时|一次性|当场|限时)$/.test(t.word)) {
      taken.unshift(t);
      continue;
    }
    // "日清运能力", "日处理能力": per day, part of the measure; "规模以上工业企业": a size class
    if (
      taken.length &&
      ((t.word === "日" && taken[0]!.start === t.end) ||
        // (…and so do a year's capacity and a per-household mean: 年加工竹材, 户均增收)
        (/^(年|户均|人均|亩均)$/.test(t.word) && taken[0]!.start === t.end && !/\d$/.test(tokens[i - 1]?.word ?? "")) ||
        (/^(以上|以下)$/.test(t.word) && /^(规模|限额|亿元|万元|千万元)$/.test(tokens[i - 1]?.word ?? "")))
    ) {
      taken.unshift(t);
      // (a money class keeps its money: 亿元以上项目, 500万元以上项目)
      if (/^(亿元|万元|千万元)$/.test(tokens[i - 1]?.word ?? "")) {
        taken.unshift(tokens[--i]!);
      }
      continue;
    }
    // things listed or joined ("空巢老人、留守儿童", "镇级配套及整合资金"): one subject, when both sides are
    // common nouns (a list of names is places, see figurePlaces)
    // (和 only between nouns: "危旧房和空心房"; "清理和整治" are acts)
    const nouns =
      t.word === "和" &&
      i > 0 &&
      taken.length > 0 &&
      /^n|^b$/.test(tokens[i - 1]!.tag) &&
      // (…of a class or an act said as a field: 中央和省级资金, 社会保障和就业支出)
      (/^(n|vn|b)/.test(taken[0]!.tag) || (/^v/.test(taken[0]!.tag) && taken.length >= 2));
    if (
      taken.length &&
      (/^[、及与]$/.test(t.word) || nouns) &&
      i > 0 &&
      THING.test(tokens[i - 1]!.tag) &&
      THING.test(taken[0]!.tag)
    ) {
      taken.unshift(t);
      continue;
    }
    // "计划总投资4.8亿元": a plan's money is named as planned, as every labeller wrote it
    if (/^总?投资$/.test(wordsOf(taken)) && t.word === "计划") {
      taken.unshift(t);
      continue;
    }
    // "固定资产投资增长8%": money before a change is the thing that changed, not an act
    if (taken.length === 1 && /^(增长|下降|增幅|降幅|上升)$/.test(taken[0]!.word) && ATTRIBUTE.test(t.word)) {
      taken.unshift(t);
      continue;
    }
    // "一般性支出再压减8%": an adverb between a thing and what is done to it
    // (…not the 再 of 再就业)
    if (
      taken.length &&
      taken.every((x) => /^v/.test(x.tag) && !/^(就业|创业)$/.test(x.word)) &&
      /^(再|又|进一步|继续|持续)$/.test(t.word)
    )
      continue;
    // a negation before the thing is part of it: "未达标3个" is never 达标 ("未脱贫0户")
    if (taken.length && /^(未|尚未|没有|未能)$/.test(t.word)) {
      taken.unshift(t);
      break;
    }
    if (isStop(t)) {
      if (
        !taken.length &&
        /^(达到|可达|达|共计|合计|总计|累计|约|近|共|为|超过|突破|以上|力争|预计|确保|各|完成|实现|需|需要|需投入|可|可以|能|能够)$/.test(
          t.word,
        )
      )
        continue;
      // "桂溪水厂扩建工程完成投资680万元": the works whose money it is, before 完成
      // (…or 累计/计划 between the thing and its money: "500万元以上项目累计投资")
      if (
        /^(完成|实现|累计|共计|合计|总计|计划|实际)$/.test(t.word) &&
        taken.length === 1 &&
        ATTRIBUTE.test(taken[0]!.word)
      )
        continue;
      // "地区生产总值力争增长7%": an aim between the thing and its change
      if (/^(力争|预计|确保|计划)$/.test(t.word) && taken.every((x) => ACTIONS.has(x.word))) continue;
      // "计划总投资4126万元", "投入10万余元": the money is the head of the phrase
      if (!taken.length && ATTRIBUTE.test(t.word)) {
        taken.unshift(t);
        continue;
      }
      // the counted act itself ("累计排查1597户", "晚稻种植1300亩", "清理清查达25633人"), or an act
      // that makes a measure noun ("种植面积", "签约覆盖率"): part of the phrase
      const act = ACTIONS.has(t.word) && !GENERIC_ACTIONS.has(t.word) && t.word.length >= 2;
      const onlyActs = taken.every((x) => ACTIONS.has(x.word) || /^v$/.test(x.tag));
      // (…or the act a one-character ending names a place for: 收集/点, 服务/站)
      const ending = taken.length === 1 && NAME_ENDING.test(taken[0]!.word);
      // (…or what was done for the people counted: 培训群众, 救助困难群众)
      // (…and enterprises or projects brought in: 引进企业, as a report counts them)
      const served =
        (/^(培训|资助|救助|慰问)$/.test(t.word) && PEOPLE.test(wordsOf(taken))) ||
        (/^(引进|招引|签约)$/.test(t.word) && /^(企业|项目)$/.test(wordsOf(taken))) ||
        // (…and what is treated or carried by the ton: 处理污水, 清运生活垃圾)
        (/^(处理|清运|收运)$/.test(t.word) && /吨$/.test(unitAsked));
      if (act && (onlyActs || ending || served || MEASURE_NOUN.test(taken[0]!.word) || /率$/.test(wordsOf(taken)))) {
        taken.unshift(t);
        continue;
      }
      break;
    }
    taken.unshift(t);
  }
  let out = wordsOf(taken);
  // an age before the phrase belongs to it ("80周岁以上老人", "80—89周岁")
  const rest = head.slice(0, taken.length ? head.lastIndexOf(taken[0]!.word) : head.length);
  const age = /\d+(?:\s*[—\-~～至到]\s*\d+)?\s*周?岁(?:以上|以下)?$/.exec(rest);
  if (age) out = `${age[0]}${out}`;
  // …and a mean per unit, however the tokenizer cut it: 亩均/q+d 增收
  const per = /(?:亩均|户均|人均)$/.exec(rest);
  if (per && out && !out.startsWith(per[0])) out = `${per[0]}${out}`;
  // …and a money class its figure, however the tokenizer cut it: 500万元以上项目
  const figure = /(\d+(?:\.\d+)?)\s*$/.exec(rest);
  if (figure && /^(?:万元|亿元|千万元)以[上下]/.test(out)) out = `${figure[1]}${out}`;

  // "…电商直播等职业技能培训": the kind after the examples
  // (上等烟, 中等职业教育: a grade, not examples)
  if (/(?<![上中高初同平])等./.test(out)) out = out.slice(out.search(/(?<![上中高初同平])等(?=.)/) + 1);
  // "每人每天补助误工费": a rate and the act of paying it are not part of what is paid
  out = out.replace(
    /^(?:每(?:人|户|生|名|亩|年|月|天|日|季度))+(?:补助|补贴|发放|奖补|资助)?(?=[\u3400-\u4dbf\u4e00-\u9fff]{2})/,
    "",
  );
  // "改厕任务数", "生活补贴标准": the thing, not its count or its standard
  out = out.replace(/(任务|对象|项目)(?:总数|数)$/, "$1").replace(/((?:补贴|津贴|补助|资助|奖补))标准$/, "$1");
  return out.replace(/[“”"'《》]/g, "").trim();
}

/** The noun phrase a clause opens with (after scope and action words): "农村低保保障标准由…" → 农村低保保障标准. */
function phraseOpening(sentence: string, from: number, at: number): string {
  const tokens = tokensIn(sentence, from, at).filter((t) => t.word.trim());
  let i = 0;
  while (i < tokens.length && (isStop(tokens[i]!) || /^[“”"《》]$/.test(tokens[i]!.word))) i++;
  const taken: Token[] = [];
  for (; i < tokens.length && !isStop(tokens[i]!); i++) taken.push(tokens[i]!);
  const out = wordsOf(taken).replace(/[“”"'《》]/g, "");
  // "11个村集体经济收入…": jieba's 个村 carries the measure word of the count before
  const afterCount = taken.length > 0 && /\d\s*$/.test(sentence.slice(from, taken[0]!.start));
  return afterCount && /^[个名户家座条所处][\u3400-\u4dbf\u4e00-\u9fff]{2}/.test(out) ? out.slice(1) : out;
}

/** A change or a rate that is of the thing the clause before counted ("…财政税收1386万元，同比增长6.2%"). */
/** A change said by itself after a figure: 增长, 同比上升, 比上年增加. */
const CHANGE =
  /^(?:比|较)?(?:上年同期|去年同期|上年末|上年|去年|同期|年初)?(?:同比)?(?:增加|增长|上升|下降|减少|压减)$/;
const CHANGE_OR_RATE =
  /^(?:同比)?(?:增长|下降|增幅|降幅)$|^[\u3400-\u4dbf\u4e00-\u9fff]{1,3}率$|^(?:日|年)?(?:处理|供水|生产)能力$|^(?:建筑|占地|使用)面积$/;
/** …of which a size or capacity is of the thing itself, not of its money or count (宿舍楼投资 → 宿舍楼建筑面积). */
const SIZE_OF = /(?:能力|面积)$/;

const AGE_PREFIX = /^\d+(?:\s*[—\-~～至到]\s*\d+)?\s*周?岁(?:以上|以下)?/;
const AGE_ONLY = new RegExp(`${AGE_PREFIX.source}$`);

function lastWord(phrase: string): string {
  return taggedTokens(phrase).at(-1)?.word ?? phrase;
}

/** A topic and its attribute, the words they share once ("城乡居民医保参保" + "参保率" → 城乡居民医保参保率). */
function joinTopic(topic: string, attribute: string): string {
  // (a rate named by the topic's own act says it alone: 已开工项目 + 开工率 → 开工率)
  // (…where the act is not the topic's end, which the overlap below joins: 医保参保 + 参保率 → 医保参保率)
  const act = attribute.slice(0, 2);
  if (/率$/.test(attribute) && attribute.length >= 3 && topic.includes(act) && !topic.endsWith(act)) return attribute;
  for (let k = Math.min(topic.length, attribute.length - 1); k > 0; k--)
    if (topic.endsWith(attribute.slice(0, k))) return topic + attribute.slice(k);
  return topic + attribute;
}

/** The topic of an attribute-only clause's object from the one before: "烟叶种植面积" → "烟叶", "大厦入驻率" → "大厦". */
function topicOf(previous: string): string {
  const tokens = taggedTokens(previous);
  let cut = tokens.length;
  while (
    cut > 1 &&
    (ATTRIBUTE.test(tokens[cut - 1]!.word) || /^(种植|养殖|播种|面积|产值|产量|占地)$/.test(tokens[cut - 1]!.word))
  )
    cut--;
  // (…or a rate of it: "文峰商务大厦入驻率" → 文峰商务大厦, whose 税收 the next clause counts)
  if (cut === tokens.length && /率$/.test(previous)) {
    const rated = taggedTokens(previous.slice(0, -1));
    let k = rated.length;
    while (k > 1 && /^v/.test(rated[k - 1]!.tag)) k--;
    const topic = wordsOf(rated.slice(0, k));
    if (topic.length >= 2 && k < rated.length) return topic;
  }
  return wordsOf(tokens.slice(0, cut));
}

/** Places listed right before a count ("龙塘、东源山等2个", "*左右干渠和仙姑等3条"). */
function enumeratedBefore(sentence: string, from: number, at: number): string[] {
  const before = sentence.slice(from, at);
  const m = /([^，；。：,;:]*?)等\s*$/.exec(before);
  if (!m) return [];
  const list = m[1]!;
  const items = list
    .split(/[、和及与]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length < 2 && !/[、和及与]/.test(list)) {
    // one named item before 等 ("大岭背等3家"): the words after the last verb
    const only = afterLastVerb(list);
    return only && only.length >= 2 ? [only] : [];
  }
  // the first item carries the clause's verbs ("切实抓好龙塘"): the words after the last verb
  items[0] = afterLastVerb(items[0]!);
  return items.filter((s) => s.length >= 2 || /\*/.test(s));
}

function afterLastVerb(text: string): string {
  const tokens = taggedTokens(text);
  let last = -1;
  tokens.forEach((t, i) => {
    // (a one-character preposition or a time word ends what comes before too: 汛前/t 对/p 鳜鱼潭水库)
    if (
      (/^(v|vd|ad|d|p|c)$/.test(t.tag) && t.word.length >= 2) ||
      /^(p|t)$/.test(t.tag) ||
      ACTIONS.has(t.word) ||
      SCOPE.has(t.word)
    )
      last = i;
  });
  return wordsOf(tokens.slice(last + 1)).trim();
}

/** Whether a stretch states a figure of its own: a list number ("3.") or a date ("9月") is none. */
const hasFigure = (stretch: string): boolean =>
  /\d/.test(stretch.replace(/^\s*\d+\s*[.、．)）]/, "").replace(/\d{4}年|\d{1,2}月(?:\d{1,2}日)?(?:底|初|中旬)?/g, ""));

/** Endings of places whose head may be any word that is not a category (茶亭村, 舂陵河). */
const PLACE_SUFFIX =
  /(村|社区|小区|片区|宿舍区|家属区|家属院|家属楼|生活区|河|江|溪|湖|水库|干渠|支渠|渠|桥|大桥|镇|乡|街道|组|灌区|沟|塘)$/;
/**
 * Names with those endings that are kinds or bodies, not places: 乡镇, 集镇, 特色小镇, a 工作组 or 督查组
 * (a 村民小组 is a place by its name: 茶籽坡组), a 大型灌区.
 */
const KIND_OF_PLACE =
  /(?:(?:联系|服务|驻|[全各本该每城集小村乡市县下返回进入家故他异重名])[镇乡]$|(?:乡镇|城镇|集镇|小镇|村镇|市镇|建制镇|重点镇|中心镇|示范镇|特色小镇|各乡镇|全乡镇|民族乡|城乡)$|(?:工作|领导|专项|专班|督查|检查|指导|巡查|调研|考核|评估|专家|党小|互助|宣讲|督导|验收|评审|攻坚|服务|联络|协调|帮扶|巡回|小|课题|项目|网格|班|编|分|各|每|全|村|本|该|通|一)组$|(?:大型|中型|小型|重点|万亩|千亩)灌区$|(?:山|水|池|鱼|藕|河|边|田|堰|门|荷|当|养殖)塘$|(?:河|水|排水|截水|边|山|田|暗|明|地|排洪|阴|壕|冲|深|大|小|水渠|灌溉|沿)沟$)/;
/** A word with a place ending that is no kind (乡镇, 工作组): a place's name, or a word a list must not take as a thing. */
const placeLike = (word: string) => PLACE_SUFFIX.test(word) && !KIND_OF_PLACE.test(word);
/** A township's name (红星乡, 安远镇, 璞石街道). */
export const TOWN = /(?:镇|乡|街道)$/;
/** One-character place-name parts jieba tags as verbs: 铁炉/冲/大桥, 黄泥/塝/村. */
const NAME_VERB = /^(冲|坳|塝|垭|凼|垄|峪|堰)$/;
/** Whether a token is such a part, right before the place ending it belongs to (冲 of 冲/大桥). */
const nameVerbBefore = (t: Token, next: Token | undefined): next is Token =>
  NAME_VERB.test(t.word) && !!next && next.start === t.end && (PLACE_SUFFIX.test(next.word) || isSite(next.word));
/** Parks and markets, named by a place (杉湖工业园, 锦华商业街): a place once named, never by their kind alone. */
const PARKS =
  "工业园区|产业园区|物流园区|物流中心|商务中心|工业园|科创园|创业园|产业园|物流园|加工园|孵化园|实训基地|集中区|经济开发区|开发区|高新区|商业街|农贸市场|景区|大厦|湿地公园|森林公园|公园";
const PARK = new RegExp(`(?:${PARKS})$`);
/** Schools, clinics and plants: named by a place (桃源小学, 石桥水厂), or by any word before them. */
const SCHOOLS_AND_PLANTS = "中学|小学|完小|[一二三四五六七八九十]中|学校|卫生院|医院|水厂|污水处理厂";
/** Institutions a place may be named by any word before them (桃源小学, 石桥水厂, 三岔河大桥). */
const INSTITUTION = new RegExp(`(?:${SCHOOLS_AND_PLANTS}|处理厂|大桥|景区)$`);
/** Endings of places only when their head is a name (天东公路, 青禾水厂, 桃源小学), not a category (联网公路). */
const NAMED_SITE_SUFFIX = new RegExp(`(?:公路|路|大道|街|巷|园区|广场|${SCHOOLS_AND_PLANTS}|${PARKS})$`);
/** Whether a word ends like a site a place may name: a named site or an institution. */
const isSite = (word: string) => NAMED_SITE_SUFFIX.test(word) || INSTITUTION.test(word);
const NAME_TAGS = /^(ns|nr|nrfg|nrt|nz|x|zg|ng|j)$/;

/** The words that end a text, back to an act, a stop word or a verb (a verb by its tag): the name they make. */
function nameAtEnd(text: string, verb: RegExp): Token[] {
  const tokens = taggedTokens(text);
  let k = tokens.length;
  while (k > 0 && !(ACTIONS.has(tokens[k - 1]!.word) || isStop(tokens[k - 1]!) || verb.test(tokens[k - 1]!.tag))) k--;
  return tokens.slice(k);
}

/**
 * Place names in a stretch of the sentence, read from its words: a name and a place ending
 * ("茶亭/村", "鹿鸣村", "横沙江"), or a site ending after a proper name ("天东/公路", "青禾/水厂");
 * categories (农村, 重点村, 样板河, 联网公路) and anything with a verb in it are not places.
 */
function placesIn(sentence: string, from: number, to: number, township: string | null): string[] {
  // "上坪村至高峰村": two places (jieba reads 村至 as one unknown word)
  const stretch = sentence
    .slice(from, to)
    .replace(/([村河江溪桥路库组镇乡])(至|到|和|及)(?=[\u3400-\u4dbf\u4e00-\u9fff])/g, "$1、")
    // "枫林村通组公路", "白鹭村通村公路": jieba reads 村通组 as one unknown word
    .replace(/([村组])(?=通[村组])/g, "$1、")
    // "牛皮凼村河坎组", "蛤蟆石村*家湾组": a village and one of its 组 (jieba reads 村河 as one word)
    // (…but a 组 whose name is all redacted is the village's: 氹口村**组)
    .replace(/村(?=(?!民)(?!\*+组)[\u3400-\u4dbf\u4e00-\u9fff*]{2,4}组(?![长员织]))/g, "村、")
    // "鹤鸣村新开办…", "岩口村新建…": nor 村新 (a space ends the name)
    .replace(/村(?=新(?:开办|建|增|修|购|引进|培育|发展))/g, "村 ");
  // (a school's kind jieba reads as an act, 实验/vn 小学, is part of its name: 璞石实验小学)
  const tokens = taggedTokens(stretch)
    .filter((t) => t.word.trim())
    // (a rare character jieba can only call a measure word opens a name: 蔸/q 子坳/x 村)
    // (…and so does one it calls a bare morpheme, 蓰/zg 溪 公园, 埇/zg 口)
    .map((t) =>
      (t.tag === "q" && t.word.length === 1 && !COMMON_MEASURE.test(t.word)) || (t.tag === "zg" && t.word.length === 1)
        ? { ...t, tag: "ng" }
        : t,
    )
    .reduce<Token[]>((acc, t) => {
      const prev = acc[acc.length - 1];
      if (
        prev &&
        /^(?:实验|中心|示范)$/.test(prev.word) &&
        /^(?:小学|中学|学校|幼儿园)$/.test(t.word) &&
        prev.end === t.start
      )
        acc[acc.length - 1] = { word: prev.word + t.word, tag: "n", start: prev.start, end: t.end };
      else acc.push(t);
      // (…and so is its ordinal: 楠溆县/第二/实验小学 is one school)
      const [ord, school] = acc.slice(-2);
      if (
        ord &&
        school &&
        /^第[一二三四五六七八九十]+$/.test(ord.word) &&
        INSTITUTION.test(school.word) &&
        ord.end === school.start
      )
        acc.splice(-2, 2, { word: ord.word + school.word, tag: "n", start: ord.start, end: school.end });
      return acc;
    }, []);
  const out: string[] = [];
  let run: Token[] = [];
  const flush = () => {
    for (let j = 0; j < run.length; j++) {
      const last = run[j]!;
      const site = isSite(last.word);
      if (!PLACE_SUFFIX.test(last.word) && !site) continue;
      // the name: the words before the ending back to the run's start (at most two), or the word itself
      let i = j;
      // (back to the run's start, at most two words, never across a name already ended: 清溪江|样板河)
      // (…three where jieba could read none of the name and cut it into characters: 芒/槌/坝/村, 蒌/蒿/滩/村)
      const chars = (k: number) => run.slice(k, j).every((t) => t.word.length === 1);
      while (
        i > 0 &&
        (j - i < 2 ||
          (j - i < 3 && last.word.length === 1 && chars(i - 1)) ||
          // (…or where the name reached so far opens on a place's own ending, whose name is before it: 蕺菜/湾/便民/桥)
          (j - i < 3 && /^[湾坪坝冲岭坡塘溪寨岩坳垭滩]$/.test(run[i]!.word)) ||
          // (…or where a site's name jieba cut into characters stands before two words of its kind: 槠/林/创业/孵化园)
          (j - i < 4 &&
            PARK.test(last.word) &&
            run[i]!.word.length === 1 &&
            run[i - 1]!.word.length === 1 &&
            /^(?:g|ng|x|zg)$/.test(run[i - 1]!.tag))) &&
        /^[\u3400-\u4dbf\u4e00-\u9fff*]+$/.test(run[i - 1]!.word) &&
        // (a one-character ending right after a name that itself ends like a place: 清溪/江)
        // (…or an institution or a community named after one: 石桥/水厂, 石桥/社区)
        // (…or a site named after a name that ends like one: 杉湖/工业园, 杉湖/污水/处理厂)
        (!PLACE_SUFFIX.test(run[i - 1]!.word) ||
          (i === j &&
            (last.word.length === 1 ||
              INSTITUTION.test(last.word) ||
              /^(?:社区|小区|水库|水厂|电站|水电站)$/.test(last.word))) ||
          ((INSTITUTION.test(last.word) || PARK.test(last.word)) && /^(x|ns|nr|nrt|nz)$/.test(run[i - 1]!.tag))) &&
        !NAMED_SITE_SUFFIX.test(run[i - 1]!.word)
      )
        i--;
      const head = run.slice(i, last.word.length >= 3 ? j + 1 : j);
      // (a two-character river known by name, 岚河/x 汉江/ns, is a place; 小河, 内河 are kinds)
      // (…not an act on one, 巡河/滨河/沿河, nor a word of a quoted name, “桂溪夜话”)
      const river =
        last.word.length === 2 &&
        /[河江湖溪]$/.test(last.word) &&
        /^(x|ns|nz|nr)$/.test(last.tag) &&
        !/^[巡滨沿护跨治过渡入出临近环绕清上下]/.test(last.word) &&
        stretch[last.start - 1] !== "“";
      if (last.word.length < 3 && !head.length && !river) continue;
      // (an act on a river is no river, whatever stands before it: 河长/巡河)
      if (last.word.length === 2 && /^[巡护治]/.test(last.word)) continue;
      // (a one-character common word before a place ending is a kind, not a name: 光/水渠 of 三面光水渠)
      if (
        head.length === 1 &&
        head[0]!.word.length === 1 &&
        !NAME_TAGS.test(head[0]!.tag) &&
        // (…but a rare character jieba knows only as a morpheme is one: 薤/g 水河)
        head[0]!.tag !== "g" &&
        last.tag !== "ns" &&
        i === 0 &&
        run.length === j + 1
      )
        continue;
      // (a school, clinic or water plant may be named by any word: 桃源小学; a road only by a name)
      const institution = INSTITUTION.test(last.word);
      // (…and a park by a word before its trade: 文峰/n 电商/n 产业园, not 现代/农业/产业园)
      // (…or 文峰/n 商务大厦/nt: the trade may be in the ending's word)
      const parts = j - i + (last.word.length > (PARK.exec(last.word)?.[0].length ?? 0) ? 1 : 0);
      const namedPark =
        PARK.test(last.word) &&
        i < j &&
        (parts >= 2 ||
          (last.word === "公园" &&
            /^(?:n|ns|nr|nz|x|j)$/.test(run[i]!.tag) &&
            !/^(?:口袋|社区|城市|湿地|森林|生态|主题|儿童|文化|体育|休闲|滨河|街头|山顶|郊野|游园|小区|乡村|农业)$/.test(
              run[i]!.word,
            ))) &&
        run[i]!.word.length >= 2 &&
        !/^(现代|特色|省级|市级|县级|国家级|示范|重点|标准化|新型|智慧|生态|绿色|农业|工业|乡村|全镇|全乡|商务|电商)/.test(
          run[i]!.word,
        );
      // (…and a road by a word that is no kind of road: 轩辕/n 大道, not 产业/路 or 乡村/大道)
      const namedRoad =
        /^(大道|大街|街|路)$/.test(last.word) &&
        i === j - 1 &&
        run[i]!.word.length === 2 &&
        /^n/.test(run[i]!.tag) &&
        !ROAD_KIND.test(run[i]!.word);
      if (
        site &&
        !institution &&
        !namedPark &&
        !namedRoad &&
        !head.some((t) => NAME_TAGS.test(t.tag)) &&
        !(last.word.length >= 4 && NAME_TAGS.test(last.tag))
      )
        continue;
      let name = wordsOf(run.slice(i, j + 1));
      // (a site named after a township, whose name jieba cuts off it: 砻/坊/食品/工业园 is 砻坊食品工业园)
      const before = stretch.slice(0, run[i]!.start);
      for (const stem of township ? [townshipStem(township), ...townshipStems()] : townshipStems())
        for (let k = 1; k < stem.length && !name.startsWith(stem); k++)
          if (name.startsWith(stem.slice(k)) && before.endsWith(stem.slice(0, k))) {
            name = stem.slice(0, k) + name;
            break;
          }
      // (a one-character name part after a word jieba reads as a numeral is that word's: 八角/m 寨/ng 景区)
      if (i === 0 && name.length - last.word.length === 1) {
        const prev = tokens[tokens.indexOf(run[0]!) - 1];
        if (
          prev &&
          prev.end === run[0]!.start &&
          /^[\u3400-\u4dbf\u4e00-\u9fff]{2}$/.test(prev.word) &&
          /^(m|n|nz|ns|x|ng)$/.test(prev.tag) &&
          !ACTIONS.has(prev.word) &&
          !/[一二两三四五六七八九十百千万几个项名座条所家户次批处栋]$/.test(prev.word)
        )
          name = prev.word + name;
      }
      if (
        (name.length < 3 && !river) ||
        NOT_PLACE.test(name) ||
        (NOT_PLACE.test(last.word) &&
          // (…a kind's word after a name of two characters or more is that name's: 铁匠坪片区, 砂锅潭山塘)
          !(
            (institution ||
              PARK.test(last.word) ||
              (/^(?:片区|山塘)$/.test(last.word) && !KIND_HEAD.test(name)) ||
              /桥$/.test(last.word)) &&
            i < j &&
            name.length - last.word.length >= 2
          ) &&
          !namedCommunity(run.slice(i, j + 1))) ||
        /^(全|各|本|该|每|农|城|沿|新(?:建|增|修|改|型|农村|时代)|大型|小型|乡村|驻村|街道|社区|省级|市级|县级|区级|乡级|镇级|国家级)/.test(
          unglued(name),
        ) ||
        // (a measure word glued to a name is a count's, 12个入/x 河/ns: no place)
        /^[个座条所家户名项处口部台辆盏套张间栋]/.test(name) ||
        // (the county's own institutions, named by no name: 县人民医院, 县中医院, 市第一中学)
        /^[县市区](?:人民|中医|妇幼|疾控|职业|实验|第|中心|城关)/.test(name) ||
        // (…nor those of every township, 乡镇卫生院, 镇敬老院, named by their level alone)
        /^(?:乡镇|[乡镇村])(?:中心)?(?:卫生院|卫生室|敬老院|幼儿园|小学|中学|学校|中心校|医院)$/.test(name) ||
        // (a housing estate is named by a name, not by a kind: 老旧小区, 住宅小区, 垃圾分类小区)
        // (…and one word jieba knows, 居民小区/住宅小区, is a kind)
        (/小区$/.test(name) &&
          (/(老旧|安置|居民|住宅|商品房|保障|棚改|物业|开放式|辖区|示范|达标|分类|城区|集中)/.test(name) ||
            i === j ||
            run.slice(i, j).some((t) => !/^(n|ns|nr|nz|x)$/.test(t.tag)))) ||
        /(完成|实现|推进|开展|届|至|到)/.test(name) ||
        // (…nor a stretch of road, 临水路段, named by no name)
        (/[村组镇乡][\u3400-\u4dbf\u4e00-\u9fff]{1,3}路$/.test(name) && stretch[last.end] === "段") ||
        kindOfPlace(name) ||
        // (a town named with its county is the document's own, 宁化县安远镇: its address, no place of a figure)
        (TOWN.test(name) && /[县市区州]/.test(name.slice(0, -1))) ||
        (/社区$/.test(name) && COMMUNITY_KIND.test(name.slice(0, -2))) ||
        // (…nor a campaign's quoted name that opens on a number: “四好农村路”)
        (/^[一二两三四五六七八九十百千万]/.test(name) && /“[^”]*$/.test(stretch.slice(0, run[i]!.start)))
      )
        continue;
      if (
        township &&
        name.startsWith(township.replace(/[镇乡]$/, "")) &&
        !/(村|河|江|溪|水库|幼儿园|大桥|社区|组)$/.test(name) &&
        !NAMED_SITE_SUFFIX.test(name)
      )
        continue;
      // (…nor the township's own name with a verb jieba glues to it: 做/强荇溪/x 莼菜)
      if (township && unglued(name).indexOf(township.replace(/[镇乡]$/, "")) === 1) continue;
      // (jieba glues a verb or 在 to a name: 跨白/沙河 → 白沙河, 在檬子/坝村 → 檬子坝村)
      // (…and "我镇" before a village is the township speaking: 我镇东王内村 → 东王内村)
      const named = unglued(name).replace(/^(?:我|本|该)(?:镇|乡|街道)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2})/, "");
      // (a site named after a place found before it is the one place: 青苔溪 then 青苔溪便民桥)
      const within = out.findIndex((o) => named.startsWith(o) && named.length > o.length);
      if (within >= 0 && out[within] === out.at(-1)) out[within] = named;
      else if (!out.includes(named)) out.push(named);
    }
    run = [];
  };
  tokens.forEach((t, k) => {
    // (铁炉/冲/大桥: a name's part tagged a verb, right before the place ending)
    const namePart = run.length > 0 && nameVerbBefore(t, tokens[k + 1]);
    // (…and an ordinal in a school's name: 砻坊/第二/小学, 枞溪县/第一/中学)
    const ordinal =
      /^第[一二三四五六七八九十\d]{1,3}$/.test(t.word) &&
      /^(?:中学|小学|完小|幼儿园|学校)$/.test(tokens[k + 1]?.word ?? "");
    if (
      (!namePart && !ordinal && (isStop(t) || /^v/.test(t.tag))) ||
      /^(至|到|往|经|由|从|在|于)$/.test(t.word) ||
      !/^[\u3400-\u4dbf\u4e00-\u9fff*]+$/.test(t.word)
    )
      flush();
    else run.push(t);
  });
  flush();
  // a kindergarten named by its place ("梅西幼儿园", "石桥镇第二幼儿园", "龙井坪村幼儿园"), not by its kind
  // (普惠性幼儿园, 中心幼儿园): jieba tags 幼儿园 a name and cuts 第二 out
  // (the name is the words right before, back to an act: "芦花村新建幼儿园" names none; a village so
  // named gives way to its kindergarten, the more exact place)
  for (const m of stretch.matchAll(
    /([\u3400-\u4dbf\u4e00-\u9fff]{2,7}?)((?:中心|第[一二三四五六七八九十]+)?幼儿园|第[一二三四五六七八九十]+(?:小学|中学))/g,
  )) {
    const by = wordsOf(nameAtEnd(m[1]!, /^v/));
    if (by.length < 2 || /^(普惠|公办|民办|中心|乡镇|村级|农村|城区|镇区|示范|各|全)/.test(by)) continue;
    const kindergarten = `${by}${m[2]}`;
    for (let k = out.length - 1; k >= 0; k--) if (kindergarten.startsWith(out[k]!)) out.splice(k, 1);
    if (!out.includes(kindergarten)) out.push(kindergarten);
  }
  // …and a park named by a place word before its trade, however jieba cuts the ending ("樟坪农产品加工园":
  // 樟坪/x 农产品/n 加工/vn 园/zg), not a park of a kind (现代农业产业园)
  for (const m of stretch.matchAll(
    /([\u3400-\u4dbf\u4e00-\u9fff]{2,8}?)(加工园|产业园|工业园|科创园|创业园|物流园)/g,
  )) {
    const name = nameAtEnd(m[1]!, /^v$/);
    if (!name.length || !/^(x|ns|nr|nz)$/.test(name[0]!.tag) || name[0]!.word.length < 2) continue;
    const park = `${wordsOf(name)}${m[2]}`;
    if (!out.some((o) => o.includes(park) || park.includes(o))) out.push(park);
  }
  // the later names of a list are names whole, whatever jieba makes of them ("、上塘村、新塘村": 上/f 塘村,
  // 新/a 塘村): a village right after a 、, up to the next 、 or a count
  // (…and so are streets and lanes listed: "仓前街、铁匠巷、半边街等背街小巷")
  const items = [
    ...stretch.matchAll(
      /、([\u3400-\u4dbf\u4e00-\u9fff]{1,4}?(?:村|社区|(?<!背)街(?![道区办]|社区)|巷(?!社区)))(?![民委级组])/g,
    ),
  ].map((m) => ({
    name: m[1]!,
  }));
  // …and so is the first, back from its 、 to the act before it ("涉及禾丰村、": 禾/n 丰村/x)
  if (items.length) {
    const first = stretch.indexOf("、");
    const back: Token[] = [];
    for (const t of tokens.filter((t) => t.end <= first).reverse()) {
      // (a one-character locality or adjective opens a name: 上/f 塘村, 新/a 塘村; and a name jieba reads as a
      // verb is still a name until the village has one: 象鼻/v 岭村, 碓/g 窝/v 坪/ns 村)
      const opens = t.word.length === 1 && /^(f|a|n|ng|zg|x)$/.test(t.tag) && back.length > 0;
      const named =
        /^v/.test(t.tag) &&
        !ACTIONS.has(t.word) &&
        !/^(位于|地处|坐落|分布|包括|集中|在|到|至)/.test(t.word) &&
        back.length > 0 &&
        wordsOf(back).length < 4;
      if (
        t.end !== (back[0]?.start ?? first) ||
        ((isStop(t) || /^v/.test(t.tag)) && !opens && !named) ||
        ACTIONS.has(t.word) ||
        /[至到]/.test(t.word)
      )
        break;
      back.unshift(t);
    }
    // (jieba glues a preposition to an unknown name: 在檬/x 子坝村)
    const name = wordsOf(back).replace(/^[在于从由向经以对沿将把](?=[\u3400-\u4dbf\u4e00-\u9fff]{3})/, "");
    if (/^[\u3400-\u4dbf\u4e00-\u9fff]{2,4}(?:村|社区|街|巷)$/.test(name)) items.unshift({ name });
  }
  const found = items
    .map((i) => i.name)
    .filter(
      (name) =>
        !NOT_PLACE.test(name) &&
        !out.includes(name) &&
        !/^(全|各|本|该|每|通|省级|市级|县级|区级|乡级|镇级|国家级)/.test(name) &&
        !/[等和及]|乡村$/.test(name),
    );
  const at = (name: string) => stretch.indexOf(name);
  const all = [...out, ...found]
    .filter((name) => !found.some((f) => f !== name && f.endsWith(name)))
    .sort((a, b) => at(a) - at(b));
  // a name that opens a longer one is part of it (三岔河 of 三岔河大桥), and a site right after a
  // village is the village's (楠竹村竹海景区)
  const whole: string[] = [];
  for (const name of all) {
    if (all.some((o) => o !== name && o.startsWith(name))) continue;
    const last = whole[whole.length - 1];
    if (last && at(last) + last.length === at(name) && NAMED_SITE_SUFFIX.test(name))
      whole[whole.length - 1] = last + name;
    else whole.push(name);
  }
  // (a name of rare characters opening a project's or a clause's words, 埒口大桥新建工程, 筻塘溪河道清淤: jieba reads it as
  // nothing or as a piece of it, 溪河; the whole of it, up to its kind, in place of what overlaps it)
  const rare = RARE_SITE.exec(stretch);
  if (
    rare &&
    !KIND_OPENING.test(rare[1]!) &&
    !ACT_WORD_FIRST.test(rare[1]!) &&
    !/^[在对为于每全各该本做强抓促保]/.test(rare[1]!) &&
    unreadable(rare[1]!) &&
    !whole.some((n) => n.includes(`${rare[1]}${rare[2]}`))
  ) {
    const site = `${rare[1]}${rare[2]}`;
    const from = rare.index + rare[0].length - site.length;
    const kept = whole.filter((n) => at(n) + n.length <= from || at(n) >= from + site.length);
    whole.splice(0, whole.length, ...kept, site);
    whole.sort((a, b) => at(a) - at(b));
  }
  // (a street's name is no place where the estate after it is: 枹木巷小区, not 枹木巷; nor a village's where its
  // 组 is named, however redacted: 氹口村**组)
  if (whole.length)
    return whole.map((raw) => {
      const after = stretch.slice(at(raw) + raw.length);
      // (…nor a preposition jieba glues to a name it cannot read: 将峋/x 田村)
      const name = raw.replace(/^[将把](?=[\u3400-\u4dbf\u4e00-\u9fff]{2,5}(?:村|社区|组)$)/, "");
      const estate = (/^(?:小区|安置小区|花园小区)/.exec(after) ??
        (/村$/.test(name) ? /^\*{1,4}组/.exec(after) : null))?.[0];
      return estate && at(name) >= 0 ? `${name}${estate}` : name;
    });
  // (a name of rare characters jieba cannot read, 鹬/i 嘴河/x, 蘩/g 水/n 湿地公园: where the text puts it after 在 or 对
  // and it ends as a place does, the whole of it)
  const anchored = RARE_NAME_AFTER.exec(stretch)?.[1];
  if (
    anchored &&
    !/^(?:全|各|本|该|每|新|农村|城|乡村|县城|集镇|辖区|镇区|社区|村级|村内|村里)/.test(anchored) &&
    !/(?:乡村|农村|城村)$/.test(anchored) &&
    // (a 组 only where its land names it: 舻船坪组, not 工作组)
    (!anchored.endsWith("组") || GROUP_NAME.test(anchored))
  )
    return [anchored];
  // (…and a park named by such a name, 埇口农产品加工园二期: the name of two or three characters before its kind, at a
  // boundary of the text, no kind word itself)
  const park = RARE_PARK.exec(stretch);
  return park && !KIND_OPENING.test(park[1]!) && !ACTIONS.has(park[1]!) ? [`${park[1]}${park[2]}`] : [];
}

/** A site named by two or three characters before its kind, at a boundary of the text or after the act on it. */
const RARE_SITE =
  /(?:^|[，,。；;、\s]|实施|新建|建设|改造|提升|推进)([\u3400-\u4dbf\u4e00-\u9fff]{2,3}?)(大桥|公园|社区|水库|小区|溪|河)(?![\u4e00-\u9fff]?(?:村|镇|乡|县))/;
/** Whether jieba cannot read a name as words: a character of it stands alone as a morpheme, a measure word or nothing. */
function unreadable(name: string): boolean {
  return taggedTokens(name).some((t) => t.word.length === 1 && /^(?:x|zg|ng|g|q)$/.test(t.tag));
}

/** A park or zone named by a name of two or three characters, right at a boundary of the text. */
const RARE_PARK =
  /(?:^|[在对为于由、，,。；;\s]|依托|依靠|借助)([\u3400-\u4dbf\u4e00-\u9fff]{2,3}?)(农产品加工园|加工园|产业园|工业园|创业园|孵化园|科技园|物流园|示范园|农业园|工业集中区)/;

/** A place the text puts right after 在 or 对, ending as a village, a 村民小组, a water or a named site does. */
const RARE_NAME_AFTER =
  /[在对]([\u3400-\u4dbf\u4e00-\u9fff]{2,4}?(?:村|组|河|湾|溪|江|湖|水库|山塘|湿地公园|森林公园|苗圃|林场))(?=[\u3400-\u4dbf\u4e00-\u9fff，、\s])/;

/** The places of the shares from `from` on, clause after clause while every item is one: "其中A镇1.1万亩、B乡0.8万亩，C镇…". */
function sharesFrom(sentence: string, from: number, township: string | null): string[] {
  const names: string[] = [];
  for (const clause of sentence.slice(from).split(/[，,；;。]/)) {
    const items = clause.split("、").filter((x) => x.trim());
    const found = items.map((x) => SHARE.exec(x.replace(/\d[\s\S]*$/, ""))?.[1]);
    if (!items.length || found.some((n) => !n || kindOfPlace(n) || n === township)) break;
    names.push(...(found as string[]));
  }
  return names;
}

/** A name without the verb or preposition jieba glues to it: 跨白/沙河 → 白沙河, 在檬子/坝村, 以棕包坪村. */
const unglued = (name: string) =>
  name.length >= 4
    ? name.replace(/^(?:重建|改建|扩建|修建|拆除)(?=[\u3400-\u4dbf\u4e00-\u9fff]{3})|^[跨沿经临在对以]/, "")
    : name;

/** An item that is a place's name and its figure only: "其中葑田镇" of 其中葑田镇1.1万亩, "枞树包组" of 枞树包组40亩. */
const SHARE =
  /^\s*(?:其中|含)?\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,6}?(?:村|社区|镇|乡|街道|组))\s*(?:约|近|共|达|有)?\s*$/;
/** A 村民小组 is named by its land (桐子坪组, 簸箕湾组, 牛栏冲组); 中心组, 工作组, 山区组 are bodies or kinds. */
const GROUP_NAME = /[坪坡湾冲坳岭坝塘嘴岩桥沟垭坎场屋院山林田园堡包洞溪河垄窝台井湖滩寨庄垅坑口]组$/;
/** Whether a name with a place ending names a kind, not a place (集镇, 工作组, a 组 not named by its land). */
const kindOfPlace = (name: string) =>
  // (…a 山塘 or 水塘 named by a name of two characters or more is a place: 砂锅潭山塘)
  (KIND_OF_PLACE.test(name) &&
    !(
      /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}(?:山塘|水塘)$/.test(name) &&
      !/^(?:病险|小型|中型|大型|重点|骨干|现有|新建|各类|全部|农村|灌溉|蓄水|废弃)/.test(name)
    )) ||
  (/组$/.test(name) && !GROUP_NAME.test(name));

export interface CountedFields {
  object: string;
  place: string | null;
  /** Whether the place may stand for later quantities of the same sentence. */
  carries: boolean;
  /** Whether the quantity is a place's share of a total before it (its place is not the later figures'). */
  share: boolean;
  /** [start, end) of the quantity's clause in the sentence (where its deadline and unit are looked for). */
  clause: [number, number];
}

/**
 * What the quantity at [at, end) of `sentence` counts, and where: `unit` is its unit, `previous`
 * the object of the quantity before it in the same sentence ("" when none), `township` the
 * document's own township (never a place of its items), `previousPlace` the place of the quantity
 * before it in the same sentence.
 */
export function countedFields(
  sentence: string,
  at: number,
  end: number,
  unit: string,
  previous: string,
  township: string | null,
  previousPlace: string | null = null,
): CountedFields {
  const clause = clauseBounds(sentence, at, end, BOUNDARY);
  const item = clauseBounds(sentence, at, end, ITEM_BOUNDARY);
  const counted = countedObject(sentence, at, end, unit, previous, clause, item);
  // (names listed for a count of firms or projects are theirs, not places: "浙江南北能源等3个亿元以上项目")
  const listed = /(项目|企业|公司|产品|品牌|合作社|协会|商户|活动)$/.test(counted.object)
    ? counted.listed.filter((p) => PLACE_SUFFIX.test(p) || isSite(p))
    : counted.listed;
  const where = figurePlaces(sentence, at, clause, item, township, previousPlace, listed, unit, counted.object);
  let object = counted.object;
  // (no rule named it: the words after the figure up to the act, "对63户因病因灾临时困难家庭实施临时救助" → 因病因灾临时困难家庭)
  if (!object) {
    const rest = sentence.slice(end, item[1]);
    const cut = rest.search(ACT_WORD);
    const raw = (cut > 0 ? rest.slice(0, cut) : rest).replace(/^[\s的]+/, "").trim();
    if (raw.length >= 2 && raw.length <= 16 && !/[\d%％]/.test(raw)) object = raw;
  }
  // "已完成8项、正在推进2项": projects counted by where they stand
  // (the figure's clause up to it, which the rules below read)
  const upToFigure = sentence.slice(clause[0], at);
  const stage = /(已完成|正在推进|正在建设|在建|已开工|已竣工|未完工|未完成)\s*$/.exec(upToFigure);
  if (stage && /^(?:项|个)$/.test(unit) && (!object || /^(?:正在|已|在建)$/.test(object))) object = `${stage[1]}项目`;
  // "12个村（社区）党组织书记": villages and communities counted together
  if (object === "村" && unit === "个" && /^\s*村?[（(]社区[）)]/.test(sentence.slice(end))) object = "村（社区）";
  // "实现12个行政村全覆盖": the villages, not a word of 全覆盖
  if (/全$/.test(object) && /^\s*覆盖/.test(sentence.slice(end + object.length, end + object.length + 4)))
    object = object.slice(0, -1);
  // "新建年出栏3000头的标准化养殖场": a capacity inside the name of what is built is that capacity
  const capacity = /年(?:出栏|存栏|产|加工|处理)$/.exec(sentence.slice(Math.max(0, at - 4), at))?.[0];
  if (capacity && /^\s*的/.test(sentence.slice(end))) object = capacity;
  // "茶叶初制加工厂每座补助100万元": a subsidy per unit is the thing's subsidy
  object = object.replace(
    /(?<=[\u3400-\u4dbf\u4e00-\u9fff]{2})每(?:座|个|家|户|人|亩|处|栋|套|辆|台)(?=(?:补助|补贴|奖补|奖励)$)/,
    "",
  );
  // "新建村综合文化服务中心3个": what is built, not that it is (新修防火通道, 续聘生态护林员, 布设诱捕器)
  object = object
    .replace(
      /^(?:新建|新修|新挂|新设|续聘|聘请|配齐|布设|新铺设|新装|新植|增设|获得|分得)(?!项目$)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,})/,
      "",
    )
    // (…nor who won it: 代表团获得金牌 is 金牌)
    .replace(/^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}?(?:获得|夺得|摘得)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,}$)/, "")
    // (…nor that money is spent: 支出医疗救助资金 is 医疗救助资金)
    .replace(/^支出(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,}(?:资金|经费)$)/, "")
    // (…nor that a rate holds: 处理率稳定 is 处理率)
    .replace(/(?<=率)(?:稳定|保持|始终|持续)$/, "")
    // (…nor a budget's words for adding up, arranging or expecting: 加上上级补助收入, 支出安排, 收入预期)
    .replace(/^(?:加上|另有)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,})/, "")
    .replace(/(?<=[\u3400-\u4dbf\u4e00-\u9fff]{2})(?:安排|预期)(?=$|占|增长|下降)/, "")
    // (nor when it is counted: 6月末存栏 is 存栏)
    .replace(/^(?:\d{1,2}月)?(?:月末|月底|月初|年末|年底|年初|季末)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,})/, "")
    // (…nor the time it is set for: 第四季度新增城镇就业 is 新增城镇就业)
    .replace(/^(?:第[一二三四]季度|前三季度|[上下]半年|年内)(?=[\u3400-\u4dbf\u4e00-\u9fff]{3,})/, "")
    // (各村村集体经济收入: the 村 of 各村 is no part of the thing)
    .replace(/^村(?=村[\u3400-\u4dbf\u4e00-\u9fff]{2,})/, "");
  // "收入总计49.05亿元": a budget's sum is its 总计 (which the act words read as an act)
  const summed = /((?:收入|支出|资金|投资)(?:总计|合计))\s*(?:为|达)?\s*$/.exec(upToFigure)?.[1];
  if (summed && /元$/.test(unit)) object = summed;
  // "规模以上工业企业实现利润总额2.36亿元", "园区全年实现产值13.8亿元": what a body yields is named by the body
  const yielded = YIELDED.exec(upToFigure);
  if (yielded && /元$/.test(unit)) {
    const body = (yielded[1] ?? "")
      .replace(/^(?:全年|年内|今年|上半年|前三季度|一季度|目前|当年|共|累计)+/, "")
      .replace(/(?:全年|年内|今年|上半年|共|累计|预计|计划|力争|将|可|能)+$/, "");
    const subject =
      body.length >= 2 && !/^(?:全镇|全乡|全县|全区|全市|全街道|全村|全年|我镇|我乡|我县|镇|乡|县)$/.test(body)
        ? body
        : "";
    // (…and one with no body of its own yields what it names, 产值, not what the clause before counted, 入驻企业 — unless
    // that clause measured a crop or a product, whose 产值 it is: 黄桃面积达到2100亩，实现产值1480万元)
    const product = !subject && previous && topicOf(previous) !== previous;
    if (!product && !ACT_WORD_FIRST.test(subject)) object = `${subject}${yielded[2]}`;
  }
  // "在全镇14个行政村推行网格化管理", "实现12个小区视频监控全覆盖": places counted by what was done in them are the places
  // where it was done, as a cadre names them: 推行网格化管理的行政村, 视频监控全覆盖的小区
  const placesDone = PLACES_COUNTED.exec(sentence.slice(end, clause[1]));
  if (placesDone && /^(?:个|所|家|座)$/.test(unit)) {
    const done = placesDone[2]!.replace(/[。，,；;]+$/, "").trim();
    // (…not where nothing but 全覆盖 is said of them)
    if (done.length <= 14 && done.replace(/全?覆盖$/, "").length >= 3 && PLACE_ACTS.test(done) && !/\d/.test(done))
      // (…a pilot or a model said as a kind of place, 垃圾分类试点村, without the act that made it one)
      object = /(?:试点|示范)$/.test(done)
        ? `${done.replace(/^(?:推行|开展|实施)(?=.{3})/, "")}${placesDone[1]}`
        : `${done}的${placesDone[1]}`;
  }
  // "帮助320人实现就近就业": people counted by what they were helped to achieve are named by it (实现就近就业人员)
  const helped = /^\s*(?:余|多)?\s*(实现)([\u3400-\u4dbf\u4e00-\u9fff]{2,8}?)(?=$|[，,；;。])/.exec(
    sentence.slice(end, clause[1]),
  );
  if (helped && /^(?:人|名)$/.test(unit) && /(?:帮助|带动|组织|引导|推动|吸纳)\s*$/.test(upToFigure))
    object = `${helped[1]}${helped[2]}人员`;
  // "排查整改隐患1240处": what is counted is the hazards found and put right, named as the hazards
  if (/排查整改(?:安全)?隐患\s*(?:约|达)?\s*$/.test(upToFigure)) object = object.replace(/^整改(?=(?:安全)?隐患$)/, "");
  // "吸纳周边群众就业460余人": the people around a site are who it counts (周边群众就业)
  if (object.length >= 2 && !object.startsWith("周边") && upToFigure.replace(/\s/g, "").endsWith(`周边${object}`))
    object = `周边${object}`;
  // "为群众代办医保缴费、社保认证等事项286件": the 事项 are what was done for them (代办事项)
  const doneFor =
    object === "事项" ? /(代办|帮办)[^，。；]*?等?事项\s*(?:约|达)?\s*$/.exec(upToFigure)?.[1] : undefined;
  if (doneFor) object = `${doneFor}事项`;
  // "实际到位资金3.1亿元": a term whose first word reads as a scope word
  if (object === "到位资金" && /实际到位资金\s*(?:约|达)?\s*$/.test(upToFigure)) object = "实际到位资金";
  // "各项存款余额38.6亿元": 各项 of a bank's or a budget's sums is part of their name, not a scope word
  if (/^(?:存款|贷款|税收|收入|支出)/.test(object) && upToFigure.replace(/\s/g, "").includes(`各项${object}`))
    object = `各项${object}`;
  // "为调整预算的101.8%": a share of the budget is named as such
  const ofBudget = /为((?:调整|年初|年度)?(?:预算|计划))的\s*$/.exec(upToFigure)?.[1];
  if (ofBudget && unit === "%") object = `为${ofBudget}的比例`;
  // (…but 各村集体经济收入 is the villages' 村集体经济收入)
  if (/^集体经济/.test(object) && /(?:各|每|全)村\s*$/.test(sentence.slice(clause[0], at).split(object)[0] ?? ""))
    object = `村${object}`;
  // "发展党员7名的任务", "油菜2500亩的田间管理": the task or the work of the thing counted is no thing; the thing is
  // before the figure
  if (/^(?:任务|目标|目标任务|田间管理|管理|工作)$/.test(object) && /^\s*的/.test(sentence.slice(end))) {
    const before = phraseBefore(sentence, clause[0], at, unit);
    if (before.length >= 2) object = before.replace(/^(?:完成|实现)/, "");
  }
  // "可同时容纳480名学生就餐": people counted by what they come for are that act's
  const come =
    /^\s*(?:余|多)?\s*[\u3400-\u4dbf\u4e00-\u9fff]{0,2}?(学生|老人|幼儿|儿童|群众|居民)(就餐|住宿|就读|入住|用餐)/.exec(
      sentence.slice(end, clause[1]),
    );
  if (come && /^(人|名)$/.test(unit) && (object === come[1] || !object)) object = `${come[2]}${come[1]}`;
  // "硬化金桥村、花溪村背街小巷道路6公里": the last name of the list is a place, not part of the thing
  if (where.listEnd && where.places.length) {
    const lead = where.places.find((p) => object.startsWith(p) && object.length - p.length >= 2);
    if (lead) object = object.slice(lead.length);
  }
  // "上坪村至高峰村联网公路提质改造": the route's two ends are its places, the thing is the road
  if (where.places.length >= 2) {
    const route =
      /^[\u3400-\u4dbf\u4e00-\u9fff]{1,8}?[村镇乡组](?:至|到)[\u3400-\u4dbf\u4e00-\u9fff]{1,8}?[村镇乡组]/.exec(object);
    if (route && object.length - route[0].length >= 2 && where.places.every((p) => route[0].includes(p)))
      object = object.slice(route[0].length);
  }
  // (…where jieba cut a name of rare characters across, 墺/里村公路: the tail of the place right before the thing is
  // the place's, not the thing's)
  const said = where.places.length ? occurrences(sentence, object) : [];
  for (const p of where.places) {
    const k = [2, 1].find(
      (n) =>
        p.length > n + 1 &&
        object.startsWith(p.slice(-n)) &&
        object.length - n >= 2 &&
        !ACTIONS.has(p.slice(0, -n)) &&
        said.length > 0 &&
        said.every((i) => sentence.slice(i - (p.length - n), i) === p.slice(0, -n)),
    );
    if (k) {
      object = object.slice(k);
      break;
    }
  }
  // "建成岩口村垃圾压缩转运站1座": a village leads the thing's name; the thing is the station
  // (a school's canteen is the school's: 青禾中心小学食堂 keeps its name)
  // (…after the act that builds it anew: 重建金竹村便民桥)
  const rebuilt = object.replace(/^(?:重建|改建|扩建|修建)(?=[\u3400-\u4dbf\u4e00-\u9fff]{3})/, "");
  const village = where.places.find(
    (p) => /(?:[村组]|社区)$/.test(p) && rebuilt.startsWith(p) && rebuilt.length - p.length >= 2,
  );
  if (village) object = rebuilt.slice(village.length);
  // ("铜鼓生态食品产业园新引进企业5家": the park is where, what is new in it is the thing)
  const site = where.places.find((p) => object.startsWith(p) && /^新/.test(object.slice(p.length)));
  if (site) object = object.slice(site.length);
  object = object.replace(/^(?:园区|工业园|产业园|农业园)(?=新(?:引进|投产|入驻|签约|落户))/, "");
  // "三岔河大桥于9月建成通车，桥长126米，总投资1350万元": the money is the bridge's, named at the sentence's start
  const money = /(总投资|投资)$/.exec(object)?.[1];
  if (money) {
    const head = clauseBounds(sentence, 0, 0, BOUNDARY);
    const site = placesIn(sentence, head[0], head[1], township).filter(isSite);
    if (site.length === 1 && head[1] <= at) {
      if (!object.startsWith(site[0]!)) object = `${site[0]}${money}`;
      if (!where.places.length) where.places = site;
    }
  }
  // ("按每人每月100元标准发放高龄津贴": a rate paid is of the benefit it is paid as)
  const paid =
    /^\s*(?:的)?标准(?:按月|按季|按时|足额)*(?:发放|给予|兑现|落实)([\u3400-\u4dbf\u4e00-\u9fff]{2,8}?)(?=[，。；,;]|$)/.exec(
      sentence.slice(end),
    );
  if (/元$/.test(unit) && paid && BENEFIT.test(paid[1]!)) object = paid[1]!;
  // ("发展党员8名，其中35岁以下的不少于5名": a part of what the figure before counted, named by its age)
  const part = /其中\s*(\d+\s*周?岁以[上下]的?)\s*(?:不少于|不低于|达到?|有|为|占)?\s*$/.exec(upToFigure);
  if (part && previous && !/\d/.test(previous)) object = `${part[1]}${previous}`;
  // ("对已完工的6个项目开展结算审计": projects counted by where they stand, said before the figure)
  const standing = /(已[\u3400-\u4dbf\u4e00-\u9fff]{1,3}|正在[\u3400-\u4dbf\u4e00-\u9fff]{1,3})的\s*$/.exec(upToFigure);
  if (standing && /^(?:项目|工程|企业|村|户)$/.test(object)) object = `${standing[1]!.replace(/^正在/, "在")}${object}`;
  // ("街道党工委每半年专题研究意识形态工作": who does it and how often are no part of what is done)
  object = object.replace(
    /^[\u3400-\u4dbf\u4e00-\u9fff]{0,10}?每(?:半年|年|季度|季|月|周|天|半月)(?=[\u3400-\u4dbf\u4e00-\u9fff]{4})/,
    "",
  );
  // ("居民对社区环境的满意率达到95.1%": a rate of satisfaction is with the thing after 对)
  const rated =
    /对([\u3400-\u4dbf\u4e00-\u9fff]{2,10}?)的?(满意率|满意度|知晓率|认可度|获得感)\s*(?:达到?|为|超过)?\s*$/.exec(
      upToFigure,
    );
  if (rated) object = `${rated[1]}${rated[2]}`;
  // ("通过网格走访等渠道征集意见建议217条": the channels are how, not what)
  object = object.replace(
    /^(?:.{0,12}?(?:等|种))?(?:渠道|途径)(?=(?:征集|收集|受理|收到|反映)[\u3400-\u4dbf\u4e00-\u9fff]{2})/,
    "",
  );
  // ("重点项目累计完成投资1.52亿元": money said spent is the 完成投资 of its subject)
  // (…where the subject stands in the figure's own clause, and is no works: a 工程's money is its 投资 either way)
  const spentOf = object.replace(/(?:计划)?(?:总)?投资$/, "");
  if (
    /投资$/.test(object) &&
    !/完成投资$/.test(object) &&
    spentOf.length >= 2 &&
    !/工程$/.test(spentOf) &&
    /完成投资\s*(?:约|达到?|共)?\s*$/.test(upToFigure) &&
    upToFigure.includes(spentOf)
  )
    object = `${spentOf}完成投资`;
  // ("统筹各级资金1260万元": money of every level or kind is named so; 资金 alone names none)
  if (/^(?:资金|经费|补助资金)$/.test(object)) {
    const kind = new RegExp(`(各级|各类|各项)${object}\\s*(?:约|共|达|累计)?\\s*$`).exec(sentence.slice(clause[0], at));
    if (kind) object = `${kind[1]}${object}`;
  }
  // ("茶叶精深加工率仅为23%": an adverb before the figure is no part of the thing)
  object = object.replace(/(?<=.{2})(?:仅为|仅|只有)$/, "");
  // ("平均跑动次数压减至0.3次", "35岁以下的占比不低于60%": a comparison alone is no thing; what it compares is)
  if (COMPARISON.test(object)) {
    const pos = sentence.lastIndexOf(object.replace(/^不/, ""), at);
    const from = pos - (sentence[pos - 1] === "不" ? 1 : 0) - (sentence[pos - 1] === "压" ? 1 : 0);
    // (the phrase before it, else the clause's words before it: "其中35岁以下的占比" → 35岁以下的占比)
    const raw =
      from > clause[0] ? sentence.slice(clause[0], from).replace(/^(?:其中|同时|全年|全镇|全乡|全县)/, "") : "";
    const compared =
      (from > clause[0] ? phraseBefore(sentence, clause[0], from) : "") ||
      (raw.length <= 16 && !/\d(?!\d*\s*周?岁)/.test(raw) ? raw.trim() : "");
    if (compared.length >= 2 && !COMPARISON.test(compared)) object = compared;
  }
  // ("户厕改造按每户1000元的标准给予奖补": a benefit paid at a standard said after the figure is for what stands before 按)
  if (/^(奖补|资助|补助|补贴|奖励)$/.test(object)) {
    const standard = /^\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,12}?)按(?:每(?:人|户|生|名|亩|家|村|座|个))+\s*$/.exec(
      sentence.slice(item[0], at),
    );
    if (standard) object = `${standard[1]}${object}`;
  }
  // ("其中产业投资占比不低于45%", "衔接资金用于产业发展的比例不低于60%": a share alone is of the words before it, acts
  // and all)
  if (/^(?:占比|比例|比重)$/.test(object) && unit === "%") {
    const pos = sentence.lastIndexOf(object, at);
    const raw = pos > clause[0] ? sentence.slice(clause[0], pos).replace(/^(?:其中|同时|全年|全镇|全乡|全县)/, "") : "";
    if (raw.length >= 2 && /^(?:\d+\s*周?岁以[上下]的?)?[\u3400-\u4dbf\u4e00-\u9fff]{0,14}$/.test(raw))
      object = `${raw}${object}`;
  }
  // ("茶叶加工收入占村集体经济收入的47%": a share of a whole is its 比例)
  if (
    unit === "%" &&
    /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}占[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/.test(object) &&
    !/(比例|比重|占比)$/.test(object)
  )
    object = `${object}比例`;
  let place = where.places.length ? where.places.join("、") : where.inherits ? previousPlace : null;
  // "其中葑田镇1.1万亩、苜蓿乡0.8万亩": a share named by a place alone is of the thing counted before, there
  // (however jieba cuts the name: 葑/g 田镇/x)
  // (the thing is then the one counted before in that unit, see extract)
  const share = SHARE.exec(sentence.slice(item[0], at))?.[1];
  let isShare = false;
  if (share && (TOWN.test(share) || /组$/.test(share)) && !kindOfPlace(share) && share !== township) {
    place = share;
    object = share;
    isShare = true;
  }
  // ("开展1次集中排查": an act counted in times is named whole, up to its clause's end, not cut after its first word)
  if (/^(?:次|场|期|轮|场次)$/.test(unit) && object) {
    const after = /^[\u3400-\u4dbf\u4e00-\u9fff“”"]{2,10}(?=$|[，。；、,;：:（(])/.exec(sentence.slice(end))?.[0];
    if (after?.startsWith(object) && after.length > object.length) object = after;
  }
  // (…and so is one said before its count: "每月召开村级组织建设调度会1次", "每月开展数据比对1次")
  if (/^(?:次|场|期|轮|场次)$/.test(unit)) {
    const before =
      /(?:开展|召开|组织|举办|进行|举行)([\u3400-\u4dbf\u4e00-\u9fff“”"]{2,12}?)\s*(?:不少于|不低于|至少|达|共)?\s*$/
        .exec(sentence.slice(clause[0], at))?.[1]
        // (组织县镇医生开展巡回义诊: who does it is no part of it; 村级组织 is no act)
        ?.replace(/^.*开展/, "")
        .replace(/^的/, "")
        .replace(/^(?:全县|全镇|全乡|全市|全区|全村|全街道)/, "");
    if (before && !ACT_WORD_FIRST.test(before) && (!object || before.endsWith(object) || before.startsWith(object)))
      object = before;
  }
  // ("路面拓宽至5.5米": what widens is a width, however the object was found)
  if (/(?:拓宽|加宽|拓展)(?:至|到)\s*$/.test(sentence.slice(clause[0], at)) && object && !/宽度?$/.test(object))
    object = `${object}宽度`;
  // ("为灯泡厂小区加装电梯6部": the site an act is done at is where, not part of what is counted)
  const actedAt = place?.split("、").find((p) => object.startsWith(p));
  if (
    actedAt &&
    !/元$/.test(unit) &&
    (ACT_WORD_FIRST.test(object.slice(actedAt.length)) || /^(?:加装|新装)/.test(object.slice(actedAt.length))) &&
    object.length - actedAt.length >= 3
  )
    object = object.slice(actedAt.length);
  // ("在舻船坪组建成村级光伏电站1座": jieba reads 组建/成 across a name; 建成 is the act, not a part of the thing)
  if (/^成[\u3400-\u4dbf\u4e00-\u9fff]{3}/.test(object) && sentence.includes(`建${object}`)) object = object.slice(1);
  // ("办理行政处罚案件14起", "认定县级代表性传承人12名", "修订完善村规民约8个": an office's procedure is no part of the
  // cases, people or rules it counts)
  const procedure = PROCEDURE_FIRST.exec(object);
  if (procedure && object.length - procedure[0].length >= 3 && /^(?:件|起|宗|名|人|个|项|万元|元)$/.test(unit))
    object = object.slice(procedure[0].length);
  // ("发放培训补贴约860万元": a bare subsidy is named by the kind the word before it gives, 培训补贴)
  if (/^(?:补贴|补助|资金|津贴)$/.test(object)) {
    const upTo = sentence.slice(clause[0], at).replace(/(?:约|共|达|合计)?\s*$/, "");
    const words = taggedTokens(upTo.slice(0, upTo.length - object.length));
    const kind = upTo.endsWith(object) ? words.at(-1) : undefined;
    // (…or by the unit it is paid per, 每餐补助, 每栋补助)
    const per = /每[\u3400-\u4dbf\u4e00-\u9fff]$/.exec(upTo.slice(0, upTo.length - object.length))?.[0];
    if (per && upTo.endsWith(object) && !/^每[年月日天]$/.test(per)) object = `${per}${object}`;
    else if (
      kind &&
      kind.word.length === 2 &&
      /^(?:n|vn|nz|b)$/.test(kind.tag) &&
      !/^(?:上级|财政|专项)$/.test(kind.word)
    )
      object = `${kind.word}${object}`;
  }
  return {
    object: object.slice(0, 24),
    place,
    // (a total's places read from its shares stay with the figures after them: …，配套建设机耕道96公里)
    carries: (counted.listed.length === 0 && !where.placedAfter && !!place) || where.shared,
    share: isShare,
    clause,
  };
}

/** What the figure at [at, end) counts, and the places listed right before it ("龙塘、东源山等2个"). */
function countedObject(
  sentence: string,
  at: number,
  end: number,
  unit: string,
  previous: string,
  [lo, hi]: [number, number],
  [itemLo, itemHi]: [number, number],
): { object: string; listed: string[] } {
  // "一产、二产、三产分别为8.08亿元、2.08亿元、6.68亿元": each figure is of its own item of the list
  const respective = respectiveItem(sentence, lo, at);
  if (respective) return { object: respective, listed: [] };
  // "双溪、大湾、罗新、黄溪口4村实现…": villages counted bare are villages, and the names before them their places
  if (unit === "村") {
    const items = sentence
      .slice(lo, at)
      .replace(/等\s*$/, "")
      .split(/[、和及]/)
      .map((x) => x.trim());
    items[0] = afterLastVerb(items[0] ?? "");
    return {
      object: "村",
      listed: items.length >= 2 && items.every((x) => x.length >= 2 && x.length <= 5) ? items : [],
    };
  }
  let object = "";
  let listed: string[] = [];
  // "3条5000米的社道路": a count and a length of one thing, named after the length's 的
  const pair = /^\s*[\d.]+\s*(?:余|多)?\s*(?:米|公里|平方米|亩|户|人|个)\s*的\s*/.exec(sentence.slice(end, itemHi));
  if (pair) {
    const named = phraseAfter(sentence, end + pair[0].length, itemHi);
    if (named.length >= 2) return { object: named, listed: [] };
  }
  // "完成3000米的清淤": what the measure is of follows 的
  const of = /^\s*的/.exec(sentence.slice(end, itemHi));
  let after = phraseAfter(sentence, of ? end + of[0].length : end, itemHi);
  // ("1240名高龄、失能老人": two words of whom, one list, before the people they say)
  if (after.length >= 1 && after.length <= 3 && sentence[itemHi] === "、") {
    const more = phraseAfter(sentence, itemHi + 1, hi);
    if (PEOPLE.test(more) && more.length <= 6) after = `${after}、${more}`;
  }
  // the subject before the number, read at most once (jieba tags it)
  let subject: string | undefined;
  const before = () => (subject ??= phraseBefore(sentence, itemLo, at, unit));
  // a number before its measure word counts what follows ("4个生态宜居美丽乡村"); "1000元技能提升补贴" too
  // ("需上级帮助解决65万元缺口资金": money before the fund it is)
  const fund = /元$/.test(unit) && /(?:资金|经费|补贴|补助|奖补|款)$/.test(after) && after.length <= 8;
  // ("甘蔗寨社区新植100亩柏子仁": an area planted is of the crop after it)
  const crop =
    /亩|公顷/.test(unit) && /(?:新植|种植|栽植|栽种|补植|套种|发展|新发展|推广)\s*$/.test(sentence.slice(itemLo, at));
  // (what follows that only says how, "200余人不间断值守", names nothing; nor does what a count right after
  // another one goes on to do, "146户523人落实帮扶措施": it counts what the count before did)
  // (…but "316户498名城市低保对象" counts the same 低保对象 twice: a noun after the second count names both)
  const actsNext = (from: number) => ACT_WORD_FIRST.test(sentence.slice(from));
  const how =
    /^(?:不|没|均|都|全部|已|正|陆续|先后|分别|轮流|户均|人均)/.test(after) ||
    (/^(人|名)$/.test(unit) && /\d\s*户\s*$/.test(sentence.slice(itemLo, at)) && actsNext(end));
  const twice = /^\s*[\d.]+\s*(?:余|多)?\s*(?:人|名)/.exec(sentence.slice(end, itemHi));
  if (unit === "户" && twice && !actsNext(end + twice[0].length)) {
    const named = phraseAfter(sentence, end + twice[0].length, itemHi);
    if (named.length >= 2) return { object: named, listed: [] };
  }
  if (
    !how &&
    (after.length >= 2 || (after.length === 1 && CLASSIFIERS.has(unit))) &&
    (CLASSIFIERS.has(unit) || !!of || fund || crop || !before() || onlyActs(before()))
  ) {
    object = after;
    listed = enumeratedBefore(sentence, lo, at);
  }
  if (!object) {
    object = before();
    // a bare act ("累计排查1597户") is of what the clause before names ("做好防返贫数据监测，…" → 防返贫数据监测排查)
    // "排查矛盾纠纷168起，成功化解165起": an act alone on cases is done to what the figure before counted
    const act = object.replace(/^(?:成功|全面|有效|依法|先后)/, "");
    if (previous && ACTIONS.has(act) && !onlyActs(previous) && /^(起|件|宗|次|个|处)$/.test(unit))
      object = previous.includes(act) ? previous : `${previous}${act}`;
    // "举办技能培训班11期，累计培训572人次": the act the thing before is named for (技能培训)
    // (people so counted are 培训人员, below)
    else if (
      previous &&
      ACTIONS.has(act) &&
      !GENERIC_ACTIONS.has(act) &&
      previous.includes(act) &&
      !/^(人|名)$/.test(unit)
    )
      object = previous.slice(0, previous.lastIndexOf(act) + act.length);
    else if (ACTIONS.has(object) && !GENERIC_ACTIONS.has(object)) {
      // "桃源村至白鹭村通村公路已完成硬化16.5公里": the act is on the clause's own subject
      // (what a report counts is the road, not its hardening: 通村公路, as every labeller wrote it)
      const done = /(?:已经|已|均已|全部|完成)/.exec(sentence.slice(itemLo, at));
      const own = done && done.index >= 2 ? phraseBefore(sentence, itemLo, itemLo + done.index) : "";
      if (own.length >= 2 && !/\d/.test(own))
        object = own
          .replace(/^.*?[村河路组](?:至|到)/, "")
          .replace(/^[\u3400-\u4dbf\u4e00-\u9fff]{1,4}村(?=通[村组])/, "");
      else if (lo > 1) {
        const prevLo = previousClauseStart(sentence, lo);
        const named = phraseBefore(sentence, prevLo, lo - 1);
        if (named.length >= 2 && !/\d/.test(named)) object = named.includes(object) ? named : `${named}${object}`;
      }
    }
    // ("上戈镇投资50万元…": a township putting money in is the scope, the money is what matters)
    object = object.replace(/^[\u3400-\u4dbf\u4e00-\u9fff]{1,4}(?:镇|乡|街道)(?=(?:总)?(?:投资|投入|资金)$)/, "");
    // (…money put in, then what it built, is that work's whatever came before: "投资54万元建成了…照料中心")
    const putIn =
      /^(?:投资|投入|资金)$/.test(object) &&
      /^\s*(?:万|亿)?元?\s*(?:用于|对|新建|建成|改造|建设|实施|完成|修建|购置|安装)/.test(sentence.slice(end, hi));
    // (…but a count right after another, "146户523人落实帮扶措施", is of the same thing, not of what follows)
    const second = !!previous && /\d\s*(?:户|人|名|个|家)\s*$/.test(sentence.slice(itemLo, at));
    if (!second && (!object || (ATTRIBUTE.test(object) && (!previous || putIn)))) {
      // "投资95万元完成镇卫生院中医馆提质改造": the money of what the clause goes on to do
      const done = phraseAfterAction(sentence, end, hi);
      // (people or days put in are counted for what they do: "投入500人次用于河道保洁" → 河道保洁)
      if (done && (!object || ATTRIBUTE.test(object))) object = /元$/.test(unit) ? `${done}${object || ""}` : done;
    }
    // "实施锅底塘水库除险加固工程，完成投资640万元": money alone after the works the clause before names is theirs
    if (/^(?:计划)?总?投资$|^投入$|^资金$/.test(object) && !previous && lo > 1) {
      const worksLo = previousClauseStart(sentence, lo);
      const works = sentence.slice(worksLo, lo - 1);
      const tokens = taggedTokens(works);
      let from = 0;
      while (from < tokens.length && (ACTIONS.has(tokens[from]!.word) || STOP_TAGS.test(tokens[from]!.tag))) from++;
      // (…not of a report on them: "仓下大桥完成主体工程，总投资860万元" is the bridge's)
      const name =
        /(?:工程|项目)$/.test(works) && !hasFigure(works) && !/(完成|建成|已)/.test(works)
          ? wordsOf(tokens.slice(from))
          : "";
      if (name.length >= 4) object = `${name}${object.replace(/^计划总?|^总/, "")}`;
    }
    // (a change or a rate is of the whole thing before: 财政税收 + 同比增长; an attribute of its topic: 烟叶 + 产值)
    // (…unless the one before is an attribute too: "占地10亩，预计投资1000余万元" is the project's money)
    // ("…项目全部按期办结，完成投资2740万元": money a clause says only was spent is the 完成投资, not the thing before's,
    // unless the clause before names the works it went into)
    if (/^(?:项目)?(?:计划)?总?投资$/.test(object) && SPENT.test(sentence.slice(lo, at))) object = "完成投资";
    else if (ATTRIBUTE.test(object) && previous) {
      // (the thing, not its change: "地区生产总值增长6.5%左右，总量…" → 地区生产总值总量)
      const topic = topicOf(previous).replace(
        /(?<=.{2})(?:[比较](?:上年|去年))?(?:同比)?(?:增长|下降|增加|减少|压减|提高|降低)$/,
        "",
      );
      // (…nor money of money: "道路工程费用3652万元，预计总投资4926万元" is the project's whole)
      if (
        !ATTRIBUTE.test(topic) &&
        !/^(?:占地|占地面积|用地)$/.test(topic) &&
        !onlyActs(topic) &&
        !/(?:费用|投资|资金|款|收入|补偿|包赔)$/.test(topic) &&
        // (…nor of a rate paid each one, "每户补助3000元，计划投资90万元", nor of a size, "桥面宽10米，总投资3680万元")
        !/^每/.test(topic) &&
        !(/(?:投资|资金)$/.test(object) && /(?:[长宽高深厚]|宽度|长度|高度|深度|厚度|面积|容积|里程|全长)$/.test(topic))
      )
        object = joinTopic(topic, object);
    } else if (
      (CHANGE.test(object) ||
        (/百分点$/.test(unit) && /^(?:(?:比|较)?(?:上年|去年))?(?:同比)?(?:提高|降低|上升|下降)$/.test(object))) &&
      (previous || /[比较]\s*(?:上年|去年)|同比/.test(sentence.slice(itemLo, at)))
    ) {
      // "农民人均纯收入达11963元，增加1088元，增长11%": a change (比上年增加, 同比上升) is of the thing before,
      // not of the change before it — unless its clause names its own ("生猪出栏比上年增长15%")
      // (a rate's change in points is said against last year: 自来水普及率比上年提高)
      const change = /百分点$/.test(unit)
        ? object.replace(/^(?:比|较)?(上年|去年)/, "比$1")
        : // (the year it is said against stays as written, 比上年增长; 同期 alone is said as 同比)
          object.replace(/^(?:比|较)?(?:上年同期|去年同期|同期)/, "").replace(/^(?=上年|去年|年初)/, "比");
      const by = /[比较]\s*(?:上年同期|去年同期|上年末|上年|去年|同期|年初)/.exec(sentence.slice(itemLo, at));
      // (…or said with 同比 after its own thing: 前三季度工业投资同比下降4.3%)
      const tongbi = by ? null : /同比\s*(?:增长|下降|增加|减少|上升)\s*$/.exec(sentence.slice(itemLo, at));
      const own = by
        ? phraseBefore(sentence, itemLo, itemLo + by.index)
        : tongbi
          ? phraseBefore(sentence, itemLo, itemLo + tongbi.index).replace(/^(?:前三季度|上半年|一季度|全年|今年)/, "")
          : "";
      // (…said against the time the clause says, 比上年末增加, 比年初增加, wherever the words split it)
      const against = by && !/同期/.test(by[0]) && !/百分点$/.test(unit) ? by[0].replace(/\s/g, "") : "";
      const said = against ? `${against}${change.replace(/^(?:比|较)?(?:上年末|上年|去年|年初)/, "")}` : change;
      object =
        own.length >= 2
          ? `${own}${said}`
          : joinTopic(
              previous.replace(
                /(?:[比较](?:上年末|上年|去年|年初))?(?:同比)?(?:增加|增长|上升|下降|减少|压减|增幅|降幅)$/,
                "",
              ) || previous,
              said,
            );
    } else if (
      CHANGE_OR_RATE.test(object) &&
      previous &&
      !(/满意率$/.test(object) && /(?:投资|资金|金额)$/.test(previous))
    )
      object = joinTopic(
        /^(人数|户数|数量)$/.test(lastWord(previous)) || (SIZE_OF.test(object) && ATTRIBUTE.test(lastWord(previous)))
          ? topicOf(previous)
          : /率$/.test(object)
            ? withoutLeadingAct(previous)
            : previous,
        object,
      );
    // "80周岁以上老人1352人，其中90周岁以上148人": an age alone is of the people counted before
    else if (AGE_ONLY.test(object) && previous) object = `${object}${previous.replace(AGE_PREFIX, "")}`;
    // "寄宿生生活补助标准为小学每生每年1000元": a rate for one kind (小学, 一级) of what the clause opens with
    const rated = RATE_TAIL.exec(sentence.slice(lo, at))?.[0] ?? "";
    const tier = /每/.test(rated) && /元$/.test(unit) ? benefitTier(sentence, itemLo, at - rated.length) : null;
    if (tier) object = tier;
    else if (/每/.test(rated) && object.length <= 3) {
      const opening = phraseOpening(sentence, lo, at).replace(/(补贴|津贴|补助|资助|奖补)标准$/, "$1");
      if (opening.length > object.length && !opening.includes(object)) object = `${object}${opening}`;
    }
    // "路面由3.5米拓宽至5.5米": what widens is a width
    if (/(?:拓宽|加宽|拓展)(?:至|到)\s*$/.test(sentence.slice(lo, at)) && object && !/宽度?$/.test(object))
      object = `${object}宽度`;
    // "对37处供水点开展水质检测，每季度不少于1次": a clause that only sets how often is of the act before
    const often = frequencyOf(sentence, lo, at, unit);
    if (often) object = often;
    // (a count right after another, "402户655人", is of the same thing)
    // (…with a qualifier between: "项目40个约3750亩")
    const adjacent = /\d\s*[\u3400-\u4dbf\u4e00-\u9fff]$/.test(
      sentence.slice(itemLo, at).trim().replace(QUALIFIER_END, ""),
    );
    // (…and a figure after a change of a thing, "增长7.5%，达到17800元", is of the thing, not of its change)
    const unchanged =
      unit === "%"
        ? previous
        : previous.replace(
            /(?<=.{2})(?:[比较](?:上年|去年))?(?:同比)?(?:增长|下降|增幅|降幅|上升|增加|减少|压减)$/,
            "",
          );
    if (object.length < 2)
      object =
        (adjacent && previous && (/^(人|名)$/.test(unit) ? previous.replace(/(?<=.{2})户$/, "人口") : previous)) ||
        phraseOpening(sentence, itemLo, at) ||
        phraseOpening(sentence, lo, at) ||
        unchanged ||
        object;
    // "提供创业担保贷款，个人最高30万元": a clause that names nothing is of what the clause before names
    // ("高标准农田项目提前完工，实际建成2130亩": the thing, not that its project finished)
    if (!object && lo > 1)
      object = phraseBefore(sentence, previousClauseStart(sentence, lo), lo - 1).replace(
        /(?:项目)?(?:已|提前|按期|如期|顺利)?(?:完工|竣工|建成|投用|投入使用)$/,
        "",
      );
    // "三格式化粪池厕所每户奖补1500元": a benefit paid at a rate is of what the rate is for
    if (/^(奖补|资助|补助|补贴|奖励)$/.test(object)) {
      const rate = /(?:每(?:人|户|生|名|亩|家|村|座|个))+\s*(?:奖补|资助|补助|补贴|奖励)\s*$/.exec(
        sentence.slice(itemLo, at),
      );
      const recipient = rate ? phraseBefore(sentence, itemLo, itemLo + rate.index) : "";
      if (recipient.length >= 2) object = `${recipient}${object}`;
    }
    // "全街道保障低保对象396户": the people, not the scope or the act of securing them
    object = object
      .replace(/^(?:全|我|本)(?:镇|乡|街道|县|区|市)(?=[\u3400-\u4dbf\u4e00-\u9fff]{2})/, "")
      .replace(/^保障(?=[\u3400-\u4dbf\u4e00-\u9fff]{2,}(?:对象|人员|人口|群众)$)/, "");
    // "处罚3人", "培训315人": people counted by what was done to them are that act's 人员
    // (…but jobs are counted as jobs: "城镇新增就业1560人" → 城镇新增就业, as every labeller wrote it)
    const jobs = /((?:城镇)?(?:新增)?(?:转移)?(?:城镇)?就业)\s*(?:达到?|共|不少于|不低于|超过)?\s*$/.exec(
      sentence.slice(itemLo, at),
    )?.[1];
    // (…and workers moved into jobs are counted as moved: "转移农村劳动力就业6200人" → 转移农村劳动力就业)
    const moved = /((?:新增)?转移(?:农村)?劳动力(?:就业)?)\s*(?:达到?|共)?\s*$/.exec(sentence.slice(itemLo, at))?.[1];
    // (…and people brought into work near home are counted as such: "带动周边群众就近务工650人" → 就近务工群众)
    const nearby = /(群众|村民|农民|居民|劳动力)(就近务工|就近就业)\s*(?:达到?|共|约)?\s*$/.exec(
      sentence.slice(itemLo, at),
    );
    if (/^(人|名)$/.test(unit) && nearby) object = `${nearby[2]}${nearby[1]}`;
    else if (/^(人|名|万人)$/.test(unit) && moved && /劳动力(?:就业)?$/.test(object)) object = moved;
    else if (/^(人|名)$/.test(unit) && /就业$/.test(object) && onlyActs(object) && jobs && jobs.length >= 4)
      object = jobs;
    // "接受社区矫正对象17名，解除7人": an act alone on people is done to the people the figure before counted
    else if (
      /^(人|名)$/.test(unit) &&
      onlyActs(object) &&
      /对象$/.test(previous) &&
      !onlyActs(previous) &&
      !previous.includes(object)
    )
      object = `${object}${previous.replace(/^(?:新增|新识别|累计|接受|纳入|新纳入)/, "")}`;
    // (…and people lifted out of poverty are its 人口: "已脱贫376户1262人" → 已脱贫人口)
    else if (/^(人|名)$/.test(unit) && /^(?:脱贫|返贫|致贫)$/.test(object))
      object = `${withAspect(sentence.slice(itemLo, at), object)}人口`;
    // (…but people a job or a start-up is made for are counted by the act itself: 带动就业3100人)
    else if (/^(人|名)$/.test(unit) && onlyActs(object) && !/(?:就业|创业)$/.test(object)) object = `${object}人员`;
    // "新开工14个，新投产9个": projects counted by what became of them are those projects
    else if (unit === "个" && /^(?:新)?(?:开工|投产|签约|竣工|开业|入库|落地|建成)$/.test(object))
      object = `${object}项目`;
    // "已整改142户": households counted by what was done for them are that act's 户
    else if (unit === "屯" && onlyActs(object)) object = `${object}屯`;
    else if (
      unit === "户" &&
      /^(?:已|未)?(?:整改|改造|搬迁|帮扶|救助|走访|慰问|安置|签约|清理|拆除|通水|通电|脱贫|返贫|致贫)$/.test(object)
    )
      object = `${withAspect(sentence.slice(itemLo, at), object)}户`;
    object = withListedThings(sentence, lo, itemLo, at, object);
    // "平均每天清运处理垃圾量达40余吨": a quantity a day is a day's (日清运处理垃圾量)
    if (/量$/.test(object) && sentence.slice(lo, at).includes(`每天${object}`)) object = `日${object}`;
    // "长1660米、宽40米": a length and a width
    object = object.replace(/^([长宽高深])$/, "$1度");
    // "收入20万元以上的村达到4个": villages counted by a threshold are that class, threshold and all
    const clauseText = sentence.slice(lo, at);
    const band =
      /(\d+(?:\.\d+)?\s*万?元?(?:以上|以下|及以上)的?(?:村|社区|企业|户|项目|自然村))\s*(?:达到?|超过|不少于)?\s*$/.exec(
        clauseText,
      );
    const households = /(\d+户以上的?自然村[\u3400-\u4dbf\u4e00-\u9fff]{2,10}?)\s*(?:达到?|为)?\s*$/.exec(clauseText);
    // ("其中超过30万元的村达到3个": the threshold said before its figure)
    const over = /((?:超过|高于)\s*\d+(?:\.\d+)?\s*万?元的?(?:村|社区|企业|户|项目))\s*(?:达到?|超过|不少于)?\s*$/.exec(
      clauseText,
    );
    if (band) {
      // (what the threshold measures, the words before it back to an act: 村集体经济收入, not 力争 or 引进)
      const tokens = tokensIn(sentence, lo, lo + band.index).filter((t) => t.word.trim());
      let k = 0;
      while (k < tokens.length && (ACTIONS.has(tokens[k]!.word) || SCOPE.has(tokens[k]!.word) || isStop(tokens[k]!)))
        k++;
      // (…back to the last act or stop inside it: "新增" of "力争新增收入…")
      for (let j = tokens.length - 1; j >= k; j--)
        if (ACTIONS.has(tokens[j]!.word) || isStop(tokens[j]!)) {
          k = j + 1;
          break;
        }
      const measured = wordsOf(tokens.slice(k)).replace(/^(?:全镇|全乡|全街道|各|全部)/, "");
      object = `${measured.slice(-10)}${band[1]}`;
    } else if (households) object = households[1]!;
    else if (over && /^(?:村|社区|个|家|户|项)$/.test(object || "村")) object = over[1]!.replace(/\s+/g, "");
    // "惠及老人1400人", "覆盖群众1.2万人次": people a measure reaches are counted with its verb
    const reached = /(惠及|覆盖|吸纳|服务)\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,4})\s*$/.exec(sentence.slice(itemLo, at));
    if (
      reached &&
      /^(?:人|名|人次|万人|万人次|户)$/.test(unit) &&
      object === reached[2] &&
      /^(?:学生|老人|群众|居民|农户|村民|人口|家庭|社员)$/.test(object)
    )
      object = `${reached[1]}${object}`;
    // "教育卫生类3项": a class of things counted is named with its 类 (jieba tags it a measure word)
    if (/[\u3400-\u4dbf\u4e00-\u9fff]类\s*$/.test(sentence.slice(itemLo, at)) && object && !object.endsWith("类")) {
      const named = /([\u3400-\u4dbf\u4e00-\u9fff]{2,8})类\s*$/.exec(sentence.slice(itemLo, at))?.[1] ?? "";
      if (named.length >= 2 && (named.endsWith(object) || object.endsWith(named)))
        object = `${named.length > object.length ? named : object}类`;
    }
    // "完成年度任务35.3%": a share of the year's task is of completing it
    // (…and so is a share of a target: "完成全年目标的52%", "占全年目标任务的54%")
    // (…or of a task set from above, or the year's planned investment: "完成省下达任务的103%", "完成年度计划投资的45%")
    const share = /(完成|占)\s*((?:年度|全年|年|(?:省|市|县|上级)下达)?(?:目标|计划)?(?:任务|投资)?)(?:的)?\s*$/.exec(
      sentence.slice(lo, at),
    );
    // (…of the thing before when it says 占: "固定资产投资3.1亿元，占全年目标任务的54%")
    if (unit === "%" && share && /(?:目标|任务|计划|计划投资)$/.test(share[2]!)) {
      const prior =
        share[1] === "占" && previous && !/(?:目标|任务|计划)$/.test(previous) ? previous.replace(WORK, "") : "";
      object = prior ? `${prior}占${share[2]}比例` : `${share[1]}${share[2]}`;
    }
    // "全年民生支出4860万元，占一般公共预算支出的76.3%": a share of a whole is the thing before's 比重 of it
    else if (unit === "%" && previous && !ATTRIBUTE.test(previous)) {
      const whole = /^占\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,14}?)\s*的?\s*(?:比重|比例)?\s*(?:为|达到?)?\s*$/.exec(
        sentence.slice(lo, at).trim(),
      );
      // (…a share of a total of its own kind, "占总工程量的70%", is that share)
      if (whole && /^总/.test(whole[1]!)) object = `占${whole[1]}`;
      else if (whole && !/(?:目标|任务|计划)$/.test(whole[1]!)) object = `${previous}占${whole[1]}比重`;
    }

    // "该项目占地10亩，预计投资1000余万元": a project's own size or money, the project named before (or not at all)
    if (/[该本此]项目/.test(sentence.slice(itemLo, at)))
      object = object.replace(/^项目(?=(?:总投资|投资|占地|占地面积|建筑面积|用地)$)/, "");
    // ("该项目改造延长达14000米": the project the sentence points back to is no part of what is measured)
    if (/^项目[\u3400-\u4dbf\u4e00-\u9fff]{2}/.test(object) && /[该本此]项目/.test(sentence.slice(itemLo, at)))
      object = object.slice(2);
  }
  // ("45人以上班额比例下降到6.2%": a threshold jieba cut off the front of the name is part of it)
  let named = object ? sentence.lastIndexOf(object, at) : -1;
  if (object && named < 0) named = sentence.indexOf(object, at);
  // ("对12户C、D级危房实施改造": grades are no thing; what is graded is)
  if (named >= 0 && /^[A-Za-z]{1,2}$/.test(object)) {
    const graded = /^[A-Za-z]{1,2}(?:[、和及与][A-Za-z]{1,2})*\s*级\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,8})/.exec(
      sentence.slice(named),
    );
    const noun = graded ? taggedTokens(graded[1]!)[0] : undefined;
    if (noun && /^n/.test(noun.tag) && noun.word.length >= 2) {
      object = noun.word;
      named = sentence.indexOf(object, named);
    }
  }
  // ("会议原则同意羊角坪村利用衔接资金80万元": what a meeting agreed to, and the act of using, are no part of the money)
  const agreed =
    /^(?:会议)?(?:原则上?)?(?:同意|议定|决定)(?:[\u3400-\u4dbf\u4e00-\u9fff]{0,8}?(?:利用|使用|安排|整合))?(?=[\u3400-\u4dbf\u4e00-\u9fff]{2})/.exec(
      object,
    );
  if (agreed) object = object.slice(agreed[0].length);
  // ("设计排涝流量每秒2.5立方米": the basis of a rate after the thing is no part of it)
  if (/^[\u3400-\u4dbf\u4e00-\u9fff]{2,}每[秒分时天日月年]$/.test(object)) object = object.slice(0, -2);
  // ("新创建省级美丽乡村示范村3个": the act of making new is no part of what is counted)
  object = object.replace(/^新(?:创建|建成|认定|评定|培育|引进|评选)(?=[\u3400-\u4dbf\u4e00-\u9fff]{3})/, "");
  // ("从乡级防汛资金中安排12万元": money laid out from a fund is that fund's)
  const source =
    /从\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,12}?(?:资金|经费|基金|预算|专项))\s*中?\s*(?:安排|拨付|列支|调剂|统筹)\s*$/.exec(
      sentence.slice(0, at),
    );
  if (source && /元$/.test(unit)) object = source[1]!;
  // ("全镇13个村集体经济收入全部达到12万元以上", "还有2个村经营性收入低于10万元": the villages are counted, by what
  // the rest of the clause says of them)
  if (
    /^个$/.test(unit) &&
    /^村[^，。；;、]{2,14}?(?:全部|均|都)?(?:达到|超过|低于|高于|突破|不足|不到)/.test(sentence.slice(end)) &&
    object.startsWith("村")
  )
    object = "村";
  // ("全年发放两项补贴1377万元": a number in words before the thing is part of its name)
  const worded = named > 0 ? /([两二三四五六七八九十]+[项类大])\s*$/.exec(sentence.slice(0, named)) : null;
  if (worded && object && !object.startsWith(worded[1]!)) object = `${worded[1]}${object}`;
  // ("新建50立方米高位水池2座": a volume before the thing built is its 容积)
  if (
    unit === "立方米" &&
    object &&
    /^[\u3400-\u4dbf\u4e00-\u9fff]{2,8}$/.test(object) &&
    sentence.startsWith(object, end)
  )
    object = `${object}容积`;
  // ("按每户1200元标准发放奖补资金": a rate a benefit is paid at is the basis's benefit, 每户奖补)
  const rate = PAID_AT.exec(sentence.slice(0, at));
  const paidAs =
    /^[^，。；;]{0,3}?的?标准(?:发放|给予|兑现|落实)?[\u3400-\u4dbf\u4e00-\u9fff]{0,4}?(奖补|补助|补贴|奖励)/.exec(
      sentence.slice(end),
    );
  if (rate && paidAs && /元$/.test(unit) && (!object || /标准/.test(object))) object = `${rate[1]}${paidAs[1]}`;
  // ("每户补助1500元", "每人每月补贴800元": a bare benefit is named with the basis it is paid on)
  const basis = named > 0 ? PAID_PER.exec(sentence.slice(0, named)) : null;
  if (basis && /^(?:补助|补贴|奖补|奖励|补偿|救助|津贴|补助金|奖补资金)$/.test(object)) object = `${basis[1]}${object}`;
  const threshold = named > 0 ? /(\d+)\s*$/.exec(sentence.slice(0, named)) : null;
  if (threshold && /^(?:人|岁|周岁|米|吨|亩|万元|元)?以[上下]/.test(object)) object = `${threshold[1]}${object}`;
  return { object, listed };
}

/**
 * Where the figure is: the places of its item of a list ("枫林村3.2公里、竹园村4.1公里"), else of its
 * clause, else of a figure-less clause right before or after it; and whether an earlier figure's
 * place may stand for it.
 */
function figurePlaces(
  sentence: string,
  at: number,
  [lo, hi]: [number, number],
  [itemLo, itemHi]: [number, number],
  township: string | null,
  previousPlace: string | null,
  listed: string[],
  unit: string,
  object = "",
): { places: string[]; listEnd: boolean; placedAfter: boolean; shared: boolean; inherits: boolean } {
  let places = listed;
  // "茶亭村、鹿鸣村、杨柳湾村3个村": an item that ends a list of names without figures of their own
  // is about the whole list
  const listEnd = itemLo > lo && sentence[itemLo - 1] === "、" && !hasFigure(sentence.slice(lo, itemLo));
  if (!places.length) places = placesIn(sentence, listEnd ? lo : itemLo, itemHi, township);
  if (!places.length) places = placesIn(sentence, lo, hi, township);
  // "新建高标准农田2500亩，重点在鹤鸣村、清水村实施", "…2600亩（水口村、岩口村）": a clause without
  // figures right after that says where (在/涉及/安排在…, a bracket) names this figure's places, and
  // only this figure's
  let placedAfter = false;
  let shared = false;
  if (!places.length && !previousPlace && hi < sentence.length - 1) {
    const nextHi = clauseBounds(sentence, hi + 1, hi + 1, BOUNDARY)[1];
    const next = sentence.slice(hi + 1, nextHi);
    // (…or that puts its weight on places, "重点解决高岭村山区组饮水问题", or opens with them, "新河村、马鞍村
    // 三个片区已全部通过验收"; a count of those places, "涉及…3个村", is no figure of its own)
    const where =
      /^[（(]/.test(sentence[hi]!) ||
      /^(?:重点|主要|集中|集中连片|项目区|项目|分别|全部|均)?(?:安排)?(?:在|于|涉及|分布在|位于|覆盖)/.test(next) ||
      // (…or carries it there: "铺设主管网11.5公里，将自来水延伸至青龙嘴村、鹞子岩村")
      /^(?:将|把)?[\u3400-\u4dbf\u4e00-\u9fff]{0,5}(?:延伸至|延伸到|接通至|通达)/.test(next) ||
      /^(?:重点|主要|集中)(?:解决|实施|建设|推进|打通|布局在|布局于)/.test(next) ||
      // (…but not one that says what the villages won or achieved: "禾丰村、上塘村被评为…示范村")
      (/^[\u3400-\u4dbf\u4e00-\u9fff]{1,5}村、/.test(next) && !/(评为|荣获|获评|获得|实现)/.test(next));
    // "全年建成高标准农田4380亩，其中大石村1600亩、龙湾村1480亩…" (or in brackets after it, "改造7个（南门社区4个、
    // 天井社区3个）"): a total is of the places of its breakdown
    // (a breakdown gives each place a figure in the total's unit; "其中白沙村、河口村突破50万元" is a subset)
    const shares = next.match(
      new RegExp(
        `(?:村|社区|镇|乡|街道|组)\\d+(?:\\.\\d+)?\\s*(?:余|多)?${unit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
        "g",
      ),
    );
    const opensBreakdown = /^其中/.test(next) || /^[（(]/.test(sentence[hi]!);
    let breakdown = opensBreakdown && (shares?.length ?? 0) >= 2 ? placesIn(sentence, hi + 1, nextHi, township) : [];
    // (…its shares read one by one where jieba cuts a name, 葑/g 田镇/x, and on through the clauses of shares after it)
    if (opensBreakdown && (shares?.length ?? 0) >= 1) {
      const named = sharesFrom(sentence, hi + 1, township);
      if (named.length > breakdown.length) breakdown = named;
    }
    if (breakdown.length >= 2) {
      places = breakdown;
      placedAfter = true;
      shared = true;
    } else if (where && !/\d/.test(next.replace(/\d+个(?:村|社区|片区|村民小组|组)/, ""))) {
      places = placesIn(sentence, hi + 1, nextHi, township);
      placedAfter = places.length > 0;
    }
  }
  // "完成长岭村、石垭村饮水巩固提升工程，受益群众1860人": a clause without figures names where the
  // next clause's figure is (a clause with an act of its own, "加快4个…建设", stands alone)
  // (…unless its act is what the works before yield: "枫林水厂扩容工程投入使用，新增自来水入户1350户",
  // "开工建设梅岭中学教学综合楼，新增学位600个" — not what a resource is used for: "依托柳溪河湿地…")
  const ownAct = () => tokensIn(sentence, lo, hi).some((t) => ACTIONS.has(t.word));
  const yields = () => YIELD.test(sentence.slice(lo, at).replace(LEAD_SCOPE, ""));
  // (…or is a part of the works the clause before names: "实施锦屏河生态修复工程，整治河岸2.8公里" — not a
  // task of its own: "推进…示范带建设，加快4个…乡村建设")
  const partOf = (prev: string) =>
    /(?:工程|项目|扩建|改扩建|改造|修复|[一二三]期建设|扩区|扩容|治理|整治)$/.test(prev.replace(/[，,；;]$/, "")) &&
    !/^(?:加快|推进|加强|抓好|做好|推动|持续|深入|着力|大力|积极|全力|继续)/.test(
      sentence.slice(lo, at).replace(LEAD_SCOPE, ""),
    );
  // (…and never for a figure of the whole township: "…中转站于9月投入使用，全镇日均清运垃圾21吨")
  const whole = /(?:全镇|全乡|全街道|全县|全区)/.test(sentence.slice(lo, at));
  const prevLo = lo > 1 ? previousClauseStart(sentence, lo) : 0;
  const prev = sentence.slice(prevLo, lo);
  // (the clause before's places, read at most once)
  let prevPlaces: string[] | undefined;
  const placesBefore = () => (prevPlaces ??= placesIn(sentence, prevLo, lo - 1, township));
  // (…or opens with the site or villages the sentence is about: "杉湖污水处理厂稳定运行，全年处理污水42万吨")
  const opensWith = () => placesBefore().some((p) => prev.indexOf(p) <= 1);
  // (…or says where the thing is: "该项目位于我镇东王内村，总投资120万元")
  const locates = () => /(?:位于|坐落于|地处|选址(?:在|于)?|落户(?:在|于)?)/.test(prev);
  // (…or says what the work rests on: "依托鸭池水库打造环湖休闲带，新培育精品民宿5家")
  const relies = () => RESTS_ON.test(prev);
  // (…or speaks of the very thing counted: "扩大芰荷村、蕖塘村莲藕种植规模，新发展莲藕1200亩")
  const sameThing = () =>
    taggedTokens(object).some((t) => /^n/.test(t.tag) && t.word.length >= 2 && prev.includes(t.word));
  if (
    !places.length &&
    !previousPlace &&
    lo > 1 &&
    !whole &&
    (!ownAct() || yields() || partOf(prev) || opensWith() || locates() || relies() || sameThing())
  ) {
    // (a bracket's places are the figure's before it: "2600亩（水口村、岩口村）")
    // (a date is no figure: "梅西幼儿园于9月开园，提供学位270个")
    if (!hasFigure(prev) && !/^(?:围绕|利用)/.test(prev) && !/[（(]/.test(sentence[prevLo - 1] ?? ""))
      places = placesBefore();
  }
  // (…and a sentence that opens on what its work rests on, "依托牛滚凼水库发展环湖旅游，环湖步道建成开放，全年接待
  // 游客7.8万人次", has its figures there)
  if (!places.length && !previousPlace && lo > 1 && !whole) {
    const [headLo, headHi] = clauseBounds(sentence, 0, 0, BOUNDARY);
    const opening = sentence.slice(headLo, headHi);
    if (headHi < lo && RESTS_ON.test(opening) && !hasFigure(opening))
      places = placesIn(sentence, headLo, headHi, township);
    // (…or on the building of a named site, "启动崮山森林康养基地二期建设，新建特色民宿12栋": its figures are there)
    const builds = BUILDS_SITE.exec(opening);
    // (…not a task of its own the figure's clause drives, "推进金竹湖景区建设，加快3个美丽乡村建设")
    if (
      !places.length &&
      builds &&
      headHi < lo &&
      !hasFigure(opening) &&
      !/^\s*(?:加快|推进|启动|实施|开工建设|续建|推动)/.test(sentence.slice(lo))
    )
      places = placesIn(sentence, headLo + builds[1]!.length, headHi, township).filter((p) => SITE_END.test(p));
  }
  // (…and one that opens on a named site doing the work, "马坪油茶专业合作社吸纳社员214户", "纸坊商业街…新引进商户38家")
  if (!places.length && !previousPlace && !whole) {
    const site = siteOpening(sentence, township);
    if (site) places = [site];
  }
  // a place the sentence named for an earlier quantity stays its place ("在上坪村新建普惠性幼儿园1所，
  // 设3个班"), not places listed for one count ("鹿鸣村、高峰村2个村卫生室"), and not for a figure of
  // the whole township ("全镇配备垃圾清运车4辆")
  // (…nor for a clause about a subject of its own: "在横江村新建幸福食堂2个，镇敬老院新增护理型床位32张",
  // "…建设冷链仓储中心1个，力争柑橘产业综合产值达到2.6亿元" — a measure of the thing before, 库容3000吨, is no
  // subject of its own)
  // (asked only when it matters: a figure with places of its own, or none before, inherits nothing)
  const inherits = !whole && (places.length > 0 || !previousPlace || !ownSubject(sentence, lo, at));
  return { places, listEnd, placedAfter, shared, inherits };
}

/** Places counted, then what was done in them: "行政村推行网格化管理", "小区视频监控全覆盖". */
const PLACES_COUNTED =
  /^\s*(行政村|自然村|村民小组|住宅小区|小区|社区|村小|中小学|学校|乡镇卫生院|卫生院|乡镇|村)((?:[\u3400-\u4dbf\u4e00-\u9fff“”]){3,14})$/;
/** …what such a count says was done in them. */
const PLACE_ACTS = /(?:全覆盖|覆盖|推行|引入|配备|配齐|建成|接入|成立|开通|纳入|达标|创建|实行|实施)/;

/** A body's yield said with 实现, the body before it in the clause: "规模以上工业企业实现利润总额", "园区全年实现产值". */
const YIELDED =
  /(?:^|[，,；;。：:\s])([\u3400-\u4dbf\u4e00-\u9fff“”]{2,16}?)?实现((?:地区生产|工业|农业)?(?:总产值|产值|利润总额|利润|营业收入|营收|销售收入|主营业务收入|税收|增加值))\s*(?:约|达|达到|为)?\s*$/;

/** A clause that opens a sentence on building a site: "加快䃅头农产品加工园三期建设". */
const BUILDS_SITE =
  /^\s*((?:加快|推进|启动|实施|开工建设|续建|推动))[\u3400-\u4dbf\u4e00-\u9fff“”]{3,20}?(?:[一二三四五六七八九十]期)?(?:建设|工程|项目)$/;
/** …and the site it builds, by its kind. */
const SITE_END = /(?:园|基地|学校|小学|中学|电站|桥|水厂|景区|市场|中心)$/;

/** A clause that says what the work rests on: "依托鸭池水库…". */
const RESTS_ON = /^(?:依托|依靠|借助)/;

/** Endings of sites a sentence may open on by name: parks, streets of trade, cooperatives, centres. */
const SITE_OPENING =
  /^\s*(?:[一二三四五六七八九十]+是|\d+[.、．])?\s*([\u3400-\u4dbf\u4e00-\u9fff]{2,10}?(?:商业街|步行街|街区|产业园|工业园|农业园|科技园|示范园|物流园|加工园|孵化园|公园|农贸市场|工业集中区|经济开发区|开发区|实训基地|康养基地|产业基地|示范基地|专业合作社|合作社|养老服务中心|服务中心|综合体|茶厂|加工厂|中心小学|小学|中学|中心学校|幼儿园))(?:[（(]?[一二三四五六七八九十]期[）)]?)?(?=[\u3400-\u4dbf\u4e00-\u9fff])/;
/** Words that make such a name a kind, not a name: 镇养老服务中心, 现代农业产业园, 农民专业合作社. */
const KIND_OPENING =
  /^(?:镇|乡|街道|县|区|市|全镇|全乡|各|该|本|辖区|所有|城区|农村|中小学|现代|特色|重点|示范|标准化|农民|社区|村级|村|中心|老年|居家|智慧|新型|规模|省级|市级|县级|国家级)/;

/** The named site a sentence opens on, when what follows is what it did: "马坪油茶专业合作社吸纳社员214户". */
export function siteOpening(sentence: string, township: string | null): string | null {
  const m = SITE_OPENING.exec(sentence);
  if (!m) return null;
  // (an act or a preposition jieba glues to the name is no part of it: 推动箐口工业园, 由乡农业综合服务中心)
  const name = m[1]!
    .replace(/^(?:由|在|对|为|经|推动|推进|加快|启动|实施|续建|支持|依托|力争|确保|全力|着力)/, "")
    // (…nor the time and the township it is counted in: 年末全镇农民专业合作社 is a kind)
    .replace(/^(?:年末|年初|全年|年内|目前|今年)/, "")
    .replace(/^(?:全镇|全乡|全县|全街道|全区)/, "");
  if (name.length < 4) return null;
  if (KIND_OPENING.test(name) && !(township && name.startsWith(township.replace(/[镇乡]$|街道$/, "")))) return null;
  const next = taggedTokens(sentence.slice(m.index + m[0].length, m.index + m[0].length + 6))[0];
  return next && (/^v/.test(next.tag) || ACTIONS.has(next.word) || /^(?:于|全年|年内|新|共|累计)/.test(next.word))
    ? name
    : null;
}

/** Acts that say what works yield (新增学位, 受益群众, 可容纳…), after the scope words a clause may open with. */
const YIELD =
  /^(?:计划|预计|力争|将|可|能|共|累计|同时|已)?(?:新增|提供|设置|设|惠及|受益|解决|带动|服务|容纳|覆盖|吸引|接待)/;
const LEAD_SCOPE = /^(?:全年|年内|目前|预计|建成后|投用后|项目建成后)/;

/** A benefit a rate is of ("护理补贴", "高龄津贴", "奖补"). */
const BENEFIT = /(补贴|津贴|补助|资助|奖补|奖励|救助金|补助金)$/;
/** Tags of the words a benefit's name is made of ("照料/n 护理补贴/n", "困难/a 残疾人/n"). */
const NAME_PART = /^(n|nz|nr|ns|nt|vn|b|a|an|j|l|ng|x)$/;

/**
 * A rate for one tier of a benefit, named as a cadre writes it, "照料护理补贴（全自理）": the tier is
 * the item's own words before the rate ("全自理每人每月60元", "80—89周岁每人每月50元", "一级每人每月
 * 120元"), the benefit the nearest one named before it in the sentence ("照料护理补贴按生活自理能力分档
 * 发放：…", "高龄津贴：…", "重度残疾人护理补贴一级…"). Null when the sentence names no benefit before.
 */
function benefitTier(sentence: string, itemLo: number, rateAt: number): string | null {
  const tokens = tokensIn(sentence, 0, rateAt).filter((t) => t.word.trim());
  let b = tokens.length - 1;
  while (b >= 0 && !BENEFIT.test(tokens[b]!.word)) b--;
  if (b < 0) return null;
  let a = b;
  while (
    a > 0 &&
    b - a < 3 &&
    NAME_PART.test(tokens[a - 1]!.tag) &&
    !isStop(tokens[a - 1]!) &&
    !BOUNDARY.test(tokens[a - 1]!.word)
  )
    a--;
  const benefit = wordsOf(tokens.slice(a, b + 1));
  // the tier: the item's words after the benefit (when the item names it) and after 标准为/按…
  const from = Math.max(itemLo, tokens[b]!.end);
  const tier = sentence
    .slice(from, rateAt)
    .replace(/^(?:标准)?(?:为|是|按)?/, "")
    .replace(/^[，、：:\s]+|[，、：:\s]+$/g, "")
    .trim();
  if (/[，；。：:]/.test(tier) || tier.length > 10) return null;
  return tier ? `${benefit}（${tier}）` : benefit;
}

/** Whether a phrase is acts alone ("处罚", "批评警告", "培训"): no thing named. */
function onlyActs(phrase: string): boolean {
  const tokens = taggedTokens(phrase);
  return tokens.length > 0 && tokens.every((t) => /^(v|vn|vd)$/.test(t.tag) || ACTIONS.has(t.word));
}

/** The noun phrase after the action that follows a number ("8万元购买一辆环卫车" → 环卫车). */
function phraseAfterAction(sentence: string, end: number, to: number): string {
  // "投资50万元对宁果时代苹果示范园沿线道路进行提升": what the works are done to, and the works
  const on =
    /^\s*对([\u3400-\u4dbf\u4e00-\u9fff]{2,20}?)(?:进行|实施)(提升改造|提质改造|改造提升|提升|改造|维修|修缮|硬化|整治|加固|扩建)/.exec(
      sentence.slice(end, to),
    );
  if (on) return `${on[1]}${on[2]}`;
  const tokens = tokensIn(sentence, end, to).filter((t) => t.word.trim());
  const verb = tokens.findIndex((t) => ACTIONS.has(t.word));
  if (verb < 0 || verb > 1) return "";
  // (past a 了 and the size of what was built: "建成了350平方米老年人日间照料中心")
  const size = /^\s*了?\s*(?:[\d.]+\s*(?:多|余)?\s*(?:平方米|米|公里|户|个|座|处|千伏安|千瓦|间|张)(?:的)?)?/.exec(
    sentence.slice(tokens[verb]!.end, to),
  )![0].length;
  const thing = phraseAfter(sentence, tokens[verb]!.end + size, to, false);
  if (!thing) return "";
  // the money is of the works on the thing: "改扩建青禾中心小学食堂", "完成镇中心幼儿园改扩建"
  const works = /^(?:改扩建|扩建|改建|改造|提质改造|维修|加固|修缮)$/;
  if (works.test(tokens[verb]!.word)) return `${thing}${tokens[verb]!.word}`;
  const next = tokens.find((t) => t.start >= tokens[verb]!.end + size + thing.length);
  return next && works.test(next.word) ? `${thing}${next.word}` : thing;
}

/** The real place names a text gives (a table row's item name: "桃源小学运动场改造" → 桃源小学). */
export function placesOf(text: string, township: string | null): string | null {
  const found = placesIn(text, 0, text.length, township);
  return found.length ? found.join("、") : null;
}

/**
 * Common things listed before the counted one, with no figure of their own, are counted with it:
 * "走访慰问空巢老人、留守儿童30人次" → 空巢老人、留守儿童. Names listed so are places (figurePlaces),
 * and a list closed by 等 is a kind's examples (enumeratedBefore), so neither joins.
 */
function withListedThings(sentence: string, lo: number, itemLo: number, at: number, object: string): string {
  if (itemLo <= lo || sentence[itemLo - 1] !== "、" || !object) return object;
  const own = sentence.slice(itemLo, at);
  if (/等/.test(own) || !own.trimStart().startsWith(object.slice(0, 2))) return object;
  const list = sentence.slice(lo, itemLo - 1);
  if (hasFigure(list)) return object;
  const items = list.split("、");
  // (the first item carries the clause's acts: "走访慰问空巢老人" → 空巢老人; a verb right after another
  // qualifies the thing, "探访独居老人", as does one that opens the item, "低保对象")
  const first = taggedTokens(items[0]!).filter((t) => t.word.trim());
  let from = first.length;
  const part = (i: number) => {
    const t = first[i]!;
    if (ACTIONS.has(t.word) || STOP_TAGS.test(t.tag)) return false;
    // (the item's last word is its head, however jieba tags it: 城乡/n 低保/v)
    if (i === first.length - 1) return true;
    return !/^v/.test(t.tag) || i === 0 || /^v/.test(first[i - 1]!.tag) || ACTIONS.has(first[i - 1]!.word);
  };
  while (from > 0 && part(from - 1)) from--;
  items[0] = wordsOf(first.slice(from));
  const things = items.map((s) => s.trim());
  const common = (item: string) => {
    if (item.length < 2 || item.length > 8) return false;
    if (placeLike(item) || NAMED_SITE_SUFFIX.test(item) || NOT_PLACE.test(item)) return false;
    const tokens = taggedTokens(item);
    return tokens.every((t) => THING.test(t.tag)) && /^(n|v)/.test(tokens[tokens.length - 1]!.tag);
  };
  // (people listed before what they did are its doers, not what is counted: "党员干部、志愿者集中清扫26次")
  const tail = taggedTokens(object);
  if (!/^(n|i$|l$)/.test(tail[tail.length - 1]?.tag ?? "")) return object;
  return things.every(common) ? `${things.join("、")}、${object}` : object;
}

/**
 * The act a clause that only says how often is about: "对全镇37处农村集中供水点开展水质检测，每季度不少于1次" →
 * 农村集中供水点水质检测 (what the act is done to, when the clause before says it with 对, and the act).
 */
function frequencyOf(sentence: string, lo: number, at: number, unit: string): string {
  if (!/^(次|场|轮|遍)$/.test(unit) || lo < 2) return "";
  if (
    !/^\s*每(?:季度|年|月|周|旬|天|日|半年|学期)\s*(?:不少于|至少|不低于|开展|进行|组织)?\s*$/.test(
      sentence.slice(lo, at),
    )
  )
    return "";
  const prevLo = previousClauseStart(sentence, lo);
  const clause = sentence.slice(prevLo, lo - 1);
  const act = /(?:开展|进行|组织|实施|举办)([\u3400-\u4dbf\u4e00-\u9fff“”]{2,12})$/.exec(clause);
  if (!act) return "";
  const target =
    /对(?:全(?:镇|乡|街道)|辖区|各村)?(?:[\u3400-\u4dbf\u4e00-\u9fff]{0,2}?\d+\s*[处个座家所条口])?([\u3400-\u4dbf\u4e00-\u9fff]{2,12}?)(?:开展|进行|组织|实施)/.exec(
      clause,
    );
  return `${target?.[1] ?? ""}${act[1]!.replace(/^(?:开展|进行|组织|实施|举办)+/, "")}`;
}

/** Acts a heading opens with ("（一）巩固城乡居民医保参保", "实施农村危房改造"): not part of its topic. */
const HEADING_ACTS =
  /^(?:巩固|实施|落实|推进|加强|加快|抓好|做好|强化|完善|提升|深化|持续|全面|扎实|稳步|积极|着力|健全|开展|推动|促进|优化|改善|建设|新建|打造|创建|培育|壮大)+/;

/**
 * What is counted, said whole by the heading it stands under: a heading that ends with it ("实施农村危房改造"
 * over 危房改造 → 农村危房改造), or one whose last word the measure is of ("巩固城乡居民医保参保" over
 * 参保人数 → 城乡居民医保参保人数).
 */
export function withHeadingTopic(object: string, heading: string | undefined): string {
  if (!heading || object.length < 2) return object;
  const topic = withoutHeadingNumber(heading)
    .replace(/[。.；;：:]\s*$/, "")
    .replace(HEADING_ACTS, "");
  if (topic.length < 4 || topic.length > 14 || !/^[\u3400-\u4dbf\u4e00-\u9fff]+$/.test(topic)) return object;
  // (a thing, not an act or a verdict: "超额完成" under "高标准农田建设超额完成" stays as it is)
  if (topic !== object && topic.endsWith(object) && object.length >= 3)
    return /^n/.test(taggedTokens(object)[0]?.tag ?? "") ? topic : object;
  // (the tagger is asked only when the object can measure the heading's last word)
  if (!MEASURE_NOUN.test(object) || !topic.includes(object.slice(0, 2))) return object;
  const tokens = taggedTokens(topic);
  const last = tokens[tokens.length - 1]?.word ?? "";
  const measure = object.slice(last.length);
  if (
    last.length >= 2 &&
    topic.length > last.length &&
    object.startsWith(last) &&
    MEASURE_NOUN.test(measure) &&
    measure.length <= 3
  )
    return `${topic}${measure}`;
  return object;
}

/** Whether the clause names a thing of its own before its act ("镇敬老院新增…", "力争柑橘产业综合产值达到…"). */
function ownSubject(sentence: string, lo: number, at: number): boolean {
  const tokens = tokensIn(sentence, lo, at).filter((t) => t.word.trim());
  let k = 0;
  while (
    k < tokens.length &&
    (/^(?:力争|预计|确保|计划|全年|年内|目前|同时|并|其中)$/.test(tokens[k]!.word) || /^[dcp]$/.test(tokens[k]!.tag))
  )
    k++;
  const subject: Token[] = [];
  for (; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (ACTIONS.has(t.word) || /^v/.test(t.tag) || isStop(t)) break;
    subject.push(t);
  }
  const words = wordsOf(subject);
  // (a subject that points back, 项目区/该项目/园区, is the thing before)
  return (
    k < tokens.length &&
    words.length >= 3 &&
    !ATTRIBUTE.test(words) &&
    !MEASURE_NOUN.test(words) &&
    !/^(?:项目|工程|园区|基地|片区|该|此|本|其)/.test(words) &&
    // (…and so is what the works yield or take in: 年产鲜菇, 日处理污水, 年接待游客)
    !/^(?:年产|日产|年出栏|年销售|年接待|年均|日均|年处理|日处理|年供|日供)/.test(words) &&
    /^n/.test(subject[subject.length - 1]!.tag)
  );
}

/** What an act was done to, for the rate of it ("办理人大代表建议…，办结率" → 人大代表建议, "整改隐患…整改率" → 隐患). */
function withoutLeadingAct(phrase: string): string {
  const tokens = taggedTokens(phrase);
  const first = tokens[0];
  if (!first || tokens.length < 2 || !(ACTIONS.has(first.word) || /^(办理|整改|处理|调处|受理)$/.test(first.word)))
    return phrase;
  const rest = wordsOf(tokens.slice(1));
  return rest.length >= 2 ? rest : phrase;
}

/**
 * The item of a list a figure stands for, when the clause pairs them with 分别: "一产、二产、三产分别为8.08亿元、
 * 2.08亿元、6.68亿元" → 二产 for the second figure. Places so listed are the figures' places, not what they count.
 */
function respectiveItem(sentence: string, lo: number, at: number): string {
  const head = sentence.slice(lo, at);
  const m = /分别(?:为|是|达到|达|完成|实现|增长|下降|占|有)?/.exec(head);
  if (!m) return "";
  const nth = (head.slice(m.index + m[0].length).match(/\d+(?:\.\d+)?/g) ?? []).length;
  let items = head
    .slice(0, m.index)
    .split(/[、和及与]/)
    .map((x) => x.trim());
  // ("…分别达到38620元、19840元，分别增长5.2%、7.4%": a clause of figures alone is of the items listed before)
  const verb = m[0].slice(2);
  let made = false;
  if (items.length === 1 && /^(?:同比|比上年|较上年)?$/.test(items[0]!) && /^(?:增长|下降)$/.test(verb) && lo > 1) {
    const earlier = /([^，；。：,;:]*?)分别(?:为|是|达到|达|完成|实现|有)?[^，；。]*[，,][^，；。]*$/.exec(
      sentence.slice(0, lo),
    );
    if (earlier) {
      const listed = earlier[1]!.split(/[、和及与]/).map((x) => x.trim());
      if (listed.length >= 2) items = [...listed.slice(0, -1), `${listed[listed.length - 1]}${verb}`];
    }
  }
  // ("城乡居民人均可支配收入分别增长5.5%、7%": 城乡 is 城镇 and 农村)
  const figures = (
    sentence
      .slice(lo + m.index)
      .split(/[，；。,;]/)[0]!
      .match(/\d+(?:\.\d+)?/g) ?? []
  ).length;
  if (items.length === 1 && /^城乡/.test(items[0]!) && figures === 2) {
    items = [`城镇${items[0]!.slice(2)}`, `农村${items[0]!.slice(2)}${verb}`];
    made = true;
  }
  if (items.length < 2 || nth >= items.length || items.some((x) => !x)) return "";
  // (the first item carries the clause's opening words: "全镇一产" → 一产; a list made above has none)
  if (!made) items[0] = afterLastVerb(items[0]!).replace(/^(?:全|我|本)(?:镇|乡|街道|县|区|市)/, "");
  // (a change the last item ends with is every item's: "…和公共财政预算收入五年年均增长分别为6.8%、…")
  const change =
    /(?:(?:五年|近年)?(?:年均|同比|比上年))?(?:增长|下降|增幅|降幅)$/.exec(items[items.length - 1]!)?.[0] ?? "";
  if (change) items[items.length - 1] = items[items.length - 1]!.slice(0, -change.length);
  const item = items[nth]!;
  if (item.length < 2 || item.length > 12 || placeLike(item) || isSite(item)) return "";
  // (a head the last item gives them all: "早稻、晚稻种植面积" → 早稻种植面积, "城镇、农村居民人均可支配收入" →
  // 城镇居民人均可支配收入: what follows the last item's own first word, as long as the first item)
  const lastItem = items[items.length - 1]!;
  const first = items[0]!.length;
  const shared = first <= 3 && lastItem.length > first + 1 ? lastItem.slice(first) : "";
  const short = items.slice(0, -1).every((x) => x.length <= 3);
  return `${nth < items.length - 1 && shared && short ? `${item}${shared}` : item}${change}`;
}

/** Where `part` stands in `text`, every time. */
function occurrences(text: string, part: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) out.push(i);
  return out;
}

/** An act with the 已 or 未 the text puts before it ("未脱贫0户" is never 脱贫户). */
function withAspect(before: string, act: string): string {
  const said = new RegExp(`(已经|已|未|尚未)\\s*${act}\\s*$`).exec(before);
  return said ? `${said[1]!.replace("已经", "已").replace("尚未", "未")}${act}` : act;
}
