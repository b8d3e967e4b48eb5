// Indexes created with a collation: ordered, compared and unique by that collation, used only by queries with
// the same collation (as mongod does).
import type { CollationOptions, Collection, Document } from 'mongodb';
import { errorOf, rmDir, startTestServer, tmpDir, type TestServer } from './helpers';

const FR1 = { locale: 'fr', strength: 1 };
const FR2 = { locale: 'fr', strength: 2 };

/** The index names of a winning plan (IXSCAN stages anywhere in it). */
function indexesOf(plan: Document): string[] {
  const out: string[] = [];
  const walk = (s: Document | undefined) => {
    if (!s) return;
    if (s.stage === 'IXSCAN') out.push(s.indexName);
    walk(s.inputStage);
  };
  walk(plan);
  return out;
}

describe('collation on indexes', () => {
  let t: TestServer;
  let people: Collection<Document>;
  beforeAll(async () => {
    t = await startTestServer();
    people = t.client.db('collidx').collection('people');
    await people.createIndex({ name: 1 }, { name: 'name_fr1', collation: FR1 });
    await people.insertMany(
      ['Zoé', 'Émile', 'Oscar', 'emile', 'Adèle', 'Œdipe', 'Eloïse', 'zoe', 'Bérénice'].map((name, i) => ({
        i,
        name,
      })),
    );
  });
  afterAll(() => t.close());

  const explainFind = (filter: Document, opts: { sort?: Document; collation?: CollationOptions; limit?: number }) => {
    let cur = people.find(filter);
    if (opts.sort) cur = cur.sort(opts.sort);
    if (opts.collation) cur = cur.collation(opts.collation);
    if (opts.limit) cur = cur.limit(opts.limit);
    return cur.explain('executionStats');
  };

  it('lists the collation as mongod does (every field filled in)', async () => {
    const ix = (await people.listIndexes().toArray()).find((x) => x.name === 'name_fr1')!;
    expect(ix.collation).toMatchObject({
      locale: 'fr',
      strength: 1,
      caseLevel: false,
      caseFirst: 'off',
      numericOrdering: false,
      alternate: 'non-ignorable',
      backwards: false,
    });
    const bad = await errorOf(() => people.createIndex({ i: 1 }, { collation: { locale: 'fr', strength: 9 } }));
    expect(bad.code).toBe(2);
  });

  it('a query with the same collation reads the index, and finds accents/case alike', async () => {
    const e = await explainFind({ name: 'EMILE' }, { collation: FR1 });
    expect(indexesOf(e.queryPlanner.winningPlan)).toEqual(['name_fr1']);
    expect(e.executionStats.totalDocsExamined).toBe(2); // only Émile and emile: read from the index
    const found = await people.find({ name: 'EMILE' }).collation(FR1).sort({ i: 1 }).toArray();
    expect(found.map((d) => d.name)).toEqual(['Émile', 'emile']);
    const range = await people
      .find({ name: { $gte: 'e', $lt: 'f' } })
      .collation(FR1)
      .toArray();
    expect(range.map((d) => d.name).sort()).toEqual(['Eloïse', 'emile', 'Émile'].sort());
    // An open-ended range reads up to the last string of the index (its end is a type bound, not a string).
    const open = await people
      .find({ name: { $gt: 'y' } })
      .collation(FR1)
      .toArray();
    expect(open.map((d) => d.name).sort()).toEqual(['zoe', 'Zoé'].sort());
    expect(indexesOf((await explainFind({ name: { $gt: 'y' } }, { collation: FR1 })).queryPlanner.winningPlan)).toEqual(
      ['name_fr1'],
    );
  });

  it('a query without collation, or with another one, does not use it (and compares its own way)', async () => {
    const simple = await explainFind({ name: 'EMILE' }, {});
    expect(indexesOf(simple.queryPlanner.winningPlan)).toEqual([]);
    expect(await people.countDocuments({ name: 'EMILE' })).toBe(0);
    expect(await people.countDocuments({ name: 'emile' })).toBe(1);
    const other = await explainFind({ name: 'emile' }, { collation: FR2 });
    expect(indexesOf(other.queryPlanner.winningPlan)).toEqual([]);
    expect(await people.countDocuments({ name: 'EMILE' }, { collation: FR2 })).toBe(1);
  });

  it('provides the French order to a sort with the same collation, and stops after the limit', async () => {
    const e = await explainFind({}, { sort: { name: 1 }, collation: FR1, limit: 3 });
    expect(indexesOf(e.queryPlanner.winningPlan)).toEqual(['name_fr1']);
    expect(JSON.stringify(e.queryPlanner.winningPlan)).not.toContain('"SORT"');
    expect(e.executionStats.totalDocsExamined).toBe(3);
    const names = (await people.find({}).sort({ name: 1 }).collation(FR1).toArray()).map((d) => d.name);
    const expected = [...names].sort(new Intl.Collator('fr', { sensitivity: 'base' }).compare);
    expect(names.map((n) => n.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))).toEqual(
      expected.map((n) => n.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')),
    );
    expect(names[0]).toBe('Adèle');
    expect(names.indexOf('Œdipe')).toBeLessThan(names.indexOf('Oscar'));
    expect(names.slice(-2).map((n) => n.toLowerCase())).toEqual(expect.arrayContaining(['zoe', 'zoé']));
    // Descending reads the index backwards.
    const desc = await explainFind({}, { sort: { name: -1 }, collation: FR1, limit: 2 });
    expect(JSON.stringify(desc.queryPlanner.winningPlan)).toContain('"backward"');
    // Without the collation the index's order is not the binary one: sorted in memory.
    const bin = await explainFind({}, { sort: { name: 1 }, limit: 3 });
    expect(JSON.stringify(bin.queryPlanner.winningPlan)).toContain('"SORT"');
  });

  it('reads an index under another collation when the bounds hold no strings (numbers, dates, ObjectIds), as mongod', async () => {
    const scores = t.client.db('collidx').collection('scores');
    await scores.createIndex({ rank: 1, name: 1 }, { name: 'rank_name_fr1', collation: FR1 });
    await scores.createIndex({ at: 1 }, { name: 'at_simple' });
    const base = Date.UTC(2026, 0, 1);
    await scores.insertMany(
      Array.from({ length: 40 }, (_, i) => ({
        rank: i,
        name: ['Émile', 'emile', 'Zoé', 'Adèle'][i % 4],
        at: new Date(base + i * 86_400_000),
      })),
    );
    const plan = async (filter: Document, collation?: CollationOptions) => {
      let cur = scores.find(filter);
      if (collation) cur = cur.collation(collation);
      const e = await cur.explain('executionStats');
      return { names: indexesOf(e.queryPlanner.winningPlan), examined: e.executionStats.totalDocsExamined as number };
    };
    // A numeric range / equality on the collated index's leading field, from a query without collation.
    expect(await plan({ rank: { $gte: 10, $lt: 15 } })).toEqual({ names: ['rank_name_fr1'], examined: 5 });
    expect(await plan({ rank: { $in: [3, 7] } }, FR2)).toEqual({ names: ['rank_name_fr1'], examined: 2 });
    expect(await scores.countDocuments({ rank: { $gte: 10, $lt: 15 } })).toBe(5);
    // The string condition on the second field gives no bound there (binary vs French), but is still tested.
    const r = await plan({ rank: { $lt: 8 }, name: 'EMILE' });
    expect(r.names).toEqual(['rank_name_fr1']);
    expect(r.examined).toBe(8);
    expect(await scores.countDocuments({ rank: { $lt: 8 }, name: 'EMILE' })).toBe(0);
    expect(await scores.countDocuments({ rank: { $lt: 8 }, name: 'EMILE' }, { collation: FR1 })).toBe(4);
    // A string bound on the collated field itself under another collation: not this index.
    expect((await plan({ rank: 'x' })).names).toEqual([]);
    // The other way round: a binary index read by a collated query on dates.
    const day = (n: number) => new Date(base + n * 86_400_000);
    expect(await plan({ at: { $gte: day(30) } }, FR1)).toEqual({ names: ['at_simple'], examined: 10 });
    const docs = await scores
      .find({ at: { $gte: day(30) }, name: 'zoe' })
      .collation(FR1)
      .toArray();
    expect(docs.map((d) => d.rank).sort((a, b) => a - b)).toEqual([30, 34, 38]);
  });

  it('a unique index with strength 1 treats "Élodie" and "elodie" as duplicates; strength 2 only case', async () => {
    const s1 = t.client.db('collidx').collection('unique1');
    await s1.createIndex({ name: 1 }, { unique: true, collation: FR1 });
    await s1.insertOne({ name: 'Élodie' });
    const dup = await errorOf(() => s1.insertOne({ name: 'elodie' }));
    expect(dup.code).toBe(11000);
    expect(dup.keyValue).toEqual({ name: 'elodie' });
    expect((await errorOf(() => s1.insertOne({ name: 'ELODIE' }))).code).toBe(11000);
    await s1.insertOne({ name: 'Elodia' });
    // An update into a collating duplicate is refused as well.
    expect((await errorOf(() => s1.updateOne({ name: 'Elodia' }, { $set: { name: 'élodie' } }))).code).toBe(11000);

    const s2 = t.client.db('collidx').collection('unique2');
    await s2.createIndex({ name: 1 }, { unique: true, collation: FR2 });
    await s2.insertOne({ name: 'Élodie' });
    expect((await errorOf(() => s2.insertOne({ name: 'éLODIE' }))).code).toBe(11000);
    await s2.insertOne({ name: 'elodie' }); // strength 2: the accent makes it another key
    expect(await s2.countDocuments()).toBe(2);

    // Building a unique collated index over existing collating duplicates fails.
    const s3 = t.client.db('collidx').collection('unique3');
    await s3.insertMany([{ name: 'Zoé' }, { name: 'zoe' }]);
    expect((await errorOf(() => s3.createIndex({ name: 1 }, { unique: true, collation: FR1 }))).code).toBe(11000);
    await s3.createIndex({ name: 1 }, { unique: true }); // binary: distinct
  });

  it('keeps the collation of an index across a restart', async () => {
    const dir = tmpDir();
    try {
      let s = await startTestServer({ dbPath: dir });
      const c = s.client.db('d').collection('u');
      await c.createIndex({ email: 1 }, { unique: true, collation: FR2 });
      await c.insertOne({ email: 'Anaïs@ecole.fr' });
      await s.close();
      s = await startTestServer({ dbPath: dir });
      const d = s.client.db('d').collection('u');
      expect((await errorOf(() => d.insertOne({ email: 'anaïs@ECOLE.fr' }))).code).toBe(11000);
      await s.close();
    } finally {
      rmDir(dir);
    }
  });

  it('works through mongoose schema indexes with a collation', async () => {
    const mongoose = (await import('mongoose')).default;
    const conn = await mongoose.createConnection(`${t.server.uri}collmg`).asPromise();
    try {
      const schema = new mongoose.Schema({ name: String });
      schema.index({ name: 1 }, { unique: true, collation: FR1 });
      const Student = conn.model('Student', schema);
      await Student.init();
      await Student.create({ name: 'Élodie' });
      expect((await errorOf(() => Student.create({ name: 'elodie' }))).code).toBe(11000);
      const diff = await Student.diffIndexes();
      expect(diff).toEqual({ toDrop: [], toCreate: [] });
    } finally {
      await conn.close();
    }
  });
});
