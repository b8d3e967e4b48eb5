// Indexes created with a collation: their string keys compare through the collator (see CollatedString), and
// only queries with the same collation may read them (a simple query's bounds would be wrong, and vice versa).
import type { Document } from 'bson';
import { collatorOf } from '../storage/collation';
import { type Interval } from './indexes.bounds';
import { bsonType, CollatedString, isPlainObject } from './indexes.order';

/** The spec's collation as mongod lists it (every field filled in), or undefined for "simple". */
export function expandCollation(spec: unknown): Document | undefined {
  const collator = collatorOf(spec); // validates (code 2 on a bad locale or strength)
  if (!collator) return undefined;
  const c = spec as Document;
  return {
    locale: c.locale,
    caseLevel: c.caseLevel ?? false,
    caseFirst: c.caseFirst ?? 'off',
    strength: c.strength ?? 3,
    numericOrdering: c.numericOrdering ?? false,
    alternate: c.alternate ?? 'non-ignorable',
    maxVariable: c.maxVariable ?? 'punct',
    normalization: c.normalization ?? false,
    backwards: c.backwards ?? false,
    version: '57.1',
  };
}

/** A sub-document (not a bound sentinel such as TypeBound, nor another class instance). */
const isSubDocument = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** `v` with every string (also inside arrays and sub-documents) compared through the collator. */
export function collateValue(v: unknown, collator: Intl.Collator): unknown {
  if (typeof v === 'string') return new CollatedString(v, collator);
  if (Array.isArray(v)) return v.map((x) => collateValue(x, collator));
  // TypeBound ends of a range ({ $gt: 'e' } up to the last string) stay sentinels.
  if (isSubDocument(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = collateValue(x, collator);
    return out;
  }
  return v;
}

/** The stored value behind a collated key (for duplicate-key reports). */
export function uncollateValue(v: unknown): unknown {
  if (v instanceof CollatedString) return v.s;
  if (Array.isArray(v)) return v.map(uncollateValue);
  if (isSubDocument(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = uncollateValue(x);
    return out;
  }
  return v;
}

/** Whether a condition holds a regex anywhere: its bounds are byte ranges, meaningless in a collated index. */
export function holdsRegex(cond: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (cond instanceof RegExp || bsonType(cond) === 'BSONRegExp') return true;
  if (Array.isArray(cond)) return cond.some((x) => holdsRegex(x, depth + 1));
  if (isPlainObject(cond)) return '$regex' in cond || Object.values(cond).some((x) => holdsRegex(x, depth + 1));
  return false;
}

/** Intervals with their string ends compared through the collator. */
export function collateIntervals(list: Interval[], collator: Intl.Collator): Interval[] {
  return list.map((i) => ({ ...i, lo: collateValue(i.lo, collator), hi: collateValue(i.hi, collator) }));
}

/**
 * Whether a condition's operands hold a string (or a regex, or a symbol) anywhere: its bounds or matches depend on
 * the collation. Numbers, dates, ObjectIds, booleans, null compare alike under every collation.
 */
export function holdsCollatable(cond: unknown, depth = 0): boolean {
  if (depth > 32) return true;
  if (typeof cond === 'string') return true;
  if (cond instanceof RegExp) return true;
  const t = bsonType(cond);
  if (t === 'BSONRegExp' || t === 'BSONSymbol' || t === 'DBRef' || t === 'Code') return true;
  if (Array.isArray(cond)) return cond.some((x) => holdsCollatable(x, depth + 1));
  if (isPlainObject(cond)) return Object.values(cond).some((x) => holdsCollatable(x, depth + 1));
  return false;
}
