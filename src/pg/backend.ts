import type { Commitment } from "../commitments/extract.js";
import { type CommitmentFilter, filterCommitments } from "../commitments/query.js";
import {
  type Chunk,
  type DocKind,
  listKey,
  type Passage,
  type QuestionScope,
  type SourceDoc,
  type TermStats,
} from "../domain/types.js";
import { townshipStem } from "../domain/zh.js";
import { ServiceError } from "../errors.js";
import type { Logger } from "../log.js";
import { groupListItems, type QABackend } from "../retrieve/backend.js";
import {
  DEFAULT_RETRIEVER_OPTIONS,
  fuse,
  lexicalQuery,
  type RetrievalResult,
  type RetrieverOptions,
  vectorWeightFor,
} from "../retrieve/hybrid.js";
import { expansions } from "../retrieve/thesaurus.js";
import type { PlanEmbeddings } from "../search/embeddings.js";
import { addWords, lookupKeys, TOKENIZER_ID } from "../search/tokenize.js";
import { type Pool, vectorLiteral } from "./db.js";
import { readMeta } from "./ingest.js";

/** Commitments by year, kind and township (`townshipMatcher`: the name, or rows starting with its stem). */
const COMMITMENTS_FROM = `FROM commitments c JOIN documents d ON d.doc_id = c.doc_id
  WHERE ($1::int IS NULL OR c.year = $1) AND ($2::text IS NULL OR c.kind = $2)
    AND ($3::text IS NULL OR c.township = $3 OR starts_with(c.township, $4::text))`;

function commitmentParams(f: CommitmentFilter): unknown[] {
  const stem = f.township ? townshipStem(f.township) : "";
  // an empty stem matches every row (as townshipMatcher does)
  return [f.year ?? null, f.kind ?? null, stem ? f.township : null, stem];
}

const K1 = 1.2;
const B = 0.75;

interface ChunkRow {
  cid: string;
  id: string;
  doc_id: string;
  ord: number;
  title: string;
  township: string | null;
  years: number[];
  kinds: DocKind[];
  section_path: string[];
  text: string;
  span_start: number;
  span_end: number;
  is_row: boolean;
}

const CHUNK_COLUMNS =
  "cid, id, doc_id, ord, title, township, years, kinds, section_path, text, span_start, span_end, is_row";

function toChunk(r: ChunkRow): Chunk {
  const c: Chunk = {
    id: r.id,
    docId: r.doc_id,
    title: r.title,
    township: r.township,
    years: r.years,
    kinds: r.kinds,
    sectionPath: r.section_path,
    text: r.text,
    span: [r.span_start, r.span_end],
    ord: r.ord,
  };
  if (r.is_row) c.isRow = true;
  return c;
}

/** A WHERE clause built up with numbered parameters. */
class Where {
  readonly conds: string[] = [];
  readonly params: unknown[] = [];
  constructor(private readonly offset = 0) {}
  add(sql: (p: string) => string, value: unknown): this {
    this.params.push(value);
    this.conds.push(sql(`$${this.offset + this.params.length}`));
    return this;
  }
  with(sql: (p: string) => string, value: unknown): Where {
    const w = new Where(this.offset);
    w.conds.push(...this.conds);
    w.params.push(...this.params);
    return w.add(sql, value);
  }
  sql(alias = ""): string {
    return this.conds.length
      ? this.conds.map((c) => (alias ? c.replace(/\bcol\./g, `${alias}.`) : c.replace(/\bcol\./g, ""))).join(" AND ")
      : "TRUE";
  }
}

/**
 * The index in PostgreSQL + pgvector, behind the same interface as the local one: the same
 * scoping rules (township, then the year the chunk is about — or, when none is, mentions — then
 * 总结 or 计划 when the question says and there are any), BM25 with the same parameters over the
 * same tokens (a postings table), cosine kNN over an HNSW index, and the same fusion.
 */
/** A chunk of a text that is not a plan, review or 要点 (news, notices, guides…). */
const NOT_PLAN = `NOT (col.kinds && ARRAY['计划','总结','要点']::text[])`;

