// A regular (1 / -1) index: ordered entries (key tuple, record id) with unique, sparse, partial and TTL
// semantics, and range scans driven by per-field intervals.
import type { Document } from 'bson';
import { type Interval, isPoint, matchesIntervals } from './indexes.bounds';
import { keyTuples } from './indexes.keys';
import { collateValue } from './indexes.collation';
import { compareTuples, compareValues, HIGHEST, LOWEST, Rank, TypeBound } from './indexes.order';
import { SortedList } from './indexes.sorted-list';

interface Entry {
  k: unknown[];
  r: string;
}

function cmpEntry(a: Entry, b: Entry): number {
  return compareTuples(a.k, b.k) || (a.r < b.r ? -1 : a.r > b.r ? 1 : 0);
}

/** One contiguous key range of a scan. */
interface Range {
  lo: unknown[];
  loInc: boolean;
  hi: unknown[];
  hiInc: boolean;
}

export interface ScanPlan {
  ranges: Range[];
  /** Field positions checked on each entry (constraints after the range-defining prefix). */
  residual: [number, Interval[]][];
  /** Number of leading fields fixed to points (ranking hint). */
  points: number;
  /** Leading fields that bound the scan: the points, plus the range field when there is one (ranking hint). */
  bounded: number;
}

/** Above this many point combinations a compound prefix is cut short. */
const MAX_COMBOS = 4096;

export class OrderedIndex {
  private readonly entries = new SortedList<Entry>(cmpEntry);
  private readonly byRid = new Map<string, Entry[]>();
  /** Field positions that ever held several keys for one document. */
  readonly multikey = new Set<number>();
  /**
   * Field positions whose path crossed an array of sub-documents: an element lacking the field gets no
   * null key, so null-including bounds cannot be trusted there.
   */
  readonly innerArrays = new Set<number>();

  constructor(
    readonly fields: string[],
    readonly unique: boolean,
    readonly sparse: boolean,
    /** Set for an index created with a collation: string keys compare through it. */
    readonly collator?: Intl.Collator,
  ) {}

  get size(): number {
    return this.byRid.size;
  }

  /** Key tuples of a document, or null when a sparse index leaves it out. */
  keysOf(doc: Document): unknown[][] | null {
    const keys = keyTuples(doc, this.fields, this.sparse, (i) => this.innerArrays.add(i));
    const collator = this.collator;
    return keys && collator ? keys.map((k) => k.map((v) => collateValue(v, collator))) : keys;
  }

  /** First key of `keys` already held by another record, if any. */
  conflict(rid: string, keys: unknown[][]): unknown[] | undefined {
    let found: unknown[] | undefined;
    for (const k of keys) {
      this.entries.forEachFrom(
        (x) => compareTuples(x.k, k) < 0,
        (e) => {
          if (compareTuples(e.k, k) !== 0) return false;
          if (e.r !== rid) found = k;
          return found === undefined;
        },
      );
      if (found) return found;
    }
    return undefined;
  }

  /** Replaces the record's entries; `keys` null removes it. */
  set(rid: string, keys: unknown[][] | null): void {
    const old = this.byRid.get(rid);
    if (old && keys && old.length === keys.length && old.every((e, i) => compareTuples(e.k, keys[i]!) === 0)) return;
    if (old) {
      for (const e of old) this.entries.remove(e);
      this.byRid.delete(rid);
    }
    if (!keys) return;
    const added = keys.map((k) => ({ k, r: rid }));
    for (const e of added) this.entries.insert(e);
    this.byRid.set(rid, added);
    if (keys.length > 1) {
      for (let i = 0; i < this.fields.length; i++) {
        if (!this.multikey.has(i) && keys.some((k) => compareValues(k[i], keys[0]![i]) !== 0)) this.multikey.add(i);
      }
    }
  }

  clear(): void {
    this.entries.clear();
    this.byRid.clear();
  }

