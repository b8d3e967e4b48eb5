import { deserialize, Int32, ObjectId, serialize } from 'bson';
import { DuplicateKeyError } from './index';
import { OrderedIndex } from './indexes.ordered';

const original = OrderedIndex.prototype.scan;
import { caught, testCollection } from './indexes.test-helpers';

describe('unique indexes', () => {
  it('reports keyPattern and keyValue like mongod, and frees the key after delete or update', () => {
    const c = testCollection('shop.users');
    c.createIndex({ key: { email: 1 }, unique: true });
    const r1 = c.insert({ _id: 1, email: 'a@b.fr' });
    const err = caught(() => c.insert({ _id: 2, email: 'a@b.fr' }));
    expect(err).toBeInstanceOf(DuplicateKeyError);
    expect(err).toMatchObject({
      code: 11000,
      indexName: 'email_1',
      keyPattern: { email: 1 },
      keyValue: { email: 'a@b.fr' },
    });
    expect(err!.message).toContain('collection: shop.users index: email_1');
    c.update(r1, { _id: 1, email: 'a@b.fr', name: 'same doc' });
    c.update(r1, { _id: 1, email: 'c@d.fr' });
    expect(() => c.insert({ _id: 2, email: 'a@b.fr' })).not.toThrow();
    c.remove('2');
    expect(() => c.insert({ _id: 3, email: 'a@b.fr' })).not.toThrow();
  });

  it('check() changes nothing when it throws', () => {
    const c = testCollection();
    c.createIndex({ key: { email: 1 }, unique: true });
    c.insert({ _id: 1, email: 'x' });
    expect(caught(() => c.ix.check('2', { _id: 2, email: 'x' }))).toBeInstanceOf(DuplicateKeyError);
    expect(c.candidates({ email: 'x' })).toEqual(['1']);
  });

  it('compound unique reports every field of the key pattern', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1, b: -1 }, unique: true });
    c.insert({ _id: 1, a: 1, b: 2 });
    c.insert({ _id: 2, a: 1, b: 3 });
    expect(caught(() => c.insert({ _id: 3, a: 1, b: 2 }))).toMatchObject({
      keyPattern: { a: 1, b: -1 },
      keyValue: { a: 1, b: 2 },
    });
  });

  it('treats 1, Int32(1) and 1.0 as the same key, with documents deserialized either way', () => {
    const c = testCollection();
    c.createIndex({ key: { n: 1 }, unique: true });
    c.insert(deserialize(serialize({ _id: 1, n: new Int32(1) }), { promoteValues: false }));
    expect(caught(() => c.insert({ _id: 2, n: 1.0 }))).toMatchObject({ code: 11000 });
    const oid = new ObjectId();
    c.createIndex({ key: { ref: 1 }, unique: true });
    c.insert({ _id: 3, n: 3, ref: oid });
    const raw = deserialize(serialize({ _id: 4, n: 4, ref: oid }), { promoteValues: false });
    expect(caught(() => c.insert(raw))).toMatchObject({ keyValue: { ref: oid } });
  });

  it('multikey unique: elements must be unique across documents, not within one', () => {
    const c = testCollection();
    c.createIndex({ key: { tags: 1 }, unique: true });
    c.insert({ _id: 1, tags: ['x', 'y', 'y'] });
    expect(caught(() => c.insert({ _id: 2, tags: ['z', 'y'] }))).toMatchObject({ keyValue: { tags: 'y' } });
  });

  it('a missing field is keyed as null: two documents without it collide unless the index is sparse', () => {
    const c = testCollection();
    c.createIndex({ key: { email: 1 }, unique: true });
    c.insert({ _id: 1 });
    expect(caught(() => c.insert({ _id: 2 }))).toMatchObject({ keyValue: { email: null } });
    expect(caught(() => c.insert({ _id: 3, email: null }))).toMatchObject({ keyValue: { email: null } });

    const s = testCollection();
    s.createIndex({ key: { email: 1 }, unique: true, sparse: true });
    s.insert({ _id: 1 });
    s.insert({ _id: 2 });
    s.insert({ _id: 3, email: 'a' });
    expect(caught(() => s.insert({ _id: 4, email: 'a' }))).toMatchObject({ code: 11000 });
    // A sparse index cannot answer { email: null }: the documents without email are not in it.
    expect(s.candidates({ email: null })).toBeNull();
    expect(s.candidates({ email: 'a' })).toEqual(['3']);
  });

  it('partial unique: only documents matching the filter are indexed and constrained', () => {
    const c = testCollection();
    c.createIndex({ key: { email: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
    c.insert({ _id: 1, email: 'a', status: 'archived' });
    c.insert({ _id: 2, email: 'a', status: 'archived' });
    c.insert({ _id: 3, email: 'a', status: 'active' });
    expect(caught(() => c.insert({ _id: 4, email: 'a', status: 'active' }))).toMatchObject({
      keyValue: { email: 'a' },
    });
    // Leaving the filter frees the key.
    c.update('3', { _id: 3, email: 'a', status: 'archived' });
    expect(() => c.insert({ _id: 4, email: 'a', status: 'active' })).not.toThrow();
    // Used only when the query implies the filter.
    expect(c.candidates({ email: 'a', status: 'active' })).toEqual(['4']);
    expect(c.candidates({ email: 'a' })).toBeNull();
  });

  it('partial filter with a range is used when the query range is inside it (unpromoted numbers too)', () => {
    const c = testCollection();
    c.createIndex({ key: { email: 1 }, unique: true, partialFilterExpression: { age: { $gte: 18 } } });
    c.insert(deserialize(serialize({ _id: 1, email: 'a', age: new Int32(20) }), { promoteValues: false }));
    c.insert({ _id: 2, email: 'a', age: 12 });
    expect(caught(() => c.insert({ _id: 3, email: 'a', age: 30 }))).toMatchObject({ code: 11000 });
    expect(c.candidates({ email: 'a', age: { $gte: 21 } })).toEqual(['1']);
    expect(c.candidates({ email: 'a', age: { $gte: 10 } })).toBeNull();
    c.createIndex({ key: { email: 1 }, name: 'e_exists', partialFilterExpression: { email: { $exists: true } } });
    expect(c.candidates({ email: 'a' })).not.toBeNull();
  });

  it('building a unique index over duplicates throws and creates nothing', () => {
    const c = testCollection();
    c.insert({ _id: 1, email: 'a' });
    c.insert({ _id: 2, email: 'a' });
    expect(caught(() => c.createIndex({ key: { email: 1 }, unique: true }))).toMatchObject({
      code: 11000,
      keyValue: { email: 'a' },
    });
    expect(c.ix.list().map((s) => s.name)).toEqual(['_id_']);
    expect(c.createIndex({ key: { email: 1 } })).toBe(true);
  });

  it('the _id_ index is unique on _id', () => {
    const c = testCollection();
    const id = new ObjectId();
    c.ix.check('a', { _id: id });
    c.ix.apply('a', undefined, { _id: id });
    expect(caught(() => c.ix.check('b', { _id: new ObjectId(id.toHexString()) }))).toMatchObject({
      keyPattern: { _id: 1 },
      keyValue: { _id: id },
    });
  });
});

describe('create / drop', () => {
  it('lists normalized specs, with v: 2 and mongod default names', () => {
    const c = testCollection();
    expect(c.createIndex({ key: { a: 1, b: -1 } })).toBe(true);
    expect(c.createIndex({ key: { title: 'text', body: 'text' }, weights: { title: 10 } })).toBe(true);
    expect(c.createIndex({ key: { loc: '2dsphere' } })).toBe(true);
    expect(c.ix.list()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { a: 1, b: -1 }, name: 'a_1_b_-1' },
      {
        v: 2,
        key: { _fts: 'text', _ftsx: 1 },
        name: 'title_text_body_text',
        weights: { body: 1, title: 10 },
        default_language: 'english',
        language_override: 'language',
        textIndexVersion: 3,
      },
      { v: 2, key: { loc: '2dsphere' }, name: 'loc_2dsphere', '2dsphereIndexVersion': 3 },
    ]);
  });

  it('re-creating from a listed spec is a no-op (engine restart)', () => {
    const c = testCollection();
    c.createIndex({ key: { title: 'text' }, default_language: 'french' });
    c.createIndex({ key: { email: 1 }, unique: true, partialFilterExpression: { n: { $gt: 1 } } });
    for (const s of c.ix.list()) expect(c.ix.create(s, [])).toBe(false);
  });

  it('conflicts use mongod codes: 86 same name other key, 85 same key other name or options', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1 }, name: 'a_idx', expireAfterSeconds: 10 });
    expect(c.createIndex({ key: { a: 1 }, name: 'a_idx', expireAfterSeconds: 10 })).toBe(false);
    expect(caught(() => c.createIndex({ key: { b: 1 }, name: 'a_idx' }))).toMatchObject({
      code: 86,
      codeName: 'IndexKeySpecsConflict',
    });
    expect(caught(() => c.createIndex({ key: { a: 1 }, name: 'a_idx', unique: true }))).toMatchObject({ code: 86 });
    expect(caught(() => c.createIndex({ key: { a: 1 }, name: 'a_idx', expireAfterSeconds: 20 }))).toMatchObject({
      code: 85,
      codeName: 'IndexOptionsConflict',
    });
    expect(caught(() => c.createIndex({ key: { a: 1 }, name: 'other' }))).toMatchObject({ code: 85 });
    expect(c.createIndex({ key: { a: 1 }, name: 'a_partial', partialFilterExpression: { x: 1 } })).toBe(true);
    expect(c.createIndex({ key: { a: -1 } })).toBe(true);
  });

  it('allows only one text index per collection', () => {
    const c = testCollection();
    c.createIndex({ key: { title: 'text' } });
    expect(caught(() => c.createIndex({ key: { body: 'text' } }))).toMatchObject({ code: 85 });
  });

  it('refuses bad specs with CannotCreateIndex', () => {
    const c = testCollection();
    expect(
      caught(() => c.createIndex({ key: { a: 1 }, sparse: true, partialFilterExpression: { a: 1 } })),
    ).toMatchObject({ code: 67 });
    expect(caught(() => c.createIndex({ key: { a: 1, b: 1 }, expireAfterSeconds: 5 }))).toMatchObject({ code: 67 });
    expect(caught(() => c.createIndex({ key: { a: 'hashed' as never } }))).toMatchObject({ code: 67 });
    expect(caught(() => c.createIndex({ key: {} }))).toMatchObject({ code: 2 });
  });

  it('drop: IndexNotFound (27), _id_ refused (72), dropAll keeps _id_', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1 } });
    c.createIndex({ key: { b: 1 } });
    expect(caught(() => c.ix.drop('nope'))).toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    expect(caught(() => c.ix.drop('_id_'))).toMatchObject({ code: 72, codeName: 'InvalidOptions' });
    c.ix.drop('a_1');
    expect(c.ix.list().map((s) => s.name)).toEqual(['_id_', 'b_1']);
    c.ix.dropAll();
    expect(c.ix.list().map((s) => s.name)).toEqual(['_id_']);
  });
});

