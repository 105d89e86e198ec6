import type { Commitment } from "../commitments/extract.js";
import type { CommitmentFilter } from "../commitments/query.js";
import { CommitmentTable } from "../commitments/table.js";
import {
  type Chunk,
  listKey,
  type Passage,
  type QuestionScope,
  type SourceDoc,
  type TermStats,
} from "../domain/types.js";
import { ITEM_MARKER } from "../domain/zh.js";
import type { SearchIndex } from "../search/store.js";
import { HybridRetriever, type RetrievalResult, type RetrieverOptions } from "./hybrid.js";

/**
 * What the answer code needs from wherever the index lives. The local backend (files, hnswlib,
 * in-memory BM25) and the PostgreSQL backend (pgvector, postings table) both implement it, so
 * scoping, fusion, answers, refusals and citations are the same code on both.
 */
export interface QABackend {
  readonly kind: "local" | "postgres";
  /** Townships the corpus names (for reading questions). */
  townships(): string[];
  /** The documents in the index (for refusals that list what is there, and /docs). */
  documents(): SourceDoc[];
  /** Passages for a question within its scope (township, year, kind), fused lexical + vector. */
  search(question: string, scope: QuestionScope): Promise<RetrievalResult>;
  /** Term statistics for composing an answer to `question` from `passages`. */
  termStats(question: string, passages: Passage[]): Promise<TermStats>;
  /** Every commitment matching a filter (exports, the CLI). */
  commitments(filter: CommitmentFilter): Promise<Commitment[]>;
  /** One page of them, table order, and how many match (chats: a province holds millions). */
  commitmentPage(
    filter: CommitmentFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: Commitment[] }>;
  chunk(id: string): Promise<Chunk | undefined>;
  /** A document's chunks in order (the console shows its sections and chunks). */
  documentChunks(docId: string): Promise<Chunk[]>;
  /** The corpus's words (two to four Han characters) with their document frequency, for reading typos. */
  vocabulary(): Promise<Iterable<[string, number]>>;
  /** Pick up documents another process ingested (a no-op where nothing can change underneath). */
  refresh?(): Promise<void>;
  close?(): Promise<void>;
}

/**
 * List items grouped by document and parent heading, the first chunk of each item (in chunk
 * order): what "有哪些" answers enumerate.
 */
export function groupListItems(chunks: Iterable<Chunk>): Map<string, Chunk[]> {
  const lists = new Map<string, Chunk[]>();
  for (const c of chunks) {
    const last = c.sectionPath[c.sectionPath.length - 1];
    if (!last || !ITEM_MARKER.test(last)) continue;
    const key = listKey(c.docId, c.sectionPath.slice(0, -1));
    const list = lists.get(key) ?? [];
    if (!list.some((x) => x.sectionPath[x.sectionPath.length - 1] === last)) list.push(c);
    lists.set(key, list);
  }
  return lists;
}

/** The index in local files, searched in process. */
export class LocalBackend implements QABackend {
  readonly kind = "local" as const;
  readonly retriever: HybridRetriever;
  // built on first use: a bot that starts should not pay for tables a question may never need
  /** Each document's [start, end) in the chunk list; false when chunks are not grouped by document. */
  private docChunks: Map<string, [number, number]> | false | null = null;
  private lists: Map<string, Chunk[]> | null = null;
  private commitmentTable: Promise<CommitmentTable> | null = null;
  private readonly stats: TermStats;

  constructor(
    readonly index: SearchIndex,
    options: Partial<RetrieverOptions> = {},
    onWorkerFailure?: (message: string) => void,
  ) {
    this.retriever = new HybridRetriever(index, options, onWorkerFailure);
    // the commitments table's columns (tens of MB at a province) are read once the process is
    // idle, so the first 量化目标 question does not wait for them; a failure shows on first use
    setImmediate(() => this.table().catch(() => undefined)).unref();
    const lists = () => (this.lists ??= groupListItems(index.chunks));
    this.stats = {
      idf: (t) => index.bm25.idf(t),
      maxIdf: index.bm25.maxIdf(),
      siblingsOf: (c) => lists().get(listKey(c.docId, c.sectionPath.slice(0, -1))) ?? [],
      childrenOf: (c) => lists().get(listKey(c.docId, c.sectionPath)) ?? [],
    };
  }

  townships(): string[] {
    return this.retriever.townships;
  }

  documents(): SourceDoc[] {
    return this.index.docs;
  }

  search(question: string, scope: QuestionScope): Promise<RetrievalResult> {
    return this.retriever.search(question, scope);
  }

  async termStats(): Promise<TermStats> {
    return this.stats;
  }

  async vocabulary(): Promise<Iterable<[string, number]>> {
    return this.index.bm25.words();
  }

  /**
   * Commitments matching a filter. A saved index's table reads only the rows a query needs, with
   * the rows grouped by township once (a province holds millions of rows).
   */
  async commitments(filter: CommitmentFilter): Promise<Commitment[]> {
    return (await this.table()).select(filter);
  }

  async commitmentPage(
    filter: CommitmentFilter,
    offset: number,
    limit: number,
  ): Promise<{ total: number; items: Commitment[] }> {
    return (await this.table()).page(filter, offset, limit);
  }

  private table(): Promise<CommitmentTable> {
    if (!this.commitmentTable) {
      const opening =
        this.index.commitmentTable?.() ?? Promise.resolve(CommitmentTable.inMemory(this.index.commitments));
      // a failed read is tried again by the next question rather than remembered
      opening.catch(() => {
        if (this.commitmentTable === opening) this.commitmentTable = null;
      });
      this.commitmentTable = opening;
    }
    return this.commitmentTable;
  }

  async close(): Promise<void> {
    await this.retriever.lexical.close();
    await this.retriever.shards?.close();
  }

  async documentChunks(docId: string): Promise<Chunk[]> {
    return this.index.chunks.filter((c) => c.docId === docId).sort((a, b) => a.ord - b.ord);
  }

  /** A chunk by id: chunks are stored document by document, so find the document's range first. */
  async chunk(id: string): Promise<Chunk | undefined> {
    const chunks = this.index.chunks;
    if (this.docChunks === null) {
      const ranges = new Map<string, [number, number]>();
      let grouped = true;
      for (let i = 0; i < chunks.length && grouped; ) {
        let end = i + 1;
        while (end < chunks.length && chunks[end]!.docId === chunks[i]!.docId) end++;
        grouped = !ranges.has(chunks[i]!.docId);
        ranges.set(chunks[i]!.docId, [i, end]);
        i = end;
      }
      this.docChunks = grouped ? ranges : false; // not grouped by document: look ids up by a scan
    }
    const range = this.docChunks ? this.docChunks.get(id.slice(0, id.lastIndexOf("#"))) : undefined;
    if (range) for (let i = range[0]; i < range[1]; i++) if (chunks[i]!.id === id) return chunks[i];
    return chunks.find((c) => c.id === id);
  }
}
