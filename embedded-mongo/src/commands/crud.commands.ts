// insert, find, getMore, killCursors, update, delete, findAndModify, count, distinct.
import { BSON, Long, type Document } from 'bson';
import { DuplicateKeyError } from '../indexes/types';
import { MongoCommandError } from '../errors.command';
import { recordIdOf, valuesAtPath, valuesEqual } from '../storage/bson.values';
import {
  countDocsAsync,
  projectHits,
  revalidateHits,
  selectDocs,
  selectDocsAsync,
  sortHits,
  type Hit,
  type OrderedSource,
  type QueryStats,
} from '../storage/query.executor';
import type { CommandContext, CommandHandler } from './command.context';
import { applyUpdate, isReplacement, seedFromFilter, validateUpdate, withIdFirst } from './update.apply';
import {
  collectionName,
  cursorReply,
  duplicateKeyMessage,
  getColl,
  isFatalWriteError,
  optArray,
  optDoc,
  optInt,
  writeErrorOf,
} from './command.helpers';
import { cursorIdOf, toLong } from '../cursors/cursor.registry';
import { currentDeadline, withDeadline } from '../storage/query.budget';
import type { Collection } from '../storage/storage.engine';

function checkInsertable(doc: Document): void {
  if (Array.isArray(doc._id))
    throw new MongoCommandError(53, `The '_id' value cannot be of type array`, { codeName: 'InvalidIdField' });
  if (doc._id instanceof RegExp)
    throw new MongoCommandError(53, `The '_id' value cannot be of type regex`, { codeName: 'InvalidIdField' });
}

function insertOne(ctx: CommandContext, c: Collection, raw: Document): Document {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new MongoCommandError(14, 'document to insert must be an object');
  const doc = withIdFirst(raw);
  checkInsertable(doc);
  const size = BSON.calculateObjectSize(doc);
  if (size > 16 * 1024 * 1024)
    throw new MongoCommandError(10334, `object to insert too large. size in bytes: ${size}, max size: 16777216`, {
      codeName: 'BSONObjectTooLarge',
    });
  const rid = recordIdOf(doc._id);
  const { engine } = ctx.state;
  if (engine.visible(c, rid, ctx.txn)) throw new DuplicateKeyError(c.ns, '_id_', { _id: 1 }, { _id: doc._id });
  engine.write(c, rid, doc, 'insert', undefined, ctx.meta, ctx.txn);
  return doc;
}

const insert: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const docs = optArray(ctx, 'documents');
  const ordered = ctx.cmd.ordered !== false;
  const c = ensureForWrite(ctx, name);
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < docs.length; i++) {
    try {
      insertOne(ctx, c, docs[i]!);
      n++;
    } catch (e) {
      if (isFatalWriteError(e)) throw e;
      writeErrors.push(writeErrorOf(i, e));
      if (ordered) break;
    }
  }
  return writeResult(ctx, { n }, writeErrors);
};

/** Implicit collection creation; inside a transaction it is undone if the transaction aborts. */
function ensureForWrite(ctx: CommandContext, name: string): Collection {
  const { engine } = ctx.state;
  const existing = engine.getCollection(ctx.db, name);
  if (existing) return existing;
  const c = engine.ensureCollection(ctx.db, name);
  if (ctx.txn) ctx.txn.createdCollections.add(c.ns);
  return c;
}

function writeResult(ctx: CommandContext, res: Document, writeErrors: Document[]): Document {
  if (writeErrors.length) {
    res.writeErrors = writeErrors;
    // Inside a transaction any write error aborts it, as mongod does.
    if (ctx.txn) ctx.state.engine.abortTxn(ctx.txn);
  }
  res.ok = 1;
  return res;
}

function checkFilter(v: unknown, what = 'filter'): Document {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new MongoCommandError(14, `${what} must be an object`);
  return v as Document;
}

/** Past this many candidates from a filter's own index, reading a sort index in order is cheaper than sorting. */
const SORT_IN_MEMORY_MAX = 1000;

/** The index that provides the sort order, when using it beats sorting the filter's candidates in memory. */
export function orderedSource(
  ctx: CommandContext,
  c: Collection | undefined,
  filter: Document,
  sort: Document | undefined,
  collation = ctx.cmd.collation as Document | undefined,
): OrderedSource | undefined {
  // A collated sort reads only an index created with the same collation (the index layer checks).
  if (!c || !sort || !Object.keys(sort).length || ctx.txn) return undefined;
  try {
    const scan = c.indexes.sortedScan(filter, sort, collation);
    if (!scan) return undefined;
    // Few candidates from another index: sorting them in memory beats walking the sort index.
    const plan = c.indexes.plan(filter, SORT_IN_MEMORY_MAX, collation);
    return plan && plan.indexName !== scan.indexName ? undefined : scan;
  } catch {
    return undefined; // the filter's own error surfaces when it is planned for real
  }
}

