import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type AnswerOptions, DEFAULT_ANSWER_OPTIONS, sourceLabel } from "./answer/extractive.js";
import type { LlmAnswerer } from "./answer/llm.js";
import { respond } from "./answer/respond.js";
import { validateQuestion } from "./answer/validate.js";
import type { Commitment } from "./commitments/extract.js";
import type { CommitmentFilter } from "./commitments/query.js";
import type { Config } from "./config.js";
import { interpret } from "./conversation/followup.js";
import { type ConversationStore, MemoryConversationStore } from "./conversation/store.js";
import { type Answer, type Citation, isPlanKind, type SourceDoc } from "./domain/types.js";
import { safeUrl } from "./errors.js";
import type { LoaderRegistry } from "./ingest/loaders/registry.js";
import type { IngestSummary } from "./ingest/pipeline.js";
import type { Logger } from "./log.js";
import { LocalBackend, type QABackend } from "./retrieve/backend.js";
import type { HybridRetriever } from "./retrieve/hybrid.js";
import { analyzeQuestion } from "./retrieve/question.js";
import { PinyinVocabulary, type Reading, readQuestion } from "./retrieve/reading.js";
import { createEmbeddings, type PlanEmbeddings } from "./search/embeddings.js";
import { openIndex, type SearchIndex } from "./search/store.js";

export interface AskOptions {
  /** One chat, one WeChat user, one CLI session: follow-ups are read in its context. */
  conversationId?: string;
  /** The date 今年/去年/最新 are read against (default: the configured clock). */
  today?: Date;
}

