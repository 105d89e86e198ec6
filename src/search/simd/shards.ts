import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { TopK } from "../topk.js";
import type { Int8Rows } from "./scan.js";
import type { ShardData } from "./shard-worker.js";

type Hit = { index: number; similarity: number };

/**
 * The exact int8 scan split across cores: this thread scans the first shard while one worker a
 * core scans each of the others (a copy of its rows in its own WebAssembly memory), and the top-k
 * are merged. Exact, so recall@10 is 1 by definition; used for unfiltered searches where the
 * graph's recall falls short (a province: 0.80 at 1.1M chunks, ef 1024), see `HybridRetriever`.
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
    { left: number; hits: Hit[]; done: (hits: Hit[]) => void; k: number; query: number[] }
  >();

  constructor(
    private readonly rows: Int8Rows,
    shards = Math.max(1, availableParallelism()),
    private readonly onFailure: (message: string) => void = () => {},
  ) {
    const n = rows.scales.length;
    const size = Math.ceil(n / shards);
    for (let lo = 0; lo < n; lo += size) this.bounds.push([lo, Math.min(n, lo + size)]);
    for (const [lo, hi] of this.bounds.slice(1)) {
      const data: ShardData = {
        dim: rows.dim,
        offset: lo,
        data: rows.data.slice(lo * rows.dim, hi * rows.dim),
        scales: rows.scales.slice(lo, hi),
      };
      const worker = new Worker(new URL("./shard-worker-entry.mjs", import.meta.url), { workerData: data });
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

  /** Whether searches are split (every worker has its shard). */
  get split(): boolean {
    return !this.failed && this.ready === this.workers.length;
  }

  /** Exact top-k over every row. */
  search(query: number[], k: number): Promise<Hit[]> {
    const topK = this.rows.topK!;
    if (!this.split) return Promise.resolve(topK(query, k));
    const id = this.next++;
    const result = new Promise<Hit[]>((done) => {
      this.pending.set(id, { left: this.workers.length + 1, hits: [], done, k, query });
    });
    for (const w of this.workers) w.postMessage({ id, query, k });
    for (const w of this.workers) w.ref();
    // this thread's shard while the workers scan theirs
    const own = topK(query, k, undefined, this.bounds[0]);
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
      p.done(this.rows.topK!(p.query, p.k));
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
