import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { QuestionScope } from "../domain/types.js";
import { type Chunk, isPlanKind, type Passage } from "../domain/types.js";
import { QUESTION_STOPWORDS } from "../domain/zh.js";
import type { WeightedTerm } from "../search/bm25.js";
import { inlineLexical, type LexicalSearcher, LexicalWorker } from "../search/lexical/client.js";
import { FilterMarks } from "../search/marks.js";
import type { Int8Rows } from "../search/simd/scan.js";
import { ScanShards, SPLIT_SCAN_FROM } from "../search/simd/shards.js";
import type { QuantizedMatrix, SearchIndex } from "../search/store.js";
import { lexicalTokens } from "../search/tokenize.js";
import { TopK } from "../search/topk.js";
import { analyzeQuestion } from "./question.js";
import { expansions } from "./thesaurus.js";

export interface RetrieverOptions {
  /** Passages returned. */
  k: number;
  /** Candidates taken from each side before fusion. */
  candidates: number;
  /** hnswlib search breadth (not persisted by hnswlib, so set on every load). */
  ef: number;
  /** Weight of the vector side in fusion; the lexical side gets 1 − vectorWeight. */
  vectorWeight: number;
  /** Weight of thesaurus expansions relative to the question's own terms. */
  expansionWeight: number;
  /**
   * Where BM25 runs: on this thread, or on a worker thread beside the vector search (the two
   * halves of a question then take the longer one's time, and a long BM25 walk over a province's
   * postings does not hold up other chats). `auto`: a worker from `lexicalWorkerFrom` chunks.
   */
  lexicalWorker: "auto" | "on" | "off";
  lexicalWorkerFrom: number;
  /**
   * From how many chunks every vector search is an exact int8 scan split across cores
   * (`ScanShards`) instead of a graph walk: unfiltered ones over every row, filtered ones too wide
   * for this thread over the filter's rows (see `SPLIT_SCAN_FROM` for the measurements). A saved
   * index that large is loaded without its graph.
   */
  shardedScanFrom: number;
}

export const DEFAULT_RETRIEVER_OPTIONS: RetrieverOptions = {
  k: 8,
  candidates: 50,
  ef: 1024,
  vectorWeight: 0.35,
  expansionWeight: 0.4,
  lexicalWorker: "auto",
  // measured: below ≈50k chunks a BM25 search takes well under a millisecond, about what the
  // hand-over to a worker costs
  lexicalWorkerFrom: 50_000,
  shardedScanFrom: SPLIT_SCAN_FROM,
};

export interface RetrievalResult {
  passages: Passage[];
  scope: QuestionScope;
  /** How many chunks the township/year filters left (all chunks when none applied). */
  eligible: number;
  expandedWith: string[];
  /** Whether chunks of the kind the question asks for (总结/计划) were found; null when it asks for none. */
  kindFound: boolean | null;
}

/** Sorted chunk indices, grouped by a key, built once per index. */
function groupIndices<K>(chunks: Chunk[], keys: (c: Chunk) => K[]): Map<K, Int32Array> {
  const lists = new Map<K, number[]>();
  chunks.forEach((c, i) => {
    const ks = keys(c);
    for (let j = 0; j < ks.length; j++) {
      const k = ks[j]!;
      if (ks.indexOf(k) !== j) continue; // once per chunk
      const l = lists.get(k);
      if (l) l.push(i);
      else lists.set(k, [i]);
    }
  });
  return new Map([...lists].map(([k, l]) => [k, Int32Array.from(l)]));
}

/** Years a text mentions as "20xx年" (a scan for 年, cheaper than a regex over every chunk at load). */
export function yearsMentioned(c: Chunk): number[] {
  const out: number[] = [];
  const t = c.text;
  for (let at = t.indexOf("年", 4); at !== -1; at = t.indexOf("年", at + 1)) {
    const y = t.charCodeAt(at - 4) === 50 && t.charCodeAt(at - 3) === 48 ? Number(t.slice(at - 4, at)) : NaN;
    if (y >= 2000 && y <= 2049 && !(t.charCodeAt(at - 5) >= 48 && t.charCodeAt(at - 5) <= 57)) out.push(y);
  }
  return out;
}

/** Union of sorted index lists, sorted. */
function union(lists: Array<Int32Array | undefined>): Int32Array {
  const present = lists.filter((l): l is Int32Array => !!l);
  if (present.length <= 1) return present[0] ?? new Int32Array(0);
  return Int32Array.from(new Set(present.flatMap((l) => Array.from(l)))).sort();
}

