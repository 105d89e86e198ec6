import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  askedEvent,
  askedUnit,
  clip,
  coverage,
  kindFit,
  kindNamed,
  monthsTold,
  ordinalsNamed,
  periodChanges,
  quartersOf,
  questionTerms,
  slotFit,
  speechCore,
  yesNo,
} from "../src/answer/extractive.js";
import { combine, questionParts } from "../src/answer/respond.js";
import { PlainBm25Baseline } from "../src/eval/baseline.js";
import { containsNormalized } from "../src/eval/metrics.js";
import { cleanText } from "../src/ingest/clean.js";
import { inferMetadata } from "../src/ingest/metadata.js";
import { fuse, vectorWeightFor } from "../src/retrieve/hybrid.js";
import { indexText } from "../src/search/store.js";
import { guessBoundaryWords } from "../src/search/tokenize.js";
import { testChunk } from "./helpers/chunks.js";
import { coreOver } from "./helpers/core.js";

const meta = (file: string, text: string) => inferMetadata(file, cleanText(text).text);

/** Asks `question` and expects an answer, not a refusal, that holds `gold`; returns it for further checks. */
async function answers(qa: Pick<Awaited<ReturnType<typeof coreOver>>["qa"], "ask">, question: string, gold: string) {
  const a = await qa.ask(question);
  expect(a.refused).toBe(false);
  expect(a.answer).toContain(gold);
  return a;
}

/** A library of the news reports `reports` gives (news-1.txt…), indexed once for a describe block and removed after it. */
function newsLibrary(prefix: string, reports: () => string[]): Pick<Awaited<ReturnType<typeof coreOver>>["qa"], "ask"> {
  let dir = "";
  let core: Awaited<ReturnType<typeof coreOver>> | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    const corpus = join(dir, "corpus");
    await mkdir(corpus);
    for (const [i, text] of reports().entries()) await writeFile(join(corpus, `news-${i + 1}.txt`), `${text}\n`);
    core = await coreOver(corpus);
  });
  afterAll(async () => {
    await core?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });
  return { ask: (...args) => core!.qa.ask(...args) };
}

describe("document kinds beyond plans", () => {
  it("tells news, notices, 方案, 解读 and 指南 from plans and reviews", () => {
    expect(
      meta(
        "a.txt",
        "[ 2023-07-28 16：40 ] ，正文：人民网柏林7月28日电 （记者刘仲华）7月27日晚，中国驻德国大使馆举行招待会。",
      ).kinds,
    ).toEqual(["新闻"]);
    expect(meta("b.txt", "IT之家8月16日消息，联想发布了新款移动工作站。").kinds).toEqual(["新闻"]);
    // (a report whose dateline was lost keeps its 正文：, and is no 总结 for the 工作 it reports)
    expect(meta("c.txt", "，正文：生态环境部部长介绍了新污染物治理工作总结的成效。").kinds).toEqual(["新闻"]);
    expect(meta("关于印发《石门乡2022年工作计划》的通知.txt", "各村：现将计划印发给你们。").kinds).toEqual(["计划"]);
    expect(meta("关于做好防汛工作的通知.txt", "各村：请做好防汛值班。").kinds).toEqual(["通知"]);
    expect(meta("石门乡人居环境整治实施方案.txt", "为改善人居环境，制定本方案。").kinds).toEqual(["方案"]);
    expect(meta("低保政策解读.txt", "一问一答。").kinds).toEqual(["解读"]);
    expect(meta("低保办事指南.txt", "所需材料：户口本。").kinds).toEqual(["指南"]);
    // a report on how work went (视察报告, 情况的报告) is of neither kind: its sentences say which
    expect(
      meta("石门镇人大主席团关于2025年重点项目建设情况的视察报告.txt", "一、基本情况\n（一）计划总投资1.2亿元。").kinds,
    ).toEqual(["其他"]);
    // no title word: plan-shaped text that looks ahead is a plan, anything else is "other"
    expect(meta("x.txt", "一、指导思想\n坚持以人民为中心。\n二、重点任务\n（一）完成改厕500户。").kinds).toEqual([
      "计划",
    ]);
    expect(meta("y.txt", "今天天气很好，村民们在广场上跳舞，大家都很开心。").kinds).toEqual(["其他"]);
    // a news report is known by its headline (原标题), never by a kind or a township the headline names
    const story = meta(
      "news-1.txt",
      "2023-08-05 10:00，正文：原标题：桐溪镇教师培养计划启动中新网8月5日电 桐溪镇5日启动乡村教师培养计划。",
    );
    expect(story.title).toBe("桐溪镇教师培养计划启动");
    expect(story.kinds).toEqual(["新闻"]);
    expect(story.township).toBeNull();
    // a report that names no year is of its dateline's year
    expect(story.years).toEqual([2023]);
    expect(meta("news-3.txt", "IT之家8月16日消息，联想发布了新款移动工作站。").years).toEqual([]);
    // …and one that states none by its file name
    expect(meta("news-2.txt", "2023-08-05 10:00，正文：桐溪镇5日启动乡村教师培养计划。").title).toBe("news-2");
    // …but one shaped like a plan that reports what was done is no plan (its sentences say which figures are ahead)
    expect(
      meta("z.txt", "目前已进入全面实施阶段。\n一是热情高。已开始行动的村达14个。\n二是进度快。已有17个项目开工。")
        .kinds,
    ).toEqual(["其他"]);
  });
});

describe("what is indexed of a chunk", () => {
  it("gives a plan's chunks its title, but not a news report's headline, already in its first chunk", () => {
    const text = "全年新建村道5公里。";
    const plan = testChunk(text, { title: "石门乡2025年工作计划", kinds: ["计划"] });
    const story = testChunk(text, { title: "石门乡修路", kinds: ["新闻"] });
    expect(indexText(plan)).toContain("石门乡2025年工作计划");
    expect(indexText(story)).not.toContain("石门乡修路");
    expect(indexText(story)).toContain(text);
  });
});

describe("fusion never loses to its lexical half", () => {
  const lexical = Array.from({ length: 10 }, (_, i) => ({ index: i, score: 10 - i }));
  it("keeps the lexical order when the vector side agrees with none of it", () => {
    const vector = Array.from({ length: 10 }, (_, i) => ({ index: 100 + i, similarity: 0.9 - i * 0.01 }));
    expect(fuse(lexical, vector, { k: 5, vectorWeight: 0.35 }).map((x) => x.index)).toEqual([0, 1, 2, 3, 4]);
  });
  it("lets an agreeing vector side break a lexical near-tie", () => {
    const tied = [{ index: 0, score: 10 }, { index: 1, score: 9.9 }, ...lexical.slice(2)];
    const vector = [1, 0, 2, 3, 4, 5, 6, 7, 8, 9].map((index, r) => ({ index, similarity: 0.9 - r * 0.05 }));
    expect(fuse(tied, vector, { k: 3, vectorWeight: 0.35 })[0]!.index).toBe(1);
  });
});

describe("a library with news beside plans", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let qa: Awaited<ReturnType<typeof coreOver>>["qa"];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "planqa-mixed-"));
    const corpus = join(dir, "corpus");
    await mkdir(corpus);
    await writeFile(
      join(corpus, "石门乡2022年工作计划.txt"),
      "石门乡2022年工作计划\n一、基础设施\n（一）完成农村公路硬化12公里。\n（二）新建村级卫生室3个。\n",
    );
    await writeFile(
      join(corpus, "news-1.txt"),
      "[ 2023-08-16 19:40 ] ，正文：中新网合肥8月16日电（记者张强）记者16日获悉，引江济淮工程航道江淮沟通段当日开始试运行，试运行期为2023年8月16日至2024年3月31日。\n",
    );
    ({ qa, cleanup } = await coreOver(corpus));
  });
  afterAll(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it("does not scope a news report by a date in the question, and answers it without a plan's lead", async () => {
    const a = await answers(qa, "引江济淮工程航道江淮沟通段2023年什么时候开始试运行？", "2023年8月16日");
    expect(a.answer).not.toMatch(/^据/);
  });

  it("still scopes the plans by their year", async () => {
    const a = await qa.ask("石门乡2022年计划硬化多少公里公路？");
    expect(a.answer).toContain("12公里");
    const other = await qa.ask("石门乡2024年计划硬化多少公里公路？");
    expect(other.refused).toBe(true);
  });
});

describe("the plain BM25 baseline beside every eval", () => {
  it("cuts documents into 500-character windows with 50 of overlap and pastes the top one", () => {
    const text = `${"甲".repeat(480)}改厕任务数650个${"乙".repeat(600)}`;
    const b = new PlainBm25Baseline([{ docId: "d", title: "t", text }]);
    const a = b.ask("改厕任务数是多少");
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("650");
    expect(a.answer.length).toBeLessThanOrEqual(500);
    expect(a.passages.length).toBeGreaterThan(1);
  });
});