describe('keys: dotted paths, arrays, parallel arrays', () => {
  it('indexes one entry per array element along dotted paths', () => {
    const c = testCollection();
    c.createIndex({ key: { 'items.sku': 1 } });
    c.insert({ _id: 1, items: [{ sku: 'A' }, { sku: 'B' }] });
    c.insert({ _id: 2, items: [{ sku: 'C' }, { qty: 1 }] });
    c.insert({ _id: 3, items: { sku: 'B' } });
    expect(c.candidates({ 'items.sku': 'B' })).toEqual(['1', '3']);
    // An element without sku gets no null key, so null queries on such paths are not answered from the index.
    expect(c.candidates({ 'items.sku': null })).toBeNull();
    expect(c.candidates({ 'items.sku': { $in: [null, 'C'] } })).toBeNull();
  });

  it('uses $elemMatch sub-conditions on a dotted index', () => {
    const c = testCollection();
    c.createIndex({ key: { 'items.sku': 1 } });
    c.insert({
      _id: 1,
      items: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 5 },
      ],
    });
    c.insert({ _id: 2, items: [{ sku: 'C', qty: 5 }] });
    const f = { items: { $elemMatch: { sku: 'B', qty: { $gt: 2 } } } };
    expect(c.candidates(f)).toEqual(['1']);
    expect(c.scan(f)).toEqual(['1']);
  });

  it('array equality matches whole arrays and nested arrays', () => {
    const c = testCollection();
    c.createIndex({ key: { tags: 1 } });
    c.insert({ _id: 1, tags: ['a', 'b'] });
    c.insert({ _id: 2, tags: [['a', 'b'], 'c'] });
    c.insert({ _id: 3, tags: ['b'] });
    c.insert({ _id: 4, tags: [] });
    const cand = c.candidates({ tags: ['a', 'b'] })!;
    expect(cand).toEqual(expect.arrayContaining(c.scan({ tags: ['a', 'b'] })));
    expect(cand).not.toContain('3');
    expect(c.candidates({ tags: [] })).toEqual(expect.arrayContaining(['4']));
    expect(c.candidates({ tags: { $eq: 'c' } })).toEqual(['2']);
  });

  it('a multikey range is not intersected across elements', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1 } });
    c.insert({ _id: 1, a: [1, 10] });
    c.insert({ _id: 2, a: 5 });
    // [1, 10] matches: 10 > 5 and 1 < 3, though no element is in (5, 3).
    expect(c.candidates({ a: { $gt: 5, $lt: 3 } })).toEqual(expect.arrayContaining(c.scan({ a: { $gt: 5, $lt: 3 } })));
    expect(c.scan({ a: { $gt: 5, $lt: 3 } })).toEqual(['1']);
  });

  it('refuses parallel arrays in a compound index (code 171) but allows arrays under one path', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1, b: 1 } });
    c.insert({ _id: 1, a: [1, 2], b: 1 });
    expect(caught(() => c.insert({ _id: 2, a: [1, 2], b: [3, 4] }))).toMatchObject({
      code: 171,
      codeName: 'CannotIndexParallelArrays',
    });
    c.createIndex({ key: { 'x.p': 1, 'x.q': 1 } });
    c.insert({
      _id: 3,
      x: [
        { p: 1, q: 2 },
        { p: 3, q: 4 },
      ],
    });
    expect(c.candidates({ 'x.p': 1, 'x.q': 4 })).toEqual(['3']);
  });
});

