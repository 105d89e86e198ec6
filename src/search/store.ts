import { access, mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import hnswlib from "hnswlib-node";
import { z } from "zod";
import { type Commitment, extractAll, warnSkipped } from "../commitments/extract.js";
import { CommitmentTable } from "../commitments/table.js";
import { type Chunk, DOC_KINDS, type SourceDoc } from "../domain/types.js";
import { errorMessage, IndexError } from "../errors.js";
import type { LoaderRegistry } from "../ingest/loaders/registry.js";
import { hashCorpus, type IngestResult, ingestCorpus, type SkippedFile } from "../ingest/pipeline.js";
import type { Logger } from "../log.js";
import { Bm25Index } from "./bm25.js";
import type { PlanEmbeddings } from "./embeddings.js";
import { graphBuilder, type HnswParams } from "./graph/build.js";
import { createInt8Rows, type Int8Rows } from "./simd/scan.js";
import { SPLIT_SCAN_FROM } from "./simd/shards.js";
import { addWords, lexicalTokens, TOKENIZER_ID } from "./tokenize.js";

/** Bump when the on-disk layout, the chunking or the commitments read from chunks change: old indexes are then rebuilt. */
export const INDEX_SCHEMA_VERSION = 30;

export const ManifestSchema = z.object({
  schema: z.literal(INDEX_SCHEMA_VERSION),
  createdAt: z.string(),
  embedder: z.object({ id: z.string(), dimension: z.number().int().positive() }),
  tokenizer: z.string(),
  files: z.record(z.string(), z.string()),
  skipped: z.array(z.object({ file: z.string(), reason: z.string(), message: z.string() })),
  chunkCount: z.number().int().nonnegative(),
  townships: z.array(z.string()),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const DocSchema = z.object({
  docId: z.string(),
  file: z.string(),
  title: z.string(),
  township: z.string().nullable(),
  county: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  years: z.array(z.number()),
  kinds: z.array(z.enum(DOC_KINDS)),
  encoding: z.string(),
  fromSidecar: z.array(z.string()),
});

/** Everything a retriever needs, loaded in memory. */
export interface SearchIndex {
  manifest: Manifest;
  docs: SourceDoc[];
  chunks: Chunk[];
  bm25: Bm25Index;
  /** The HNSW graph (through LangChain's HNSWLib store: label i = chunk i). */
  vectors: HNSWLib | null;
  /** The same vectors, row i = chunk i, L2-normalised and quantised to int8 with a scale per row: exact search inside narrow filters. */
  matrix: QuantizedMatrix | null;
  embeddings: PlanEmbeddings;
  /** Quantified targets and results, extracted at ingest time. */
  commitments: Commitment[];
  /**
   * The same rows as a table that reads only the rows a query needs (a saved index keeps them on
   * disk: at 1M chunks they are millions of rows). Absent: a table over `commitments`.
   */
  commitmentTable?: () => Promise<CommitmentTable>;
}

/** Row-major vectors, value ≈ data[i·dim + d] / scales[i] (scales absent: 1). The index keeps
 * int8 rows with a scale each; the benchmark's exact baseline uses float rows. */
export interface QuantizedMatrix {
  dim: number;
  data: Int8Array | Float32Array;
  scales?: Float32Array;
  /** Exact top-k with WebAssembly SIMD, when the rows live in its memory (see simd/scan.ts). */
  topK?: Int8Rows["topK"];
}

/** Quantise one normalised row into `out` at `row`. */
export function quantizeRow(m: QuantizedMatrix, row: number, v: ArrayLike<number>): void {
  let norm = 0;
  for (let d = 0; d < m.dim; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  let max = 0;
  for (let d = 0; d < m.dim; d++) max = Math.max(max, Math.abs(v[d]! / norm));
  const scale = max ? 127 / max : 1;
  for (let d = 0; d < m.dim; d++) m.data[row * m.dim + d] = Math.round((v[d]! / norm) * scale);
  m.scales![row] = scale;
}

export type { HnswParams };
/** hnswlib build parameters, chosen from measurements (see docs/benchmarks.md). */
export const DEFAULT_HNSW: HnswParams = { m: 24, efConstruction: 200 };

/**
 * Text indexed for a chunk: the document title (cadres name documents: "2023年政府工作要点") and
 * the section headings give it context its sentences may lack. A news report's title is its own
 * headline or first sentence, already in its first chunk: indexed again with every chunk it would
 * only weigh the report's opening words over what each chunk says (measured on CRUD-RAG).
 */
export function indexText(chunk: Chunk): string {
  const title = chunk.kinds.includes("新闻") ? "" : chunk.title;
  return `${title}\n${chunk.sectionPath.join(" ")}\n${chunk.text}`;
}

const FILES = {
  manifest: "manifest.json",
  store: "chunks.json",
  columns: "chunks.cols",
  texts: "texts.bin",
  bm25: "bm25.json",
  bm25Body: "bm25.bin",
  embedder: "embedder.json",
  commitments: "commitments.jsonl",
  vectors: "vectors",
  matrix: "vectors.i8",
  scales: "vectors.scale",
};

/** Build an index in memory from ingest output. */
export async function buildSearchIndex(
  ingest: IngestResult,
  embeddings: PlanEmbeddings,
  hnsw: HnswParams = DEFAULT_HNSW,
  opts: { workerFrom?: number; log?: Logger } = {},
): Promise<SearchIndex> {
  const townships = [...new Set(ingest.docs.map((d) => d.township).filter((t): t is string => !!t))];
  addWords(townships);
  const texts = ingest.chunks.map(indexText);
  embeddings.fit?.(texts);
  const dimension = await embeddings.dimension();
  let vectors: HNSWLib | null = null;
  let matrix: QuantizedMatrix | null = null;
  // Graph insertion (on a worker thread for big corpora) overlaps with BM25 and commitments here.
  const builder = texts.length ? graphBuilder(texts.length, dimension, hnsw, opts) : null;
  let bm25: Bm25Index;
  let commitments: Commitment[];
  try {
    if (builder) {
      matrix = createInt8Rows(texts.length, dimension);
      const BATCH = 256;
      for (let start = 0; start < texts.length; start += BATCH) {
        const batch = await embeddings.embedDocuments(texts.slice(start, start + BATCH));
        builder.add(start, batch);
        batch.forEach((v, j) => quantizeRow(matrix!, start + j, v));
      }
    }
    bm25 = Bm25Index.build(
      (function* () {
        for (const t of texts) yield lexicalTokens(t);
      })(),
    );
    // a sentence the commitments reader cannot read costs that chunk's items, never the index
    commitments = extractAll(ingest.chunks, warnSkipped(opts.log));
    if (builder) {
      // label i is chunk i; LangChain's docstore (label → document) is neither needed nor saved
      const index = await builder.finish();
      vectors = new HNSWLib(embeddings, { space: "cosine", numDimensions: dimension, index });
    }
  } catch (err) {
    await builder?.abort();
    throw err;
  }
  const manifest: Manifest = {
    schema: INDEX_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    embedder: { id: embeddings.id, dimension },
    tokenizer: TOKENIZER_ID,
    files: ingest.files,
    skipped: ingest.skipped,
    chunkCount: ingest.chunks.length,
    townships,
  };
  return { manifest, docs: ingest.docs, chunks: ingest.chunks, bm25, vectors, matrix, embeddings, commitments };
}

/**
 * Write an index to `dir` atomically: everything goes to a sibling temp folder, which then
 * replaces `dir` by rename; readers never see a half-written index and a crash leaves the old one.
 */
export async function saveSearchIndex(index: SearchIndex, dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  await removeAbandoned(dir);
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const old = `${dir}.old-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  try {
    const { store, columns, text } = encodeStore(index.docs, index.chunks);
    await writeFile(join(tmp, FILES.store), JSON.stringify(store));
    await writeFile(join(tmp, FILES.columns), columns);
    await writeFile(join(tmp, FILES.texts), text, "utf8");
    const bm = index.bm25.serialize();
    await writeFile(join(tmp, FILES.bm25), bm.header);
    await writeFile(join(tmp, FILES.bm25Body), bm.body);
    if (index.matrix) {
      await writeFile(
        join(tmp, FILES.matrix),
        Buffer.from(index.matrix.data.buffer, index.matrix.data.byteOffset, index.matrix.data.byteLength),
      );
      const scales = index.matrix.scales ?? new Float32Array(index.chunks.length).fill(1);
      await writeFile(join(tmp, FILES.scales), Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength));
    }
    await writeFile(join(tmp, FILES.embedder), JSON.stringify(index.embeddings.exportState?.() ?? null));
    await CommitmentTable.write(join(tmp, FILES.commitments), index.commitments);
    if (index.vectors) {
      await mkdir(join(tmp, FILES.vectors));
      await index.vectors.index.writeIndex(join(tmp, FILES.vectors, "hnswlib.index"));
    }
    // the manifest goes last: a folder without one is never taken for an index
    await writeFile(join(tmp, FILES.manifest), JSON.stringify(index.manifest, null, 2));
    const hadOld = await rename(dir, old).then(
      () => true,
      () => false,
    );
    try {
      await rename(tmp, dir);
    } catch (err) {
      if (hadOld) await rename(old, dir); // put the previous index back
      throw err;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Temp and old folders left beside `dir` by a process that died mid-save. */
async function removeAbandoned(dir: string): Promise<void> {
  const base = basename(dir);
  const entries = await readdir(dirname(dir)).catch(() => [] as string[]);
  for (const name of entries) {
    const m = name.startsWith(base) ? /^\.(?:tmp|old)-(\d+)-\d+$/.exec(name.slice(base.length)) : null;
    if (!m || isAlive(Number(m[1]))) continue;
    await rm(join(dirname(dir), name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function readManifest(dir: string): Promise<Manifest> {
  const raw: unknown = JSON.parse(await readFile(join(dir, FILES.manifest), "utf8"));
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (typeof schema === "number" && schema !== INDEX_SCHEMA_VERSION) {
    throw new IndexError(
      dir,
      "version",
      `index written by another version (schema ${schema}, this version reads ${INDEX_SCHEMA_VERSION})`,
    );
  }
  return ManifestSchema.parse(raw);
}

/** A typed view on a file's bytes, without a copy when the buffer is aligned. */
function view<T>(buf: Buffer, bytesPer: number, make: (b: ArrayBufferLike, offset: number, length: number) => T): T {
  if (buf.byteOffset % bytesPer === 0) return make(buf.buffer, buf.byteOffset, buf.length / bytesPer);
  const copy = new ArrayBuffer(buf.length);
  new Uint8Array(copy).set(buf);
  return make(copy, 0, buf.length / bytesPer);
}

/** The saved hnswlib graph, read straight into hnswlib (LangChain's docstore, label → chunk id, is not needed to search). */
export async function readGraph(dir: string, n: number, dim: number): Promise<hnswlib.HierarchicalNSW> {
  const graph = new hnswlib.HierarchicalNSW("cosine", dim);
  await graph.readIndex(join(dir, FILES.vectors, "hnswlib.index"));
  if (graph.getCurrentCount() !== n)
    throw new IndexError(
      dir,
      "inconsistent",
      `the vector graph has ${graph.getCurrentCount()} points, the chunk store ${n}`,
    );
  return graph;
}

/**
 * The int8 rows (read straight into the WebAssembly memory the exact scan runs over) and, unless
 * every search will scan them, the hnswlib graph.
 */
async function readVectors(
  dir: string,
  n: number,
  dim: number,
  graphFrom: number,
): Promise<{ graph: hnswlib.HierarchicalNSW | null; rows: Int8Rows }> {
  const rows = createInt8Rows(n, dim);
  // a province-sized index with the SIMD scan searches by the split scan alone: its graph
  // (float vectors and links, ≈1.3 GB at 1.1M chunks) is neither read nor kept
  const withGraph = n < graphFrom || !rows.topK;
  const [graph, read, scales] = await Promise.all([
    withGraph ? readGraph(dir, n, dim) : null,
    readInto(join(dir, FILES.matrix), new Uint8Array(rows.data.buffer, rows.data.byteOffset, rows.data.byteLength)),
    readFile(join(dir, FILES.scales)),
  ]);
  if (!read || scales.length !== n * 4)
    throw new IndexError(dir, "inconsistent", "the vector rows or their scales have the wrong size");
  rows.scales.set(view(scales, 4, (b, o, len) => new Float32Array(b, o, len)));
  return { graph, rows };
}

/** Fill `target` with a file's bytes; false when the file's size differs from the target's. */
async function readInto(path: string, target: Uint8Array): Promise<boolean> {
  return (await readWhole(path, (size) => (size === target.byteLength ? target : null))) !== null;
}

/** A file's bytes, read once into the array `into(size)` gives; null when it gives none, or the file ends early. */
async function readWhole(path: string, into: (size: number) => Uint8Array | null): Promise<Uint8Array | null> {
  const fh = await open(path, "r");
  try {
    const target = into((await fh.stat()).size);
    if (!target) return null;
    for (let at = 0; at < target.byteLength; ) {
      const { bytesRead } = await fh.read(target, at, Math.min(target.byteLength - at, 1 << 26), at);
      if (bytesRead === 0) return null;
      at += bytesRead;
    }
    return target;
  } finally {
    await fh.close();
  }
}

/** See `LoadOptions.sharedPostingsFrom`; the lexical worker starts from 50k chunks (`HybridRetriever`). */
export const SHARED_POSTINGS_FROM = 50_000;

export interface LoadOptions {
  /** From how many chunks the graph is left on disk (every vector search is the split exact scan). */
  graphFrom?: number;
  /**
   * From how many chunks BM25's postings are read into shared memory, so the lexical worker reads
   * the same bytes instead of a copy (at 1.1M chunks a copy is ≈1.1 GB).
   */
  sharedPostingsFrom?: number;
}

/** A file's bytes in a SharedArrayBuffer (threads given views of it share them). */
async function readShared(path: string): Promise<Uint8Array> {
  const bytes = await readWhole(path, (size) => new Uint8Array(new SharedArrayBuffer(size)));
  if (!bytes) throw new Error(`${basename(path)} changed while it was read`);
  return bytes;
}

/** Load a saved index; throws on any missing or malformed part (the caller rebuilds). */
export async function loadSearchIndex(
  dir: string,
  embeddings: PlanEmbeddings,
  opts: LoadOptions = {},
): Promise<SearchIndex> {
  const manifest = await readManifest(dir);
  const n = manifest.chunkCount;
  const dim = manifest.embedder.dimension;
  // The vectors are read on libuv's threads (hnswlib's reader, file reads into the int8 rows)
  // while this thread parses the chunk store and BM25.
  const vectorsRead = n ? readVectors(dir, n, dim, opts.graphFrom ?? SPLIT_SCAN_FROM) : Promise.resolve(null);
  vectorsRead.catch(() => undefined); // awaited below; a failure there must not go unhandled first
  const reads = Promise.all([
    readFile(join(dir, FILES.store), "utf8"),
    readFile(join(dir, FILES.columns)),
    readFile(join(dir, FILES.texts)),
    readFile(join(dir, FILES.bm25), "utf8"),
    n >= (opts.sharedPostingsFrom ?? SHARED_POSTINGS_FROM)
      ? readShared(join(dir, FILES.bm25Body))
      : readFile(join(dir, FILES.bm25Body)),
    readFile(join(dir, FILES.embedder), "utf8"),
  ]);
  reads.catch(() => undefined);
  // jieba loads its dictionary (≈0.2 s) on this thread while the files are read
  addWords(manifest.townships);
  const [storeRaw, columns, textBlob, bmHeader, bmBody, embedderState] = await reads;
  const store = parseStore(JSON.parse(storeRaw), columns, textBlob);
  if (store.chunks.length !== n)
    throw new IndexError(dir, "inconsistent", `chunk store has ${store.chunks.length} chunks, manifest says ${n}`);
  const bm25 = Bm25Index.deserialize(bmHeader, bmBody);
  if (bm25.size !== n)
    throw new IndexError(dir, "inconsistent", `bm25 has ${bm25.size} documents, the chunk store ${n}`);
  const state: unknown = JSON.parse(embedderState);
  if (state !== null) embeddings.importState?.(state);
  const read = await vectorsRead;
  const vectors = read?.graph
    ? new HNSWLib(embeddings, { space: "cosine", numDimensions: dim, index: read.graph })
    : null;
  const matrix: QuantizedMatrix | null = read?.rows ?? null;
  const commitmentsPath = join(dir, FILES.commitments);
  await Promise.all(
    [commitmentsPath, `${commitmentsPath}.cols`, `${commitmentsPath}.names.json`].map((p) => access(p)),
  );
  const loaded: SearchIndex = {
    manifest,
    docs: store.docs,
    chunks: store.chunks,
    bm25,
    vectors,
    matrix,
    embeddings,
    commitments: [],
  };
  // the commitments are read on first use, and by the table only the rows a query needs: most
  // processes (a bot answering questions) never need them all
  let commitments: Commitment[] | null = null;
  Object.defineProperty(loaded, "commitments", {
    enumerable: true,
    get: () => (commitments ??= CommitmentTable.readAllSync(commitmentsPath)),
  });
  loaded.commitmentTable = () => CommitmentTable.open(commitmentsPath); // the backend keeps the table it opens
  return loaded;
}

/**
 * The chunk store on disk is columnar: one int32 per chunk and field in a binary file
 * (`chunks.cols`), pointing into small tables of the distinct values (section paths, year and kind
 * sets, titles, townships) kept in `chunks.json`, and all texts in one UTF-8 file cut by character
 * offsets. Reading typed columns and slicing one decoded string cost a fraction of parsing a JSON
 * object (or a JSON array of numbers) per chunk, which dominated the cold start at 1M chunks.
 */
const StoredSchema = z.object({
  docs: z.array(DocSchema),
  tables: z.object({
    paths: z.array(z.array(z.string())),
    years: z.array(z.array(z.number())),
    kinds: z.array(z.array(z.enum(DOC_KINDS))),
    strings: z.array(z.string().nullable()),
  }),
  /** Ids, only when some chunk's id is not `docId#ord`. */
  ids: z.array(z.string()).nullable(),
  /** Length of each column in chunks.cols, in the order of COLUMNS. */
  lengths: z.array(z.number().int().nonnegative()),
});
type Stored = z.infer<typeof StoredSchema>;

/**
 * The int32 columns, in file order: document, ordinal, span (two each), section path, years,
 * kinds, title, township (indices into the tables), table rows (the chunks that are rows), and
 * the character offsets of each chunk's text in texts.bin (n + 1 of them).
 */
const COLUMNS = ["doc", "ord", "span", "path", "years", "kinds", "title", "township", "rows", "text"] as const;
type Columns = Record<(typeof COLUMNS)[number], Int32Array>;

function encodeStore(docs: SourceDoc[], chunks: Chunk[]): { store: Stored; columns: Buffer; text: string } {
  const tables: Stored["tables"] = { paths: [], years: [], kinds: [], strings: [] };
  const interners = new Map<string, Map<string, number>>();
  const intern = <T>(table: T[], name: string, value: T): number => {
    let seen = interners.get(name);
    if (!seen) interners.set(name, (seen = new Map()));
    const key = JSON.stringify(value);
    let at = seen.get(key);
    if (at === undefined) {
      at = table.push(value) - 1;
      seen.set(key, at);
    }
    return at;
  };
  const docIndex = new Map(docs.map((d, i) => [d.docId, i]));
  const n = chunks.length;
  const cols: Columns = {
    doc: new Int32Array(n),
    ord: new Int32Array(n),
    span: new Int32Array(2 * n),
    path: new Int32Array(n),
    years: new Int32Array(n),
    kinds: new Int32Array(n),
    title: new Int32Array(n),
    township: new Int32Array(n),
    rows: Int32Array.from(chunks.flatMap((c, i) => (c.isRow ? [i] : []))),
    text: new Int32Array(n + 1),
  };
  const ids: string[] = [];
  let plainIds = true;
  const texts: string[] = [];
  let offset = 0;
  chunks.forEach((c, i) => {
    const d = docIndex.get(c.docId);
    if (d === undefined) throw new Error(`chunk ${c.id} names a document not in the index`);
    cols.doc[i] = d;
    cols.ord[i] = c.ord;
    cols.span[2 * i] = c.span[0];
    cols.span[2 * i + 1] = c.span[1];
    cols.path[i] = intern(tables.paths, "paths", c.sectionPath);
    cols.years[i] = intern(tables.years, "years", c.years);
    cols.kinds[i] = intern(tables.kinds, "kinds", c.kinds);
    cols.title[i] = intern(tables.strings, "strings", c.title);
    cols.township[i] = intern(tables.strings, "strings", c.township);
    ids.push(c.id);
    if (c.id !== `${c.docId}#${c.ord}`) plainIds = false;
    texts.push(c.text);
    offset += c.text.length;
    cols.text[i + 1] = offset;
  });
  const columns = Buffer.concat(
    COLUMNS.map((k) => Buffer.from(cols[k].buffer, cols[k].byteOffset, cols[k].byteLength)),
  );
  return {
    store: { docs, tables, ids: plainIds ? null : ids, lengths: COLUMNS.map((k) => cols[k].length) },
    columns,
    text: texts.join(""),
  };
}

/** The chunk store, checked (tables with zod, columns by length and range), with texts cut from the blob. */
function parseStore(raw: unknown, colBytes: Uint8Array, blob: Buffer): { docs: SourceDoc[]; chunks: Chunk[] } {
  const { docs, tables, ids, lengths } = StoredSchema.parse(raw);
  if (lengths.length !== COLUMNS.length || 4 * lengths.reduce((a, b) => a + b, 0) !== colBytes.byteLength)
    throw new Error("chunk store columns do not match their file");
  // one copy into an aligned buffer (a file read may start anywhere in a pooled buffer)
  const all = new Int32Array(colBytes.byteLength / 4);
  new Uint8Array(all.buffer).set(colBytes);
  const c = {} as Columns;
  let at = 0;
  COLUMNS.forEach((k, i) => {
    c[k] = all.subarray(at, at + lengths[i]!);
    at += lengths[i]!;
  });
  const n = c.doc.length;
  const text = blob.toString("utf8");
  const sameLength =
    [c.ord, c.path, c.years, c.kinds, c.title, c.township].every((col) => col.length === n) &&
    c.span.length === 2 * n &&
    c.text.length === n + 1;
  if (!sameLength || (ids && ids.length !== n)) throw new Error("chunk store columns differ in length");
  if (c.text[n] !== text.length) throw new Error("chunk texts do not match the store");
  const inRange = (col: Int32Array, size: number) => {
    for (const x of col) if (x < 0 || x >= size) return false;
    return true;
  };
  if (
    !inRange(c.doc, docs.length) ||
    !inRange(c.path, tables.paths.length) ||
    !inRange(c.years, tables.years.length) ||
    !inRange(c.kinds, tables.kinds.length) ||
    !inRange(c.title, tables.strings.length) ||
    !inRange(c.township, tables.strings.length) ||
    !inRange(c.rows, n)
  ) {
    throw new Error("chunk store points outside its tables");
  }
  const chunks: Chunk[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const doc = docs[c.doc[i]!]!;
    const ord = c.ord[i]!;
    const title = tables.strings[c.title[i]!];
    if (typeof title !== "string") throw new Error("chunk store has a chunk without a title");
    chunks[i] = {
      id: ids ? ids[i]! : `${doc.docId}#${ord}`,
      docId: doc.docId,
      title,
      township: tables.strings[c.township[i]!] ?? null,
      years: tables.years[c.years[i]!]!,
      kinds: tables.kinds[c.kinds[i]!]!,
      sectionPath: tables.paths[c.path[i]!]!,
      text: text.substring(c.text[i]!, c.text[i + 1]!),
      span: [c.span[2 * i]!, c.span[2 * i + 1]!],
      ord,
    };
  }
  for (const r of c.rows) chunks[r]!.isRow = true;
  return { docs, chunks };
}

export interface OpenIndexOptions {
  corpusDir: string;
  indexDir: string;
  embeddings: PlanEmbeddings;
  log: Logger;
  loaders?: LoaderRegistry;
  /** Rebuild even when the index looks current. */
  force?: boolean;
  maxFileBytes?: number;
  onFile?: (file: string, index: number, total: number) => void;
}

export interface OpenedIndex {
  index: SearchIndex;
  status: "loaded" | "built" | "rebuilt";
  /** Why it was (re)built, for the one-line message. */
  reason: string | null;
  skipped: SkippedFile[];
  /** Files whose chunks were taken over from the previous index on a rebuild. */
  reused: string[];
}

/** The previous index's files and chunks, when they can be read, for incremental ingest. */
async function readPrevious(
  dir: string,
): Promise<{ files: Record<string, string>; docs: SourceDoc[]; chunks: Chunk[] } | null> {
  try {
    const manifest = await readManifest(dir);
    const store = parseStore(
      JSON.parse(await readFile(join(dir, FILES.store), "utf8")),
      await readFile(join(dir, FILES.columns)),
      await readFile(join(dir, FILES.texts)),
    );
    return { files: manifest.files, docs: store.docs, chunks: store.chunks };
  } catch {
    return null;
  }
}

/** Why a saved manifest does not fit the current corpus and embedder, or null when it does. */
export function staleReason(manifest: Manifest, files: Record<string, string>, embedderId: string): string | null {
  if (manifest.embedder.id !== embedderId) return `embedder changed (${manifest.embedder.id} → ${embedderId})`;
  if (manifest.tokenizer !== TOKENIZER_ID) return "tokenizer changed";
  const a = Object.keys(manifest.files).sort();
  const b = Object.keys(files).sort();
  if (a.join("\n") !== b.join("\n")) return "corpus files added or removed";
  const changed = b.find((f) => manifest.files[f] !== files[f]);
  return changed ? `corpus file changed: ${changed}` : null;
}

/**
 * The index for a corpus: loaded when current; built on first use; rebuilt (with one line on the
 * log, never a stack trace) when the corpus or the embedder changed or the saved index is corrupt.
 */
export async function openIndex(opts: OpenIndexOptions): Promise<OpenedIndex> {
  const { corpusDir, indexDir, embeddings, log } = opts;
  let reason: string | null = opts.force ? "rebuild requested" : null;
  let status: OpenedIndex["status"] = "rebuilt";
  if (!reason) {
    let manifest: Manifest | null = null;
    try {
      manifest = await readManifest(indexDir);
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      reason = missing
        ? "no index yet"
        : err instanceof IndexError && err.reason === "version"
          ? err.message
          : err instanceof z.ZodError
            ? `index manifest unreadable (${err.issues[0]?.path.join(".") || "manifest"}: ${err.issues[0]?.message ?? "unexpected"})`
            : `index manifest unreadable (${errorMessage(err).split("\n")[0]})`;
      if (missing) status = "built";
    }
    if (manifest) {
      reason = staleReason(manifest, await hashCorpus(corpusDir), embeddings.id);
      if (!reason) {
        try {
          const index = await loadSearchIndex(indexDir, embeddings);
          return { index, status: "loaded", reason: null, skipped: manifest.skipped, reused: [] };
        } catch (err) {
          reason = `index corrupt (${errorMessage(err).split("\n")[0]!.slice(0, 160)})`;
        }
      }
    }
  }
  log.info(`${status === "built" ? "building" : "rebuilding"} index in ${indexDir}: ${reason}`);
  const started = performance.now();
  const previous = opts.force ? null : await readPrevious(indexDir);
  const ingest = await ingestCorpus(corpusDir, {
    log,
    ...(opts.loaders ? { loaders: opts.loaders } : {}),
    ...(previous ? { previous } : {}),
    ...(opts.maxFileBytes ? { maxFileBytes: opts.maxFileBytes } : {}),
    ...(opts.onFile ? { onFile: opts.onFile } : {}),
  });
  const index = await buildSearchIndex(ingest, embeddings, DEFAULT_HNSW, { log });
  await saveSearchIndex(index, indexDir);
  log.info(
    `indexed ${ingest.docs.length} documents (${ingest.reused.length} unchanged, taken over), ${ingest.chunks.length} chunks, ${ingest.skipped.length} skipped in ${Math.round(performance.now() - started)} ms`,
  );
  return { index, status, reason, skipped: ingest.skipped, reused: ingest.reused };
}
