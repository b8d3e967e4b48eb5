// Update semantics on top of mingo's updater, with the gaps fixed: $setOnInsert, $addToSet/$each on a missing
// field, type checks for $inc/$mul, _id immutability, replacement documents and upsert seeding from the filter.
import { updateOne } from 'mingo/updater';
import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors.command';
import { cloneDoc, getPath, hasWrappers, plain, retype, valuesEqual, viewOf } from '../storage/bson.values';
import { MINGO_OPTIONS, splitFilter } from '../storage/query.executor';

const UPDATE_OPS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

export type UpdateSpec = Document | Document[];

export function isReplacement(u: UpdateSpec): boolean {
  if (Array.isArray(u)) return false;
  const keys = Object.keys(u);
  return keys.length === 0 || !keys[0]!.startsWith('$');
}

export function validateUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) return u as Document[];
  if (u === null || typeof u !== 'object')
    throw new MongoCommandError(14, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length)
    throw new MongoCommandError(
      9,
      `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  for (const op of ops) {
    if (!UPDATE_OPS.has(op))
      throw new MongoCommandError(
        9,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    const arg = (u as Document)[op];
    if (arg === null || typeof arg !== 'object' || Array.isArray(arg))
      throw new MongoCommandError(
        9,
        `Modifiers operate on fields but we found type ${Array.isArray(arg) ? 'array' : typeof arg} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(arg)}}`,
      );
  }
  return u as Document;
}

const isNumeric = (v: unknown) => typeof v === 'number' || v instanceof Long || v instanceof Decimal128;
const plainPath = (p: string) => !p.includes('$');

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i]!;
    const next = cur[p];
    if (next === undefined || next === null) cur[p] = {};
    else if (typeof next !== 'object') return;
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
}

/**
 * Returns the updated copy of `doc` (the input is never mutated) or the same object when nothing changed.
 * `filter` is needed for the positional `$` operator.
 */
export function applyUpdate(
  doc: Document,
  update: UpdateSpec,
  opts: { filter?: Document; arrayFilters?: Document[]; inserting?: boolean; variables?: Document } = {},
): Document {
  if (isReplacement(update)) {
    const repl = update as Document;
    if ('_id' in repl && doc._id !== undefined && !valuesEqual(repl._id, doc._id)) throw immutableId();
    const out: Document = doc._id !== undefined ? { _id: doc._id } : {};
    for (const [k, v] of Object.entries(repl)) if (k !== '_id' || doc._id === undefined) out[k] = v;
    return out;
  }
  const base = viewOf(doc);
  const copy = cloneDoc(base);
  const plainUpdate = plain(update);
  let mod: Document | Document[] = plainUpdate;
  if (!Array.isArray(plainUpdate)) {
    const m: Document = { ...plainUpdate };
    if (m.$setOnInsert) {
      if (opts.inserting) m.$set = { ...(m.$set ?? {}), ...m.$setOnInsert };
      delete m.$setOnInsert;
    }
    for (const op of ['$inc', '$mul'] as const) {
      if (!m[op]) continue;
      for (const [p, v] of Object.entries(m[op] as Document)) {
        if (!isNumeric(v))
          throw new MongoCommandError(
            14,
            `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${p}: ${JSON.stringify(v)}}`,
          );
        if (!plainPath(p)) continue;
        const cur = getPath(copy, p);
        if (cur !== undefined && !isNumeric(cur))
          throw new MongoCommandError(
            14,
            `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${p.split('.').pop()}' of non-numeric type ${typeName(cur)}`,
          );
      }
    }
    for (const op of ['$addToSet', '$push'] as const) {
      // mingo ignores $each modifiers (dedup, $sort, $slice) when the target array does not exist yet.
      for (const [p, v] of Object.entries((m[op] ?? {}) as Document)) {
        if (plainPath(p) && v && typeof v === 'object' && '$each' in v && getPath(copy, p) === undefined)
          setPath(copy, p, []);
      }
    }
    for (const [op, spec] of Object.entries(m)) {
      for (const p of Object.keys(spec as Document)) {
        if (p !== '_id' && !p.startsWith('_id.')) continue;
        // Setting _id to its current value is a no-op; anything else would change an immutable field.
        if (op === '$set' && p === '_id' && doc._id !== undefined && valuesEqual((spec as Document)[p], doc._id)) {
          const { _id: _drop, ...restSet } = spec as Document;
          m[op] = restSet;
          continue;
        }
        if (doc._id !== undefined || op !== '$set') throw immutableId();
      }
    }
    for (const [p, v] of Object.entries((m.$push ?? {}) as Document)) {
      const cur = plainPath(p) ? getPath(copy, p) : undefined;
      if (cur !== undefined && !Array.isArray(cur))
        throw new MongoCommandError(
          2,
          `The field '${p}' must be an array but is of type ${typeName(cur)} in document {_id: ${JSON.stringify(doc._id)}}`,
        );
      void v;
    }
    if (Object.keys(m).length === 0) return doc;
    if (Object.values(m).every((v) => v && typeof v === 'object' && Object.keys(v).length === 0)) return doc;
    checkConflicts(m);
    if (base === doc) {
      const fast = fastApply(doc, m);
      if (fast) return fast;
    }
    mod = m;
  }
  const docs = [copy];
  let res;
  try {
    const filter = opts.filter ? splitFilter(opts.filter).rest : {};
    // The document already matched; the filter is passed only so positional `$` can find its element.
    res = updateOne(
      docs,
      needsFilter(mod) ? filter : {},
      mod as never,
      { arrayFilters: opts.arrayFilters, let: opts.variables },
      MINGO_OPTIONS,
    );
  } catch (e) {
    throw toCommandError(e);
  }
  if (!res.modifiedCount && !opts.inserting) return doc;
  let out = docs[0]!;
  // Numbers that were Double/Long before the update keep that type; explicitly typed $set values win.
  if (base !== doc) out = retype(out, doc) as Document;
  if (plainUpdate !== update && !Array.isArray(update)) {
    for (const op of opts.inserting ? ['$set', '$setOnInsert'] : ['$set']) {
      for (const [p, v] of Object.entries((update[op] ?? {}) as Document))
        if (plainPath(p) && hasWrappers(v)) setPath(out, p, v);
    }
  }
  if (doc._id !== undefined && !valuesEqual(out._id, doc._id)) throw immutableId();
  if (out._id === undefined && doc._id !== undefined) throw immutableId();
  return out;
}

