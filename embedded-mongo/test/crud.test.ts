// CRUD commands through the official driver: results, write errors and mongod-style error codes.
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Db } from 'mongodb';
import { errorOf, startTestServer, type TestServer } from './helpers';

describe('CRUD commands', () => {
  let t: TestServer;
  let db: Db;
  beforeAll(async () => {
    t = await startTestServer();
    db = t.client.db('crud');
  });
  afterAll(() => t.close());

  describe('insert', () => {
    it('generates _id first and reports ordered duplicate errors with keyPattern/keyValue', async () => {
      const c = db.collection('ins');
      const r = await c.insertOne({ a: 1 });
      const raw = await db.command({ find: 'ins', filter: { _id: r.insertedId } });
      expect(Object.keys(raw.cursor.firstBatch[0])).toEqual(['_id', 'a']);
      await c.insertOne({ _id: 'x' as any, a: 2 });
      const e = await errorOf(() => c.insertMany([{ _id: 'y' as any }, { _id: 'x' as any }, { _id: 'z' as any }]));
      expect(e.code).toBe(11000);
      expect(e.writeErrors[0].index).toBe(1);
      const single = await errorOf(() => c.insertOne({ _id: 'x' as any }));
      expect(single.keyPattern).toEqual({ _id: 1 });
      expect(single.keyValue).toEqual({ _id: 'x' });
      expect(await c.countDocuments({ _id: { $in: ['y', 'z'] } as any })).toBe(1); // ordered: stops at the error
    });

    it('unordered inserts continue after errors and report each', async () => {
      const c = db.collection('unord');
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertOne({ email: 'a' });
      const raw = await db.command({
        insert: 'unord',
        ordered: false,
        documents: [{ email: 'b' }, { email: 'a' }, { email: 'c' }, { email: 'b' }],
      });
      expect(raw.n).toBe(2);
      expect(raw.writeErrors.map((w: any) => [w.index, w.code])).toEqual([
        [1, 11000],
        [3, 11000],
      ]);
      expect(raw.writeErrors[0]).toMatchObject({ keyPattern: { email: 1 }, keyValue: { email: 'a' } });
      expect(raw.writeErrors[0].errmsg).toBe(
        'E11000 duplicate key error collection: crud.unord index: email_1 dup key: { email: "a" }',
      );
    });

    it('refuses an array _id', async () => {
      const e = await errorOf(() => db.collection('ins').insertOne({ _id: [1, 2] as any }));
      expect(e.code).toBe(53);
    });
  });

  describe('find / getMore / killCursors', () => {
    beforeAll(async () => {
      await db
        .collection('items')
        .insertMany(Array.from({ length: 30 }, (_, i) => ({ n: i, g: i % 3, tags: [`t${i % 4}`], sub: { x: i } })));
    });

    it('filters, sorts, skips, limits and projects', async () => {
      const r = await db
        .collection('items')
        .find({ g: 1, n: { $gte: 10 } }, { projection: { n: 1, _id: 0 } })
        .sort({ n: -1 })
        .skip(1)
        .limit(2)
        .toArray();
      expect(r).toEqual([{ n: 25 }, { n: 22 }]);
      const ex = await db
        .collection('items')
        .find({ n: 3 }, { projection: { sub: 0, tags: 0, _id: 0 } })
        .toArray();
      expect(ex).toEqual([{ n: 3, g: 0 }]);
      const sl = await db.collection('items').findOne({ n: 3 }, { projection: { tags: { $slice: 1 }, n: 1 } });
      expect(Object.keys(sl!)).toEqual(['_id', 'n', 'tags']); // document order, _id first
      expect(sl!.tags).toEqual(['t3']);
    });

    it('pages with batchSize/getMore and kills cursors', async () => {
      const first = await db.command({ find: 'items', batchSize: 7, sort: { n: 1 } });
      expect(first.cursor.firstBatch).toHaveLength(7);
      const id = first.cursor.id;
      const more = await db.command({ getMore: id, collection: 'items', batchSize: 10 });
      expect(more.cursor.nextBatch.map((d: any) => d.n)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
      const killed = await db.command({ killCursors: 'items', cursors: [id] });
      expect(killed.cursorsKilled).toHaveLength(1);
      const e = await errorOf(() => db.command({ getMore: id, collection: 'items' }));
      expect(e.code).toBe(43);
      const all = await db.collection('items').find().batchSize(4).toArray();
      expect(all).toHaveLength(30);
    });

    it('negative limit returns a single batch without a cursor', async () => {
      const r = await db.command({ find: 'items', limit: -3 }, { promoteLongs: false });
      expect(r.cursor.firstBatch).toHaveLength(3);
      expect(Number(r.cursor.id)).toBe(0);
    });

    it('returns an empty result for a missing collection and rejects bad filters', async () => {
      expect(await db.collection('nope').find({ a: 1 }).toArray()).toEqual([]);
      const e = await errorOf(() => db.command({ find: 'items', filter: 'x' }));
      expect(e.code).toBe(14);
    });

    it('unknown query operator -> BadValue (2)', async () => {
      const e = await errorOf(() =>
        db
          .collection('items')
          .find({ n: { $bogus: 1 } })
          .toArray(),
      );
      expect(e.code).toBe(2);
      expect(e.codeName).toBe('BadValue');
      expect(e.message).toMatch(/unknown operator: \$bogus/);
    });

    it('closes idle cursors after the timeout', async () => {
      const s = await startTestServer({ cursorTimeoutMs: 150 });
      try {
        const d = s.client.db('to');
        await d.collection('c').insertMany(Array.from({ length: 5 }, (_, i) => ({ i })));
        const r = await d.command({ find: 'c', batchSize: 1 });
        await new Promise((res) => setTimeout(res, 500));
        const e = await errorOf(() => d.command({ getMore: r.cursor.id, collection: 'c' }));
        expect(e.code).toBe(43);
      } finally {
        await s.close();
      }
    });
  });

  describe('update', () => {
    it('supports multi, upsert with $setOnInsert seeded from the filter', async () => {
      const c = db.collection('upd');
      await c.insertMany([
        { k: 1, v: 1 },
        { k: 1, v: 2 },
        { k: 2, v: 3 },
      ]);
      const m = await c.updateMany({ k: 1 }, { $inc: { v: 10 } });
      expect([m.matchedCount, m.modifiedCount]).toEqual([2, 2]);
      const u = await c.updateOne(
        { k: 3, 'meta.src': 'x' },
        { $set: { v: 7 }, $setOnInsert: { created: true } },
        { upsert: true },
      );
      expect(u.upsertedCount).toBe(1);
      const doc = await c.findOne({ _id: u.upsertedId! });
      expect(doc).toMatchObject({ k: 3, meta: { src: 'x' }, v: 7, created: true });
      const again = await c.updateOne({ k: 3 }, { $set: { v: 8 }, $setOnInsert: { created: false } }, { upsert: true });
      expect([again.matchedCount, again.upsertedCount]).toEqual([1, 0]);
      expect((await c.findOne({ k: 3 }))!.created).toBe(true);
      const same = await c.updateOne({ k: 3 }, { $set: { v: 8 } });
      expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);
    });

    it('handles positional $, arrayFilters, $[] and pipeline updates', async () => {
      const c = db.collection('arr');
      const { insertedId } = await c.insertOne({ grades: [{ g: 50 }, { g: 90 }, { g: 95 }], xs: [1, 2, 3] });
      await c.updateOne({ _id: insertedId, 'grades.g': 90 }, { $set: { 'grades.$.g': 91 } });
      await c.updateOne(
        { _id: insertedId },
        { $set: { 'grades.$[e].ok': true } },
        { arrayFilters: [{ 'e.g': { $gte: 91 } }] },
      );
      await c.updateOne({ _id: insertedId }, { $inc: { 'xs.$[]': 10 } });
      await c.updateOne({ _id: insertedId }, [{ $set: { total: { $sum: '$xs' } } }]);
      const d = await c.findOne({ _id: insertedId });
      expect(d!.grades).toEqual([{ g: 50 }, { g: 91, ok: true }, { g: 95, ok: true }]);
      expect(d!.xs).toEqual([11, 12, 13]);
      expect(d!.total).toBe(36);
    });

    it('$push/$addToSet with $each on a missing field (mingo gap) and $pull', async () => {
      const c = db.collection('each');
      const { insertedId } = await c.insertOne({});
      await c.updateOne({ _id: insertedId }, { $addToSet: { s: { $each: ['a', 'a', 'b'] } } as any });
      await c.updateOne({ _id: insertedId }, { $push: { p: { $each: [3, 1, 2], $sort: 1 } } as any });
      await c.updateOne(
        { _id: insertedId },
        { $addToSet: { s: { $each: ['b', 'c'] } } as any, $pull: { p: 2 } as any },
      );
      const d = await c.findOne({ _id: insertedId });
      expect(d!.s).toEqual(['a', 'b', 'c']);
      expect(d!.p).toEqual([1, 3]);
    });

    it('replacement keeps _id, refuses changing it (66) and refuses bad modifiers', async () => {
      const c = db.collection('repl');
      const { insertedId } = await c.insertOne({ a: 1, b: 2 });
      await c.replaceOne({ _id: insertedId }, { c: 3 });
      expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
      const e1 = await errorOf(() => c.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } }));
      expect(e1.code).toBe(66);
      const e2 = await errorOf(() =>
        db.command({ update: 'repl', updates: [{ q: {}, u: { $frob: { a: 1 } } }] }).then((r) => {
          if (r.writeErrors) throw Object.assign(new Error(r.writeErrors[0].errmsg), r.writeErrors[0]);
        }),
      );
      expect(e2.code).toBe(9);
      const e3 = await errorOf(() =>
        c
          .updateOne({ _id: insertedId }, { $set: { c: 'str' } })
          .then(() => c.updateOne({ _id: insertedId }, { $inc: { c: 1 } })),
      );
      expect(e3.code).toBe(14);
    });

    it('enforces unique indexes on update with keyValue', async () => {
      const c = db.collection('uniq');
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertMany([{ email: 'a' }, { email: 'b' }]);
      const e = await errorOf(() => c.updateOne({ email: 'b' }, { $set: { email: 'a' } }));
      expect(e.code).toBe(11000);
      expect(e.errorResponse?.keyValue ?? e.keyValue).toEqual({ email: 'a' });
      expect(await c.countDocuments({ email: 'b' })).toBe(1);
    });
  });

  describe('delete / findAndModify / count / distinct', () => {
    it('deletes one or many', async () => {
      const c = db.collection('del');
      await c.insertMany([{ a: 1 }, { a: 1 }, { a: 2 }]);
      expect((await c.deleteOne({ a: 1 })).deletedCount).toBe(1);
      expect((await c.deleteMany({})).deletedCount).toBe(2);
      const raw = await db.command({ delete: 'del', deletes: [{ q: {}, limit: 5 }] });
      expect(raw.writeErrors[0].code).toBe(9);
    });

    it('findAndModify returns pre/post images, upserts and removes', async () => {
      const c = db.collection('fam');
      await c.insertMany([
        { k: 'a', n: 1 },
        { k: 'a', n: 2 },
      ]);
      const before = await c.findOneAndUpdate({ k: 'a' }, { $inc: { n: 100 } }, { sort: { n: -1 } });
      expect(before!.n).toBe(2);
      const after = await c.findOneAndUpdate(
        { k: 'a', n: 1 },
        { $set: { x: 1 } },
        { returnDocument: 'after', projection: { _id: 0 } },
      );
      expect(after).toEqual({ k: 'a', n: 1, x: 1 });
      const up = await c.findOneAndUpdate(
        { k: 'new' },
        { $set: { n: 5 } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      );
      expect(up.value).toMatchObject({ k: 'new', n: 5 });
      expect(up.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
      const removed = await c.findOneAndDelete({ k: 'new' });
      expect(removed!.n).toBe(5);
      const replaced = await c.findOneAndReplace({ n: 1 }, { k: 'r' }, { returnDocument: 'after' });
      expect(replaced).toMatchObject({ k: 'r' });
      expect(await c.findOneAndDelete({ k: 'none' })).toBeNull();
    });

    it('findAndModify duplicate key is a command error with keyValue', async () => {
      const c = db.collection('famu');
      await c.createIndex({ u: 1 }, { unique: true });
      await c.insertMany([{ u: 1 }, { u: 2 }]);
      const e = await errorOf(() => c.findOneAndUpdate({ u: 2 }, { $set: { u: 1 } }));
      expect(e.code).toBe(11000);
      expect(e.errorResponse.keyValue).toEqual({ u: 1 });
    });

    it('counts and distinct values (arrays unwound)', async () => {
      const c = db.collection('cnt');
      await c.insertMany([{ t: ['a', 'b'], n: 1 }, { t: ['b'], n: 2 }, { t: 'c', n: 3 }, { n: 4 }]);
      expect(await c.countDocuments({ n: { $gt: 1 } })).toBe(3);
      expect(await c.estimatedDocumentCount()).toBe(4);
      expect((await db.command({ count: 'cnt', query: {}, skip: 1, limit: 2 })).n).toBe(2);
      expect(await c.distinct('t')).toEqual(['a', 'b', 'c']);
      expect(await c.distinct('t', { n: { $lt: 2 } })).toEqual(['a', 'b']);
    });
  });

  describe('BSON types', () => {
    it('round-trips ObjectId, Date, Decimal128, Binary, Long, Int32 vs Double, also after updates', async () => {
      const c = db.collection('types');
      const oid = new ObjectId();
      const when = new Date('2024-02-29T12:00:00.123Z');
      await c.insertOne({
        _id: 1 as any,
        oid,
        when,
        dec: Decimal128.fromString('12.345'),
        bin: new Binary(Buffer.from([1, 2, 3]), 4),
        long: Long.fromString('9007199254740993'),
        small: Long.fromNumber(5),
        i: new Int32(7),
        d: new Double(2),
        f: 1.5,
        nested: { d: new Double(3) },
      });
      await c.updateOne({ _id: 1 as any }, { $inc: { i: 1, d: 1, small: 1 }, $set: { extra: new Double(4) } });
      const raw = await c.findOne({ _id: 1 as any }, { promoteValues: false, promoteLongs: false } as any);
      expect(raw!.oid.equals(oid)).toBe(true);
      expect(raw!.when.getTime()).toBe(when.getTime());
      expect(raw!.dec._bsontype).toBe('Decimal128');
      expect(raw!.dec.toString()).toBe('12.345');
      expect(raw!.bin._bsontype).toBe('Binary');
      expect(raw!.bin.sub_type).toBe(4);
      expect(raw!.long._bsontype).toBe('Long');
      expect(raw!.long.toString()).toBe('9007199254740993');
      expect(raw!.small._bsontype).toBe('Long');
      expect(raw!.small.toNumber()).toBe(6);
      expect(raw!.i._bsontype).toBe('Int32');
      expect(raw!.i.value).toBe(8);
      expect(raw!.d._bsontype).toBe('Double');
      expect(raw!.d.value).toBe(3);
      expect(raw!.f._bsontype).toBe('Double');
      expect(raw!.nested.d._bsontype).toBe('Double');
      expect(raw!.extra._bsontype).toBe('Double');
      // Typed numbers still compare as numbers.
      expect(await c.countDocuments({ d: 3, small: 6, i: { $gt: 7 } })).toBe(1);
      expect(await c.countDocuments({ when: { $gte: new Date('2024-01-01') }, oid })).toBe(1);
    });

    it('$inc overflowing int32 becomes int64 like mongod', async () => {
      const c = db.collection('overflow');
      await c.insertOne({ _id: 1 as any, n: 2147483647 });
      await c.updateOne({ _id: 1 as any }, { $inc: { n: 1 } });
      const raw = await c.findOne({ _id: 1 as any }, { promoteLongs: false } as any);
      expect(raw!.n._bsontype).toBe('Long');
      expect(raw!.n.toString()).toBe('2147483648');
    });

    it('sorts across types in BSON order', async () => {
      const c = db.collection('mixed');
      await c.insertMany([
        { v: true },
        { v: 's' },
        { v: 2 },
        { v: null },
        { v: new Date(0) },
        { v: new ObjectId() },
        { v: { a: 1 } },
      ]);
      const r = await c
        .find({}, { projection: { _id: 0 } })
        .sort({ v: 1 })
        .toArray();
      const kinds = r.map((d) =>
        d.v === null ? 'null' : d.v instanceof Date ? 'date' : d.v instanceof ObjectId ? 'oid' : typeof d.v,
      );
      expect(kinds).toEqual(['null', 'number', 'string', 'object', 'oid', 'boolean', 'date']);
    });
  });
});