function pageOf(hits: Hit[], skip: number, limit: number): Hit[] {
  if (skip < 0) throw new MongoCommandError(51024, "BSON field 'skip' value must be >= 0, actual value '" + skip + "'");
  return skip || limit ? hits.slice(skip, limit ? skip + limit : undefined) : hits;
}

export function findHits(
  ctx: CommandContext,
  c: Collection | undefined,
  filter: Document,
  sort?: Document,
  skip = 0,
  limit = 0,
): Hit[] {
  const hasSort = !!sort && Object.keys(sort).length > 0;
  const ordered = orderedSource(ctx, c, filter, sort);
  const enough = (!hasSort || ordered) && limit > 0 ? skip + limit : Infinity;
  const collation = ctx.cmd.collation as Document | undefined;
  let hits = selectDocs(ctx.state.engine, c, filter, ctx.txn, undefined, enough, ordered, collation);
  if (!ordered) hits = sortHits(hits, sort, collation);
  return pageOf(hits, skip, limit);
}

/** findHits for reads (find, count, distinct): a long scan gives other clients their turn. */
export async function findHitsAsync(
  ctx: CommandContext,
  c: Collection | undefined,
  filter: Document,
  sort?: Document,
  skip = 0,
  limit = 0,
): Promise<Hit[]> {
  const hasSort = !!sort && Object.keys(sort).length > 0;
  const ordered = orderedSource(ctx, c, filter, sort);
  const stopAfter = (!hasSort || ordered) && limit > 0 ? skip + limit : Infinity;
  const collation = ctx.cmd.collation as Document | undefined;
  let hits = await selectDocsAsync(ctx.state.engine, c, filter, { txn: ctx.txn, stopAfter, ordered, collation });
  if (!ordered) hits = sortHits(hits, sort, collation);
  return pageOf(hits, skip, limit);
}

const find: CommandHandler = async (ctx) => {
  const name = collectionName(ctx);
  const c = getColl(ctx, name);
  const filter = checkFilter(ctx.cmd.filter);
  let limit = optInt(ctx, 'limit') ?? 0;
  let single = ctx.cmd.singleBatch === true;
  if (limit < 0) {
    limit = -limit;
    single = true;
  }
  const hits = await findHitsAsync(ctx, c, filter, optDoc(ctx, 'sort'), optInt(ctx, 'skip') ?? 0, limit);
  const docs = projectHits(hits, optDoc(ctx, 'projection'), filter);
  let batchSize = optInt(ctx, 'batchSize');
  if (batchSize !== undefined && batchSize < 0)
    throw new MongoCommandError(51024, "BSON field 'batchSize' value must be >= 0");
  if (limit && (batchSize === undefined || batchSize > limit)) batchSize = limit;
  return cursorReply(ctx, `${ctx.db}.${name}`, docs, batchSize ?? 101, single);
};

const getMore: CommandHandler = async (ctx) => {
  const id = cursorIdOf(ctx.cmd.getMore);
  const coll = typeof ctx.cmd.collection === 'string' ? ctx.cmd.collection : undefined;
  const cur = ctx.state.cursors.get(id, coll ? `${ctx.db}.${coll}` : undefined);
  const batch = await cur.next(optInt(ctx, 'batchSize'), optInt(ctx, 'maxTimeMS'));
  if (batch.exhausted) ctx.state.cursors.kill(id);
  const cursor: Document = { nextBatch: batch.docs, id: toLong(batch.exhausted ? 0n : id), ns: cur.ns };
  if (batch.postBatchResumeToken) cursor.postBatchResumeToken = batch.postBatchResumeToken;
  return { cursor, ok: 1 };
};

const killCursors: CommandHandler = (ctx) => {
  const ids = optArray(ctx, 'cursors');
  const killed: Long[] = [];
  const notFound: Long[] = [];
  for (const raw of ids) {
    const id = cursorIdOf(raw);
    (ctx.state.cursors.kill(id) ? killed : notFound).push(toLong(id));
  }
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
};

interface UpdateOutcome {
  n: number;
  nModified: number;
  upsertedId?: unknown;
  before?: Document;
  after?: Document;
}

