// One collection's indexes: spec normalization and conflicts (as mongod reports them), write checks,
// maintenance, TTL and the query planner (best single index for a conjunction, $or as a union).
import type { Document } from 'bson';
import { Query } from 'mingo';
import {
  conditionIntervals,
  contains,
  includesNull,
  type Interval,
  intersect,
  isOperatorObject,
  isPoint,
} from './indexes.bounds';
import { GeoIndex, parseNear, parseRegion } from './indexes.geo';
import { codedError } from './indexes.keys';
import { collateIntervals, expandCollation, holdsCollatable, holdsRegex, uncollateValue } from './indexes.collation';
import { collatorOf } from '../storage/collation';
import { OrderedIndex, type ScanPlan } from './indexes.ordered';
import { isPlainObject, promoteNumbers, Rank, sameValue, toNumber, typeRank } from './indexes.order';
import { TextIndex } from './indexes.text';
import {
  type CollectionIndexes,
  DuplicateKeyError,
  type IndexKeyValue,
  type IndexSpec,
  type QueryPlan,
  type RecordId,
  type SortedScan,
} from './types';

interface Built {
  spec: IndexSpec;
  hidden: boolean;
  partial?: Query;
  ordered?: OrderedIndex;
  text?: TextIndex;
  geo?: GeoIndex[];
  ttl?: number;
}

const ID_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

function cannotCreate(msg: string): Error {
  return codedError(67, 'CannotCreateIndex', msg);
}