describe("a library of news reports", () => {
  const qa = newsLibrary("planqa-news-", () => {
    const news = [
      "2023-08-10 22:13，正文：北京时间周四晚间，美国劳工统计局公布了7月消费者价格指数（CPI）。在连续12个月下降后，美国CPI同比增速首次反弹，重新攀升至3.2%。不过，这个数值低于市场预期的3.3%，比6月份的3.0%高0.2个百分点。消息发布后，美元指数小幅下跌。",
      "2023-08-20 10:00，正文：对此，第13、15、16、18、20、22批中国援卢旺达医疗队队员，内蒙古自治区第四医院外科主任李俊升表示，医学是一门治病救人的学问，它不仅需要理论和实践紧密结合，更需要一代又一代医者把经验和精神传下去，希望即将进入医学院校学习的青年珍惜时光、刻苦钻研、早日成才，将来到祖国最需要的地方去，到基层去，到边疆去，到群众身边去，用精湛的医术守护人民健康，用仁心仁术温暖每一位患者，让医学事业后继有人、薪火相传，让更多的年轻人愿意从事医疗工作。",
      "2023-07-30 09:12，正文：第十届青少年科技节29日在江城市会展中心开幕。本届科技节由江城市科学技术协会主办，江城市教育局承办。科学技术协会主席周明远在开幕式上致辞，他表示科技节将持续五天。",
      "2023-08-02 18:20，正文：第五届乡村音乐节1日在桐溪镇落幕。音乐节由桐溪镇文化站主办，吸引游客3.5万人次。",
      "2023-08-03 20:46，正文：降雨趋于结束，海河流域上游主要河道水位平稳回落。截至8月3日8时，永定河水位平稳回落，大清河水位继续下降。",
      "2023-08-05 10:00，正文：国家统计局5日发布数据，上半年全国规模以上工业增加值同比增长3.8%。",
      "2023-08-09 09:30，正文：8日晚，工信部发布开展应用程序备案工作的通知，从9月起组织开展APP备案工作。APP需要何时完成备案？2023年9月至2024年3月底，在通知发布前开展业务的APP向省级通信管理局履行备案手续。通知发布后拟开展业务的APP，应先履行备案手续后再开展业务。",
      "2023-08-01 10:00，正文：市卫健委就奖励扶助政策答记者问。问：独生子女父母奖励扶助金什么时候发放？答：6月底前发放到户。问：奖励扶助金由谁审核？答：由乡镇卫健办初审、县卫健局复核。",
      "2023-08-02 14:35，正文：最新的《财富》世界500强排行榜发布。此次排行榜一共有39家新上榜和重新上榜公司，其中有7家中国公司上榜。今年，中国共有142家公司上榜，数量继续位居各国之首。",
    ];
    news.push(
      "2023-07-28 20:00，正文：7月28日，为期三天的2023年花桥镇首届和美乡村“村BA”篮球赛开赛，来自各村的9支代表队展开激烈角逐。",
      "2023-08-01 10:00，正文：省足协公布新赛季外援注册规定，各俱乐部参赛队伍须在8月底前完成注册。",
      "2023-08-08 10:00，正文：重庆力帆新赛季引进多名球员。26万欧元身价的费尔南多属于“经济适用型”，和高拉特无法相提并论。",
      "2023-08-09 10:00，正文：浑南区政务服务中心推出多项便民举措。“学雷锋志愿服务队”共50余名队员，平时还会为志愿者进行业务培训。",
      "2023-07-27 09:00，正文：7月26日，美联储宣布加息，将联邦基金利率目标区间上调25个基点，把利率推升到22年来的最高水平。",
    );
    news.push(
      "2023-08-06 09:00，正文：市审计局联合县农业农村局开展党建服务活动，向基层群众宣传强农惠民政策。在河坝县石门镇活动现场，党员干部向群众讲解政策。",
      "2023-08-05 21:18，正文：“书香人海”读书会在中关村图书大厦启动，大学生志愿者和15组亲子家庭共读《西游记》。",
    );
    news.push(
      "2023-08-04 08:21，正文：由于学生公寓紧缺，苍山学院要求713名女生搬离现有宿舍。",
      "2023-08-18 09:39，正文：苍山银行原风险总监韩立林一审获刑十一年。8月17日，市中级人民法院公开宣判此案。",
      "2023-07-30 10:00，正文：约400人参加集会，反对在佐贺机场部署运输机。",
    );
    news.push(
      "2023-08-03 09:00，正文：前瞻计划第3期特别预算分配公布，拥有277万人口的高雄市分到1265亿元。",
      "2023-08-17 09:00，正文：8月17日上午，烈士骨灰安葬仪式在竹沟革命烈士陵园举行。",
    );
    news.push(
      "2023-08-10 09:00，正文：近日，广东某地一家公司的人事专员多次羞辱前来讨薪的女员工，引发网友关注。",
      "2023-08-08 09:00，正文：今年第6号台风“卡努”逐渐靠近，韩国政府启动应急响应。",
    );
    news.push(
      "2023-08-12 09:00，正文：市文旅局12日发布通知，今年暑期文化惠民活动于8月1日在市博物馆启动。本次文化惠民活动的举办时间为8月1日至8月31日，全市20家博物馆免费开放。",
    );
    news.push(
      "2023-08-18 06:57，正文：日本国家旅游局数据显示，今年1至6月访日游客超1072万人次，其中，韩国游客约313万人次，韩国成为访日游客第一大国。",
      "2023-08-19 10:00，正文：当地文旅部门公布的数据显示，2023年1月至7月，南京实现旅游总收入1975.09亿元，比2022年增长65.8%，比2019年增长31.7%。",
      "IT之家8月1日消息，受半导体市场低迷影响，三星的芯片业务部门在今年前六个月产生了8.9万亿韩元的营业亏损。",
      "2023-08-18 16:03，正文：南京西路街道骑手驿站18日正式揭牌。驿站开设读书角、手机充电站等便民服务。驿站设在襄阳北路14号，面积约40平方米。",
      "2023-07-28 09:00，正文：三星电子27日表示将延长存储芯片减产。三星电子同日公布了第二季度财报。三星仍计划延长减产，原因在于市场需求复苏受限于高端芯片。",
      "2023-08-10 09:00，正文：工信部就APP备案答问。考虑到各方实际业务情况，预留10个月时间作为APP备案工作的过渡期。",
      "2023-08-03 08:51，正文：【特约记者】巴黎一家珠宝店1日遭遇劫案。据法国警方透露，劫案发生在1日13时左右，地点是巴黎二区和平路。",
      "2023-08-03 09:22，正文：原标题：巴黎珠宝店遭劫。据法国警方透露，劫案发生在1日13时左右，地点是巴黎二区和平路。",
      "2023-08-03 16:14，正文：原标题：为足疗店引流赚快钱？为了提高效率，朱某通过种种手段购买了140余万条个人信息。警方提醒，非法获取公民个人信息属于违法行为。",
      "2023-08-07 10:00，正文：该实验室在7月30日第二次实现了核聚变点火，产生了能量盈余。",
      "2023-08-16 16:21，正文：原标题：林区法院普法进乡村。近日，林区法院执行局充分利用农村集市人员密集的优势，在辖区乡镇开展了集中宣传活动。",
      "2023-08-11 18:07，正文：湖南双峰县杏子铺镇一女子在水库溺亡，据报道，女子当时是与三名乡镇干部相约去游泳。11日，镇政府工作人员表示，三名涉事人员事发后已没在镇政府上班。",
      "2023-08-08 10:00，正文：当地时间7月29日，艾琳·帕特森在莱昂加萨镇下厨，款待前夫一家。一起用餐的有艾琳的前公公唐·帕特森、前婆婆盖尔·帕特森。",
      "2023-07-25 17:53，正文：冉中美是沔山村村民，经营着一家名为雲上休闲山居的民宿。",
      "2023-07-28 10:00，正文：本届艺术周以“动漫创意”为主题。开幕式上，交流中心副主任介绍，截至2014年底，全国动漫产业总产值已突破1000亿元。",
      "2023-07-31 10:00，正文：福冈世锦赛落幕。覃海洋包揽男子蛙泳全部金牌，本届世锦赛他一共获得4金1银。",
      "2023-07-23 19:44，正文：当地时间7月23日，柬埔寨举行第7届国会选举。各选区的初步计票结果预计于投票日当晚陆续公布，国家选举委员会将于8月9日公布正式结果。",
    );
    news.push(
      "2023-08-09 10:00，正文：2015年青山村来了一位年轻人，他带着筹集到的25万元成立了水基金，流转了500亩竹林。",
      "2023-08-13 10:00，正文：网易近日宣布设立新的游戏工作室，工作室由北辰互娱科技有限公司负责运营。",
      "2023-08-11 10:00，正文：泰安站工作人员表示，目前候车室共有各类座椅1488个，其中普通座椅558个、按摩椅930个。",
      "2023-08-14 10:00，正文：徐汇区人社局与区检察院、公安分局联合制发相关工作方案，合力解决劳动者工资问题。",
      "2023-07-29 18:32，正文：在成都大运会男子南拳决赛中，运动员曹茂园获得冠军。国网电网公司保障了赛场供电。",
      "2023-08-14 18:31，正文：鹭江航空近日发布了2023年7月的运营数据。客座率达到87.26%，同比增长16.51%。",
      "2023-08-08 16:05，正文：7月28日开奖时无人中头奖，超级百万彩票头奖奖金升至15.5亿美元，定于8日晚再次开奖。",
    );
    news.push(
      "2023-08-09 01:16，正文：曾被认为是接班人的星火汽车首席财务官扎卡里·柯克霍恩已于上周五辞职。柯克霍恩于2010年加入星火汽车。",
      "2023-08-09 11:00，正文：星河电器宣布，财务副总裁郑文博接任首席财务官，任期三年。",
      "2023-08-16 10:00，正文：16日下午，跨越近2000公里，周昆训烈士回到家乡确山县。",
      "2023-08-07 10:00，正文：“我在佛前苦苦求了几千年”，2006年的网络神曲《求佛》凭借短视频的传播如今爆火。",
      "2023-08-04 10:00，正文：其中，子牙河系黄壁庄水库7月31日7时入库洪峰流量6253立方米每秒。",
      "2023-08-19 10:00，正文：布加迪W16 Mistral的起售价为500万欧元，约合人民币3978.9万元。",
      "2023-07-26 10:00，正文：为外孙挑选满月礼物时，女子孙某窃得足金手镯。7月24日，青浦区人民检察院以涉嫌盗窃罪对孙某提起公诉。",
      "2023-07-21 10:00，正文：迪巴拉送沈梦露签名球鞋，沈梦露在个人微博上回复表示感谢。",
      "2023-08-01 10:00，正文：据监测，北京鸡蛋均价为5.46元/斤，比上周上涨0.3元。",
      "2023-08-10 11:00，正文：佛山一家公司羞辱讨薪女员工，做事“蛮不讲理”，引发网友关注。",
      "2023-08-10 12:00，正文：连日来，医疗反腐引发热议：先是“中纪委曝光一台直线加速器回扣1600万”，令人触目惊心。",
      "2023-08-12 12:00，正文：经查，青禾县人民医院采购的一台CT机，回扣达80万元。",
      "2023-08-11 12:00，正文：蒋先生称，支付给湘雅三院主治医师王某10万元“肝源费”，对方没有提供单据。",
      "2023-08-09 12:00，正文：珙县人民医院原党委书记赵正冰称，收受钱款从几百元到上千上万元。",
      "2016-01-20 10:00，正文：商务部发言人沈丹阳说，加工贸易出口额下降是双降的一个重要原因。2015年，加工贸易出口额为7978亿美元。",
      "2023-08-12 10:00，正文：2023年，75岁的田建国和老伴已经照顾瘫痪在床的儿子47年。",
      "2023-07-21 22:53，正文：“长寿湖杯”国际棋联女子世界锦标赛对抗赛第11局战罢，双方握手言和。",
      "2023-08-03 21:27，正文：警方出动约200名警员，一层一层地搜查参议院三座办公楼。美国国会警察局忙了一个半小时后发现，所谓“枪手出没”很可能是假报警。国会警察局长托马斯·曼格告诉媒体记者，可以确认没有枪手出没。",
    );
    news.push(
      "2023-08-15 10:00，正文：今年4月，女子将母校江滨出版专科学校告上法庭，要求校方赔偿收入损失10万元。学信网上她的学历显示为结业。",
      "2023-08-07 11:00，正文：领航07今年上半年进入欧洲28国插电混动汽车销量前十，以1.29万辆的成绩位居第三。",
      "2023-08-07 12:00，正文：星海实验室7月30日的点火提供了更高的能量输出（具体数值未知，但可能比去年12月的3.15兆焦耳输出更好）。",
    );
    news.push(
      "2023-08-11 17:16，正文：Aurora基金会发布年度调查报告，共有1.2万名开发者参与调查。",
      "2023-08-12 09:00，正文：Zephyr编辑器发布新版本，新增多项插件功能。",
      "2023-08-14 18:00，正文：思源电气（002028）2023年半年报显示，归母净利润约为10.33亿元。",
      "2023-12-20 10:00，正文：回归纪念日当天，澳门市民欧阳女士带着7岁的儿子来到莲花广场观看升旗仪式。",
    );
    news.push(
      "2023-08-06 10:00，正文：8月5日，海岛国派出2艘船只闯入礁盘海域，企图运送建材。",
      "2023-08-09 11:00，正文：一名30多岁的发帖者在网上宣称将在车站行凶，警方随即将其抓获。",
      "2023-08-10 10:00，正文：2015年，青峰奖第一次来到中国，在上海颁奖。2016年的颁奖典礼将于明年2月举行。",
      "2023-08-10 11:00，正文：星辰环保混合基金8月9日净值1.23元。本栏目所列基金经理信息由证券之星整理，证券之星力求但不保证该信息的准确性，如存在问题请联系我们。",
      "2023-08-03 10:00，正文：落霞寺景点附近一处耗资8亿的顶级山景酒店，开业仅一年，一夜之间成为废墟。",
    );
    news.push(
      "2023-08-02 10:00，正文：枣庄市举办夏季招聘会，300余家企业进场招聘。",
      "2023-08-03 10:00，正文：近日，谷歌从应用商店下架了测试厨房应用，已安装的用户仍可以继续使用。",
      "2023-08-04 10:00，正文：这件陕西历史博物馆的馆藏文物名叫“煤精组印”。这件煤精组印的二十六个面上都刻有文字。",
      "2023-08-05 10:00，正文：2015年村里来了一位年轻人，他带着筹集到的25万元成立了水基金。",
    );
    news.push(
      "2023-08-07 09:00，正文：暑期以来，江滨铁路旅客发送量持续增长，其中临港地区发送旅客增幅最大。",
      "2023-08-08 09:00，正文：男子李某被十年前的女友以借款为由骗走5万元。",
    );
    news.push("2023-08-10 10:00，正文：江滨地铁3号线、4号线将于今年年底通车运营。");
    // (reports for readers' everyday words, written for these tests)
    news.push(
      "2023-08-15 08:00，正文：原标题：8月14日基金净值：桐江稳健成长混合最新净值1.236。该基金的基金经理为范晨曦，范晨曦于2021年3月起任职本基金基金经理。",
      "2023-08-11 09:00，正文：原标题：挪用扶贫资金，苍溪县石垭村原党支部书记被开除党籍。经查，苍溪县石垭村原党支部书记、村委会原主任覃立军违规挪用扶贫资金12万元。",
      "2023-08-12 10:00，正文：第十九届江城国际龙舟赛开幕后，江城站迎来客流高峰。据江城站介绍，截至8月11日，共有2860余名参赛人员从江城站离开。",
      "2023-08-13 10:00，正文：汛期以来，槐川县全力做好第7号台风防御工作，全县累计转移受灾群众1345人，组织干部下沉一线620人次。",
      "2023-08-16 10:00，正文：7月15日15时，葫芦口站最高气温达47.6℃，刷新当地有气象记录以来的极值。",
      "2023-08-09 10:00，正文：石门古城景区二号展厅内，两拨游客因拥挤发生争执，随后相互推搡。当地警方已到场处置。",
      "2023-08-18 10:00，正文：某机器人公司负责人认为，随着产业链成熟，四足机器人有望降至6000块以下，成为家庭的陪伴玩具。",
      "2023-08-14 10:00，正文：纪念华工抵达160周年的纪念碑近日在港城中山街落成。这座纪念碑高9米、重15吨，由当地侨团捐建。",
      "2023-08-19 10:00，正文：今年6月，江城国家骨干冷链物流基地入选新一批18个国家骨干冷链物流基地建设名单。截至目前，国家发展改革委已累计发布国家物流枢纽建设名单，共包括98个枢纽。",
      "2023-07-25 10:00，正文：红沙县气象台24日发布消息称，当天全县最高气温出现在盐湖北岸，达到约49摄氏度。",
      "2023-08-12 10:00，正文：“十四五”以来，青岚县多方整合资金，累计投入3.86亿元，提质改造农村公路412公里。",
      "2023-08-10 09:00，正文：江城动物园将迎两只小熊猫“阿福”“阿满”。8月9日下午，两只小熊猫离开繁育基地，正式开启赴江城之旅。",
      "2023-08-11 12:00，正文：当地时间8月9日，临川州一座仓库发生爆炸，造成至少40人受伤。",
      "2023-08-13 15:00，正文：在鉴宝节目中，一位老太太带来一件祖父留下的瓷瓶。节目邀请的鉴定专家John Carter认为，这件瓷瓶可以追溯到18世纪。",
      "2023-08-14 16:00，正文：近日，江城汽车的经典车型XR90迎来改款。动力方面，新款XR90搭载了1.5T发动机，最大马力181匹。",
    );
    // one story in several passages: the office is said in the first, what its spokesman said only in the last
    news.push(
      [
        "2016-01-14 10:00，正文：省商务厅新闻发言人邵海清14日在例行发布会上介绍全省外贸情况。",
        ...Array.from(
          { length: 9 },
          (_, i) =>
            `去年第${(i % 4) + 1}季度，全省外贸企业在稳订单、拓市场上下功夫，出口结构继续优化，一般贸易出口比重有所提高。`,
        ),
        "对于今年开局，他说：“如果1月份出现出口稍微下降，也不要悲观，还要有信心。”",
      ].join(""),
    );
    return news;
  });

  it("calls the library 资料 and sends nobody to a township office", async () => {
    const a = await qa.ask("火星基地建设花了多少钱？");
    expect(a.refused).toBe(true);
    expect(a.answer).not.toMatch(/规划文件|乡镇人民政府/);
  });

  it("refuses a question about a person the reports never name, and names the person", async () => {
    const a = await qa.ask("林万东在科技节开幕式上说了什么？");
    expect(a.refused).toBe(true);
    expect(a.answer).toContain("林万东");
  });

  it("answers who from the sentence that names a person or body", async () => {
    await answers(qa, "谁在青少年科技节开幕式上致辞？", "周明远");
  });

  it("sends back a question that names no event, where any of several reports could be meant", async () => {
    const a = await qa.ask("主办方是谁？");
    expect(a.refused).toBe(true);
    expect(a.reason).toBe("unspecific");
    expect(a.answer).toContain("请补充");
  });

  it("answers 多少家公司 with the figure of companies, not another figure of the same words", async () => {
    await answers(qa, "中国有多少家公司上榜世界500强？", "142家公司");
  });

  it("reads a short name the report defines (CPI) as the long form it stands for", async () => {
    await answers(qa, "美国7月份的消费者价格指数同比上涨了多少？", "3.2%");
  });

  it("reads 环比 as against the month before, and a sentence about 这个数值 with the one it speaks of", async () => {
    const a = await answers(qa, "美国7月份的消费者价格指数环比上涨了多少个百分点？", "0.2个百分点");
    // the figure's own sentence comes first, so the answer says what 这个数值 is
    expect(a.answer.indexOf("3.2%")).toBeGreaterThanOrEqual(0);
    expect(a.answer.indexOf("3.2%")).toBeLessThan(a.answer.indexOf("这个数值"));
  });

  it("reads a word jieba makes up across speech (那名, 那届) as the word inside it, not a name the reports lack", async () => {
    await answers(qa, "科技节开幕式上致辞的那名主席叫什么？", "周明远");
    await answers(qa, "桐溪镇那届乡村音乐节吸引游客多少人次？", "3.5万人次");
  });

  it("answers in a reader's own words: a township the reports name, a broader place, the scene set around a name", async () => {
    // a township no plan is of, but a report speaks of, is no reason to refuse
    await answers(qa, "花桥镇村BA篮球赛有几支队伍参赛？", "9支代表队");
    // 外援 is the reader's word for the player the sentence names
    await answers(qa, "重庆力帆外援费尔南多的身价是多少？", "26万欧元");
    // 沈阳 is said more broadly than the report, which names 浑南区
    await answers(qa, "沈阳浑南区政务服务中心的学雷锋志愿服务队有多少名队员？", "50余名队员");
    // a typo of a word the reports say is read as that word (家息 → 加息)
    await answers(qa, "美联储7月家息多少个基点？", "25个基点");
    // …but a thing the reports never name is still refused, and named
    const e = await qa.ask("重庆力帆外援马丁的身价是多少？");
    expect(e.refused).toBe(true);
  });

  it("reads a word jieba makes up of a name and the verb after it as the name, but refuses a word nobody says", async () => {
    await answers(qa, "前瞻计划第3期特别预算，高雄分到了多少钱？", "1265亿元");
    const b = await qa.ask("闭营仪式在哪里举行？");
    expect(b.refused).toBe(true);
  });

  it("answers 哪个镇 with a town's name and 哪本名著 with a title", async () => {
    await answers(qa, "市审计局在河坝县哪个镇开展了宣传强农惠民政策的党建服务活动？", "石门镇");
    await answers(qa, "书香人海读书会启动那天，志愿者和亲子家庭一起读的是哪本名著？", "西游记");
  });

  it("refuses a near miss: the other sex's count, a year the report does not tell, a sum in no currency", async () => {
    expect((await qa.ask("苍山学院要求搬离宿舍的男生有多少名？")).refused).toBe(true);
    expect((await qa.ask("苍山学院要求搬离宿舍的女生有多少名？")).answer).toContain("713名女生");
    expect((await qa.ask("苍山银行原风险总监韩立林是哪一年出生的？")).refused).toBe(true);
    expect((await qa.ask("苍山银行原风险总监韩立林是哪天宣判的？")).answer).toContain("8月17日");
    expect((await qa.ask("佐贺机场部署运输机的工程预算是多少日元？")).refused).toBe(true);
  });

  it("answers in readers' everyday words: a surname jieba cuts off, a role said their own way, 块 and ℃, 几号, people moved", async () => {
    // (姚/nr 晨曦/n: a surname and a given name jieba cuts apart are one name)
    await answers(qa, "桐江稳健成长混合这只基金现在的基金经理是谁", "范晨曦");
    // (村支书 where the report says 党支部书记: the reader's word for the role, not the report's)
    await answers(qa, "苍溪县挪用扶贫资金被开除党籍的那个村支书叫什么", "覃立军");
    // (an edition, 第十九届, is no figure of a count; the figure is the people who left)
    await answers(qa, "江城龙舟赛开幕以后，从江城站离开的参赛人员有多少？", "2860余名");
    // (转移了多少: the sentence where the act runs on to a figure, not another count of the same work)
    await answers(qa, "槐川县防台风那会儿，一共转移了多少受灾群众？", "1345人");
    await answers(qa, "葫芦口站那天测到的最高温是多少度？", "47.6℃");
    await answers(qa, "石门古城景区游客干仗那回，是在几号展厅里打起来的？", "二号展厅");
    await answers(qa, "四足机器人以后有望便宜到多少钱以下？", "6000块");
    // (多高, 多重: a length and a weight, in the report's own units)
    await answers(qa, "港城中山街新立的华工纪念碑有多高、多重？", "9米");
    // (多少个国家物流枢纽 counts 枢纽: 18个国家骨干冷链物流基地 is a count of something else)
    await answers(qa, "江城冷链物流基地那条新闻里讲，发改委一共批了多少个国家物流枢纽？", "98个枢纽");
    // (摄氏度 is 度; a province the report leaves out, where it names the county, is a scene, and 好多钱 asks a sum)
    await answers(qa, "红沙县那波热浪，盐湖那边最高气温到了多少度", "49摄氏度");
    await answers(qa, "甘肃青岚县十四五以来搞农村公路，一共投了好多钱", "3.86亿元");
    // (a reader's nickname said right before a model's code, 陆巡XR90, is the model's)
    await answers(qa, "江城汽车陆巡XR90出了改款，用的啥发动机？", "1.5T");
  });

  it("refuses near misses a reader asks in everyday words: an opening never told, the dead where only the injured are counted, a kin never named", async () => {
    // (开放 is said in known words — 开园, 与游客见面 — and the report says none: its day of travel is no answer)
    expect((await qa.ask("江城动物园新来的小熊猫阿福和阿满，哪天开始对游客开放？")).refused).toBe(true);
    expect((await qa.ask("临川州那个仓库爆炸，最后一共死了几个人？")).refused).toBe(true);
    // (her grandfather is 祖父 in the report, named nowhere; the expert's name is someone else's)
    expect((await qa.ask("鉴宝节目上拿出瓷瓶的那个老太太，她爷爷叫啥名字？")).refused).toBe(true);
  });

  it("answers 叫什么名字 with a name, never with a role", async () => {
    await answers(qa, "韩国政府启动应急响应应对的台风叫什么名字？", "卡努");
    const b = await qa.ask("羞辱讨薪女员工的那家公司叫什么名字？");
    expect(b.refused).toBe(true);
    // a name of another in the story is no name of the role asked (前夫), and the refusal says a name was asked
    const c = await qa.ask("毒蘑菇午餐案中，下厨女子艾琳·帕特森的前夫叫什么名字？");
    expect(c.refused).toBe(true);
    expect(c.answer).not.toContain("这个数");
    expect((await qa.ask("村民冉中美经营的民宿叫什么名字？")).answer).toContain("雲上休闲山居");
    // (a person's name is asked by who is named: 竹林 is no name of 那个年轻人; a business's by what it is)
    expect((await qa.ask("青山村2015年带着25万元成立水基金的那个年轻人叫什么名字？")).refused).toBe(true);
    expect((await qa.ask("网易新游戏工作室的运营公司叫什么名字？")).answer).toContain("北辰互娱科技有限公司");
  });

  it("reads a word with one character wrong as the word the report has, a country set as scene as no veto, and a month asked as the report's", async () => {
    // (…by its sound only: 温网 is no 电网, and a name the library lacks stays missing)
    expect((await qa.ask("2023年温网男单冠军是谁？")).refused).toBe(true);
    await answers(qa, "泰安站候车室的普通坐椅有多少个？", "558个");
    await answers(qa, "上海徐汇区人社局与哪两家单位联合制发了相关工作方案？", "区检察院、公安分局");
    // a month asked is the report's: its 7月 data do not answer 8月, whatever day it was published
    expect((await qa.ask("鹭江航空2023年7月的客座率是多少？")).answer).toContain("87.26%");
    expect((await qa.ask("鹭江航空2023年8月的客座率是多少？")).refused).toBe(true);
    // (…but a day asked may be the report's own, said as 14日 or only in its dateline)
    await answers(qa, "超级百万彩票2023年8月8日开奖前头奖奖金升至多少？", "15.5亿美元");
    // (…but a country is never the scene of a report that names another: 韩国游客 are no 中国游客)
    expect((await qa.ask("今年1至6月访日的中国游客有多少人次？")).refused).toBe(true);
  });

  it("refuses the time, place or person of an event the report never says (出生, 接任), and of another edition or unit", async () => {
    // the event asked must be said, in its own words or its kind's (接任 by 接替), or by a year that dates the thing
    expect((await qa.ask("星火汽车首席财务官柯克霍恩是哪一年出生的？")).refused).toBe(true);
    expect((await qa.ask("星火汽车首席财务官柯克霍恩辞职后，接任首席财务官的是谁？")).refused).toBe(true);
    expect((await qa.ask("星河电器接任首席财务官的是谁？")).answer).toContain("郑文博");
    expect((await qa.ask("网络神曲《求佛》是哪一年推出的？")).answer).toContain("2006年");
    // 第四届 is not answered by the 第五届, nor 多少岁 by a distance
    expect((await qa.ask("第四届乡村音乐节吸引游客多少人次？")).refused).toBe(true);
    expect((await qa.ask("第五届乡村音乐节吸引游客多少人次？")).answer).toContain("3.5万人次");
    expect((await qa.ask("周昆训烈士牺牲时多少岁？")).refused).toBe(true);
  });

  it("reads a reader's word one middle character off, a length in years, and refuses who won where no one did", async () => {
    expect((await qa.ask("布加迪W16 Mistral起步价多少钱？")).answer).toContain("500万欧元");
    // (a report's 一个 is an article, no figure: the sentence with the amount answers)
    expect((await qa.ask("据沈丹阳介绍，2015年加工贸易出口额是多少？")).answer).toContain("7978亿美元");
    expect((await qa.ask("那次田建国和老伴照顾瘫痪的儿子多少年了？")).answer).toContain("47年");
    expect((await qa.ask("那场国际棋联女子世界锦标赛对抗赛第11局最后是谁赢了？")).refused).toBe(true);
    // a sentence passed, a brand and a price per jin are asked of a sentence that tells them
    expect((await qa.ask("青浦偷金手镯的孙某最后被判了什么刑？")).refused).toBe(true);
    expect((await qa.ask("迪巴拉送沈梦露的签名球鞋是什么品牌的？")).refused).toBe(true);
    // (a quoted phrase is no business's name: “蛮不讲理” names none)
    expect((await qa.ask("佛山那家羞辱讨薪女员工的公司叫什么名字？")).refused).toBe(true);
    // (哪家医院 asks for a hospital the report names; 在哪儿抓的 for an arrest the report tells)
    expect((await qa.ask("中纪委曝光的回扣1600万的直线加速器是哪家医院买的？")).refused).toBe(true);
    expect((await qa.ask("回扣80万元的CT机是哪家医院采购的？")).answer).toContain("青禾县人民医院");
    expect((await qa.ask("巴黎和平路珠宝店的劫匪后来是在哪儿抓的？")).refused).toBe(true);
    // (王某 is a name withheld; 上千上万元 is no amount)
    expect((await qa.ask("收取10万元肝源费的湘雅三院主治医师王某全名叫什么？")).refused).toBe(true);
    expect((await qa.ask("珙县人民医院原党委书记赵正冰受贿金额一共是多少钱？")).refused).toBe(true);
    expect((await qa.ask("北京鸡蛋均价现在多少钱一斤？")).answer).toContain("5.46元/斤");
  });

  it("reads a reader's misspelt name and a country before an institution as the report says them", async () => {
    expect((await qa.ask("黄璧庄水库入库洪峰流量最大有多少？")).answer).toContain("6253立方米每秒");
    expect((await qa.ask("美国参议院办公楼假报警那次，回应的国会警察局长叫啥名？")).answer).toContain("托马斯·曼格");
  });

  it("answers 什么时间段 with a span from one date to another", async () => {
    await answers(qa, "暑期文化惠民活动在什么时间段举办？", "8月1日至8月31日");
  });

  it("keeps, of a long sentence, the clause that names what 哪个医疗队 asks for", async () => {
    await answers(qa, "李俊升医生曾在哪个医疗队任职？", "中国援卢旺达医疗队");
  });

  it("takes a clause that sets a time as part of the question, not a second question", async () => {
    const a = await answers(qa, "截至2023年8月3日，永定河的水位如何？", "永定河水位平稳回落");
    expect(a.missing ?? []).toEqual([]);
  });

  it("never answers with a question the report asks itself", async () => {
    for (const q of ["APP主办者需要在什么时间段内完成备案手续？", "通知发布前开展业务的APP什么时候完成备案？"]) {
      const a = await qa.ask(q);
      expect(a.refused).toBe(false);
      expect(a.answer).toContain("2023年9月至2024年3月底");
      expect(a.answer).not.toContain("何时完成备案？");
    }
    // a short answer is followed by the next sentence, but never by the next question
    const a = await answers(qa, "独生子女父母奖励扶助金什么时候发放？", "6月底前发放到户");
    expect(a.answer).not.toMatch(/什么时候发放？|由谁审核？/);
  });

  it("reads 今年 of a report as its dateline's year, and says so, where this year's reports say nothing", async () => {
    const today = new Date("2026-11-30T12:00:00");
    const a = await qa.ask("今年1至6月，韩国是不是访日游客人数最多的国家？", { today });
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("第一大国");
    expect(a.answer).toMatch(/2026年.*没有.*2023年/);
    // (…or a report that names no year, said as one)
    const b = await qa.ask("三星的芯片业务部门今年前六个月产生了多少营业亏损？", { today });
    expect(b.answer).toContain("8.9万亿韩元");
    expect(b.answer).toContain("未注明年份");
    // …but a country it does not name is not said by the one it does
    expect((await qa.ask("今年1至6月访问日本的中国游客有多少人次？", { today })).refused).toBe(true);
  });

  it("reads a year the question compares against as one the sentence compares against", async () => {
    await answers(qa, "南京今年前7个月的旅游收入跟2019年比涨了多少？", "31.7%");
    expect((await qa.ask("南京前7个月的旅游收入跟2018年比涨了多少？")).refused).toBe(true);
  });

  it("counts medals in 几块金牌, and prefers the sentence that says the event whose day is asked", async () => {
    expect((await qa.ask("覃海洋在福冈世锦赛一共拿了几块金牌？")).answer).toContain("4金");
    await answers(qa, "柬埔寨国家选举委员会哪天公布第7届国会选举的正式结果？", "8月9日");
  });

  it("answers 多长时间 with a length of time, 为什么 with a reason, 设在哪里 with where it stands", async () => {
    expect((await qa.ask("APP备案的过渡期留了多长时间？")).answer).toContain("10个月");
    expect((await qa.ask("三星为什么要延长存储芯片减产？")).answer).toContain("原因在于");
    expect((await qa.ask("南京西路街道骑手驿站设在哪里？")).answer).toContain("襄阳北路14号");
    // (什么地方 is answered by a kind of place as well as by a name)
    expect((await qa.ask("林区法院执行局是利用什么地方人多的优势搞集中宣传的？")).answer).toContain("农村集市");
  });

  it("counts the noun a count runs on to (公民个人信息), but never a figure-less sentence for a unit asked", async () => {
    await answers(qa, "为足疗店引流的朱某一共买了多少条公民个人信息？", "140余万条");
    expect((await qa.ask("那个实验室7月30日第二次核聚变点火，输出了多少兆焦耳能量？")).refused).toBe(true);
  });

  it("answers 吗 from the sentence that says what is asked, yes or no first", async () => {
    const a = await qa.ask("杏子铺镇溺亡事件里那三个乡镇干部，后来还在镇政府上班吗？");
    expect(a.refused).toBe(false);
    expect(a.answer).toMatch(/^不是。/);
    expect(a.answer).toContain("没在镇政府上班");
  });

  it("takes a clause saying where the reader heard it (…艺术周上说，) as no part of what must be said", async () => {
    await answers(qa, "江城动漫艺术周上说，到2014年底全国动漫产业总产值有多少？", "1000亿元");
  });

  it("says a sentence two reports both carry once", async () => {
    const a = await qa.ask("巴黎珠宝店劫案发生在什么地方？");
    expect(a.refused).toBe(false);
    expect(a.answer.split("据法国警方透露").length).toBe(2);
  });

  it("takes a common word of a clause that only sets the scene (官司) as the reader's own, never one of the clause that asks", async () => {
    await answers(qa, "那个学信网写成结业的官司，她要学校赔多少钱", "10万元");
    const a = await qa.ask("那个学信网写成结业的官司，学校最后赔了多少律师费");
    expect(a.refused).toBe(true);
  });

  it("reads two characters jieba joins across words (插混车) as speech where the question's rare words stand in the report", async () => {
    await answers(qa, "领航07今年上半年在欧洲插混车销量榜上排第几？", "第三");
  });

  it("holds a rare Latin name and a copied code as names: another's figures do not answer them", async () => {
    expect((await qa.ask("Zephyr基金会的年度调查报告有多少名开发者参与？")).refused).toBe(true);
    expect((await qa.ask("中能电气（300062）2023年半年报归母净利润是多少？")).refused).toBe(true);
    await answers(qa, "Aurora基金会的年度调查报告有多少名开发者参与？", "1.2万名");
  });

  it("counts people in 多少市民和游客: an age is no such figure", async () => {
    expect((await qa.ask("澳门回归纪念日当天，莲花广场上有多少市民和游客观看了升旗仪式？")).refused).toBe(true);
    expect(askedUnit("有多少市民和游客观看")?.test("约3000名市民和游客")).toBe(true);
    expect(askedUnit("有多少市民和游客观看")?.test("带着7岁的儿子")).toBe(false);
  });

  it("reads the measure word a reader swaps (几条船 of 2艘船只) and money in 多少钱建的, but no count in 一名男子", async () => {
    await answers(qa, "8月5号海岛国往礁盘那边派了几条船送建材？", "2艘");
    await answers(qa, "落霞寺边上那个成了废墟的山景酒店，当初花了多少钱建的", "8亿");
    expect((await qa.ask("在网上宣称要在车站行凶的发帖者，一共抓了多少人？")).refused).toBe(true);
  });

  it("refuses a sentence of another year for the year asked, and never answers with a site's own notice", async () => {
    expect((await qa.ask("2016年的青峰奖颁奖典礼在哪个城市办？")).refused).toBe(true);
    await answers(qa, "2015年青峰奖在哪个城市颁奖？", "上海");
    expect((await qa.ask("星辰环保混合基金的基金经理是谁？")).refused).toBe(true);
  });

  it("corrects a word by sound only to one the story the reader means says (早装好 is no 枣庄)", async () => {
    const a = await answers(qa, "测试厨房不是下架了么，我手机上早装好的还能接着用吗？", "继续使用");
    expect(a.interpretedAs ?? "").not.toContain("枣庄");
  });

  it("reads a reader's short form of three words (陕历博) and 多少钱来 as money asked", async () => {
    await answers(qa, "陕历博那个煤精组印，一共有多少个面", "二十六个面");
    await answers(qa, "2015年那个年轻人带了多少钱来成立基金？", "25万元");
  });

  it("reads a reader's everyday words (暑假, 坐火车, 女朋友) as the report's (暑期, 铁路, 女友)", async () => {
    await answers(qa, "江滨这个暑假坐火车的人，哪个地方涨得最猛？", "临港");
    await answers(qa, "李某被十年前的女朋友骗走了多少钱？", "5万元");
  });

  it("holds a thing named by its number (19号线) as a name the report must say", async () => {
    expect((await qa.ask("江滨地铁19号线什么时候通车？")).refused).toBe(true);
    await answers(qa, "江滨地铁3号线什么时候通车？", "年底");
  });

  it("refuses a figure from a sentence that says the figure asked is not known", async () => {
    const a = await qa.ask("星海实验室7月30日那次点火具体输出了多少兆焦耳能量？");
    expect(a.refused).toBe(true);
  });

  it("takes a name said in another passage of the same report as said by the answer's passage", async () => {
    await answers(qa, "省商务厅发言人邵海清认为，如果1月份出口稍微下降，需要悲观吗？", "不要悲观");
  });

  it("keeps a stated year: 2023年上半年 is not this year's first half", async () => {
    const a = await qa.ask("2023年上半年全国规模以上工业增加值同比增长多少？", {
      today: new Date("2026-11-30T12:00:00"),
    });
    expect(a.refused).toBe(false);
    expect(a.answer).toContain("3.8%");
    expect(a.interpretedAs ?? "").not.toContain("2026");
  });
});