/** The one core API every channel (CLI, Telegram, WeChat) calls. */
export interface PlanQA {
  ask(question: string, options?: AskOptions): Promise<Answer>;
  /** Quantified targets and results, filtered (the commitments table). */
  commitments(filter: CommitmentFilter): Promise<Commitment[]>;
  /** One page of them and how many match (chats list a page at a time). */
  commitmentPage(
    filter: CommitmentFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: Commitment[] }>;
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

type CoreConfig = Pick<Config, "TOP_K" | "HNSW_EF" | "MAX_QUESTION_CHARS" | "LEXICAL_WORKER"> &
  Partial<Pick<Config, "TODAY" | "LLM_REWRITE" | "CORPUS_NOUN">>;

/** Build the core from a local index: retriever and answerer over it. */
export function planQAFromIndex(
  index: SearchIndex,
  config: CoreConfig,
  answerOptions: Partial<AnswerOptions> = {},
  conversations: ConversationStore = new MemoryConversationStore(),
  llm: LlmAnswerer | null = null,
  log?: Logger,
): LocalPlanQA {
  const backend = new LocalBackend(
    index,
    { k: config.TOP_K, ef: config.HNSW_EF, lexicalWorker: config.LEXICAL_WORKER },
    (message) => log?.warn(message),
  );
  return {
    ...planQAFromBackend(backend, config, answerOptions, conversations, llm),
    index,
    retriever: backend.retriever,
  };
}

/**
 * A report's sentences run longer than a plan's items (a 500-character news chunk holds five to ten,
 * a plan's one to three): answers from a library of reports may run to 260 characters. Measured on
 * CRUD-RAG: answer_contains 0.741 at 200, 0.755 at 260, no further gain at 320.
 */
const NEWS_MAX_CHARS = 260;

/** Build the core over any backend (local files or PostgreSQL). */
export function planQAFromBackend(
  backend: QABackend,
  config: CoreConfig,
  answerOptions: Partial<AnswerOptions> = {},
  conversations: ConversationStore = new MemoryConversationStore(),
  llm: LlmAnswerer | null = null,
): PlanQA {
  const opts = { ...DEFAULT_ANSWER_OPTIONS, ...answerOptions };
  // what answers call the library, and where refusals send the reader: by the documents it holds
  // unless CORPUS_NOUN says (a library of news is not "规划文件", and no township office answers for it)
  const described = new WeakMap<object, AnswerOptions>();
  const optionsNow = (): AnswerOptions => {
    const docs = backend.documents();
    let o = described.get(docs);
    if (!o) {
      const plans = docs.filter((d) => d.kinds.some(isPlanKind)).length;
      const planLibrary = !docs.length || plans * 2 >= docs.length;
      const noun =
        config.CORPUS_NOUN && config.CORPUS_NOUN !== "auto"
          ? config.CORPUS_NOUN
          : planLibrary
            ? DEFAULT_ANSWER_OPTIONS.corpusNoun
            : "资料";
      o = {
        ...opts,
        corpusNoun: answerOptions.corpusNoun ?? noun,
        office: answerOptions.office ?? (planLibrary ? DEFAULT_ANSWER_OPTIONS.office : ""),
        eventLibrary: answerOptions.eventLibrary ?? !planLibrary,
        maxChars: answerOptions.maxChars ?? (planLibrary ? opts.maxChars : NEWS_MAX_CHARS),
      };
      described.set(docs, o);
    }
    return o;
  };
  const clock = (): Date => (config.TODAY ? new Date(`${config.TODAY}T12:00:00`) : new Date());
  /**
   * In a library of events a word the corpus lacks is as often a name or a term (核显, 帮信案) or plain speech
   * (早装好 of "我手机上早装好的") as a typo (家息, 雷挺洁): a correction by sound stands only where the passages the
   * question finds as the reader typed it say the word it was corrected to (the story meant says 加息, never 枣庄).
   */
  const confirmedBySound = async (reading: Reading): Promise<Reading> => {
    const guessed = reading.corrections.filter((c) => c.why === "pinyin");
    if (!guessed.length || !optionsNow().eventLibrary) return reading;
    let typed = reading.text;
    for (const c of guessed) typed = typed.replace(c.to, c.from);
    const { passages } = await backend.search(typed, analyzeQuestion(typed, backend.townships()));
    const said = passages
      .slice(0, optionsNow().passagesConsidered)
      .map((p) => p.chunk.text)
      .join("\n");
    const wrong = guessed.filter((c) => !said.includes(c.to));
    if (!wrong.length) return reading;
    let text = reading.text;
    for (const c of wrong) text = text.replace(c.to, c.from);
    return { ...reading, text, corrections: reading.corrections.filter((c) => !wrong.includes(c)) };
  };

  // the corpus vocabulary by sound, for typos and pinyin initials: built on first use, rebuilt after a refresh
  let vocab: { built: Promise<PinyinVocabulary | null>; docs: SourceDoc[] } | null = null;
  const vocabulary = (): Promise<PinyinVocabulary | null> => {
    const docs = backend.documents();
    if (!vocab || vocab.docs !== docs) {
      const built = backend
        .vocabulary()
        .then((words) => PinyinVocabulary.build(words))
        .catch(() => null);
      vocab = { built, docs };
    }
    return vocab.built;
  };
  setImmediate(() => void vocabulary()).unref?.();

  async function ask(question: string, options: AskOptions = {}): Promise<Answer> {
    const started = performance.now();
    const invalid = validateQuestion(question, config.MAX_QUESTION_CHARS);
    if (invalid) {
      return {
        question,
        answer: invalid.message,
        refused: true,
        reason: "invalid-question",
        citations: [],
        passages: [],
        latencyMs: performance.now() - started,
        interpretedAs: null,
      };
    }
    const id = options.conversationId;
    const history = id ? await conversations.get(id) : [];
    await backend.refresh?.();
    const reading = await confirmedBySound(
      readQuestion(question, { today: options.today ?? clock(), vocabulary: await vocabulary() }),
    );
    const followup = interpret(reading.text, history, backend.townships());
    if (followup.kind === "citation") {
      const last = [...history].reverse().find((t) => t.citations.length);
      const c = last?.citations.find((x) => x.n === followup.n);
      const answer = c
        ? `[${c.n}] 出处：${sourceLabel(c)}\n原文：“${c.text}”`
        : last
          ? `上一条回答只有 ${last.citations.length} 个出处（[1]–[${last.citations.length}]），没有第 ${followup.n} 条。`
          : "还没有可以查看出处的回答，请先提一个问题。";
      return {
        question,
        answer,
        refused: !c,
        reason: c ? null : "no-evidence",
        citations: c ? [c] : [],
        passages: [],
        latencyMs: performance.now() - started,
        interpretedAs: null,
      };
    }
    const q = followup.question;
    const rewrites =
      llm && config.LLM_REWRITE
        ? await llm.rewrite(
            q,
            history.map((t) => t.question),
            backend.townships(),
          )
        : [];
    const {
      about: _about,
      readAs,
      ...reply
    } = await respond(q, reading, { backend, options: optionsNow(), llm }, rewrites);
    const understood = readAs ?? (followup.rewrittenFrom || reading.corrections.length ? q : null);
    const result: Answer = { ...reply, question, latencyMs: performance.now() - started, interpretedAs: understood };
    if (id)
      await conversations.push(id, {
        question: q,
        scope: analyzeQuestion(q, backend.townships()),
        citations: result.citations,
        refused: result.refused,
        at: Date.now(),
      });
    return result;
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
export async function createPlanQA(
  config: Config,
  log: Logger,
  deps: PlanQADeps & { ingest?: boolean } = {},
): Promise<{ qa: PlanQA; report: IndexReport }> {
  const embeddings = deps.embeddings ?? createEmbeddings(config);
  // the model client (LangChain's OpenAI package, ≈0.4 s to load) only when a model is configured
  let llm: LlmAnswerer | null = null;
  if (config.ANSWERER === "llm") {
    const { LlmAnswerer, createChatModel } = await import("./answer/llm.js");
    llm = new LlmAnswerer({ model: deps.chatModel ?? createChatModel(config), timeoutMs: config.LLM_TIMEOUT_MS, log });
  }
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
    const pool = await connectPostgres(config.DATABASE_URL!, {
      poolSize: config.PG_POOL_SIZE,
      log,
      connectTimeoutS: config.DB_CONNECT_TIMEOUT_S,
    });
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
  const opened = await openIndex({
    corpusDir: config.CORPUS_DIR,
    indexDir: config.INDEX_DIR,
    embeddings,
    log,
    ...ingestOpts,
  });
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
