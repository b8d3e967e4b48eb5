// create, drop, dropDatabase, listCollections, listDatabases, createIndexes, listIndexes, dropIndexes, stats.
import { BSON, type Document } from 'bson';
import { DuplicateKeyError, type IndexSpec } from '../indexes/types';
import { MongoCommandError, toCommandError } from '../errors.command';
import { compileFilter } from '../storage/query.executor';
import type { CommandHandler, CommandContext } from './command.context';
import { collectionName, cursorReply, duplicateKeyMessage, getColl, optArray, optDoc } from './command.helpers';
import type { Collection } from '../storage/storage.engine';

function assertNoTxn(ctx: CommandContext): void {
  if (ctx.txn && ctx.name !== 'create' && ctx.name !== 'createIndexes')
    throw new MongoCommandError(263, `Cannot run '${ctx.name}' in a multi-document transaction.`);
}

const create: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  if (ctx.cmd.viewOn !== undefined) throw new MongoCommandError(115, 'views are not supported by embedded-mongo');
  const options: Document = {};
  for (const [k, v] of Object.entries(ctx.cmd)) {
    if (
      k === 'create' ||
      k.startsWith('$') ||
      ['lsid', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'readConcern', 'comment'].includes(k)
    )
      continue;
    options[k] = v;
  }
  ctx.state.engine.createCollection(ctx.db, name, options);
  return { ok: 1 };
};

const drop: CommandHandler = (ctx) => {
  assertNoTxn(ctx);
  const name = collectionName(ctx);
  const c = getColl(ctx, name);
  const nIndexesWas = c?.indexes.list().length ?? 0;
  ctx.state.engine.dropCollection(ctx.db, name);
  return c ? { nIndexesWas, ns: `${ctx.db}.${name}`, ok: 1 } : { ok: 1 };
};

const dropDatabase: CommandHandler = (ctx) => {
  assertNoTxn(ctx);
  ctx.state.engine.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

function collectionInfo(c: Collection): Document {
  return {
    name: c.name,
    type: 'collection',
    options: c.options,
    info: { readOnly: false, uuid: c.uuid },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  };
}

const listCollections: CommandHandler = (ctx) => {
  const filter = optDoc(ctx, 'filter') ?? {};
  const colls = [...(ctx.state.engine.dbs.get(ctx.db)?.values() ?? [])];
  const test = compileFilter(filter);
  let infos = colls.map(collectionInfo).filter((i) => test(i));
  if (ctx.cmd.nameOnly === true) infos = infos.map((i) => ({ name: i.name, type: i.type }));
  const batchSize = (ctx.cmd.cursor as Document | undefined)?.batchSize as number | undefined;
  return cursorReply(ctx, `${ctx.db}.$cmd.listCollections`, infos, batchSize ?? 101);
};

function dbSize(colls: Map<string, Collection> | undefined): number {
  let size = 0;
  for (const c of colls?.values() ?? []) for (const s of c.docs.values()) size += BSON.calculateObjectSize(s.doc);
  return size;
}

const listDatabases: CommandHandler = (ctx) => {
  const test = compileFilter(optDoc(ctx, 'filter') ?? {});
  const nameOnly = ctx.cmd.nameOnly === true;
  const databases: Document[] = [];
  let totalSize = 0;
  for (const [name, colls] of ctx.state.engine.dbs) {
    const sizeOnDisk = nameOnly ? 0 : dbSize(colls);
    totalSize += sizeOnDisk;
    const info = nameOnly ? { name } : { name, sizeOnDisk, empty: colls.size === 0 };
    if (test(info)) databases.push(info);
  }
  return nameOnly
    ? { databases, ok: 1 }
    : { databases, totalSize, totalSizeMb: Math.round(totalSize / 1048576), ok: 1 };
};

export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([k, v]) => `${k}_${v}`)
    .join('_');
}

function normalizeSpec(raw: Document): IndexSpec {
  if (!raw || typeof raw !== 'object') throw new MongoCommandError(9, 'index specification must be an object');
  const key = raw.key as Document | undefined;
  if (!key || typeof key !== 'object' || !Object.keys(key).length)
    throw new MongoCommandError(67, 'Index key pattern must be a non-empty object');
  const normKey: IndexSpec['key'] = {};
  for (const [k, v] of Object.entries(key)) {
    if (v === 'text' || v === '2dsphere') normKey[k] = v;
    else if (typeof v === 'number' || (v && typeof (v as { valueOf(): unknown }).valueOf() === 'number')) {
      const n = Number(v);
      if (n === 0 || !Number.isFinite(n))
        throw new MongoCommandError(67, `Values in the index key pattern can't be 0: ${k}`);
      normKey[k] = n > 0 ? 1 : -1;
    } else if (v === 'hashed' || v === '2d' || v === 'geoHaystack')
      throw new MongoCommandError(67, `Index type '${v}' is not supported by embedded-mongo`);
    else throw new MongoCommandError(67, `Unknown index plugin '${String(v)}'`);
  }
  const name = typeof raw.name === 'string' && raw.name ? raw.name : defaultIndexName(key);
  const spec: IndexSpec = { ...raw, v: 2, key: normKey, name } as IndexSpec;
  return spec;
}

const createIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const specs = optArray(ctx, 'indexes').map(normalizeSpec);
  if (!specs.length) throw new MongoCommandError(2, 'Must specify at least one index to create');
  const { engine } = ctx.state;
  const existed = !!getColl(ctx, name);
  const c = engine.ensureCollection(ctx.db, name);
  const before = c.indexes.list().length;
  for (const spec of specs) {
    try {
      engine.createIndex(c, spec);
    } catch (e) {
      if (e instanceof DuplicateKeyError)
        throw new MongoCommandError(11000, `Index build failed: ${duplicateKeyMessage(e)}`, {
          keyPattern: e.keyPattern,
          keyValue: e.keyValue,
        });
      throw toCommandError(e);
    }
  }
  const after = c.indexes.list().length;
  const res: Document = {
    numIndexesBefore: before,
    numIndexesAfter: after,
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
  if (before === after) res.note = 'all indexes already exist';
  return res;
};

const listIndexes: CommandHandler = (ctx) => {
  const name = collectionName(ctx);
  const c = getColl(ctx, name);
  if (!c) throw new MongoCommandError(26, `ns does not exist: ${ctx.db}.${name}`);
  const batchSize = (ctx.cmd.cursor as Document | undefined)?.batchSize as number | undefined;
  const specs = c.indexes.list().map((s) => ({ ...s, v: s.v ?? 2 }));
  return cursorReply(ctx, `${ctx.db}.$cmd.listIndexes.${name}`, specs, batchSize ?? 101);
};

const dropIndexes: CommandHandler = (ctx) => {
  assertNoTxn(ctx);
  const name = collectionName(ctx);
  const c = getColl(ctx, name);
  if (!c) throw new MongoCommandError(26, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = c.indexes.list().length;
  const arg = ctx.cmd.index;
  const names: string[] = [];
  if (arg === '*') names.push('*');
  else if (typeof arg === 'string') names.push(arg);
  else if (Array.isArray(arg)) names.push(...arg.map(String));
  else if (arg && typeof arg === 'object') {
    const spec = c.indexes
      .list()
      .find((s) => BSON.EJSON.stringify(s.key) === BSON.EJSON.stringify(normalizeSpec({ key: arg }).key));
    if (!spec) throw new MongoCommandError(27, `can't find index with key: ${JSON.stringify(arg)}`);
    names.push(spec.name);
  } else throw new MongoCommandError(14, "BSON field 'index' must be a string, array or object");
  for (const n of names) {
    try {
      ctx.state.engine.dropIndex(c, n);
    } catch (e) {
      throw toCommandError(e);
    }
  }
  return { nIndexesWas, ok: 1 };
};

export function collStatsOf(ctx: CommandContext, name: string): Document {
  const c = getColl(ctx, name);
  const count = c?.docs.size ?? 0;
  let size = 0;
  for (const s of c?.docs.values() ?? []) size += BSON.calculateObjectSize(s.doc);
  const indexes = c?.indexes.list() ?? [];
  return {
    ns: `${ctx.db}.${name}`,
    size,
    count,
    avgObjSize: count ? Math.round(size / count) : 0,
    storageSize: size,
    totalIndexSize: 0,
    totalSize: size,
    indexSizes: Object.fromEntries(indexes.map((i) => [i.name, 0])),
    nindexes: indexes.length,
    capped: false,
  };
}

const collStats: CommandHandler = (ctx) => ({ ...collStatsOf(ctx, collectionName(ctx)), ok: 1 });

const dbStats: CommandHandler = (ctx) => {
  const colls = ctx.state.engine.dbs.get(ctx.db);
  let objects = 0;
  let indexes = 0;
  for (const c of colls?.values() ?? []) {
    objects += c.docs.size;
    indexes += c.indexes.list().length;
  }
  const dataSize = dbSize(colls);
  return {
    db: ctx.db,
    collections: colls?.size ?? 0,
    views: 0,
    objects,
    dataSize,
    storageSize: dataSize,
    indexes,
    indexSize: 0,
    totalSize: dataSize,
    ok: 1,
  };
};

const renameCollection: CommandHandler = (ctx) => {
  assertNoTxn(ctx);
  const from = String(ctx.cmd.renameCollection);
  const to = String(ctx.cmd.to);
  const [fdb, fname] = [from.slice(0, from.indexOf('.')), from.slice(from.indexOf('.') + 1)];
  const [tdb, tname] = [to.slice(0, to.indexOf('.')), to.slice(to.indexOf('.') + 1)];
  const { engine } = ctx.state;
  const src = engine.getCollection(fdb, fname);
  if (!src) throw new MongoCommandError(26, `Source collection ${from} does not exist`);
  if (engine.getCollection(tdb, tname)) {
    if (ctx.cmd.dropTarget !== true) throw new MongoCommandError(48, `target namespace exists`);
    engine.dropCollection(tdb, tname);
  }
  const dst = engine.ensureCollection(tdb, tname, src.options);
  for (const spec of src.indexes.list()) if (spec.name !== '_id_') engine.createIndex(dst, spec);
  for (const [rid, s] of src.docs) engine.write(dst, rid, s.doc, 'insert', undefined, ctx.meta);
  engine.dropCollection(fdb, fname);
  return { ok: 1 };
};

export const catalogCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
  collStats,
  dbStats,
  renameCollection,
};
