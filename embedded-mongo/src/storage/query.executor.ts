// Query execution: index plan -> candidates -> full filter (mingo) -> sort/skip/limit -> projection.
import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors.command';
import type { Transaction } from '../txn/txn.transaction';
import type { Collection, Engine } from './storage.engine';
import { cloneDoc, compareValues, plain, recordIdOf, sortKey, viewOf } from './bson.values';
import { MINGO_OPTIONS, Query } from './mingo.context';
import { compileFastFilter } from './fast.filter';

export { MINGO_OPTIONS };

export interface Hit {
  rid: string;
  doc: Document;
  score?: number;
  distance?: number;
}

interface FilterShape {
  rest: Document;
  text: boolean;
  near: boolean;
}

const isOpObject = (v: unknown): v is Document =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Removes $text and $near/$nearSphere clauses (evaluated by the index plan) from the filter given to mingo. */
export function splitFilter(filter: Document): FilterShape {
  let text = false;
  let near = false;
  const rest: Document = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$text') {
      text = true;
      continue;
    }
    if (k === '$comment') continue;
    if (k === '$and' && Array.isArray(v)) {
      const parts = v.map((c) => splitFilter(c as Document));
      text ||= parts.some((p) => p.text);
      near ||= parts.some((p) => p.near);
      const kept = parts.map((p) => p.rest).filter((p) => Object.keys(p).length);
      if (kept.length) rest.$and = kept;
      continue;
    }
    if (isOpObject(v) && ('$near' in v || '$nearSphere' in v || '$geoNear' in v)) {
      near = true;
      continue;
    }
    rest[k] = v;
  }
  return { rest, text, near };
}

export function compileFilter(filter: Document): (doc: Document) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  const fast = compileFastFilter(filter);
  let q: Query | undefined;
  const slow = (doc: Document) => {
    if (!q) {
      try {
        q = new Query(filter);
      } catch (e) {
        throw toCommandError(e);
      }
    }
    return q.test(doc);
  };
  if (!fast) {
    try {
      q = new Query(filter); // compile now so a bad filter fails even on an empty collection
    } catch (e) {
      throw toCommandError(e);
    }
    return slow;
  }
  // The fast matcher answers plain equality/range filters; anything it cannot decide goes to mingo.
  return (doc) => fast(doc) ?? slow(doc);
}

/** Candidate ids for a filter: the index plan (plus snapshot extras in a transaction) or the whole collection. */
export interface QueryStats {
  indexName?: string;
  docsExamined: number;
}

/** `stopAfter`: enough hits when the caller neither sorts nor needs them all (findOne, limit, single update). */
export function selectDocs(
  engine: Engine,
  c: Collection | undefined,
  filter: Document,
  txn?: Transaction,
  stats?: QueryStats,
  stopAfter = Infinity,
): Hit[] {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter))
    throw new MongoCommandError(14, "BSON field 'filter' is the wrong type, expected type 'object'");
  const shape = splitFilter(filter);
  if (!c) {
    if (shape.text) throw new MongoCommandError(27, 'text index required for $text query');
    if (shape.near) throw nearError();
    return [];
  }
  let plan: ReturnType<Collection['indexes']['plan']> = null;
  try {
    plan = c.indexes.plan(filter);
  } catch (e) {
    throw toCommandError(e);
  }
  if (shape.text && !plan?.textScores) throw new MongoCommandError(27, 'text index required for $text query');
  if (shape.near && !plan?.distances) throw nearError();
  const test = compileFilter(plain(shape.rest));
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const consider = (rid: string) => {
    if (hits.length >= stopAfter || seen.has(rid)) return;
    seen.add(rid);
    const doc = engine.visible(c, rid, txn);
    if (!doc) return;
    if (stats) stats.docsExamined++;
    let ok: boolean;
    try {
      ok = test(viewOf(doc));
    } catch (e) {
      throw toCommandError(e);
    }
    if (!ok) return;
    const hit: Hit = { rid, doc };
    if (plan?.textScores) hit.score = plan.textScores.get(rid);
    if (plan?.distances) hit.distance = plan.distances.get(rid);
    hits.push(hit);
  };
  if (stats && plan) stats.indexName = plan.indexName;
  if (plan) {
    for (const rid of plan.ids) {
      consider(rid);
      if (hits.length >= stopAfter) break;
    }
    // In a transaction the index reflects committed state; add records whose snapshot version may differ.
    if (!shape.text && !shape.near) for (const rid of engine.extraCandidates(c, txn)) consider(rid);
  } else {
    const idEq = directIdLookup(filter);
    if (idEq !== undefined) {
      if (stats) stats.indexName = '_id_';
      consider(idEq);
    } else
      for (const rid of engine.allRids(c, txn)) {
        consider(rid);
        if (hits.length >= stopAfter) break;
      }
  }
  return hits;
}

