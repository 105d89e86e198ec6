import { extractAll, warnSkipped } from "../commitments/extract.js";
import { type Chunk, listKey, type SourceDoc } from "../domain/types.js";
import { ITEM_MARKER } from "../domain/zh.js";
import { SIDECAR_FILE } from "../ingest/metadata.js";
import { type IngestSummary, ingestCorpus } from "../ingest/pipeline.js";
import type { Logger } from "../log.js";
import { yearsMentioned } from "../retrieve/hybrid.js";
import { indexText, type OpenIndexOptions } from "../search/store.js";
import { addWords, lexicalTokens, TOKENIZER_ID } from "../search/tokenize.js";
import { type Client, LOCK_INGEST, type Pool, transaction, vectorLiteral } from "./db.js";

/** What the index in PostgreSQL was built with; a change means a full re-ingest. */
export interface PgIndexMeta {
  embedder: { id: string; dimension: number };
  tokenizer: string;
  /** Fitted state of a model-free embedder (idf), shared by every replica that embeds questions. */
  embedderState: unknown;
  /** sha256 of the sidecar (metadata.json) the documents were read with. */
  sidecar: string | null;
  townships: string[];
}

/** The local index's options, without its folder, plus the INSERT batch size. */
export interface PgIngestOptions extends Omit<OpenIndexOptions, "indexDir"> {
  /** Chunks per INSERT statement. */
  batchSize?: number;
}

/** What an ingest did: the report both backends give, plus the files written and removed. */
export interface PgIngestReport extends IngestSummary {
  written: string[];
  removed: string[];
}

export async function readMeta(db: Pool | Client): Promise<PgIndexMeta | null> {
  const r = await db.query<{ value: PgIndexMeta }>("SELECT value FROM planqa_meta WHERE key = 'index'");
  return r.rows[0]?.value ?? null;
}

async function writeMeta(db: Client, meta: PgIndexMeta): Promise<void> {
  await db.query(
    "INSERT INTO planqa_meta (key, value) VALUES ('index', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    [JSON.stringify(meta)],
  );
}

/** The vector column typed to the embedder's dimension, with its HNSW cosine index. */
async function ensureVectorColumn(db: Client, dim: number): Promise<void> {
  await db.query("DROP INDEX IF EXISTS chunks_embedding_hnsw");
  await db.query(`ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(${dim})`);
}

async function createVectorIndex(db: Pool | Client): Promise<void> {
  await db.query(
    "CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)",
  );
}

/** Remove a document with its chunks, postings and commitments, keeping df and corpus size right. */
async function deleteDocument(db: Client, docId: string): Promise<void> {
  await db.query(
    `WITH gone AS (
       SELECT p.term, count(*)::int AS n FROM postings p JOIN chunks c ON c.cid = p.cid WHERE c.doc_id = $1 GROUP BY p.term)
     UPDATE term_df t SET df = t.df - gone.n FROM gone WHERE t.term = gone.term`,
    [docId],
  );
  await db.query("DELETE FROM term_df WHERE df <= 0");
  await db.query(
    `UPDATE corpus_stats SET chunks = corpus_stats.chunks - s.n, total_len = corpus_stats.total_len - s.len
     FROM (SELECT count(*) AS n, coalesce(sum(len), 0) AS len FROM chunks WHERE doc_id = $1) s WHERE corpus_stats.id = 1`,
    [docId],
  );
  await db.query("DELETE FROM documents WHERE doc_id = $1", [docId]);
}

interface Prepared {
  chunk: Chunk;
  tokens: string[];
  vector: number[];
}

