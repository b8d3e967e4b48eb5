// Translation of query predicates into index intervals (mongod's "index bounds"), with type bracketing:
// { $gt: 5 } only covers numbers, { $lt: "m" } only strings.
import { bsonType, compareValues, HIGHEST, isPlainObject, LOWEST, Rank, TypeBound, typeRank } from './indexes.order';

export interface Interval {
  lo: unknown;
  loInc: boolean;
  hi: unknown;
  hiInc: boolean;
}

export const FULL: Interval = { lo: LOWEST, loInc: true, hi: HIGHEST, hiInc: true };

export function point(v: unknown): Interval {
  const x = v === undefined ? null : v;
  return { lo: x, loInc: true, hi: x, hiInc: true };
}

export function isPoint(i: Interval): boolean {
  return i.loInc && i.hiInc && compareValues(i.lo, i.hi) === 0;
}

function isEmpty(i: Interval): boolean {
  const c = compareValues(i.lo, i.hi);
  return c > 0 || (c === 0 && !(i.loInc && i.hiInc));
}

/** Sorted, disjoint union. */
export function normalize(list: Interval[]): Interval[] {
  const sorted = list
    .filter((i) => !isEmpty(i))
    .sort((a, b) => compareValues(a.lo, b.lo) || (a.loInc === b.loInc ? 0 : a.loInc ? -1 : 1));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last) {
      const c = compareValues(i.lo, last.hi);
      if (c < 0 || (c === 0 && (i.loInc || last.hiInc))) {
        const h = compareValues(i.hi, last.hi);
        if (h > 0 || (h === 0 && i.hiInc)) {
          last.hi = i.hi;
          last.hiInc = i.hiInc || (h === 0 && last.hiInc);
        }
        continue;
      }
    }
    out.push({ ...i });
  }
  return out;
}

export function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lc = compareValues(x.lo, y.lo);
      const hc = compareValues(x.hi, y.hi);
      const i: Interval = {
        lo: lc >= 0 ? x.lo : y.lo,
        loInc: lc > 0 ? x.loInc : lc < 0 ? y.loInc : x.loInc && y.loInc,
        hi: hc <= 0 ? x.hi : y.hi,
        hiInc: hc < 0 ? x.hiInc : hc > 0 ? y.hiInc : x.hiInc && y.hiInc,
      };
      if (!isEmpty(i)) out.push(i);
    }
  }
  return normalize(out);
}

/** True when every value in `inner` is inside `outer`. */
export function contains(outer: Interval[], inner: Interval[]): boolean {
  return inner.every((i) =>
    outer.some((o) => {
      const lc = compareValues(o.lo, i.lo);
      const hc = compareValues(o.hi, i.hi);
      return (lc < 0 || (lc === 0 && (o.loInc || !i.loInc))) && (hc > 0 || (hc === 0 && (o.hiInc || !i.hiInc)));
    }),
  );
}

export function includesNull(list: Interval[]): boolean {
  return list.some((i) => {
    const lc = compareValues(i.lo, null);
    const hc = compareValues(i.hi, null);
    return (lc < 0 || (lc === 0 && i.loInc)) && (hc > 0 || (hc === 0 && i.hiInc));
  });
}

export function matchesIntervals(v: unknown, list: Interval[]): boolean {
  return list.some((i) => {
    const lc = compareValues(v, i.lo);
    if (lc < 0 || (lc === 0 && !i.loInc)) return false;
    const hc = compareValues(v, i.hi);
    return hc < 0 || (hc === 0 && i.hiInc);
  });
}

function isRegex(v: unknown): boolean {
  return v instanceof RegExp || bsonType(v) === 'BSONRegExp';
}

/** Bounds of a regex match: a string range for an anchored literal prefix, plus the regex value itself. */
function regexIntervals(source: string, flags: string, self: unknown): Interval[] {
  const strings: Interval = {
    lo: new TypeBound(Rank.String, -1),
    loInc: true,
    hi: new TypeBound(Rank.String, 1),
    hiInc: true,
  };
  const out: Interval[] = [point(self)];
  const prefix = flags.includes('i') || flags.includes('m') || flags.includes('x') ? '' : literalPrefix(source);
  if (prefix) {
    out.push({ lo: prefix, loInc: true, hi: successor(prefix), hiInc: false });
  } else {
    out.push(strings);
  }
  return normalize(out);
}