/** Intersection of two sorted index lists by merging (no sets, no per-element allocation). */
function intersect(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/**
 * Hybrid retrieval: BM25 over jieba words + character bigrams and cosine kNN over the embedder's
 * vectors, both restricted to the question's township/year scope (and to 总结 or 计划 chunks when
 * the question says which, if there are any), fused as a weighted sum of max-normalised scores.
 * It is also a LangChain retriever (`invoke(question)` → Documents) for chains that want one.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["plan_qa", "retrievers", "hybrid"];
  private readonly opts: RetrieverOptions;
  readonly townships: string[];

  private readonly byTownship: Map<string | null, Int32Array>;
  private readonly aboutYear: Map<number, Int32Array>;
  /** Built on first use: only questions whose year no chunk is about need it. */
  private mentionsYearLists: Map<number, Int32Array> | null = null;
  private readonly plans: Int32Array;
  private readonly reviews: Int32Array;
  /** Chunks of texts that are not plans (news, notices…): years and plan-vs-result do not scope them. */
  private readonly others: Int32Array;
  /** Membership tests for the scope lists (use each before any await). */
  private readonly filters: FilterMarks;
  readonly lexical: LexicalSearcher;
  /** The exact scan split across cores: every vector search of a province-sized index (or of one loaded without its graph). */
  readonly shards: ScanShards | null;

  constructor(
    private readonly index: SearchIndex,
    options: Partial<RetrieverOptions> = {},
    onWorkerFailure: (message: string) => void = () => {},
  ) {
    super({});
    this.opts = { ...DEFAULT_RETRIEVER_OPTIONS, vectorWeight: vectorWeightFor(index.embeddings.id), ...options };
    const { lexicalWorker: w, lexicalWorkerFrom } = this.opts;
    this.lexical =
      w === "on" || (w === "auto" && index.chunks.length >= lexicalWorkerFrom)
        ? new LexicalWorker(index.bm25, onWorkerFailure)
        : inlineLexical(index.bm25);
    this.townships = [...new Set(index.docs.map((d) => d.township).filter((t): t is string => !!t))];
    index.vectors?.index.setEf(this.opts.ef);
    const rows = index.matrix?.topK ? (index.matrix as Int8Rows) : null;
    this.shards =
      rows && (index.chunks.length >= this.opts.shardedScanFrom || !index.vectors)
        ? new ScanShards(rows, undefined, onWorkerFailure)
        : null;
    const chunks = index.chunks;
    this.byTownship = groupIndices(chunks, (c) => [c.township]);
    this.aboutYear = groupIndices(chunks, (c) => c.years);
    const ofKind = (test: (c: Chunk) => boolean) => {
      const out: number[] = [];
      for (let i = 0; i < chunks.length; i++) if (test(chunks[i]!)) out.push(i);
      return Int32Array.from(out);
    };
    this.plans = ofKind((c) => c.kinds.some((k) => k === "计划" || k === "要点"));
    this.reviews = ofKind((c) => c.kinds.includes("总结"));
    this.others = ofKind((c) => !c.kinds.some(isPlanKind));
    this.filters = new FilterMarks(chunks.length);
    // the year-mention lists cost ≈20 ms per 100k chunks: build them once the process is idle
    // rather than inside the first question that needs them
    setImmediate(() => this.mentionsYear()).unref();
  }

  private mentionsYear(): Map<number, Int32Array> {
    return (this.mentionsYearLists ??= groupIndices(this.index.chunks, yearsMentioned));
  }

  /**
   * The chunks a scope allows, or null for all: the named township's; of those, the ones *about*
   * the named year (document or section) — or, when none is, the ones that mention it; of those,
   * the ones of the kind asked (总结, or 计划/要点) when there are any.
   */
  private scoped(scope: QuestionScope): { list: Int32Array | null; kindFound: boolean | null } {
    let list: Int32Array | null = scope.township ? (this.byTownship.get(scope.township) ?? new Int32Array(0)) : null;
    const within = (l: Int32Array): Int32Array => (list ? intersect(list, l) : l);
    const others = this.others.length ? within(this.others) : null;
    if (scope.years.length) {
      const about = within(union(scope.years.map((y) => this.aboutYear.get(y))));
      if (about.length) list = about;
      else {
        const mentions = this.mentionsYear();
        list = within(union(scope.years.map((y) => mentions.get(y))));
      }
    }
    let kindFound: boolean | null = null;
    if (scope.kind) {
      const ofKind = within(scope.kind === "总结" ? this.reviews : this.plans);
      kindFound = false;
      if (ofKind.length && (!list || list.length)) {
        list = ofKind;
        kindFound = true;
      }
    }
    // a news report or a notice is not scoped by a year or by plan-vs-result: "2023年8月16日" in a
    // question is a date in the story
    if (list && others?.length && (scope.years.length || scope.kind)) list = union([list, others]);
    return { list, kindFound };
  }

  /** Lexical query: the question's tokens (question words dropped) plus weighted expansions. */
  lexicalQuery(question: string, extra: string[]): WeightedTerm[] {
    return lexicalQuery(question, extra, this.opts.expansionWeight);
  }

  async search(
    question: string,
    scope: QuestionScope = analyzeQuestion(question, this.townships),
  ): Promise<RetrievalResult> {
    const { chunks, vectors, matrix, embeddings } = this.index;
    const { list, kindFound } = this.scoped(scope);
    const eligible = list ? list.length : chunks.length;
    const expandedWith = expansions(question);
    if (!eligible) return { passages: [], scope, eligible, expandedWith, kindFound };

    // BM25 starts first: on a worker it runs while this thread does the vector side
    const lexicalSearch = this.lexical.search(
      this.lexicalQuery(question, expandedWith),
      this.opts.candidates,
      list ? this.filters.allow(list) : undefined,
      list,
    );
    let vector: Array<{ index: number; similarity: number }> = [];
    if (vectors || this.shards) {
      const q = await embeddings.embedQuery([question, ...expandedWith].join(" "));
      const k = Math.min(this.opts.candidates, eligible);
      if (list && matrix && scanBeatsGraph(list.length, chunks.length, !!matrix.topK)) {
        vector = exactSearch(matrix, q, k, list);
      } else if (this.shards) {
        vector = await this.shards.search(q, k, list ?? undefined);
      } else if (vectors) {
        // marked again after the await above: another question may have marked its own chunks since
        const hits = vectors.index.searchKnn(q, k, list ? this.filters.allow(list) : undefined);
        vector = hits.neighbors.map((index, r) => ({ index, similarity: 1 - hits.distances[r]! }));
      }
    }

    const lexical = await lexicalSearch;
    const passages = fuse(lexical, vector, this.opts).map(
      ({ index: i, ...p }, r): Passage => ({ rank: r + 1, chunk: chunks[i]!, ...p }),
    );
    return { passages, scope, eligible, expandedWith, kindFound };
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { passages } = await this.search(query);
    return passages.map(
      (p) =>
        new Document({
          pageContent: p.chunk.text,
          metadata: {
            id: p.chunk.id,
            docId: p.chunk.docId,
            title: p.chunk.title,
            sectionPath: p.chunk.sectionPath,
            span: p.chunk.span,
            score: p.score,
          },
        }),
    );
  }
}

