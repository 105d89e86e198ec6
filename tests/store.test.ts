import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../src/log.js";
import { HybridRetriever } from "../src/retrieve/hybrid.js";
import { HashedNgramEmbeddings } from "../src/search/embeddings.js";
import { type OpenedIndex, openIndex, readManifest } from "../src/search/store.js";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const YINTIAN = "荫田镇2021年度工作总结及2022年工作计划.txt";
const DONGSHAN = "东山镇2022年工作计划.txt";
const EXTRA = "镇2026年度工作计划.txt";

let root: string;
let corpusDir: string;
let dataDir: string;
let indexDir: string;
let logLines: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "plan-qa-store-"));
  corpusDir = join(root, "corpus");
  dataDir = join(root, "data");
  indexDir = join(dataDir, "index");
  await mkdir(corpusDir);
  // read + write (not copy) so the copies are writable even though the originals are read-only
  for (const f of [YINTIAN, DONGSHAN]) await writeFile(join(corpusDir, f), await readFile(join(CORPUS, f)));
  logLines = [];
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (dim = 512, extra: { force?: boolean } = {}): Promise<OpenedIndex> =>
  openIndex({
    corpusDir,
    indexDir,
    embeddings: new HashedNgramEmbeddings(dim),
    log: createLogger("info", (l) => logLines.push(l)),
    ...extra,
  });

/** Sibling entries of the index folder (temp or old folders would show up here). */
const siblings = async () => (await readdir(dataDir)).sort();

describe("openIndex lifecycle", () => {
  it("builds on first use, then loads", async () => {
    const first = await open();
    expect(first.status).toBe("built");
    expect(first.reason).toBe("no index yet");
    expect(first.index.chunks.length).toBeGreaterThan(10);
    expect(first.index.docs.map((d) => d.file).sort()).toEqual([DONGSHAN, YINTIAN].sort());
    expect(Object.keys(first.index.manifest.files).sort()).toEqual([DONGSHAN, YINTIAN].sort());
    expect(first.index.manifest.townships.sort()).toEqual(["东山镇", "荫田镇"].sort());
    expect(logLines.some((l) => l.startsWith("[info] building index") && l.includes("no index yet"))).toBe(true);
    expect(await readdir(indexDir)).toEqual(
      expect.arrayContaining(["manifest.json", "chunks.json", "bm25.json", "embedder.json", "vectors"]),
    );

    logLines.length = 0;
    const second = await open();
    expect(second.status).toBe("loaded");
    expect(second.reason).toBeNull();
    expect(second.index.chunks).toEqual(first.index.chunks);
    expect(second.index.docs).toEqual(first.index.docs);
    expect(second.index.manifest).toEqual(first.index.manifest);
    expect(logLines.filter((l) => /build|rebuild/.test(l))).toEqual([]);
  });

  it("rebuilds when a corpus file is edited, naming the file", async () => {
    await open();
    await writeFile(
      join(corpusDir, DONGSHAN),
      `${await readFile(join(corpusDir, DONGSHAN), "utf8")}\n（十）新增一项：建设东山镇智慧停车场300个车位。\n`,
    );
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toBe(`corpus file changed: ${DONGSHAN}`);
    expect(r.index.chunks.some((c) => c.text.includes("智慧停车场"))).toBe(true);
    expect(logLines.some((l) => l.includes("rebuilding index") && l.includes(DONGSHAN))).toBe(true);
    expect((await open()).status).toBe("loaded");
  });

  it("rebuilds when a corpus file is added", async () => {
    const before = await open();
    await writeFile(join(corpusDir, EXTRA), await readFile(join(CORPUS, EXTRA)));
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/added or removed/);
    expect(r.index.docs).toHaveLength(3);
    expect(r.index.chunks.length).toBeGreaterThan(before.index.chunks.length);
    expect((await open()).status).toBe("loaded");
  });

  it("rebuilds when a corpus file is removed", async () => {
    await open();
    await unlink(join(corpusDir, DONGSHAN));
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/added or removed/);
    expect(r.index.docs.map((d) => d.file)).toEqual([YINTIAN]);
    expect(r.index.chunks.every((c) => c.docId.includes("荫田镇"))).toBe(true);
    expect(Object.keys(r.index.manifest.files)).toEqual([YINTIAN]);
  });

  it("rebuilds when a metadata.json sidecar appears", async () => {
    await open();
    await writeFile(
      join(corpusDir, "metadata.json"),
      JSON.stringify({ documents: { [DONGSHAN]: { title: "东山镇2022年度计划（修订）" } } }),
    );
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.index.docs.find((d) => d.file === DONGSHAN)?.title).toBe("东山镇2022年度计划（修订）");
    expect((await open()).status).toBe("loaded");
  });

  it("ignores README and hidden files when deciding staleness", async () => {
    await open();
    await writeFile(join(corpusDir, "README.md"), "说明");
    await writeFile(join(corpusDir, ".DS_Store"), "x");
    expect((await open()).status).toBe("loaded");
  });

  it("rebuilds when the embedder dimension changes", async () => {
    const a = await open(512);
    expect(a.index.manifest.embedder).toEqual({ id: "hashed-char-ngram-tfidf-v1/512", dimension: 512 });
    const b = await open(256);
    expect(b.status).toBe("rebuilt");
    expect(b.reason).toMatch(/embedder changed.*\/512.*\/256/);
    expect(b.index.manifest.embedder.dimension).toBe(256);
    expect(b.index.vectors?.index.getNumDimensions()).toBe(256);
    expect((await readManifest(indexDir)).embedder.dimension).toBe(256);
    expect((await open(256)).status).toBe("loaded");
  });

  it("rebuilds when forced", async () => {
    await open();
    const r = await open(512, { force: true });
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toBe("rebuild requested");
  });
});

