// BSON comparison order (the order mongod uses in indexes and sorts), for values deserialized by `bson`
// with promoteValues true (plain numbers, Buffers) or false (Int32/Double/Long wrappers).

/** Canonical type ranks: MinKey < null < numbers < string < object < array < BinData < ObjectId < boolean < Date < Timestamp < regex < MaxKey. */
export const Rank = {
  Min: 1,
  Null: 2,
  Number: 3,
  String: 4,
  Object: 5,
  Array: 6,
  Binary: 7,
  ObjectId: 8,
  Boolean: 9,
  Date: 10,
  Timestamp: 11,
  Regex: 12,
  Code: 13,
  Max: 14,
} as const;

/** Sentinel used in index bounds: sorts before (side -1) or after (side 1) every value of `rank`. */
export class TypeBound {
  constructor(
    readonly rank: number,
    readonly side: -1 | 1,
  ) {}
}

/**
 * A string key of an index created with a collation: compares through the collator (é = e at strength 1), so
 * such an index orders, bounds and uniquely checks strings as mongod's ICU collation keys do.
 */
export class CollatedString {
  constructor(
    readonly s: string,
    readonly collator: Intl.Collator,
  ) {}
}

/** Sorts before / after every BSON value (including MinKey/MaxKey). */
export const LOWEST = new TypeBound(0, -1);
export const HIGHEST = new TypeBound(99, 1);

type BsonLike = { _bsontype?: string };

export function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === 'object' ? (v as BsonLike)._bsontype : undefined;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  if ((v as BsonLike)._bsontype !== undefined) return false;
  if (v instanceof Date || v instanceof RegExp || ArrayBuffer.isView(v)) return false;
  return true;
}

export function typeRank(v: unknown): number {
  if (v === null || v === undefined) return Rank.Null;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
    case 'object':
      break;
    default:
      return Rank.Code;
  }
  if (v instanceof TypeBound) return v.rank;
  if (v instanceof CollatedString) return Rank.String;
  if (Array.isArray(v)) return Rank.Array;
  if (v instanceof Date) return Rank.Date;
  if (v instanceof RegExp) return Rank.Regex;
  if (ArrayBuffer.isView(v)) return Rank.Binary;
  switch ((v as BsonLike)._bsontype) {
    case undefined:
    case 'DBRef':
      return Rank.Object;
    case 'Int32':
    case 'Double':
    case 'Long':
    case 'Decimal128':
      return Rank.Number;
    case 'BSONSymbol':
      return Rank.String;
    case 'Binary':
      return Rank.Binary;
    case 'ObjectId':
      return Rank.ObjectId;
    case 'Timestamp':
      return Rank.Timestamp;
    case 'BSONRegExp':
      return Rank.Regex;
    case 'MinKey':
      return Rank.Min;
    case 'MaxKey':
      return Rank.Max;
    default:
      return Rank.Code;
  }
}

/** Numeric value as a double, and as an exact bigint when the source is an integer type. */
function numParts(v: unknown): [number, bigint | undefined] {
  if (typeof v === 'number') return [v, undefined];
  if (typeof v === 'bigint') return [Number(v), v];
  const t = (v as BsonLike)._bsontype;
  if (t === 'Long') {
    const s = String(v);
    return [Number(s), BigInt(s)];
  }
  if (t === 'Decimal128') return [decimalToNumber(String(v)), undefined];
  return [Number((v as { valueOf(): unknown }).valueOf()), undefined];
}

function decimalToNumber(s: string): number {
  if (s === 'NaN' || s === '-NaN') return NaN;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  return Number(s);
}

