import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Chunk, SourceDoc } from "../domain/types.js";
import { IngestFileError, errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import { DEFAULT_CHUNK_OPTIONS, chunkDocument, type ChunkOptions } from "./chunk.js";
import { cleanText } from "./clean.js";
import { LoaderRegistry } from "./loaders/registry.js";
import { utf8TextLoader } from "./loaders/text.js";
import { SIDECAR_FILE, SidecarSchema, inferMetadata, type Sidecar } from "./metadata.js";

export interface SkippedFile {
  file: string;
  reason: string;
  message: string;
}

export interface IngestResult {
  docs: SourceDoc[];
  chunks: Chunk[];
  /** sha256 of every file considered, the sidecar included: what the manifest compares. */
  files: Record<string, string>;
  skipped: SkippedFile[];
}

/** Loaders available today; later formats register here. */
export function defaultLoaders(): LoaderRegistry {
  return new LoaderRegistry().register(utf8TextLoader);
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

/** Hash of every corpus file and of the sidecar: enough to tell whether an index is stale. */
export async function hashCorpus(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const f of await listCorpusFiles(dir)) files[f] = sha256(await readFile(join(dir, f)));
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
    log.warn(`${SIDECAR_FILE} is invalid and was ignored (metadata is inferred instead): ${errorMessage(err).slice(0, 300)}`);
    return { sidecar: { documents: {} }, hash };
  }
}

export interface IngestOptions {
  loaders?: LoaderRegistry;
  chunk?: ChunkOptions;
  log: Logger;
  onFile?: (file: string, index: number, total: number) => void;
}

/**
 * Read every corpus file, clean, section and chunk it. A file that cannot be read is skipped with
 * a warning that names it; the rest goes on.
 */
export async function ingestCorpus(dir: string, opts: IngestOptions): Promise<IngestResult> {
  const loaders = opts.loaders ?? defaultLoaders();
  const { sidecar, hash: sidecarHash } = await readSidecar(dir, opts.log);
  const files = await listCorpusFiles(dir);
  const result: IngestResult = { docs: [], chunks: [], files: {}, skipped: [] };
  const skip = (file: string, reason: string, message: string) => {
    result.skipped.push({ file, reason, message });
    opts.log.warn(`skipped ${file}: ${message} (${reason})`);
  };
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    const path = join(dir, file);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (err) {
      skip(file, "unreadable", `无法读取：${errorMessage(err)}`);
      continue;
    }
    result.files[file] = sha256(bytes);
    const loader = loaders.find(file, bytes);
    if (!loader) {
      skip(file, "unsupported", `不支持的文件类型（支持：${loaders.extensions().join(" ")}）`);
      continue;
    }
    try {
      const { text } = await loader.load(bytes, file);
      const clean = cleanText(text);
      const doc = inferMetadata(file, clean.text, sidecar.documents[file]);
      const chunks = chunkDocument(doc, clean, opts.chunk ?? DEFAULT_CHUNK_OPTIONS);
      if (!chunks.length) {
        skip(file, "no-text", "没有可用的正文");
        continue;
      }
      result.docs.push(doc);
      result.chunks.push(...chunks);
    } catch (err) {
      if (err instanceof IngestFileError) skip(file, err.reason, err.userMessage);
      else skip(file, "failed", errorMessage(err));
    }
  }
  if (sidecarHash) result.files[SIDECAR_FILE] = sidecarHash;
  for (const f of Object.keys(sidecar.documents)) if (!files.includes(f)) opts.log.warn(`${SIDECAR_FILE} describes ${f}, which is not in the corpus`);
  return result;
}
