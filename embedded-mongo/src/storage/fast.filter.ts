// A matcher for the common filter shapes (field equality and ranges on scalars) that skips mingo.
// It answers true/false when the document has no arrays on the queried paths, and undefined otherwise.
import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { compareValues, valuesEqual } from './bson.values';
import { HashedValues } from './query.operators';

type Cond = { path: string[]; op: string; value: unknown };

const isScalar = (v: unknown) =>
  typeof v === 'string' ||
  (typeof v === 'number' && !Number.isNaN(v)) ||
  typeof v === 'boolean' ||
  v instanceof ObjectId ||
  v instanceof Date;

const RANGE_OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in']);

function bracket(v: unknown): number {
  if (typeof v === 'number' || v instanceof Long || v instanceof Decimal128) return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 3;
  if (v instanceof ObjectId) return 4;
  if (v instanceof Date) return 5;
  return 0;
}

export function compileFastFilter(filter: Document): ((doc: Document) => boolean | undefined) | null {
  const conds: Cond[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('$')) return null;
    const path = k.split('.');
    if (path.some((p) => p === '' || /^\d+$/.test(p))) return null;
    if (isScalar(v)) {
      conds.push({ path, op: '$eq', value: v });
      continue;
    }
    if (!v || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return null;
    const ops = Object.entries(v as Document);
    if (!ops.length) return null;
    for (const [op, arg] of ops) {
      if (!RANGE_OPS.has(op)) return null;
      if (op === '$in') {
        if (!Array.isArray(arg) || !arg.every(isScalar)) return null;
        conds.push({ path, op, value: new HashedValues(arg) });
        continue;
      }
      if (!isScalar(arg)) return null;
      conds.push({ path, op, value: arg });
    }
  }
  if (!conds.length) return null;
  // One closure per condition, specialised for its operator and path (the scan of a large collection calls
  // them once per document: no generic dispatch, no path walk for a top-level field).
  const preds = conds.map(compileCond);
  if (preds.length === 1) return preds[0]!;
  return (doc) => {
    let undecided = false;
    for (const p of preds) {
      const r = p(doc);
      if (r === false) return false;
      if (r === undefined) undecided = true;
    }
    return undecided ? undefined : true;
  };
}

/** Marks a value reached through an array: only mingo knows MongoDB's array semantics there. */
const ARRAY = Symbol('array');

function getter(path: string[]): (doc: Document) => unknown {
  if (path.length === 1) {
    const f = path[0]!;
    return (doc) => {
      const v = doc[f];
      return Array.isArray(v) ? ARRAY : v;
    };
  }
  return (doc) => {
    let cur: unknown = doc;
    for (const p of path) {
      if (Array.isArray(cur)) return ARRAY;
      if (cur === null || typeof cur !== 'object' || cur instanceof Date || cur instanceof ObjectId) return undefined;
      cur = (cur as Record<string, unknown>)[p];
    }
    return Array.isArray(cur) ? ARRAY : cur;
  };
}

function compileCond(c: Cond): (doc: Document) => boolean | undefined {
  const get = getter(c.path);
  const t = tester(c);
  return (doc) => {
    const v = get(doc);
    return v === ARRAY ? undefined : t(v);
  };
}

function tester(c: Cond): (v: unknown) => boolean {
  const x = c.value;
  switch (c.op) {
    case '$eq':
      // A string equals only the same string; a number any number of the same value (the view holds plain numbers).
      if (typeof x === 'string') return (v) => v === x;
      if (typeof x === 'number')
        return (v) => v === x || (v !== undefined && typeof v !== 'number' && valuesEqual(v, x));
      return (v) => v !== undefined && valuesEqual(v, x);
    case '$ne':
      return (v) => v === undefined || !valuesEqual(v, x);
    case '$in': {
      const set = x as HashedValues;
      const strings = set.onlyStrings();
      if (strings) return (v) => typeof v === 'string' && strings.has(v);
      return (v) => v !== undefined && set.has(v);
    }
  }
  const rank = bracket(x);
  const ok =
    c.op === '$gt'
      ? (cmp: number) => cmp > 0
      : c.op === '$gte'
        ? (cmp: number) => cmp >= 0
        : c.op === '$lt'
          ? (cmp: number) => cmp < 0
          : (cmp: number) => cmp <= 0;
  return (v) => v !== undefined && v !== null && bracket(v) === rank && ok(compareValues(v, x));
}
