// @ts-check
// Runs on a worker thread: inserts vectors into an hnswlib graph in the order they arrive and
// writes the graph to a file when told to finish. Plain JavaScript so that it starts the same
// under tsx, vitest and plain node (a worker does not inherit a TypeScript loader everywhere).
// Messages in: {kind:"batch", start, count, data: Float32Array} and {kind:"finish", path}.
// Messages out: {kind:"done"} or {kind:"error", message}.
import { parentPort, workerData } from "node:worker_threads";
import hnswlib from "hnswlib-node";

/** @type {{ dim: number, capacity: number, m: number, efConstruction: number }} */
const { dim, capacity, m, efConstruction } = workerData;
const graph = new hnswlib.HierarchicalNSW("cosine", dim);
graph.initIndex(capacity, m, efConstruction);
const port = parentPort;
if (!port) throw new Error("insert-worker must run on a worker thread");

port.on("message", async (msg) => {
  try {
    if (msg.kind === "batch") {
      /** @type {Float32Array} */
      const data = msg.data;
      for (let j = 0; j < msg.count; j++) graph.addPoint(Array.from(data.subarray(j * dim, (j + 1) * dim)), msg.start + j);
    } else if (msg.kind === "finish") {
      await graph.writeIndex(msg.path);
      port.postMessage({ kind: "done" });
    }
  } catch (err) {
    port.postMessage({ kind: "error", message: err instanceof Error ? err.message : String(err) });
  }
});
