import { type CommitmentFilter, commitmentLine } from "../commitments/query.js";
import type { QuestionScope } from "../domain/types.js";
import { type Answer, type Chunk, type Citation, type DocKind, isPlanKind, type Passage } from "../domain/types.js";
import { PROVINCES, QUESTION_STOPWORDS, QUESTION_TYPES, townshipStem } from "../domain/zh.js";
import type { QABackend } from "../retrieve/backend.js";
import { analyzeQuestion } from "../retrieve/question.js";
import type { Reading } from "../retrieve/reading.js";
import { cutWords } from "../search/tokenize.js";
import {
  type AnswerOptions,
  type ComposedAnswer,
  citationOf,
  composeAnswer,
  evidenceStrength,
  OFFICE,
  refusalText,
} from "./extractive.js";
import type { LlmAnswerer } from "./llm.js";

/** A province a township is said with, 河北肥乡 or 河北省肥乡县: the township is the rest. */
const PROVINCE_OPENING = new RegExp(`^(?:${PROVINCES})省?`);

/**
 * The answering policy: what a message asks (one question or several), which evidence may answer
 * each part, what year a relative time word means and what to say when that year has no
 * document, and when to refuse. Channels and the composition root (app.ts) only call `respond`.
 */

/** An answer before the core adds the question, the reading and the latency; `about` is the chunk a one-source answer stands on. */
export type Reply = Omit<Answer, "question" | "latencyMs" | "interpretedAs"> & { about?: Chunk };

export interface RespondDeps {
  backend: QABackend;
  options: AnswerOptions;
  llm: LlmAnswerer | null;
}

/**
 * Share of a question's weighted topic words the best passage must cover before a model may answer
 * what the rules refused. Measured on the residents' dev set: the answerable questions the rules
 * refuse have best passages covering 0.28–0.66 (6 of 7 at 0.3 or more); the unanswerable ones the
 * rules refuse cover 0–0.94 (17 of 21 at 0.3 or more). So the floor only keeps the model away from
 * passages about something else; what protects the user from a near miss is the check of the reply
 * (figures in the cited passages, the thing asked about standing in them).
 */
export const LLM_EVIDENCE_FLOOR = 0.3;

const COMMITMENT_QUESTION =
  /(量化目标|量化指标|承诺|有哪些目标|目标任务有哪些|指标有哪些|哪些量化|有哪些数字|定了哪些数)/;

/** A part of a message asks something: a question word, or 吗/有没有 at its end. */
const ASKS = new RegExp(
  `${QUESTION_TYPES.filter((q) => q.type !== "list" && q.type !== "count")
    .map((q) => q.re.source)
    .join(
      "|",
    )}|[哪啥谁怎]|什么|多少|多久|多长|(?<!第)几(?!乎)|[吗么呢不]$|有没有|是否|能不能|可不可以|是不是|会不会|要不要`,
);

/** Words that ask about an attribute of something named elsewhere ("投资多少钱", "去哪里申请"). */
const ATTRIBUTE_WORDS = new Set(
  "投资 投入 花了 花 钱 多少钱 资金 申请 办理 领取 报名 标准 时间 地点 条件 材料 手续 流程 多久 哪里 哪儿 面积 金额 产值 人数 规模 补贴 补助 发放 发 交 找 谁 部门 电话 效果 进展 结果 完成 建成 几个 几座 几条 几家".split(
    " ",
  ),
);

/**
 * Split a message into the questions it asks: "东山镇2022年要建几个美丽乡村，投资多少钱？" →
 * ["东山镇2022年要建几个美丽乡村", "东山镇2022年要建美丽乡村投资多少钱"]. A part that names no
 * thing of its own ("投资多少钱", "去哪里申请") is read with the first part's subject; township
 * and year carry over to every part. One question stays whole.
 */
export function splitQuestion(message: string, knownTownships: string[]): string[] {
  return questionParts(message, knownTownships).map((p) => p.ask);
}

