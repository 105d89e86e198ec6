import { readFileSync } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import type { Commitment } from "./extract.js";
import { type CommitmentFilter, filterCommitments, townshipMatcher } from "./query.js";

/**
 * The commitments table behind `承诺 …` commands and 量化目标 questions. A province-sized index
 * holds millions of rows (over a gigabyte of JSON lines at 1M chunks), so the rows stay on disk:
 * what a filter needs (township, year, kind, and where each row's line starts) sits in typed
 * columns, rows are grouped by township once, and only the rows of the page asked for are read
 * and parsed. A table built in memory (an index that was never saved) has the same columns over
 * its array.
 */
export class CommitmentTable {
  /** Row numbers of each township id, in table order: rows byTownship[start[t] .. start[t+1]). */
  private readonly start: Uint32Array;
  private readonly byTownship: Uint32Array;

  private constructor(
    /** Township names; a row's township is an index into this list, -1 for none. */
    private readonly names: string[],
    private readonly township: Int32Array,
    private readonly year: Uint16Array,
    /** 0 plan, 1 result. */
    private readonly kind: Uint8Array,
    private readonly rows: (positions: number[]) => Promise<Commitment[]>,
  ) {
    // counting sort by township id (-1 goes last), which keeps table order inside each group
    const n = township.length;
    this.start = new Uint32Array(names.length + 2);
    for (let i = 0; i < n; i++) this.start[slot(township[i]!, names.length) + 1]!++;
    for (let t = 0; t <= names.length; t++) this.start[t + 1]! += this.start[t]!;
    const fill = this.start.slice(0, names.length + 1);
    this.byTownship = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.byTownship[fill[slot(township[i]!, names.length)]!++] = i;
  }

  get size(): number {
    return this.township.length;
  }

  /** A table over rows held in memory. */
  static inMemory(items: Commitment[]): CommitmentTable {
    const cols = columns(items);
    return new CommitmentTable(cols.names, cols.township, cols.year, cols.kind, async (positions) =>
      positions.map((i) => items[i]!),
    );
  }

  /**
   * Write `items` as JSON lines to `path`, and their columns with each line's byte offset to
   * `path + ".cols"` (binary) and the township names to `path + ".names.json"`.
   */
  static async write(path: string, items: Commitment[]): Promise<void> {
    const offsets = new Float64Array(items.length + 1);
    const fh = await open(path, "w");
    try {
      let at = 0;
      for (let i = 0; i < items.length; i += 5000) {
        const lines = items.slice(i, i + 5000).map((x) => `${JSON.stringify(x)}\n`);
        lines.forEach((line, j) => {
          offsets[i + j] = at;
          at += Buffer.byteLength(line);
        });
        await fh.write(lines.join(""));
      }
      offsets[items.length] = at;
    } finally {
      await fh.close();
    }
    const cols = columns(items);
    const parts = [offsets, cols.township, cols.year, cols.kind].map((a) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    );
    await writeFile(`${path}.cols`, Buffer.concat(parts));
    await writeFile(`${path}.names.json`, JSON.stringify(cols.names));
  }

  /** Every row of a table written by `write`, read at once (one line at a time: no string of the whole file). */
  static readAllSync(path: string): Commitment[] {
    const buf = readFileSync(path);
    const out: Commitment[] = [];
    for (let at = 0; at < buf.length; ) {
      let end = buf.indexOf(10, at);
      if (end === -1) end = buf.length;
      if (end > at) out.push(JSON.parse(buf.toString("utf8", at, end)) as Commitment);
      at = end + 1;
    }
    return out;
  }

  /** Open a table written by `write`: reads the columns, not the rows. */
  static async open(path: string): Promise<CommitmentTable> {
    const names: unknown = JSON.parse(await readFile(`${path}.names.json`, "utf8"));
    if (!Array.isArray(names) || !names.every((x) => typeof x === "string"))
      throw new Error("commitments: township names are malformed");
    const buf = await readFile(`${path}.cols`);
    // 8 bytes of offset per row plus one, 4 township, 2 year, 1 kind
    const n = (buf.length - 8) / 15;
    if (!Number.isInteger(n) || n < 0) throw new Error("commitments: column file has the wrong size");
    const copy = <T>(Ctor: { new (b: ArrayBuffer): T }, from: number, bytes: number) =>
      new Ctor(buf.buffer.slice(buf.byteOffset + from, buf.byteOffset + from + bytes) as ArrayBuffer);
    const offsets = copy(Float64Array, 0, 8 * (n + 1));
    const township = copy(Int32Array, 8 * (n + 1), 4 * n);
    const year = copy(Uint16Array, 12 * n + 8, 2 * n);
    const kind = copy(Uint8Array, 14 * n + 8, n);
    if (township.some((t) => t < -1 || t >= names.length))
      throw new Error("commitments: township column points outside the names");
    return new CommitmentTable(names, township, year, kind, (positions) => readLines(path, offsets, positions));
  }

