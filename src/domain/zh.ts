/**
 * Chinese patterns and domain terms, written down once. Every stage that needs to know what a
 * heading, a township, a year, a number with a unit or a boilerplate line looks like reads it here.
 */

/** The Chinese digits 零 to 九 (两 for 二). */
export const CN_DIGIT_VALUES: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** …and 十 standing alone for ten (a heading's 十、). */
export const CN_DIGITS: Record<string, number> = { ...CN_DIGIT_VALUES, 十: 10 };

/** 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23; NaN for anything else. */
export function cnNumeral(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_DIGITS[s] ?? Number.NaN;
  const ten = s.indexOf("十");
  if (ten === -1 || s.length > 3) return Number.NaN;
  const tens = ten === 0 ? 1 : (CN_DIGITS[s[0] ?? ""] ?? Number.NaN);
  const ones = ten === s.length - 1 ? 0 : (CN_DIGITS[s[ten + 1] ?? ""] ?? Number.NaN);
  return tens * 10 + ones;
}

export const CN_NUM_CLASS = "[一二三四五六七八九十]{1,3}";

/** A CJK ideograph (Basic + Extension A) */
export const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff";
export const isCjk = (ch: string | undefined): boolean => !!ch && /[\u3400-\u4dbf\u4e00-\u9fff]/.test(ch);
/** Full-width punctuation and quotes that sit between CJK text. */
export const isCjkPunct = (ch: string | undefined): boolean => !!ch && /[\u3000-\u303f\uff00-\uffef“”‘’…—·]/.test(ch);

/** Lines a web portal or a word processor adds around the document; dropped before chunking. */
export const BOILERPLATE_LINE_PATTERNS: RegExp[] = [
  /^(当前页面|当前位置|您的位置|您当前的位置|所在位置)\s*[:：>].*$/,
  /^(附件下载|相关附件)\s*[:：]?\s*$/,
  /^扫一扫在手机打开当前页\s*$/,
  /^.*(打印本页|关闭窗口|【?字体[:：]?\s*[大中小]|分享到[:：]?).*$/,
  /^(主办单位|主办|技术支持)[:：].*$/,
  // (a 承办单位 line is a site's footer beside its other keys; alone it names who handles a task: "承办单位：镇水利站")
  /^承办单位[:：].*(?:主办|技术支持|ICP|备案|网站|电话|地址|邮编)/,
  /^.*ICP备\d+.*$/,
  /^.*公网安备.*$/,
  /^[^\n。，,]{1,60}\.(docx?|pdf|wps|txt)\s*$/i,
];

/** Inline artefacts of Word exports. */
export const INLINE_ARTEFACTS: RegExp[] = [/\[bookmark:[^\]\n]*\]/g, /\[(?:image|img)[^\]\n]*\]/gi];

/** Words that end like a township name but are not one. */
export const NOT_TOWNSHIPS = new Set([
  "乡镇",
  "城镇",
  "集镇",
  "村镇",
  "全镇",
  "我镇",
  "本镇",
  "该镇",
  "各镇",
  "全乡",
  "我乡",
  "本乡",
  "各乡",
  "小城镇",
  "特色小镇",
  "美丽乡",
  "城乡",
  "下乡",
  "返乡",
  "回乡",
  "家乡",
  "乡",
  "镇",
  "街道",
  "各街道",
  "中心镇",
  "重点镇",
  "建制镇",
  "强镇",
  "名镇",
  "新镇",
  "美镇",
  "县城镇",
  "镇街道",
  "全街道",
  "本街道",
  "旅游新镇",
  "生态美镇",
  "驻镇",
  "帮镇",
  "一镇",
  "人才下乡",
]);

const GENERIC_ENDINGS = new Set(["集镇", "城镇", "乡镇", "村镇", "小镇", "城乡"]);

/** Characters that never occur in a township's name stem but often stand right before 镇/乡 in speech. */
const NOT_IN_NAME = new Set(
  "的在了是个这那哪全整每各本我你他她该此两几多和与及到从派下去进里区就都也还要会给向往由对为把被让说问请找看想管镇乡村县市省区".split(
    "",
  ),
);

/** A township's name without 镇/乡/街道 ("荫田镇" → "荫田"), as people often say it. */
export function townshipStem(name: string): string {
  return name.replace(/(镇|乡|街道)$/, "");
}