/**
 * The documents a write statement applies to. The scan runs in time slices under the command's deadline (a slow
 * filter over a large collection lets other clients in, as reads do); what changed meanwhile is tested again.
 * A single-document statement whose only match changed away is selected again at once (no slice in between).
 */
async function writeTargets(
  ctx: CommandContext,
  name: string,
  filter: Document,
  opts: { stopAfter: number; collation?: Document; deadline: number },
): Promise<{ c: Collection | undefined; hits: Hit[] }> {
  const { engine } = ctx.state;
  const c = getColl(ctx, name);
  const scanned = await selectDocsAsync(engine, c, filter, {
    txn: ctx.txn,
    stopAfter: opts.stopAfter,
    collation: opts.collation,
    deadline: opts.deadline,
  });
  const now = getColl(ctx, name);
  const hits = now === c ? revalidateHits(engine, c, filter, scanned, { txn: ctx.txn, collation: opts.collation }) : [];
  if (now === c && (hits.length === scanned.length || opts.stopAfter === Infinity)) return { c, hits };
  // The collection was dropped/recreated, or the one document found changed: select again synchronously.
  const again = withDeadline(opts.deadline, () =>
    selectDocs(engine, now, filter, ctx.txn, undefined, opts.stopAfter, undefined, opts.collation),
  );
  return { c: now, hits: again };
}

/** One update statement; shared by update and findAndModify. */
async function updateStatement(
  ctx: CommandContext,
  name: string,
  q: Document,
  u: unknown,
  opts: {
    multi: boolean;
    upsert: boolean;
    arrayFilters?: Document[];
    sort?: Document;
    variables?: Document;
    collation?: Document;
    deadline: number;
  },
): Promise<UpdateOutcome> {
  const { engine } = ctx.state;
  const update = validateUpdate(u);
  if (opts.multi && isReplacement(update) && Object.keys(update).length)
    throw new MongoCommandError(9, 'multi update is not supported for replacement-style update');
  const sorted = !!opts.sort && Object.keys(opts.sort).length > 0;
  const targets = await writeTargets(ctx, name, q, {
    stopAfter: opts.multi || sorted ? Infinity : 1,
    collation: opts.collation,
    deadline: opts.deadline,
  });
  let { c } = targets;
  let hits = targets.hits;
  if (sorted) hits = sortHits(hits, opts.sort, opts.collation);
  if (!opts.multi) hits = hits.slice(0, 1);
  const out: UpdateOutcome = { n: 0, nModified: 0 };
  for (const h of hits) {
    const next = applyUpdate(h.doc, update, { filter: q, arrayFilters: opts.arrayFilters, variables: opts.variables });
    out.n++;
    out.before = h.doc;
    out.after = next;
    if (next === h.doc || valuesEqual(next, h.doc)) continue;
    engine.write(c!, h.rid, next, isReplacement(update) ? 'replace' : 'update', h.doc, ctx.meta, ctx.txn);
    out.nModified++;
  }
  if (!hits.length && opts.upsert) {
    const seed = isReplacement(update) ? pickId(seedFromFilter(q)) : seedFromFilter(q);
    const doc = withIdFirst(
      applyUpdate(seed, update, { inserting: true, arrayFilters: opts.arrayFilters, variables: opts.variables }),
    );
    if (seed._id !== undefined && !valuesEqual(seed._id, doc._id))
      throw new MongoCommandError(66, "Performing an update on the path '_id' would modify the immutable field '_id'");
    c ??= ensureForWrite(ctx, name);
    const inserted = insertOne(ctx, c, doc);
    out.upsertedId = inserted._id;
    out.after = inserted;
    out.n = 1;
  }
  return out;
}

function pickId(d: Document): Document {
  return d._id !== undefined ? { _id: d._id } : {};
}

const update: CommandHandler = async (ctx) => {
  const deadline = currentDeadline();
  const name = collectionName(ctx);
  const statements = optArray(ctx, 'updates');
  const ordered = ctx.cmd.ordered !== false;
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    try {
      const r = await updateStatement(ctx, name, checkFilter(s.q, 'q'), s.u, {
        multi: s.multi === true,
        upsert: s.upsert === true,
        arrayFilters: s.arrayFilters,
        sort: s.sort,
        variables: s.c ?? ctx.cmd.let,
        collation: s.collation,
        deadline,
      });
      n += r.n;
      nModified += r.nModified;
      if (r.upsertedId !== undefined) upserted.push({ index: i, _id: r.upsertedId });
    } catch (e) {
      if (isFatalWriteError(e)) throw e;
      writeErrors.push(writeErrorOf(i, e));
      if (ordered) break;
    }
  }
  const res: Document = { n, nModified };
  if (upserted.length) res.upserted = upserted;
  return writeResult(ctx, res, writeErrors);
};

