import { TopK } from "../topk.js";
import { DOTS_WASM_BASE64 } from "./dots.wasm.js";

/**
 * Exact cosine top-k over int8 rows with WebAssembly SIMD (see dots.wat): the rows live in the
 * module's linear memory, the query is scaled to int16, and one call computes a block of int32
 * dot products 16 lanes at a time. About ten times faster than the scalar loop, which matters for
 * filtered searches that scan tens of thousands of rows. When the engine lacks WebAssembly SIMD,
 * `createInt8Rows` returns plain typed arrays and callers use the scalar scan.
 */
export interface Int8Rows {
  dim: number;
  data: Int8Array;
  scales: Float32Array;
  /** Present when the rows live in WebAssembly memory. */
  topK?: (
    query: ArrayLike<number>,
    k: number,
    rows?: Int32Array,
    range?: [number, number],
  ) => Array<{ index: number; similarity: number }>;
}

const PAGE = 65536;
const BLOCK = 4096; // rows per call
const Q_AT = 0; // int16 query, up to 8,192 dims
const ROWS_AT = 16384; // BLOCK row numbers
const OUT_AT = ROWS_AT + BLOCK * 4; // BLOCK int32 dot products
const DATA_AT = PAGE; // rows, dim bytes each

/** The part of the WebAssembly JS API used here (the project's lib settings do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Memory: new (desc: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (mod: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null when this engine cannot run it (no WebAssembly SIMD). */
function dotsModule(): object | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(DOTS_WASM_BASE64, "base64");
    compiled = wasm?.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

/** Whether the SIMD scan is available in this process. */
export function simdAvailable(): boolean {
  return dotsModule() !== null;
}

/** Room for `n` rows of `dim` int8 values and their scales; SIMD-backed when it can be. */
export function createInt8Rows(n: number, dim: number, opts: { simd?: boolean } = {}): Int8Rows {
  const mod = opts.simd === false || dim % 16 !== 0 || dim > 8192 ? null : dotsModule();
  const scales = new Float32Array(n);
  if (!mod || n * dim + DATA_AT > 2 ** 32 - PAGE) return { dim, data: new Int8Array(n * dim), scales };
  const memory = new wasm!.Memory({ initial: Math.ceil((DATA_AT + n * dim) / PAGE) });
  const dots = new wasm!.Instance(mod, { env: { memory } }).exports.dots as (
    q: number,
    data: number,
    rows: number,
    n: number,
    dim: number,
    out: number,
  ) => void;
  const data = new Int8Array(memory.buffer, DATA_AT, n * dim);
  const q16 = new Int16Array(memory.buffer, Q_AT, dim);
  const rowBuf = new Int32Array(memory.buffer, ROWS_AT, BLOCK);
  const out = new Int32Array(memory.buffer, OUT_AT, BLOCK);
  // |Σ data·q| ≤ 127 · qmax · dim (both unit vectors) must stay below 2^31
  const qMax = Math.min(32767, Math.floor((2 ** 31 - 1) / (127 * dim)));

  const topK = (query: ArrayLike<number>, k: number, rows?: Int32Array, range: [number, number] = [0, n]) => {
    let norm = 0;
    let max = 0;
    for (let d = 0; d < dim; d++) {
      norm += query[d]! * query[d]!;
      max = Math.max(max, Math.abs(query[d]!));
    }
    const scale = max ? qMax / max : 1;
    for (let d = 0; d < dim; d++) q16[d] = Math.round(query[d]! * scale);
    // similarity = dot / (query scale · row scale), with the query's norm divided out
    const qDiv = scale * (Math.sqrt(norm) || 1);
    const top = new TopK(k);
    // all rows, the listed ones, or a contiguous range of them (a shard)
    const first = rows ? 0 : range[0];
    const total = rows ? rows.length : range[1];
    for (let start = first; start < total; start += BLOCK) {
      const count = Math.min(BLOCK, total - start);
      if (rows) {
        rowBuf.set(rows.subarray(start, start + count));
        dots(Q_AT, DATA_AT, ROWS_AT, count, dim, OUT_AT);
      } else dots(Q_AT, DATA_AT + start * dim, 0, count, dim, OUT_AT); // rows start..start+count
      for (let r = 0; r < count; r++) {
        const i = rows ? rowBuf[r]! : start + r;
        const sim = out[r]! / (qDiv * scales[i]!);
        if (sim > top.floor) top.push(i, sim);
      }
    }
    return top.result().map(({ index, score }) => ({ index, similarity: score }));
  };
  return { dim, data, scales, topK };
}
