import { createWorld, startTestApp, type TestApp, type World } from './helpers';
import { inDays, openPromise } from './marketplace.fixtures';

// The promise search over real HTTP: inclusive forms and both genders found, the count, each promise's distance
// from the search's place, four orders, pages both ways.

const SEARCH = `query($filter: JobPromiseFilter, $sort: JobPromiseSort, $first: Int, $after: String, $last: Int, $before: String) {
  jobPromises(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {
    totalCount sort
    edges { cursor distanceKm node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

interface Searched {
  jobPromises: {
    totalCount: number;
    sort: string;
    edges: { cursor: string; distanceKm: number | null; node: { id: string; title: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

let t: TestApp;
let w: World;
const made: Record<string, string> = {};
// Lyon (the student's town in the fixtures) and places around it.
const LYON = { lat: 45.764, lng: 4.8357 };

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
  const specs: [string, Record<string, unknown>][] = [
    [
      'tig',
      {
        title: 'Soudeur·se TIG inox',
        trade: 'WELDING',
        city: 'Villeurbanne',
        location: { lat: 45.7719, lng: 4.8902 },
        expiresAt: inDays(50),
      },
    ],
    [
      'mig',
      {
        title: 'soudeur.se MIG en CDD',
        trade: 'WELDING',
        contractType: 'CDD',
        city: 'Vienne',
        location: { lat: 45.5256, lng: 4.8747 },
        expiresAt: inDays(20),
      },
    ],
    [
      'arc',
      {
        title: 'Soudeur(se) à l’arc',
        trade: 'WELDING',
        city: 'Mâcon',
        location: { lat: 46.3069, lng: 4.8287 },
        expiresAt: inDays(40),
      },
    ],
    [
      'op',
      {
        title: 'Opérateur·rice sur commande numérique',
        city: 'Grenoble',
        location: { lat: 45.1885, lng: 5.7245 },
        expiresAt: inDays(30),
      },
    ],
    [
      'chaud',
      {
        title: 'Chaudronnier(ère) en atelier',
        trade: 'BOILERMAKING',
        city: 'Lyon',
        location: LYON,
        expiresAt: inDays(45),
      },
    ],
  ];
  for (const [key, overrides] of specs) made[key] = (await openPromise(t, w.companyA, overrides)).id;
}, 120_000);
afterAll(async () => {
  await t.close();
});

async function search(variables: Record<string, unknown>, token = w.studentA.token): Promise<Searched['jobPromises']> {
  return (await t.ok<Searched>(SEARCH, variables, token)).jobPromises;
}
const idsOf = (page: Searched['jobPromises']) => page.edges.map((e) => e.node.id);

describe('finding inclusive job titles', () => {
  it.each(['soudeuse', 'Soudeuse', 'SOUDEUR', 'soudeur·se', 'soudeur.se', 'Soudeur(se)', 'soudeuses'])(
    '"%s" finds the three welder promises, whatever their spelling',
    async (text) => {
      const found = await search({ filter: { text } });
      expect(new Set(idsOf(found))).toEqual(new Set([made['tig'], made['mig'], made['arc']]));
      expect(found.totalCount).toBe(3);
      expect(found.sort).toBe('RELEVANCE');
    },
  );

  it('finds a feminine word in an inclusive title, accents aside', async () => {
    expect(idsOf(await search({ filter: { text: 'operatrice' } }))).toEqual([made['op']]);
    expect(idsOf(await search({ filter: { text: 'Chaudronnière' } }))).toEqual([made['chaud']]);
  });
});

describe('orders, distances and pages', () => {
  it('sorts by distance from the place, with each promise’s whole kilometres', async () => {
    const page = await search({ filter: { origin: LYON }, sort: 'DISTANCE' });
    expect(page.sort).toBe('DISTANCE');
    expect(page.totalCount).toBe(5);
    expect(idsOf(page)).toEqual([made['chaud'], made['tig'], made['mig'], made['arc'], made['op']]);
    expect(page.edges.map((e) => e.distanceKm)).toEqual([0, 4, 27, 60, 94]);
  });

  it('keeps the radius of `near` and measures from its centre', async () => {
    const page = await search({ filter: { near: { ...LYON, radiusKm: 30 } } });
    expect(page.sort).toBe('DISTANCE');
    expect(idsOf(page)).toEqual([made['chaud'], made['tig'], made['mig']]);
  });

  it('sorts by closing date and by newest', async () => {
    expect(idsOf(await search({ sort: 'CLOSING_DATE' }))).toEqual([
      made['mig'],
      made['op'],
      made['arc'],
      made['chaud'],
      made['tig'],
    ]);
    const newest = await search({ sort: 'NEWEST' });
    expect(idsOf(newest)).toEqual([made['chaud'], made['op'], made['arc'], made['mig'], made['tig']]);
    expect(newest.edges.every((e) => e.distanceKm === null)).toBe(true);
  });

  it('pages forwards then backwards without overlap', async () => {
    const order = { filter: { origin: LYON }, sort: 'DISTANCE' };
    const p1 = await search({ ...order, first: 2 });
    const p2 = await search({ ...order, first: 2, after: p1.pageInfo.endCursor });
    const p3 = await search({ ...order, first: 2, after: p2.pageInfo.endCursor });
    expect([...idsOf(p1), ...idsOf(p2), ...idsOf(p3)]).toEqual([
      made['chaud'],
      made['tig'],
      made['mig'],
      made['arc'],
      made['op'],
    ]);
    expect(p3.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const back = await search({ ...order, last: 2, before: p3.pageInfo.startCursor });
    expect(idsOf(back)).toEqual(idsOf(p2));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(p2.totalCount).toBe(5);
  });

  it('refuses a cursor of another order', async () => {
    const page = await search({ sort: 'NEWEST', first: 1 });
    const res = await t.gql(SEARCH, { sort: 'CLOSING_DATE', after: page.pageInfo.endCursor }, w.studentA.token);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
});
