import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ageFit, askedAge, askedUnit, gradesNamed } from "../src/answer/extractive.js";
import { asksForOutline, splitQuestion } from "../src/answer/respond.js";
import type { LocalPlanQA } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { LEXICON, LexiconSchema, THESAURUS } from "../src/domain/lexicon.js";
import { analyzeQuestion, placeNamed } from "../src/retrieve/question.js";
import { chineseNumber, PinyinVocabulary, readQuestion } from "../src/retrieve/reading.js";
import { shippedCore } from "./helpers/core.js";

const TODAY = new Date("2026-11-30T12:00:00");
const known = ["东山镇", "荫田镇"];

describe("the resident lexicon", () => {
  it("is valid data: domains of synonym groups, dialect pairs, fillers and words for the segmenter", () => {
    expect(LexiconSchema.safeParse(LEXICON).success).toBe(true);
    expect(Object.keys(LEXICON.domains)).toEqual(
      expect.arrayContaining(["people", "money", "housing", "farming", "health", "school", "jobs", "roads", "water"]),
    );
    expect(THESAURUS.length).toBeGreaterThan(80);
    for (const g of THESAURUS) expect(new Set(g).size, g.join(" ")).toBe(g.length);
    // a malformed lexicon is rejected, not half-used
    expect(LexiconSchema.safeParse({ ...LEXICON, dialect: [["俺"]] }).success).toBe(false);
    expect(LexiconSchema.safeParse({ ...LEXICON, domains: { people: [["老人"]] } }).success).toBe(false);
  });
});

describe("reading a resident's message", () => {
  let vocab: PinyinVocabulary;
  beforeAll(async () => {
    vocab = await PinyinVocabulary.build([
      ["低保", 5],
      ["补贴", 9],
      ["改厕", 3],
      ["养老", 4],
      ["医保", 2],
      ["医疗", 3],
    ]);
  });
  const read = (q: string) => readQuestion(q, { today: TODAY, vocabulary: vocab });

  it("standardises dialect words and drops fillers, whole words only", () => {
    expect(read("俺们村修水渠有钱补吗").text).toBe("我们村修水渠有钱补吗");
    expect(read("低保啥时候发").text).toBe("低保什么时候发");
    expect(read("加强环境整治工作").text).toBe("加强环境整治工作"); // 整 of 整治 is no dialect word
    expect(read("低保咋申请").corrections).toContainEqual({ from: "咋", to: "怎么", why: "dialect" });
  });

  it("writes Chinese numerals before a unit or an age as digits", () => {
    expect(chineseNumber("七十六")).toBe(76);
    expect(chineseNumber("一百零一")).toBe(101);
    expect(chineseNumber("两千五")).toBe(2500);
    expect(chineseNumber("三万五千")).toBe(35000);
    expect(chineseNumber("1.2万")).toBe(12000);
    expect(Number.isNaN(chineseNumber("一是"))).toBe(true);
    expect(read("我妈七十六岁了能领多少").text).toContain("76岁");
    expect(read("一是加强党建").text).toBe("一是加强党建");
  });

  it("corrects typos and homophones by sound, and pinyin initials to lexicon words, and says so", () => {
    expect(read("低宝怎么申请").text).toBe("低保怎么申请");
    expect(read("补帖标准是多少").text).toBe("补贴标准是多少");
    expect(read("村里改测搞了多少个").text).toContain("改厕");
    const yl = read("yl保险怎么交");
    expect(["养老", "医疗"]).toContain(yl.corrections.find((c) => c.why === "initials")?.to);
    // known words and particles are never "corrected"
    expect(read("低保的钱在镇里发").text).toBe("低保的钱在镇里发");
  });

  it("reads relative time words against today's date", () => {
    expect(read("去年全镇改厕完成了多少").text).toContain("2025年");
    expect(read("去年全镇改厕完成了多少").relative).toEqual({ word: "去年", years: [2025], kind: "总结" });
    expect(readQuestion("明年有什么计划", { today: new Date("2022-03-15T12:00:00") }).text).toBe("2023年有什么计划");
    expect(read("最新的低保标准是多少").relative).toMatchObject({ word: "最新", years: [] });
    expect(read("前年种了多少亩烟叶").relative?.years).toEqual([2024]);
    // a comparison with last year asks about no year of its own
    expect(read("全镇财政收入比去年同期增长了多少").relative).toBeNull();
    expect(read("全镇财政收入比去年同期增长了多少").text).toContain("去年同期");
    expect(read("去年同期全镇财政收入是多少").relative?.years).toEqual([2025]);
  });

  it("reads a township only from a real place name", () => {
    expect(analyzeQuestion("低保的那份钱镇里什么时候发", known).unknownTownship).toBeNull();
    expect(analyzeQuestion("2026年镇里修路吗", known).unknownTownship).toBeNull();
    expect(analyzeQuestion("最近镇里有什么新机制", known).unknownTownship).toBeNull();
    expect(placeNamed("我们青禾镇的高龄津贴", "们青禾镇")).toBe("青禾镇");
    expect(analyzeQuestion("在白马镇办低保", known).unknownTownship).toBe("白马镇");
    expect(analyzeQuestion("该镇入选了哪个全国试点建设镇？", known).unknownTownship).toBeNull();
  });
});