function checkConflicts(m: Document): void {
  const paths: string[] = [];
  for (const [op, spec] of Object.entries(m)) {
    for (const p of Object.keys(spec as Document)) paths.push(p);
    if (op === '$rename') for (const to of Object.values(spec as Document)) paths.push(String(to));
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a === b || b.startsWith(`${a}.`))
      throw new MongoCommandError(40, `Updating the path '${b}' would create a conflict at '${a}'`);
  }
}

/**
 * $set/$inc/$unset on plain dotted paths without arrays, copying only the objects along the changed paths.
 * Returns null when mingo must handle the update, or `doc` itself when nothing changed.
 */
function fastApply(doc: Document, m: Document): Document | null {
  for (const [op, spec] of Object.entries(m)) {
    if (op !== '$set' && op !== '$inc' && op !== '$unset') return null;
    for (const [p, v] of Object.entries(spec as Document)) {
      if (!p || p.includes('$') || p.split('.').some((x) => x === '' || /^\d+$/.test(x))) return null;
      if (op === '$inc' && typeof v !== 'number') return null;
    }
  }
  const out: Document = { ...doc };
  const copied = new Set<object>([out]);
  let modified = false;
  // Walks to the parent of `path`, copying objects on the way; null = an array is in the way (mingo's job).
  const parentOf = (path: string[], create: boolean): Record<string, unknown> | null | undefined => {
    let cur: Record<string, unknown> = out;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i]!;
      const next = cur[k];
      if (Array.isArray(next)) return null;
      if (next === undefined || next === null) {
        if (!create) return undefined;
        if (next === null) throw cannotCreate(path, i, next);
        const fresh = {};
        cur[k] = fresh;
        copied.add(fresh);
        cur = fresh;
        continue;
      }
      if (typeof next !== 'object' || Object.getPrototypeOf(next) !== Object.prototype) {
        if (!create) return undefined;
        throw cannotCreate(path, i, next);
      }
      if (!copied.has(next)) {
        const c = { ...(next as Record<string, unknown>) };
        cur[k] = c;
        copied.add(c);
        cur = c;
      } else cur = next as Record<string, unknown>;
    }
    return cur;
  };
  for (const [op, spec] of Object.entries(m)) {
    for (const [p, v] of Object.entries(spec as Document)) {
      const path = p.split('.');
      const last = path[path.length - 1]!;
      const parent = parentOf(path, op !== '$unset');
      if (parent === null) return null;
      if (parent === undefined) continue;
      const cur = parent[last];
      if (op === '$unset') {
        if (cur !== undefined) {
          delete parent[last];
          modified = true;
        }
      } else if (op === '$set') {
        if (cur !== undefined && valuesEqual(cur, v) && sameShape(cur, v)) continue;
        parent[last] = cloneDoc(v);
        modified = true;
      } else {
        if (cur !== undefined && typeof cur !== 'number') return null;
        const next = cur === undefined ? (v as number) : cur + (v as number);
        if (cur !== undefined && next === cur) continue;
        // int32 + int32 overflowing becomes an int64, as in mongod (a plain number would be stored as a double).
        parent[last] =
          isInt32(cur) && isInt32(v) && !isInt32(next) && Number.isSafeInteger(next) ? Long.fromNumber(next) : next;
        modified = true;
      }
    }
  }
  return modified ? out : doc;
}

/** valuesEqual treats 1 and "1"-typed brackets alike only for numbers; also require the same JS type. */
function sameShape(a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b) return false;
  if (a === null || b === null || typeof a !== 'object') return true;
  return Object.getPrototypeOf(a) === Object.getPrototypeOf(b);
}

const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

function cannotCreate(path: string[], i: number, v: unknown): MongoCommandError {
  return new MongoCommandError(
    28,
    `Cannot create field '${path[i + 1]}' in element {${path[i]}: ${JSON.stringify(v)}}`,
    { codeName: 'PathNotViable' },
  );
}

function needsFilter(mod: Document | Document[]): boolean {
  if (Array.isArray(mod)) return false;
  return Object.values(mod).some((v) => v && typeof v === 'object' && Object.keys(v).some((k) => /\.\$(\.|$)/.test(k)));
}

function immutableId(): MongoCommandError {
  return new MongoCommandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Date) return 'date';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** The document an upsert starts from: equality fields of the filter (top level and inside $and). */
export function seedFromFilter(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const c of v) visit(c as Document);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype) {
        const keys = Object.keys(v);
        if (keys.length && keys.every((x) => x.startsWith('$'))) {
          if ('$eq' in v) setPath(seed, k, cloneDoc((v as Document).$eq));
          continue;
        }
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, cloneDoc(v));
    }
  };
  visit(filter);
  return seed;
}

export function withIdFirst(doc: Document): Document {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