/**
 * Whether an exact scan of a filter's `rows` (out of `total`) is cheaper than a filtered graph
 * walk. Measured at 110k chunks (256-d, ef 1024): the WebAssembly SIMD scan costs ≈0.03 µs a
 * row; the walk costs ≈3 ms unfiltered and grows as 1/selectivity, since its filter rejects
 * most of what it visits (≈20–26 ms at 10 %, 84 ms at 2 %). So scan when
 * 0.03e-3·rows ≤ 3·total/rows, i.e. rows² ≤ 10⁵·total: up to ≈105k rows at 110k, ≈316k rows
 * at 1M. The scalar scan is ≈15× slower, so without SIMD the cut is 15 % of the chunks.
 */
export function scanBeatsGraph(rows: number, total: number, simd: boolean): boolean {
  return simd ? rows * rows <= 1e5 * total : rows <= Math.max(2000, total * 0.15);
}

/** Lexical query: a question's tokens (question words dropped) plus weighted expansions. */
export function lexicalQuery(question: string, extra: string[], expansionWeight: number): WeightedTerm[] {
  const weights = new Map<string, number>();
  const add = (text: string, w: number) => {
    for (const t of lexicalTokens(text)) {
      if (QUESTION_STOPWORDS.has(t) || QUESTION_STOPWORDS.has(t.replace(/^~/, ""))) continue;
      weights.set(t, Math.max(weights.get(t) ?? 0, w));
    }
  };
  add(question, 1);
  for (const e of extra) add(e, expansionWeight);
  return [...weights].map(([term, weight]) => ({ term, weight }));
}

/**
 * The vector side's weight for an embedder. The model-free default (hashed character 1–3-grams
 * under tf-idf) is lexical evidence again, a coarser copy of BM25's: 0.25. Measured end to end
 * (eval hit@1; answers the same on every plan set), 0.35 → 0.25: CRUD-RAG 0.784 → 0.791 (BM25
 * alone 0.791), plan dev and holdout unchanged, residents 0.945 both, confusable 0.980 → 0.971 and
 * its holdout 1.000 → 0.978 (one question each). A neural embedder sees meaning BM25 cannot and
 * keeps 0.35.
 */
export function vectorWeightFor(embedderId: string): number {
  return embedderId.startsWith("hashed-") ? 0.25 : DEFAULT_RETRIEVER_OPTIONS.vectorWeight;
}

