import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { LlmAnswerer, createChatModel } from "./answer/llm.js";
import type { Commitment } from "./commitments/extract.js";
import { type CommitmentFilter, commitmentLine } from "./commitments/query.js";
import { interpret } from "./conversation/followup.js";
import { type ConversationStore, MemoryConversationStore } from "./conversation/store.js";
import { citationOf, composeAnswer, sourceLabel, refusalText, DEFAULT_ANSWER_OPTIONS, type AnswerOptions } from "./answer/extractive.js";
import { validateQuestion } from "./answer/validate.js";
import type { Config } from "./config.js";
import type { Answer, Citation, SourceDoc } from "./domain/types.js";
import type { LoaderRegistry } from "./ingest/loaders/registry.js";
import type { Logger } from "./log.js";
import { type QuestionScope, analyzeQuestion } from "./retrieve/question.js";
import type { HybridRetriever } from "./retrieve/hybrid.js";
import { LocalBackend, type QABackend } from "./retrieve/backend.js";
import { createEmbeddings, type PlanEmbeddings } from "./search/embeddings.js";
import { type SearchIndex, openIndex } from "./search/store.js";
import type { IngestSummary } from "./ingest/pipeline.js";
import { safeUrl } from "./errors.js";

export interface AskOptions {
  /** One chat, one WeChat user, one CLI session: follow-ups are read in its context. */
  conversationId?: string;
}

const COMMITMENT_QUESTION = /(量化目标|量化指标|承诺|有哪些目标|目标任务有哪些|指标有哪些|哪些量化|有哪些数字|定了哪些数)/;

/** The one core API every channel (CLI, Telegram, WeChat) calls. */
export interface PlanQA {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Quantified targets and results, filtered (the commitments table). */
  commitments(filter: CommitmentFilter): Promise<Commitment[]>;
  /** One page of them and how many match (chats list a page at a time). */
  commitmentPage(filter: CommitmentFilter, offset: number, limit: number): Promise<{ total: number; items: Commitment[] }>;
  /** Citation `n` of the last answer in a conversation (for /source N), or null. */
  source(conversationId: string, n: number): Promise<Citation | null>;
  /** Townships the corpus names. */
  townships(): string[];
  /** Documents in the index. */
  documents(): SourceDoc[];
  readonly conversations: ConversationStore;
  readonly backend: QABackend;
  close(): Promise<void>;
}

/** The core over a local index, with the index and retriever at hand (benchmarks, tests). */
export interface LocalPlanQA extends PlanQA {
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

type CoreConfig = Pick<Config, "TOP_K" | "HNSW_EF" | "MAX_QUESTION_CHARS" | "LEXICAL_WORKER">;

/** Build the core from a local index: retriever and answerer over it. */
export function planQAFromIndex(
  index: SearchIndex,
  config: CoreConfig,
  answerOptions: Partial<AnswerOptions> = {},
  conversations: ConversationStore = new MemoryConversationStore(),
  llm: LlmAnswerer | null = null,
  log?: Logger,
): LocalPlanQA {
  const backend = new LocalBackend(index, { k: config.TOP_K, ef: config.HNSW_EF, lexicalWorker: config.LEXICAL_WORKER }, (message) => log?.warn(message));
  return { ...planQAFromBackend(backend, config, answerOptions, conversations, llm), index, retriever: backend.retriever };
}

/** Build the core over any backend (local files or PostgreSQL). */
export function planQAFromBackend(
  backend: QABackend,
  config: CoreConfig,
  answerOptions: Partial<AnswerOptions> = {},
  conversations: ConversationStore = new MemoryConversationStore(),
  llm: LlmAnswerer | null = null,
): PlanQA {
  const opts = { ...DEFAULT_ANSWER_OPTIONS, ...answerOptions };

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    const invalid = validateQuestion(question, config.MAX_QUESTION_CHARS);
    if (invalid) {
      return { question, answer: invalid.message, refused: true, reason: "invalid-question", citations: [], passages: [], latencyMs: performance.now() - started, interpretedAs: null };
    }
    const id = options.conversationId;
    const history = id ? await conversations.get(id) : [];
    await backend.refresh?.();
    const reading = interpret(question, history, backend.townships());
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
    const scope = analyzeQuestion(q, backend.townships());
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
      const { total, items: shown } = await backend.commitmentPage({ township: scope.township, year: scope.years[0] ?? null, kind }, 0, 8);
      if (total) {
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
        const more = total > shown.length ? `\n（共${total}项，仅列前${shown.length}项；完整列表：npm run commitments${scope.township ? ` -- --township ${scope.township}` : ""}）` : "";
        return done({ answer: `${lines.join("\n")}${more}`, refused: false, reason: null, citations, passages: [] });
      }
    }
    if (scope.unknownTownship) {
      const { passages } = await backend.search(q, { ...scope, township: null, years: [] });
      const answer = refusalText("unknown-township", { township: scope.unknownTownship, known: backend.documents() });
      return done({ answer, refused: true, reason: "unknown-township", citations: [], passages });
    }
    const result = await backend.search(q, scope);
    if (result.eligible === 0) {
      // what the township's other years say (the whole corpus when no township was named)
      const { passages } = await backend.search(q, { ...scope, years: [] });
      const answer = refusalText("uncovered-year", { township: scope.township, years: scope.years, known: backend.documents() });
      return done({ answer, refused: true, reason: "uncovered-year", citations: [], passages });
    }
    const stats = await backend.termStats(q, result.passages);
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