describe("the vector side's weight by embedder", () => {
  it("lets the model-free hashed embedder only break BM25's near-ties, and a neural one weigh fully", () => {
    expect(vectorWeightFor("hashed-char-ngram-tfidf-v1/256")).toBe(0.25);
    expect(vectorWeightFor("ollama/bge-m3")).toBe(0.35);
    const lexical = [
      { index: 0, score: 10 },
      { index: 1, score: 7 },
    ];
    const vector = [
      { index: 1, similarity: 0.9 },
      { index: 0, similarity: 0.1 },
    ];
    // a 30 % lexical lead stands against the hashed embedder, not against a neural one
    expect(fuse(lexical, vector, { k: 2, vectorWeight: 0.25 })[0]!.index).toBe(0);
    expect(fuse(lexical, vector, { k: 2, vectorWeight: 0.35 })[0]!.index).toBe(1);
  });
});

describe("yes or no first", () => {
  it("says yes where the sentence says the verbs asked, no where a negation stands before them, nothing otherwise", () => {
    expect(yesNo("中方反对日本政府向海洋排放核污染水吗？", "中方一贯反对日本强行向海洋排放核污染水。")).toBe("是");
    expect(yesNo("特朗普的起诉会影响他参选吗？", "律师表示，起诉并不影响他参选。")).toBe("不会");
    expect(yesNo("公办幼儿园寒暑假是否开放？", "公办幼儿园寒暑假照常开放。")).toBe("是");
    // a verb the sentence does not say: no verdict
    expect(yesNo("中方要求日本停止排海吗？", "日本政府应停止强推排海计划。")).toBeNull();
    // 什么 is no 么-question
    expect(yesNo("台风移动的方向是什么？", "台风移动方向偏西。")).toBeNull();
  });

  it("takes a verb of saying as who holds the view, and the question's own 有没有 or 停止 for no negation", () => {
    // 要求 is stood for by the sentence's 说; 停止 is what is asked, not a negation of 强推
    expect(yesNo("中方要求日本政府停止强推排海计划吗？", "外交部还说，日方应立即停止强推排海计划。")).toBe("是");
    expect(yesNo("有没有发生较大安全事故？", "全年未发生较大以上安全事故。")).toBe("没有");
    expect(yesNo("有没有发生较大安全事故？", "全年发生较大安全事故1起。")).toBe("有");
  });

  it("answers 还要…吗 with 要 or 不用, and reads 无需再 as a negation", () => {
    const q = "在省内异地办理摩托车注册登记还要提交暂住地居住证明吗？";
    expect(yesNo(q, "异地办理摩托车注册登记的，凭居民身份证办理，无需再提交暂住地居住证明。")).toBe("不用");
    expect(yesNo(q, "异地办理摩托车注册登记的，仍须提交暂住地居住证明。")).toBe("要");
    // (a clause before the one asked sets the scene: its verbs, 优化, need not stand in the sentence)
    expect(yesNo(`按公安部优化登记服务的新措施，${q}`, "异地办理摩托车注册登记的，无需再提交暂住地居住证明。")).toBe(
      "不用",
    );
  });

  it("takes the form asked from the asked clause (能否 → 能/不能; the 会 of 证监会 is no modal)", () => {
    expect(yesNo("证监会表示，欣泰电气退市后能否重新上市？", "欣泰电气退市后不能重新上市。")).toBe("不能");
    expect(yesNo("镇里的大会今年还会不会召开？", "镇里的大会今年照常召开。")).toBe("会");
  });

  it("reads a negation ahead of the verb (已没在…上班, 无任何) as no, and gives no verdict on one it cannot place", () => {
    const q = "那三个镇干部出事后还在镇政府上班吗？";
    expect(yesNo(q, "工作人员表示，三名涉事人员事发后已没在镇政府上班。")).toBe("不是");
    expect(yesNo("嫌犯此前有没有犯罪记录？", "调查结果称，嫌犯此前无任何犯罪记录。")).toBe("没有");
    expect(yesNo("他有没有主动向组织投案自首？", "他心存侥幸，迟迟未向组织投案自首。")).toBe("没有");
    // (不 of 不断 negates nothing; a 不 the verdict cannot place gives none)
    expect(yesNo("镇里有没有加强巡查？", "镇里不断加强巡查。")).toBe("有");
    expect(yesNo("他们上班了吗？", "不少人说他们上班了。")).toBe("是");
    expect(yesNo("公司赔偿了吗？", "公司拒不认错，也没说赔偿的事。")).toBeNull();
  });
});

