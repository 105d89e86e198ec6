import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { LlmAnswerer, createChatModel } from "./answer/llm.js";
import type { Commitment } from "./commitments/extract.js";
import { type CommitmentFilter, commitmentLine, filterCommitments } from "./commitments/query.js";
import { interpret } from "./conversation/followup.js";
import { type ConversationStore, MemoryConversationStore } from "./conversation/store.js";
import { citationOf, composeAnswer, sourceLabel, refusalText, DEFAULT_ANSWER_OPTIONS, type AnswerOptions, type TermStats } from "./answer/extractive.js";
import { validateQuestion } from "./answer/validate.js";
import type { Config } from "./config.js";
import type { Answer, Chunk, Citation } from "./domain/types.js";
import { ITEM_MARKER } from "./domain/zh.js";
import type { LoaderRegistry } from "./ingest/loaders/registry.js";
import type { Logger } from "./log.js";
import { type QuestionScope, analyzeQuestion } from "./retrieve/question.js";
import { HybridRetriever } from "./retrieve/hybrid.js";
import { createEmbeddings, type PlanEmbeddings } from "./search/embeddings.js";
import { type OpenedIndex, type SearchIndex, openIndex } from "./search/store.js";

export interface AskOptions {
  /** One chat, one WeChat user, one CLI session: follow-ups are read in its context. */
  conversationId?: string;
}

const COMMITMENT_QUESTION = /(量化目标|量化指标|承诺|有哪些目标|目标任务有哪些|指标有哪些|哪些量化|有哪些数字|定了哪些数)/;

/** The one core API every channel (CLI, Telegram, WeChat) calls. */
export interface PlanQA {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Quantified targets and results, filtered (the commitments table). */
  commitments(filter: CommitmentFilter): Commitment[];
  /** Citation `n` of the last answer in a conversation (for /source N), or null. */
  source(conversationId: string, n: number): Promise<Citation | null>;
  readonly conversations: ConversationStore;
  readonly index: SearchIndex;
  readonly retriever: HybridRetriever;
}

export interface PlanQADeps {
  embeddings?: PlanEmbeddings;
  loaders?: LoaderRegistry;
  answer?: Partial<AnswerOptions>;
  forceRebuild?: boolean;
  onFile?: (file: string, index: number, total: number) => void;
  conversations?: ConversationStore;
  chatModel?: BaseChatModel;
}

