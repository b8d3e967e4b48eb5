// aggregate: stages through mingo, index-backed $match/$geoNear/$text, $out/$merge, and error codes.
import type { Db } from 'mongodb';
import { errorOf, startTestServer, type TestServer } from './helpers';

describe('aggregate', () => {
  let t: TestServer;
  let db: Db;
  beforeAll(async () => {
    t = await startTestServer();
    db = t.client.db('agg');
    await db
      .collection('items')
      .insertMany(Array.from({ length: 40 }, (_, i) => ({ n: i, g: `g${i % 4}`, tags: [`t${i % 2}`, 'all'] })));
    await db.collection('users').insertMany([
      { _id: 1 as any, name: 'ann' },
      { _id: 2 as any, name: 'bob' },
    ]);
    await db.collection('posts').insertMany([
      { by: 1, likes: 3 },
      { by: 1, likes: 9 },
      { by: 2, likes: 1 },
    ]);
  });
  afterAll(() => t.close());

  it('$match $group $sort $project $unwind $count', async () => {
    const g = await db
      .collection('items')
      .aggregate([
        { $match: { n: { $lt: 20 } } },
        { $group: { _id: '$g', c: { $sum: 1 }, tot: { $sum: '$n' } } },
        { $sort: { _id: -1 } },
        { $project: { _id: 0, g: '$_id', c: 1, tot: 1 } },
      ])
      .toArray();
    expect(g[0]).toEqual({ c: 5, tot: 55, g: 'g3' });
    const u = await db
      .collection('items')
      .aggregate([{ $match: { n: { $lt: 4 } } }, { $unwind: '$tags' }, { $count: 'c' }])
      .toArray();
    expect(u).toEqual([{ c: 8 }]);
  });

  it('$lookup with localField/foreignField and with let/pipeline; $facet', async () => {
    const r = await db
      .collection('users')
      .aggregate([
        { $lookup: { from: 'posts', localField: '_id', foreignField: 'by', as: 'posts' } },
        {
          $lookup: {
            from: 'posts',
            let: { uid: '$_id' },
            pipeline: [{ $match: { $expr: { $eq: ['$by', '$$uid'] } } }, { $sort: { likes: -1 } }, { $limit: 1 }],
            as: 'top',
          },
        },
        { $project: { name: 1, n: { $size: '$posts' }, best: { $first: '$top.likes' } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(r).toEqual([
      { _id: 1, name: 'ann', n: 2, best: 9 },
      { _id: 2, name: 'bob', n: 1, best: 1 },
    ]);
    const f = await db
      .collection('items')
      .aggregate([
        {
          $facet: { c: [{ $count: 'n' }], top: [{ $sort: { n: -1 } }, { $limit: 1 }, { $project: { _id: 0, n: 1 } }] },
        },
      ])
      .toArray();
    expect(f).toEqual([{ c: [{ n: 40 }], top: [{ n: 39 }] }]);
  });

  it('$out replaces the target and $merge upserts into it', async () => {
    await db
      .collection('items')
      .aggregate([{ $match: { g: 'g0' } }, { $project: { _id: '$n', g: 1 } }, { $out: 'g0' }])
      .toArray();
    expect(await db.collection('g0').countDocuments()).toBe(10);
    await db
      .collection('items')
      .aggregate([
        { $match: { n: { $lt: 2 } } },
        { $project: { _id: '$n', merged: { $literal: true } } },
        { $merge: { into: 'g0', whenMatched: 'merge', whenNotMatched: 'insert' } },
      ])
      .toArray();
    expect(await db.collection('g0').findOne({ _id: 0 as any })).toEqual({ _id: 0, g: 'g0', merged: true });
    expect(await db.collection('g0').findOne({ _id: 1 as any })).toEqual({ _id: 1, merged: true });
    expect(await db.collection('g0').countDocuments()).toBe(11);
  });

  it('$text with textScore in $project/$sort, and $geoNear with distanceField', async () => {
    const a = db.collection('articles');
    await a.createIndex({ title: 'text', body: 'text' });
    await a.insertMany([
      { title: 'mongo mongo', body: 'x' },
      { title: 'other', body: 'mongo here' },
      { title: 'none', body: 'nothing' },
    ]);
    const r = await a
      .aggregate([
        { $match: { $text: { $search: 'mongo' } } },
        { $project: { _id: 0, title: 1, s: { $meta: 'textScore' } } },
        { $sort: { s: -1 } },
      ])
      .toArray();
    expect(r.map((d) => d.title)).toEqual(['mongo mongo', 'other']);
    expect(r[0]!.s).toBeGreaterThan(r[1]!.s);
    const f = await a
      .find({ $text: { $search: 'mongo' } }, { projection: { score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    expect(f.map((d) => d.title)).toEqual(['mongo mongo', 'other']);

    const p = db.collection('places');
    await p.createIndex({ loc: '2dsphere' });
    await p.insertMany([
      { name: 'berlin', loc: { type: 'Point', coordinates: [13.405, 52.52] } },
      { name: 'potsdam', loc: { type: 'Point', coordinates: [13.064, 52.39] } },
      { name: 'munich', loc: { type: 'Point', coordinates: [11.58, 48.14] } },
    ]);
    const g = await p
      .aggregate([
        {
          $geoNear: {
            near: { type: 'Point', coordinates: [13.4, 52.5] },
            distanceField: 'd',
            maxDistance: 50_000,
            spherical: true,
          },
        },
        { $project: { _id: 0, name: 1, d: 1 } },
      ])
      .toArray();
    expect(g.map((x) => x.name)).toEqual(['berlin', 'potsdam']);
    expect(g[0]!.d).toBeGreaterThan(1000);
    expect(g[0]!.d).toBeLessThan(3000);
    const legacy = await p
      .aggregate([{ $geoNear: { near: [13.4, 52.5], distanceField: 'rad', spherical: true, maxDistance: 0.01 } }])
      .toArray();
    expect(legacy.map((x) => x.name)).toEqual(['berlin', 'potsdam']);
    expect(legacy[0]!.rad).toBeLessThan(0.001); // radians for a legacy point, as mongod
    const w = await p
      .find({
        loc: {
          $geoWithin: {
            $box: [
              [13, 52],
              [14, 53],
            ],
          },
        },
      })
      .toArray();
    expect(w.map((x) => x.name).sort()).toEqual(['berlin', 'potsdam']);
    const poly = await p.countDocuments({
      loc: {
        $geoWithin: {
          $geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [11, 48],
                [12, 48],
                [12, 49],
                [11, 49],
                [11, 48],
              ],
            ],
          },
        },
      },
    });
    expect(poly).toBe(1);
  });

  it('$text and $near without the index give mongod errors', async () => {
    const e1 = await errorOf(() =>
      db
        .collection('items')
        .find({ $text: { $search: 'x' } })
        .toArray(),
    );
    expect(e1.code).toBe(27);
    expect(e1.message).toMatch(/text index required/);
    const e2 = await errorOf(() =>
      db
        .collection('items')
        .find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [0, 0] } } } })
        .toArray(),
    );
    expect(e2.code).toBe(291);
    expect(e2.message).toMatch(/unable to find index for \$geoNear query/);
  });

  it('unknown stages, expressions and misplaced stages are refused with mongod codes', async () => {
    expect(
      (
        await errorOf(() =>
          db
            .collection('items')
            .aggregate([{ $bogus: {} }])
            .toArray(),
        )
      ).code,
    ).toBe(40324);
    expect(
      (
        await errorOf(() =>
          db
            .collection('items')
            .aggregate([{ $project: { x: { $bogus: 1 } } }])
            .toArray(),
        )
      ).code,
    ).toBe(168);
    expect(
      (
        await errorOf(() =>
          db
            .collection('items')
            .aggregate([{ $match: {} }, { $changeStream: {} }])
            .toArray(),
        )
      ).code,
    ).toBe(40602);
    expect(
      (
        await errorOf(() =>
          db
            .collection('items')
            .aggregate([{ $out: 'x' }, { $match: {} }])
            .toArray(),
        )
      ).code,
    ).toBe(40601);
    expect((await errorOf(() => db.command({ aggregate: 'items', pipeline: [] }))).code).toBe(9);
  });

  it('aggregate: 1 with $documents and batched cursors', async () => {
    const r = await db.aggregate([{ $documents: [{ a: 1 }, { a: 2 }] }, { $match: { a: 2 } }]).toArray();
    expect(r).toEqual([{ a: 2 }]);
    const res = await db.command({ aggregate: 'items', pipeline: [{ $sort: { n: 1 } }], cursor: { batchSize: 5 } });
    expect(res.cursor.firstBatch).toHaveLength(5);
    const all = await db
      .collection('items')
      .aggregate([{ $sort: { n: 1 } }], { batchSize: 7 })
      .toArray();
    expect(all).toHaveLength(40);
  });
});
