/**
 * Membership tests for filter lists without building a set per question: each list gets a new
 * generation number written into one reused array, and a chunk is in the list when its mark
 * equals that number.
 */
export class FilterMarks {
  private readonly stamp: Uint32Array;
  private generation = 0;

  constructor(size: number) {
    this.stamp = new Uint32Array(size);
  }

  /**
   * A test for membership in `list`, valid until the next call: the marks are shared, so use it
   * before any await (a concurrent question marks its own list).
   */
  allow(list: Int32Array): (i: number) => boolean {
    const gen = ++this.generation;
    for (const i of list) this.stamp[i] = gen;
    return (i) => this.stamp[i] === gen;
  }
}