describe("openIndex on a damaged index", () => {
  const damage = async (file: string, content: string) => {
    await open();
    await writeFile(join(indexDir, file), content);
    logLines.length = 0;
  };

  it("garbage manifest.json → rebuilt, one log line, no throw", async () => {
    await damage("manifest.json", "\u0000\u0001garbage{{{");
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/^index manifest unreadable/);
    expect(r.reason).not.toContain("\n");
    const rebuildLines = logLines.filter((l) => l.includes("rebuilding index"));
    expect(rebuildLines).toHaveLength(1);
    expect(logLines.some((l) => /\n\s+at /.test(l))).toBe(false);
    expect((await readManifest(indexDir)).chunkCount).toBe(r.index.chunks.length);
    expect((await open()).status).toBe("loaded");
  });

  it("a manifest of the wrong shape (valid JSON) → rebuilt", async () => {
    await damage("manifest.json", JSON.stringify({ schema: 999, hello: "world" }));
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/index written by another version \(schema 999, this version reads \d+\)/);
    // the right version but a broken shape is reported as unreadable
    const { INDEX_SCHEMA_VERSION } = await import("../src/search/store.js");
    await damage("manifest.json", JSON.stringify({ schema: INDEX_SCHEMA_VERSION, hello: "world" }));
    const r2 = await open();
    expect(r2.status).toBe("rebuilt");
    expect(r2.reason).toMatch(/manifest unreadable/);
  });

  it("an empty manifest.json → rebuilt", async () => {
    await damage("manifest.json", "");
    expect((await open()).status).toBe("rebuilt");
  });

  it("corrupt chunks.json → rebuilt", async () => {
    await damage("chunks.json", '{"docs": [ {"docId": ');
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/^index corrupt/);
    expect(r.index.chunks.length).toBeGreaterThan(0);
    expect((await open()).status).toBe("loaded");
  });

  /** The chunk store's int32 columns (chunks.cols, laid out as chunks.json's lengths say), by name. */
  const COLUMN_ORDER = ["doc", "ord", "span", "path", "years", "kinds", "title", "township", "rows", "text"];
  async function readColumns(): Promise<{ store: { lengths: number[] }; cols: Record<string, number[]> }> {
    const store = JSON.parse(await readFile(join(indexDir, "chunks.json"), "utf8")) as { lengths: number[] };
    const bytes = await readFile(join(indexDir, "chunks.cols"));
    const all = Array.from(new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
    const cols: Record<string, number[]> = {};
    let at = 0;
    COLUMN_ORDER.forEach((name, i) => {
      cols[name] = all.slice(at, at + store.lengths[i]!);
      at += store.lengths[i]!;
    });
    return { store, cols };
  }
  async function writeColumns(store: { lengths: number[] }, cols: Record<string, number[]>): Promise<void> {
    store.lengths = COLUMN_ORDER.map((name) => cols[name]!.length);
    await writeFile(join(indexDir, "chunks.json"), JSON.stringify(store));
    const all = Int32Array.from(COLUMN_ORDER.flatMap((name) => cols[name]!));
    await writeFile(join(indexDir, "chunks.cols"), Buffer.from(all.buffer));
  }

  it("a chunk store with fewer chunks than the manifest says → rebuilt", async () => {
    await open();
    // a consistent store (columns, text offsets and text blob) that is one chunk short
    const { store, cols } = await readColumns();
    for (const name of ["doc", "ord", "path", "years", "kinds", "title", "township", "text"]) cols[name]!.pop();
    cols.span!.splice(-2, 2);
    const n = cols.doc!.length;
    cols.rows = cols.rows!.filter((i) => i < n);
    await writeColumns(store, cols);
    const text = await readFile(join(indexDir, "texts.bin"), "utf8");
    await writeFile(join(indexDir, "texts.bin"), text.slice(0, cols.text![n]!), "utf8");
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/chunk store has \d+ chunks, manifest says \d+/);
  });

  it("a chunk store that points outside its tables → rebuilt", async () => {
    await open();
    const { store, cols } = await readColumns();
    cols.path![0] = 99999;
    await writeColumns(store, cols);
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/points outside its tables/);
  });

  it("a column file of the wrong size → rebuilt", async () => {
    await open();
    const bytes = await readFile(join(indexDir, "chunks.cols"));
    await writeFile(join(indexDir, "chunks.cols"), bytes.subarray(0, bytes.length - 4));
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/columns do not match their file/);
  });

  it("corrupt bm25.json → rebuilt", async () => {
    await damage("bm25.json", "not json at all");
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/^index corrupt/);
  });

  it("bm25.json of the wrong shape → rebuilt", async () => {
    await damage("bm25.json", JSON.stringify({ k1: 1.2, b: 0.75, docLengths: [1, 2], terms: ["a"], postings: [] }));
    expect((await open()).status).toBe("rebuilt");
  });

  it("corrupt embedder.json → rebuilt", async () => {
    await damage("embedder.json", JSON.stringify({ dim: 12, docs: 1, df: [1] }));
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/index corrupt/);
  });

  it("missing vectors → rebuilt", async () => {
    await open();
    await rm(join(indexDir, "vectors"), { recursive: true, force: true });
    const r = await open();
    expect(r.status).toBe("rebuilt");
    expect(r.reason).toMatch(/index corrupt/);
    expect((await open()).status).toBe("loaded");
  });
});

