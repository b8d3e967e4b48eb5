// BSON value helpers: record ids, cloning, ordering and the (de)serialization options used everywhere.
import { BSON, Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from 'bson';

/**
 * Numbers are kept as mongod keeps them: int32 and fractional doubles become JS numbers (what mingo understands),
 * integer-valued doubles stay `Double` and int64 stays `Long`, so they serialize back with their original type.
 */
const WIRE_OPTIONS: BSON.DeserializeOptions = {
  promoteLongs: false,
  promoteBuffers: false,
  promoteValues: false,
  bsonRegExp: false,
};

/** Kept for callers that want the driver-like promoted form. */
export const DESERIALIZE_OPTIONS = WIRE_OPTIONS;

export function deserialize(buf: Uint8Array): Document {
  return fromWire(BSON.deserialize(buf, WIRE_OPTIONS)) as Document;
}

export function serialize(doc: Document): Uint8Array {
  return BSON.serialize(doc, { checkKeys: false, ignoreUndefined: false });
}

const bsonType = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;

/** Int32 -> number, fractional Double -> number; integer Double and Long keep their wrapper. */
export function fromWire(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const t = bsonType(v);
  if (t === 'Int32') return (v as Int32).value;
  if (t === 'Double') {
    const n = (v as Double).value;
    return Number.isInteger(n) ? v : n;
  }
  if (t !== undefined) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = fromWire(v[i]);
    return v;
  }
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) v[k] = fromWire(v[k]);
    return v;
  }
  return v;
}

/** Copy with Double/Int32 wrappers (and Longs that fit) turned into numbers; the same object when there are none. */
export function plain<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  const t = bsonType(v);
  if (t === 'Double' || t === 'Int32') return (v as unknown as Double).value as unknown as T;
  if (t === 'Long') {
    const n = (v as unknown as Long).toNumber();
    return (Number.isSafeInteger(n) ? n : v) as unknown as T;
  }
  if (t !== undefined) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = plain(v[i]);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return (out ?? v) as unknown as T;
  }
  if (isPlainObject(v)) {
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(v)) {
      const x = plain(v[k]);
      if (x !== v[k]) (out ??= { ...v })[k] = x;
    }
    return (out ?? v) as T;
  }
  return v;
}

const VIEWS = new WeakMap<object, Document>();

/**
 * The mingo-facing form of a stored document (cached; stored documents are never mutated). A document without
 * number wrappers is its own view: it is not cached (a weak-map entry per document costs more than the walk).
 */
export function viewOf(doc: Document): Document {
  let v = VIEWS.get(doc);
  if (!v) {
    v = plain(doc);
    if (v !== doc) VIEWS.set(doc, v);
  }
  return v;
}

export function hasWrappers(v: unknown): boolean {
  return plain(v) !== v;
}

/** After mingo updated the plain view, gives numbers back the wrapper type they had in the old document. */
export function retype(n: unknown, o: unknown): unknown {
  if (typeof n === 'number') {
    const t = bsonType(o);
    if (t === 'Double') return Number.isInteger(n) ? (n === (o as Double).value ? o : new Double(n)) : n;
    if (t === 'Long') return Number.isInteger(n) ? (n === (o as Long).toNumber() ? o : Long.fromNumber(n)) : n;
    return n;
  }
  if (Array.isArray(n)) {
    if (!Array.isArray(o)) return n;
    let out: unknown[] | undefined;
    for (let i = 0; i < n.length; i++) {
      const x = retype(n[i], o[i]);
      if (x !== n[i]) (out ??= n.slice())[i] = x;
    }
    return out ?? n;
  }
  if (isPlainObject(n)) {
    if (!isPlainObject(o)) return n;
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(n)) {
      if (!(k in o)) continue;
      const x = retype(n[k], o[k]);
      if (x !== n[k]) (out ??= { ...n })[k] = x;
    }
    return out ?? n;
  }
  return n;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/** Deep copy of plain objects and arrays; BSON values (immutable in practice) and Dates are shared or copied cheaply. */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as unknown as T;
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k]);
    return out as T;
  }
  return v;
}