/** Build the core from an index: retriever and answerer over it. */
export function planQAFromIndex(
  index: SearchIndex,
  config: Pick<Config, "TOP_K" | "HNSW_EF" | "MAX_QUESTION_CHARS">,
  answerOptions: Partial<AnswerOptions> = {},
  conversations: ConversationStore = new MemoryConversationStore(),
  llm: LlmAnswerer | null = null,
): PlanQA {
  const retriever = new HybridRetriever(index, { k: config.TOP_K, ef: config.HNSW_EF });
  // both built on first use: a bot that starts should not pay for tables a question may never need
  let chunkByIdMap: Map<string, Chunk> | null = null;
  const chunkById = (id: string) => (chunkByIdMap ??= new Map(index.chunks.map((c) => [c.id, c]))).get(id);
  // list items grouped by document and parent heading
  let listMap: Map<string, Chunk[]> | null = null;
  const lists = (): Map<string, Chunk[]> => {
    if (listMap) return listMap;
    listMap = new Map();
    for (const c of index.chunks) {
      const last = c.sectionPath[c.sectionPath.length - 1];
      if (!last || !ITEM_MARKER.test(last)) continue;
      const key = `${c.docId}\u0000${c.sectionPath.slice(0, -1).join("\u0000")}`;
      const list = listMap.get(key) ?? [];
      if (!list.some((x) => x.sectionPath[x.sectionPath.length - 1] === last)) list.push(c);
      listMap.set(key, list);
    }
    return listMap;
  };
  const stats: TermStats = {
    idf: (t) => index.bm25.idf(t),
    maxIdf: index.bm25.maxIdf(),
    siblingsOf: (c) => lists().get(`${c.docId}\u0000${c.sectionPath.slice(0, -1).join("\u0000")}`) ?? [],
    childrenOf: (c) => lists().get(`${c.docId}\u0000${c.sectionPath.join("\u0000")}`) ?? [],
  };
  const opts = { ...DEFAULT_ANSWER_OPTIONS, ...answerOptions };

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    const invalid = validateQuestion(question, config.MAX_QUESTION_CHARS);
    if (invalid) {
      return { question, answer: invalid.message, refused: true, reason: "invalid-question", citations: [], passages: [], latencyMs: performance.now() - started, interpretedAs: null };
    }
    const id = options.conversationId;
    const history = id ? await conversations.get(id) : [];
    const reading = interpret(question, history, retriever.townships);
    if (reading.kind === "citation") {
      const last = [...history].reverse().find((t) => t.citations.length);
      const c = last?.citations.find((x) => x.n === reading.n);
      const answer = c
        ? `[${c.n}] 出处：${sourceLabel(c)}\n原文：“${c.text}”`
        : last
          ? `上一条回答只有 ${last.citations.length} 个出处（[1]–[${last.citations.length}]），没有第 ${reading.n} 条。`
          : "还没有可以查看出处的回答，请先提一个问题。";
      return { question, answer, refused: !c, reason: c ? null : "no-evidence", citations: c ? [c] : [], passages: [], latencyMs: performance.now() - started, interpretedAs: null };
    }
    const q = reading.question;
    const scope = analyzeQuestion(q, retriever.townships);
    const a = await answerQuestion(q, scope, started);
    const result: Answer = { ...a, question, interpretedAs: reading.rewrittenFrom ? q : null };
    if (id) await conversations.push(id, { question: q, scope, citations: result.citations, refused: result.refused, at: Date.now() });
    return result;
  }

  async function answerQuestion(q: string, scope: QuestionScope, started: number): Promise<Answer> {
    const question = q;
    const done = (a: Omit<Answer, "question" | "latencyMs" | "interpretedAs">): Answer => ({ question, ...a, latencyMs: performance.now() - started, interpretedAs: null });
    // "东山镇2022年有哪些量化目标？" is answered from the commitments table
    if (COMMITMENT_QUESTION.test(q) && !scope.unknownTownship) {
      const kind = /(完成|实际|成效|成绩)/.test(q) ? "result" : /(目标|计划|承诺|打算)/.test(q) ? "plan" : null;
      const items = filterCommitments(index.commitments, { township: scope.township, year: scope.years[0] ?? null, kind });
      if (items.length) {
        const shown = items.slice(0, 8);
        const citations: Citation[] = [];
        const lines = shown.map((c) => {
          const chunk = chunkById(c.chunkId);
          let n = citations.findIndex((x) => x.docId === c.docId && x.text === chunk?.text) + 1;
          if (!n && chunk) {
            citations.push(citationOf(chunk, citations.length + 1));
            n = citations.length;
          }
          return `${commitmentLine(c)}[${n}]`;
        });
        const more = items.length > shown.length ? `\n（共${items.length}项，仅列前${shown.length}项；完整列表：npm run commitments${scope.township ? ` -- --township ${scope.township}` : ""}）` : "";
        return done({ answer: `${lines.join("\n")}${more}`, refused: false, reason: null, citations, passages: [] });
      }
    }
    if (scope.unknownTownship) {
      const { passages } = await retriever.search(q, { ...scope, township: null, years: [] });
      const answer = refusalText("unknown-township", { township: scope.unknownTownship, known: index.docs });
      return done({ answer, refused: true, reason: "unknown-township", citations: [], passages });
    }
    const result = await retriever.search(q, scope);
    if (result.eligible === 0) {
      const { passages } = await retriever.search(q, { ...scope, township: null, years: [] });
      const answer = refusalText("uncovered-year", { township: scope.township, years: scope.years, known: index.docs });
      return done({ answer, refused: true, reason: "uncovered-year", citations: [], passages });
    }
    const composed = composeAnswer(q, scope, result.passages, stats, opts);
    // asked what was done but only a plan exists (or the reverse): say so, and what the other says
    if (result.kindFound === false && scope.kind && !composed.refused) {
      const place = `${scope.township ?? ""}${scope.years.length ? `${scope.years.join("、")}年` : ""}`;
      const lead =
        scope.kind === "总结"
          ? `现有文件中没有${place}的工作总结，无法确认实际完成情况。计划中写的是：`
          : `现有文件中没有${place}的工作计划，无法确认原定目标。总结中写的是：`;
      return done({ ...composed, answer: lead + composed.answer, refused: true, reason: "kind-missing", passages: result.passages });
    }
    // the model only rewrites answers the documents support; refusals stay refusals
    if (llm && !composed.refused) {
      const { by, ...checked } = await llm.answer(q, result.passages, composed);
      return { ...done({ ...checked, passages: result.passages }), answeredBy: by };
    }
    return done({ ...composed, passages: result.passages });
  }

  async function source(conversationId: string, n: number): Promise<Citation | null> {
    const last = [...(await conversations.get(conversationId))].reverse().find((t) => t.citations.length);
    return last?.citations.find((c) => c.n === n) ?? null;
  }

  const commitments = (f: CommitmentFilter) => filterCommitments(index.commitments, f);

  return { ask, source, commitments, index, retriever, conversations };
}

/** Open (or build) the index for the configured corpus and return the core with how it was opened. */
export async function createPlanQA(config: Config, log: Logger, deps: PlanQADeps = {}): Promise<{ qa: PlanQA; opened: OpenedIndex }> {
  const embeddings = deps.embeddings ?? createEmbeddings(config);
  const opened = await openIndex({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embeddings,
    log,
    ...(deps.loaders ? { loaders: deps.loaders } : {}),
    ...(deps.forceRebuild ? { force: true } : {}),
    ...(deps.onFile ? { onFile: deps.onFile } : {}),
    maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
  });
  const llm = config.ANSWERER === "llm" ? new LlmAnswerer({ model: deps.chatModel ?? createChatModel(config), timeoutMs: config.LLM_TIMEOUT_MS, log }) : null;
  return { qa: planQAFromIndex(opened.index, config, deps.answer, deps.conversations, llm), opened };
}
