// Regexes outside find filters under the same guarantees as find (issue 12, point 3): aggregation expressions
// ($regexMatch, $regexFind, $regexFindAll), later $match stages, $all with regexes, and update/delete filters.
// A catastrophic pattern runs in linear time (RE2) while another client's pings keep being answered; a pattern
// only the backtracking engine can run is stopped by maxTimeMS (50) or the backtracking ceiling.
import { MongoClient, type Document } from 'mongodb';
import { errorOf, median, pingLoop, serverProcess } from './helpers';

const EVIL = '^(a+)+$'; // exponential on V8 for 41 'a' followed by 'b'
const EVIL_LOOKAHEAD = '^(a+)+(?=c)'; // RE2 refuses lookahead: only V8 runs it

describe('regex time budget beyond find', () => {
  let server: { uri: string; stop(): Promise<void> };
  let client: MongoClient;
  let other: MongoClient;
  const coll = () => client.db('rb').collection('c');
  beforeAll(async () => {
    server = await serverProcess();
    client = await MongoClient.connect(server.uri, { directConnection: true });
    other = await MongoClient.connect(server.uri, { directConnection: true });
    const docs = Array.from({ length: 2000 }, (_, i) => ({ i, s: `${'a'.repeat(41)}${i % 2 ? 'b' : ''}` }));
    await coll().insertMany(docs);
    await other.db('admin').command({ ping: 1 });
  }, 30_000);
  afterAll(async () => {
    await client.close();
    await other.close();
    await server.stop();
  }, 20_000);

  /** Runs `work` twice while pinging from the other client; pings stay within 100 ms of idle ones. */
  async function whilePinging(work: () => Promise<void>): Promise<void> {
    await work(); // warm-up: code paths compiled
    const idle = pingLoop(other);
    await new Promise((r) => setTimeout(r, 500));
    const idleTimes = await idle.stop();
    const pings = pingLoop(other);
    const t0 = performance.now();
    await work();
    await work();
    const elapsed = performance.now() - t0;
    const times = await pings.stop();
    // On a quiet machine the work is quick and only a few pings fit in it: what matters is that they were answered.
    expect(times.length).toBeGreaterThan(0);
    expect(median(times)).toBeLessThan(100 + median(idleTimes));
    expect(times[times.length - 1]).toBeLessThan(1000);
    expect(elapsed).toBeLessThan(10_000);
  }

  it('aggregation: $regexMatch/$regexFind/$regexFindAll, a later $match and $all run in linear time', async () => {
    await whilePinging(async () => {
      const agg = (pipeline: Document[]) => coll().aggregate(pipeline).toArray();
      expect(
        await agg([
          { $addFields: { m: { $regexMatch: { input: '$s', regex: EVIL } } } },
          { $match: { m: true } },
          { $count: 'n' },
        ]),
      ).toEqual([{ n: 1000 }]);
      const found = await agg([
        { $match: { i: { $lt: 4 } } },
        { $project: { _id: 0, i: 1, f: { $regexFind: { input: '$s', regex: '^(a+)+(b)$' } } } },
        { $sort: { i: 1 } },
      ]);
      expect(found.map((d) => d.f && { idx: d.f.idx, captures: d.f.captures })).toEqual([
        null,
        { idx: 0, captures: ['a'.repeat(41), 'b'] },
        null,
        { idx: 0, captures: ['a'.repeat(41), 'b'] },
      ]);
      const all = await agg([
        { $match: { i: 1 } },
        { $project: { all: { $regexFindAll: { input: '$s', regex: /(a+)+b|(z)/ } } } },
      ]);
      expect(all[0]!.all).toEqual([{ match: `${'a'.repeat(41)}b`, idx: 0, captures: ['a'.repeat(41), null] }]);
      // A $match after another stage (not the index-assisted first one), with a regex and with $all.
      expect(
        await agg([{ $project: { s: 1, tags: ['$s', 'x'] } }, { $match: { s: new RegExp(EVIL) } }, { $count: 'n' }]),
      ).toEqual([{ n: 1000 }]);
      expect(
        await agg([
          { $project: { tags: ['$s', 'x'] } },
          { $match: { tags: { $all: [new RegExp(EVIL), 'x'] } } },
          { $count: 'n' },
        ]),
      ).toEqual([{ n: 1000 }]);
      // The same expressions in a find filter.
      expect(await coll().countDocuments({ $expr: { $regexMatch: { input: '$s', regex: EVIL } } })).toBe(1000);
      expect(await coll().countDocuments({ s: { $all: [new RegExp(EVIL)] } })).toBe(1000);
    });
  });

  it('aggregation: a backtracking-only pattern is stopped by maxTimeMS (50) or the ceiling; the server answers', async () => {
    const t0 = performance.now();
    const e = await errorOf(() =>
      coll()
        .aggregate([{ $project: { m: { $regexMatch: { input: '$s', regex: EVIL_LOOKAHEAD } } } }], { maxTimeMS: 50 })
        .toArray(),
    );
    expect(e.code).toBe(50);
    expect(e.codeName).toBe('MaxTimeMSExpired');
    expect(performance.now() - t0).toBeLessThan(1000);
    // Without maxTimeMS the backtracking ceiling stops it, in $regexFindAll and in a $match with $all as well.
    const e2 = await errorOf(() =>
      coll()
        .aggregate([{ $project: { m: { $regexFindAll: { input: '$s', regex: EVIL_LOOKAHEAD } } } }])
        .toArray(),
    );
    expect(e2.code).toBe(50);
    const e3 = await errorOf(() =>
      coll()
        .aggregate([{ $project: { s: 1 } }, { $match: { s: { $all: [new RegExp(EVIL_LOOKAHEAD)] } } }])
        .toArray(),
    );
    expect(e3.code).toBe(50);
    expect((await other.db('admin').command({ ping: 1 })).ok).toBe(1);
    // A lookahead that cannot blow up still works, with mongod's result shape.
    const ok = await coll()
      .aggregate([
        { $match: { i: 0 } },
        { $project: { _id: 0, f: { $regexFind: { input: 'xaby', regex: 'a(?=b)' } } } },
      ])
      .toArray();
    expect(ok).toEqual([{ f: { match: 'a', idx: 1, captures: [] } }]);
  });

  it('update and delete with a catastrophic filter run in linear time while pings are answered', async () => {
    const c = client.db('rb').collection('w');
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ i, s: `${'a'.repeat(41)}${i % 2 ? 'b' : ''}` })));
    let round = 0;
    await whilePinging(async () => {
      round++;
      const u = await c.updateMany({ s: new RegExp(EVIL) }, { $set: { round } });
      // Each round deletes 100 of the matching documents below.
      expect(u.matchedCount).toBe(1000 - (round - 1) * 100);
      expect(u.modifiedCount).toBe(1000 - (round - 1) * 100);
      expect((await c.updateOne({ s: { $regex: EVIL }, i: { $gte: 0 } }, { $inc: { one: 1 } })).modifiedCount).toBe(1);
      const d = await c.deleteMany({ s: new RegExp(EVIL), i: { $gte: 2000 - round * 200 } });
      expect(d.deletedCount).toBe(100);
    });
    expect(await c.countDocuments({ round: 3 })).toBe(700);
    expect(await c.countDocuments()).toBe(1700);
  });

  it('update and delete with a backtracking-only filter stop with MaxTimeMSExpired (50) and change nothing', async () => {
    const c = client.db('rb').collection('c');
    const before = await c.countDocuments({ x: 1 });
    const t0 = performance.now();
    const e = await errorOf(() =>
      c.updateMany({ s: new RegExp(EVIL_LOOKAHEAD) }, { $set: { x: 1 } }, { maxTimeMS: 50 }),
    );
    expect(e.code).toBe(50);
    expect(performance.now() - t0).toBeLessThan(1000);
    // Without maxTimeMS: the backtracking ceiling.
    expect((await errorOf(() => c.deleteMany({ s: new RegExp(EVIL_LOOKAHEAD) }))).code).toBe(50);
    expect((await errorOf(() => c.findOneAndUpdate({ s: new RegExp(EVIL_LOOKAHEAD) }, { $set: { x: 1 } }))).code).toBe(
      50,
    );
    expect((await errorOf(() => c.findOneAndDelete({ s: new RegExp(EVIL_LOOKAHEAD) }))).code).toBe(50);
    expect(await c.countDocuments({ x: 1 })).toBe(before);
    expect(await c.countDocuments()).toBe(2000);
  });

  it('a write whose scan spans slices applies to the documents as they are when it writes', async () => {
    const c = client.db('rb').collection('race');
    await c.insertMany(Array.from({ length: 4000 }, (_, i) => ({ i, s: 'a'.repeat(41) })));
    // The slow filter's scan spans many slices (the first documents are read in the first one); meanwhile the
    // other client increments the first documents.
    const slow = c.updateMany({ s: new RegExp(EVIL) }, { $set: { hit: true } });
    const concurrent = other
      .db('rb')
      .collection('race')
      .updateMany({ i: { $lt: 500 } }, { $inc: { v: 1 } });
    const [u, v] = await Promise.all([slow, concurrent]);
    expect(u.modifiedCount).toBe(4000);
    expect(v.modifiedCount).toBe(500);
    // Neither write is lost, whatever the interleaving (a stale copy written back would erase the increments).
    expect(await c.countDocuments({ hit: true })).toBe(4000);
    expect(await c.countDocuments({ v: 1 })).toBe(500);
  });
});