/** Stable internal key for an _id value: equal _ids (as MongoDB compares them) give equal keys. */
export function recordIdOf(id: unknown): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${Object.is(id, -0) ? 0 : id}`;
  if (id instanceof ObjectId) return `o:${id.toHexString()}`;
  if (id instanceof Date) return `d:${id.getTime()}`;
  if (id === null || id === undefined) return 'z:';
  if (typeof id === 'boolean') return `b:${id}`;
  if (id instanceof Long) return `n:${id.toString()}`;
  if (id instanceof Decimal128) return `n:${Number(id.toString())}`;
  return `x:${BSON.EJSON.stringify(id as Document, { relaxed: false })}`;
}

// MongoDB's cross-type sort order.
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 2;
    case 'string':
      return 3;
    case 'boolean':
      return 8;
  }
  if (v instanceof Long || v instanceof Decimal128) return 2;
  if ((v as { _bsontype?: string })._bsontype === 'Double' || (v as { _bsontype?: string })._bsontype === 'Int32')
    return 2;
  if (Array.isArray(v)) return 5;
  if (v instanceof Binary || v instanceof Uint8Array) return 6;
  if (v instanceof ObjectId) return 7;
  if (v instanceof Date) return 9;
  if (v instanceof Timestamp) return 10;
  if (v instanceof RegExp) return 11;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'MinKey') return 0;
  if (t === 'MaxKey') return 12;
  return 4; // object
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Decimal128) return Number(v.toString());
  const t = v as { _bsontype?: string; valueOf(): unknown };
  if (t && (t._bsontype === 'Double' || t._bsontype === 'Int32')) return Number(t.valueOf());
  return NaN;
}

/** Total order over BSON values following MongoDB's comparison rules (arrays compared element-wise). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 0:
    case 12:
      return 0;
    case 2: {
      const x = toNumber(a);
      const y = toNumber(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 8:
      return a === b ? 0 : a ? 1 : -1;
    case 9:
      return Math.sign((a as Date).getTime() - (b as Date).getTime());
    case 7:
      return Buffer.compare((a as ObjectId).id, (b as ObjectId).id);
    case 10:
      return (a as Timestamp).compare(b as Timestamp);
    case 6: {
      const x = a instanceof Binary ? a.buffer : (a as Uint8Array);
      const y = b instanceof Binary ? b.buffer : (b as Uint8Array);
      if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      return Buffer.compare(Buffer.from(x), Buffer.from(y));
    }
    case 11:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c) return c;
      }
      return Math.sign(x.length - y.length);
    }
    default: {
      const x = a as Record<string, unknown>;
      const y = b as Record<string, unknown>;
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      for (let i = 0; i < Math.min(kx.length, ky.length); i++) {
        const c = compareValues(x[kx[i]!], y[ky[i]!]) || (kx[i]! < ky[i]! ? -1 : kx[i]! > ky[i]! ? 1 : 0);
        if (c) return c;
      }
      return Math.sign(kx.length - ky.length);
    }
  }
}

/** Values at a dotted path, expanding arrays the way MongoDB does for sort keys. */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (v: unknown, i: number) => {
    if (i === parts.length) {
      out.push(v);
      return;
    }
    if (Array.isArray(v)) {
      const idx = Number(parts[i]);
      if (Number.isInteger(idx) && /^\d+$/.test(parts[i]!)) {
        walk(v[idx], i + 1);
        return;
      }
      for (const e of v) if (e !== null && typeof e === 'object') walk(e, i);
      if (v.length === 0) out.push(undefined);
      return;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      walk((v as Record<string, unknown>)[parts[i]!], i + 1);
      return;
    }
    out.push(undefined);
  };
  walk(doc, 0);
  return out;
}

/** Sort key of a document for one field: min element ascending, max element descending (MongoDB rule). */
export function sortKey(doc: unknown, path: string, dir: number): unknown {
  const vals = valuesAtPath(doc, path).flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (vals.length === 0) return undefined;
  let best = vals[0];
  for (const v of vals) {
    const c = compareValues(v, best);
    if (dir > 0 ? c < 0 : c > 0) best = v;
  }
  return best;
}

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function valuesEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b) === 0 && typeRank(a) === typeRank(b);
}
