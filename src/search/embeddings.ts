import { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import type { Config } from "../config.js";
import { ProviderError, errorMessage } from "../errors.js";
import { normalizeText } from "./tokenize.js";

/**
 * What the index needs from an embedding model on top of LangChain's `Embeddings`: a stable id
 * (stored in the manifest, so a change rebuilds the index), its dimension, and, for models that
 * learn corpus statistics, a way to fit and persist them.
 */
export interface PlanEmbeddings extends Embeddings {
  readonly id: string;
  dimension(): Promise<number>;
  /** Learn corpus statistics before embedding documents (model-free embedders only). */
  fit?(texts: string[]): void;
  exportState?(): unknown;
  importState?(state: unknown): void;
}

const STOP_CHARS = new Set("的了和与及在是等对将把为并也都而或之其于以上中下个着到从由向被让给就还又要会能这那有不".split(""));

function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const HashedStateSchema = z.object({ dim: z.number().int(), docs: z.number().int(), df: z.array(z.number()) });

/**
 * Model-free embeddings: character 1-, 2- and 3-grams of CJK runs (and whole Latin/number words),
 * hashed into `dim` signed buckets, weighted by sublinear tf × idf (idf fitted on the corpus
 * chunks and stored with the index), L2-normalised. It is a lexical-semantic sketch, not a neural
 * model: it matches shared sub-words (改厕 ~ 户厕改造) and tolerates word-boundary noise that the
 * BM25 side does not.
 */
export class HashedNgramEmbeddings extends Embeddings implements PlanEmbeddings {
  readonly id: string;
  private df: Float32Array;
  private docs = 0;

  constructor(private readonly dim = 512) {
    super({});
    this.id = `hashed-char-ngram-tfidf-v1/${dim}`;
    this.df = new Float32Array(dim);
  }

  async dimension(): Promise<number> {
    return this.dim;
  }

  private features(text: string): Map<number, number> {
    const grams = new Map<string, number>();
    const add = (g: string, w: number) => grams.set(g, (grams.get(g) ?? 0) + w);
    const norm = normalizeText(text);
    for (const m of norm.matchAll(/[\u3400-\u4dbf\u4e00-\u9fff]+|[a-z0-9.]+/g)) {
      const run = m[0];
      if (!/[\u3400-\u9fff]/.test(run)) {
        add(`w:${run}`, 1);
        continue;
      }
      for (let i = 0; i < run.length; i++) {
        const c = run[i]!;
        if (!STOP_CHARS.has(c)) add(`1:${c}`, 0.5);
        if (i + 1 < run.length) add(`2:${run.slice(i, i + 2)}`, 1);
        if (i + 2 < run.length) add(`3:${run.slice(i, i + 3)}`, 0.5);
      }
    }
    const buckets = new Map<number, number>();
    for (const [g, tf] of grams) {
      const h = fnv1a(g);
      const bucket = h % this.dim;
      const sign = (fnv1a(g, 0x9747b28c) & 1) === 0 ? 1 : -1;
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + sign * (1 + Math.log(tf + 1)));
    }
    return buckets;
  }

  fit(texts: string[]): void {
    this.df = new Float32Array(this.dim);
    this.docs = texts.length;
    for (const t of texts) for (const b of this.features(t).keys()) this.df[b]! += 1;
  }

  exportState(): unknown {
    return { dim: this.dim, docs: this.docs, df: Array.from(this.df) };
  }

  importState(state: unknown): void {
    const s = HashedStateSchema.parse(state);
    if (s.dim !== this.dim || s.df.length !== this.dim) throw new Error(`embedder state has dim ${s.dim}, expected ${this.dim}`);
    this.docs = s.docs;
    this.df = Float32Array.from(s.df);
  }

  embedText(text: string): number[] {
    const v = new Array<number>(this.dim).fill(0);
    for (const [b, w] of this.features(text)) {
      const idf = this.docs ? Math.log((this.docs + 1) / (this.df[b]! + 1)) + 1 : 1;
      v[b] = w * idf;
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm === 0) {
      v[0] = 1; // an all-zero vector breaks cosine; text without letters gets one fixed unit vector
      return v;
    }
    return v.map((x) => x / norm);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embedText(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}

interface RemoteOptions {
  baseUrl: string;
  model: string;
  timeoutMs: number;
  apiKey?: string;
  batchSize?: number;
  fetch?: typeof fetch;
}

/** Shared HTTP plumbing for remote embedding endpoints: batching, timeout, one clear error. */
abstract class RemoteEmbeddings extends Embeddings implements PlanEmbeddings {
  abstract readonly id: string;
  private dim: number | null = null;
  protected readonly opts: Required<Omit<RemoteOptions, "apiKey">> & { apiKey: string };

  constructor(opts: RemoteOptions) {
    super({ maxRetries: 0 });
    this.opts = { batchSize: 32, fetch: globalThis.fetch, apiKey: "", ...opts, baseUrl: opts.baseUrl.replace(/\/+$/, "") };
  }

  protected abstract request(texts: string[]): Promise<number[][]>;

  protected async post(url: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await this.opts.fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new ProviderError(this.id, `cannot reach ${url}: ${errorMessage(err)}`, { cause: err });
    }
    if (!res.ok) throw new ProviderError(this.id, `${url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    try {
      return await res.json();
    } catch (err) {
      throw new ProviderError(this.id, `${url} did not answer JSON`, { cause: err });
    }
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < documents.length; i += this.opts.batchSize) {
      const batch = documents.slice(i, i + this.opts.batchSize);
      const vectors = await this.request(batch);
      if (vectors.length !== batch.length) throw new ProviderError(this.id, `asked for ${batch.length} vectors, got ${vectors.length}`);
      for (const v of vectors) {
        if (!v.length) throw new ProviderError(this.id, "returned an empty vector");
        this.dim ??= v.length;
        if (v.length !== this.dim) throw new ProviderError(this.id, `vector of dimension ${v.length}, expected ${this.dim}`);
        out.push(v);
      }
    }
    return out;
  }

  async embedQuery(document: string): Promise<number[]> {
    return (await this.embedDocuments([document]))[0]!;
  }

  async dimension(): Promise<number> {
    if (this.dim === null) await this.embedQuery("维度探测");
    return this.dim!;
  }
}

const OllamaResponse = z.object({ embeddings: z.array(z.array(z.number())) });

/** Ollama's `/api/embed` (e.g. bge-m3 for Chinese). */
export class OllamaEmbeddings extends RemoteEmbeddings {
  readonly id: string;
  constructor(opts: RemoteOptions) {
    super(opts);
    this.id = `ollama/${opts.model}`;
  }
  protected async request(texts: string[]): Promise<number[][]> {
    const parsed = OllamaResponse.safeParse(await this.post(`${this.opts.baseUrl}/api/embed`, { model: this.opts.model, input: texts }));
    if (!parsed.success) throw new ProviderError(this.id, "unexpected response shape from /api/embed");
    return parsed.data.embeddings;
  }
}

const OpenAIResponse = z.object({ data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int() })) });

/** Any OpenAI-compatible `POST {base}/embeddings` (vLLM, LM Studio, one-api, Xinference…); asks for floats. */
export class OpenAICompatibleEmbeddings extends RemoteEmbeddings {
  readonly id: string;
  constructor(opts: RemoteOptions) {
    super(opts);
    this.id = `openai-compatible/${opts.model}`;
  }
  protected async request(texts: string[]): Promise<number[][]> {
    const raw = await this.post(`${this.opts.baseUrl}/embeddings`, { model: this.opts.model, input: texts, encoding_format: "float" });
    const parsed = OpenAIResponse.safeParse(raw);
    if (!parsed.success) throw new ProviderError(this.id, "unexpected response shape from /embeddings (expected float arrays)");
    const sorted = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (sorted.some((d, i) => d.index !== i)) throw new ProviderError(this.id, "response indexes are not 0…n−1; cannot match vectors to inputs");
    return sorted.map((d) => d.embedding);
  }
}

/** The embedder chosen in config. */
export function createEmbeddings(config: Config, fetchImpl?: typeof fetch): PlanEmbeddings {
  switch (config.EMBEDDINGS) {
    case "ollama":
      return new OllamaEmbeddings({ baseUrl: config.OLLAMA_BASE_URL, model: config.OLLAMA_EMBED_MODEL, timeoutMs: config.EMBED_TIMEOUT_MS, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    case "openai":
      return new OpenAICompatibleEmbeddings({
        baseUrl: config.OPENAI_BASE_URL,
        model: config.OPENAI_EMBED_MODEL,
        apiKey: config.OPENAI_API_KEY,
        timeoutMs: config.EMBED_TIMEOUT_MS,
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      });
    default:
      return new HashedNgramEmbeddings(config.HASHED_DIM);
  }
}
