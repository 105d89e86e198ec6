import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { lowerBound } from "../../domain/sorted.js";
import { TopK } from "../topk.js";
import type { Int8Rows } from "./scan.js";
import type { ShardData } from "./shard-worker.js";

type Hit = { index: number; similarity: number };

/**
 * From how many rows every vector search is an exact scan split across cores and the graph is not
 * even loaded. Measured on 2 cores: at 110k chunks the graph's recall@10 is 0.98 at ef 1024 and
 * its walk ≈3 ms p95; at 1.1M its recall falls to 0.80 (0.85 at ef 2048) while one thread scans
 * every int8 row in ≈47 ms p95, two in about half. Between the two the scan on two cores costs what
 * the walk costs (≈0.03 µs a row: 300k rows ≈ 4.5 ms), and only the scan is exact.
 */
export const SPLIT_SCAN_FROM = 300_000;

/**
 * The exact int8 scan split across cores: this thread scans the first shard while one worker a
 * core scans each of the others (a copy of its rows in its own WebAssembly memory), and the top-k
 * are merged. Exact, so recall@10 is 1 by definition; used where the graph's recall falls short
 * (a province: 0.80 at 1.1M chunks, ef 1024), see `HybridRetriever`. A filtered search sends each
 * shard the filter's rows that fall in it.
 * Until the workers are ready, and if one fails, this thread scans everything: no search is lost.
 */
export class ScanShards {
  private readonly workers: Worker[] = [];
  private readonly bounds: Array<[number, number]> = [];
  private ready = 0;
  private failed = false;
  private next = 1;
  private readonly pending = new Map<
    number,
    { left: number; hits: Hit[]; done: (hits: Hit[]) => void; k: number; query: number[]; rows?: Int32Array }
  >();

  constructor(
    private readonly rows: Int8Rows,
    shards = Math.max(1, availableParallelism()),
    private readonly onFailure: (message: string) => void = () => {},
  ) {
    const n = rows.scales.length;
    const size = Math.ceil(n / shards);
    for (let lo = 0; lo < n; lo += size) this.bounds.push([lo, Math.min(n, lo + size)]);
    // the shards are copied out (≈0.5 s at 1.1M rows) once the process is idle, not while it loads;
    // until then this thread scans everything
    setImmediate(() => this.start()).unref();
  }

  private start(): void {
    if (this.failed) return;
    const rows = this.rows;
    for (const [lo, hi] of this.bounds.slice(1)) {
      const data: ShardData = {
        dim: rows.dim,
        offset: lo,
        data: rows.data.slice(lo * rows.dim, hi * rows.dim),
        scales: rows.scales.slice(lo, hi),
      };
      // moved, not cloned: the worker holds one copy of its shard, in its WebAssembly memory
      const worker = new Worker(new URL("./shard-worker-entry.mjs", import.meta.url), {
        workerData: data,
        transferList: [data.data!.buffer as ArrayBuffer, data.scales!.buffer as ArrayBuffer],
      });
      worker.on("message", (m: { ready?: true; id?: number; hits?: Hit[]; error?: string }) => {
        if (m.ready) {
          this.ready++;
          worker.unref();
          return;
        }
        const p = this.pending.get(m.id!);
        if (!p) return;
        if (m.error) return this.fail(`scan shard: ${m.error}`);
        p.hits.push(...m.hits!);
        if (--p.left === 0) {
          this.pending.delete(m.id!);
          p.done(merge(p.hits, p.k));
        }
      });
      worker.on("error", (err) => this.fail(`scan shard failed: ${err.message}`));
      this.workers.push(worker);
    }
  }

  /** Whether searches are split (every worker has started and holds its shard). */
  get split(): boolean {
    return !this.failed && this.workers.length === this.bounds.length - 1 && this.ready === this.workers.length;
  }

  /** Exact top-k over every row, or over `rows` (ascending indices). */
  search(query: number[], k: number, rows?: Int32Array): Promise<Hit[]> {
    const topK = this.rows.topK!;
    if (!this.split) return Promise.resolve(topK(query, k, rows));
    const id = this.next++;
    const result = new Promise<Hit[]>((done) => {
      this.pending.set(id, { left: this.workers.length + 1, hits: [], done, k, query, ...(rows ? { rows } : {}) });
    });
    // each shard's part of the filter: a contiguous run of the ascending list
    const cuts = rows ? this.bounds.map(([lo]) => lowerBound(rows, lo)).concat(rows.length) : null;
    this.workers.forEach((w, s) => {
      const part = cuts ? rows!.slice(cuts[s + 1], cuts[s + 2]) : undefined;
      w.postMessage({ id, query, k, rows: part }, part ? [part.buffer as ArrayBuffer] : []);
    });
    for (const w of this.workers) w.ref();
    // this thread's shard while the workers scan theirs
    const own = cuts ? topK(query, k, rows!.subarray(0, cuts[1])) : topK(query, k, undefined, this.bounds[0]);
    const p = this.pending.get(id)!;
    p.hits.push(...own);
    if (--p.left === 0) {
      this.pending.delete(id);
      p.done(merge(p.hits, k));
    }
    return result.finally(() => {
      if (!this.pending.size) for (const w of this.workers) w.unref();
    });
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.onFailure(message);
    // the searches in flight are answered here, over every row
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.done(this.rows.topK!(p.query, p.k, p.rows));
    }
    for (const w of this.workers) void w.terminate();
  }

  async close(): Promise<void> {
    this.failed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The k best of the shards' hits; in row order, so ties end as one thread's scan ends them. */
function merge(hits: Hit[], k: number): Hit[] {
  const top = new TopK(k);
  hits.sort((a, b) => a.index - b.index);
  for (const h of hits) if (h.similarity > top.floor) top.push(h.index, h.similarity);
  return top.result().map(({ index, score }) => ({ index, similarity: score }));
}