/** Insert one document and its chunks (batched), postings, df and commitments. */
async function insertDocument(
  db: Client,
  doc: SourceDoc,
  sha: string,
  position: number,
  items: Prepared[],
  batchSize: number,
  log?: Logger,
): Promise<void> {
  await db.query("INSERT INTO documents (doc_id, file, sha256, doc, position) VALUES ($1, $2, $3, $4, $5)", [
    doc.docId,
    doc.file,
    sha,
    JSON.stringify(doc),
    position,
  ]);
  let totalLen = 0;
  for (let start = 0; start < items.length; start += batchSize) {
    const batch = items.slice(start, start + batchSize);
    const rows = batch.map(({ chunk: c, tokens, vector }) => {
      const last = c.sectionPath[c.sectionPath.length - 1];
      return {
        id: c.id,
        doc_id: c.docId,
        ord: c.ord,
        title: c.title,
        township: c.township,
        years: c.years,
        mentions: [...new Set(yearsMentioned(c))],
        kinds: c.kinds,
        section_path: c.sectionPath,
        list_key: last && ITEM_MARKER.test(last) ? listKey(c.docId, c.sectionPath.slice(0, -1)) : null,
        text: c.text,
        span_start: c.span[0],
        span_end: c.span[1],
        is_row: !!c.isRow,
        len: tokens.length,
        embedding: vectorLiteral(vector),
      };
    });
    const inserted = await db.query<{ cid: string; id: string }>(
      `INSERT INTO chunks (id, doc_id, ord, title, township, years, mentions, kinds, section_path, list_key, text, span_start, span_end, is_row, len, embedding)
       SELECT id, doc_id, ord, title, township, years, mentions, kinds, section_path, list_key, text, span_start, span_end, is_row, len, embedding::vector
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, doc_id text, ord int, title text, township text, years int[], mentions int[], kinds text[],
         section_path text[], list_key text, text text, span_start int, span_end int, is_row boolean, len real, embedding text)
       ORDER BY ord
       RETURNING cid, id`,
      [JSON.stringify(rows)],
    );
    const cidOf = new Map(inserted.rows.map((r) => [r.id, r.cid]));
    const terms: string[] = [];
    const cids: string[] = [];
    const tfs: number[] = [];
    const lens: number[] = [];
    for (const { chunk, tokens } of batch) {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      const cid = cidOf.get(chunk.id)!;
      for (const [t, n] of counts) {
        terms.push(t);
        cids.push(cid);
        tfs.push(n);
        lens.push(tokens.length);
      }
      totalLen += tokens.length;
    }
    await db.query(
      "INSERT INTO postings (term, cid, tf, len) SELECT * FROM unnest($1::text[], $2::bigint[], $3::real[], $4::real[])",
      [terms, cids, tfs, lens],
    );
    await db.query(
      `INSERT INTO term_df (term, df) SELECT term, count(*) FROM unnest($1::text[]) AS term GROUP BY term
       ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df`,
      [terms],
    );
  }
  await db.query("UPDATE corpus_stats SET chunks = chunks + $1, total_len = total_len + $2 WHERE id = 1", [
    items.length,
    totalLen,
  ]);
  // a sentence the commitments reader cannot read costs that chunk's items, never the document
  const commitments = extractAll(
    items.map((i) => i.chunk),
    warnSkipped(log),
  );
  if (commitments.length) {
    await db.query(
      `INSERT INTO commitments (doc_id, township, year, kind, body)
       SELECT $1, x->>'township', (x->>'year')::int, x->>'kind', x FROM jsonb_array_elements($2::jsonb) AS x`,
      [doc.docId, JSON.stringify(commitments)],
    );
  }
}

/**
 * Ingest a corpus folder into PostgreSQL. Files whose hash (and the sidecar's) match what the
 * database holds are left alone; every changed or new document is replaced in its own transaction
 * (so an interrupted ingest leaves each document either old or new, and the previous version is
 * what replicas serve until the commit); documents whose file is gone are removed. A different
 * embedder or tokenizer, or `force`, re-ingests everything and refits the model-free embedder.
 * Ingests are serialised across processes by an advisory lock.
 */
