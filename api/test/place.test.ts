import { createAdmin, startTestApp, type TestApp } from './helpers';

// towns(search, first) over real HTTP: the gazetteer (GeoNames places + INSEE communes) behind the public query.

const TOWNS = `query($search: String!, $first: Int) {
  towns(search: $search, first: $first) { name departmentCode departmentName population location { lat lng } }
}`;

interface TownAnswer {
  name: string;
  departmentCode: string;
  departmentName: string;
  population: number;
  location: { lat: number; lng: number };
}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await towns('paris'); // the gazetteer is read on first use (a few seconds on a busy machine)
}, 60_000);
afterAll(async () => {
  await t.close();
});

async function towns(search: string, first?: number, token?: string): Promise<TownAnswer[]> {
  const data = await t.ok<{ towns: TownAnswer[] }>(TOWNS, { search, ...(first ? { first } : {}) }, token);
  return data.towns;
}

describe('towns', () => {
  it('finds a village with its département and coordinates', async () => {
    const [first] = await towns('Xertigny');
    expect(first).toEqual({
      name: 'Xertigny',
      departmentCode: '88',
      departmentName: 'Vosges',
      population: expect.any(Number),
      location: { lat: expect.closeTo(48.04, 1), lng: expect.closeTo(6.41, 1) },
    });
  });

  it('ignores accents, case, hyphens and apostrophes', async () => {
    for (const search of ['vitry le francois', 'VITRY-LE-FRANÇOIS', 'Vitry le François', 'vitrylefrancois']) {
      expect((await towns(search))[0]?.name).toBe('Vitry-le-François');
    }
    expect((await towns('l hay les roses'))[0]?.name).toBe("L'Haÿ-les-Roses");
    expect((await towns('evreux'))[0]?.name).toBe('Évreux');
  });

  it('matches prefixes of each word ("vitry le f") and "st" for saint', async () => {
    expect((await towns('vitry le f')).map((x) => x.name)).toEqual(['Vitry-le-François']);
    const saintRemy = await towns('st remy');
    expect(saintRemy[0]?.name).toBe('Saint-Rémy');
    // Names starting with the typed words come before those that only contain them (Pouru-Saint-Rémy).
    const starts = saintRemy.map((x) => x.name.startsWith('Saint-Rémy'));
    expect(starts.slice(0, 5)).toEqual([true, true, true, true, true]);
    expect(starts.lastIndexOf(true)).toBeLessThan(starts.indexOf(false) === -1 ? Infinity : starts.indexOf(false));
    expect((await towns('st remy de prov'))[0]?.name).toBe('Saint-Rémy-de-Provence');
    expect((await towns('chalon sur'))[0]?.name).toBe('Chalon-sur-Saône');
  });

  it('forgives a small typo', async () => {
    expect((await towns('besanson'))[0]?.name).toBe('Besançon');
    expect((await towns('xertigni'))[0]?.name).toBe('Xertigny');
  });

  it('puts the best match first, then the most populated towns', async () => {
    const vitry = await towns('vitry', 5);
    expect(vitry).toHaveLength(5);
    expect(vitry.every((x) => x.name.startsWith('Vitry'))).toBe(true);
    expect(vitry[0]?.name).toBe('Vitry-sur-Seine');
    const populations = vitry.map((x) => x.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    // The exact name beats more populated towns that only start with it.
    expect((await towns('paris', 3))[0]).toMatchObject({ name: 'Paris', departmentCode: '75' });
  });

  it('answers at most `first` towns, 10 by default, and nothing for a blank search', async () => {
    expect(await towns('saint')).toHaveLength(10);
    expect(await towns('saint', 50)).toHaveLength(50);
    expect(await towns('   ')).toEqual([]);
    expect(await towns('zzzzqqqq')).toEqual([]);
  });

  it('refuses a bad `first` or an overlong search with a coded error', async () => {
    const tooMany = await t.gql(TOWNS, { search: 'paris', first: 51 });
    expect(tooMany.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toContain('50');
    const zero = await t.gql(TOWNS, { search: 'paris', first: 0 });
    expect(zero.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const long = await t.gql(TOWNS, { search: 'a'.repeat(101) });
    expect(long.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('is public: the same answer signed in or not', async () => {
    const admin = await createAdmin(t);
    expect(await towns('remiremont', 3, admin.token)).toEqual(await towns('remiremont', 3));
  });
});
