import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import hnswlib from "hnswlib-node";

export interface HnswParams {
  m: number;
  efConstruction: number;
}

/**
 * Builds an hnswlib graph from vectors handed over in label order. Insertion is the longest part
 * of an ingest (about 60% of it at 100k chunks), so above `workerFrom` vectors it runs on a worker
 * thread while this thread goes on embedding, tokenising and building BM25. The graph is the same
 * either way: hnswlib's level draws come from a fixed seed and the insertion order is kept.
 */
export interface GraphBuilder {
  /** Vectors for labels start, start+1, …; call in label order. */
  add(start: number, vectors: ArrayLike<number>[]): void;
  /** Wait for every insertion and get the graph. */
  finish(): Promise<hnswlib.HierarchicalNSW>;
  /** Give up (the build failed elsewhere): stops the worker so it does not keep the process alive. */
  abort(): Promise<void>;
}

/** Below this many vectors a worker's start-up and the file hand-over cost more than they save. */
export const WORKER_FROM = 5000;

export function graphBuilder(
  capacity: number,
  dim: number,
  params: HnswParams,
  opts: { workerFrom?: number } = {},
): GraphBuilder {
  return capacity >= (opts.workerFrom ?? WORKER_FROM)
    ? new WorkerBuilder(capacity, dim, params)
    : new InlineBuilder(capacity, dim, params);
}

class InlineBuilder implements GraphBuilder {
  private readonly graph: hnswlib.HierarchicalNSW;
  constructor(capacity: number, dim: number, params: HnswParams) {
    this.graph = new hnswlib.HierarchicalNSW("cosine", dim);
    this.graph.initIndex(capacity, params.m, params.efConstruction);
  }
  add(start: number, vectors: ArrayLike<number>[]): void {
    vectors.forEach((v, j) => this.graph.addPoint(Array.isArray(v) ? v : Array.from(v), start + j));
  }
  async finish(): Promise<hnswlib.HierarchicalNSW> {
    return this.graph;
  }
  async abort(): Promise<void> {}
}

class WorkerBuilder implements GraphBuilder {
  private readonly worker: Worker;
  private failure: Error | null = null;
  private readonly settled: Promise<void>;
  private added = 0;

  constructor(
    capacity: number,
    private readonly dim: number,
    params: HnswParams,
  ) {
    this.worker = new Worker(new URL("./insert-worker.mjs", import.meta.url), {
      workerData: { dim, capacity, m: params.m, efConstruction: params.efConstruction },
    });
    this.settled = new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        this.failure ??= err;
        reject(this.failure);
      };
      this.worker.on("message", (msg: { kind: string; message?: string }) => {
        if (msg.kind === "done") resolve();
        else if (msg.kind === "error") fail(new Error(`graph build failed: ${msg.message}`));
      });
      this.worker.on("error", (err) => fail(new Error(`graph build failed: ${err.message}`)));
      this.worker.on("exit", (code) => fail(new Error(`graph build worker stopped (exit ${code})`)));
    });
    this.settled.catch(() => {}); // surfaced by finish()
  }

  add(start: number, vectors: ArrayLike<number>[]): void {
    if (this.failure) throw this.failure;
    const data = new Float32Array(vectors.length * this.dim);
    vectors.forEach((v, j) => {
      if (v.length !== this.dim)
        throw new Error(`vector ${start + j} has ${v.length} dimensions, expected ${this.dim}`);
      data.set(v, j * this.dim);
    });
    this.worker.postMessage({ kind: "batch", start, count: vectors.length, data }, [data.buffer]);
    this.added += vectors.length;
  }

  async finish(): Promise<hnswlib.HierarchicalNSW> {
    const dir = await mkdtemp(join(tmpdir(), "planqa-graph-"));
    try {
      const path = join(dir, "graph.index");
      this.worker.postMessage({ kind: "finish", path });
      await this.settled;
      const graph = new hnswlib.HierarchicalNSW("cosine", this.dim);
      await graph.readIndex(path);
      if (graph.getCurrentCount() !== this.added)
        throw new Error(`graph build returned ${graph.getCurrentCount()} points, ${this.added} were sent`);
      return graph;
    } finally {
      await this.abort();
      await rm(dir, { recursive: true, force: true });
    }
  }

  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