describe("the parts of one message", () => {
  it("splits at question words only, and in a library of events reads every part with the first one's subject", () => {
    // a phrase naming a measure (新措施) asks nothing
    expect(questionParts("按公安部的新措施，异地办理摩托车登记还要提交居住证明吗？", [])).toHaveLength(1);
    const parts = questionParts("智能网联汽车标准体系第二阶段到哪一年？要制修订多少项相关标准？", [], true);
    expect(parts).toHaveLength(2);
    expect(parts[1]!.ask).toContain("智能网联汽车");
    expect(parts[1]!.said).toBe("要制修订多少项相关标准");
    // (a plan library keeps a part that names its own thing as it is)
    expect(questionParts("智能网联汽车标准体系第二阶段到哪一年？要制修订多少项相关标准？", [])[1]!.ask).toBe(
      "要制修订多少项相关标准",
    );
  });

  it("says a sentence once when two parts are answered by it, and adds only what speaks of the later part", () => {
    const cite = { n: 1, docId: "d", title: "t", sectionPath: "", text: "x", span: [0, 1] as [number, number] };
    const reply = (answer: string) => ({ answer, refused: false, reason: null, citations: [cite], passages: [] });
    const both = "全年排查矛盾纠纷168起，化解率98.2%[1]。";
    const out = combine(
      ["排查了多少起矛盾纠纷", "化解率是多少"],
      [reply(both), reply(`${both}加强人民调解员培训[1]。`)],
    );
    expect(out.answer).toBe(both);
    const more = combine(
      ["有几个家庭医生团队", "签约要不要交钱"],
      [
        reply("家庭医生团队9个[1]。"),
        reply("家庭医生团队9个[1]。基础服务包免费，群众可在村卫生室签约[1]。体检1次[1]。"),
      ],
    );
    expect(more.answer).toBe("家庭医生团队9个[1]。\n基础服务包免费，群众可在村卫生室签约[1]。");
  });
});

