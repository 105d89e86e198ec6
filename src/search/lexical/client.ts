import { Worker } from "node:worker_threads";
import type { Bm25Index, ScoredDoc, WeightedTerm } from "../bm25.js";
import { FilterMarks } from "../marks.js";
import type { LexicalRequest } from "./worker.js";

/** BM25 search for a retriever: on this thread, or on a worker beside the vector search. */
export interface LexicalSearcher {
  readonly mode: "inline" | "worker";
  search(
    terms: WeightedTerm[],
    k: number,
    allow: ((i: number) => boolean) | undefined,
    list: Int32Array | null,
  ): Promise<ScoredDoc[]>;
  /** Resolves when searches can go where `mode` says (false: the worker failed or was closed first). */
  whenReady(): Promise<boolean>;
  close(): Promise<void>;
}

export function inlineLexical(index: Bm25Index): LexicalSearcher {
  return {
    mode: "inline",
    search: async (terms, k, allow, list) => index.search(terms, k, allow, list ?? undefined),
    whenReady: async () => true,
    close: async () => {},
  };
}

interface Pending {
  resolve: (hits: ScoredDoc[]) => void;
  /** Answer on this thread instead (the worker failed or is gone). */
  fallback: () => void;
}

/**
 * BM25 on a worker thread over the index's postings (shared when they were read into shared
 * memory, as a large saved index's are; else a copy); small searches stay on this thread, where
 * they cost less than the round trip.
 * - A copy takes ≈0.1 s at 100k chunks, so the worker starts once the process is idle, not
 *   while it starts; until the worker says it is ready, searches run here.
 * - Once ready, the worker keeps the process alive only while a search is pending.
 * - If it fails, the searches pending and every later one run here: no question is lost to it.
 */
export class LexicalWorker implements LexicalSearcher {
  readonly mode = "worker" as const;
  /** The worker from its creation until it stops or is closed. */
  private current: Worker | null = null;
  private isReady = false;
  private closed = false;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private fallbackFilters: FilterMarks | null = null;

  constructor(
    private readonly index: Bm25Index,
    private readonly onFailure: (message: string) => void = () => {},
    /** Searches reading fewer postings than this run here (≈0.1 ms of work at 50k postings). */
    private readonly handOverFrom = 50_000,
  ) {
    setImmediate(() => this.start()).unref();
  }

  private signal: (ready: boolean) => void = () => {};
  private readonly readySignal = new Promise<boolean>((resolve) => (this.signal = resolve));

  /** Whether searches go to the worker (it has started and built its index). */
  get ready(): boolean {
    return this.isReady;
  }

  whenReady(): Promise<boolean> {
    return this.readySignal;
  }

  private start(): void {
    if (this.closed) return;
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: this.index.arrays() });
    this.current = worker; // referenced until ready: a process waiting for it must not exit
    worker.on("message", (m: { id: number; ready?: true; hits?: ScoredDoc[]; error?: string }) => {
      if (m.ready) {
        if (!this.pending.size) worker.unref();
        this.isReady = this.current === worker;
        this.signal(this.isReady);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (!this.pending.size) worker.unref();
      if (m.hits) p.resolve(m.hits);
      else {
        this.onFailure(`lexical search failed in the worker: ${m.error}`);
        p.fallback();
      }
    });
    const fail = (message: string) => {
      if (this.current !== worker) return;
      this.current = null;
      this.isReady = false;
      this.signal(false);
      this.onFailure(message);
      this.settleHere();
    };
    worker.on("error", (err) => fail(`lexical worker failed, searching on the main thread: ${err.message}`));
    worker.on("exit", (code) => fail(`lexical worker stopped (exit ${code}), searching on the main thread`));
  }

  private settleHere(): void {
    for (const p of this.pending.values()) p.fallback();
    this.pending.clear();
  }

  search(
    terms: WeightedTerm[],
    k: number,
    allow: ((i: number) => boolean) | undefined,
    list: Int32Array | null,
  ): Promise<ScoredDoc[]> {
    const worker = this.current;
    // a search that reads few postings takes less than the hand-over to the worker
    if (!worker || !this.isReady || this.index.cost(terms, list ?? undefined) < this.handOverFrom)
      return Promise.resolve(this.index.search(terms, k, allow, list ?? undefined));
    // answered here later if the worker fails: by then `allow` (the caller's marks) may describe
    // another question's filter, so the list is marked again, in marks of this client's own
    const inline = () =>
      this.index.search(
        terms,
        k,
        list ? (this.fallbackFilters ??= new FilterMarks(this.index.size)).allow(list) : undefined,
        list ?? undefined,
      );
    return new Promise((resolve, reject) => {
      const id = this.next++;
      this.pending.set(id, {
        resolve,
        fallback: () => {
          try {
            resolve(inline());
          } catch (err) {
            reject(err);
          }
        },
      });
      if (this.pending.size === 1) worker.ref();
      // a view into a larger buffer would be cloned with all of that buffer
      const own = list && list.byteLength !== list.buffer.byteLength ? list.slice() : list;
      const request: LexicalRequest = { id, terms, k, list: own };
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.current;
    this.current = null;
    this.isReady = false;
    this.signal(false);
    this.settleHere();
    await worker?.terminate();
  }
}