  /** Builds the scan for per-field intervals (undefined = unconstrained), or null when the leading field is unconstrained. */
  scanPlan(bounds: (Interval[] | undefined)[]): ScanPlan | null {
    if (!bounds[0]) return null;
    let j = 0;
    let combos: unknown[][] = [[]];
    while (j < bounds.length) {
      const b = bounds[j];
      if (!b || !b.every(isPoint) || combos.length * b.length > MAX_COMBOS) break;
      combos = combos.flatMap((c) => b.map((i) => [...c, i.lo]));
      j++;
    }
    const rest = this.fields.length - j;
    const ranges: Range[] = [];
    const b = bounds[j];
    if (j < bounds.length && b && combos.length * b.length <= MAX_COMBOS) {
      for (const c of combos) {
        for (const i of b) {
          ranges.push({
            lo: [...c, i.lo, ...fill(rest - 1, i.loInc ? LOWEST : HIGHEST)],
            loInc: i.loInc,
            hi: [...c, i.hi, ...fill(rest - 1, i.hiInc ? HIGHEST : LOWEST)],
            hiInc: i.hiInc,
          });
        }
      }
      j++;
    } else {
      for (const c of combos) {
        ranges.push({
          lo: [...c, ...fill(rest, LOWEST)],
          loInc: true,
          hi: [...c, ...fill(rest, HIGHEST)],
          hiInc: true,
        });
      }
    }
    const residual: [number, Interval[]][] = [];
    for (let i = j; i < bounds.length; i++) {
      const bi = bounds[i];
      if (bi) residual.push([i, bi]);
    }
    const points = combos[0]?.length ?? 0;
    return { ranges, residual, points, bounded: j };
  }

  /** Visits entries of the scan; `visit` returns false to stop. Returns the number of entries examined. */
  scan(plan: ScanPlan, visit: (rid: string) => boolean): number {
    let examined = 0;
    let stopped = false;
    const residual = plan.residual;
    for (const r of plan.ranges) {
      const before = r.loInc ? (x: Entry) => compareTuples(x.k, r.lo) < 0 : (x: Entry) => compareTuples(x.k, r.lo) <= 0;
      this.entries.forEachFrom(before, (e) => {
        const c = compareTuples(e.k, r.hi);
        if (c > 0 || (c === 0 && !r.hiInc)) return false;
        examined++;
        if (residual.length === 0 || residual.every(([i, iv]) => matchesIntervals(e.k[i], iv))) stopped = !visit(e.r);
        return !stopped;
      });
      if (stopped) break;
    }
    return examined;
  }

  /**
   * Record ids in key order (or reverse) among the entries whose leading fields equal `prefix`. Lazy and safe
   * against index changes between two steps (a paused scan resumes where it was).
   */
  *ordered(prefix: unknown[], reverse: boolean): Generator<string> {
    const rest = this.fields.length - prefix.length;
    const lo = [...prefix, ...fill(rest, LOWEST)];
    const hi = [...prefix, ...fill(rest, HIGHEST)];
    const entries = reverse
      ? this.entries.walk((x) => compareTuples(x.k, hi) > 0, true)
      : this.entries.walk((x) => compareTuples(x.k, lo) < 0);
    for (const e of entries) {
      if (reverse ? compareTuples(e.k, lo) < 0 : compareTuples(e.k, hi) > 0) return;
      yield e.r;
    }
  }

  /** Record ids whose (single-field) date key is at or before `cutoff`. */
  datesUpTo(cutoff: Date): string[] {
    const out = new Set<string>();
    const lo = [new TypeBound(Rank.Date, -1)];
    this.entries.forEachFrom(
      (x) => compareTuples(x.k, lo) < 0,
      (e) => {
        if (compareValues(e.k[0], cutoff) > 0) return false;
        out.add(e.r);
        return true;
      },
    );
    return [...out];
  }
}

function fill(n: number, v: unknown): unknown[] {
  return n > 0 ? new Array<unknown>(n).fill(v) : [];
}