describe("the event a when-question asks about", () => {
  it("takes the verb after the asked word, else the one before, with the words that say the same event", () => {
    expect(askedEvent("《示范文本》具体是在哪一天正式对外发布的？")).toContain("公布");
    expect(askedEvent("引江济淮工程航道江淮沟通段的试运行开始于哪一天？")?.[0]).toBe("开始");
    expect(askedEvent("从哪一年开始每所高校选拔优秀本科毕业生？")?.[0]).toBe("选拔");
    expect(askedEvent("劫匪后来是在哪里落网的？")).toContain("抓获");
    expect(askedEvent("今年的稻谷收成好不好？")).toBeNull();
  });
  it("clips a long sentence around its best clause, closing a bracket or quotation the kept clauses open", () => {
    const sentence =
      "第一轮的两场比赛争夺得相当激烈，都进入了加时赛，最终杜塞尔多夫队在加时赛中以“金球”（2，1）击败对手，晋级决赛，球迷们在看台上欢呼了很久，久久不愿离去，场面十分热烈。";
    const out = clip(sentence, [{ term: "金球", weight: 1, alts: [], unseen: false, focus: true }], "what", 30);
    expect(out).toContain("金球");
    expect(out).toContain("（2，1）");
  });

  it("reads 几块金牌 as a count of medals, and 几块钱 as money", () => {
    expect(askedUnit("一共拿了几块金牌")?.test("一共获得4金1银")).toBe(true);
    expect(askedUnit("一共拿了几块金牌")?.test("奖金5000元")).toBe(false);
    expect(askedUnit("一斤卖几块钱")?.test("每斤3元")).toBe(true);
    // money in any currency, a count in the measure word a reader swaps (只 for 支), an age in years
    expect(askedUnit("总营收是多少钱")?.test("总营收105.75亿港元")).toBe(true);
    expect(askedUnit("总营收是多少钱")?.test("总营收105.75亿股")).toBe(false);
    expect(askedUnit("有几只队伍参加")?.test("六支青少年代表队参加角逐")).toBe(true);
    expect(askedUnit("牺牲时多少岁")?.test("跨越近2000公里")).toBe(false);
    // 几度 and 多少起 ask in their own measure word; 好多人收到 is many people, not the unit asked
    expect(askedUnit("天线偏离地球几度啊")?.test("天线偏离地球2度")).toBe(true);
    expect(askedUnit("好多人收到包裹，一共报了多少起警")?.test("死亡2337人")).toBe(false);
    expect(askedUnit("好多人收到包裹，一共报了多少起警")?.test("共接到2141起报警")).toBe(true);
    expect(askedUnit("这菜好多钱一斤")?.test("每斤3元")).toBe(true);
    expect(askedUnit("牺牲时多少岁")?.test("年仅36岁")).toBe(true);
    // (…a length in years, never a date; a count of people in 位, 名 or 人)
    expect(askedUnit("照顾了多少年")?.test("照顾儿子47年")).toBe(true);
    expect(askedUnit("照顾了多少年")?.test("2023年8月")).toBe(false);
    expect(askedUnit("专家代表有多少位")?.test("57名专家")).toBe(true);
  });
  it("reads the editions a text names, in either numerals", () => {
    expect(ordinalsNamed("第十届青少年科技节与第3期特别预算，第一季度")).toEqual([
      { n: 10, unit: "届" },
      { n: 3, unit: "期" },
    ]);
  });
  it("asks about the person of an event by the verb beside 谁", () => {
    expect(askedEvent("柯克霍恩辞职后，接任首席财务官的是谁？")).toContain("接替");
    expect(askedEvent("那场对抗赛最后是谁赢了？")).toContain("获胜");
  });
});