/** The parts of a message: what each asks in full, and the user's own words for it. */
export function questionParts(
  message: string,
  knownTownships: string[],
  oneEvent = false,
): Array<{ ask: string; said: string }> {
  const segments = message
    // (…and a space between words, as a reader types with no punctuation: 看的啥片子 去了多少人啊; not one inside quotes)
    .split(
      /[，,？?；;。！!\n]+|(?:还有|另外|以及|顺便问下?)|(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])(?![^“”]*”)/,
    )
    .map((s) => s.trim())
    .filter(Boolean);
  const parts: string[] = [];
  let pending = "";
  for (const s of segments) {
    // "截至2023年8月3日，…" sets a time, it asks nothing
    const timeOnly = !s
      .replace(
        /(?:截至|截止|自|从|到|至)?\s*(?:(?:19|20)\d{2}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*[日号])?\s*(?:以来|起|前|后|为止|底|末)?/g,
        "",
      )
      .trim();
    if (ASKS.test(s) && !timeOnly) {
      parts.push(pending + s);
      pending = "";
    } else pending += s;
  }
  if (parts.length < 2) return [{ ask: message, said: message }];
  if (pending) parts[parts.length - 1] += pending;
  const first = parts[0]!;
  const scope = analyzeQuestion(first, knownTownships);
  const place = `${scope.township ?? ""}${scope.years.length ? `${scope.years.join("、")}年` : ""}`;
  // the first part without its question words: the subject later parts lean on
  let subject = first;
  for (const q of QUESTION_TYPES) subject = subject.replace(new RegExp(q.re.source, "g"), "");
  subject = subject.replace(/(吗|么|呢|啊|呀)$/, "");
  return parts.map((p, i) => {
    if (i === 0) return { ask: p, said: p };
    const own = cutWords(p).filter(
      (w) => w.length >= 2 && !QUESTION_STOPWORDS.has(w) && !ATTRIBUTE_WORDS.has(w) && !/^\d/.test(w),
    );
    // (in a library of events, the parts of one message ask about one event: 要制修订多少项相关标准 is the 智能网联汽车 one)
    if (!own.length || oneEvent) return { ask: `${subject}${p}`, said: p };
    const ps = analyzeQuestion(p, knownTownships);
    const ask =
      `${ps.township || !scope.township ? "" : scope.township}${ps.years.length || !scope.years.length ? "" : `${scope.years.join("、")}年`}${p}`.replace(
        place + place,
        place,
      );
    return { ask, said: p };
  });
}

const KIND_NAME: Record<DocKind, string> = {
  总结: "工作总结",
  计划: "工作计划",
  要点: "政府工作要点",
  通知: "通知",
  方案: "实施方案",
  解读: "政策解读",
  指南: "办事指南",
  新闻: "新闻报道",
  其他: "文件",
};

/** "荫田镇2021年工作总结" for a chunk: where and when its words are about. */
export function evidenceLabel(c: Pick<Chunk, "township" | "years" | "kinds">): string {
  const kind = c.kinds.includes("总结")
    ? KIND_NAME.总结
    : c.kinds.includes("要点")
      ? KIND_NAME.要点
      : KIND_NAME[c.kinds[0] ?? "其他"];
  return `${c.township ?? ""}${c.years.length ? `${c.years.join("、")}年` : ""}${kind}`;
}

/**
 * Answer a message: each part on its own evidence, combined; refused only when no part is answered.
 * With model rewrites (LLM_REWRITE), a rewrite that answers more than the message as read is used,
 * and named in `readAs`.
 */
export async function respond(
  message: string,
  reading: Reading,
  deps: RespondDeps,
  rewrites: string[] = [],
): Promise<Reply & { readAs?: string }> {
  const first = await respondTo(message, reading, deps);
  const unanswered = (r: Reply) => (r.refused ? Infinity : (r.missing?.length ?? 0));
  let best: Reply & { readAs?: string } = first;
  for (const r of rewrites) {
    if (!unanswered(best)) break;
    const alt = await respondTo(r, { ...reading, text: r }, deps);
    if (unanswered(alt) < unanswered(best)) best = { ...alt, readAs: r };
  }
  return best;
}

async function respondTo(message: string, reading: Reading, deps: RespondDeps): Promise<Reply> {
  const parts = questionParts(message, deps.backend.townships(), deps.options.eventLibrary).slice(0, 4);
  if (parts.length === 1) return answerOne(message, reading, deps);
  const replies: Reply[] = [];
  for (const p of parts) replies.push(await answerOne(p.ask, reading, deps));
  return combine(
    parts.map((p) => p.said),
    replies,
  );
}