/**
 * Convex combination of max-normalised scores: unlike reciprocal-rank fusion it keeps a strong
 * lexical match that the vector side ranks low (and vice versa) near the top. Candidates are
 * numbered (`index`: chunk position locally, row id in PostgreSQL); ties go to the lower number.
 */
export function fuse(
  lexical: Array<{ index: number; score: number }>,
  vector: Array<{ index: number; similarity: number }>,
  opts: Pick<RetrieverOptions, "k" | "vectorWeight">,
): Array<{ index: number; score: number; lexical: number | null; vector: number | null }> {
  const fused = new Map<number, { score: number; lexical: number | null; vector: number | null }>();
  const entry = (i: number) => {
    let e = fused.get(i);
    if (!e) fused.set(i, (e = { score: 0, lexical: null, vector: null }));
    return e;
  };
  const maxLex = lexical.reduce((m, h) => Math.max(m, h.score), 0) || 1;
  for (const h of lexical) {
    const e = entry(h.index);
    e.lexical = h.score;
    e.score += (1 - opts.vectorWeight) * (h.score / maxLex);
  }
  let maxSim = 1e-9;
  let minSim = 0;
  for (const h of vector) {
    maxSim = Math.max(maxSim, h.similarity);
    minSim = Math.min(minSim, h.similarity);
  }
  // the vector side weighs in only where it agrees with the lexical side: at least 3 of its top 10
  // are in BM25's top 10. Measured with the hashed embedder, the share of questions that reach it:
  // CRUD-RAG news 0.15, the plan sets 0.67–0.99; below it the vector candidates are mostly others',
  // and a half weight there (0.1–0.3 agreement) cost CRUD-RAG one hit@1 in 139 against BM25 alone
  const top = (xs: Array<{ index: number }>) => new Set(xs.slice(0, 10).map((x) => x.index));
  const lexTop = top([...lexical].sort((a, b) => b.score - a.score));
  const vecTop = [...top([...vector].sort((a, b) => b.similarity - a.similarity))];
  const agreement = vecTop.length ? vecTop.filter((i) => lexTop.has(i)).length / vecTop.length : 0;
  // a step, so that an approximate vector search (pgvector's HNSW) that swaps one neighbour gives
  // the same weight as the exact scan
  const weight = agreement >= 0.3 ? opts.vectorWeight : 0;
  for (const h of vector) {
    const e = entry(h.index);
    e.vector = h.similarity;
    e.score += weight * ((h.similarity - minSim) / (maxSim - minSim || 1));
  }
  return [...fused]
    .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
    .slice(0, opts.k)
    .map(([index, e]) => ({ index, ...e }));
}

/** Exact cosine top-k over some rows (all when `rows` is absent) of a row-quantised matrix. */
export function exactSearch(
  matrix: QuantizedMatrix,
  query: number[],
  k: number,
  rows?: Int32Array,
): Array<{ index: number; similarity: number }> {
  if (matrix.topK) return matrix.topK(query, k, rows);
  return scalarExactSearch(matrix, query, k, rows);
}

/** The same scan in plain JavaScript (float rows, or int8 rows outside WebAssembly memory). */
export function scalarExactSearch(
  matrix: QuantizedMatrix,
  query: number[],
  k: number,
  rows?: Int32Array,
): Array<{ index: number; similarity: number }> {
  const { dim, data, scales } = matrix;
  let norm = 0;
  for (const x of query) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  const q = Float64Array.from(query, (x) => x / norm);
  const top = new TopK(k);
  const n = rows ? rows.length : data.length / dim;
  const unrolled = dim - (dim % 8);
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r]! : r;
    const base = i * dim;
    // eight independent sums: the loop is bound by loads, not by one long dependency chain
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0,
      s4 = 0,
      s5 = 0,
      s6 = 0,
      s7 = 0;
    let d = 0;
    for (; d < unrolled; d += 8) {
      const o = base + d;
      s0 += data[o]! * q[d]!;
      s1 += data[o + 1]! * q[d + 1]!;
      s2 += data[o + 2]! * q[d + 2]!;
      s3 += data[o + 3]! * q[d + 3]!;
      s4 += data[o + 4]! * q[d + 4]!;
      s5 += data[o + 5]! * q[d + 5]!;
      s6 += data[o + 6]! * q[d + 6]!;
      s7 += data[o + 7]! * q[d + 7]!;
    }
    let dot = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    for (; d < dim; d++) dot += data[base + d]! * q[d]!;
    if (scales) dot /= scales[i]!;
    if (dot > top.floor) top.push(i, dot);
  }
  return top.result().map(({ index, score }) => ({ index, similarity: score }));
}
