// Find projections through the official driver: plain top-level inclusions take a fast path (no mingo); the
// result must be what the general path gives, in mongod's field order, without touching stored documents.
import { ObjectId, type Db } from 'mongodb';
import { startTestServer, type TestServer } from './helpers';

describe('find projections', () => {
  let t: TestServer;
  let db: Db;
  const id = new ObjectId();
  const stored = {
    _id: id,
    b: 2,
    a: 1,
    nested: { x: [1, { y: 2 }] },
    tags: ['t1', 't2'],
    when: new Date('2026-01-02T03:04:05Z'),
  };

  beforeAll(async () => {
    t = await startTestServer();
    db = t.client.db('projection');
    await db.collection('p').insertMany([stored, { _id: new ObjectId(), a: 5 }]);
  });
  afterAll(() => t.close());

  it('keeps the listed top-level fields in document order, _id first unless excluded, missing ones absent', async () => {
    const c = db.collection('p');
    const docs = await c
      .find({}, { projection: { a: 1, b: 1, nested: 1, when: 1, missing: 1 } })
      .sort({ a: 1 })
      .toArray();
    expect(docs[0]).toEqual({ _id: id, b: 2, a: 1, nested: { x: [1, { y: 2 }] }, when: stored.when });
    expect(Object.keys(docs[0]!)).toEqual(['_id', 'b', 'a', 'nested', 'when']);
    expect(Object.keys(docs[1]!)).toEqual(['_id', 'a']);
    const noId = await c.findOne({ _id: id }, { projection: { tags: true, a: 1, _id: 0 } });
    expect(noId).toEqual({ a: 1, tags: ['t1', 't2'] });
    expect(Object.keys(noId!)).toEqual(['a', 'tags']);
    expect(await c.findOne({ _id: id }, { projection: { _id: 1, a: 1 } })).toEqual({ _id: id, a: 1 });
  });

  it('answers like the general path (dotted inclusion, exclusion, $slice) and leaves stored documents whole', async () => {
    const c = db.collection('p');
    expect(await c.findOne({ _id: id }, { projection: { 'nested.x': 1, a: 1 } })).toEqual({
      _id: id,
      a: 1,
      nested: { x: [1, { y: 2 }] },
    });
    expect(await c.findOne({ _id: id }, { projection: { nested: 0, tags: 0, when: 0 } })).toEqual({
      _id: id,
      b: 2,
      a: 1,
    });
    expect(await c.findOne({ _id: id }, { projection: { tags: { $slice: 1 }, a: 1 } })).toEqual({
      _id: id,
      a: 1,
      tags: ['t1'],
    });
    expect(await c.findOne({ _id: id })).toEqual(stored);
  });

  it('refuses mixed inclusion and exclusion as before', async () => {
    await expect(db.collection('p').findOne({ _id: id }, { projection: { a: 1, b: 0 } })).rejects.toThrow();
  });
});
