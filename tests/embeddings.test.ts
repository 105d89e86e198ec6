import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../src/errors.js";
import { createLogger } from "../src/log.js";
import { HybridRetriever } from "../src/retrieve/hybrid.js";
import { HashedNgramEmbeddings, OllamaEmbeddings, OpenAICompatibleEmbeddings } from "../src/search/embeddings.js";
import { openIndex, readManifest } from "../src/search/store.js";

const CORPUS = join(import.meta.dirname, "..", "corpus");
const API_KEY = "sk-test-123";
const DIM = 24;

/** A deterministic vector from character codes (never all-zero, so cosine works). */
function charVector(text: string, dim = DIM): number[] {
  const v = new Array<number>(dim).fill(0);
  v[0] = 1;
  for (const ch of text) v[(ch.codePointAt(0) ?? 0) % dim]! += 1;
  return v;
}

interface Recorded {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}

/** How the stand-in behaves for the next requests. */
type Mode = "ok" | "500" | "bad-shape" | "not-json" | "short" | "slow";

interface StandIn {
  server: Server;
  port: number;
  requests: Recorded[];
  mode: Mode;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json" });
  res.end(text);
}

async function startStandIn(): Promise<StandIn> {
  const state = { requests: [] as Recorded[], mode: "ok" as Mode };
  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(res, 400, { error: "body is not JSON" });
      }
      state.requests.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.method !== "POST") return send(res, 405, { error: "POST only" });
      const input = body.input;
      if (!Array.isArray(input) || !input.every((x) => typeof x === "string"))
        return send(res, 400, { error: "input must be string[]" });
      const texts = input as string[];
      if (state.mode === "500") return send(res, 500, "model exploded: out of memory");
      if (state.mode === "not-json") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html>gateway says hi</html>");
      }
      if (state.mode === "slow") {
        await new Promise((r) => setTimeout(r, 1500));
      }

      if (req.url === "/api/embed") {
        if (typeof body.model !== "string" || !body.model) return send(res, 400, { error: "model missing" });
        if (state.mode === "bad-shape") return send(res, 200, { embedding: texts.map((t) => charVector(t)) });
        const vectors = texts.map((t) => charVector(t));
        return send(res, 200, { model: body.model, embeddings: state.mode === "short" ? vectors.slice(1) : vectors });
      }
      if (req.url === "/v1/embeddings") {
        if (req.headers.authorization !== `Bearer ${API_KEY}`) return send(res, 401, { error: "bad api key" });
        if (body.encoding_format !== "float")
          return send(res, 400, { error: `encoding_format must be float, got ${String(body.encoding_format)}` });
        if (typeof body.model !== "string" || !body.model) return send(res, 400, { error: "model missing" });
        if (state.mode === "bad-shape")
          return send(res, 200, {
            data: texts.map((t, index) => ({ embedding: Buffer.from(t).toString("base64"), index })),
          });
        // out of order on purpose: the client must sort by index
        const data = texts.map((t, index) => ({ object: "embedding", embedding: charVector(t), index })).reverse();
        return send(res, 200, {
          object: "list",
          model: body.model,
          data: state.mode === "short" ? data.slice(1) : data,
        });
      }
      return send(res, 404, { error: `no route ${req.url}` });
    })().catch((err: unknown) => send(res, 500, String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    get requests() {
      return state.requests;
    },
    get mode() {
      return state.mode;
    },
    set mode(m: Mode) {
      state.mode = m;
    },
  };
}