/** Several parts' replies as one: citations renumbered, unanswered parts named. */
export function combine(parts: string[], replies: Reply[]): Reply {
  const answered = replies.filter((r) => !r.refused);
  const missing = parts.filter((_, i) => replies[i]!.refused);
  if (!answered.length) return { ...replies[0]!, missing };
  const citations: Citation[] = [];
  const lines: string[] = [];
  const passages = answered.flatMap((r) => r.passages);
  replies.forEach((r, i) => {
    if (r.refused) {
      lines.push(`关于“${parts[i]}”：现有文件没有写明。`);
      return;
    }
    const map = new Map<number, number>();
    for (const c of r.citations) {
      let n = citations.findIndex((x) => x.docId === c.docId && x.text === c.text) + 1;
      if (!n) {
        citations.push({ ...c, n: citations.length + 1 });
        n = citations.length;
      }
      map.set(c.n, n);
    }
    const line = r.answer.replace(/\[(\d+)\]/g, (m, d: string) => (map.has(Number(d)) ? `[${map.get(Number(d))}]` : m));
    // (a sentence an earlier part's answer already says is not said again)
    // (…and where its very answer was said, only what speaks of this part's own words is added)
    const said = lines.join("").replace(/\[\d+\]/g, "");
    const sentences = line.match(/[^。]+。?/g) ?? [];
    const bare = (s: string) =>
      s
        .replace(/\[\d+\]/g, "")
        .replace(/^据[^：]{1,40}：/, "")
        .replace(/[。\s]+$/, "");
    const repeated = (s: string) => bare(s).length >= 6 && said.includes(bare(s));
    const own = cutWords(parts[i]!).filter((w) => w.length >= 2 && !QUESTION_STOPWORDS.has(w));
    const kept = sentences.filter(
      (s, k) => !repeated(s) && (!repeated(sentences[0] ?? "") || k === 0 || own.some((w) => s.includes(w))),
    );
    if (kept.length) lines.push(kept.join("").trim());
  });
  const seen = new Set<string>();
  const unique = passages
    .filter((p) => !seen.has(p.chunk.id) && seen.add(p.chunk.id))
    .map((p, i) => ({ ...p, rank: i + 1 }));
  return {
    answer: lines.join("\n"),
    refused: false,
    reason: null,
    citations,
    passages: unique,
    ...(missing.length ? { missing } : {}),
  };
}

/** One question: commitments, unknown places, the year meant (or the nearest that answers), the evidence. */
async function answerOne(q: string, reading: Reading, deps: RespondDeps): Promise<Reply> {
  const { backend } = deps;
  const scope = analyzeQuestion(q, backend.townships());
  const relative = reading.relative;
  if (!scope.kind && relative?.kind) scope.kind = relative.kind;
  // a township the corpus lacks is refused only where the corpus is one of plans (a news corpus has
  // no townships to miss); years and plan-vs-result scope plans only (the retrievers let other texts through)
  if (!hasPlans(backend)) scope.unknownTownship = null;

  // "东山镇2022年有哪些量化目标？" is answered from the commitments table
  if (COMMITMENT_QUESTION.test(q) && !scope.unknownTownship) {
    const listed = await commitmentsReply(q, scope, backend);
    if (listed) return listed;
  }
  if (scope.unknownTownship) {
    const named = scope.unknownTownship;
    const { passages } = await backend.search(q, { ...scope, township: null, years: [] });
    // (…unless the documents speak of it: a news report on 花桥镇's 村BA is about a place no plan is of)
    // (…said as the report says it: 河北肥乡 is 河北省肥乡县)
    const stem = named.replace(PROVINCE_OPENING, "");
    const saidAs = [named, ...(stem.length >= 2 && stem !== named ? [stem] : [])];
    if (passages.slice(0, deps.options.passagesConsidered).some((p) => saidAs.some((n) => p.chunk.text.includes(n))))
      scope.unknownTownship = null;
    else {
      const answer = refusalText("unknown-township", {
        township: named,
        known: backend.documents(),
        noun: deps.options.corpusNoun,
        office: deps.options.office,
      });
      return { answer, refused: true, reason: "unknown-township", citations: [], passages };
    }
  }
  // "荫田镇今年有什么计划？": no topic, so the outline of the plan (or summary) meant, or the nearest one
  if (asksForOutline(q, scope)) {
    const outlined = await outline(scope, !!relative?.years.length, deps);
    if (outlined) return outlined;
  }
  // 最新/现在/目前/今后: the latest document that answers
  if (relative && !relative.years.length && !scope.years.length) {
    const latest = await fromYears(
      q,
      scope,
      yearsOf(scope, backend).sort((a, b) => b - a),
      deps,
    );
    if (latest)
      return {
        ...latest.reply,
        answer: `据${evidenceLabelOf(latest.reply, scope, latest.year)}（现有最新）：${latest.reply.answer}`,
      };
  }

  const direct = await evidenceReply(q, scope, deps);
  const meant = relative?.years.length ? scope.years : [];
  // a year read from 今年/去年 was not said: the answer names it
  const said = !!scope.township && scope.years.length > 0 && !meant.length;
  if (!meant.length || !direct.refused || direct.reason === "kind-missing") return withLead(direct, said);

  // a library of reports: its 今年 is each report's own year, so the report that answers, whatever its year, said plainly
  if (deps.options.eventLibrary) {
    const any = await evidenceReply(q, { ...scope, years: [] }, deps);
    if (any.refused || !any.about) return direct;
    return {
      ...any,
      answer: `现有${meant.join("、")}年的${deps.options.corpusNoun}没有写到这一项；写到的是${any.about.years.length ? "" : "未注明年份的"}${evidenceLabel(any.about)}：${any.answer}`,
    };
  }
  // the year meant has no document (or none that speaks to this): the nearest year that does, said plainly
  const target = meant[0]!;
  const others = yearsOf(scope, backend)
    .filter((y) => !meant.includes(y))
    .sort((a, b) => Math.abs(a - target) - Math.abs(b - target) || b - a);
  const near = await fromYears(q.split(`${target}年`).join(""), { ...scope, years: [] }, others, deps);
  if (!near) return direct;
  const place = scope.township ?? "";
  const what = scope.kind ? KIND_NAME[scope.kind] : "文件";
  const lead =
    direct.reason === "uncovered-year"
      ? `现有文件中没有${place}${meant.join("、")}年的${what}；最近的是${evidenceLabelOf(near.reply, scope, near.year)}：`
      : `现有${place}${meant.join("、")}年的文件没有写到这一项；最近写到的是${evidenceLabelOf(near.reply, scope, near.year)}：`;
  return { ...near.reply, answer: lead + near.reply.answer };
}