export class PgBackend implements QABackend {
  readonly kind = "postgres" as const;
  private readonly opts: RetrieverOptions;
  private docs: SourceDoc[] = [];
  private towns: string[] = [];
  private version = -1;
  private checkedAt = 0;

  private constructor(
    private readonly pool: Pool,
    private readonly embeddings: PlanEmbeddings,
    private readonly log: Logger,
    options: Partial<RetrieverOptions>,
  ) {
    this.opts = { ...DEFAULT_RETRIEVER_OPTIONS, vectorWeight: vectorWeightFor(embeddings.id), ...options };
  }

  /** Open over a migrated database; fails with one line when nothing was ingested yet. */
  static async open(
    pool: Pool,
    embeddings: PlanEmbeddings,
    log: Logger,
    options: Partial<RetrieverOptions> = {},
  ): Promise<PgBackend> {
    const b = new PgBackend(pool, embeddings, log, options);
    await b.reload();
    return b;
  }

  /** Documents, townships and the embedder's fitted state as the database has them now. */
  private async reload(): Promise<void> {
    const meta = await readMeta(this.pool);
    if (!meta)
      throw new ServiceError(
        "postgres",
        "the database holds no index yet: run `npm run ingest` with INDEX_BACKEND=postgres first",
      );
    if (meta.embedder.id !== this.embeddings.id) {
      throw new ServiceError(
        "postgres",
        `the index in the database was built with ${meta.embedder.id}, this process embeds with ${this.embeddings.id}: run \`npm run ingest\``,
      );
    }
    if (meta.tokenizer !== TOKENIZER_ID)
      throw new ServiceError(
        "postgres",
        "the index in the database was built with another tokenizer: run `npm run ingest`",
      );
    if (meta.embedderState !== null) this.embeddings.importState?.(meta.embedderState);
    const [docs, stats] = await Promise.all([
      this.pool.query<{ doc: SourceDoc }>("SELECT doc FROM documents ORDER BY position, doc_id"),
      this.pool.query<{ version: string }>("SELECT version FROM corpus_stats WHERE id = 1"),
    ]);
    this.docs = docs.rows.map((r) => r.doc);
    this.towns = [...new Set(this.docs.map((d) => d.township).filter((t): t is string => !!t))];
    addWords(this.towns);
    this.version = Number(stats.rows[0]?.version ?? 0);
    this.checkedAt = Date.now();
  }

  /** Another process may have ingested: look at the version at most every 2 s. */
  async refresh(): Promise<void> {
    if (Date.now() - this.checkedAt < 2000) return;
    this.checkedAt = Date.now();
    const r = await this.pool.query<{ version: string }>("SELECT version FROM corpus_stats WHERE id = 1");
    if (Number(r.rows[0]?.version ?? 0) !== this.version) {
      this.log.info("postgres: the index changed, reloading documents");
      await this.reload();
    }
  }

  townships(): string[] {
    return this.towns;
  }

  documents(): SourceDoc[] {
    return this.docs;
  }

