// Collection scans and counts on the fast paths (compiled per-condition tests, counting without building hits)
// answer exactly as the generic matcher does: numbers of every BSON type, arrays, missing fields, skip/limit.
import { Decimal128, Double, Int32, Long, type Collection, type Document } from 'mongodb';
import { startTestServer, type TestServer } from './helpers';

describe('scans and counts', () => {
  let t: TestServer;
  let c: Collection<{ _id: number } & Document>;
  beforeAll(async () => {
    t = await startTestServer();
    c = t.client.db('scan').collection<{ _id: number } & Document>('items');
    await c.insertMany([
      { _id: 1, name: 'n1', v: new Int32(5) },
      { _id: 2, name: 'n2', v: new Double(5) },
      { _id: 3, name: 'n3', v: Long.fromNumber(5) },
      { _id: 4, name: 'n4', v: Decimal128.fromString('5') },
      { _id: 5, name: ['n1', 'x'], v: 6 },
      { _id: 6, v: null },
      { _id: 7, name: 'N1', sub: { name: 'n1' } },
      { _id: 8, name: 7, sub: [{ name: 'n2' }, { name: 'n9' }] },
    ]);
  });
  afterAll(() => t.close());

  const ids = async (filter: Document) =>
    (await c.find(filter).toArray()).map((d) => d._id as number).sort((a, b) => a - b);

  it('$in with strings only, mixed values, arrays and dotted paths', async () => {
    expect(await ids({ name: { $in: ['n1', 'n2'] } })).toEqual([1, 2, 5]);
    expect(await c.countDocuments({ name: { $in: ['n1', 'n2'] } })).toBe(3);
    expect(await ids({ name: { $in: ['n1', 7] } })).toEqual([1, 5, 8]);
    expect(await ids({ name: { $in: [null] } })).toEqual([6]);
    expect(await ids({ name: { $in: [] } })).toEqual([]);
    expect(await ids({ 'sub.name': { $in: ['n1', 'n9'] } })).toEqual([7, 8]);
    expect(await c.countDocuments({ 'sub.name': { $in: ['n9'] }, name: 7 })).toBe(1);
  });

  it('number equality across Int32, Double, Long and Decimal128', async () => {
    expect(await ids({ v: 5 })).toEqual([1, 2, 3, 4]);
    expect(await ids({ v: { $in: [5, 6] } })).toEqual([1, 2, 3, 4, 5]);
    expect(await ids({ v: { $gte: 5, $lt: 6 } })).toEqual([1, 2, 3, 4]);
    expect(await c.countDocuments({ v: { $ne: 5 } })).toBe(4);
  });

  it('count with skip and limit counts only what the page would hold', async () => {
    const db = t.client.db('scan');
    expect((await db.command({ count: 'items', query: { v: 5 } })).n).toBe(4);
    expect((await db.command({ count: 'items', query: { v: 5 }, skip: 1 })).n).toBe(3);
    expect((await db.command({ count: 'items', query: { v: 5 }, limit: 2 })).n).toBe(2);
    expect((await db.command({ count: 'items', query: { v: 5 }, skip: 3, limit: 2 })).n).toBe(1);
    expect((await db.command({ count: 'items', query: { v: 5 }, skip: 9 })).n).toBe(0);
    expect(await c.countDocuments({ v: 5 }, { skip: 1, limit: 2 })).toBe(2);
    expect(await c.countDocuments({ v: 99 })).toBe(0);
  });

  it('countDocuments under a collation compares strings with it', async () => {
    expect(await c.countDocuments({ name: 'n1' })).toBe(2);
    expect(await c.countDocuments({ name: 'n1' }, { collation: { locale: 'fr', strength: 2 } })).toBe(3);
  });
});