/**
 * Township names a text mentions: up to three name characters right before 镇/乡/街道, cut at the
 * first character that cannot belong to a name ("林下经济在镇" names none, "请问西山镇" names 西山镇).
 * @example townshipCandidates("西山镇的低保怎么申请") // ["西山镇"]
 */
export function townshipCandidates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(镇|乡|街道)/g)) {
    const after = text[m.index + m[0].length] ?? "";
    // 乡村, 乡镇, 乡贤, 镇村, 镇域 … are words, not a place's suffix
    if ((m[0] === "乡" && /[村镇贤风土愁亲情音]/.test(after)) || (m[0] === "镇" && /[村域级]/.test(after))) continue;
    let s = m.index;
    while (s > 0 && m.index - s < 3 && isCjk(text[s - 1]) && !NOT_IN_NAME.has(text[s - 1]!)) s--;
    // (关于砻坊街道…的报告: the 于 of 关于 opens no name, though 于家镇's does)
    if (text.slice(s - 1, s + 1) === "关于") s++;
    const name = text.slice(s, m.index) + m[0];
    if (m.index - s >= 2 && !NOT_TOWNSHIPS.has(name) && !GENERIC_ENDINGS.has(name.slice(-2))) out.push(name);
  }
  return out;
}

/** The provinces and autonomous regions, as a reader or a report opens a place with them (河北肥乡, 河北省肥乡县). */
export const PROVINCES =
  "河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆";

/** Four-digit years this product cares about. */
export const YEAR_RE = /(?<!\d)(20[0-4]\d)(?=\s*年)/g;

/** Words in a heading that mark a section as a review of work done (总结) or as a plan (计划). */
export const REVIEW_WORDS =
  /(工作情况|完成情况|(?:工作)?(?:开展|进展|推进|落实|执行|运行|办理|整改)情况|工作总结|总结|回顾|亮点|成效|取得|述职|统计公报|提案的答复|建议的答复|答复函)/;
export const PLAN_WORDS =
  /(工作计划|计划|安排|打算|谋划|要点|思路|目标任务|举措|工作目标|预期目标|主要任务|重点任务|下步|下一步|下阶段|草案|主要措施|保障措施|绩效目标)/;

/** Measure words and units that make a number an answer to 多少/几. */
export const UNITS =
  "个|万元|亿元|元|亩|公里|千米|米|平方米|户|人次|人|家|座|所|条|处|支|块|辆|次|项|吨|件|台|批|场|期|名|套|口|间|栋|盏|张|份|头|只|株|棵|万|亿|%|％|倍|年|月|天|小时|届|轮|村|组|类|种|级|片|眼|孔|千瓦|立方米|方";
export const NUMBER_WITH_UNIT = new RegExp(
  `(?:\\d[\\d,，.]*|[一二三四五六七八九十百千万两]+)\\s*(?:余|多|以上|左右)?\\s*(?:${UNITS})`,
);
export const HAS_DIGIT = /\d/;
export const DATE_LIKE =
  /((?:19|20)\d\d\s*年|\d{1,2}\s*月|\d{1,2}\s*日|月底|年底|年内|上半年|下半年|季度|前完成|之前|截至|截止|期间|春节|汛期)/;

/** What a reader asks by its number (几号坑, 几号线, 几号展厅): 几号 before it asks no date. */
export const NUMBERED_THING = "[坑线楼门房台车窗馆厅位桌口机院展区站库井仓柜床厂]";

/** 几点 asking a time of day, not a count of points made (几点建议, 几点意见). */
export const CLOCK_ASKED = "几点(?![建意要措举内条])";