const del: CommandHandler = async (ctx) => {
  const deadline = currentDeadline();
  const name = collectionName(ctx);
  const statements = optArray(ctx, 'deletes');
  const ordered = ctx.cmd.ordered !== false;
  const { engine } = ctx.state;
  let n = 0;
  const writeErrors: Document[] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i]!;
    try {
      const limit = typeof s.limit === 'number' ? s.limit : Number(s.limit ?? 0);
      if (limit !== 0 && limit !== 1)
        throw new MongoCommandError(9, `The limit field in delete objects must be 0 or 1. Got ${limit}`);
      const targets = await writeTargets(ctx, name, checkFilter(s.q, 'q'), {
        stopAfter: limit === 1 ? 1 : Infinity,
        collation: s.collation,
        deadline,
      });
      const c = targets.c;
      let hits = targets.hits;
      if (limit === 1) hits = hits.slice(0, 1);
      for (const h of hits) {
        engine.write(c!, h.rid, null, 'delete', h.doc, ctx.meta, ctx.txn);
        n++;
      }
    } catch (e) {
      if (isFatalWriteError(e)) throw e;
      writeErrors.push(writeErrorOf(i, e));
      if (ordered) break;
    }
  }
  return writeResult(ctx, { n }, writeErrors);
};

const findAndModify: CommandHandler = async (ctx) => {
  const deadline = currentDeadline();
  const name = collectionName(ctx);
  const query = checkFilter(ctx.cmd.query, 'query');
  const sort = optDoc(ctx, 'sort');
  const fields = optDoc(ctx, 'fields');
  const { engine } = ctx.state;
  const project = (d: Document | undefined) => (d ? projectHits([{ rid: '', doc: d }], fields, query)[0] : null);
  try {
    if (ctx.cmd.remove === true) {
      if (ctx.cmd.update !== undefined) throw new MongoCommandError(9, 'Cannot specify both an update and remove=true');
      let c = getColl(ctx, name);
      // Read in time slices; a match that changed meanwhile is looked up again at once.
      let hit = (await findHitsAsync(ctx, c, query, sort, 0, 1))[0];
      if (hit && (getColl(ctx, name) !== c || engine.visible(c!, hit.rid, ctx.txn) !== hit.doc)) {
        c = getColl(ctx, name);
        hit = withDeadline(deadline, () => findHits(ctx, c, query, sort, 0, 1)[0]);
      }
      if (hit) engine.write(c!, hit.rid, null, 'delete', hit.doc, ctx.meta, ctx.txn);
      return { lastErrorObject: { n: hit ? 1 : 0 }, value: project(hit?.doc), ok: 1 };
    }
    if (ctx.cmd.update === undefined)
      throw new MongoCommandError(9, 'Either an update or remove=true must be specified');
    const r = await updateStatement(ctx, name, query, ctx.cmd.update, {
      multi: false,
      upsert: ctx.cmd.upsert === true,
      arrayFilters: ctx.cmd.arrayFilters,
      sort,
      variables: ctx.cmd.let,
      collation: ctx.cmd.collation,
      deadline,
    });
    const lastErrorObject: Document = { n: r.n, updatedExisting: r.n > 0 && r.upsertedId === undefined };
    if (r.upsertedId !== undefined) lastErrorObject.upserted = r.upsertedId;
    const value = ctx.cmd.new === true ? r.after : r.upsertedId !== undefined ? undefined : r.before;
    return { lastErrorObject, value: project(value), ok: 1 };
  } catch (e) {
    if (ctx.txn && !isFatalWriteError(e)) engine.abortTxn(ctx.txn);
    if (e instanceof DuplicateKeyError)
      throw new MongoCommandError(11000, duplicateKeyMessage(e), { keyPattern: e.keyPattern, keyValue: e.keyValue });
    throw e;
  }
};

const count: CommandHandler = async (ctx) => {
  const name = collectionName(ctx);
  const c = getColl(ctx, name);
  const query = checkFilter(ctx.cmd.query, 'query');
  const skip = optInt(ctx, 'skip') ?? 0;
  if (skip < 0) throw new MongoCommandError(51024, "BSON field 'skip' value must be >= 0, actual value '" + skip + "'");
  const limit = Math.abs(optInt(ctx, 'limit') ?? 0);
  if (!Object.keys(query).length && !ctx.txn && !skip && !limit) return { n: c?.docs.size ?? 0, ok: 1 };
  // Matches are counted during the scan: no hit is built, no document is kept.
  const matched = await countDocsAsync(ctx.state.engine, c, query, {
    txn: ctx.txn,
    stopAfter: limit ? skip + limit : Infinity,
    collation: ctx.cmd.collation as Document | undefined,
  });
  return { n: Math.max(0, matched - skip), ok: 1 };
};

