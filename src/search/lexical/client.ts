import { Worker } from "node:worker_threads";
import type { Bm25Index, ScoredDoc, WeightedTerm } from "../bm25.js";
import type { LexicalRequest } from "./worker.js";

/** BM25 search for a retriever: on this thread, or on a worker beside the vector search. */
export interface LexicalSearcher {
  readonly mode: "inline" | "worker";
  search(terms: WeightedTerm[], k: number, allow: ((i: number) => boolean) | undefined, list: Int32Array | null): Promise<ScoredDoc[]>;
  close(): Promise<void>;
}

export function inlineLexical(index: Bm25Index): LexicalSearcher {
  return {
    mode: "inline",
    search: async (terms, k, allow, list) => index.search(terms, k, allow, list ?? undefined),
    close: async () => {},
  };
}

/**
 * BM25 on a worker thread over a copy of the index's postings; small searches stay on this
 * thread, where they cost less than the round trip. The worker keeps the process alive only while a search is pending. If it fails, the search that
 * was pending and every later one run on this thread instead: a question is never lost to it.
 */
export class LexicalWorker implements LexicalSearcher {
  readonly mode = "worker" as const;
  private worker: Worker | null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (h: ScoredDoc[]) => void; fallback: () => void }>();

  constructor(
    private readonly index: Bm25Index,
    private readonly onFailure: (message: string) => void = () => {},
    /** Searches reading fewer postings than this run here (≈0.1 ms of work a 50k postings). */
    private readonly handOverFrom = 50_000,
  ) {
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: index.arrays() });
    worker.unref();
    worker.on("message", (m: { id: number; hits?: ScoredDoc[]; error?: string }) => {
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
      if (!this.worker) return;
      this.worker = null;
      this.onFailure(message);
      for (const p of this.pending.values()) p.fallback();
      this.pending.clear();
    };
    worker.on("error", (err) => fail(`lexical worker failed, searching on the main thread: ${err.message}`));
    worker.on("exit", (code) => fail(`lexical worker stopped (exit ${code}), searching on the main thread`));
    this.worker = worker;
  }

  search(terms: WeightedTerm[], k: number, allow: ((i: number) => boolean) | undefined, list: Int32Array | null): Promise<ScoredDoc[]> {
    const inline = () => this.index.search(terms, k, allow, list ?? undefined);
    const worker = this.worker;
    // a search that reads few postings takes less than the hand-over to the worker
    if (!worker || this.index.cost(terms, list ?? undefined) < this.handOverFrom) return Promise.resolve(inline());
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
    const worker = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.fallback();
    this.pending.clear();
    await worker?.terminate();
  }
}