function nearError(): MongoCommandError {
  return new MongoCommandError(
    291,
    'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query',
  );
}

/** { _id: <scalar> } needs no index at all: the record id is derived from _id. */
function directIdLookup(filter: Document): string | undefined {
  if (!('_id' in filter)) return undefined;
  const v = filter._id;
  if (isOpObject(v)) {
    if (Object.keys(v).length === 1 && '$eq' in v && !isOpObject(v.$eq)) return recordIdOf(v.$eq);
    return undefined;
  }
  if (Array.isArray(v) || v instanceof RegExp || v === null || v === undefined) return undefined;
  return recordIdOf(v);
}

const isMeta = (v: unknown): v is { $meta: string } => isOpObject(v) && typeof v.$meta === 'string';

export function sortHits(hits: Hit[], sort: Document | undefined): Hit[] {
  if (!sort || !Object.keys(sort).length) return hits;
  const keys = Object.entries(sort).map(([path, dir]) => {
    if (isMeta(dir)) {
      if (dir.$meta !== 'textScore' && dir.$meta !== 'geoNearDistance')
        throw new MongoCommandError(2, `invalid $meta sort: ${dir.$meta}`);
      return { path, dir: dir.$meta === 'textScore' ? -1 : 1, meta: dir.$meta };
    }
    const d = Number(dir);
    if (d !== 1 && d !== -1)
      throw new MongoCommandError(15974, `Illegal key in $sort specification: ${path}: ${JSON.stringify(dir)}`);
    return { path, dir: d, meta: undefined as string | undefined };
  });
  const decorated = hits.map((h, i) => ({
    h,
    i,
    k: keys.map((k) =>
      k.meta === 'textScore' ? (h.score ?? 0) : k.meta ? (h.distance ?? 0) : sortKey(h.doc, k.path, k.dir),
    ),
  }));
  decorated.sort((a, b) => {
    for (let j = 0; j < keys.length; j++) {
      const c = compareValues(a.k[j], b.k[j]);
      if (c) return c * keys[j]!.dir;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.h);
}

/** Find-style projection, including { $meta: "textScore" } fields. */
export function projectHits(hits: Hit[], projection: Document | undefined): Document[] {
  if (!projection || !Object.keys(projection).length) return hits.map((h) => h.doc);
  const metas: [string, string][] = [];
  const rest: Document = {};
  for (const [k, v] of Object.entries(projection)) {
    if (isMeta(v)) metas.push([k, v.$meta]);
    else rest[k] = v;
  }
  let docs: Document[];
  const picked = plainInclusion(rest);
  if (picked) {
    // { a: 1, b: 1 } on top-level fields: picked in document order without mingo (new objects, stored ones untouched).
    docs = hits.map((h) => {
      const out: Document = {};
      for (const k of Object.keys(h.doc)) if (picked.has(k)) out[k] = h.doc[k];
      return out;
    });
  } else if (Object.keys(rest).length) {
    try {
      // mingo may project in place: give it copies, never the stored documents (findAndModify's result is one).
      docs = (
        new Query({})
          .find(
            hits.map((h) => cloneDoc(h.doc)),
            rest,
          )
          .all() as Document[]
      ).map(idFirst);
    } catch (e) {
      throw toCommandError(e);
    }
  } else docs = hits.map((h) => ({ ...h.doc }));
  if (metas.length)
    docs.forEach((d, i) => {
      for (const [field, meta] of metas) {
        const h = hits[i]!;
        d[field] = meta === 'textScore' ? (h.score ?? 0) : meta === 'geoNearDistance' ? h.distance : undefined;
      }
    });
  return docs;
}

/**
 * The fields an inclusion projection keeps when it only names top-level fields with 1/true (and `_id` with 0/1),
 * else null (dotted paths, operators, exclusions go through mingo). `_id` is kept unless `_id: 0`.
 */
function plainInclusion(projection: Document): Set<string> | null {
  const keep = new Set<string>(['_id']);
  let included = 0;
  for (const [k, v] of Object.entries(projection)) {
    if (k === '' || k.includes('.') || k.startsWith('$')) return null;
    if (k === '_id') {
      if (v === 0 || v === false) keep.delete('_id');
      else if (v !== 1 && v !== true) return null;
      continue;
    }
    if (v !== 1 && v !== true) return null;
    keep.add(k);
    included += 1;
  }
  return included > 0 ? keep : null;
}

/** mingo appends _id after the projected fields; mongod keeps it first. */
function idFirst(d: Document): Document {
  if (!('_id' in d) || Object.keys(d)[0] === '_id') return d;
  const { _id, ...rest } = d;
  return { _id, ...rest };
}
