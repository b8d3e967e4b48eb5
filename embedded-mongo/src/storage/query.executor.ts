// Query execution: index plan -> candidates -> full filter (mingo) -> sort/skip/limit -> projection.
import type { Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors.command';
import type { Transaction } from '../txn/txn.transaction';
import type { Collection, Engine, StoredDoc } from './storage.engine';
import { cloneDoc, getPath, plain, recordIdOf, sortKey, viewOf } from './bson.values';
import { collatorOf, compareCollated } from './collation';
import type { CollationSpec } from 'mingo/types';
import { MINGO_OPTIONS, Query } from './mingo.context';
import { compileFastFilter } from './fast.filter';
import { checkTimeLimit, currentDeadline, underWatchdog } from './query.budget';
import type { QueryPlan } from '../indexes/types';
import { hasBacktrackingRegex } from './regex.safe';

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

export function compileFilter(filter: Document, collation?: Document): (doc: Document) => boolean {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  // Under a collation strings compare with the collator: only mingo (with our collated operators) knows how.
  const fast = collatorOf(collation) ? null : compileFastFilter(filter);
  let q: Query | undefined;
  const slow = (doc: Document) => {
    if (!q) {
      try {
        q = new Query(filter, { collation: collation as CollationSpec });
      } catch (e) {
        throw toCommandError(e);
      }
    }
    return q.test(doc);
  };
  if (!fast) {
    try {
      q = new Query(filter, { collation: collation as CollationSpec }); // a bad filter fails even on an empty collection
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

/** An index scan that yields record ids in the order of a sort (see CollectionIndexes.sortedScan). */
export interface OrderedSource {
  indexName: string;
  keyPattern: Document;
  direction: 'forward' | 'backward';
  ids: Iterable<string>;
}

export interface SelectOptions {
  txn?: Transaction;
  stats?: QueryStats;
  /** Enough hits when the caller neither sorts nor needs them all (findOne, limit, single update). */
  stopAfter?: number;
  /** The command's collation: strings compare with it, and only indexes with the same collation are used. */
  collation?: Document;
  /** Candidates in sort order from an index instead of the filter's plan. */
  ordered?: OrderedSource;
  /** The command's deadline when the scan starts after an await (default: the running command's). */
  deadline?: number;
  /** Only the number of matches is wanted (count): no hit is built for a matching document. */
  countOnly?: boolean;
}

/** Work between two checks of the clock (the budget, and the time slice of an async scan). */
const CHECK_EVERY = 64;
/** An async scan gives the event loop back after this much work, so other clients are served meanwhile. */
const SLICE_MS = 8;

/** The candidates of a filter, tested one by one; resumable so that a long scan can yield between slices. */
class DocScan {
  readonly hits: Hit[] = [];
  /** Matching documents so far (= hits.length unless countOnly). */
  matched = 0;
  /** Ids already tested, when candidates may repeat (a transaction's extras, multikey index entries, arrays). */
  private readonly seen: Set<string> | null;
  /** A plain scan of committed documents: entries are read straight from the collection. */
  private readonly entries: Iterator<StoredDoc> | null = null;
  private readonly test: (doc: Document) => boolean;
  private readonly it: Iterator<string> | null;
  private readonly plan: QueryPlan | null;
  readonly watchdog: boolean;
  readonly deadline: number;
  private readonly stopAfter: number;
  private readonly collated: boolean;

  constructor(
    private readonly engine: Engine,
    private readonly c: Collection | undefined,
    filter: Document,
    private readonly opts: SelectOptions,
  ) {
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter))
      throw new MongoCommandError(14, "BSON field 'filter' is the wrong type, expected type 'object'");
    this.deadline = opts.deadline ?? currentDeadline();
    this.stopAfter = opts.stopAfter ?? Infinity;
    this.collated = collatorOf(opts.collation) !== undefined;
    const shape = splitFilter(filter);
    if (!c) {
      if (shape.text) throw new MongoCommandError(27, 'text index required for $text query');
      if (shape.near) throw nearError();
      this.plan = null;
      this.it = null;
      this.seen = null;
      this.test = () => false;
      this.watchdog = false;
      return;
    }
    let plan: QueryPlan | null = null;
    try {
      // Under a collation only indexes created with the same one qualify (the index layer checks).
      if (!opts.ordered) plan = c.indexes.plan(filter, Infinity, opts.collation);
    } catch (e) {
      throw toCommandError(e);
    }
    if (shape.text && !plan?.textScores) throw new MongoCommandError(27, 'text index required for $text query');
    if (shape.near && !plan?.distances) throw nearError();
    this.plan = plan;
    this.test = compileFilter(plain(shape.rest), opts.collation);
    // A regex RE2 cannot run may backtrack for minutes inside one call: only a watchdog can stop it.
    this.watchdog = hasBacktrackingRegex(shape.rest);
    const { stats, txn } = opts;
    if (stats) stats.indexName = opts.ordered?.indexName ?? plan?.indexName;
    const plainScan = !txn && !opts.ordered && !plan && directIdLookup(filter, this.collated) === undefined;
    this.seen = plainScan || (!txn && !opts.ordered && plan?.ids instanceof Set) ? null : new Set();
    if (plainScan) {
      this.entries = c.docs.values();
      this.it = null;
    } else this.it = this.candidates(filter, shape, txn)[Symbol.iterator]();
  }

  private *candidates(filter: Document, shape: FilterShape, txn?: Transaction): Generator<string> {
    const { engine } = this;
    const c = this.c!;
    if (this.opts.ordered) {
      yield* this.opts.ordered.ids;
      // Records whose snapshot version differs from the committed one the index holds: sorted by the caller.
      yield* engine.extraCandidates(c, txn);
    } else if (this.plan) {
      yield* this.plan.ids;
      // In a transaction the index reflects committed state; add records whose snapshot version may differ.
      if (!shape.text && !shape.near) yield* engine.extraCandidates(c, txn);
    } else {
      const idEq = directIdLookup(filter, this.collated);
      if (idEq !== undefined) {
        if (this.opts.stats) this.opts.stats.indexName = '_id_';
        yield idEq;
      } else yield* engine.allRids(c, txn);
    }
  }

  /**
   * A scan of every committed document (no index, no transaction): the tightest loop, as a collection scan
   * tests each of possibly 100k documents. The record id is derived only for a document that is kept.
   */
  private stepPlain(entries: Iterator<StoredDoc>, sliceEnd: number): boolean {
    const { hits, test, stopAfter } = this;
    const stats = this.opts.stats;
    const countOnly = this.opts.countOnly === true;
    let matched = this.matched;
    let n = 0;
    try {
      while (matched < stopAfter) {
        if (++n === CHECK_EVERY) {
          n = 0;
          checkTimeLimit(this.deadline);
          if (performance.now() > sliceEnd) return false;
        }
        const next = entries.next();
        if (next.done) return true;
        const stored = next.value;
        const view = (stored.view ??= viewOf(stored.doc));
        if (stats) stats.docsExamined++;
        if (!test(view)) continue;
        matched++;
        if (!countOnly) hits.push({ rid: recordIdOf(stored.doc._id), doc: stored.doc });
      }
      return true;
    } catch (e) {
      throw toCommandError(e);
    } finally {
      this.matched = matched;
    }
  }

  /** Tests candidates until the scan is done (true) or the slice ends (false). */
  step(sliceEnd = Infinity): boolean {
    const { it, entries, hits, seen, engine, plan, test } = this;
    // A plain scan has neither text scores nor distances (those come from an index plan).
    if (entries) return this.stepPlain(entries, sliceEnd);
    if (!it) return true;
    const c = this.c!;
    const stats = this.opts.stats;
    const countOnly = this.opts.countOnly === true;
    for (let n = 1; this.matched < this.stopAfter; n++) {
      if (n % CHECK_EVERY === 0) {
        checkTimeLimit(this.deadline);
        if (performance.now() > sliceEnd) return false;
      }
      const next = it.next();
      if (next.done) return true;
      const rid = next.value;
      if (seen) {
        if (seen.has(rid)) continue;
        seen.add(rid);
      }
      const doc = engine.visible(c, rid, this.opts.txn);
      if (!doc) continue;
      if (stats) stats.docsExamined++;
      let ok: boolean;
      try {
        ok = test(viewOf(doc));
      } catch (e) {
        throw toCommandError(e);
      }
      if (!ok) continue;
      this.matched++;
      if (countOnly) continue;
      const hit: Hit = { rid, doc };
      if (plan?.textScores) hit.score = plan.textScores.get(rid);
      if (plan?.distances) hit.distance = plan.distances.get(rid);
      hits.push(hit);
    }
    return true;
  }

  runSlice(sliceEnd: number): boolean {
    return this.watchdog ? underWatchdog(() => this.step(sliceEnd), this.deadline) : this.step(sliceEnd);
  }
}

export function selectDocs(
  engine: Engine,
  c: Collection | undefined,
  filter: Document,
  txn?: Transaction,
  stats?: QueryStats,
  stopAfter = Infinity,
  ordered?: OrderedSource,
  collation?: Document,
): Hit[] {
  const scan = new DocScan(engine, c, filter, { txn, stats, stopAfter, ordered, collation });
  scan.runSlice(Infinity);
  return scan.hits;
}

/**
 * selectDocs for reads: gives the event loop back every few milliseconds, so one long scan (a slow regex over
 * a large collection) does not keep other clients waiting. Writes keep the synchronous form.
 */
export async function selectDocsAsync(
  engine: Engine,
  c: Collection | undefined,
  filter: Document,
  opts: SelectOptions = {},
): Promise<Hit[]> {
  const scan = new DocScan(engine, c, filter, opts);
  while (!scan.runSlice(performance.now() + SLICE_MS)) await new Promise((r) => setImmediate(r));
  return scan.hits;
}

/** The number of documents matching a filter (count, countDocuments), in time slices like selectDocsAsync. */
export async function countDocsAsync(
  engine: Engine,
  c: Collection | undefined,
  filter: Document,
  opts: SelectOptions = {},
): Promise<number> {
  const scan = new DocScan(engine, c, filter, { ...opts, countOnly: true });
  while (!scan.runSlice(performance.now() + SLICE_MS)) await new Promise((r) => setImmediate(r));
  return scan.matched;
}

/**
 * The hits of an async scan as they are now: a document another client changed between two slices is tested
 * again (dropped when it no longer matches or is gone), as mongod re-checks a document after yielding.
 */
export function revalidateHits(
  engine: Engine,
  c: Collection | undefined,
  filter: Document,
  hits: Hit[],
  opts: { txn?: Transaction; collation?: Document } = {},
): Hit[] {
  if (!c) return hits;
  let test: ((doc: Document) => boolean) | undefined;
  const out: Hit[] = [];
  for (const h of hits) {
    const cur = engine.visible(c, h.rid, opts.txn);
    if (cur === h.doc) out.push(h);
    else if (cur) {
      test ??= compileFilter(plain(splitFilter(filter).rest), opts.collation);
      if (test(viewOf(cur))) out.push({ ...h, doc: cur });
    }
  }
  return out;
}

function nearError(): MongoCommandError {
  return new MongoCommandError(
    291,
    'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query',
  );
}

/**
 * { _id: <scalar> } needs no index at all: the record id is derived from _id. Under a collation a string _id may
 * equal several stored ones (the _id index is binary): only a value without strings is looked up directly.
 */
function directIdLookup(filter: Document, collated = false): string | undefined {
  if (!('_id' in filter)) return undefined;
  let v = filter._id;
  if (isOpObject(v)) {
    if (Object.keys(v).length !== 1 || !('$eq' in v) || isOpObject(v.$eq)) return undefined;
    v = v.$eq;
  }
  if (Array.isArray(v) || v instanceof RegExp || v === null || v === undefined) return undefined;
  if (collated && (typeof v === 'string' || isOpObject(v) || Object.getPrototypeOf(v) === Object.prototype))
    return undefined;
  return recordIdOf(v);
}

const isMeta = (v: unknown): v is { $meta: string } => isOpObject(v) && typeof v.$meta === 'string';

export function sortHits(hits: Hit[], sort: Document | undefined, collation?: Document): Hit[] {
  const collator = collatorOf(collation);
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
      const c = compareCollated(a.k[j], b.k[j], collator);
      if (c) return c * keys[j]!.dir;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.h);
}

/** Find-style projection, including { $meta: "textScore" } fields and the positional `field.$` (needs the filter). */
export function projectHits(hits: Hit[], projection: Document | undefined, filter: Document = {}): Document[] {
  if (!projection || !Object.keys(projection).length) return hits.map((h) => h.doc);
  const metas: [string, string][] = [];
  const rest: Document = {};
  let positional: string | undefined;
  for (const [k, v] of Object.entries(projection)) {
    if (isMeta(v)) metas.push([k, v.$meta]);
    else if (k.endsWith('.$')) {
      if (positional !== undefined)
        throw new MongoCommandError(31276, 'Cannot specify more than one positional projection per query.');
      if (v !== 1 && v !== true)
        throw new MongoCommandError(31395, 'positional projection cannot be used with exclusion');
      positional = k.slice(0, -2);
      rest[positional] = 1;
    } else rest[k] = v;
  }
  if (positional !== undefined) {
    const pick = positionalPicker(positional, filter);
    hits = hits.map((h) => ({ ...h, doc: pick(h.doc) }));
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
 * `{ 'a.$': 1 }`: the first element of array `a` that the filter's conditions on `a` (or `a.x`) match, as mongod
 * returns it; a document copy with `a` narrowed to that element.
 */
function positionalPicker(field: string, filter: Document): (doc: Document) => Document {
  const conds: Document[] = [];
  const gather = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => gather(x as Document));
      else if (k === field || k.startsWith(`${field}.`)) conds.push({ [k]: v });
    }
  };
  gather(plain(filter));
  const notFound = () =>
    new MongoCommandError(
      51246,
      "Executor error during find command :: caused by :: positional operator '.$' couldn't find a matching element in the array",
    );
  let q: Query;
  try {
    q = new Query(conds.length ? { $and: conds } : {});
  } catch (e) {
    throw toCommandError(e);
  }
  const parts = field.split('.');
  return (doc) => {
    const arr = getPath(doc, field);
    if (!Array.isArray(arr)) return doc;
    if (!conds.length) throw notFound();
    const view = viewOf(doc);
    const viewArr = getPath(view, field) as unknown[];
    const i = viewArr.findIndex((e) => q.test(withPath(view, parts, e)));
    if (i < 0) throw notFound();
    return withPath(doc, parts, arr[i]);
  };
}

/** A copy of `doc` whose value at `parts` is the one-element array [elem] (objects on the way copied). */
function withPath(doc: Document, parts: string[], elem: unknown): Document {
  const [head, ...tail] = parts;
  const cur = doc[head!];
  return { ...doc, [head!]: tail.length ? withPath(cur as Document, tail, elem) : [elem] };
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