  /** Every row matching `filter`, in table order. */
  async select(filter: CommitmentFilter): Promise<Commitment[]> {
    return (await this.page(filter, 0, Infinity)).items;
  }

  /**
   * Rows `offset … offset+limit` of those matching `filter` (table order), and how many match.
   * Without a topic only that page is read; a topic needs the text, so candidates are read first.
   */
  async page(filter: CommitmentFilter, offset: number, limit: number): Promise<{ total: number; items: Commitment[] }> {
    const year = filter.year ?? 0;
    const kind = filter.kind ? (filter.kind === "plan" ? 0 : 1) : -1;
    const keep = (i: number) => (!year || this.year[i] === year) && (kind < 0 || this.kind[i] === kind);
    const candidates: number[] = [];
    if (filter.township) {
      const matches = townshipMatcher(filter.township);
      const groups: number[] = [];
      this.names.forEach((name, t) => {
        if (matches(name)) groups.push(t);
      });
      if (matches(null)) groups.push(this.names.length); // rows with no township (an empty stem)
      for (const t of groups)
        for (let p = this.start[t]!; p < this.start[t + 1]!; p++)
          if (keep(this.byTownship[p]!)) candidates.push(this.byTownship[p]!);
      if (groups.length > 1) candidates.sort((a, b) => a - b); // table order, as one scan gives
    } else {
      for (let i = 0; i < this.size; i++) if (keep(i)) candidates.push(i);
    }
    if (filter.topic) {
      const matched = filterCommitments(await this.rows(candidates), filter);
      return { total: matched.length, items: matched.slice(offset, offset + limit) };
    }
    return { total: candidates.length, items: await this.rows(candidates.slice(offset, offset + limit)) };
  }
}

/** Row groups by township id: -1 (no township) gets the slot after the last name. */
const slot = (t: number, names: number) => (t < 0 ? names : t);

function columns(items: Commitment[]) {
  const ids = new Map<string, number>();
  const township = new Int32Array(items.length);
  const year = new Uint16Array(items.length);
  const kind = new Uint8Array(items.length);
  items.forEach((c, i) => {
    if (c.township === null) township[i] = -1;
    else {
      let id = ids.get(c.township);
      if (id === undefined) ids.set(c.township, (id = ids.size));
      township[i] = id;
    }
    year[i] = c.year ?? 0;
    kind[i] = c.kind === "plan" ? 0 : 1;
  });
  return { names: [...ids.keys()], township, year, kind };
}

/** The rows at `positions` (ascending), read with one file read per run of nearby lines. */
async function readLines(path: string, offsets: Float64Array, positions: number[]): Promise<Commitment[]> {
  if (!positions.length) return [];
  const out: Commitment[] = [];
  const fh = await open(path, "r");
  try {
    for (let a = 0; a < positions.length; ) {
      // one read covers lines whose gaps are under 64 KB
      let b = a + 1;
      while (
        b < positions.length &&
        positions[b]! > positions[b - 1]! &&
        offsets[positions[b]!]! - offsets[positions[b - 1]! + 1]! < 65536 &&
        offsets[positions[b]! + 1]! - offsets[positions[a]!]! < 1 << 24
      )
        b++;
      const from = offsets[positions[a]!]!;
      const buf = Buffer.alloc(offsets[positions[b - 1]! + 1]! - from);
      const { bytesRead } = await fh.read(buf, 0, buf.length, from);
      if (bytesRead !== buf.length) throw new Error("commitments: table file is shorter than its columns say");
      for (let i = a; i < b; i++) {
        const p = positions[i]!;
        out.push(JSON.parse(buf.toString("utf8", offsets[p]! - from, offsets[p + 1]! - from)) as Commitment);
      }
      a = b;
    }
  } finally {
    await fh.close();
  }
  return out;
}
