// Query operators that replace mingo's: $regex on RE2 (linear time), $in/$nin with a hashed set of values.
import { MongoCommandError } from '../errors.command';
import { recordIdOf, toNumber, valuesAtPath } from './bson.values';
import { matcherOf, type StringMatcher } from './regex.safe';

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

export function regexOperator(selector: string, value: unknown): Predicate {
  if (!(value instanceof RegExp)) throw new MongoCommandError(2, '$regex has to be a string');
  const m = matcherOf(value);
  return (obj) => candidates(obj, selector).some((v) => typeof v === 'string' && m.test(v));
}

/** Key under which equal values (as MongoDB compares them: 1, 1.0 and Long(1) alike) meet. */
export function hashKey(v: unknown): string | number {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return v; // a Set treats 0/-0 and NaN/NaN as equal, as MongoDB does
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const n = toNumber(v); // Long, Decimal128
    if (!Number.isNaN(n)) return n;
  }
  return recordIdOf(v);
}

function inMatcher(values: unknown, op: string): (obj: unknown, selector: string) => boolean {
  if (!Array.isArray(values)) throw new MongoCommandError(2, `${op} needs an array`);
  const set = new Set<string | number>();
  const patterns: StringMatcher[] = [];
  for (const x of values) {
    if (x instanceof RegExp) patterns.push(matcherOf(x).test);
    else if (x !== null && typeof x === 'object' && '$regex' in x)
      throw new MongoCommandError(2, `cannot nest $ under ${op}`);
    else set.add(hashKey(x));
  }
  return (obj, selector) =>
    candidates(obj, selector).some((v) => set.has(hashKey(v)) || (typeof v === 'string' && patterns.some((p) => p(v))));
}

export function inOperator(selector: string, value: unknown): Predicate {
  const m = inMatcher(value, '$in');
  return (obj) => m(obj, selector);
}

export function ninOperator(selector: string, value: unknown): Predicate {
  const m = inMatcher(value, '$nin');
  return (obj) => !m(obj, selector);
}
