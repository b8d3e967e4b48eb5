// Collation: locale-aware comparison for queries and sorts (French names with accents), strength 1 to 3.
import type { Collection, Document } from 'mongodb';
import { errorOf, startTestServer, type TestServer } from './helpers';

describe('collation (fr)', () => {
  let t: TestServer;
  let c: Collection<Document>;
  const names = ['Émile', 'emile', 'Emile', 'Zoé', 'zoe', 'Éloïse', 'Eloise', 'Adèle', 'Œdipe', 'Oscar'];
  beforeAll(async () => {
    t = await startTestServer();
    c = t.client.db('coll').collection('people');
    await c.insertMany(names.map((name, i) => ({ i, name })));
    await c.createIndex({ name: 1 });
  });
  afterAll(() => t.close());

  const namesOf = (docs: Document[]) => docs.map((d) => d.name);

  it('sorts as a French reader expects (accents next to their letter), binary without collation', async () => {
    const fr = namesOf(await c.find({}).sort({ name: 1, i: 1 }).collation({ locale: 'fr' }).toArray());
    expect(fr).toEqual(
      ['Adèle', 'Éloïse', 'Eloise', 'Émile', 'emile', 'Emile', 'Œdipe', 'Oscar', 'Zoé', 'zoe'].sort(
        new Intl.Collator('fr', { sensitivity: 'variant' }).compare,
      ),
    );
    expect(fr.indexOf('Émile')).toBeLessThan(fr.indexOf('Oscar'));
    expect(fr.slice(-2).map((n) => n.toLowerCase())).toEqual(['zoe', 'zoé']);
    // Without collation mongod compares bytes: 'É' and 'Œ' come after every ASCII letter.
    const binary = namesOf(await c.find({}).sort({ name: 1 }).toArray());
    expect(binary.slice(-3)).toEqual(['Éloïse', 'Émile', 'Œdipe']);
  });

  it('strength 1 ignores accents and case, 2 ignores case only, 3 neither', async () => {
    const find = (strength: number) =>
      c.find({ name: 'emile' }).collation({ locale: 'fr', strength }).sort({ i: 1 }).toArray().then(namesOf);
    expect(await find(1)).toEqual(['Émile', 'emile', 'Emile']);
    expect(await find(2)).toEqual(['emile', 'Emile']);
    expect(await find(3)).toEqual(['emile']);
    expect(await c.countDocuments({ name: 'emile' })).toBe(1);
    expect(
      await c.countDocuments({ name: { $in: ['zoe', 'eloise'] } }, { collation: { locale: 'fr', strength: 1 } }),
    ).toBe(4);
    expect(
      namesOf(
        await c
          .find({ name: { $gte: 'e', $lt: 'f' } })
          .collation({ locale: 'fr', strength: 1 })
          .sort({ i: 1 })
          .toArray(),
      ),
    ).toEqual(['Émile', 'emile', 'Emile', 'Éloïse', 'Eloise']);
  });

  it('applies to updates, deletes, distinct, count and aggregation', async () => {
    const s1 = { locale: 'fr', strength: 1 };
    const r = await c.updateMany({ name: 'zoe' }, { $set: { z: true } }, { collation: s1 });
    expect(r.modifiedCount).toBe(2);
    expect(await c.distinct('name', { z: true }, { collation: s1 })).toEqual(['Zoé', 'zoe']);
    const agg = await c
      .aggregate([{ $match: { name: 'eloise' } }, { $sort: { name: -1 } }], { collation: s1 })
      .toArray();
    expect(namesOf(agg)).toHaveLength(2);
    const d = await c.deleteOne({ name: 'ADELE' }, { collation: s1 });
    expect(d.deletedCount).toBe(1);
  });

  it('refuses an invalid collation', async () => {
    const e = await errorOf(() => c.find({}).collation({ locale: 'fr', strength: 9 }).toArray());
    expect(e.code).toBe(2);
  });
});
