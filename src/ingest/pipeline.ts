import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Chunk, SourceDoc } from "../domain/types.js";
import { errorMessage, IngestFileError } from "../errors.js";
import type { Logger } from "../log.js";
import { type ChunkOptions, chunkDocument, DEFAULT_CHUNK_OPTIONS } from "./chunk.js";
import { cleanText } from "./clean.js";
import { docxLoader } from "./loaders/docx.js";
import { htmlLoader } from "./loaders/html.js";
import { pdfLoader } from "./loaders/pdf.js";
import { LoaderRegistry, sniff } from "./loaders/registry.js";
import { textLoader } from "./loaders/text.js";
import { inferMetadata, SIDECAR_FILE, type Sidecar, SidecarSchema } from "./metadata.js";

export interface SkippedFile {
  file: string;
  reason: string;
  message: string;
}

/** What opening or ingesting an index did, as `npm run ingest` reports it on either backend. */
export interface IngestSummary {
  status: "loaded" | "built" | "rebuilt" | "updated";
  reason: string | null;
  docs: SourceDoc[];
  chunkCounts: Map<string, number>;
  chunkTotal: number;
  skipped: SkippedFile[];
  /** Files left as they were (same content, same sidecar). */
  reused: string[];
}

export interface IngestResult {
  docs: SourceDoc[];
  chunks: Chunk[];
  /** Files whose chunks were taken over from the previous index (same content, same sidecar). */
  reused: string[];
  /** sha256 of every file considered, the sidecar included: what the manifest compares. */
  files: Record<string, string>;
  skipped: SkippedFile[];
}

/** Every format the product reads. Order matters only among loaders of one content format. */
export function defaultLoaders(): LoaderRegistry {
  return new LoaderRegistry().register(pdfLoader).register(docxLoader).register(htmlLoader).register(textLoader);
}

const IGNORED = /^(\.|readme(\.|$)|~\$)/i;

/** Corpus files (relative paths with "/"), sorted; hidden files, READMEs and the sidecar left out. */
export async function listCorpusFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (IGNORED.test(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && !(d === dir && e.name === SIDECAR_FILE)) out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  await walk(dir);
  return out.sort();
}

export const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** sha256 of a file, streamed (a file over the size limit is hashed without being held in memory). */
export async function hashFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Hash of every corpus file and of the sidecar: enough to tell whether an index is stale. */
export async function hashCorpus(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const f of await listCorpusFiles(dir)) files[f] = await hashFile(join(dir, f));
  const sidecar = await readFile(join(dir, SIDECAR_FILE)).catch(() => null);
  if (sidecar) files[SIDECAR_FILE] = sha256(sidecar);
  return files;
}

/** The sidecar and its hash; an invalid sidecar is reported and ignored (metadata is then inferred). */
export async function readSidecar(dir: string, log: Logger): Promise<{ sidecar: Sidecar; hash: string | null }> {
  let raw: Buffer;
  try {
    raw = await readFile(join(dir, SIDECAR_FILE));
  } catch {
    return { sidecar: { documents: {} }, hash: null };
  }
  const hash = sha256(raw);
  try {
    return { sidecar: SidecarSchema.parse(JSON.parse(raw.toString("utf8"))), hash };
  } catch (err) {
    log.warn(
      `${SIDECAR_FILE} is invalid and was ignored (metadata is inferred instead): ${errorMessage(err).slice(0, 300)}`,
    );
    return { sidecar: { documents: {} }, hash };
  }
}