describe("words jieba makes up across speech", () => {
  it("keeps the word inside: no demonstrative before it, no verb or particle after, no end of the word before", () => {
    const all = () => true;
    expect(speechCore("霍恩是", "柯克", all)).toBe("霍恩");
    expect(speechCore("那名", "认识", all)).toBe("名");
    expect(speechCore("买要", "京东", all)).toBe("买");
    // 财务 + 官柯克: the library says 务官 and never 官柯
    expect(speechCore("官柯克", "财务", (pair) => pair === "务官")).toBe("柯克");
    expect(speechCore("官柯克", "财务", (pair) => pair === "官柯")).toBe("官柯克");
    // a surname stays with its name, and a word with nothing of speech in it stays whole
    expect(speechCore("包燕飞", "了", all)).toBe("包燕飞");
    expect(speechCore("涂磊", "主持人", () => false)).toBe("涂磊");
    // (…and an adverb before a verb, 少花 of 看病平均少花1400多块, is speech)
    expect(speechCore("少花", "平均", () => false)).toBe("花");
  });
  it("takes apart a word jieba guessed where a word the library knows runs across it", () => {
    // 总营/收是 of 总营收是 hides 营收: the index is asked about it, and the question's words are the library's
    expect(guessBoundaryWords("港交所上半年总营收是多少钱")).toContain("营收");
    const known = new Set(["港交所", "上半年", "总营收", "营收", "钱"]);
    const stats = { idf: (w: string) => (known.has(w) ? 3 : 0), maxIdf: 8 };
    const scope = { township: null, unknownTownship: null, years: [], kind: null, type: "count" as const };
    const words = questionTerms("港交所上半年总营收是多少钱？", scope, stats, true).map((t) => t.term);
    expect(words).toContain("总营收");
    expect(words).not.toContain("收是");
    // a reader's short form is said by the words it stands for, in part (研报 of 研究报告), and by nothing else
    const short = [{ term: "研报", weight: 1, alts: [], unseen: true, focus: true }];
    expect(coverage(short, "申万宏源发布研究报告称")).toBeCloseTo(0.6);
    expect(coverage(short, "申万宏源发布研究成果称")).toBe(0);
    // a word jieba guessed that its dictionary reads as a verb and another character is a reader's speech (禁掉), not
    // a name the library lacks; one that names a kind of thing (闭营 of 闭营仪式) stays one
    const when = { ...scope, type: "when" as const };
    const banned = questionTerms("塑胶跑道用的那个短链氯化石腊要禁掉了，啥时候淘汰？", when, stats, true).find(
      (t) => t.term === "禁掉",
    );
    expect(banned?.named).toBeFalsy();
    expect(banned?.focus).toBe(false);
    const closing = questionTerms("闭营仪式在哪里举行？", { ...scope, type: "where" }, stats, true).find(
      (t) => t.term === "闭营",
    );
    expect(closing?.named).toBe(true);
    // a reader's pointer at the story (那次, 有个) names nothing
    expect(questionTerms("有个院长被抓那次罚了多少钱？", scope, stats, true).map((t) => t.term)).not.toContain("那次");
    expect(questionTerms("有个院长被抓那次罚了多少钱？", scope, stats, true).map((t) => t.term)).not.toContain("有个");
    // (a plan library keeps jieba's words)
    expect(questionTerms("港交所上半年总营收是多少钱？", scope, stats, false).map((t) => t.term)).toContain("收是");
  });
});