describe('plan()', () => {
  const big = testCollection();
  big.createIndex({ key: { n: 1 } });
  big.createIndex({ key: { cat: 1, price: 1 } });
  big.createIndex({ key: { name: 1 } });
  for (let i = 0; i < 20000; i++) big.insert({ _id: i, n: i, cat: `c${i % 50}`, price: i % 1000, name: `user${i}` });

  it('equality and ranges give small candidate sets (no collection scan)', () => {
    expect(big.candidates({ n: 1234 })).toEqual(['1234']);
    expect(big.candidates({ n: { $gte: 100, $lt: 200 } })).toHaveLength(100);
    expect(big.candidates({ n: { $in: [5, 7, 9] } })).toEqual(['5', '7', '9']);
    expect(big.candidates({ _id: 42 })).toEqual(['42']);
    expect(big.candidates({ $and: [{ n: { $gt: 10 } }, { n: { $lte: 12 } }] })).toEqual(['11', '12']);
  });

  it('uses the prefix of a compound index and the residual fields', () => {
    expect(big.candidates({ cat: 'c7' })).toHaveLength(400);
    const r = big.candidates({ cat: 'c7', price: { $lt: 100 } })!;
    expect(r).toEqual(big.scan({ cat: 'c7', price: { $lt: 100 } }));
    expect(r).toHaveLength(40);
    expect(big.candidates({ cat: { $in: ['c1', 'c2'] }, price: 1 })).toEqual(
      big.scan({ cat: { $in: ['c1', 'c2'] }, price: 1 }),
    );
    // No index starts with price.
    expect(big.candidates({ price: 5 })).toBeNull();
  });

  it('scans an index bounded on more fields first, so wider scans stop early', () => {
    const c = testCollection();
    c.createIndex({ key: { s: 1, t: 1 } });
    c.createIndex({ key: { s: 1, t: 1, d: 1 } });
    for (let i = 0; i < 3000; i++) c.insert({ _id: i, s: i % 3, t: i % 2 ? 'a' : 'b', d: i });
    const filter = { s: 1, t: 'a', d: { $lt: 600 } };
    const visited: number[] = [];
    const scan = jest.spyOn(OrderedIndex.prototype, 'scan').mockImplementation(function (
      this: OrderedIndex,
      plan,
      visit,
    ) {
      let n = 0;
      const examined = original.call(this, plan, (rid) => {
        n += 1;
        return visit(rid);
      });
      visited.push(n);
      return examined;
    });
    try {
      const p = c.ix.plan(filter)!;
      expect(p.indexName).toBe('s_1_t_1_d_1');
      expect([...p.ids].sort()).toEqual(c.scan(filter));
      // 100 matches: the 3-field scan first (100), then the 2-field one stops past 100 instead of reading its 500.
      expect(visited).toEqual([100, 101]);
    } finally {
      scan.mockRestore();
    }
  });

  it('picks the most selective index', () => {
    const p = big.ix.plan({ cat: 'c7', n: 7 })!;
    expect(p.indexName).toBe('n_1');
    expect([...p.ids]).toEqual(['7']);
  });

  it('uses anchored regex prefixes and $or unions', () => {
    expect(big.candidates({ name: /^user1999/ })).toEqual(big.scan({ name: /^user1999/ }));
    const or = big.candidates({ $or: [{ n: 3 }, { cat: 'c9', price: 9 }] })!;
    expect(or).toEqual(['3', ...big.scan({ cat: 'c9', price: 9 })].sort());
    expect(big.candidates({ $or: [{ n: 3 }, { price: 9 }] })).toBeNull();
  });

  it('declines filters it cannot bound', () => {
    expect(big.candidates({})).toBeNull();
    expect(big.candidates({ n: { $ne: 3 } })).toBeNull();
    expect(big.candidates({ n: { $exists: true } })).toBeNull();
  });

  it('bounds Date and ObjectId ranges by type (no string or number candidates)', () => {
    const c = testCollection();
    c.createIndex({ key: { at: 1 } });
    const base = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 50; i++) c.insert({ _id: i, at: new Date(base + i * 86400000) });
    c.insert({ _id: 'num', at: 5 });
    c.insert({ _id: 'str', at: '2025-01-10' });
    const oid = ObjectId.createFromTime(base / 1000);
    c.insert({ _id: 'oid', at: oid });
    expect(c.candidates({ at: { $gte: new Date(base + 10 * 86400000), $lt: new Date(base + 13 * 86400000) } })).toEqual(
      ['10', '11', '12'],
    );
    expect(c.candidates({ at: { $gt: new Date(base + 48 * 86400000) } })).toEqual(['49']);
    expect(c.candidates({ at: { $lte: ObjectId.createFromTime(base / 1000 + 1) } })).toEqual(['oid']);
    expect(c.candidates({ at: { $gt: 1 } })).toEqual(['num']);
  });

  it('reads documents deserialized with promoteValues: false', () => {
    const c = testCollection();
    c.createIndex({ key: { n: 1 } });
    for (let i = 0; i < 10; i++)
      c.insert(deserialize(serialize({ _id: i, n: new Int32(i) }), { promoteValues: false }));
    expect(c.candidates({ n: { $gte: 7 } })).toEqual(['7', '8', '9']);
    expect(c.candidates({ n: new Int32(3) })).toEqual(['3']);
  });

  it('skips hidden indexes', () => {
    const c = testCollection();
    c.createIndex({ key: { a: 1 }, hidden: true });
    c.insert({ _id: 1, a: 1 });
    expect(c.candidates({ a: 1 })).toBeNull();
  });

  it('never misses a match on random mixed-type data (checked against a full mingo scan)', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const values = (): unknown => {
      switch (rnd(9)) {
        case 0:
          return null;
        case 1:
          return rnd(20) - 5;
        case 2:
          return rnd(100) / 7;
        case 3:
          return ['a', 'b', 'ab', 'abc', 'B', ''][rnd(6)];
        case 4:
          return [rnd(10), rnd(10)];
        case 5:
          return { x: rnd(3) };
        case 6:
          return new Date(rnd(5) * 1000);
        case 7:
          return rnd(2) === 0;
        default:
          return undefined;
      }
    };
    const c = testCollection();
    c.createIndex({ key: { a: 1 } });
    c.createIndex({ key: { b: 1, a: -1 } });
    c.createIndex({ key: { 's.t': 1 } });
    for (let i = 0; i < 400; i++) {
      const d: Record<string, unknown> = { _id: i };
      const a = values();
      const b = values();
      if (a !== undefined) d.a = a;
      if (b !== undefined && !(Array.isArray(a) && Array.isArray(b))) d.b = b;
      if (rnd(3) > 0) d.s = rnd(2) ? [{ t: values() ?? 1 }, { t: rnd(4) }] : { t: values() ?? 2 };
      c.insert(d);
    }
    const probes: unknown[] = [null, 3, 2.5, -1, 'a', 'ab', '', [1, 2], { x: 1 }, new Date(2000), true];
    const filters: Record<string, unknown>[] = [];
    for (const v of probes) {
      for (const f of ['a', 'b', 's.t']) {
        filters.push({ [f]: v }, { [f]: { $in: [v, 4] } });
        if (!Array.isArray(v)) for (const op of ['$gt', '$gte', '$lt', '$lte']) filters.push({ [f]: { [op]: v } });
      }
      filters.push({ b: v, a: { $gte: 0 } }, { a: { $gt: 1, $lt: 8 } }, { a: { $elemMatch: { $gt: 2, $lt: 5 } } });
    }
    filters.push({ a: /^a/ }, { a: { $regex: 'b' } }, { a: { $all: [1, 2] } });
    let used = 0;
    for (const f of filters) {
      const cand = c.candidates(f);
      if (cand === null) continue;
      used++;
      const missing = c.scan(f).filter((id) => !cand.includes(id));
      expect({ filter: f, missing }).toEqual({ filter: f, missing: [] });
    }
    expect(used).toBeGreaterThan(filters.length / 2);
  });
});