export interface IngestOptions {
  loaders?: LoaderRegistry;
  chunk?: ChunkOptions;
  log: Logger;
  /** Files over this size are skipped (default 20 MB). */
  maxFileBytes?: number;
  /** The previous index's documents: unchanged files are taken over instead of re-read. */
  previous?: { files: Record<string, string>; docs: SourceDoc[]; chunks: Chunk[] };
  onFile?: (file: string, index: number, total: number) => void;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Read every corpus file, clean, section and chunk it. A file that cannot be read is skipped with
 * a warning that names it and the rest goes on. With `previous`, a file whose content hash (and
 * the sidecar) did not change keeps its chunks without being parsed again.
 */
export async function ingestCorpus(dir: string, opts: IngestOptions): Promise<IngestResult> {
  const loaders = opts.loaders ?? defaultLoaders();
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { sidecar, hash: sidecarHash } = await readSidecar(dir, opts.log);
  const files = await listCorpusFiles(dir);
  const result: IngestResult = { docs: [], chunks: [], reused: [], files: {}, skipped: [] };
  const prev = opts.previous && opts.previous.files[SIDECAR_FILE] === (sidecarHash ?? undefined) ? opts.previous : null;
  const usedIds = new Set<string>();
  const skip = (file: string, reason: string, message: string) => {
    result.skipped.push({ file, reason, message });
    opts.log.warn(`skipped ${file}: ${message} (${reason})`);
  };
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    const path = join(dir, file);
    let bytes: Uint8Array;
    try {
      const size = (await stat(path)).size;
      if (size > maxBytes || size === 0) {
        result.files[file] = await hashFile(path); // still part of the corpus: its arrival or removal counts
        if (size)
          skip(
            file,
            "too-large",
            `文件太大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${(maxBytes / 1024 / 1024).toFixed(0)} MB）`,
          );
        else skip(file, "empty", "文件是空的（0 字节）");
        continue;
      }
      bytes = await readFile(path);
    } catch (err) {
      skip(file, "unreadable", `无法读取：${errorMessage(err)}`);
      continue;
    }
    const hash = sha256(bytes);
    result.files[file] = hash;
    if (prev && prev.files[file] === hash) {
      const doc = prev.docs.find((d) => d.file === file);
      if (doc) {
        usedIds.add(doc.docId);
        result.docs.push(doc);
        result.chunks.push(...prev.chunks.filter((c) => c.docId === doc.docId));
        result.reused.push(file);
        continue;
      }
    }
    const unsupported = `不支持的文件类型（支持：${loaders.extensions().join(" ")}）`;
    const resolved = loaders.resolve(file, bytes);
    if (!resolved) {
      const what = sniff(bytes);
      if (what === "image")
        skip(file, "image", "文件是图片（扫描件或照片），没有可读的文字；请提供文字版，或先做文字识别（OCR）");
      else if (what === "binary") skip(file, "binary", "文件不是文本（像是二进制内容），也不是支持的文档格式");
      else skip(file, "unsupported", unsupported);
      continue;
    }
    try {
      const loaded = await resolved.loader.load(bytes, file);
      if (resolved.mismatch) opts.log.warn(`${file}: ${resolved.mismatch}`);
      for (const w of loaded.warnings ?? []) opts.log.warn(`${file}: ${w}`);
      const clean = cleanText(loaded.text);
      const doc = {
        ...inferMetadata(file, clean.text, sidecar.documents[file], loaded.title),
        encoding: loaded.encoding,
      };
      if (usedIds.has(doc.docId)) doc.docId = file; // a.txt and a.pdf: keep ids apart
      usedIds.add(doc.docId);
      const structure = {
        ...(loaded.headings ? { headings: loaded.headings } : {}),
        ...(loaded.rows ? { rows: loaded.rows } : {}),
      };
      const chunks = chunkDocument(doc, clean, opts.chunk ?? DEFAULT_CHUNK_OPTIONS, structure);
      if (!chunks.length) {
        skip(file, "no-text", "没有可用的正文");
        continue;
      }
      result.docs.push(doc);
      result.chunks.push(...chunks);
    } catch (err) {
      if (err instanceof IngestFileError && err.reason === "not-docx" && resolved.mismatch)
        skip(file, "unsupported", unsupported);
      else if (err instanceof IngestFileError) skip(file, err.reason, err.userMessage);
      else skip(file, "failed", errorMessage(err).split("\n")[0]!.slice(0, 200));
    }
  }
  if (sidecarHash) result.files[SIDECAR_FILE] = sidecarHash;
  for (const f of Object.keys(sidecar.documents))
    if (!files.includes(f)) opts.log.warn(`${SIDECAR_FILE} describes ${f}, which is not in the corpus`);
  return result;
}
