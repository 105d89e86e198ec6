import { z } from "zod";

/** Okapi BM25 over pre-tokenised documents, with postings in typed arrays. */
export interface Bm25Params {
  k1: number;
  b: number;
}

export const Bm25JsonSchema = z.object({
  k1: z.number(),
  b: z.number(),
  docLengths: z.array(z.number()),
  terms: z.array(z.string()),
  /** Per term: flat [docIndex, tf, docIndex, tf, …]. */
  postings: z.array(z.array(z.number())),
});

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface ScoredDoc {
  index: number;
  score: number;
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly avgLength: number;

  private constructor(
    private readonly params: Bm25Params,
    private readonly docLengths: Float32Array,
    private readonly terms: string[],
    private readonly postingDocs: Int32Array[],
    private readonly postingTfs: Float32Array[],
  ) {
    terms.forEach((t, i) => this.termIds.set(t, i));
    let sum = 0;
    for (const l of docLengths) sum += l;
    this.avgLength = docLengths.length ? sum / docLengths.length : 1;
  }

  static build(docs: string[][], params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const docsPer: number[][] = [];
    const tfsPer: number[][] = [];
    docs.forEach((tokens, d) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, c] of counts) {
        let id = ids.get(t);
        if (id === undefined) {
          id = terms.length;
          ids.set(t, id);
          terms.push(t);
          docsPer.push([]);
          tfsPer.push([]);
        }
        docsPer[id]!.push(d);
        tfsPer[id]!.push(c);
      }
    });
    return new Bm25Index(
      params,
      Float32Array.from(docs.map((d) => d.length)),
      terms,
      docsPer.map((a) => Int32Array.from(a)),
      tfsPer.map((a) => Float32Array.from(a)),
    );
  }

  get size(): number {
    return this.docLengths.length;
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for unknown terms. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const df = this.postingDocs[id]!.length;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Largest idf a term can have in this index (for terms never seen). */
  maxIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /**
   * Top-k documents for weighted query terms; `allow` restricts to a subset (township/year filters).
   */
  search(query: WeightedTerm[], k: number, allow?: (index: number) => boolean): ScoredDoc[] {
    const scores = new Float64Array(this.size);
    const { k1, b } = this.params;
    for (const { term, weight } of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      const docs = this.postingDocs[id]!;
      const tfs = this.postingTfs[id]!;
      for (let p = 0; p < docs.length; p++) {
        const d = docs[p]!;
        const tf = tfs[p]!;
        scores[d]! += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.docLengths[d]!) / this.avgLength));
      }
    }
    const out: ScoredDoc[] = [];
    for (let d = 0; d < scores.length; d++) {
      const s = scores[d]!;
      if (s > 0 && (!allow || allow(d))) out.push({ index: d, score: s });
    }
    out.sort((x, y) => y.score - x.score || x.index - y.index);
    return out.slice(0, k);
  }

  toJSON(): z.infer<typeof Bm25JsonSchema> {
    return {
      ...this.params,
      docLengths: Array.from(this.docLengths),
      terms: this.terms,
      postings: this.postingDocs.map((docs, i) => {
        const flat: number[] = [];
        const tfs = this.postingTfs[i]!;
        docs.forEach((d, p) => flat.push(d, tfs[p]!));
        return flat;
      }),
    };
  }

  static fromJSON(raw: unknown): Bm25Index {
    const j = Bm25JsonSchema.parse(raw);
    if (j.postings.length !== j.terms.length) throw new Error("bm25: postings and terms differ in length");
    return new Bm25Index(
      { k1: j.k1, b: j.b },
      Float32Array.from(j.docLengths),
      j.terms,
      j.postings.map((f) => Int32Array.from(f.filter((_, i) => i % 2 === 0))),
      j.postings.map((f) => Float32Array.from(f.filter((_, i) => i % 2 === 1))),
    );
  }
}