function json(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** mongod's default index name: a_1_b_-1, title_text, loc_2dsphere. */
export function defaultIndexName(key: Record<string, unknown>): string {
  return Object.entries(key)
    .map(([f, v]) => `${f}_${typeof v === 'string' ? v : toNumber(v)}`)
    .join('_');
}

/** The spec as mongod stores and lists it (text keys become { _fts, _ftsx } with weights). */
export function normalizeSpec(input: IndexSpec): IndexSpec {
  if (!isPlainObject(input) || !isPlainObject(input.key) || Object.keys(input.key).length === 0) {
    throw codedError(2, 'BadValue', `Index key pattern must be a non-empty object: ${json(input?.key)}`);
  }
  const rawKey = input.key as Record<string, unknown>;
  const textFields: string[] = [];
  const prefix: [string, IndexKeyValue][] = [];
  const suffix: [string, IndexKeyValue][] = [];
  let alreadyText = false;
  let sawText = false;
  let hasGeo = false;
  for (const [field, v] of Object.entries(rawKey)) {
    if (field === '_fts' && v === 'text') {
      alreadyText = sawText = true;
      continue;
    }
    if (field === '_ftsx') continue;
    if (v === 'text') {
      textFields.push(field);
      sawText = true;
      continue;
    }
    let kv: IndexKeyValue;
    if (v === '2dsphere') {
      kv = '2dsphere';
      hasGeo = true;
    } else if (typeRank(v) === Rank.Number && toNumber(v) !== 0 && Number.isFinite(toNumber(v))) {
      kv = toNumber(v) as IndexKeyValue;
    } else if (typeof v === 'string') {
      throw cannotCreate(`Unknown index plugin '${v}' (supported: 1, -1, 'text', '2dsphere')`);
    } else {
      throw cannotCreate(`Values in the index key pattern must be 1, -1, 'text' or '2dsphere': ${json(rawKey)}`);
    }
    (sawText ? suffix : prefix).push([field, kv]);
  }
  const opts: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'key' || k === 'name' || k === 'v' || k === 'ns' || v === undefined) continue;
    opts[k] = promoteNumbers(v);
  }
  let key: Record<string, IndexKeyValue>;
  if (sawText) {
    const given = isPlainObject(opts.weights) ? (opts.weights as Record<string, unknown>) : {};
    const weights: Record<string, number> = {};
    for (const f of textFields) weights[f] = 1;
    for (const [f, w] of Object.entries(given)) {
      const n = toNumber(w);
      if (!(n >= 1 && n < 100000))
        throw cannotCreate(`text index weight must be in the exclusive interval (0, 100000) but found: ${json(w)}`);
      weights[f] = Math.floor(n);
    }
    if (Object.keys(weights).length === 0) throw cannotCreate('text index needs at least one field');
    if (!alreadyText && textFields.length === 0) throw cannotCreate('text index needs at least one field');
    key = { ...Object.fromEntries(prefix), _fts: 'text', _ftsx: 1 as IndexKeyValue, ...Object.fromEntries(suffix) };
    opts.weights = Object.fromEntries(Object.entries(weights).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    opts.default_language = typeof opts.default_language === 'string' ? opts.default_language : 'english';
    opts.language_override = typeof opts.language_override === 'string' ? opts.language_override : 'language';
    opts.textIndexVersion = 3;
  } else {
    key = Object.fromEntries(prefix);
    if (opts.weights !== undefined || opts.default_language !== undefined)
      throw cannotCreate('weights and default_language are only valid for text indexes');
  }
  if (opts.collation !== undefined) {
    const collation = expandCollation(opts.collation);
    if (collation) opts.collation = collation;
    else delete opts.collation;
  }
  if (hasGeo && opts['2dsphereIndexVersion'] === undefined) opts['2dsphereIndexVersion'] = 3;
  if (opts.unique === false) delete opts.unique;
  if (opts.sparse === false) delete opts.sparse;
  if (opts.unique !== undefined && opts.unique !== true) opts.unique = Boolean(opts.unique);
  if (opts.sparse !== undefined && opts.sparse !== true) opts.sparse = Boolean(opts.sparse);
  if (opts.partialFilterExpression !== undefined) {
    if (!isPlainObject(opts.partialFilterExpression)) throw cannotCreate('partialFilterExpression must be an object');
    if (opts.sparse) throw cannotCreate('cannot mix "partialFilterExpression" and "sparse" options');
  }
  if (opts.expireAfterSeconds !== undefined) {
    const s = toNumber(opts.expireAfterSeconds);
    if (!Number.isFinite(s) || s < 0)
      throw cannotCreate(
        `TTL index 'expireAfterSeconds' option must be a non-negative number: ${json(opts.expireAfterSeconds)}`,
      );
    if (Object.keys(key).length !== 1 || sawText || hasGeo)
      throw cannotCreate('TTL indexes are single-field indexes, compound indexes do not support TTL');
    opts.expireAfterSeconds = s;
  }
  const name = typeof input.name === 'string' && input.name !== '' ? input.name : defaultIndexName(rawKey);
  const isId = Object.keys(key).length === 1 && key._id !== undefined && typeof key._id === 'number';
  if (isId && name === '_id_') {
    for (const bad of ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds']) {
      if (opts[bad] !== undefined && !(bad === 'unique' && opts.unique === true)) {
        throw codedError(
          197,
          'InvalidIndexSpecificationOption',
          `The field '${bad}' is not valid for an _id index specification`,
        );
      }
    }
    delete opts.unique;
  }
  const v = toNumber(input.v);
  return { v: v === 1 ? 1 : 2, key, name, ...opts };
}

/** Options that make two indexes different indexes (mongod's "uniquely identifying" options). */
function identity(s: IndexSpec): Document {
  return {
    key: s.key,
    unique: s.unique === true,
    sparse: s.sparse === true,
    partialFilterExpression: s.partialFilterExpression,
    collation: s.collation,
    weights: s.weights,
    default_language: s.default_language,
    language_override: s.language_override,
  };
}

function otherOptions(s: IndexSpec): Document {
  return { expireAfterSeconds: s.expireAfterSeconds, hidden: s.hidden === true };
}

interface Clauses {
  fields: Map<string, unknown[]>;
  text?: Document;
  ors: Document[][];
}

function collect(filter: Document, into: Clauses): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) collect(sub, into);
    } else if (k === '$text') {
      into.text = v as Document;
    } else if (k === '$or' && Array.isArray(v)) {
      into.ors.push(v.filter(isPlainObject));
    } else if (!k.startsWith('$')) {
      addClause(into, k, v);
      // { items: { $elemMatch: { sku: 'A' } } } also constrains "items.sku".
      const em = isOperatorObject(v) ? v.$elemMatch : undefined;
      if (isPlainObject(em)) {
        for (const [sub, cond] of Object.entries(em)) if (!sub.startsWith('$')) addClause(into, `${k}.${sub}`, cond);
      }
    }
  }
}

function addClause(into: Clauses, field: string, cond: unknown): void {
  let list = into.fields.get(field);
  if (!list) into.fields.set(field, (list = []));
  list.push(cond);
}

