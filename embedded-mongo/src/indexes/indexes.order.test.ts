import {
  Binary,
  BSONRegExp,
  Decimal128,
  deserialize,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  serialize,
  Timestamp,
} from 'bson';
import { compareValues, promoteNumbers, sameValue } from './indexes.order';

describe('BSON comparison order', () => {
  const oid = new ObjectId('65a000000000000000000001');
  // One value per type, in mongod's canonical order.
  const ordered: unknown[] = [
    new MinKey(),
    null,
    -5,
    new Int32(3),
    Long.fromNumber(4),
    new Double(4.5),
    Decimal128.fromString('5.25'),
    'a',
    'b',
    { a: 1 },
    { a: 1, b: 0 },
    { b: 0 },
    [],
    [1, 2],
    new Binary(Buffer.from([1])),
    oid,
    new ObjectId('65a000000000000000000002'),
    false,
    true,
    new Date(0),
    new Date(1000),
    new Timestamp({ t: 1, i: 1 }),
    /abc/,
    new MaxKey(),
  ];

  it('sorts one value of each type in canonical order', () => {
    const shuffled = [...ordered].reverse();
    shuffled.sort(compareValues);
    expect(shuffled).toEqual(ordered);
  });

  it('compares numbers across Int32, Long, Double, Decimal128 and plain numbers numerically', () => {
    expect(compareValues(1, new Int32(1))).toBe(0);
    expect(compareValues(Long.fromNumber(1), new Double(1))).toBe(0);
    expect(compareValues(Decimal128.fromString('1.0'), 1)).toBe(0);
    expect(compareValues(Long.fromString('9007199254740993'), Long.fromString('9007199254740992'))).toBe(1);
    expect(compareValues(NaN, -Infinity)).toBe(-1);
    expect(compareValues(2, new Int32(10))).toBe(-1);
  });

  it('compares ObjectIds by bytes and Dates by time, whatever the deserialization options', () => {
    const doc = { _id: oid, d: new Date(5), n: 7, l: Long.fromNumber(8) };
    const raw = deserialize(serialize(doc), { promoteValues: false });
    const promoted = deserialize(serialize(doc));
    expect(compareValues(raw._id, promoted._id)).toBe(0);
    expect(compareValues(raw._id, oid)).toBe(0);
    expect(compareValues(raw.d, new Date(5))).toBe(0);
    expect(compareValues(raw.n, promoted.n)).toBe(0);
    expect(compareValues(raw.l, 8)).toBe(0);
    expect(compareValues(new ObjectId('ff0000000000000000000000'), new ObjectId('0f0000000000000000000000'))).toBe(1);
  });

  it('orders Binary by length then subtype then bytes, and regexes by pattern then flags', () => {
    expect(compareValues(new Binary(Buffer.from([9])), new Binary(Buffer.from([1, 1])))).toBe(-1);
    expect(compareValues(Buffer.from([1, 2]), new Binary(Buffer.from([1, 2])))).toBe(0);
    expect(compareValues(/a/i, new BSONRegExp('a', 'i'))).toBe(0);
    expect(compareValues(/a/, /a/i)).toBe(-1);
  });

  it('sameValue treats promoted and unpromoted numbers alike and respects key order', () => {
    expect(sameValue({ a: new Int32(1) }, { a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: 1 }, { b: 1, a: 1 })).toBe(false);
    expect(promoteNumbers({ a: [new Int32(2)], b: { c: new Double(1.5) } })).toEqual({ a: [2], b: { c: 1.5 } });
  });
});
