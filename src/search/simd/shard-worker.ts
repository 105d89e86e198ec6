/**
 * Worker thread: the exact int8 scan over one shard of the rows (a copy in its own WebAssembly
 * memory), so a province-sized unfiltered vector search runs on every core at once.
 * Out first: {ready: true}. In: {id, query, k}. Out: {id, hits} (indices global) or {id, error}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createInt8Rows } from "./scan.js";

export interface ShardData {
  dim: number;
  /** The shard's first row in the whole matrix. */
  offset: number;
  data: Int8Array;
  scales: Float32Array;
}

const port = parentPort;
if (!port) throw new Error("the shard worker must run on a worker thread");
const { dim, offset, data, scales } = workerData as ShardData;
const n = scales.length;
const rows = createInt8Rows(n, dim);
rows.data.set(data);
rows.scales.set(scales);
if (!rows.topK) throw new Error("the shard worker needs WebAssembly SIMD");
const topK = rows.topK;

port.postMessage({ ready: true });
port.on("message", (m: { id: number; query: number[]; k: number }) => {
  try {
    const hits = topK(m.query, m.k).map((h) => ({ index: h.index + offset, similarity: h.similarity }));
    port.postMessage({ id: m.id, hits });
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