function isNear(cond: unknown): cond is Record<string, unknown> {
  return isOperatorObject(cond) && (cond.$near !== undefined || cond.$nearSphere !== undefined);
}

/** Intervals of a field under several AND-ed conditions (string ends collated for a collated index). */
function fieldBounds(
  conds: unknown[] | undefined,
  multikey: boolean,
  collator?: Intl.Collator,
): Interval[] | undefined {
  if (!conds) return undefined;
  if (collator) {
    // A regex matches bytes, not collation keys: no bound from it (the field is scanned whole).
    if (conds.some((c) => holdsRegex(c))) return undefined;
    const b = fieldBounds(conds, multikey);
    return b && collateIntervals(b, collator);
  }
  const parts = conds.map((c) => conditionIntervals(c, multikey)).filter((x): x is Interval[] => x !== undefined);
  if (parts.length === 0) return undefined;
  if (multikey) return parts.find((p) => p.every(isPoint)) ?? parts[0];
  return parts.reduce((a, b) => intersect(a, b));
}

/**
 * A field's intervals in an index for a query: computed under the query's collation when the index has the same
 * one; under another collation (or none), only from the conditions whose operands hold no string (numbers, dates,
 * ObjectIds, null...), which compare alike under every collation, as mongod does. The other conditions on the
 * field leave it unbounded (the filter still tests every candidate).
 */
function boundsIn(
  ix: OrderedIndex,
  conds: unknown[] | undefined,
  pos: number,
  collator: Intl.Collator | undefined,
): Interval[] | undefined {
  if (ix.collator === collator) return fieldBounds(conds, ix.multikey.has(pos), collator);
  const neutral = conds?.filter((c) => !holdsCollatable(c));
  return neutral?.length ? fieldBounds(neutral, ix.multikey.has(pos)) : undefined;
}

const SIMPLE_OPS = new Set(['$eq', '$gt', '$gte', '$lt', '$lte', '$in']);

/** Whether every document matching the filter clauses also matches the partial filter expression. */
function implies(clauses: Clauses, pfe: Document): boolean {
  const p: Clauses = { fields: new Map(), ors: [] };
  collect(pfe, p);
  if (p.ors.length > 0 || p.text) return false;
  for (const [field, pconds] of p.fields) {
    const fconds = clauses.fields.get(field) ?? [];
    for (const pc of pconds) {
      if (fconds.some((fc) => sameValue(fc, pc))) continue;
      const fIv = fieldBounds(fconds, true);
      if (!fIv) return false;
      if (isOperatorObject(pc) && Object.keys(pc).length === 1 && pc.$exists === true) {
        if (includesNull(fIv)) return false;
        continue;
      }
      if (isOperatorObject(pc) && !Object.keys(pc).every((op) => SIMPLE_OPS.has(op))) return false;
      const pIv = conditionIntervals(pc, false);
      if (!pIv || !contains(pIv, fIv)) return false;
    }
  }
  return true;
}

interface Candidate {
  name: string;
  ids: Set<string> | string[];
  examined: number;
}

export class IndexSet implements CollectionIndexes {
  private readonly built = new Map<string, Built>();
  /** Keys computed by the last successful check(), reused by the apply() of the same document object. */
  private pending: { rid: RecordId; doc: Document; keys: Map<Built, unknown[][] | null> } | undefined;

  constructor(private readonly ns: string) {
    this.built.set('_id_', this.build(ID_SPEC));
  }

  list(): IndexSpec[] {
    return [...this.built.values()].map((b) => structuredCloneSpec(b.spec));
  }