  return {
    ask,
    source,
    commitments: (f) => backend.commitments(f),
    commitmentPage: (f, offset, limit) => backend.commitmentPage(f, offset, limit),
    townships: () => backend.townships(),
    documents: () => backend.documents(),
    conversations,
    backend,
    close: async () => {
      await backend.close?.();
    },
  };
}

/** What opening the index did, for `npm run ingest` and the logs: the same on both backends. */
export interface IndexReport extends IngestSummary {
  backend: "local" | "postgres";
  /** Where the index lives (a folder, or the database without its password). */
  where: string;
}

/**
 * Open the index for the configured corpus and return the core. Local: load the index folder, or
 * build it (incrementally) when the corpus changed. Postgres: migrate, ingest when asked (or when
 * the database holds no index yet), then search the database.
 */
export async function createPlanQA(config: Config, log: Logger, deps: PlanQADeps & { ingest?: boolean } = {}): Promise<{ qa: PlanQA; report: IndexReport }> {
  const embeddings = deps.embeddings ?? createEmbeddings(config);
  const llm = config.ANSWERER === "llm" ? new LlmAnswerer({ model: deps.chatModel ?? createChatModel(config), timeoutMs: config.LLM_TIMEOUT_MS, log }) : null;
  const ingestOpts = {
    ...(deps.loaders ? { loaders: deps.loaders } : {}),
    ...(deps.forceRebuild ? { force: true } : {}),
    ...(deps.onFile ? { onFile: deps.onFile } : {}),
    maxFileBytes: config.MAX_FILE_MB * 1024 * 1024,
  };
  if (config.INDEX_BACKEND === "postgres") {
    const { connectPostgres, migrate } = await import("./pg/db.js");
    const { ingestToPostgres, readMeta } = await import("./pg/ingest.js");
    const { PgBackend } = await import("./pg/backend.js");
    const pool = await connectPostgres(config.DATABASE_URL!, { poolSize: config.PG_POOL_SIZE, log });
    try {
      await migrate(pool, log);
      const empty = !(await readMeta(pool));
      let report: IndexReport | null = null;
      if (deps.ingest || deps.forceRebuild || empty) {
        if (empty && !deps.ingest) log.info(`building the index in ${safeUrl(config.DATABASE_URL!)}: no index yet`);
        const r = await ingestToPostgres(pool, { corpusDir: config.CORPUS_DIR, embeddings, log, ...ingestOpts });
        report = { backend: "postgres", where: safeUrl(config.DATABASE_URL!), ...r };
      }
      const backend = await PgBackend.open(pool, embeddings, log, { k: config.TOP_K });
      report ??= {
        backend: "postgres",
        where: safeUrl(config.DATABASE_URL!),
        status: "loaded",
        reason: null,
        docs: backend.documents(),
        chunkCounts: new Map(),
        chunkTotal: 0,
        skipped: [],
        reused: [],
      };
      return { qa: planQAFromBackend(backend, config, deps.answer, deps.conversations, llm), report };
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  }
  const opened = await openIndex({ corpusDir: config.CORPUS_DIR, indexDir: config.INDEX_DIR, embeddings, log, ...ingestOpts });
  const counts = new Map<string, number>();
  for (const c of opened.index.chunks) counts.set(c.docId, (counts.get(c.docId) ?? 0) + 1);
  const report: IndexReport = {
    backend: "local",
    where: config.INDEX_DIR,
    status: opened.status,
    reason: opened.reason,
    docs: opened.index.docs,
    chunkCounts: counts,
    chunkTotal: opened.index.chunks.length,
    skipped: opened.skipped,
    reused: opened.reused,
  };
  return { qa: planQAFromIndex(opened.index, config, deps.answer, deps.conversations, llm, log), report };
}
