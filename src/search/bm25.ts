import { z } from "zod";
import { TopK } from "./topk.js";

/** Okapi BM25 over pre-tokenised documents, postings in flat typed arrays (CSR layout). */
export interface Bm25Params {
  k1: number;
  b: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface ScoredDoc {
  index: number;
  score: number;
}

const HeaderSchema = z.object({ k1: z.number(), b: z.number(), docs: z.number().int(), postings: z.number().int(), terms: z.array(z.string()) });

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly avgLength: number;
  /** Scores of the current query, reused; only touched entries are reset. */
  private scratch: Float64Array | null = null;
  private touched: Int32Array | null = null;

  private constructor(
    private readonly params: Bm25Params,
    private readonly docLengths: Float32Array,
    private readonly terms: string[],
    /** postings of term t are docs[offsets[t]..offsets[t+1]) with tfs at the same positions */
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    private readonly tfs: Float32Array,
  ) {
    terms.forEach((t, i) => this.termIds.set(t, i));
    let sum = 0;
    for (const l of docLengths) sum += l;
    this.avgLength = docLengths.length ? sum / docLengths.length : 1;
  }

  static build(tokenLists: Iterable<string[]>, params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const docsPer: number[][] = [];
    const tfsPer: number[][] = [];
    const lengths: number[] = [];
    let d = 0;
    for (const tokens of tokenLists) {
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
      lengths.push(tokens.length);
      d++;
    }
    const offsets = new Int32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t]! + docsPer[t]!.length;
    const docs = new Int32Array(offsets[terms.length]!);
    const tfs = new Float32Array(offsets[terms.length]!);
    for (let t = 0; t < terms.length; t++) {
      docs.set(docsPer[t]!, offsets[t]!);
      tfs.set(tfsPer[t]!, offsets[t]!);
    }
    return new Bm25Index(params, Float32Array.from(lengths), terms, offsets, docs, tfs);
  }

  get size(): number {
    return this.docLengths.length;
  }

  private df(id: number): number {
    return this.offsets[id + 1]! - this.offsets[id]!;
  }

  /** Inverse document frequency (BM25+ style, never negative); 0 for unknown terms. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const df = this.df(id);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Largest idf a term can have in this index (for terms never seen). */
  maxIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /**
   * Top-k documents for weighted query terms; `allow` restricts to a subset (township/year
   * filters). Score buffers are reused across queries; only documents a term touches are visited.
   */
  search(query: WeightedTerm[], k: number, allow?: (index: number) => boolean): ScoredDoc[] {
    const n = this.size;
    if (!this.scratch || this.scratch.length !== n) {
      this.scratch = new Float64Array(n);
      this.touched = new Int32Array(n);
    }
    const scores = this.scratch;
    const touched = this.touched!;
    let nTouched = 0;
    const { k1, b } = this.params;
    const norm = (b * 1) / this.avgLength;
    for (const { term, weight } of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      const end = this.offsets[id + 1]!;
      for (let p = this.offsets[id]!; p < end; p++) {
        const d = this.docs[p]!;
        const tf = this.tfs[p]!;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d]! += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + norm * this.docLengths[d]!));
      }
    }
    const top = new TopK(k);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      const s = scores[d]!;
      scores[d] = 0;
      if (s > top.floor && (!allow || allow(d))) top.push(d, s);
    }
    return top.result();
  }

  /** Binary form: a small JSON header (params, terms) and one buffer of typed arrays. */
  serialize(): { header: string; body: Buffer } {
    const header = JSON.stringify({ ...this.params, docs: this.size, postings: this.docs.length, terms: this.terms });
    const body = Buffer.concat([
      Buffer.from(this.docLengths.buffer, this.docLengths.byteOffset, this.docLengths.byteLength),
      Buffer.from(this.offsets.buffer, this.offsets.byteOffset, this.offsets.byteLength),
      Buffer.from(this.docs.buffer, this.docs.byteOffset, this.docs.byteLength),
      Buffer.from(this.tfs.buffer, this.tfs.byteOffset, this.tfs.byteLength),
    ]);
    return { header, body };
  }

  static deserialize(header: string, body: Buffer): Bm25Index {
    const h = HeaderSchema.parse(JSON.parse(header));
    const T = h.terms.length;
    const expected = 4 * (h.docs + T + 1 + 2 * h.postings);
    if (body.length !== expected) throw new Error(`bm25 body has ${body.length} bytes, expected ${expected}`);
    // view the file's bytes directly when aligned (a large read is), else copy once
    let buf: ArrayBufferLike = body.buffer;
    let at = body.byteOffset;
    if (at % 4 !== 0) {
      const copy = new ArrayBuffer(body.length);
      new Uint8Array(copy).set(body);
      buf = copy;
      at = 0;
    }
    const take = <T>(make: (b: ArrayBufferLike, o: number, n: number) => T, n: number): T => {
      const v = make(buf, at, n);
      at += 4 * n;
      return v;
    };
    const docLengths = take((b, o, n) => new Float32Array(b, o, n), h.docs);
    const offsets = take((b, o, n) => new Int32Array(b, o, n), T + 1);
    const docs = take((b, o, n) => new Int32Array(b, o, n), h.postings);
    const tfs = take((b, o, n) => new Float32Array(b, o, n), h.postings);
    if (offsets[T] !== h.postings) throw new Error("bm25 offsets do not match postings");
    return new Bm25Index({ k1: h.k1, b: h.b }, docLengths, h.terms, offsets, docs, tfs);
  }
}
