import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { Chunk, Passage } from "../domain/types.js";
import type { WeightedTerm } from "../search/bm25.js";
import type { SearchIndex } from "../search/store.js";
import { lexicalTokens } from "../search/tokenize.js";
import { QUESTION_STOPWORDS } from "../domain/zh.js";
import { type QuestionScope, analyzeQuestion } from "./question.js";
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
}

export const DEFAULT_RETRIEVER_OPTIONS: RetrieverOptions = { k: 8, candidates: 50, ef: 128, vectorWeight: 0.35, expansionWeight: 0.4 };

export interface RetrievalResult {
  passages: Passage[];
  scope: QuestionScope;
  /** How many chunks the township/year filters left (all chunks when none applied). */
  eligible: number;
  expandedWith: string[];
  /** Whether chunks of the kind the question asks for (总结/计划) were found; null when it asks for none. */
  kindFound: boolean | null;
}

/**
 * Which chunks a scope allows: the named township's, and those about the named year — by their
 * document or section ("2022年工作计划"); only when no chunk is about that year, those that
 * mention it ("到2025年…").
 */
export function scopeFilter(scope: QuestionScope, chunks: Chunk[]): (i: number) => boolean {
  const township = scope.township;
  const years = scope.years;
  const inTownship = (c: Chunk) => !township || c.township === township;
  const about = (c: Chunk) => years.some((y) => c.years.includes(y));
  const mentions = (c: Chunk) => years.some((y) => c.text.includes(`${y}年`));
  const yearTest = !years.length ? () => true : chunks.some((c) => inTownship(c) && about(c)) ? about : mentions;
  return (i) => {
    const c = chunks[i]!;
    return inTownship(c) && yearTest(c);
  };
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

  constructor(
    private readonly index: SearchIndex,
    options: Partial<RetrieverOptions> = {},
  ) {
    super({});
    this.opts = { ...DEFAULT_RETRIEVER_OPTIONS, ...options };
    this.townships = [...new Set(index.docs.map((d) => d.township).filter((t): t is string => !!t))];
    index.vectors?.index.setEf(this.opts.ef);
  }

  /** Lexical query: the question's tokens (question words dropped) plus weighted expansions. */
  lexicalQuery(question: string, extra: string[]): WeightedTerm[] {
    const weights = new Map<string, number>();
    const add = (text: string, w: number) => {
      for (const t of lexicalTokens(text)) {
        if (QUESTION_STOPWORDS.has(t) || QUESTION_STOPWORDS.has(t.replace(/^~/, ""))) continue;
        weights.set(t, Math.max(weights.get(t) ?? 0, w));
      }
    };
    add(question, 1);
    for (const e of extra) add(e, this.opts.expansionWeight);
    return [...weights].map(([term, weight]) => ({ term, weight }));
  }

  async search(question: string, scope: QuestionScope = analyzeQuestion(question, this.townships)): Promise<RetrievalResult> {
    const { chunks, bm25, vectors, embeddings } = this.index;
    const inScope = scopeFilter(scope, chunks);
    let eligible = 0;
    for (let i = 0; i < chunks.length; i++) if (inScope(i)) eligible++;
    // 完成了… asks a 总结, 计划… a 计划 (要点 are plans too): narrow to that kind when the scope has it
    let allow = inScope;
    let kindFound: boolean | null = scope.kind ? false : null;
    if (scope.kind && eligible) {
      const wanted = scope.kind === "总结" ? ["总结"] : ["计划", "要点"];
      const ofKind = (i: number) => inScope(i) && chunks[i]!.kinds.some((k) => wanted.includes(k));
      let n = 0;
      for (let i = 0; i < chunks.length; i++) if (ofKind(i)) n++;
      if (n) {
        allow = ofKind;
        eligible = n;
        kindFound = true;
      }
    }
    const expandedWith = expansions(question);
    if (!eligible) return { passages: [], scope, eligible, expandedWith, kindFound };

    const lexical = bm25.search(this.lexicalQuery(question, expandedWith), this.opts.candidates, allow);
    let vector: Array<{ index: number; distance: number }> = [];
    if (vectors) {
      const q = await embeddings.embedQuery([question, ...expandedWith].join(" "));
      const k = Math.min(this.opts.candidates, eligible);
      const filter = eligible < chunks.length ? (d: Document) => allow(d.metadata.i as number) : undefined;
      const hits = await vectors.similaritySearchVectorWithScore(q, k, filter);
      vector = hits.map(([doc, distance]) => ({ index: doc.metadata.i as number, distance }));
    }

    // Convex combination of max-normalised scores: unlike reciprocal-rank fusion it keeps a
    // strong lexical match that the vector side ranks low (and vice versa) near the top.
    const fused = new Map<number, { score: number; lexical: number | null; vector: number | null }>();
    const entry = (i: number) => {
      let e = fused.get(i);
      if (!e) fused.set(i, (e = { score: 0, lexical: null, vector: null }));
      return e;
    };
    const maxLex = lexical[0]?.score ?? 1;
    for (const h of lexical) {
      const e = entry(h.index);
      e.lexical = h.score;
      e.score += (1 - this.opts.vectorWeight) * (h.score / maxLex);
    }
    const sims = vector.map((h) => 1 - h.distance);
    const maxSim = Math.max(...sims, 1e-9);
    const minSim = Math.min(...sims, 0);
    vector.forEach((h, r) => {
      const e = entry(h.index);
      e.vector = sims[r]!;
      e.score += this.opts.vectorWeight * ((sims[r]! - minSim) / (maxSim - minSim || 1));
    });

    const passages = [...fused]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, this.opts.k)
      .map(([i, e], r): Passage => ({ rank: r + 1, chunk: chunks[i]!, score: e.score, lexical: e.lexical, vector: e.vector }));
    return { passages, scope, eligible, expandedWith, kindFound };
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const { passages } = await this.search(query);
    return passages.map(
      (p) =>
        new Document({
          pageContent: p.chunk.text,
          metadata: { id: p.chunk.id, docId: p.chunk.docId, title: p.chunk.title, sectionPath: p.chunk.sectionPath, span: p.chunk.span, score: p.score },
        }),
    );
  }
}
