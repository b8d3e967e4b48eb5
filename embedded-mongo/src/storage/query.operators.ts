// Query operators that replace mingo's: $regex on RE2 (linear time), $in/$nin with a hashed set of values.
import { MongoCommandError } from '../errors.command';
import { recordIdOf, toNumber, valuesAtPath } from './bson.values';
import { matcherOf, type StringMatcher } from './regex.safe';
import { underWatchdog } from './query.budget';
import { collatorOf, compareCollated } from './collation';
import type { Options } from 'mingo/types';

type Predicate = (obj: Record<string, unknown>) => boolean;

/** The value at the path and, for arrays, each element (MongoDB matches either). */
function candidates(obj: unknown, selector: string): unknown[] {
  const out: unknown[] = [];
  for (const v of valuesAtPath(obj, selector)) {
    out.push(v);
    if (Array.isArray(v)) for (const e of v) out.push(e);
  }
  return out;
}

/**
 * A regex test that cannot freeze the server: RE2's (linear), or V8's under the watchdog of the running
 * command's budget when only V8 can run the pattern (a find scan already runs under one; a later $match of an
 * aggregation, a $lookup pipeline or an update's positional match do not).
 */
export function guardedTest(re: RegExp): StringMatcher {
  const m = matcherOf(re);
  return m.backtracking ? (s) => underWatchdog(() => m.test(s)) : m.test;
}

export function regexOperator(selector: string, value: unknown): Predicate {
  if (!(value instanceof RegExp)) throw new MongoCommandError(2, '$regex has to be a string');
  const test = guardedTest(value);
  return (obj) => candidates(obj, selector).some((v) => typeof v === 'string' && test(v));
}

/**
 * A set of values compared as MongoDB compares them (1, 1.0 and Long(1) alike): strings and numbers are kept as
 * they are, anything else under its record-id key, in a set of its own so no string can pass for it.
 */
export class HashedValues {
  private readonly strings = new Set<string>();
  private readonly others = new Set<string | number>();

  constructor(values: Iterable<unknown> = []) {
    for (const v of values) this.add(v);
  }

  private static key(v: unknown): string | number {
    if (typeof v === 'number') return v; // a Set treats 0/-0 and NaN/NaN as equal, as MongoDB does
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const n = toNumber(v); // Long, Decimal128
      if (!Number.isNaN(n)) return n;
    }
    return recordIdOf(v);
  }

  add(v: unknown): void {
    if (typeof v === 'string') this.strings.add(v);
    else this.others.add(HashedValues.key(v));
  }

  /** The set itself when it holds strings only (a non-string value then never matches). */
  onlyStrings(): ReadonlySet<string> | undefined {
    return this.others.size === 0 ? this.strings : undefined;
  }

  has(v: unknown): boolean {
    return typeof v === 'string' ? this.strings.has(v) : this.others.has(HashedValues.key(v));
  }
}

function inMatcher(values: unknown, op: string): (obj: unknown, selector: string) => boolean {
  if (!Array.isArray(values)) throw new MongoCommandError(2, `${op} needs an array`);
  const set = new HashedValues();
  const patterns: StringMatcher[] = [];
  for (const x of values) {
    if (x instanceof RegExp) patterns.push(guardedTest(x));
    else if (x !== null && typeof x === 'object' && '$regex' in x)
      throw new MongoCommandError(2, `cannot nest $ under ${op}`);
    else set.add(x);
  }
  return (obj, selector) =>
    candidates(obj, selector).some((v) => set.has(v) || (typeof v === 'string' && patterns.some((p) => p(v))));
}

export function inOperator(selector: string, value: unknown): Predicate {
  const m = inMatcher(value, '$in');
  return (obj) => m(obj, selector);
}

export function ninOperator(selector: string, value: unknown): Predicate {
  const m = inMatcher(value, '$nin');
  return (obj) => !m(obj, selector);
}

export type QueryOp = (selector: string, value: unknown, options: Options) => Predicate;

/**
 * $eq/$ne/$gt/$gte/$lt/$lte/$in/$nin under a query's collation: strings compare with the collator (é = e at
 * strength 1); without a collation mingo's own operator runs.
 */
export function collated(op: string, original: QueryOp): QueryOp {
  return (selector, value, options) => {
    // mingo's own update operators pass options with an empty collation: only a located one applies.
    const collator = options?.collation?.locale ? collatorOf(options.collation) : undefined;
    if (!collator) return original(selector, value, options);
    const cmp = (a: unknown, b: unknown) => compareCollated(a, b, collator);
    const eq = (v: unknown, x: unknown) => (x === null ? v === null || v === undefined : cmp(v, x) === 0);
    const anyEq = (obj: unknown, xs: unknown[]) => candidates(obj, selector).some((v) => xs.some((x) => eq(v, x)));
    const sameKind = (v: unknown, x: unknown) => typeof v === typeof x || (v instanceof Date && x instanceof Date);
    switch (op) {
      case '$eq':
        return (obj) => anyEq(obj, [value]);
      case '$ne':
        return (obj) => !anyEq(obj, [value]);
      case '$in':
      case '$nin': {
        if (!Array.isArray(value)) throw new MongoCommandError(2, `${op} needs an array`);
        return op === '$in' ? (obj) => anyEq(obj, value) : (obj) => !anyEq(obj, value);
      }
      default: {
        const ok =
          { $gt: (c: number) => c > 0, $gte: (c: number) => c >= 0, $lt: (c: number) => c < 0 }[op] ??
          ((c: number) => c <= 0);
        return (obj) =>
          candidates(obj, selector).some((v) => v !== undefined && sameKind(v, value) && ok(cmp(v, value)));
      }
    }
  };
}