/** Plain JS number for any numeric BSON value (Int32, Double, Long, Decimal128, bigint); NaN otherwise. */
export function toNumber(v: unknown): number {
  return typeRank(v) === Rank.Number ? numParts(v)[0] : NaN;
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return cmpDouble(a, b);
  const [an, ab] = numParts(a);
  const [bn, bb] = numParts(b);
  if (ab !== undefined && bb !== undefined) return ab < bb ? -1 : ab > bb ? 1 : 0;
  // Integers beyond 2^53 against doubles: compare exactly when the double is integral.
  if (ab !== undefined && Number.isInteger(bn) && !Number.isSafeInteger(an)) return cmpBig(ab, BigInt(bn));
  if (bb !== undefined && Number.isInteger(an) && !Number.isSafeInteger(bn)) return cmpBig(BigInt(an), bb);
  return cmpDouble(an, bn);
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** NaN sorts below every other number, as in mongod. */
function cmpDouble(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an && bn ? 0 : an ? -1 : 1;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function bytesOf(v: unknown): Uint8Array {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const bin = v as { buffer: Uint8Array; position: number };
  return bin.buffer.subarray(0, bin.position);
}

function compareBinary(a: unknown, b: unknown): number {
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  if (ab.length !== bb.length) return ab.length < bb.length ? -1 : 1;
  const as = ArrayBuffer.isView(a) ? 0 : ((a as { sub_type: number }).sub_type ?? 0);
  const bs = ArrayBuffer.isView(b) ? 0 : ((b as { sub_type: number }).sub_type ?? 0);
  if (as !== bs) return as < bs ? -1 : 1;
  for (let i = 0; i < ab.length; i++) {
    if (ab[i] !== bb[i]) return ab[i]! < bb[i]! ? -1 : 1;
  }
  return 0;
}

type Oid = { i0?: number; i1?: number; i2?: number; i3?: number; toHexString(): string };

function compareObjectId(a: Oid, b: Oid): number {
  if (typeof a.i0 === 'number' && typeof b.i0 === 'number') {
    if (a.i0 !== b.i0) return a.i0 < b.i0 ? -1 : 1;
    if (a.i1 !== b.i1) return a.i1! < b.i1! ? -1 : 1;
    if (a.i2 !== b.i2) return a.i2! < b.i2! ? -1 : 1;
    if (a.i3 !== b.i3) return a.i3! < b.i3! ? -1 : 1;
    return 0;
  }
  return cmpStr(a.toHexString().toLowerCase(), b.toHexString().toLowerCase());
}

function regexParts(v: unknown): [string, string] {
  if (v instanceof RegExp) return [v.source, v.flags];
  const r = v as { pattern: string; options: string };
  return [r.pattern, r.options];
}

function timestampParts(v: unknown): [number, number] {
  const t = v as { t?: number; i?: number; high?: number; low?: number };
  if (typeof t.t === 'number' && typeof t.i === 'number') return [t.t, t.i];
  return [(t.high ?? 0) >>> 0, (t.low ?? 0) >>> 0];
}

function entriesOf(v: unknown): [string, unknown][] {
  if (bsonType(v) === 'DBRef') {
    const r = v as { collection: string; oid: unknown; db?: string };
    const out: [string, unknown][] = [
      ['$ref', r.collection],
      ['$id', r.oid],
    ];
    if (r.db) out.push(['$db', r.db]);
    return out;
  }
  return Object.entries(v as object).filter(([, x]) => x !== undefined);
}

/** Total order over BSON values (and TypeBound sentinels). */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Fast paths for the common same-type primitives.
  const ta = typeof a;
  if (ta === typeof b) {
    if (ta === 'string') return (a as string) < (b as string) ? -1 : 1;
    if (ta === 'number') return cmpDouble(a as number, b as number);
  }
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (a instanceof TypeBound || b instanceof TypeBound) {
    if (ra !== rb) return ra < rb ? -1 : 1;
    const sa = a instanceof TypeBound ? a.side : 0;
    const sb = b instanceof TypeBound ? b.side : 0;
    return sa === sb ? 0 : sa < sb ? -1 : 1;
  }
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case Rank.Null:
    case Rank.Min:
    case Rank.Max:
      return 0;
    case Rank.Number:
      return compareNumbers(a, b);
    case Rank.String:
      if (a instanceof CollatedString || b instanceof CollatedString) {
        const collator = (a instanceof CollatedString ? a : (b as CollatedString)).collator;
        const sa = a instanceof CollatedString ? a.s : String(a);
        const sb = b instanceof CollatedString ? b.s : String(b);
        return Math.sign(collator.compare(sa, sb));
      }
      return cmpStr(String(a), String(b));
    case Rank.Boolean:
      return a === b ? 0 : a ? 1 : -1;
    case Rank.Date:
      return cmpDouble((a as Date).getTime(), (b as Date).getTime());
    case Rank.ObjectId:
      return compareObjectId(a as Oid, b as Oid);
    case Rank.Binary:
      return compareBinary(a, b);
    case Rank.Timestamp: {
      const [at, ai] = timestampParts(a);
      const [bt, bi] = timestampParts(b);
      return at !== bt ? (at < bt ? -1 : 1) : ai !== bi ? (ai < bi ? -1 : 1) : 0;
    }
    case Rank.Regex: {
      const [ap, af] = regexParts(a);
      const [bp, bf] = regexParts(b);
      return cmpStr(ap, bp) || cmpStr(af, bf);
    }
    case Rank.Array: {
      const aa = a as unknown[];
      const ba = b as unknown[];
      const n = Math.min(aa.length, ba.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(aa[i], ba[i]);
        if (c !== 0) return c;
      }
      return aa.length === ba.length ? 0 : aa.length < ba.length ? -1 : 1;
    }
    case Rank.Object: {
      // Element by element: type, then field name, then value (BSON object comparison).
      const ae = entriesOf(a);
      const be = entriesOf(b);
      const n = Math.min(ae.length, be.length);
      for (let i = 0; i < n; i++) {
        const [ak, av] = ae[i]!;
        const [bk, bv] = be[i]!;
        const tr = typeRank(av) - typeRank(bv);
        if (tr !== 0) return tr < 0 ? -1 : 1;
        const kc = cmpStr(ak, bk);
        if (kc !== 0) return kc;
        const vc = compareValues(av, bv);
        if (vc !== 0) return vc;
      }
      return ae.length === be.length ? 0 : ae.length < be.length ? -1 : 1;
    }
    default:
      return cmpStr(String(a), String(b));
  }
}

/** Lexicographic comparison of two key tuples of the same length. */
export function compareTuples(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** Structural equality of two specs/option values under BSON comparison (1 equals Int32(1)). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const ak = Object.keys(a).filter((k) => a[k] !== undefined);
    const bk = Object.keys(b).filter((k) => b[k] !== undefined);
    return ak.length === bk.length && ak.every((k, i) => k === bk[i] && sameValue(a[k], b[k]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  return typeRank(a) === typeRank(b) && compareValues(a, b) === 0;
}

/** Copy with Int32/Double/Long wrappers turned into numbers, so mingo compares them (promoteValues: false docs). */
export function promoteNumbers(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(promoteNumbers);
  const t = bsonType(v);
  if (t === 'Int32' || t === 'Double') return toNumber(v);
  if (t === 'Long') {
    const n = toNumber(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = promoteNumbers(x);
    return out;
  }
  return v;
}
