/**
 * Worker thread: BM25 search over the index's postings (shared memory, or a copy), so a question's lexical
 * search runs beside its vector search and a long one does not block the chat loop.
 * Out first: {ready: true}. In: {id, terms, k, list|null}. Out: {id, hits} or {id, error}.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type Bm25Arrays, Bm25Index, type WeightedTerm } from "../bm25.js";
import { FilterMarks } from "../marks.js";

export interface LexicalRequest {
  id: number;
  terms: WeightedTerm[];
  k: number;
  /** The scope's chunks, ascending; null for all. */
  list: Int32Array | null;
}

const port = parentPort;
if (!port) throw new Error("the lexical worker must run on a worker thread");
const index = Bm25Index.fromArrays(workerData as Bm25Arrays);
const filters = new FilterMarks(index.size);

port.postMessage({ ready: true });
port.on("message", (m: LexicalRequest) => {
  try {
    const allow = m.list ? filters.allow(m.list) : undefined;
    port.postMessage({ id: m.id, hits: index.search(m.terms, m.k, allow, m.list ?? undefined) });
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