/** Question words by the shape of answer they ask for. Order matters: the first match wins. */
export const QUESTION_TYPES: Array<{ type: QuestionType; re: RegExp }> = [
  {
    type: "when",
    re: new RegExp(
      `(什么时候|何时|哪一?年|几月|${CLOCK_ASKED}|几号(?!${NUMBERED_THING})|什么时间|多久|多长时间|频率|期限|截止|截至|哪一?天|哪一?日|哪个?月|时间节点|啥时候|什么日子)`,
    ),
  },
  { type: "where", re: /(哪里|哪儿|在哪(?![些几])|什么地方|何处|哪个村|哪些村|哪个地方|地点|位置)/ },
  { type: "how", re: /(怎么办|怎么申请|如何申请|去哪申请|怎么办理|如何办理|怎样|如何|怎么|流程|手续|找谁)/ },
  {
    type: "list",
    re: /(哪些|哪[几两二三四五六七八九十]|有什么|有啥|都有|包括|包含|什么措施|什么举措|什么工作|哪方面|哪几个方面|主要做|重点做|几项|措施[？?]?$)/,
  },
  {
    type: "count",
    re: new RegExp(
      `(多少|几个|几家|几座|几条|几所|几户|几次|几支|几块|几处|几项|几名|几亩|几万|(?<!第)几(?!号${NUMBERED_THING})|数量|规模|面积|金额|比例|产值|产量|多大|多长|多高|多重|人数)`,
    ),
  },
];
/** A heading marker at the start of a path label: 一是, 1. / 1、, （一）, （1）. */
export const ITEM_MARKER = /^(?:[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])/;

/** A heading's own number with the space around it (（一）, 一、, 一是, 1.): not part of what the heading names. */
const HEADING_NUMBER =
  /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+(?:[、.．]|是)|\d+[.、．])\s*/;

/** A heading without its number: "（一）实施农村危房改造" → "实施农村危房改造". */
export function withoutHeadingNumber(heading: string): string {
  return heading.replace(HEADING_NUMBER, "");
}

export type QuestionType = "count" | "list" | "when" | "where" | "how" | "what";

/** Words that carry no topic in a question; ignored when judging whether evidence covers it. */
export const QUESTION_STOPWORDS = new Set([
  "多少",
  "几个",
  "什么",
  "哪些",
  "哪个",
  "哪里",
  "怎么",
  "怎样",
  "如何",
  "请问",
  "是否",
  "有没有",
  "有无",
  "能不能",
  "可以",
  "能够",
  "一下",
  "我们",
  "你们",
  "他们",
  "咱们",
  "这个",
  "那个",
  "这些",
  "那些",
  "的",
  "了",
  "吗",
  "呢",
  "啊",
  "吧",
  "呀",
  "么",
  "是",
  "在",
  "有",
  "和",
  "与",
  "及",
  "或",
  "对",
  "把",
  "被",
  "给",
  "让",
  "从",
  "到",
  "向",
  "跟",
  "就",
  "都",
  "还",
  "也",
  "又",
  "要",
  "会",
  "能",
  "想",
  "问",
  "说",
  "讲",
  "提到",
  "提出",
  "提及",
  "写",
  "里",
  "中",
  "上",
  "下",
  "年",
  "今年",
  "去年",
  "明年",
  "计划",
  "工作",
  "工作计划",
  "总结",
  "要点",
  "政府",
  "文件",
  "规划",
  "方面",
  "情况",
  "镇",
  "乡",
  "全镇",
  "我镇",
  "镇里",
  "乡里",
  "村里",
  "具体",
  "主要",
  "一共",
  "总共",
  "共",
  "多",
  "少",
  "几",
  "个",
  "啥",
  "咋",
  "怎么样",
  "什么样",
  "时候",
  "哪",
  "谁",
  "为",
  "为了",
  "关于",
  "打算",
  "准备",
  "今后",
  "将",
  "将要",
  "已经",
  "完成",
  "开展",
  "做",
  "做了",
  "干",
  "搞",
  "情况怎样",
  "目前",
  "现在",
  "啥时候",
  "时间段",
  "时段",
  "多久",
  "这",
  "那",
  "之",
  "请",
  "告诉",
  "我",
  "你",
  "他",
  "她",
  "它",
  "吗？",
  "哪些方面",
  "方面的",
  "内容",
  "相关",
  "有关",
  "期间",
  "期",
  "2021",
  "2022",
  "2023",
  "2024",
  "2025",
  "2026",
  "一些",
  "些",
  "什么样的",
  "几项",
  "几方面",
  "措施",
  "举措",
  "听说",
  "以后",
  "这边",
  "那边",
  "一点",
  "这块",
  "那块",
  "管不管",
  "弄",
  "怎么弄",
  "弄好",
  "家里",
  "帮着",
  "马上",
  "哪天",
  "哪种",
  "哪个",
  "哪家",
  "多长时间",
  "一次",
  "叫",
  "叫什么",
  "指",
  "指什么",
  "是不是",
  "有没有",
  "有啥",
  "么",
  "啥样",
  "咋样",
  "咋办",
  "怎么办",
  "咱",
  "俺",
  "人家",
  "大家",
  "东西",
  "事",
  "事情",
  "东西南北",
  "能不能",
  "给我",
  "我家",
  "我爸",
  "我妈",
  "这份",
  "那份",
  "形成",
  "提到了",
  "说说",
  "讲讲",
  "介绍",
  "一共有",
  "多大",
  "什么态度",
  "整个",
  "态度",
  "两项",
  "哪两项",
  "一下子",
  "准备",
  "打算",
  "怎么回事",
  "哪条",
  "哪段",
  "哪一段",
  "哪一个",
  "每个",
  "下去",
  "几号",
  "几月",
  "哪月",
  "哪天",
  "之前",
  "以前",
  "以后",
  "之后",
  "哪位",
  "哪项",
  "哪类",
  "哪种",
  "哪一种",
  "哪一项",
  "哪几项",
  "各",
  "分别",
  "各自",
  "实际",
  "实际上",
  "到底",
  "究竟",
  "本来",
  "原本",
  "原先",
  "当初",
  "起初",
  "截至",
  "截止",
  "这是",
  "多长",
  "好长",
  "多远",
  "多高",
  "多重",
  "几多",
  "好多",
  "多宽",
  "多深",
  "那是",
  "数",
  "个数",
  "多个",
  "以后",
  "往后",
  "那阵子",
  "这阵子",
  "一下子",
  "能否",
  "可否",
  "吗",
  "不",
]);

