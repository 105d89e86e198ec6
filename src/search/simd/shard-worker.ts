/**
 * Worker thread: the exact int8 scan over one shard of the rows (a copy in its own WebAssembly
 * memory), so a province-sized vector search runs on every core at once.
 * Out first: {ready: true}. In: {id, query, k, rows?} (rows: global indices inside this shard,
 * ascending). Out: {id, hits} (indices global) or {id, error}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createInt8Rows } from "./scan.js";

export interface ShardData {
  dim: number;
  /** The shard's first row in the whole matrix. */
  offset: number;
  /** Transferred, copied into WebAssembly memory and then let go (the worker keeps one copy). */
  data: Int8Array | null;
  scales: Float32Array | null;
}

const port = parentPort;
if (!port) throw new Error("the shard worker must run on a worker thread");

/** The shard's rows in WebAssembly memory; the transferred arrays are dropped once copied. */
function loadShard(shard: ShardData) {
  const n = shard.scales!.length;
  const rows = createInt8Rows(n, shard.dim);
  rows.data.set(shard.data!);
  rows.scales.set(shard.scales!);
  shard.data = null;
  shard.scales = null;
  if (!rows.topK) throw new Error("the shard worker needs WebAssembly SIMD");
  return rows.topK;
}
const offset = (workerData as ShardData).offset;
const topK = loadShard(workerData as ShardData);

port.postMessage({ ready: true });
port.on("message", (m: { id: number; query: number[]; k: number; rows?: Int32Array }) => {
  try {
    let local: Int32Array | undefined;
    if (m.rows) {
      local = m.rows;
      for (let i = 0; i < local.length; i++) local[i]! -= offset;
    }
    const hits = topK(m.query, m.k, local).map((h) => ({ index: h.index + offset, similarity: h.similarity }));
    port.postMessage({ id: m.id, hits });
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
