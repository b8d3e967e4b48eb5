// Transactions: snapshot isolation, rollback, write conflicts (112 + TransientTransactionError), mongoose retries.
import mongoose from 'mongoose';
import type { Db } from 'mongodb';
import { errorOf, startTestServer, type TestServer } from './helpers';

describe('transactions', () => {
  let t: TestServer;
  let db: Db;
  beforeAll(async () => {
    t = await startTestServer();
    db = t.client.db('txn');
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await db.collection('acct').deleteMany({});
    await db.collection('acct').insertMany([
      { _id: 'a' as any, bal: 100 },
      { _id: 'b' as any, bal: 0 },
    ]);
  });

  it('commits atomically and reads its own writes', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $inc: { bal: -30 } }, { session: s });
      await db.collection('acct').updateOne({ _id: 'b' as any }, { $inc: { bal: 30 } }, { session: s });
      await db.collection('acct').insertOne({ _id: 'c' as any, bal: 1 }, { session: s });
      expect((await db.collection('acct').findOne({ _id: 'a' as any }, { session: s }))!.bal).toBe(70);
      expect(await db.collection('acct').countDocuments({}, { session: s })).toBe(3);
      expect((await db.collection('acct').findOne({ _id: 'a' as any }))!.bal).toBe(100);
      expect(await db.collection('acct').countDocuments({})).toBe(2);
      await s.commitTransaction();
    } finally {
      await s.endSession();
    }
    const all = await db.collection('acct').find().sort({ _id: 1 }).toArray();
    expect(all.map((d) => d.bal)).toEqual([70, 30, 1]);
  });

  it('abort rolls back inserts, updates and deletes', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $set: { bal: 0 } }, { session: s });
      await db.collection('acct').deleteOne({ _id: 'b' as any }, { session: s });
      await db.collection('acct').insertOne({ _id: 'z' as any }, { session: s });
      await db.collection('newcoll').insertOne({ x: 1 }, { session: s });
      await s.abortTransaction();
    } finally {
      await s.endSession();
    }
    const all = await db.collection('acct').find().sort({ _id: 1 }).toArray();
    expect(all).toEqual([
      { _id: 'a', bal: 100 },
      { _id: 'b', bal: 0 },
    ]);
    expect(await db.listCollections({ name: 'newcoll' }).toArray()).toEqual([]); // implicit creation undone too
  });

  it('reads from a snapshot: commits after the transaction started are invisible to it', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      expect((await db.collection('acct').findOne({ _id: 'a' as any }, { session: s }))!.bal).toBe(100);
      await db.collection('acct').updateOne({ _id: 'b' as any }, { $set: { bal: 55 } });
      await db.collection('acct').insertOne({ _id: 'late' as any, bal: 1 });
      await db.collection('acct').deleteOne({ _id: 'a' as any });
      expect((await db.collection('acct').findOne({ _id: 'b' as any }, { session: s }))!.bal).toBe(0);
      expect(await db.collection('acct').findOne({ _id: 'late' as any }, { session: s })).toBeNull();
      expect((await db.collection('acct').findOne({ _id: 'a' as any }, { session: s }))!.bal).toBe(100);
      expect(await db.collection('acct').countDocuments({ bal: { $gte: 0 } }, { session: s })).toBe(2);
      await s.commitTransaction();
    } finally {
      await s.endSession();
    }
  });

  it('a write-write conflict between transactions gives WriteConflict (112) with TransientTransactionError', async () => {
    const s1 = t.client.startSession();
    const s2 = t.client.startSession();
    try {
      s1.startTransaction();
      s2.startTransaction();
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $inc: { bal: 1 } }, { session: s1 });
      const e = await errorOf(() =>
        db.collection('acct').updateOne({ _id: 'a' as any }, { $inc: { bal: 2 } }, { session: s2 }),
      );
      expect(e.code).toBe(112);
      expect(e.codeName).toBe('WriteConflict');
      expect(e.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s2.abortTransaction().catch(() => undefined);
      await s1.commitTransaction();
    } finally {
      await s1.endSession();
      await s2.endSession();
    }
    expect((await db.collection('acct').findOne({ _id: 'a' as any }))!.bal).toBe(101);
  });

  it('a committed write after the snapshot conflicts with a later transactional write', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('acct').findOne({ _id: 'a' as any }, { session: s });
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $set: { bal: 1 } }); // outside, commits
      const e = await errorOf(() =>
        db.collection('acct').updateOne({ _id: 'a' as any }, { $set: { bal: 2 } }, { session: s }),
      );
      expect(e.code).toBe(112);
      expect(e.hasErrorLabel('TransientTransactionError')).toBe(true);
      await s.abortTransaction().catch(() => undefined);
    } finally {
      await s.endSession();
    }
  });

  it('a non-transactional write to a record held by a transaction makes the transaction fail with 112', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $set: { bal: 7 } }, { session: s });
      await db.collection('acct').updateOne({ _id: 'a' as any }, { $set: { bal: 8 } }); // not blocked
      const e = await errorOf(() => s.commitTransaction());
      expect(e.code).toBe(112);
      expect(e.hasErrorLabel('TransientTransactionError')).toBe(true);
    } finally {
      await s.endSession();
    }
    expect((await db.collection('acct').findOne({ _id: 'a' as any }))!.bal).toBe(8);
  });

  it('duplicate keys inside a transaction fail the statement and abort the transaction', async () => {
    await db.collection('tu').createIndex({ k: 1 }, { unique: true });
    await db.collection('tu').insertOne({ k: 1 });
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('tu').insertOne({ k: 2 }, { session: s });
      const e = await errorOf(() => db.collection('tu').insertOne({ k: 2 }, { session: s }));
      expect(e.code).toBe(11000);
      const e2 = await errorOf(() => s.commitTransaction());
      expect(e2.code).toBe(251);
    } finally {
      await s.endSession();
    }
    expect(await db.collection('tu').countDocuments()).toBe(1);
  });

  it('a transaction may delete a unique value and reuse it', async () => {
    await db.collection('tr').createIndex({ k: 1 }, { unique: true });
    await db.collection('tr').insertOne({ k: 'x', v: 1 });
    const s = t.client.startSession();
    try {
      await s.withTransaction(async () => {
        await db.collection('tr').deleteOne({ k: 'x' }, { session: s });
        await db.collection('tr').insertOne({ k: 'x', v: 2 }, { session: s });
      });
    } finally {
      await s.endSession();
    }
    expect(
      await db
        .collection('tr')
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    ).toEqual([{ k: 'x', v: 2 }]);
  });

  it('mongoose connection.transaction() retries after a WriteConflict', async () => {
    const conn = await mongoose.createConnection(`${t.server.uri}txn`).asPromise();
    try {
      const Acct = conn.model('Acct', new mongoose.Schema({ _id: String, bal: Number }), 'acct');
      let attempts = 0;
      await conn.transaction(async (session) => {
        attempts++;
        await Acct.updateOne({ _id: 'a' }, { $inc: { bal: -10 } }, { session });
        if (attempts === 1) await db.collection('acct').updateOne({ _id: 'a' as any }, { $inc: { bal: 1000 } });
        await Acct.updateOne({ _id: 'b' }, { $inc: { bal: 10 } }, { session });
      });
      expect(attempts).toBe(2);
      const docs = await Acct.find().sort({ _id: 1 }).lean();
      expect(docs.map((d) => d.bal)).toEqual([1090, 10]);
    } finally {
      await conn.close();
    }
  });

  it('refuses commands that cannot run in a transaction and unknown transactions', async () => {
    const s = t.client.startSession();
    try {
      s.startTransaction();
      await db.collection('acct').findOne({}, { session: s });
      const e = await errorOf(() => db.command({ dropDatabase: 1 }, { session: s }));
      expect(e.code).toBe(263);
      await s.abortTransaction().catch(() => undefined);
    } finally {
      await s.endSession();
    }
    const fresh = t.client.startSession();
    try {
      const raw = await errorOf(() =>
        db.command({ find: 'acct', txnNumber: 1_000_000, autocommit: false }, { session: fresh }),
      );
      expect(raw.code).toBe(251);
      expect(raw.hasErrorLabel('TransientTransactionError')).toBe(true);
    } finally {
      await fresh.endSession();
    }
  });
});
