// Behaviours the app and its libraries rely on, as mongod 7 documents them: $bucket boundaries, distinct order,
// positional projection, retryable writes, index-provided sort (and explain), hashed $in.
import { Long, UUID } from 'bson';
import type { Collection, Document } from 'mongodb';
import { errorOf, rawConnection, rmDir, startTestServer, tmpDir, type TestServer } from './helpers';

describe('fidelity with mongod 7', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());
  const coll = (name: string): Collection<Document> => t.client.db('fid').collection(name);

  it('$bucket: a value equal to a boundary opens the upper bucket, empty buckets are left out, _id first', async () => {
    const c = coll('bucket');
    await c.insertMany([0, 5, 10, 15, 20, 45, 99].map((x) => ({ x })));
    const out = await c
      .aggregate([{ $bucket: { groupBy: '$x', boundaries: [0, 10, 20, 30, 40], default: 'other' } }])
      .toArray();
    expect(out).toEqual([
      { _id: 0, count: 2 },
      { _id: 10, count: 2 },
      { _id: 20, count: 1 },
      { _id: 'other', count: 2 },
    ]);
    expect(Object.keys(out[0]!)[0]).toBe('_id');
    const withOutput = await c
      .aggregate([
        { $bucket: { groupBy: '$x', boundaries: [0, 10, 20], default: -1, output: { xs: { $push: '$x' } } } },
      ])
      .toArray();
    expect(withOutput).toEqual([
      { _id: -1, xs: [20, 45, 99] },
      { _id: 0, xs: [0, 5] },
      { _id: 10, xs: [10, 15] },
    ]);
    // Outside every bucket and no default: the command fails (mongod: 40066).
    const e = await errorOf(() => c.aggregate([{ $bucket: { groupBy: '$x', boundaries: [0, 10] } }]).toArray());
    expect(e.code).toBe(40066);
  });

  it('distinct returns values in the order it meets them, not sorted', async () => {
    const c = coll('distinct');
    await c.insertMany([{ v: 'b' }, { v: 'a' }, { v: ['c', 'b'] }, { v: 3 }, { v: 'a' }]);
    expect(await c.distinct('v')).toEqual(['b', 'a', 'c', 3]);
  });

  it("positional projection { 'a.$': 1 } returns the element the filter matched", async () => {
    const c = coll('positional');
    await c.insertMany([
      { _id: 1 as never, grades: [80, 85, 90], name: 'x' },
      { _id: 2 as never, grades: [88, 90, 92], name: 'y' },
      {
        _id: 3 as never,
        items: [
          { k: 'a', n: 1 },
          { k: 'b', n: 2 },
        ],
        name: 'z',
      },
    ]);
    expect(
      await c
        .find({ grades: { $gte: 85 } }, { projection: { 'grades.$': 1 } })
        .sort({ _id: 1 })
        .toArray(),
    ).toEqual([
      { _id: 1, grades: [85] },
      { _id: 2, grades: [88] },
    ]);
    expect(await c.findOne({ 'items.k': 'b' }, { projection: { 'items.$': 1, name: 1 } })).toEqual({
      _id: 3,
      items: [{ k: 'b', n: 2 }],
      name: 'z',
    });
    expect(await c.findOne({ items: { $elemMatch: { n: { $gt: 1 } } } }, { projection: { 'items.$': 1 } })).toEqual({
      _id: 3,
      items: [{ k: 'b', n: 2 }],
    });
    // No condition on the array: an error, never wrong data.
    const e = await errorOf(() => c.findOne({ _id: 1 as never }, { projection: { 'grades.$': 1 } }));
    expect(e.code).toBe(51246);
  });

  it('a retried write (same lsid + txnNumber) is answered with the first result, not applied twice', async () => {
    await coll('retry').insertOne({ _id: 'n' as never, n: 0 });
    const raw = await rawConnection(t.server.port);
    try {
      const lsid = { id: new UUID() };
      const update = (txnNumber: number) =>
        raw.command({
          update: 'retry',
          $db: 'fid',
          updates: [{ q: { _id: 'n' }, u: { $inc: { n: 1 } } }],
          lsid,
          txnNumber: Long.fromNumber(txnNumber),
        });
      const first = await update(1);
      expect(first).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      const retried = await update(1);
      expect(retried).toMatchObject({ ok: 1, n: 1, nModified: 1 });
      expect((await coll('retry').findOne({ _id: 'n' as never }))!.n).toBe(1);
      // The next statement number runs; an older one is refused (TransactionTooOld, 225).
      expect(await update(2)).toMatchObject({ ok: 1, nModified: 1 });
      expect((await coll('retry').findOne({ _id: 'n' as never }))!.n).toBe(2);
      expect(await update(1)).toMatchObject({ ok: 0, code: 225 });
      // Inserts and findAndModify too.
      const ins = () =>
        raw.command({ insert: 'retry', $db: 'fid', documents: [{ k: 'once' }], lsid, txnNumber: Long.fromNumber(3) });
      expect(await ins()).toMatchObject({ ok: 1, n: 1 });
      expect(await ins()).toMatchObject({ ok: 1, n: 1 });
      expect(await coll('retry').countDocuments({ k: 'once' })).toBe(1);
      const fam = () =>
        raw.command({
          findAndModify: 'retry',
          $db: 'fid',
          query: { _id: 'n' },
          update: { $inc: { n: 10 } },
          new: true,
          lsid,
          txnNumber: Long.fromNumber(4),
        });
      expect((await fam()).value.n).toBe(12);
      expect((await fam()).value.n).toBe(12);
      expect((await coll('retry').findOne({ _id: 'n' as never }))!.n).toBe(12);
    } finally {
      raw.close();
    }
  });

  it('a retry that reaches a restarted server is still answered with the first result (journaled)', async () => {
    const dir = tmpDir();
    try {
      const lsid = { id: new UUID() };
      const update = (raw: Awaited<ReturnType<typeof rawConnection>>, txnNumber: number) =>
        raw.command({
          update: 'retry',
          $db: 'fid',
          updates: [{ q: { _id: 'r' }, u: { $inc: { n: 1 } }, upsert: true }],
          lsid,
          txnNumber: Long.fromNumber(txnNumber),
        });
      let s = await startTestServer({ dbPath: dir });
      let raw = await rawConnection(s.server.port);
      const first = await update(raw, 7);
      expect(first).toMatchObject({ ok: 1, n: 1, upserted: [{ index: 0, _id: 'r' }] });
      raw.close();
      await s.close(); // compaction keeps the answer (a record of its own, replayed at start)
      s = await startTestServer({ dbPath: dir });
      raw = await rawConnection(s.server.port);
      try {
        const retried = await update(raw, 7);
        expect(retried).toMatchObject({ ok: 1, n: 1, upserted: [{ index: 0, _id: 'r' }] });
        expect(
          (await s.client
            .db('fid')
            .collection('retry')
            .findOne({ _id: 'r' as never }))!.n,
        ).toBe(1);
        expect(await update(raw, 6)).toMatchObject({ ok: 0, code: 225 });
        expect(await update(raw, 8)).toMatchObject({ ok: 1, n: 1, nModified: 1 });
        expect(
          (await s.client
            .db('fid')
            .collection('retry')
            .findOne({ _id: 'r' as never }))!.n,
        ).toBe(2);
      } finally {
        raw.close();
        await s.close();
      }
    } finally {
      rmDir(dir);
    }
  }, 30_000);

  describe('sort provided by an index', () => {
    let c: Collection<Document>;
    beforeAll(async () => {
      c = coll('sorted');
      const docs = Array.from({ length: 3000 }, (_, i) => ({
        k: (i * 7919) % 3000,
        schoolId: `s${i % 3}`,
        createdAt: new Date(1_700_000_000_000 + ((i * 104729) % 3000) * 1000),
        tags: i % 2 ? ['x', 'y'] : ['z'],
      }));
      await c.insertMany(docs);
      await c.createIndex({ k: 1 });
      await c.createIndex({ schoolId: 1, createdAt: -1 });
      await c.createIndex({ tags: 1 });
    }, 30_000);

    it('find().sort({k: 1}).limit(10) reads only 10 documents, in index order, forward or backward', async () => {
      expect((await c.find({}).sort({ k: 1 }).limit(10).toArray()).map((d) => d.k)).toEqual([...Array(10).keys()]);
      expect((await c.find({}).sort({ k: -1 }).limit(3).toArray()).map((d) => d.k)).toEqual([2999, 2998, 2997]);
      expect(
        (
          await c
            .find({ k: { $gte: 100 } })
            .sort({ k: 1 })
            .skip(5)
            .limit(2)
            .toArray()
        ).map((d) => d.k),
      ).toEqual([105, 106]);
      const ex = await c.find({}).sort({ k: 1 }).limit(10).explain('executionStats');
      expect(ex.queryPlanner.winningPlan).toEqual({
        stage: 'LIMIT',
        limitAmount: 10,
        inputStage: {
          stage: 'FETCH',
          inputStage: { stage: 'IXSCAN', keyPattern: { k: 1 }, indexName: 'k_1', direction: 'forward' },
        },
      });
      expect(ex.executionStats.totalDocsExamined).toBe(10);
      const back = await c.find({}).sort({ k: -1 }).limit(10).explain('executionStats');
      expect(back.queryPlanner.winningPlan.inputStage.inputStage.direction).toBe('backward');
    });

    it('uses a compound index after an equality prefix (newest of a school) and says so', async () => {
      const newest = await c.find({ schoolId: 's1' }).sort({ createdAt: -1 }).limit(5).toArray();
      const all = (await c.find({ schoolId: 's1' }).toArray()).map((d) => d.createdAt.getTime()).sort((a, b) => b - a);
      expect(newest.map((d) => d.createdAt.getTime())).toEqual(all.slice(0, 5));
      expect(newest.every((d) => d.schoolId === 's1')).toBe(true);
      const ex = await c.find({ schoolId: 's1' }).sort({ createdAt: -1 }).limit(5).explain('executionStats');
      expect(ex.queryPlanner.winningPlan.inputStage.inputStage).toMatchObject({
        stage: 'IXSCAN',
        indexName: 'schoolId_1_createdAt_-1',
      });
      expect(ex.executionStats.totalDocsExamined).toBe(5);
    });

    it('sorts in memory (SORT stage) when no index gives the order, or the sort field is multikey', async () => {
      const ex = await c.find({}).sort({ createdAt: 1 }).limit(3).explain('executionStats');
      expect(ex.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'SORT', sortPattern: { createdAt: 1 } });
      const byTag = await c.find({}).sort({ tags: 1, k: 1 }).limit(2).toArray();
      expect(byTag.map((d) => d.tags)).toEqual([
        ['x', 'y'],
        ['x', 'y'],
      ]);
      const ex2 = await c.find({}).sort({ tags: 1 }).limit(2).explain('executionStats');
      expect(ex2.queryPlanner.winningPlan.inputStage.stage).toBe('SORT');
    });

    it('keeps the order of a sort index scan while writes happen between two batches', async () => {
      const cursor = c
        .find({ k: { $lt: 1000 } })
        .sort({ k: 1 })
        .batchSize(100);
      const seen: number[] = [];
      for await (const d of cursor) {
        seen.push(d.k);
        if (seen.length === 50) await c.deleteMany({ k: { $gte: 2000 } });
      }
      expect(seen).toEqual([...Array(1000).keys()]);
    });
  });

  it('$in with many values matches as MongoDB compares (numbers across types, null = missing, arrays)', async () => {
    const c = coll('in');
    await c.insertMany([
      { _id: 1 as never, v: 1 },
      { _id: 2 as never, v: 2.5 },
      { _id: 3 as never, v: Long.fromNumber(7) },
      { _id: 4 as never, v: 'x' },
      { _id: 5 as never },
      { _id: 6 as never, v: [9, 10] },
      { _id: 7 as never, v: { a: 1 } },
      { _id: 8 as never, v: 'Xylophone' },
      { _id: 9 as never, v: 'd:86400000' },
    ]);
    const ids = async (f: Document) =>
      (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id as unknown as number);
    const many = Array.from({ length: 1000 }, (_, i) => i + 1000);
    expect(await ids({ v: { $in: [...many, 1.0, 7, 'x', 10] } })).toEqual([1, 3, 4, 6]);
    expect(await ids({ v: { $in: [null, 2.5] } })).toEqual([2, 5]);
    expect(await ids({ v: { $in: [{ a: 1 }, [9, 10]] } })).toEqual([6, 7]);
    expect(await ids({ v: { $in: [/^x/i] } })).toEqual([4, 8]);
    expect(await ids({ v: { $nin: [...many, 1, 'x', null] } })).toEqual([2, 3, 6, 7, 8, 9]);
    // A string never passes for another type's key.
    expect(await ids({ v: { $in: [new Date(86_400_000), true] } })).toEqual([]);
  });
});