describe('TTL', () => {
  it('expired() returns records whose date (earliest of an array) is older than expireAfterSeconds', () => {
    const c = testCollection();
    c.createIndex({ key: { createdAt: 1 }, expireAfterSeconds: 60 });
    const now = new Date('2025-01-01T12:00:00Z');
    const ago = (s: number): Date => new Date(now.getTime() - s * 1000);
    c.insert({ _id: 'old', createdAt: ago(120) });
    c.insert({ _id: 'fresh', createdAt: ago(10) });
    c.insert({ _id: 'arr', createdAt: [ago(5), ago(300)] });
    c.insert({ _id: 'str', createdAt: 'yesterday' });
    c.insert({ _id: 'none' });
    expect(c.ix.expired(now).sort()).toEqual(['arr', 'old']);
    c.update('old', { _id: 'old', createdAt: now });
    expect(c.ix.expired(now)).toEqual(['arr']);
  });

  it('expireAfterSeconds 0 expires at the date itself (expireAt pattern), partial TTL only on matching docs', () => {
    const c = testCollection();
    c.createIndex({ key: { expireAt: 1 }, expireAfterSeconds: 0, partialFilterExpression: { kind: 'session' } });
    const now = new Date();
    c.insert({ _id: 1, expireAt: new Date(now.getTime() - 1), kind: 'session' });
    c.insert({ _id: 2, expireAt: new Date(now.getTime() - 1), kind: 'keep' });
    c.insert({ _id: 3, expireAt: new Date(now.getTime() + 60000), kind: 'session' });
    expect(c.ix.expired(now)).toEqual(['1']);
  });
});