function evidenceLabelOf(r: Reply, scope: QuestionScope, year: number): string {
  const about = r.about;
  return about
    ? evidenceLabel({ ...about, years: [year] })
    : `${scope.township ?? ""}${year}年${scope.kind ? KIND_NAME[scope.kind] : "文件"}`;
}

const planCorpora = new WeakMap<object, boolean>();

/** Whether the corpus holds any plan, review or 要点 (remembered per document list). */
function hasPlans(backend: QABackend): boolean {
  const docs = backend.documents();
  let has = planCorpora.get(docs);
  if (has === undefined) planCorpora.set(docs, (has = docs.some((d) => d.kinds.some(isPlanKind))));
  return has;
}

/** Years of the documents of the township asked about (all documents when none was named). */
function yearsOf(scope: QuestionScope, backend: QABackend): number[] {
  const docs = backend.documents().filter((d) => !scope.township || d.township === scope.township);
  return [...new Set(docs.flatMap((d) => d.years))];
}

/** The first of `years` (at most four tried) whose documents answer the question. */
async function fromYears(
  q: string,
  scope: QuestionScope,
  years: number[],
  deps: RespondDeps,
): Promise<{ reply: Reply; year: number } | null> {
  for (const y of years.slice(0, 4)) {
    const r = await evidenceReply(`${y}年${q}`, { ...scope, years: [y] }, deps);
    if (!r.refused) return { reply: r, year: y };
  }
  return null;
}

/** A reply with a short lead naming where and when its evidence is about, when the question did not say. */
function withLead(r: Reply, placeAndYearSaid: boolean): Reply {
  // (a plan's place and year; a news report's years are dates in the story, and its source line names it)
  if (r.refused || !r.about || !r.about.kinds.some(isPlanKind) || placeAndYearSaid || r.answer.startsWith("不同文件"))
    return r;
  return { ...r, answer: `据${evidenceLabel(r.about)}：${r.answer}` };
}