describe("asking in parts", () => {
  it("splits a two-part message and lends the first part's subject to a part that names none", () => {
    expect(splitQuestion("东山镇2022年要建几个美丽乡村，投资多少钱？", known)).toEqual([
      "东山镇2022年要建几个美丽乡村",
      "东山镇2022年要建美丽乡村投资多少钱",
    ]);
    expect(splitQuestion("荫田镇2021年改厕多少个，学校建了几所？", known)[1]).toBe("荫田镇2021年学校建了几所");
    expect(splitQuestion("我妈85岁了，每月能领多少钱？", known)).toHaveLength(1);
    expect(splitQuestion("荫田镇2021年完成了多少个改厕任务？", known)).toHaveLength(1);
  });
  it("knows a request for a whole plan from a question about something in it", () => {
    expect(asksForOutline("荫田镇2026年有什么计划？", analyzeQuestion("荫田镇2026年有什么计划？", known))).toBe(true);
    expect(asksForOutline("荫田镇2022年改厕有什么计划？", analyzeQuestion("荫田镇2022年改厕有什么计划？", known))).toBe(
      false,
    );
  });
});

describe("answer selection helpers", () => {
  it("fits an asked age into the bands a sentence states", () => {
    expect(askedAge("俺娘85了每月能领多少")).toBe(85);
    expect(askedAge("我爸92岁")).toBe(92);
    expect(ageFit(85, "80—89周岁每人每月50元")).toBeGreaterThan(0);
    expect(ageFit(85, "90周岁以上每人每月200元")).toBeLessThan(0);
    expect(ageFit(76, "75周岁以上老人")).toBeGreaterThan(0);
    expect(ageFit(null, "80—89周岁")).toBe(0);
  });
  it("asks for the unit a count question names", () => {
    expect(askedUnit("油茶林有多少亩")?.test("油茶林1.2万亩")).toBe(true);
    expect(askedUnit("油茶林有多少亩")?.test("打击处置违规6起")).toBe(false);
    expect(askedUnit("要硬化多少公里路")?.test("安装路灯600盏")).toBe(false);
    expect(askedUnit("新建了几座桥")?.test("新建垃圾处理场一座")).toBe(true);
    expect(askedUnit("有什么政策")).toBeNull();
    // the unit after a figure: a table's 项目名称 has a 名 but no count of people
    expect(askedUnit("惠及多少人")?.test("项目名称：农村饮水提质；惠及6个村")).toBe(false);
    expect(askedUnit("惠及多少人")?.test("惠及1200余人")).toBe(true);
  });
  it("holds a count to the grade the question names", () => {
    const [g] = gradesNamed("三级残疾人护理补贴每月多少钱");
    expect(g!.test("护理补贴一级每人每月120元、二级每人每月90元")).toBe(false);
    expect(g!.test("三级每人每月60元")).toBe(true);
    expect(g!.test("3级每人每月60元")).toBe(true);
  });
});

describe("residents' questions on the shipped corpus", () => {
  let qa: LocalPlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
  afterAll(() => cleanup());
  const ask = (q: string, today = TODAY) => qa.ask(q, { today });

  it("never gives a number about another thing: says what the plans do say, cited, and refuses", async () => {
    const peanut = await ask("荫田镇2021年花生种了多少亩？");
    expect(peanut.refused).toBe(true);
    expect(peanut.answer).toContain("花生");
    expect(peanut.answer).not.toMatch(/^[^。]*1140/); // the 早稻 figure only as the quoted nearest passage
    const bridge = await ask("荫田镇2021年新建了几座桥？");
    expect(bridge.refused).toBe(true);
    expect(bridge.answer).toContain("桥");
  });

  it("answers everyday words for official ones, with the year and place of the evidence in the body", async () => {
    const toilets = await ask("村里厕所改了多少个啊？");
    expect(toilets.refused).toBe(false);
    expect(toilets.answer).toMatch(/^据荫田镇2021年工作总结：.*650/);
    const jobs = await ask("我想在镇上找个工作，有培训吗");
    expect(jobs.refused).toBe(false);
    expect(jobs.answer).toContain("职业技能培训");
    expect(jobs.citations.length).toBeGreaterThan(0);
  });

  it("answers a two-part question part by part and names the part the documents do not answer", async () => {
    const a = await ask("荫田镇2021年改厕多少个，花了多少钱？");
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("650");
    expect(a.missing).toEqual(["花了多少钱"]);
    expect(a.answer).toMatch(/现有文件没有写明/);
    const b = await ask("东山镇2022年要建几个美丽乡村，投资多少钱？");
    expect(b.refused).toBe(false);
    expect(b.answer).toContain("4个");
    expect(b.missing).toHaveLength(1);
  });

  it("shows what it understood when it corrected the message", async () => {
    const a = await ask("低宝的钱啥时候发");
    expect(a.interpretedAs).toContain("低保");
    expect(a.interpretedAs).toContain("什么时候");
  });
});

