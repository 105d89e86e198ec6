import { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import type { Config } from "../config.js";
import { errorMessage, ProviderError } from "../errors.js";
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

const STOP_CHARS = "的了和与及在是等对将把为并也都而或之其于以上中下个着到从由向被让给就还又要会能这那有不";
const IS_STOP = new Uint8Array(0x10000);
for (const c of STOP_CHARS) IS_STOP[c.charCodeAt(0)] = 1;

const FNV_PRIME = 0x01000193;
const SEED_BUCKET = 0x811c9dc5;
const SEED_SIGN = 0x9747b28c;

/** FNV-1a, continuing from `state`, over the UTF-16 units of `s` from `start` to `end`. */
function fnv1a(s: string, start: number, end: number, state: number): number {
  let h = state;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME) >>> 0;
  return h;
}
const prefixState = (prefix: string, seed: number) => fnv1a(prefix, 0, prefix.length, seed >>> 0);
/** Hash states after each feature's prefix ("1:", "2:", "3:", "w:"), for both hash seeds. */
const PREFIX = ["1:", "2:", "3:", "w:"].map((p) => [prefixState(p, SEED_BUCKET), prefixState(p, SEED_SIGN)] as const);

const isCjk = (c: number) => (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff);
const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e;

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
    this.acc = new Float64Array(dim);
    this.touched = new Int32Array(dim);
    this.marks = new Uint32Array(dim);
  }

  async dimension(): Promise<number> {
    return this.dim;
  }

  // Scratch space reused by every call (one text at a time; nothing here outlives a call).
  private slots = new Uint32Array(0); // open-addressing table of grams: generation stamp per slot
  private slotH = new Uint32Array(0);
  private slotH2 = new Uint32Array(0);
  private slotTf = new Float64Array(0);
  private order = new Int32Array(0); // slots in first-seen order
  private generation = 0;
  private acc: Float64Array;
  private touched: Int32Array;
  private touchedCount = 0;
  private marks: Uint32Array; // generation stamp per bucket

  /**
   * Hashed features of one text, left in `acc` (bucket → signed sublinear tf) for the buckets in
   * `touched[0..touchedCount)`. Grams (CJK 1/2/3-grams, whole Latin/number words) are hashed
   * straight from the string's code units (FNV-1a over "kind:" + gram, a second seed for the sign)
   * and counted in a typed open-addressing table, so no gram strings or maps are built.
   */
  private features(text: string): void {
    for (let k = 0; k < this.touchedCount; k++) this.acc[this.touched[k]!] = 0;
    this.touchedCount = 0;
    const s = normalizeText(text);
    const n = s.length;
    const need = 2 * (3 * n + 1);
    if (this.slots.length < need) {
      let cap = 1024;
      while (cap < need) cap *= 2;
      this.slots = new Uint32Array(cap);
      this.slotH = new Uint32Array(cap);
      this.slotH2 = new Uint32Array(cap);
      this.slotTf = new Float64Array(cap);
      this.order = new Int32Array(cap);
    }
    if (this.generation === 0xffffffff) {
      this.generation = 0;
      this.slots.fill(0);
      this.marks.fill(0);
    }
    const gen = ++this.generation;
    const { slots, slotH, slotH2, slotTf, order } = this;
    const mask = slots.length - 1;
    let count = 0;
    const add = (kind: number, start: number, end: number, w: number) => {
      const h = fnv1a(s, start, end, PREFIX[kind]![0]);
      const h2 = fnv1a(s, start, end, PREFIX[kind]![1]);
      let slot = (h ^ Math.imul(h2, 0x9e3779b1)) & mask;
      for (;;) {
        if (slots[slot] !== gen) {
          slots[slot] = gen;
          slotH[slot] = h;
          slotH2[slot] = h2;
          slotTf[slot] = w;
          order[count++] = slot;
          return;
        }
        if (slotH[slot] === h && slotH2[slot] === h2) {
          slotTf[slot]! += w;
          return;
        }
        slot = (slot + 1) & mask;
      }
    };
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (isCjk(c)) {
        let end = i + 1;
        while (end < n && isCjk(s.charCodeAt(end))) end++;
        for (let j = i; j < end; j++) {
          if (!IS_STOP[s.charCodeAt(j)]) add(0, j, j + 1, 0.5);
          if (j + 1 < end) add(1, j, j + 2, 1);
          if (j + 2 < end) add(2, j, j + 3, 0.5);
        }
        i = end;
      } else if (isWordChar(c)) {
        let end = i + 1;
        while (end < n && isWordChar(s.charCodeAt(end))) end++;
        add(3, i, end, 1);
        i = end;
      } else i++;
    }
    for (let k = 0; k < count; k++) {
      const slot = order[k]!;
      const bucket = slotH[slot]! % this.dim;
      const weight = (slotH2[slot]! & 1) === 0 ? 1 + Math.log(slotTf[slot]! + 1) : -(1 + Math.log(slotTf[slot]! + 1));
      if (this.marks[bucket] !== gen) {
        this.marks[bucket] = gen;
        this.touched[this.touchedCount++] = bucket;
        this.acc[bucket] = weight;
      } else this.acc[bucket]! += weight;
    }
  }

  fit(texts: string[]): void {
    this.df = new Float32Array(this.dim);
    this.docs = texts.length;
    for (const t of texts) {
      this.features(t);
      for (let k = 0; k < this.touchedCount; k++) this.df[this.touched[k]!]! += 1;
    }
  }

  exportState(): unknown {
    return { dim: this.dim, docs: this.docs, df: Array.from(this.df) };
  }

  importState(state: unknown): void {
    const s = HashedStateSchema.parse(state);
    if (s.dim !== this.dim || s.df.length !== this.dim)
      throw new Error(`embedder state has dim ${s.dim}, expected ${this.dim}`);
    this.docs = s.docs;
    this.df = Float32Array.from(s.df);
  }

  embedText(text: string): number[] {
    this.features(text);
    const v = new Array<number>(this.dim).fill(0);
    for (let k = 0; k < this.touchedCount; k++) {
      const b = this.touched[k]!;
      const idf = this.docs ? Math.log((this.docs + 1) / (this.df[b]! + 1)) + 1 : 1;
      v[b] = this.acc[b]! * idf;
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
    this.opts = {
      batchSize: 32,
      fetch: globalThis.fetch,
      apiKey: "",
      ...opts,
      baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    };
  }

  protected abstract request(texts: string[]): Promise<number[][]>;

  protected async post(url: string, body: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await this.opts.fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(this.opts.apiKey ? { authorization: `Bearer ${this.opts.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch (err) {
      throw new ProviderError(this.id, `cannot reach ${url}: ${errorMessage(err)}`, { cause: err });
    }
    if (!res.ok)
      throw new ProviderError(this.id, `${url} answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
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
      if (vectors.length !== batch.length)
        throw new ProviderError(this.id, `asked for ${batch.length} vectors, got ${vectors.length}`);
      for (const v of vectors) {
        if (!v.length) throw new ProviderError(this.id, "returned an empty vector");
        this.dim ??= v.length;
        if (v.length !== this.dim)
          throw new ProviderError(this.id, `vector of dimension ${v.length}, expected ${this.dim}`);
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
    const parsed = OllamaResponse.safeParse(
      await this.post(`${this.opts.baseUrl}/api/embed`, { model: this.opts.model, input: texts }),
    );
    if (!parsed.success) throw new ProviderError(this.id, "unexpected response shape from /api/embed");
    return parsed.data.embeddings;
  }
}

const OpenAIResponse = z.object({
  data: z.array(z.object({ embedding: z.array(z.number()), index: z.number().int() })),
});

/** Any OpenAI-compatible `POST {base}/embeddings` (vLLM, LM Studio, one-api, Xinference…); asks for floats. */
export class OpenAICompatibleEmbeddings extends RemoteEmbeddings {
  readonly id: string;
  constructor(opts: RemoteOptions) {
    super(opts);
    this.id = `openai-compatible/${opts.model}`;
  }
  protected async request(texts: string[]): Promise<number[][]> {
    const raw = await this.post(`${this.opts.baseUrl}/embeddings`, {
      model: this.opts.model,
      input: texts,
      encoding_format: "float",
    });
    const parsed = OpenAIResponse.safeParse(raw);
    if (!parsed.success)
      throw new ProviderError(this.id, "unexpected response shape from /embeddings (expected float arrays)");
    const sorted = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (sorted.some((d, i) => d.index !== i))
      throw new ProviderError(this.id, "response indexes are not 0…n−1; cannot match vectors to inputs");
    return sorted.map((d) => d.embedding);
  }
}

/** The embedder chosen in config. */
export function createEmbeddings(config: Config, fetchImpl?: typeof fetch): PlanEmbeddings {
  switch (config.EMBEDDINGS) {
    case "ollama":
      return new OllamaEmbeddings({
        baseUrl: config.OLLAMA_BASE_URL,
        model: config.OLLAMA_EMBED_MODEL,
        timeoutMs: config.EMBED_TIMEOUT_MS,
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      });
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
