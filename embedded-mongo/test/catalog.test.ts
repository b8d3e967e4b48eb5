// Catalog and admin commands: collections, databases, indexes (used and enforced), explain, TTL, stats.
import type { CollectionInfo, Db } from 'mongodb';
import { errorOf, startTestServer, type TestServer } from './helpers';

describe('catalog and admin commands', () => {
  let t: TestServer;
  let db: Db;
  beforeAll(async () => {
    t = await startTestServer({ ttlIntervalMs: 100 });
    db = t.client.db('cat');
  });
  afterAll(() => t.close());

  it('create / listCollections / drop / dropDatabase / listDatabases', async () => {
    await db.createCollection('a');
    expect((await errorOf(() => db.createCollection('a'))).code).toBe(48);
    await db.collection('b').insertOne({ x: 1 });
    const names = (await db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['a', 'b']);
    const filtered = await db.listCollections({ name: 'b' }, { nameOnly: true }).toArray();
    expect(filtered).toEqual([{ name: 'b', type: 'collection' }]);
    const full = (await db.listCollections({ name: 'a' }).toArray())[0] as CollectionInfo;
    expect(full.info?.uuid).toBeDefined();
    expect(full.idIndex).toMatchObject({ key: { _id: 1 }, name: '_id_' });
    const dbs = await t.client.db('admin').admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('cat');
    expect(await db.collection('a').drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['b']);
    await t.client.db('cat2').collection('z').insertOne({});
    await t.client.db('cat2').dropDatabase();
    expect((await t.client.db('admin').admin().listDatabases()).databases.map((d) => d.name)).not.toContain('cat2');
    expect((await errorOf(() => db.collection('bad$name').insertOne({}))).code).toBe(73);
  });

  it('createIndexes / listIndexes / dropIndexes with mongod errors', async () => {
    const c = db.collection('idx');
    await c.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
    ]);
    expect(await c.createIndex({ a: 1, b: -1 }, { unique: true })).toBe('a_1_b_-1');
    const res = await db.command({
      createIndexes: 'idx',
      indexes: [{ key: { a: 1, b: -1 }, name: 'a_1_b_-1', unique: true }],
    });
    expect(res.numIndexesBefore).toBe(res.numIndexesAfter);
    const list = await c.listIndexes().toArray();
    expect(list.map((i) => [i.name, i.key, !!i.unique])).toEqual([
      ['_id_', { _id: 1 }, false],
      ['a_1_b_-1', { a: 1, b: -1 }, true],
    ]);
    expect((await errorOf(() => c.createIndex({ a: 1 }, { unique: true }))).code).toBe(11000);
    expect((await errorOf(() => c.createIndex({ b: 1 }, { name: 'a_1_b_-1' }))).code).toBeGreaterThanOrEqual(85);
    expect((await errorOf(() => c.dropIndex('nope'))).code).toBe(27);
    expect((await errorOf(() => c.dropIndex('_id_'))).code).toBe(72);
    expect((await errorOf(() => db.collection('missing').listIndexes().toArray())).code).toBe(26);
    await c.dropIndex({ a: 1, b: -1 } as any);
    await c.createIndex({ b: 1 });
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('uses the index for equality and range queries (explain) and still applies the full filter', async () => {
    const c = db.collection('big');
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ k: i, odd: i % 2 === 1 })));
    await c.createIndex({ k: 1 });
    const eq = await c.find({ k: 1234 }).explain('executionStats');
    expect(eq.queryPlanner.winningPlan.inputStage.indexName).toBe('k_1');
    expect(eq.executionStats.totalDocsExamined).toBe(1);
    const range = await c.find({ k: { $gte: 100, $lt: 200 }, odd: true }).explain('executionStats');
    expect(range.executionStats.totalDocsExamined).toBeLessThanOrEqual(100);
    expect(range.executionStats.nReturned).toBe(50);
    expect(await c.countDocuments({ k: { $gte: 100, $lt: 200 }, odd: true })).toBe(50);
    const scan = await c.find({ odd: true }).explain('executionStats');
    expect(scan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
  });

  it('TTL indexes remove expired documents in the periodic sweep and emit delete events', async () => {
    const c = db.collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const cs = c.watch([{ $match: { operationType: 'delete' } }]);
    const deleted = new Promise<any>((resolve) => cs.once('change', resolve));
    await new Promise((r) => setTimeout(r, 150));
    await c.insertMany([
      { at: new Date(Date.now() - 60_000), old: true },
      { at: new Date(Date.now() + 60_000) },
      { noDate: true },
    ]);
    const ev = await Promise.race([
      deleted,
      new Promise((_, rej) => setTimeout(() => rej(new Error('no TTL delete event')), 4000)),
    ]);
    await cs.close();
    expect((ev as any).operationType).toBe('delete');
    expect(await c.countDocuments({ old: true })).toBe(0);
    expect(await c.countDocuments()).toBe(2);
  });

  it('update path errors: conflicting operators (40) and non-viable paths (28)', async () => {
    const c = db.collection('paths');
    const { insertedId } = await c.insertOne({ a: 5, n: null });
    expect((await errorOf(() => c.updateOne({ _id: insertedId }, { $set: { a: 1 }, $inc: { a: 1 } }))).code).toBe(40);
    expect((await errorOf(() => c.updateOne({ _id: insertedId }, { $set: { 'a.b': 1 } }))).code).toBe(28);
    await c.updateOne({ _id: insertedId }, { $set: { 'x.y.z': 1 }, $unset: { missing: '' } });
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, a: 5, n: null, x: { y: { z: 1 } } });
  });

  it('admin helpers: getParameter, serverStatus, hostInfo, connectionStatus, collStats, sessions', async () => {
    const admin = t.client.db('admin');
    expect(
      (await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })).featureCompatibilityVersion.version,
    ).toBe('7.0');
    const ss = await admin.command({ serverStatus: 1 });
    expect(ss.connections.current).toBeGreaterThan(0);
    expect((await admin.command({ hostInfo: 1 })).system.numCores).toBeGreaterThan(0);
    expect((await admin.command({ connectionStatus: 1 })).authInfo).toBeDefined();
    await db.collection('stats').insertMany([{ a: 1 }, { a: 2 }]);
    expect((await db.command({ collStats: 'stats' })).count).toBe(2);
    const cs = await db
      .collection('stats')
      .aggregate([{ $collStats: { storageStats: {}, count: {} } }])
      .toArray();
    expect(cs[0]!.storageStats.count).toBe(2);
    expect((await admin.command({ killAllSessions: [] })).ok).toBe(1);
    const s = t.client.startSession();
    await db.collection('stats').findOne({}, { session: s });
    await s.endSession();
    expect((await admin.command({ endSessions: [] })).ok).toBe(1);
    expect((await errorOf(() => admin.command({ saslStart: 1 }))).code).toBe(334);
    expect((await db.command({ dbStats: 1 })).objects).toBeGreaterThan(0);
    expect((await admin.command({ whatsmyuri: 1 })).you).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await admin.command({ getCmdLineOpts: 1 })).parsed.net.port).toBe(t.server.port);
    expect((await admin.command({ replSetGetStatus: 1 })).members[0].stateStr).toBe('PRIMARY');
    const ex = await db
      .collection('stats')
      .aggregate([{ $match: { a: 1 } }])
      .explain();
    expect(ex.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    await db.createCollection('withopts', { validator: { a: { $exists: true } } });
    const info = (await db.listCollections({ name: 'withopts' }).toArray())[0] as CollectionInfo;
    expect(info.options).toEqual({ validator: { a: { $exists: true } } });
  });

  it('renameCollection keeps documents and indexes', async () => {
    await db.collection('from').createIndex({ u: 1 }, { unique: true });
    await db.collection('from').insertMany([{ u: 1 }, { u: 2 }]);
    await db.collection('from').rename('to');
    expect(await db.collection('to').countDocuments()).toBe(2);
    expect((await db.collection('to').listIndexes().toArray()).map((i) => i.name)).toContain('u_1');
    expect(await db.listCollections({ name: 'from' }).toArray()).toEqual([]);
  });
});