  create(input: IndexSpec, docs: Iterable<[RecordId, Document]>): boolean {
    const spec = normalizeSpec(input);
    const same = this.built.get(spec.name);
    if (same) {
      if (!sameValue(identity(same.spec), identity(spec))) {
        throw codedError(
          86,
          'IndexKeySpecsConflict',
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${json(spec)}, existing index: ${json(same.spec)}`,
        );
      }
      if (!sameValue(otherOptions(same.spec), otherOptions(spec))) {
        throw codedError(
          85,
          'IndexOptionsConflict',
          `An equivalent index already exists with the same name but different options. Requested index: ${json(spec)}, existing index: ${json(same.spec)}`,
        );
      }
      return false;
    }
    for (const b of this.built.values()) {
      const s = b.spec;
      if (
        sameValue(s.key, spec.key) &&
        sameValue(s.partialFilterExpression, spec.partialFilterExpression) &&
        sameValue(s.collation, spec.collation)
      ) {
        const msg =
          sameValue(identity(s), identity(spec)) && sameValue(otherOptions(s), otherOptions(spec))
            ? `Index already exists with a different name: ${s.name}`
            : `An equivalent index already exists with a different name and options. Requested index: ${json(spec)}, existing index: ${json(s)}`;
        throw codedError(85, 'IndexOptionsConflict', msg);
      }
      if (b.text && spec.key._fts === 'text') {
        throw codedError(
          85,
          'IndexOptionsConflict',
          `only one text index per collection allowed, found existing text index "${s.name}"`,
        );
      }
    }
    const b = this.build(spec);
    for (const [rid, doc] of docs) {
      this.checkOne(b, rid, doc);
      this.applyOne(b, rid, doc);
    }
    this.built.set(spec.name, b);
    return true;
  }

  drop(name: string): void {
    if (name === '_id_') throw codedError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!this.built.delete(name)) throw codedError(27, 'IndexNotFound', `index not found with name [${name}]`);
  }

  dropAll(): void {
    for (const name of [...this.built.keys()]) if (name !== '_id_') this.built.delete(name);
  }

  check(rid: RecordId, doc: Document): void {
    this.pending = undefined;
    const keys = new Map<Built, unknown[][] | null>();
    for (const b of this.built.values()) this.checkOne(b, rid, doc, keys);
    this.pending = { rid, doc, keys };
  }

  apply(rid: RecordId, _oldDoc: Document | undefined, doc: Document | undefined): void {
    const p = this.pending;
    const known = p && p.rid === rid && p.doc === doc ? p.keys : undefined;
    this.pending = undefined;
    for (const b of this.built.values()) this.applyOne(b, rid, doc, known);
  }

  expired(now: Date): RecordId[] {
    const out = new Set<RecordId>();
    for (const b of this.built.values()) {
      if (b.ttl === undefined || !b.ordered) continue;
      for (const rid of b.ordered.datesUpTo(new Date(now.getTime() - b.ttl * 1000))) out.add(rid);
    }
    return [...out];
  }

  plan(filter: Document, maxCandidates = Infinity, collation?: Document): QueryPlan | null {
    if (!isPlainObject(filter)) return null;
    const clauses: Clauses = { fields: new Map(), ors: [] };
    collect(filter, clauses);
    if (clauses.text !== undefined) return this.textPlan(clauses.text);
    for (const [field, conds] of clauses.fields) {
      const near = conds.find(isNear);
      if (near) return this.nearPlan(field, near);
    }
    const best = this.bestCandidate(clauses, maxCandidates, collatorOf(collation));
    return best && best.examined <= maxCandidates ? { indexName: best.name, ids: best.ids } : null;
  }

  sortedScan(filter: Document, sort: Document, collation?: Document): SortedScan | null {
    const collator = collatorOf(collation);
    const keys = Object.keys(sort);
    const dirs = Object.values(sort).map(toNumber);
    if (!isPlainObject(filter) || !keys.length || !(dirs[0] === 1 || dirs[0] === -1) || dirs.some((d) => d !== dirs[0]))
      return null;
    const clauses: Clauses = { fields: new Map(), ors: [] };
    collect(filter, clauses);
    if (clauses.text !== undefined || [...clauses.fields.values()].some((cs) => cs.some(isNear))) return null;
    let best: { b: Built; prefix: unknown[] } | undefined;
    for (const b of this.built.values()) {
      const ix = b.ordered;
      // A sparse or partial index lacks documents; a multikey sort field has several keys per document.
      if (!ix || b.hidden || ix.sparse || b.spec.partialFilterExpression) continue;
      // Only an index with the query's collation holds strings in the order it asks for.
      if (ix.collator !== collator) continue;
      const k = ix.fields.indexOf(keys[0]!);
      if (k < 0 || keys.some((f, i) => ix.fields[k + i] !== f || ix.multikey.has(k + i))) continue;
      // The fields before the sort fields must each be fixed to one value by the filter.
      const prefix: unknown[] = [];
      for (let i = 0; i < k; i++) {
        const bounds = boundsIn(ix, clauses.fields.get(ix.fields[i]!), i, collator);
        const only = bounds?.length === 1 && isPoint(bounds[0]!) ? bounds[0]! : undefined;
        if (!only || (ix.innerArrays.has(i) && includesNull([only]))) break;
        prefix.push(only.lo);
      }
      if (prefix.length === k && (!best || k > best.prefix.length)) best = { b, prefix };
    }
    if (!best) return null;
    const reverse = dirs[0] === -1;
    return {
      indexName: best.b.spec.name,
      keyPattern: { ...best.b.spec.key },
      direction: reverse ? 'backward' : 'forward',
      ids: best.b.ordered!.ordered(best.prefix, reverse),
    };
  }

  // ---------- internals ----------

  private build(spec: IndexSpec): Built {
    const b: Built = { spec, hidden: spec.hidden === true };
    if (spec.partialFilterExpression)
      b.partial = new Query(spec.partialFilterExpression as Record<string, unknown>, {});
    const entries = Object.entries(spec.key);
    if (spec.key._fts === 'text') {
      b.text = new TextIndex({
        weights: spec.weights as Record<string, number>,
        defaultLanguage: String(spec.default_language),
        languageOverride: String(spec.language_override),
      });
    } else if (entries.some(([, v]) => v === '2dsphere')) {
      b.geo = entries.filter(([, v]) => v === '2dsphere').map(([f]) => new GeoIndex(f));
    } else {
      b.ordered = new OrderedIndex(
        entries.map(([f]) => f),
        // _id_ is listed without `unique` (as mongod does) but is always unique.
        spec.unique === true || spec.name === '_id_',
        spec.sparse === true,
        collatorOf(spec.collation),
      );
      if (spec.expireAfterSeconds !== undefined) b.ttl = spec.expireAfterSeconds;
    }
    return b;
  }

  private covers(b: Built, doc: Document): boolean {
    return !b.partial || b.partial.test(promoteNumbers(doc) as Record<string, unknown>);
  }

  private checkOne(b: Built, rid: RecordId, doc: Document, computed?: Map<Built, unknown[][] | null>): void {
    if (!this.covers(b, doc)) {
      computed?.set(b, null);
      return;
    }
    if (b.ordered) {
      const keys = b.ordered.keysOf(doc);
      computed?.set(b, keys);
      if (keys && b.ordered.unique) {
        const dup = b.ordered.conflict(rid, keys);
        if (dup) {
          const keyValue: Document = {};
          b.ordered.fields.forEach((f, i) => (keyValue[f] = uncollateValue(dup[i])));
          throw new DuplicateKeyError(this.ns, b.spec.name, { ...b.spec.key }, keyValue);
        }
      }
    } else if (b.geo) {
      for (const g of b.geo) g.validate(doc);
    }
  }

  private applyOne(b: Built, rid: RecordId, doc: Document | undefined, known?: Map<Built, unknown[][] | null>): void {
    if (b.ordered) {
      const keys = known?.has(b)
        ? known.get(b)!
        : doc !== undefined && this.covers(b, doc)
          ? b.ordered.keysOf(doc)
          : null;
      b.ordered.set(rid, keys);
      return;
    }
    const inIndex = doc !== undefined && (known?.has(b) ? known.get(b) !== null : this.covers(b, doc));
    if (b.text) {
      b.text.remove(rid);
      if (inIndex) b.text.add(rid, doc);
    } else if (b.geo) {
      for (const g of b.geo) {
        g.remove(rid);
        if (inIndex) g.add(rid, doc);
      }
    }
  }

  private textPlan(spec: Document): QueryPlan {
    const b = [...this.built.values()].find((x) => x.text);
    if (!b?.text) throw codedError(27, 'IndexNotFound', 'text index required for $text query');
    const { ids, scores } = b.text.search(spec);
    return { indexName: b.spec.name, ids, textScores: scores };
  }

  private nearPlan(field: string, cond: Record<string, unknown>): QueryPlan {
    const q = parseNear(cond);
    for (const b of this.built.values()) {
      const g = b.geo?.find((x) => x.field === field);
      if (g) {
        const { ids, distances } = g.near(q);
        return { indexName: b.spec.name, ids, distances };
      }
    }
    throw codedError(
      291,
      'NoQueryExecutionPlans',
      `error processing query: planner returned error :: caused by :: unable to find index for $geoNear query on field '${field}'`,
    );
  }

  /** Smallest candidate set among ordered indexes, $geoWithin on a geo index, and $or unions. */
  private bestCandidate(clauses: Clauses, maxCandidates = Infinity, collator?: Intl.Collator): Candidate | null {
    let best: Candidate | null = null;
    const consider = (c: Candidate | null): void => {
      if (c && (!best || c.examined < best.examined)) best = c;
    };
    // Geo regions: exact sets from the grid.
    for (const [field, conds] of clauses.fields) {
      for (const cond of conds) {
        if (!isOperatorObject(cond)) continue;
        const spec = cond.$geoWithin ?? cond.$within;
        const inter = cond.$geoIntersects;
        if (spec === undefined && inter === undefined) continue;
        for (const b of this.built.values()) {
          const g = b.hidden ? undefined : b.geo?.find((x) => x.field === field);
          if (!g) continue;
          const ids = spec !== undefined ? g.within(parseRegion(spec)) : g.intersects(parseRegion(inter));
          consider({ name: b.spec.name, ids, examined: ids.length });
        }
      }
    }
    // Ordered indexes, most promising first; each scan stops once it exceeds the best so far.
    const scans: { b: Built; plan: ScanPlan }[] = [];
    for (const b of this.built.values()) {
      const ix = b.ordered;
      if (!ix || b.hidden) continue;
      // Under another collation than the index's, only bounds without strings hold (see boundsIn).
      const bounds = ix.fields.map((f, i) => boundsIn(ix, clauses.fields.get(f), i, collator));
      if (ix.sparse && !bounds.some((x) => x && !includesNull(x))) continue;
      bounds.forEach((x, i) => {
        if (x && ix.innerArrays.has(i) && includesNull(x)) bounds[i] = undefined;
      });
      if (b.spec.partialFilterExpression && !implies(clauses, b.spec.partialFilterExpression)) continue;
      const plan = ix.scanPlan(bounds);
      if (plan) scans.push({ b, plan });
    }
    scans.sort((x, y) => score(y) - score(x));
    for (const { b, plan } of scans) {
      const cap = best ? (best as Candidate).examined : maxCandidates;
      const ids = new Set<string>();
      let over = false;
      b.ordered!.scan(plan, (rid) => {
        ids.add(rid);
        if (ids.size > cap) {
          over = true;
          return false;
        }
        return true;
      });
      if (!over) consider({ name: b.spec.name, ids, examined: ids.size });
    }
    // $or: a union of one plan per branch, when every branch has one.
    for (const branches of clauses.ors) {
      if (branches.length === 0) continue;
      const union = new Set<string>();
      const names = new Set<string>();
      let ok = true;
      for (const br of branches) {
        const sub: Clauses = { fields: new Map(), ors: [] };
        collect(br, sub);
        if (sub.text !== undefined || [...sub.fields.values()].some((cs) => cs.some(isNear))) {
          ok = false;
          break;
        }
        const c = this.bestCandidate(sub, Infinity, collator);
        if (!c) {
          ok = false;
          break;
        }
        names.add(c.name);
        for (const id of c.ids) union.add(id);
      }
      if (ok) consider({ name: [...names].join(','), ids: union, examined: union.size });
    }
    return best;
  }
}

function score({ b, plan }: { b: Built; plan: ScanPlan }): number {
  const full = plan.points === b.ordered!.fields.length;
  // A range on the field after the points narrows the scan too: such an index is scanned first, so the scans
  // of less selective ones stop early (each stops once it exceeds the best candidate set so far).
  const unique = full && b.ordered!.unique ? 1000 : 0;
  return unique + plan.points * 10 + (plan.bounded - plan.points) * 5 + (plan.ranges.length === 1 ? 1 : 0);
}

function structuredCloneSpec(s: IndexSpec): IndexSpec {
  const out: IndexSpec = { ...s, key: { ...s.key } };
  if (isPlainObject(s.weights)) out.weights = { ...s.weights };
  return out;
}

export function createIndexSet(ns: string): CollectionIndexes {
  return new IndexSet(ns);
}