function literalPrefix(source: string): string {
  if (!source.startsWith('^') || source.includes('|')) return '';
  let out = '';
  for (let i = 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined || /[A-Za-z0-9]/.test(n)) break;
      if (isQuantifier(source[i + 2])) break;
      out += n;
      i++;
      continue;
    }
    if ('^$.|?*+()[]{}'.includes(c)) {
      if ('?*{'.includes(c)) out = out.slice(0, -1);
      break;
    }
    if (isQuantifier(source[i + 1])) break;
    out += c;
  }
  return out;
}

function isQuantifier(c: string | undefined): boolean {
  return c === '?' || c === '*' || c === '{';
}

function successor(s: string): string | TypeBound {
  let t = s;
  while (t.length > 0) {
    const last = t.charCodeAt(t.length - 1);
    if (last < 0xffff) return t.slice(0, -1) + String.fromCharCode(last + 1);
    t = t.slice(0, -1);
  }
  return new TypeBound(Rank.String, 1);
}

function equalityIntervals(v: unknown): Interval[] {
  if (isRegex(v)) {
    const [src, flags] =
      v instanceof RegExp
        ? [v.source, v.flags]
        : [(v as { pattern: string }).pattern, (v as { options: string }).options];
    return regexIntervals(src, flags, v);
  }
  if (Array.isArray(v)) {
    // The whole array is not keyed (its elements are): match on its first element or nested-array keys.
    return normalize(v.length > 0 ? [point(v), point(v[0])] : [point(v)]);
  }
  return [point(v)];
}

function rangeIntervals(op: string, v: unknown): Interval[] | undefined {
  if (Array.isArray(v) || v === undefined) return undefined;
  const r = typeRank(v);
  if (r === Rank.Null) return op === '$gte' || op === '$lte' ? [point(null)] : [];
  const typeLo = r === Rank.Min || r === Rank.Max ? LOWEST : new TypeBound(r, -1);
  const typeHi = r === Rank.Min || r === Rank.Max ? HIGHEST : new TypeBound(r, 1);
  switch (op) {
    case '$gt':
      return normalize([{ lo: v, loInc: false, hi: typeHi, hiInc: true }]);
    case '$gte':
      return normalize([{ lo: v, loInc: true, hi: typeHi, hiInc: true }]);
    case '$lt':
      return normalize([{ lo: typeLo, loInc: true, hi: v, hiInc: false }]);
    case '$lte':
      return normalize([{ lo: typeLo, loInc: true, hi: v, hiInc: true }]);
    default:
      return undefined;
  }
}

export function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Intervals a field condition restricts the field's index keys to, or undefined when the condition gives
 * no usable bound. With `multikey`, different array elements may satisfy different operators, so only one
 * operator is used instead of the intersection.
 */
export function conditionIntervals(cond: unknown, multikey: boolean): Interval[] | undefined {
  if (!isOperatorObject(cond)) return equalityIntervals(cond);
  const parts: Interval[][] = [];
  for (const [op, v] of Object.entries(cond)) {
    let iv: Interval[] | undefined;
    switch (op) {
      case '$eq':
        iv = isRegex(v) ? [point(v)] : equalityIntervals(v);
        break;
      case '$in':
        if (Array.isArray(v)) iv = normalize(v.flatMap((x) => equalityIntervals(x)));
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        iv = rangeIntervals(op, v);
        break;
      case '$regex': {
        const options = typeof cond.$options === 'string' ? cond.$options : '';
        if (typeof v === 'string') iv = regexIntervals(v, options, new RegExp(v, options.replace(/[^imsu]/g, '')));
        else if (v instanceof RegExp) iv = regexIntervals(v.source, v.flags + options, v);
        break;
      }
      case '$elemMatch':
        if (isOperatorObject(v)) iv = conditionIntervals(v, false);
        break;
      case '$all':
        if (Array.isArray(v) && v.length > 0 && !isOperatorObject(v[0])) iv = equalityIntervals(v[0]);
        break;
      default:
        break;
    }
    if (iv) parts.push(iv);
  }
  if (parts.length === 0) return undefined;
  if (multikey) {
    // Prefer the most selective-looking operator: point sets before ranges.
    return parts.find((p) => p.every(isPoint)) ?? parts[0];
  }
  return parts.reduce((acc, p) => intersect(acc, p));
}