const distinct: CommandHandler = async (ctx) => {
  const name = collectionName(ctx);
  const key = ctx.cmd.key;
  if (typeof key !== 'string') throw new MongoCommandError(14, "BSON field 'distinct.key' is missing or not a string");
  const hits = await findHitsAsync(ctx, getColl(ctx, name), checkFilter(ctx.cmd.query, 'query'));
  const seen = new Map<string, unknown>();
  for (const h of hits) {
    for (const v of valuesAtPath(h.doc, key)) {
      for (const x of Array.isArray(v) ? v : [v]) {
        if (x === undefined) continue;
        // recordIdOf gives equal keys to values MongoDB considers equal (1, 1.0, Long(1)).
        const k = recordIdOf(x);
        if (!seen.has(k)) seen.set(k, x);
      }
    }
  }
  // mongod lists values in the order it meets them (collection or index order), not sorted.
  return { values: [...seen.values()], ok: 1 };
};

/** explain for find/count/distinct/update/delete/findAndModify/aggregate ($match first): which index, how many docs read. */
const explain: CommandHandler = (ctx) => {
  const inner = ctx.cmd.explain as Document;
  if (!inner || typeof inner !== 'object') throw new MongoCommandError(14, 'explain command requires a nested object');
  const kind = Object.keys(inner)[0] ?? '';
  const name = inner[kind];
  if (typeof name !== 'string') throw new MongoCommandError(2, `explain of '${kind}' needs a collection name`);
  let filter: Document = {};
  if (kind === 'find') filter = inner.filter ?? {};
  else if (kind === 'count' || kind === 'distinct' || kind === 'findAndModify') filter = inner.query ?? {};
  else if (kind === 'update') filter = inner.updates?.[0]?.q ?? {};
  else if (kind === 'delete') filter = inner.deletes?.[0]?.q ?? {};
  else if (kind === 'aggregate') filter = inner.pipeline?.[0]?.$match ?? {};
  else throw new MongoCommandError(2, `explain does not support '${kind}'`);
  const stats: QueryStats = { docsExamined: 0 };
  const c = getColl(ctx, name);
  const sort = kind === 'find' && inner.sort && typeof inner.sort === 'object' ? (inner.sort as Document) : undefined;
  const limit = kind === 'find' ? Math.abs(Number(inner.limit ?? 0)) || 0 : 0;
  const skip = kind === 'find' ? Number(inner.skip ?? 0) || 0 : 0;
  const collation = inner.collation as Document | undefined;
  const ordered = orderedSource(ctx, c, filter, sort, collation);
  const hits = selectDocs(
    ctx.state.engine,
    c,
    filter,
    ctx.txn,
    stats,
    ordered && limit ? skip + limit : Infinity,
    ordered,
    collation,
  );
  let input: Document = ordered
    ? {
        stage: 'FETCH',
        inputStage: {
          stage: 'IXSCAN',
          keyPattern: ordered.keyPattern,
          indexName: ordered.indexName,
          direction: ordered.direction,
        },
      }
    : stats.indexName
      ? { stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: stats.indexName } }
      : { stage: 'COLLSCAN', direction: 'forward' };
  // Without an index providing the order, mongod sorts in memory (a blocking SORT stage).
  if (sort && Object.keys(sort).length && !ordered)
    input = { stage: 'SORT', sortPattern: sort, memLimit: 104857600, type: 'simple', inputStage: input };
  if (limit) input = { stage: 'LIMIT', limitAmount: limit, inputStage: input };
  return {
    queryPlanner: { namespace: `${ctx.db}.${name}`, parsedQuery: filter, winningPlan: input, rejectedPlans: [] },
    executionStats: {
      executionSuccess: true,
      nReturned: limit ? Math.min(hits.length, limit) : hits.length,
      totalDocsExamined: stats.docsExamined,
      totalKeysExamined: stats.indexName ? stats.docsExamined : 0,
    },
    serverInfo: { host: ctx.conn.me, version: '7.0.0' },
    ok: 1,
  };
};

export const crudCommands: Record<string, CommandHandler> = {
  insert,
  find,
  getMore,
  killCursors,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
  count,
  distinct,
  explain,
};
