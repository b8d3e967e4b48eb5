// A matcher for the common filter shapes (field equality and ranges on scalars) that skips mingo.
// It answers true/false when the document has no arrays on the queried paths, and undefined otherwise.
import { ObjectId, type Document } from 'bson';
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
  if (typeof v === 'number') return 1;
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
  return (doc) => {
    for (const c of conds) {
      let cur: unknown = doc;
      for (const p of c.path) {
        if (Array.isArray(cur)) return undefined;
        if (cur === null || typeof cur !== 'object' || cur instanceof Date || cur instanceof ObjectId) {
          cur = undefined;
          break;
        }
        cur = (cur as Record<string, unknown>)[p];
      }
      if (Array.isArray(cur)) return undefined;
      if (!test(c, cur)) return false;
    }
    return true;
  };
}

function test(c: Cond, v: unknown): boolean {
  switch (c.op) {
    case '$eq':
      return v !== undefined && valuesEqual(v, c.value);
    case '$ne':
      return v === undefined || !valuesEqual(v, c.value);
    case '$in':
      return v !== undefined && (c.value as HashedValues).has(v);
  }
  if (v === undefined || v === null || bracket(v) !== bracket(c.value)) return false;
  const cmp = compareValues(v, c.value);
  switch (c.op) {
    case '$gt':
      return cmp > 0;
    case '$gte':
      return cmp >= 0;
    case '$lt':
      return cmp < 0;
    default:
      return cmp <= 0;
  }
}