describe("the months a text tells", () => {
  it("reads single months and spans, and no year or day as a month", () => {
    expect([...monthsTold("2023年1至3月，及7月26日")]).toEqual([1, 2, 3, 7]);
    expect([...monthsTold("1—8月完成投资")]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(monthsTold("2023-08-14发布").size).toBe(0);
  });
});

describe("a change against the period before", () => {
  it("says 环比 as 比上月 or against the month before the one asked, 同比 against the year before", () => {
    expect(periodChanges("环比", "7月份CPI环比上涨多少", [])).toEqual(
      expect.arrayContaining(["比上月", "比6月", "较6月"]),
    );
    expect(periodChanges("环比", "1月份CPI环比上涨多少", [])).toContain("比12月");
    expect(periodChanges("同比", "2023年产值同比增长多少", [2023])).toEqual(
      expect.arrayContaining(["比上年", "比2022年"]),
    );
    expect(periodChanges("产值", "2023年产值同比增长多少", [2023])).toEqual([]);
  });
});

describe("the kind a question asks for (哪个会议, 什么方案, 什么型号)", () => {
  it("finds a thing of the kind, and a sentence naming one the question does not", () => {
    expect(kindNamed("会议", "习近平总书记在文化传承发展座谈会上的重要讲话")).toEqual(["座谈"]);
    expect(kindNamed("方案", "会议提出，制定实施一揽子化债方案。").length).toBeGreaterThan(0);
    // 人们会去 is no meeting: the character must end a word, before a particle or a stop
    expect(kindNamed("会议", "人们会去广场看看")).toEqual([]);
    expect(kindFit("方案", "会议提出，制定实施一揽子化债方案。", "中央政治局会议提出了什么方案？")).toBeGreaterThan(0);
    expect(kindFit("方案", "中共中央政治局召开会议，部署下半年经济工作。", "中央政治局会议提出了什么方案？")).toBe(0);
    expect(
      kindFit("型号", "XQ-58A此前曾作为忠诚僚机研究的一部分进行试飞。", "试飞的无人机是什么型号？"),
    ).toBeGreaterThan(0);
  });
});

describe("eval matching", () => {
  it("reads a date with or without leading zeros as the same date, and nothing else as it", () => {
    expect(containsNormalized("2023年08月16日，江淮沟通段开始试运行", "2023年8月16日")).toBe(true);
    expect(containsNormalized("2023年8月6日", "2023年8月16日")).toBe(false);
    expect(containsNormalized("共108个村", "18个村")).toBe(false);
  });
});

describe("the figure, rate, age, score and name a reader asks of a report", () => {
  it("reads a bare 多少 after a rate as a percentage, a person's 多大 as an age and 多少分 as points", () => {
    const rate = askedUnit("线下展商的国际化率达到了多少？");
    expect(rate?.test("展商国际化率达56%")).toBe(true);
    expect(rate?.test("作为9个行业专题之一")).toBe(false);
    const age = askedUnit("被撞伤的小孩多大啊？");
    expect(age?.test("还有12岁的小廖")).toBe(true);
    expect(age?.test("男子被判赔14万余元")).toBe(false);
    expect(askedUnit("这座楼有多大面积")).toBeNull();
    // (a distance at sea or in space, a power: in its own unit)
    expect(askedUnit("首次试航总共航行了多少海里？")?.test("完成了为期8天的首次试航任务")).toBe(false);
    expect(askedUnit("首次试航总共航行了多少海里？")?.test("累计航行1720海里")).toBe(true);
    expect(askedUnit("距离地球有多少光年？")?.test("距离地球约1400光年")).toBe(true);
    const bytes = askedUnit("那个工作站内存条插满最多能上多大？");
    expect(bytes?.test("四条插满可达192GB")).toBe(true);
    expect(bytes?.test("并宣布其售价14999元起")).toBe(false);
    const points = askedUnit("那个混双十米台得了多少分");
    expect(points?.test("以总分339.54分夺冠")).toBe(true);
    expect(points?.test("于28日9时55分前后登陆")).toBe(false);
    expect(points?.test("等了20分钟")).toBe(false);
  });

  it("takes a word jieba does not know, said right after a title, as the name the question asks", () => {
    expect(slotFit("name", "崇明区委书记缪京说，要像保护眼睛一样保护生态。", "崇明区委书记叫什么？")).toBeGreaterThan(
      0,
    );
    expect(slotFit("name", "崇明区推进世界级生态岛建设。", "崇明区委书记叫什么？")).toBeLessThan(0);
  });

  const qa = newsLibrary("planqa-figures-", () => {
    const news = [
      "2023-08-03 10:12，正文：记者2日从青岭高原研究所获悉，研究团队在现有站点基础上找到了最优的新增观测站点位置。若在我国建设30个观测站点，可将碳汇估算的不确定性从10亿吨碳每年降低至3亿吨碳每年；建设60个观测站点，可将不确定性进一步降低至2亿吨碳每年。",
      "2023-08-09 17:30，正文：记者从会上获悉，作为今年博览会9个行业专题之一的体育服务专题将于9月初在东湖会展中心举办。国际化方面，展商国际化率达56%，目前119家国际企业、机构已确定线下参展。",
      "2023-08-03 20:31，正文：原标题：野泳跳水撞伤儿童，男子被判赔14万余元。去年7月，蔡先生在柳河村一处自然河道内游泳时跳水。跟他同时在河道戏水的还有12岁的小廖，小廖被撞伤，送医后诊断为颈椎骨折。",
      "2023-07-15 13:39，正文：非奥项目混合双人10米台诞生了本届世锦赛跳水项目的首金。中国队张家齐和王飞龙的组合以总分339.54分夺冠。",
      "2023-07-28 13:18，正文：市政府新闻办今天举行生态岛建设专场新闻发布会。崇明区委书记缪京说，崇明要像保护眼睛一样保护生态。",
      "2023-07-29 10:00，正文：波兰国防部长宣布，波兰计划扩大军队规模，还计划将国防开支增加到国内生产总值的4%。",
      "2023-02-02 10:00，正文：三星Galaxy S23 Ultra国行版正式发布，起售价9999元，搭载骁龙8 Gen2处理器。",
      "2023-07-31 21:00，正文：7月31日，记者从应急管理部获悉，国家减灾委、应急管理部于当日18时针对河北暴雨洪涝灾害，紧急启动国家Ⅳ级救灾应急响应，派出工作组赶赴灾区。",
      "2023-06-08 09:00，正文：截至2023年一季度，蔚来在全球已申请、公开和授权超过6000件专利，研发团队规模持续扩大。",
      "2023-08-07 08:00，正文：今年第6号台风“卡努”预计将于10日在釜山附近登陆，并将贯通朝鲜半岛，强度等级将保持在“强台风级”。",
      "2023-08-13 10:00，正文：FF宣布正式交付首辆旗舰产品FF 91给首位塔尖用户，美国用户反响热烈，交付用户已达100名。",
      "2023-08-10 16:00，正文：乘联会数据显示，7月乘用车出口31万辆，同比增长63%。1-7月乘用车出口199万辆，同比增长81%。",
      "2023-08-17 09:00，正文：日前，两市市场监管局联合出台《江城都市圈市场监管联动联建重点措施（2023—2027年）》（以下简称《重点措施》），涉及联动联建跨区域数字化监管体系等9个方面措施，着力创新深化、改革攻坚、开放提升，以高质量市场监管政策供给加快推动双城经济圈建设成势见效。",
      "2023-08-01 10:00，正文：江北省市场监管局召开新闻发布会，介绍全省市场监管领域政策措施清理情况。在连续三年开展专项清理基础上，今年上半年各地各部门清理存量政策措施4278份，其中修改98份，废止424份。",
    ];
    return news;
  });

  it("answers with the clause of the figure the question gives, not the clause of another", async () => {
    const a = await answers(qa, "如果建到60个观测站，碳汇估算的不确定性能降到多少？", "2亿吨碳");
    expect(a.answer).not.toContain("3亿吨碳每年[");
  });

  it("answers a rate, an age and a score from the sentence that gives one", async () => {
    await answers(qa, "体育服务专题的展商国际化率达到了多少？", "56%");
    await answers(qa, "柳河村跳水那事，被撞伤的小孩多大啊？", "12岁");
    await answers(qa, "张家齐和王飞龙混双十米台得了多少分", "339.54分");
  });

  it("answers a span of months with its own figure, not its last month's", async () => {
    const a = await answers(qa, "今年1到7月乘用车出口比去年同期涨了多少？", "81%");
    expect(a.answer).not.toContain("63%");
  });

  it("counts 几个方面 of a 措施 from the clause that gives it, and takes the body that did it from the passage", async () => {
    await answers(qa, "江城都市圈市场监管联动联建重点措施一共涉及几个方面", "9个方面");
    await answers(qa, "江北省市场监管局今年上半年清理存量政策措施清理了多少份", "4278份");
  });

  it("answers 几点 with a time of day, and 研发支出是多少 only with a sum", async () => {
    await answers(qa, "减灾委7月31日是几点启动Ⅳ级救灾应急响应的？", "18时");
    expect((await qa.ask("蔚来汽车今年第一季度的研发支出是多少？")).refused).toBe(true);
  });

  it("refuses a quoted or Latin name the library never says, however its other words match", async () => {
    const typhoon = await qa.ask("台风“海葵”最后是在哪登陆的？");
    expect(typhoon.refused).toBe(true);
    expect(typhoon.answer).toContain("海葵");
    expect((await qa.ask("拼多多海外版Temu在美国现在有多少用户了？")).refused).toBe(true);
    // (…and a model's code: a report of the S23 gives no price of the S24)
    expect((await qa.ask("三星Galaxy S24 Ultra的起售价是多少？")).refused).toBe(true);
    await answers(qa, "三星Galaxy S23 Ultra的起售价是多少？", "9999元");
    // (…and a figure a report says is planned is no answer to what it is now)
    expect((await qa.ask("波兰目前的国防开支占国内生产总值的比例是多少？")).refused).toBe(true);
  });

  it("names the person a title introduces", async () => {
    await answers(qa, "生态岛那场发布会上，崇明区委书记叫什么？", "缪京");
  });
});

describe("the year of long ago, a count of vehicles and the number to call a reader asks of a report", () => {
  const qa = newsLibrary("planqa-calls-", () => [
    "2023-07-20 10:00，正文：游客在古城合影留念摄影李青始建于明代1522年的青岚书院，坐落于古城中心，是当地规模最大的书院。在这里，游客们还欣赏了2015年古城管委会赠送给青岚书院的手工挂毯。",
    "2023-08-02 09:00，正文：暴雨过后，江城环卫集团第一时间抽调300余名职工、60余部大型机械车辆，迅速前往河西区清理淤泥。",
    "2023-08-15 08:00，正文：岚川科技于8月14日公布了截至2023年6月30日的第二季度财报。报告显示，该季度岚川科技的营收为8.3亿元，同比增长0.1%。",
    "2023-08-18 06:13，正文：原标题：岚海汽车财报在即。华尔街预计，岚海的每股亏损为0.34美元，营收预计将下降36.4%至7.06亿美元。",
    "2023-08-07 10:32，正文：岚州中部当地时间6日发生一起中巴翻车事故，已导致18人死亡。",
    "2023-07-27 16:30，正文：台风“白鹭”来临前，南港海事局组织巡逻艇出海巡查，通过广播喊话等方式开展防台宣传，紧急劝返渔船。如在海上遭遇险情，请及时拨打12395水上搜救热线，海事局将全程值守。",
  ]);

  it("answers 哪一年 with a year before 1900 where the report gives one", async () => {
    const a = await answers(qa, "古城那个青岚书院是哪一年建起来的", "1522年");
    expect(a.answer).not.toContain("2015年");
  });

  it("reads 多少台车 as a count of vehicles, not a word the report must say", async () => {
    await answers(qa, "江城环卫集团去河西区清淤泥，派了多少人多少台车", "60余部");
  });

  it("refuses a quarter the report does not give", async () => {
    expect([...quartersOf("2023年第三季度净利润、一季度营收、Q2、上半年和前三季度")].sort()).toEqual([
      "9M",
      "H1",
      "Q1",
      "Q2",
      "Q3",
    ]);
    expect((await qa.ask("岚川科技2023年第一季度营收是多少？")).refused).toBe(true);
    await answers(qa, "岚川科技2023年第二季度营收是多少？", "8.3亿元");
  });

  it("answers how many people with no count of the dead, unless the dead are asked", async () => {
    expect((await qa.ask("岚州中巴翻车的时候车上一共坐了多少人")).refused).toBe(true);
    await answers(qa, "岚州中巴翻车死了多少人", "18人");
  });

  it("answers 打啥电话 with the sentence that gives a number to call", async () => {
    const a = await answers(qa, "台风白鹭来的时候南港海事局说海上出事打啥电话", "12395");
    // (…first, not after the sentences that only share the story's words)
    expect(a.answer.split("[1]")[0]).toContain("12395");
  });
});

describe("a reader's two questions typed with a space between them, and 多少个 of single things", () => {
  const qa = newsLibrary("planqa-spaces-", () => [
    "2023-08-18 09:00，正文：8月16日，青岚街道组织街道各部门和5个社区共260多名干部职工观看了反诈电影《断线》。",
    "2023-08-17 06:13，正文：记者从岚州省卫健委获悉，到2025年，全省村卫生室原则上至少配备使用60种药品，村卫生室设备配置普遍达到B级要求。",
    "2023-07-22 10:00，正文：国家卫生健康委会同教育部、公安部、审计署等9部门联合召开视频会议，部署开展为期一年的岚域整治工作。",
    "2023-08-09 08:00，正文：据景区工作人员介绍，这位岚湾景区巡逻员为男性，60多岁，在景区已经工作多年，平时工作认真负责。",
    "2023-08-16 07:00，正文：根据周二的公开消息，岚石石油同意以9亿美元收购加拿大碳捕集初创公司岚风科技。在过去四年中，岚石石油一直与岚风科技合作，将其技术用于得克萨斯州西部的碳捕集项目。",
    "2023-08-17 09:00，正文：岚雾科技是一家芯片公司，成立于2016年，总部设在加拿大温哥华市，专注于研发人工智能处理器。",
    "2023-08-02 18:16，正文：第9届岚州青年运动会正在进行中。根据岚州青年体育联合会竞赛规程，在校学生可代表所在城市参赛。本届岚州青年运动会的岚川代表团由百余所学校的311名运动员组成，岚川代表团团长是王青山。",
  ]);

  it("splits the questions at the space and answers both", async () => {
    const parts = questionParts("青岚街道组织干部职工看反诈电影 看的啥片子 去了多少人啊", [], true);
    expect(parts).toHaveLength(2);
    expect(parts[1]!.ask).toContain("青岚街道");
    // (a space inside quotes is the quoted name's own: 台湾要好 高雄挺侯)
    expect(questionParts("造势大会“山海要好 青岚挺好”在哪里举行？现场有多少人", [], true)[0]!.said).toContain(
      "山海要好 青岚挺好",
    );
    const a = await answers(qa, "青岚街道组织干部职工看反诈电影 看的啥片子 去了多少人啊", "260多名");
    expect(a.answer).toContain("断线");
  });

  it("answers 多少个 with a figure of single things or of the thing itself, never 60种药品", async () => {
    expect((await qa.ask("岚州全省一共有多少个村卫生室啊")).refused).toBe(true);
    await answers(qa, "国家卫健委那个岚域整治是跟几个部门一起搞的", "9部门");
  });

  it("answers 多大岁数 with an age and 花了多少钱 with the sum paid, though the report says neither word", async () => {
    await answers(qa, "岚湾景区那个巡逻员 多大岁数", "60多岁");
    await answers(qa, "岚石石油买那个加拿大碳捕集初创公司花了多少钱", "9亿美元");
  });

  it("answers 团长是谁 only from a passage that speaks of the 团长", async () => {
    await answers(qa, "第9届岚州青年运动会岚川代表团的团长是谁？", "王青山");
    expect((await qa.ask("第9届岚州青年运动会岚州代表团的领队是谁？")).refused).toBe(true);
  });

  it("answers 总部设在哪个城市 only from a passage that speaks of the 总部", async () => {
    await answers(qa, "岚雾科技的总部设在哪个城市？", "温哥华");
    expect((await qa.ask("岚石石油收购的岚风科技公司总部设在加拿大哪个城市？")).refused).toBe(true);
  });
});