describe("answers that know the date", () => {
  let qa: LocalPlanQA;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ qa, cleanup } = await shippedCore()));
  afterAll(() => cleanup());

  it("says the year meant has no document and answers from the nearest, naming both years", async () => {
    const a = await qa.ask("去年全镇改厕完成了多少？", { today: TODAY });
    expect(a.refused).toBe(false);
    expect(a.answer).toMatch(/没有.*2025年.*最近的是.*2021年/);
    expect(a.answer).toContain("650");
    expect(a.interpretedAs).toContain("2025年");
  });

  it("uses the year meant when it has a document, and names it in the body", async () => {
    const a = await qa.ask("东山镇今年打算建几个生态宜居美丽乡村？", { today: new Date("2022-03-15T12:00:00") });
    expect(a.answer).toContain("2022年");
    expect(a.answer).toContain("4个");
  });

  it("outlines the nearest plan when the year meant has none", async () => {
    const a = await qa.ask("荫田镇今年有什么计划？", { today: TODAY });
    expect(a.refused).toBe(false);
    expect(a.answer).toMatch(/没有荫田镇2026年的工作计划；最近的是荫田镇2022年工作计划/);
    expect(a.citations.length).toBeGreaterThan(1);
    // a year the user wrote out stays what they asked for
    const written = await qa.ask("东山镇2023年工作计划的重点有哪些？", { today: TODAY });
    expect(written.refused).toBe(true);
    expect(written.answer).toContain("2023");
  });

  it("reads 那去年呢 after a question about this year", async () => {
    const id = "relative-followup";
    const today = new Date("2023-01-10T12:00:00");
    const first = await qa.ask("荫田镇今年完成了多少个改厕任务？", { conversationId: id, today });
    expect(first.answer).toMatch(/没有荫田镇2023年的工作总结/);
    const next = await qa.ask("那去年呢？", { conversationId: id, today });
    expect(next.interpretedAs).toContain("2022年");
    // 2022 has a plan but no summary: the answer says so and gives 2021's result, naming the year
    expect(next.answer).toContain("2021年");
    expect(next.answer).toContain("650");
  });

  it("takes the clock from TODAY, validated", () => {
    expect(loadConfig({ TODAY: "2026-11-30" }).TODAY).toBe("2026-11-30");
    expect(() => loadConfig({ TODAY: "2026-02-30" })).toThrow(/TODAY/);
    expect(() => loadConfig({ TODAY: "30/11/2026" })).toThrow(/TODAY/);
  });
});

describe("reading leaves alone what is no typo or relative time", () => {
  it("does not take two function words (将于) for a word that sounds like them (降雨)", async () => {
    const vocab = await PinyinVocabulary.build([
      ["降雨", 5],
      ["庭审", 2],
    ]);
    const r = readQuestion("庭审工作将于哪一天开始？", { today: new Date("2026-11-30T12:00:00"), vocabulary: vocab });
    expect(r.text).toBe("庭审工作将于哪一天开始？");
  });
  it("takes three unknown characters with a surname first for a name (潘功胜), not a typo of a word (共生)", async () => {
    const vocab = await PinyinVocabulary.build([
      ["共生", 3],
      ["措施", 9],
    ]);
    const r = readQuestion("潘功胜提出的措施包括哪些？", { today: new Date("2026-11-30T12:00:00"), vocabulary: vocab });
    expect(r.text).toBe("潘功胜提出的措施包括哪些？");
    // …also when a one-character word joins it in a longer unknown run (陈慧玉 + 的): 慧玉 is no typo of 惠誉
    const fitch = await PinyinVocabulary.build([["惠誉", 5]]);
    const named = readQuestion("陈慧玉的求学经历在哪个国家？", {
      today: new Date("2026-11-30T12:00:00"),
      vocabulary: fitch,
    });
    expect(named.text).toBe("陈慧玉的求学经历在哪个国家？");
  });
  it("keeps a stated year before 上半年, and writes the year out before a bare one", () => {
    const today = new Date("2026-11-30T12:00:00");
    expect(readQuestion("2023年上半年新增装机多少？", { today }).text).toBe("2023年上半年新增装机多少？");
    expect(readQuestion("上半年新增装机多少？", { today }).text).toBe("2026年上半年新增装机多少？");
  });
});