  private async count(where: Where): Promise<number> {
    const r = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM chunks WHERE ${where.sql()}`,
      where.params,
    );
    return Number(r.rows[0]!.n);
  }

  /** The same scoping as the local retriever, as SQL conditions (null: no filter). */
  // (kindFound below counts plan chunks of the kind only: others are let through, not found)
  private async scoped(
    scope: QuestionScope,
  ): Promise<{ where: Where | null; eligible: number | null; kindFound: boolean | null }> {
    let where: Where | null = scope.township ? new Where().add((p) => `col.township = ${p}`, scope.township) : null;
    if (scope.years.length) {
      const base = where ?? new Where();
      // texts that are not plans (news, notices) are not scoped by a year
      const about = base.with((p) => `(col.years && ${p}::int[] OR ${NOT_PLAN})`, scope.years);
      where = (await this.count(base.with((p) => `col.years && ${p}::int[]`, scope.years)))
        ? about
        : base.with((p) => `(col.mentions && ${p}::int[] OR ${NOT_PLAN})`, scope.years);
    }
    let kindFound: boolean | null = null;
    if (scope.kind) {
      const kinds = scope.kind === "总结" ? ["总结"] : ["计划", "要点"];
      const base = where ?? new Where();
      const ofKind = base.with((p) => `(col.kinds && ${p}::text[] OR ${NOT_PLAN})`, kinds);
      kindFound = false;
      const listed = where ? await this.count(where) : null;
      if ((await this.count(base.with((p) => `col.kinds && ${p}::text[]`, kinds))) && (listed === null || listed > 0)) {
        where = ofKind;
        kindFound = true;
      }
    }
    return { where, eligible: where ? await this.count(where) : null, kindFound };
  }

  async search(question: string, scope: QuestionScope): Promise<RetrievalResult> {
    const { where, eligible: scoped, kindFound } = await this.scoped(scope);
    const eligible =
      scoped ??
      Number((await this.pool.query<{ n: string }>("SELECT chunks AS n FROM corpus_stats WHERE id = 1")).rows[0]!.n);
    const expandedWith = expansions(question);
    if (!eligible) return { passages: [], scope, eligible, expandedWith, kindFound };
    const terms = lexicalQuery(question, expandedWith, this.opts.expansionWeight);
    const k = Math.min(this.opts.candidates, eligible);
    const filter = where ?? new Where();

    // BM25 (the local formula: idf = ln(1 + (N − df + ½)/(df + ½)), k1 1.2, b 0.75) over the postings
    const lexParams = [...filter.params, terms.map((t) => t.term), terms.map((t) => t.weight), this.opts.candidates];
    const n = filter.params.length;
    const lexical = terms.length
      ? (
          await this.pool.query<{ cid: string; score: number }>(
            `WITH st AS (SELECT chunks::float8 AS n, CASE WHEN chunks > 0 THEN total_len / chunks ELSE 1 END AS avgdl FROM corpus_stats WHERE id = 1),
             q AS (SELECT t.term, t.weight * ln(1 + (st.n - d.df + 0.5) / (d.df + 0.5)) AS w
                   FROM unnest($${n + 1}::text[], $${n + 2}::float8[]) AS t(term, weight) JOIN term_df d ON d.term = t.term, st WHERE t.weight > 0)
             SELECT p.cid, sum(q.w * p.tf * ${K1 + 1} / (p.tf + ${K1} * (1 - ${B} + ${B} * p.len / st.avgdl)))::float8 AS score
             FROM q JOIN postings p ON p.term = q.term ${where ? "JOIN chunks c ON c.cid = p.cid" : ""}, st
             ${where ? `WHERE ${filter.sql("c")}` : ""}
             GROUP BY p.cid ORDER BY score DESC, p.cid LIMIT $${n + 3}`,
            lexParams,
          )
        ).rows
      : [];

    const qv = await this.embeddings.embedQuery([question, ...expandedWith].join(" "));
    const vector = (
      await this.pool.query<{ cid: string; sim: number }>(
        `SELECT cid, (1 - (embedding <=> $${n + 1}::vector))::float8 AS sim FROM chunks WHERE ${filter.sql()} ORDER BY embedding <=> $${n + 1}::vector LIMIT $${n + 2}`,
        [...filter.params, vectorLiteral(qv), k],
      )
    ).rows;

    const fused = fuse(
      lexical.map((r) => ({ index: Number(r.cid), score: Number(r.score) })),
      vector.map((r) => ({ index: Number(r.cid), similarity: Number(r.sim) })),
      this.opts,
    );
    const rows = fused.length
      ? (
          await this.pool.query<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE cid = ANY($1::bigint[])`, [
            fused.map((f) => f.index),
          ])
        ).rows
      : [];
    const byCid = new Map(rows.map((r) => [Number(r.cid), toChunk(r)]));
    const passages = fused
      .filter((f) => byCid.has(f.index)) // a document replaced between the two queries
      .map(({ index, ...f }, r): Passage => ({ rank: r + 1, chunk: byCid.get(index)!, ...f }));
    return { passages, scope, eligible, expandedWith, kindFound };
  }

  async vocabulary(): Promise<Iterable<[string, number]>> {
    const { rows } = await this.pool.query<{ term: string; df: number }>(
      "SELECT term, df FROM term_df WHERE term !~ '^~' AND char_length(term) BETWEEN 2 AND 4",
    );
    return rows.map((r) => [r.term, Number(r.df)] as [string, number]);
  }

  async termStats(question: string, passages: Passage[]): Promise<TermStats> {
    // the keys composeAnswer looks up (the rules live beside the tokenizer, for both backends)
    const wanted = lookupKeys(question);
    const keys = new Set<string>();
    for (const p of passages) {
      keys.add(listKey(p.chunk.docId, p.chunk.sectionPath.slice(0, -1)));
      keys.add(listKey(p.chunk.docId, p.chunk.sectionPath));
    }
    const [df, st, items] = await Promise.all([
      this.pool.query<{ term: string; df: number }>("SELECT term, df FROM term_df WHERE term = ANY($1::text[])", [
        [...wanted],
      ]),
      this.pool.query<{ n: string }>("SELECT chunks AS n FROM corpus_stats WHERE id = 1"),
      keys.size
        ? this.pool.query<ChunkRow>(
            `SELECT ${CHUNK_COLUMNS} FROM chunks WHERE list_key = ANY($1::text[]) ORDER BY cid`,
            [[...keys]],
          )
        : Promise.resolve({ rows: [] as ChunkRow[] }),
    ]);
    const n = Number(st.rows[0]!.n);
    const dfs = new Map(df.rows.map((r) => [r.term, Number(r.df)]));
    const lists = groupListItems(items.rows.map(toChunk));
    return {
      idf: (t) => {
        const d = dfs.get(t);
        return d === undefined ? 0 : Math.log(1 + (n - d + 0.5) / (d + 0.5));
      },
      maxIdf: Math.log(1 + (n + 0.5) / 0.5),
      siblingsOf: (c) => lists.get(listKey(c.docId, c.sectionPath.slice(0, -1))) ?? [],
      childrenOf: (c) => lists.get(listKey(c.docId, c.sectionPath)) ?? [],
    };
  }

  async commitments(filter: CommitmentFilter): Promise<Commitment[]> {
    const r = await this.pool.query<{ body: Commitment }>(
      `SELECT c.body ${COMMITMENTS_FROM} ORDER BY d.position, c.id`,
      commitmentParams(filter),
    );
    return filterCommitments(
      r.rows.map((x) => x.body),
      filter,
    );
  }

  async commitmentPage(
    filter: CommitmentFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: Commitment[] }> {
    if (filter.topic) {
      const all = await this.commitments(filter); // the topic needs each row's text
      return { total: all.length, items: all.slice(offset, offset + limit) };
    }
    const params = commitmentParams(filter);
    const [count, page] = await Promise.all([
      this.pool.query<{ n: string }>(`SELECT count(*) AS n ${COMMITMENTS_FROM}`, params),
      this.pool.query<{ body: Commitment }>(
        `SELECT c.body ${COMMITMENTS_FROM} ORDER BY d.position, c.id LIMIT $5 OFFSET $6`,
        [...params, Number.isFinite(limit) ? limit : null, offset],
      ),
    ]);
    return { total: Number(count.rows[0]?.n ?? 0), items: page.rows.map((x) => x.body) };
  }

  async documentChunks(docId: string): Promise<Chunk[]> {
    const r = await this.pool.query<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE doc_id = $1 ORDER BY ord`, [
      docId,
    ]);
    return r.rows.map(toChunk);
  }

  async chunk(id: string): Promise<Chunk | undefined> {
    const r = await this.pool.query<ChunkRow>(`SELECT ${CHUNK_COLUMNS} FROM chunks WHERE id = $1`, [id]);
    return r.rows[0] ? toChunk(r.rows[0]) : undefined;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