/** Search within the scope and compose from the passages (the optional model may rephrase a composed answer). */
async function evidenceReply(q: string, scope: QuestionScope, deps: RespondDeps): Promise<Reply> {
  const { backend, llm } = deps;
  const result = await backend.search(q, scope);
  if (result.eligible === 0) {
    // what the township's other years say (the whole corpus when no township was named)
    const { passages } = await backend.search(q, { ...scope, years: [] });
    const answer = refusalText("uncovered-year", {
      township: scope.township,
      years: scope.years,
      known: backend.documents(),
      noun: deps.options.corpusNoun,
      office: deps.options.office,
    });
    return { answer, refused: true, reason: "uncovered-year", citations: [], passages };
  }
  const stats = await backend.termStats(q, result.passages);
  const composed: ComposedAnswer = composeAnswer(q, scope, result.passages, stats, deps.options);
  // asked what was done but only a plan exists (or the reverse): say so, and what the other says
  // (only where the answer stands in a plan: a news report is neither plan nor result)
  const fromPlan = result.passages[0]?.chunk.kinds.some(isPlanKind) ?? false;
  if (result.kindFound === false && scope.kind && !composed.refused && fromPlan) {
    const place = `${scope.township ?? ""}${scope.years.length ? `${scope.years.join("、")}年` : ""}`;
    const lead =
      scope.kind === "总结"
        ? `现有文件中没有${place}的工作总结，无法确认实际完成情况。计划中写的是：`
        : `现有文件中没有${place}的工作计划，无法确认原定目标。总结中写的是：`;
    return {
      ...composed,
      answer: lead + composed.answer,
      refused: true,
      reason: "kind-missing",
      passages: result.passages,
    };
  }
  // the optional model answers where evidence exists: what the rules answered, and what they refused
  // when the passages still cover enough of the question; its reply is checked, else the rules stand
  if (
    llm &&
    (!composed.refused ||
      ((composed.reason === "no-evidence" || composed.reason === "detail-missing") && result.passages.length))
  ) {
    const { strength, focus } = evidenceStrength(q, scope, result.passages, stats, deps.options);
    if (!composed.refused || strength >= LLM_EVIDENCE_FLOOR) {
      const { by, ...checked } = await llm.answer(q, result.passages, composed, focus);
      return {
        ...checked,
        passages: checked.refused ? result.passages : citedFirst(result.passages, checked.citations),
        answeredBy: by,
        ...(composed.about && by === "extractive" ? { about: composed.about } : {}),
      };
    }
  }
  return {
    ...composed,
    passages: composed.refused ? result.passages : citedFirst(result.passages, composed.citations),
  };
}

/**
 * The passages with those the answer cites first, in citation order, then the rest in retrieval
 * order: the passage an answer stands on is the one shown first (each keeps its retrieval rank).
 */
export function citedFirst(passages: Passage[], citations: Citation[]): Passage[] {
  const cited = (p: Passage) => citations.findIndex((c) => c.docId === p.chunk.docId && c.text === p.chunk.text);
  const order = [
    ...passages.filter((p) => cited(p) >= 0).sort((a, b) => cited(a) - cited(b)),
    ...passages.filter((p) => cited(p) < 0),
  ];
  if (order.every((p, i) => p === passages[i])) return passages;
  return order.map((p, i) => ({ ...p, rank: i + 1, retrieved: p.retrieved ?? p.rank }));
}

async function commitmentsReply(q: string, scope: QuestionScope, backend: QABackend): Promise<Reply | null> {
  const kind = /(完成|实际|成效|成绩)/.test(q) ? "result" : /(目标|计划|承诺|打算)/.test(q) ? "plan" : null;
  const filter: CommitmentFilter = { township: scope.township, year: scope.years[0] ?? null, kind };
  const { total, items: shown } = await backend.commitmentPage(filter, 0, 8);
  if (!total) return null;
  const citations: Citation[] = [];
  const lines: string[] = [];
  for (const c of shown) {
    const chunk = await backend.chunk(c.chunkId);
    let n = citations.findIndex((x) => x.docId === c.docId && x.text === chunk?.text) + 1;
    if (!n && chunk) {
      citations.push(citationOf(chunk, citations.length + 1));
      n = citations.length;
    }
    lines.push(`${commitmentLine(c)}[${n}]`);
  }
  const more =
    total > shown.length
      ? `\n（共${total}项，仅列前${shown.length}项；完整列表：npm run commitments${scope.township ? ` -- --township ${scope.township}` : ""}）`
      : "";
  return { answer: `${lines.join("\n")}${more}`, refused: false, reason: null, citations, passages: [] };
}