export async function ingestToPostgres(pool: Pool, opts: PgIngestOptions): Promise<PgIngestReport> {
  const { embeddings, log } = opts;
  const lock = await pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [LOCK_INGEST]);
    const meta = await readMeta(pool);
    const dimension = await embeddings.dimension();
    let reason: string | null = opts.force ? "rebuild requested" : null;
    if (!reason && !meta) reason = "no index yet";
    if (!reason && meta && meta.embedder.id !== embeddings.id)
      reason = `embedder changed (${meta.embedder.id} → ${embeddings.id})`;
    if (!reason && meta && meta.tokenizer !== TOKENIZER_ID) reason = "tokenizer changed";
    const full = reason !== null;
    const held = full
      ? []
      : (
          await pool.query<{ file: string; sha256: string; doc: SourceDoc }>(
            "SELECT file, sha256, doc FROM documents ORDER BY position",
          )
        ).rows;
    const previous = full
      ? undefined
      : {
          files: {
            ...Object.fromEntries(held.map((r) => [r.file, r.sha256])),
            ...(meta?.sidecar ? { [SIDECAR_FILE]: meta.sidecar } : {}),
          },
          docs: held.map((r) => r.doc),
          chunks: [],
        };
    const ingest = await ingestCorpus(opts.corpusDir, {
      log,
      ...(opts.loaders ? { loaders: opts.loaders } : {}),
      ...(previous ? { previous } : {}),
      ...(opts.maxFileBytes ? { maxFileBytes: opts.maxFileBytes } : {}),
      ...(opts.onFile ? { onFile: opts.onFile } : {}),
    });
    const townships = [...new Set(ingest.docs.map((d) => d.township).filter((t): t is string => !!t))];
    addWords(townships);
    const reused = new Set(ingest.reused);
    const fresh = ingest.docs.filter((d) => !reused.has(d.file));
    const keep = new Set(ingest.docs.map((d) => d.file));
    const removed = held.filter((r) => !keep.has(r.file));
    const heldByFile = new Map(held.map((r) => [r.file, r.doc.docId]));
    if (full) {
      embeddings.fit?.(ingest.chunks.map(indexText));
      await transaction(pool, async (db) => {
        await db.query("TRUNCATE documents, chunks, postings, term_df, commitments");
        await db.query("UPDATE corpus_stats SET chunks = 0, total_len = 0 WHERE id = 1");
        await ensureVectorColumn(db, dimension);
      });
    } else if (meta?.embedderState !== null && meta?.embedderState !== undefined) {
      embeddings.importState?.(meta.embedderState);
    }
    for (const r of removed) {
      log.info(`postgres: removing ${r.file} (no longer in the corpus, or unreadable now)`);
      await transaction(pool, (db) => deleteDocument(db, r.doc.docId));
    }
    const byDoc = new Map<string, Chunk[]>();
    for (const c of ingest.chunks) {
      const list = byDoc.get(c.docId);
      if (list) list.push(c);
      else byDoc.set(c.docId, [c]);
    }
    const position = new Map(ingest.docs.map((d, i) => [d.docId, i]));
    const batchSize = opts.batchSize ?? 500;
    for (const doc of fresh) {
      const chunks = byDoc.get(doc.docId) ?? [];
      const texts = chunks.map(indexText);
      const vectors = chunks.length ? await embeddings.embedDocuments(texts) : [];
      const items = chunks.map((chunk, i) => ({ chunk, tokens: lexicalTokens(texts[i]!), vector: vectors[i]! }));
      await transaction(pool, async (db) => {
        // the old version of this file goes in the same transaction: readers see old or new, never neither
        const old = heldByFile.get(doc.file);
        if (old) await deleteDocument(db, old);
        if (old !== doc.docId) await deleteDocument(db, doc.docId);
        await insertDocument(
          db,
          doc,
          ingest.files[doc.file] ?? "",
          position.get(doc.docId) ?? 0,
          items,
          batchSize,
          log,
        );
      });
    }
    // positions follow the corpus order (documents listed as in the local index)
    await pool.query(
      "UPDATE documents d SET position = x.position FROM unnest($1::text[], $2::int[]) AS x(doc_id, position) WHERE d.doc_id = x.doc_id",
      [ingest.docs.map((d) => d.docId), ingest.docs.map((_, i) => i)],
    );
    if (full) await createVectorIndex(pool);
    await transaction(pool, async (db) => {
      await writeMeta(db, {
        embedder: { id: embeddings.id, dimension },
        tokenizer: TOKENIZER_ID,
        embedderState: full ? (embeddings.exportState?.() ?? null) : (meta?.embedderState ?? null),
        sidecar: ingest.files[SIDECAR_FILE] ?? null,
        townships,
      });
      await db.query("UPDATE corpus_stats SET version = version + 1 WHERE id = 1");
    });
    await pool.query("ANALYZE chunks");
    await pool.query("ANALYZE postings");
    const counts = await pool.query<{ doc_id: string; n: string }>(
      "SELECT doc_id, count(*) AS n FROM chunks GROUP BY doc_id",
    );
    const chunkCounts = new Map(counts.rows.map((r) => [r.doc_id, Number(r.n)]));
    const status: PgIngestReport["status"] = full
      ? meta
        ? "rebuilt"
        : "built"
      : fresh.length || removed.length
        ? "updated"
        : "loaded";
    return {
      status,
      reason: reason ?? (status === "updated" ? `${fresh.length} documents written, ${removed.length} removed` : null),
      docs: ingest.docs,
      chunkCounts,
      chunkTotal: [...chunkCounts.values()].reduce((a, b) => a + b, 0),
      skipped: ingest.skipped,
      reused: ingest.reused,
      written: fresh.map((d) => d.file),
      removed: removed.map((r) => r.file),
    };
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [LOCK_INGEST]).catch(() => undefined);
    lock.release();
  }
}
