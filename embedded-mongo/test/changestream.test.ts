// Change streams: events, updateDescription, updateLookup, resume tokens, database scope, awaitData.
import type { ChangeStream, Db } from 'mongodb';
import { startTestServer, type TestServer } from './helpers';

function collect(cs: ChangeStream, n: number, timeoutMs = 4000): Promise<any[]> {
  const out: any[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`got ${out.length}/${n} events: ${JSON.stringify(out.map((e) => e.operationType))}`)),
      timeoutMs,
    );
    cs.on('change', (e) => {
      out.push(e);
      if (out.length === n) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    cs.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('change streams', () => {
  let t: TestServer;
  let db: Db;
  beforeAll(async () => {
    t = await startTestServer();
    db = t.client.db('cs');
    await db.collection('c').insertOne({ warm: true });
  });
  afterAll(() => t.close());

  it('reports insert, update (with updateDescription), replace and delete', async () => {
    const cs = db.collection('c').watch([], { fullDocument: 'updateLookup' });
    const got = collect(cs, 4);
    await settle();
    const { insertedId } = await db.collection('c').insertOne({ a: 1, b: { x: 1 }, arr: [1, 2, 3], gone: 1 });
    await db
      .collection('c')
      .updateOne({ _id: insertedId }, { $set: { 'b.x': 2, c: 'new' }, $unset: { gone: '' }, $pop: { arr: 1 } });
    await db.collection('c').replaceOne({ _id: insertedId }, { z: 1 });
    await db.collection('c').deleteOne({ _id: insertedId });
    const evs = await got;
    await cs.close();
    expect(evs.map((e) => e.operationType)).toEqual(['insert', 'update', 'replace', 'delete']);
    expect(evs[0]).toMatchObject({
      ns: { db: 'cs', coll: 'c' },
      documentKey: { _id: insertedId },
      fullDocument: { a: 1 },
    });
    expect(evs[0].clusterTime).toBeDefined();
    expect(evs[0]._id._data).toEqual(expect.any(String));
    expect(evs[1].updateDescription).toEqual({
      updatedFields: { 'b.x': 2, c: 'new' },
      removedFields: ['gone'],
      truncatedArrays: [{ field: 'arr', newSize: 2 }],
    });
    // updateLookup reads whatever version is current when the event is fetched (or null once deleted).
    if (evs[1].fullDocument !== null) expect(evs[1].fullDocument._id).toEqual(insertedId);
    expect(evs[2].fullDocument).toEqual({ _id: insertedId, z: 1 });
    expect(evs[3].documentKey).toEqual({ _id: insertedId });
  });

  it('updateLookup returns the current document', async () => {
    const { insertedId } = await db.collection('u').insertOne({ n: 1, keep: 'x' });
    const cs = db.collection('u').watch([], { fullDocument: 'updateLookup' });
    const got = collect(cs, 1);
    await settle();
    await db.collection('u').updateOne({ _id: insertedId }, { $inc: { n: 1 } });
    const [ev] = await got;
    await cs.close();
    expect(ev.fullDocument).toEqual({ _id: insertedId, n: 2, keep: 'x' });
    expect(ev.updateDescription.updatedFields).toEqual({ n: 2 });
  });

  it('resumes after a token without losing events', async () => {
    const cs = db.collection('r').watch();
    const first = collect(cs, 1);
    await settle();
    await db.collection('r').insertOne({ n: 1 });
    const [e1] = await first;
    await cs.close();
    await db.collection('r').insertMany([{ n: 2 }, { n: 3 }]);
    const resumed = db.collection('r').watch([], { resumeAfter: e1._id });
    const rest = await collect(resumed, 2);
    await resumed.close();
    expect(rest.map((e) => e.fullDocument.n)).toEqual([2, 3]);
    const started = db.collection('r').watch([], { startAfter: e1._id });
    const again = await collect(started, 2);
    await started.close();
    expect(again.map((e) => e.fullDocument.n)).toEqual([2, 3]);
  });

  it('watches a whole database with a $match stage and ignores other databases', async () => {
    const cs = db.watch([{ $match: { operationType: 'insert', 'fullDocument.keep': true } }]);
    const got = collect(cs, 2);
    await settle();
    await db.collection('x').insertOne({ keep: true, n: 1 });
    await t.client.db('other').collection('x').insertOne({ keep: true, n: 99 });
    await db.collection('y').insertOne({ keep: false, n: 2 });
    await db.collection('y').insertOne({ keep: true, n: 3 });
    const evs = await got;
    await cs.close();
    expect(evs.map((e) => [e.ns.coll, e.fullDocument.n])).toEqual([
      ['x', 1],
      ['y', 3],
    ]);
  });

  it('watches the whole cluster from admin (allChangesForCluster)', async () => {
    const cs = t.client.watch();
    const got = collect(cs, 2);
    await settle();
    await t.client.db('cl1').collection('a').insertOne({ n: 1 });
    await t.client.db('cl2').collection('b').insertOne({ n: 2 });
    const evs = await got;
    await cs.close();
    expect(evs.map((e) => `${e.ns.db}.${e.ns.coll}`)).toEqual(['cl1.a', 'cl2.b']);
  });

  it('reports transaction writes at commit only, with lsid and txnNumber', async () => {
    const cs = db.collection('t').watch();
    const got = collect(cs, 2);
    await settle();
    const s = t.client.startSession();
    await s.withTransaction(async () => {
      await db.collection('t').insertOne({ n: 1 }, { session: s });
      await db.collection('t').insertOne({ n: 2 }, { session: s });
    });
    await s.endSession();
    const evs = await got;
    await cs.close();
    expect(evs.map((e) => e.fullDocument.n)).toEqual([1, 2]);
    expect(evs[0].txnNumber).toBeDefined();
    expect(evs[0].lsid).toBeDefined();
  });

  it('getMore waits (awaitData) and returns as soon as an event arrives', async () => {
    const res = await db.command({ aggregate: 'w', pipeline: [{ $changeStream: {} }], cursor: {} });
    const id = res.cursor.id;
    const started = Date.now();
    setTimeout(() => void db.collection('w').insertOne({ late: 1 }), 200);
    const more = await db.command({ getMore: id, collection: 'w', maxTimeMS: 5000 });
    const elapsed = Date.now() - started;
    expect(more.cursor.nextBatch).toHaveLength(1);
    expect(more.cursor.nextBatch[0].fullDocument.late).toBe(1);
    expect(more.cursor.postBatchResumeToken).toBeDefined();
    expect(elapsed).toBeLessThan(5000);
    const empty = await db.command({ getMore: id, collection: 'w', maxTimeMS: 100 });
    expect(empty.cursor.nextBatch).toEqual([]);
    await db.command({ killCursors: 'w', cursors: [id] });
  });

  it('emits drop then invalidate when the watched collection is dropped', async () => {
    await db.collection('d').insertOne({ a: 1 });
    const cs = db.collection('d').watch();
    const got = collect(cs, 2);
    await settle();
    await db.collection('d').drop();
    const evs = await got;
    expect(evs.map((e) => e.operationType)).toEqual(['drop', 'invalidate']);
    await cs.close();
  });
});