/** An amount of money: in 元, or (in a report) a sum said in 万 or 亿 alone, 耗资8亿的酒店. */
const SUM = /元|\d\s*块(?!\s*[金银铜奖]牌)|\d\s*[万亿](?=[的，。；、\s]|$)/;

/**
 * Quantities a 多少 question can ask for by name. When a question names one ("总投资是多少万元"),
 * the evidence must name it too (or a synonym): a sentence with some other number is not an answer.
 * Money asked as 多少钱 needs an amount of money.
 */
export const QUANTITY_NOUNS: Array<{ asked: RegExp; evidence: RegExp[] }> = [
  {
    asked: /(总投资|投资|投入|资金|经费|花了|花费|造价)/,
    // (…or what was paid for a thing: 花20块买了, 以11亿美元收购)
    evidence: [
      /(投资|投入|资金|经费|花费|耗费|耗资|花了|花掉|支出|开支|造价|拨付|筹措|花\s*\d|以[^，。；]{0,12}?元(?:的价格)?(?:收购|买下|购入|购买|拍下|拍得))/,
      SUM,
    ],
  },
  { asked: /(面积)/, evidence: [/(面积|亩|平方米|公顷)/] },
  { asked: /(产值|产量|收入|营业额)/, evidence: [/(产值|产量|收入|营业额|产油量|效益)/] },
  { asked: /(床位)/, evidence: [/(床位|张床)/] },
  { asked: /(学位)/, evidence: [/(学位)/] },
  { asked: /(普及率|覆盖率|合格率|达标率|化解率|办结率|比例|占比|增长)/, evidence: [/(率|%|％|比例|占比|增长)/] },
  {
    asked:
      /(多少钱|几块钱|多少元|钱[^，。？?]{0,8}(多少|几)|(补贴|补助|津贴|工资|费|支出|营收|净利润|利润|研发投入)[^，。？?]{0,6}(多少|几)(?!户|人|个|名|家|亩)|(多少|几)[^，。？?\d]{0,2}(赔偿|补偿|罚款|罚金|奖金|赔款|日元|美元|欧元|英镑|港元|韩元|卢布))/,
    evidence: [SUM],
  },
  { asked: /(人数|多少人|几个人|几人)/, evidence: [/(人|名)/] },
];

/** The commonest Chinese surnames (together more than four in five people). */
export const SURNAMES = new Set(
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤包习耿易乔",
);
/** A word jieba does not know that reads as a person's name: two or three characters, a common surname first. */
export const personLike = (w: string) =>
  w.length >= 2 && w.length <= 3 && SURNAMES.has(w[0]!) && !/[哪几啥么们]/.test(w);