/** Words of a request for a whole plan or summary ("今年有什么计划", "去年做了哪些工作"). */
const OUTLINE_WORDS = new Set(
  "有什么 有啥 有哪些 计划 打算 安排 工作 重点 重点工作 总结 要点 做了 干了 做 干 要做 准备 主要 哪些 什么 啥 有 了 的 镇 乡 镇里 乡里 今年 明年 去年 年 度 年度 政府 规划 事 事情 目标 任务".split(
    " ",
  ),
);

/** Whether a question asks for a document's outline: plan or summary words and nothing else but place and time. */
export function asksForOutline(q: string, scope: QuestionScope): boolean {
  if (!/(计划|打算|安排|总结|要点|做了|干了|重点工作)/.test(q) || !/(什么|啥|哪些)/.test(q)) return false;
  let rest = q.replace(/\d{4}\s*年度?/g, "，");
  if (scope.township) rest = rest.split(scope.township).join("，").split(townshipStem(scope.township)).join("，");
  return cutWords(rest).every((w) => OUTLINE_WORDS.has(w) || QUESTION_STOPWORDS.has(w) || !/[\u4e00-\u9fff]/.test(w));
}

/**
 * The outline of the document a question means: its top-level headings, each cited. When the year
 * meant has no such document, the nearest year's, said plainly.
 */
async function outline(scope: QuestionScope, yearFromClock: boolean, deps: RespondDeps): Promise<Reply | null> {
  const { backend } = deps;
  const review = scope.kind === "总结";
  const docs = backend
    .documents()
    .filter(
      (d) =>
        (!scope.township || d.township === scope.township) &&
        d.kinds.some((k) => (review ? k === "总结" : k !== "总结")),
    );
  if (!docs.length) return null;
  const target = scope.years[0] ?? null;
  const years = [...new Set(docs.flatMap((d) => d.years))].sort((a, b) =>
    target === null ? b - a : Math.abs(a - target) - Math.abs(b - target) || b - a,
  );
  const ofKind = (k: DocKind) => (review ? k === "总结" : k !== "总结");
  for (const year of years.slice(0, 4)) {
    const { passages } = await backend.search(
      `${scope.township ?? ""}${year}年${review ? "工作总结 工作情况" : "工作计划 重点工作"}`,
      { ...scope, years: [year], kind: review ? "总结" : "计划", type: "list" },
    );
    // chunks of this year and kind only (a combined file's 2021 review is not its 2022 plan)
    const own = passages.filter(
      (p) =>
        p.chunk.years.length === 1 &&
        p.chunk.years[0] === year &&
        p.chunk.kinds.length === 1 &&
        ofKind(p.chunk.kinds[0]!),
    );
    const first = own[0];
    if (!first) continue;
    const chunks = own
      .filter((x) => x.chunk.docId === first.chunk.docId)
      .map((x) => x.chunk)
      .sort((a, b) => a.ord - b.ord);
    // the first heading level at which the part divides ("三、2022年工作安排" → its （一）（二）…)
    let depth = 0;
    while (
      depth < 2 &&
      new Set(chunks.map((c) => c.sectionPath[depth])).size < 2 &&
      chunks.some((c) => c.sectionPath[depth + 1])
    )
      depth++;
    const heads = new Map<string, Chunk>();
    for (const c of chunks) {
      const head = c.sectionPath[depth];
      if (head && !heads.has(head)) heads.set(head, c);
    }
    if (!heads.size) continue;
    const citations: Citation[] = [];
    const lines = [...heads].slice(0, 6).map(([head, chunk]) => {
      citations.push(citationOf(chunk, citations.length + 1));
      return `${head.replace(/[。；;，,]$/, "")}[${citations.length}]`;
    });
    const label = evidenceLabel({ township: first.chunk.township, years: [year], kinds: first.chunk.kinds });
    // a year the user wrote out is what they want: say it is missing and which year is there, no more
    if (target !== null && year !== target && !yearFromClock) {
      const answer = `现有文件中没有${scope.township ?? ""}${target}年的${review ? "工作总结" : "工作计划"}（最近的是${label}）。${OFFICE}`;
      return { answer, refused: true, reason: "uncovered-year", citations: [], passages };
    }
    const lead =
      target !== null && year !== target
        ? `现有文件中没有${scope.township ?? ""}${target}年的${review ? "工作总结" : "工作计划"}；最近的是${label}，`
        : `据${label}，`;
    return {
      answer: `${lead}主要有这几方面：${lines.join("；")}。`,
      refused: false,
      reason: null,
      citations,
      passages,
      about: first.chunk,
    };
  }
  return null;
}
