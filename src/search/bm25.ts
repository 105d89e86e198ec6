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

const HeaderSchema = z.object({
  k1: z.number(),
  b: z.number(),
  docs: z.number().int(),
  postings: z.number().int(),
  terms: z.array(z.string()),
});

/** A typed array twice as long, the new half filled with `value`. */
function grow<T extends Int32Array | Float32Array>(a: T, value: number): T {
  const out = new (a.constructor as new (n: number) => T)(a.length * 2);
  out.set(a);
  out.fill(value, a.length);
  return out;
}

interface QueryTerm {
  id: number;
  /** idf × the term's weight in the query */
  w: number;
}

/** An index's arrays, for a worker thread to build the same index from (`Bm25Index.arrays`). */
export interface Bm25Arrays {
  params: Bm25Params;
  terms: string[];
  docLengths: Float32Array;
  offsets: Int32Array;
  docs: Int32Array;
  impacts: Float32Array;
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly avgLength: number;
  /** Scores of the current query, reused; only touched entries are reset. */
  private scratch: Float64Array | null = null;
  private touched: Int32Array | null = null;
  private readonly impacts: Float32Array;

  private constructor(
    private readonly params: Bm25Params,
    private readonly docLengths: Float32Array,
    private readonly terms: string[],
    /** postings of term t are docs[offsets[t]..offsets[t+1]) with impacts at the same positions */
    private readonly offsets: Int32Array,
    private readonly docs: Int32Array,
    /** The term counts when building (the impacts are computed from them and they are let go), or the impacts themselves. */
    counts: { tfs: Float32Array } | { impacts: Float32Array },
  ) {
    terms.forEach((t, i) => this.termIds.set(t, i));
    let sum = 0;
    for (const l of docLengths) sum += l;
    this.avgLength = docLengths.length ? sum / docLengths.length : 1;
    if ("impacts" in counts) {
      this.impacts = counts.impacts;
      return;
    }
    // each posting's saturated, length-normalised tf, tf·(k1+1) / (tf + k1·(1 − b + b·len/avg)),
    // computed once: a query then reads one float per posting instead of its tf and its document's
    // length (a cache miss each); saved with the index, so a load computes nothing
    const { k1, b } = params;
    const tfs = counts.tfs;
    this.impacts = new Float32Array(tfs.length);
    for (let p = 0; p < tfs.length; p++) {
      const tf = tfs[p]!;
      this.impacts[p] = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b / this.avgLength) * docLengths[docs[p]!]!));
    }
  }

  /**
   * The arrays, to hand to a worker thread. Arrays over an ArrayBuffer are copied to it; arrays
   * over a SharedArrayBuffer (a large index read from disk, see `deserialize`) are shared, so the
   * postings are held once for both threads.
   */
  arrays(): Bm25Arrays {
    return {
      params: this.params,
      terms: this.terms,
      docLengths: this.docLengths,
      offsets: this.offsets,
      docs: this.docs,
      impacts: this.impacts,
    };
  }

  /** An index over arrays another thread handed over (the impacts are not recomputed). */
  static fromArrays(s: Bm25Arrays): Bm25Index {
    return new Bm25Index(s.params, s.docLengths, s.terms, s.offsets, s.docs, { impacts: s.impacts });
  }

  /**
   * Build from token lists, read once in order (a generator keeps only one list alive). Each
   * document's distinct terms go to growing typed arrays of (term, doc, tf) triples, which a
   * counting sort then lays out as postings ordered by document: no per-term JS arrays, so a
   * large corpus does not leave millions of small objects for the collector.
   */
  static build(tokenLists: Iterable<string[]>, params: Bm25Params = { k1: 1.2, b: 0.75 }): Bm25Index {
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const lengths: number[] = [];
    let lastDoc = new Int32Array(1 << 12).fill(-1); // last document each term was seen in
    let slotOf = new Int32Array(1 << 12); // where that document's triple for the term is
    let pTerm = new Int32Array(1 << 16);
    let pDoc = new Int32Array(1 << 16);
    let pTf = new Float32Array(1 << 16);
    let n = 0;
    let d = 0;
    for (const tokens of tokenLists) {
      for (const t of tokens) {
        let id = ids.get(t);
        if (id === undefined) {
          id = terms.length;
          ids.set(t, id);
          terms.push(t);
          if (id >= lastDoc.length) {
            lastDoc = grow(lastDoc, -1);
            slotOf = grow(slotOf, 0);
          }
        }
        if (lastDoc[id] === d) {
          pTf[slotOf[id]!]! += 1;
          continue;
        }
        if (n === pTerm.length) {
          pTerm = grow(pTerm, 0);
          pDoc = grow(pDoc, 0);
          pTf = grow(pTf, 0);
        }
        lastDoc[id] = d;
        slotOf[id] = n;
        pTerm[n] = id;
        pDoc[n] = d;
        pTf[n] = 1;
        n++;
      }
      lengths.push(tokens.length);
      d++;
    }
    const offsets = new Int32Array(terms.length + 1);
    for (let i = 0; i < n; i++) offsets[pTerm[i]! + 1]! += 1;
    for (let t = 0; t < terms.length; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, terms.length);
    const docs = new Int32Array(n);
    const tfs = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const at = fill[pTerm[i]!]!++;
      docs[at] = pDoc[i]!;
      tfs[at] = pTf[i]!;
    }
    return new Bm25Index(params, Float32Array.from(lengths), terms, offsets, docs, { tfs });
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

  /** Words (not bigrams) of two to four Han characters with their document frequency: what typo correction matches against. */
  *words(): Iterable<[string, number]> {
    for (let id = 0; id < this.terms.length; id++) {
      const t = this.terms[id]!;
      if (t.length >= 2 && t.length <= 4 && t.charCodeAt(0) >= 0x4e00) yield [t, this.df(id)];
    }
  }

  /** Largest idf a term can have in this index (for terms never seen). */
  maxIdf(): number {
    return Math.log(1 + (this.size + 0.5) / 0.5);
  }

  /**
   * Top-k documents for weighted query terms. `allow` restricts to a subset (township/year
   * filters); `allowed`, the same subset as a sorted list, lets a narrow filter be scored by
   * walking the filter instead of whole postings: for each term, gallop through its postings to
   * the allowed documents. Otherwise every posting of the query's terms is scored, term at a
   * time, into a reused buffer. Both give the same scores.
   * (Dynamic pruning, MaxScore and an "or then and" cut, was tried on the 110k benchmark corpus
   * and was slower than the plain scan: questions carry many common words and k is 50.)
   */
  search(query: WeightedTerm[], k: number, allow?: (index: number) => boolean, allowed?: Int32Array): ScoredDoc[] {
    const terms = this.queryTerms(query);
    if (!terms.length || k <= 0) return [];
    if (this.gallops(terms, allowed)) return this.searchWithin(terms, k, allowed!, allow);
    return this.searchTermAtATime(terms, k, allow);
  }

  private postings(terms: QueryTerm[]): number {
    let n = 0;
    for (const t of terms) n += this.df(t.id);
    return n;
  }

  private gallops(terms: QueryTerm[], allowed?: Int32Array): boolean {
    return !!allowed && allowed.length * 8 < this.postings(terms);
  }

  /**
   * Roughly how many postings a search reads (a narrow filter's gallop counts its documents once
   * per term): what decides whether a search is worth handing to another thread.
   */
  cost(query: WeightedTerm[], allowed?: Int32Array): number {
    const terms = this.queryTerms(query);
    return this.gallops(terms, allowed) ? allowed!.length * terms.length : this.postings(terms);
  }

  /** Plain term-at-a-time over every posting: the reference the faster paths are tested against. */
  searchExhaustive(query: WeightedTerm[], k: number, allow?: (index: number) => boolean): ScoredDoc[] {
    return this.searchTermAtATime(this.queryTerms(query), k, allow, false);
  }

  private queryTerms(query: WeightedTerm[]): QueryTerm[] {
    const out: QueryTerm[] = [];
    for (const { term, weight } of query) {
      const id = this.termIds.get(term);
      if (id === undefined || weight <= 0) continue;
      out.push({ id, w: this.idf(term) * weight });
    }
    return out;
  }

  /** One posting's contribution: the term's weight times the posting's impact. */
  private contribution(w: number, p: number): number {
    return w * this.impacts[p]!;
  }

  private buffers(): { scores: Float64Array; touched: Int32Array } {
    const n = this.size;
    if (!this.scratch || this.scratch.length !== n) {
      this.scratch = new Float64Array(n);
      this.touched = new Int32Array(n);
    }
    return { scores: this.scratch, touched: this.touched! };
  }

  private searchTermAtATime(
    terms: QueryTerm[],
    k: number,
    allow?: (index: number) => boolean,
    sweep = true,
  ): ScoredDoc[] {
    const { scores, touched } = this.buffers();
    if (sweep && this.postings(terms) > this.size) {
      // postings outnumber documents: skip the bookkeeping of touched documents per posting and
      // sweep every document once at the end instead
      for (const { id, w } of terms) {
        const end = this.offsets[id + 1]!;
        for (let p = this.offsets[id]!; p < end; p++) scores[this.docs[p]!]! += this.contribution(w, p);
      }
      return this.collectAll(k, allow);
    }
    let nTouched = 0;
    for (const { id, w } of terms) {
      const end = this.offsets[id + 1]!;
      for (let p = this.offsets[id]!; p < end; p++) {
        const d = this.docs[p]!;
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d]! += this.contribution(w, p);
      }
    }
    return this.collect(nTouched, k, allow);
  }

  /** The top k of the touched documents' scores (allowed ones only), resetting the buffer. */
  private collect(nTouched: number, k: number, allow?: (index: number) => boolean): ScoredDoc[] {
    const { scores, touched } = this.buffers();
    const top = new TopK(k);
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      const s = scores[d]!;
      scores[d] = 0;
      if (s >= top.floor && (!allow || allow(d))) top.push(d, s);
    }
    return top.result();
  }

  /** The same over every document (after a dense search). */
  private collectAll(k: number, allow?: (index: number) => boolean): ScoredDoc[] {
    const { scores } = this.buffers();
    const top = new TopK(k);
    for (let d = 0; d < scores.length; d++) {
      const s = scores[d]!;
      if (s === 0) continue;
      scores[d] = 0;
      if (s >= top.floor && (!allow || allow(d))) top.push(d, s);
    }
    return top.result();
  }

  /** First position in [from, end) whose document is ≥ doc (exponential then binary search). */
  private gallop(from: number, end: number, doc: number): number {
    const docs = this.docs;
    if (from >= end || docs[from]! >= doc) return from;
    let step = 1;
    let lo = from;
    let hi = from + 1;
    while (hi < end && docs[hi]! < doc) {
      lo = hi;
      step *= 2;
      hi = from + step;
    }
    if (hi > end) hi = end;
    // docs[lo] < doc, and docs[hi] ≥ doc or hi = end
    while (lo + 1 < hi) {
      const mid = (lo + hi) >>> 1;
      if (docs[mid]! < doc) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /**
   * Score only allowed documents. Per term, whichever walk is shorter: a term with few postings
   * (up to 4 per allowed document) reads its postings and checks each document against the
   * filter; a term with many gallops through its postings from one allowed document to the next.
   */
  private searchWithin(
    terms: QueryTerm[],
    k: number,
    allowed: Int32Array,
    allow?: (index: number) => boolean,
  ): ScoredDoc[] {
    const { scores, touched } = this.buffers();
    let nTouched = 0;
    for (const { id, w } of terms) {
      const end = this.offsets[id + 1]!;
      let p = this.offsets[id]!;
      if (allow && end - p <= 4 * allowed.length) {
        for (; p < end; p++) {
          const d = this.docs[p]!;
          if (!allow(d)) continue;
          if (scores[d] === 0) touched[nTouched++] = d;
          scores[d]! += this.contribution(w, p);
        }
        continue;
      }
      for (let j = 0; j < allowed.length && p < end; j++) {
        const d = allowed[j]!;
        p = this.gallop(p, end, d);
        if (p < end && this.docs[p] === d) {
          if (scores[d] === 0) touched[nTouched++] = d;
          scores[d]! += this.contribution(w, p);
        }
      }
    }
    return this.collect(nTouched, k); // every touched document is an allowed one
  }

  /** Binary form: a small JSON header (params, terms) and one buffer of typed arrays (lengths, offsets, postings, impacts). */
  serialize(): { header: string; body: Buffer } {
    const header = JSON.stringify({ ...this.params, docs: this.size, postings: this.docs.length, terms: this.terms });
    const body = Buffer.concat([
      Buffer.from(this.docLengths.buffer, this.docLengths.byteOffset, this.docLengths.byteLength),
      Buffer.from(this.offsets.buffer, this.offsets.byteOffset, this.offsets.byteLength),
      Buffer.from(this.docs.buffer, this.docs.byteOffset, this.docs.byteLength),
      Buffer.from(this.impacts.buffer, this.impacts.byteOffset, this.impacts.byteLength),
    ]);
    return { header, body };
  }

  /**
   * From the binary form, viewing the caller's buffer (taken over, not copied when aligned). A
   * body over a SharedArrayBuffer gives arrays a worker shares instead of copying.
   */
  static deserialize(header: string, body: Uint8Array): Bm25Index {
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
    const impacts = take((b, o, n) => new Float32Array(b, o, n), h.postings);
    if (offsets[T] !== h.postings) throw new Error("bm25 offsets do not match postings");
    return new Bm25Index({ k1: h.k1, b: h.b }, docLengths, h.terms, offsets, docs, { impacts });
  }
}