/** A port on which nothing listens: bind one, then close it. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function expectProviderError(p: Promise<unknown>, pattern: RegExp): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.code).toBe("provider");
  expect(pe.message).toMatch(pattern);
  expect(pe.userMessage).toMatch(/[\u4e00-\u9fff]/);
  return pe;
}

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn();
});

afterAll(async () => {
  standIn.server.closeAllConnections();
  await new Promise<void>((resolve) => standIn.server.close(() => resolve()));
});

afterEach(() => {
  standIn.mode = "ok";
  standIn.requests.length = 0;
});

const ollama = (extra: { batchSize?: number; timeoutMs?: number; port?: number } = {}) =>
  new OllamaEmbeddings({
    baseUrl: `http://127.0.0.1:${extra.port ?? standIn.port}/`,
    model: "bge-m3",
    timeoutMs: extra.timeoutMs ?? 5000,
    ...(extra.batchSize ? { batchSize: extra.batchSize } : {}),
  });

const openai = (extra: { batchSize?: number; timeoutMs?: number; port?: number; apiKey?: string } = {}) =>
  new OpenAICompatibleEmbeddings({
    baseUrl: `http://127.0.0.1:${extra.port ?? standIn.port}/v1`,
    model: "test-embed",
    apiKey: extra.apiKey ?? API_KEY,
    timeoutMs: extra.timeoutMs ?? 5000,
    ...(extra.batchSize ? { batchSize: extra.batchSize } : {}),
  });

const TEXTS = ["农村厕所改造", "全面推进农村厕所革命", "财政预算", "荫田镇2021年完成改厕任务数650个", "道路硬化"];

describe("OllamaEmbeddings against a local /api/embed stand-in", () => {
  it("returns one vector per input, in order, and knows its dimension", async () => {
    const e = ollama();
    expect(e.id).toBe("ollama/bge-m3");
    const vectors = await e.embedDocuments(TEXTS);
    expect(vectors).toEqual(TEXTS.map((t) => charVector(t)));
    expect(await e.dimension()).toBe(DIM);
    expect(await e.embedQuery("道路硬化")).toEqual(charVector("道路硬化"));
    const req = standIn.requests[0]!;
    expect(req.path).toBe("/api/embed"); // trailing slash of baseUrl was dropped
    expect(req.body).toEqual({ model: "bge-m3", input: TEXTS });
    expect(req.headers.authorization).toBeUndefined();
  });

  it("dimension() probes the server when nothing was embedded yet", async () => {
    const e = ollama();
    expect(await e.dimension()).toBe(DIM);
    expect(standIn.requests).toHaveLength(1);
    expect(await e.dimension()).toBe(DIM);
    expect(standIn.requests).toHaveLength(1); // cached
  });

  it("splits more inputs than batchSize into several requests", async () => {
    const inputs = Array.from({ length: 7 }, (_, i) => `第${i}条：乡村振兴项目${i * 11}`);
    const vectors = await ollama({ batchSize: 3 }).embedDocuments(inputs);
    expect(vectors).toEqual(inputs.map((t) => charVector(t)));
    expect(standIn.requests.map((r) => (r.body.input as string[]).length)).toEqual([3, 3, 1]);
    expect(standIn.requests.flatMap((r) => r.body.input as string[])).toEqual(inputs);
  });

  it("HTTP 500 becomes a ProviderError naming the provider, URL, status and body", async () => {
    standIn.mode = "500";
    const err = await expectProviderError(ollama().embedDocuments(["测试"]), /HTTP 500/);
    expect(err.message).toContain("ollama/bge-m3");
    expect(err.message).toContain(`http://127.0.0.1:${standIn.port}/api/embed`);
    expect(err.message).toContain("model exploded");
  });

  it("an unreachable port becomes a ProviderError", async () => {
    const port = await deadPort();
    await expectProviderError(
      ollama({ port }).embedDocuments(["测试"]),
      new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}/api/embed`),
    );
  });

  it("a malformed JSON shape becomes a ProviderError", async () => {
    standIn.mode = "bad-shape";
    await expectProviderError(ollama().embedDocuments(["测试"]), /unexpected response shape from \/api\/embed/);
  });

  it("a non-JSON body becomes a ProviderError", async () => {
    standIn.mode = "not-json";
    await expectProviderError(ollama().embedDocuments(["测试"]), /did not answer JSON/);
  });

  it("fewer vectors than inputs becomes a ProviderError", async () => {
    standIn.mode = "short";
    await expectProviderError(ollama().embedDocuments(["一", "二", "三"]), /asked for 3 vectors, got 2/);
  });

  it("a server slower than timeoutMs becomes a ProviderError", async () => {
    standIn.mode = "slow";
    await expectProviderError(ollama({ timeoutMs: 200 }).embedDocuments(["测试"]), /cannot reach/);
  });
});

describe("OpenAICompatibleEmbeddings against a local /v1/embeddings stand-in", () => {
  it("sends the key and encoding_format=float, and sorts out-of-order data by index", async () => {
    const e = openai();
    expect(e.id).toBe("openai-compatible/test-embed");
    const vectors = await e.embedDocuments(TEXTS);
    // the stand-in answers in reverse order; the client must restore input order
    expect(vectors).toEqual(TEXTS.map((t) => charVector(t)));
    expect(await e.dimension()).toBe(DIM);
    const req = standIn.requests[0]!;
    expect(req.path).toBe("/v1/embeddings");
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["content-type"]).toMatch(/application\/json/);
    expect(req.body).toEqual({ model: "test-embed", input: TEXTS, encoding_format: "float" });
  });

  it("a wrong API key is a ProviderError carrying the 401", async () => {
    await expectProviderError(openai({ apiKey: "sk-wrong" }).embedDocuments(["测试"]), /HTTP 401.*bad api key/);
  });

  it("batches inputs beyond batchSize", async () => {
    const inputs = Array.from({ length: 5 }, (_, i) => `文本${i}号`);
    const vectors = await openai({ batchSize: 2 }).embedDocuments(inputs);
    expect(vectors).toEqual(inputs.map((t) => charVector(t)));
    expect(standIn.requests).toHaveLength(3);
    expect(standIn.requests.map((r) => r.body.input)).toEqual([
      inputs.slice(0, 2),
      inputs.slice(2, 4),
      inputs.slice(4),
    ]);
    expect(
      standIn.requests.every(
        (r) => r.headers.authorization === `Bearer ${API_KEY}` && r.body.encoding_format === "float",
      ),
    ).toBe(true);
  });

  it("HTTP 500 becomes a ProviderError", async () => {
    standIn.mode = "500";
    const err = await expectProviderError(openai().embedQuery("测试"), /openai-compatible\/test-embed: .*HTTP 500/);
    expect(err.message).toContain("/v1/embeddings");
  });

  it("an unreachable port becomes a ProviderError", async () => {
    const port = await deadPort();
    await expectProviderError(openai({ port }).embedQuery("测试"), /cannot reach/);
  });

  it("base64 (non-float) embeddings are a malformed shape → ProviderError", async () => {
    standIn.mode = "bad-shape";
    await expectProviderError(openai().embedDocuments(["测试"]), /unexpected response shape from \/embeddings/);
  });

  it("missing items become a ProviderError", async () => {
    standIn.mode = "short";
    await expectProviderError(openai().embedDocuments(["一", "二"]), /asked for 2 vectors, got 1/);
  });
});

describe("HashedNgramEmbeddings", () => {
  const cosine = (a: number[], b: number[]) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    a.forEach((x, i) => {
      dot += x * b[i]!;
      na += x * x;
      nb += b[i]! * b[i]!;
    });
    return dot / Math.sqrt(na * nb);
  };
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

  it("is deterministic across calls and instances", async () => {
    const a = new HashedNgramEmbeddings(512);
    const b = new HashedNgramEmbeddings(512);
    const t = "全面推进农村厕所革命，2021年完成改厕650户";
    expect(await a.embedQuery(t)).toEqual(await a.embedQuery(t));
    expect(await a.embedQuery(t)).toEqual(await b.embedQuery(t));
    expect(a.id).toBe("hashed-char-ngram-tfidf-v1/512");
    expect(await a.dimension()).toBe(512);
  });

  it("gives unit-norm vectors of the configured dimension", async () => {
    const e = new HashedNgramEmbeddings(256);
    for (const v of await e.embedDocuments(TEXTS)) {
      expect(v).toHaveLength(256);
      expect(norm(v)).toBeCloseTo(1, 6);
    }
  });

  it("scores related Chinese texts above unrelated ones (unfitted and fitted)", async () => {
    const e = new HashedNgramEmbeddings(512);
    const check = async () => {
      const [q, related, unrelated] = await e.embedDocuments([
        "农村厕所改造",
        "全面推进农村厕所革命",
        "加强财政预算绩效管理",
      ]);
      const rel = cosine(q!, related!);
      const unrel = cosine(q!, unrelated!);
      expect(rel).toBeGreaterThan(0.2);
      expect(rel).toBeGreaterThan(unrel + 0.2);
    };
    await check();
    e.fit(["全面推进农村厕所革命", "加强财政预算绩效管理", "推进乡村道路硬化", "发展特色产业", "农村人居环境整治"]);
    await check();
  });

  it("exportState/importState round-trips through JSON", async () => {
    const texts = ["全面推进农村厕所革命", "加强财政预算绩效管理", "推进乡村道路硬化", "发展特色产业"];
    const a = new HashedNgramEmbeddings(128);
    const unfitted = await a.embedQuery("农村道路");
    a.fit(texts);
    const fitted = await a.embedQuery("农村道路");
    expect(fitted).not.toEqual(unfitted); // fitting changes idf weights
    const state = JSON.parse(JSON.stringify(a.exportState())) as unknown;
    const b = new HashedNgramEmbeddings(128);
    b.importState(state);
    const restored = await b.embedQuery("农村道路");
    restored.forEach((x, i) => expect(x).toBeCloseTo(fitted[i]!, 6));
    expect(b.exportState()).toEqual(state);
    // a state of another dimension is refused, not silently used
    expect(() => new HashedNgramEmbeddings(64).importState(state)).toThrow(/dim/);
    expect(() => b.importState({ nonsense: true })).toThrow();
  });

  it("returns a non-empty, finite, non-zero vector for emoji-only text", async () => {
    const e = new HashedNgramEmbeddings(512);
    const v = await e.embedQuery("😀🎉👍");
    expect(v).toHaveLength(512);
    expect(v.every(Number.isFinite)).toBe(true);
    expect(v.some((x) => x !== 0)).toBe(true);
  });
});

describe("openIndex with the OpenAI-compatible stand-in as embedder", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "plan-qa-embed-e2e-"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("builds, saves and reloads an index whose manifest names openai-compatible/<model>", async () => {
    const corpus = join(root, "corpus");
    const indexDir = join(root, "data", "index");
    await mkdir(corpus, { recursive: true });
    for (const f of ["荫田镇2021年度工作总结及2022年工作计划.txt", "东山镇2022年工作计划.txt"]) {
      await writeFile(join(corpus, f), await readFile(join(CORPUS, f)));
    }
    const lines: string[] = [];
    const log = createLogger("info", (l) => lines.push(l));

    const opened = await openIndex({ corpusDir: corpus, indexDir, embeddings: openai({ batchSize: 16 }), log });
    expect(opened.status).toBe("built");
    expect(opened.index.manifest.embedder).toEqual({ id: "openai-compatible/test-embed", dimension: DIM });
    expect(opened.index.chunks.length).toBeGreaterThan(16);
    expect(opened.index.vectors?.index.getCurrentCount()).toBe(opened.index.chunks.length);
    // every chunk went to the stand-in, in batches of at most 16
    const batches = standIn.requests
      .filter((r) => r.path === "/v1/embeddings")
      .map((r) => (r.body.input as string[]).length);
    expect(Math.max(...batches)).toBeLessThanOrEqual(16);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(opened.index.chunks.length);

    const onDisk = await readManifest(indexDir);
    expect(onDisk.embedder.id).toBe("openai-compatible/test-embed");
    expect(onDisk.embedder.dimension).toBe(DIM);

    const fresh = await new HybridRetriever(opened.index).search("荫田镇2021年完成了多少个改厕任务？");
    expect(fresh.passages.length).toBeGreaterThan(0);
    expect(fresh.passages.some((p) => p.vector !== null)).toBe(true);
    expect(fresh.passages[0]!.chunk.docId).toContain("荫田镇");

    standIn.requests.length = 0;
    const again = await openIndex({ corpusDir: corpus, indexDir, embeddings: openai(), log });
    expect(again.status).toBe("loaded");
    expect(standIn.requests).toHaveLength(0); // loading needs no embedding calls
    const loaded = await new HybridRetriever(again.index).search("荫田镇2021年完成了多少个改厕任务？");
    expect(loaded.passages.map((p) => p.chunk.id)).toEqual(fresh.passages.map((p) => p.chunk.id));

    // switching the model name is an embedder change → rebuilt
    const other = new OpenAICompatibleEmbeddings({
      baseUrl: `http://127.0.0.1:${standIn.port}/v1`,
      model: "other-model",
      apiKey: API_KEY,
      timeoutMs: 5000,
    });
    const switched = await openIndex({ corpusDir: corpus, indexDir, embeddings: other, log });
    expect(switched.status).toBe("rebuilt");
    expect(switched.reason).toContain("openai-compatible/test-embed → openai-compatible/other-model");
    expect((await readManifest(indexDir)).embedder.id).toBe("openai-compatible/other-model");
  });

  it("a provider failure while building propagates as ProviderError and leaves no index behind", async () => {
    const corpus = join(root, "corpus2");
    const indexDir = join(root, "data2", "index");
    await mkdir(corpus, { recursive: true });
    await writeFile(join(corpus, "东山镇2022年工作计划.txt"), await readFile(join(CORPUS, "东山镇2022年工作计划.txt")));
    standIn.mode = "500";
    await expectProviderError(
      openIndex({ corpusDir: corpus, indexDir, embeddings: openai(), log: createLogger("silent") }),
      /HTTP 500/,
    );
    await expect(readManifest(indexDir)).rejects.toThrow();
  });
});