describe("atomic save", () => {
  it("a leftover *.tmp-* folder beside the index does not break build, load or rebuild", async () => {
    await mkdir(dataDir, { recursive: true });
    const leftover = `${indexDir}.tmp-99999-1700000000000`;
    await mkdir(leftover);
    await writeFile(join(leftover, "chunks.json"), "{half written");
    const built = await open();
    expect(built.status).toBe("built");
    expect((await open()).status).toBe("loaded");
    expect((await open(512, { force: true })).status).toBe("rebuilt");
    expect((await open()).status).toBe("loaded");
    // the index itself is whole
    expect((await readManifest(indexDir)).chunkCount).toBe(built.index.chunks.length);
  });

  it("a leftover *.tmp-* folder inside the index folder does not break loading", async () => {
    await open();
    await mkdir(join(indexDir, "index.tmp-1-2"));
    expect((await open()).status).toBe("loaded");
  });

  it("leaves no tmp or old folders beside the index after build and rebuilds", async () => {
    await open();
    expect(await siblings()).toEqual(["index"]);
    await writeFile(join(corpusDir, DONGSHAN), "东山镇2022年工作计划\n一、推进道路硬化，全年硬化村道12公里。\n");
    expect((await open()).status).toBe("rebuilt");
    expect(await siblings()).toEqual(["index"]);
    await writeFile(join(indexDir, "manifest.json"), "garbage");
    expect((await open()).status).toBe("rebuilt");
    expect(await siblings()).toEqual(["index"]);
    expect((await open(256)).status).toBe("rebuilt");
    expect(await siblings()).toEqual(["index"]);
    expect((await readdir(indexDir)).filter((f) => /\.(tmp|old)-/.test(f))).toEqual([]);
  });
});

describe("a loaded index answers like a fresh one", () => {
  const QUESTIONS = [
    "荫田镇2021年完成了多少个改厕任务？",
    "东山镇2022年在产业发展上有哪些打算？",
    "农村人居环境整治怎么做？",
    "乡村振兴",
  ];

  it("gives the same top passages (ids, order and scores) for the same questions", async () => {
    const fresh = await open();
    expect(fresh.status).toBe("built");
    const loaded = await open();
    expect(loaded.status).toBe("loaded");
    const a = new HybridRetriever(fresh.index, { k: 8 });
    const b = new HybridRetriever(loaded.index, { k: 8 });
    for (const q of QUESTIONS) {
      const ra = await a.search(q);
      const rb = await b.search(q);
      expect(ra.passages.length).toBeGreaterThanOrEqual(5);
      expect(rb.passages.map((p) => p.chunk.id)).toEqual(ra.passages.map((p) => p.chunk.id));
      rb.passages.forEach((p, i) => {
        expect(p.score).toBeCloseTo(ra.passages[i]!.score, 5);
        expect(p.vector === null).toBe(ra.passages[i]!.vector === null);
      });
    }
    const top = (await b.search(QUESTIONS[0]!)).passages[0]!;
    expect(top.chunk.docId).toContain("荫田镇");
    expect(top.chunk.text).toContain("650");
  });
});
