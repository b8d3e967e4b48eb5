// Ordered multiset as a list of bounded chunks (the "sorted containers" layout): O(log n) search,
// inserts and deletes move at most CHUNK entries, and range scans walk chunks in order.

const CHUNK = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  /** Last element of each chunk, for the binary search over chunks. */
  private maxes: T[] = [];
  private count = 0;
  /** Bumped by every change, so that a paused iteration knows to find its place again. */
  private version = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  insert(item: T): void {
    this.count++;
    this.version++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.maxes.push(item);
      return;
    }
    let ci = this.chunkFor((x) => this.cmp(x, item) < 0);
    if (ci === this.chunks.length) ci--;
    const chunk = this.chunks[ci]!;
    const pos = lowerBound(chunk, (x) => this.cmp(x, item) < 0);
    chunk.splice(pos, 0, item);
    this.maxes[ci] = chunk[chunk.length - 1]!;
    if (chunk.length > CHUNK * 2) {
      const half = chunk.splice(CHUNK);
      this.chunks.splice(ci + 1, 0, half);
      this.maxes.splice(ci, 1, chunk[chunk.length - 1]!, half[half.length - 1]!);
    }
  }

  /** Removes one element equal to `item` under cmp; returns whether one was found. */
  remove(item: T): boolean {
    const ci = this.chunkFor((x) => this.cmp(x, item) < 0);
    if (ci === this.chunks.length) return false;
    const chunk = this.chunks[ci]!;
    const pos = lowerBound(chunk, (x) => this.cmp(x, item) < 0);
    if (pos >= chunk.length || this.cmp(chunk[pos]!, item) !== 0) return false;
    chunk.splice(pos, 1);
    this.count--;
    this.version++;
    if (chunk.length === 0) {
      this.chunks.splice(ci, 1);
      this.maxes.splice(ci, 1);
    } else {
      this.maxes[ci] = chunk[chunk.length - 1]!;
    }
    return true;
  }

  /** Calls `visit` from the first element for which `before` is false, in order, until it returns false. */
  forEachFrom(before: (x: T) => boolean, visit: (x: T) => boolean): void {
    let ci = this.chunkFor(before);
    if (ci === this.chunks.length) return;
    let pos = lowerBound(this.chunks[ci]!, before);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const chunk = this.chunks[ci]!;
      for (; pos < chunk.length; pos++) if (!visit(chunk[pos]!)) return;
    }
  }

  /** Iterates from the first element for which `before` is false, in order. */
  *from(before: (x: T) => boolean): Generator<T> {
    let ci = this.chunkFor(before);
    if (ci === this.chunks.length) return;
    let pos = lowerBound(this.chunks[ci]!, before);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const chunk = this.chunks[ci]!;
      for (; pos < chunk.length; pos++) yield chunk[pos]!;
    }
  }

  *[Symbol.iterator](): Generator<T> {
    for (const chunk of this.chunks) yield* chunk;
  }

  /**
   * Ascending from the first element for which `start` (true...true false...false) is false; with `reverse`,
   * descending from the last element for which `start` (false...false true...true) is false. The list may change
   * between two steps: the walk then resumes next to the last element it yielded, so elements present throughout
   * are neither skipped nor repeated.
   */
  *walk(start: (x: T) => boolean, reverse = false): Generator<T> {
    let ci: number;
    let pos: number;
    const seek = (isBefore: (x: T) => boolean) => {
      ci = this.chunkFor(isBefore);
      pos = ci < this.chunks.length ? lowerBound(this.chunks[ci]!, isBefore) : 0;
      if (reverse) {
        // One step back from the first element not `isBefore`.
        if (ci === this.chunks.length) {
          ci = this.chunks.length - 1;
          pos = (this.chunks[ci]?.length ?? 0) - 1;
        } else pos--;
        while (ci >= 0 && pos < 0) pos = (this.chunks[--ci]?.length ?? 0) - 1;
      }
    };
    seek(reverse ? (x) => !start(x) : start);
    let version = this.version;
    while (true) {
      if (ci! < 0 || ci! >= this.chunks.length) return;
      const chunk = this.chunks[ci!]!;
      if (pos! >= chunk.length) {
        ci!++;
        pos = 0;
        continue;
      }
      if (pos! < 0) {
        pos = (this.chunks[--ci!]?.length ?? 0) - 1;
        continue;
      }
      const item = chunk[pos!]!;
      pos! += reverse ? -1 : 1;
      yield item;
      if (version !== this.version) {
        version = this.version;
        seek(reverse ? (x) => this.cmp(x, item) < 0 : (x) => this.cmp(x, item) <= 0);
      }
    }
  }

  clear(): void {
    this.version++;
    this.chunks = [];
    this.maxes = [];
    this.count = 0;
  }

  /** Index of the first chunk whose max is not `before`. */
  private chunkFor(before: (x: T) => boolean): number {
    return lowerBound(this.maxes, before);
  }
}

/** First index i such that before(arr[i]) is false (arr partitioned: true...true false...false). */
function lowerBound<T>(arr: T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(arr[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
