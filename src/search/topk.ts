/**
 * The k best (highest score) of a stream of (index, score) pairs, kept in a small binary
 * min-heap: O(n log k) and no array of all candidates.
 */
export class TopK {
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.idx = new Int32Array(Math.max(1, k));
    this.val = new Float64Array(Math.max(1, k));
  }

  /** The smallest score kept (−Infinity until full): anything below it cannot enter. */
  get floor(): number {
    return this.size < this.k ? -Infinity : this.val[0]!;
  }

  /** Whether (score a, index ia) ranks below (score b, index ib): lower score, or a tie and a higher index. */
  private static worse(a: number, ia: number, b: number, ib: number): boolean {
    return a < b || (a === b && ia > ib);
  }

  /** Keeps the k best (ties: lower index), whatever order they come in. */
  push(index: number, score: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!TopK.worse(score, index, this.val[p]!, this.idx[p]!)) break;
        this.val[i] = this.val[p]!;
        this.idx[i] = this.idx[p]!;
        i = p;
      }
      this.val[i] = score;
      this.idx[i] = index;
      return;
    }
    if (!TopK.worse(this.val[0]!, this.idx[0]!, score, index)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c = r < this.size && TopK.worse(this.val[r]!, this.idx[r]!, this.val[l]!, this.idx[l]!) ? r : l;
      if (!TopK.worse(this.val[c]!, this.idx[c]!, score, index)) break;
      this.val[i] = this.val[c]!;
      this.idx[i] = this.idx[c]!;
      i = c;
    }
    this.val[i] = score;
    this.idx[i] = index;
  }

  /** Best first; ties by lower index. */
  result(): Array<{ index: number; score: number }> {
    const out: Array<{ index: number; score: number }> = [];
    for (let i = 0; i < this.size; i++) out.push({ index: this.idx[i]!, score: this.val[i]! });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}
