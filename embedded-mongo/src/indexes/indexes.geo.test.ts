import { deserialize, Double, serialize } from 'bson';
import { Context, Query } from 'mingo';
import { distanceMeters, EARTH_RADIUS_M, geoNear, geoQueryOperators, matchesGeoWithin, residualFilter } from './index';
import { type LngLat } from './indexes.geo';
import { caught, testCollection } from './indexes.test-helpers';

const PARIS: LngLat = [2.3522, 48.8566];
const EVREUX: LngLat = [1.1508, 49.0241];
const CHALON: LngLat = [4.8539, 46.7806];
const TARBES: LngLat = [0.0781, 43.2328];
const TOWNS: [string, LngLat][] = [
  ['paris', PARIS],
  ['evreux', EVREUX],
  ['chalon', CHALON],
  ['tarbes', TARBES],
];
const point = (p: LngLat) => ({ type: 'Point', coordinates: p });

function towns(legacy = false) {
  const c = testCollection();
  c.createIndex({ key: { loc: '2dsphere' } });
  for (const [name, p] of TOWNS) c.insert({ _id: name, loc: legacy ? p : point(p) });
  c.insert({ _id: 'nowhere', name: 'no location' });
  return c;
}

describe('distances', () => {
  it('uses haversine on a 6378.1 km sphere', () => {
    expect(EARTH_RADIUS_M).toBe(6378100);
    expect(distanceMeters(PARIS, EVREUX)).toBeCloseTo(89801, -1);
    expect(distanceMeters(PARIS, CHALON) / 1000).toBeGreaterThan(290);
    expect(distanceMeters(PARIS, TARBES) / 1000).toBeGreaterThan(640);
    expect(distanceMeters([179.9, 0], [-179.9, 0])).toBeCloseTo((0.2 * Math.PI * EARTH_RADIUS_M) / 180, 3);
  });
});

describe('$near / $nearSphere', () => {
  it('from Paris within 150 km returns Paris then Évreux (not Chalon), with distances in meters', () => {
    const c = towns();
    const p = c.ix.plan({ loc: { $near: { $geometry: point(PARIS), $maxDistance: 150000 } } })!;
    expect(p.indexName).toBe('loc_2dsphere');
    expect([...p.ids]).toEqual(['paris', 'evreux']);
    expect(p.distances!.get('paris')).toBe(0);
    expect(p.distances!.get('evreux')!).toBeCloseTo(89801, -1);
  });

  it('orders every located document by distance without $maxDistance, and honours $minDistance', () => {
    const c = towns();
    expect([...c.ix.plan({ loc: { $nearSphere: { $geometry: point(PARIS) } } })!.ids]).toEqual([
      'paris',
      'evreux',
      'chalon',
      'tarbes',
    ]);
    const far = c.ix.plan({ loc: { $near: { $geometry: point(PARIS), $minDistance: 100000, $maxDistance: 400000 } } })!;
    expect([...far.ids]).toEqual(['chalon']);
    expect([...c.ix.plan({ loc: { $near: { $geometry: point(TARBES), $maxDistance: 10 } } })!.ids]).toEqual(['tarbes']);
  });

  it('legacy pairs with $nearSphere use radians', () => {
    const c = towns(true);
    const p = c.ix.plan({ loc: { $nearSphere: PARIS, $maxDistance: 150000 / EARTH_RADIUS_M } })!;
    expect([...p.ids]).toEqual(['paris', 'evreux']);
    expect(p.distances!.get('evreux')!).toBeCloseTo(89801 / EARTH_RADIUS_M, 6);
    // GeoJSON query over legacy data: meters.
    const fromTarbes = TOWNS.filter(([, p]) => distanceMeters(TARBES, p) <= 700000).sort(
      ([, a], [, b]) => distanceMeters(TARBES, a) - distanceMeters(TARBES, b),
    );
    expect(fromTarbes.length).toBe(4);
    expect([...c.ix.plan({ loc: { $near: { $geometry: point(TARBES), $maxDistance: 700000 } } })!.ids]).toEqual(
      fromTarbes.map(([n]) => n),
    );
  });

  it('reads coordinates deserialized with promoteValues: false', () => {
    const c = testCollection();
    c.createIndex({ key: { loc: '2dsphere' } });
    c.insert(deserialize(serialize({ _id: 'evreux', loc: point(EVREUX) }), { promoteValues: false }));
    c.insert(
      deserialize(serialize({ _id: 'tarbes', loc: [new Double(TARBES[0]), new Double(TARBES[1])] }), {
        promoteValues: false,
      }),
    );
    expect([...c.ix.plan({ loc: { $near: { $geometry: point(PARIS) } } })!.ids]).toEqual(['evreux', 'tarbes']);
  });

  it('follows updates and deletes, and indexes arrays of locations (nearest one counts)', () => {
    const c = towns();
    c.update('tarbes', { _id: 'tarbes', loc: [point(TARBES), point(EVREUX)] });
    c.remove('evreux');
    const p = c.ix.plan({ loc: { $near: { $geometry: point(PARIS), $maxDistance: 150000 } } })!;
    expect([...p.ids]).toEqual(['paris', 'tarbes']);
  });

  it('refuses invalid locations (16755) and $near without a 2dsphere index (291)', () => {
    const c = towns();
    expect(caught(() => c.insert({ _id: 'bad', loc: point([200, 10]) }))).toMatchObject({ code: 16755 });
    expect(caught(() => c.insert({ _id: 'bad2', loc: 'Paris' }))).toMatchObject({ code: 16755 });
    expect(caught(() => c.ix.plan({ other: { $near: { $geometry: point(PARIS) } } }))).toMatchObject({ code: 291 });
    expect(caught(() => c.createIndex({ key: { loc: '2dsphere', n: 1 }, name: 'x' }))).toBeUndefined();
  });

  it('only examines the grid cells around the query (small candidate set on 20k points)', () => {
    const c = testCollection();
    c.createIndex({ key: { loc: '2dsphere' } });
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 20000; i++) c.insert({ _id: i, loc: point([-5 + rnd() * 13, 42 + rnd() * 9]) });
    c.insert({ _id: 'evreux', loc: point(EVREUX) });
    const p = c.ix.plan({ loc: { $near: { $geometry: point(EVREUX), $maxDistance: 20000 } } })!;
    const ids = [...p.ids];
    expect(ids[0]).toBe('evreux');
    const expected = [...c.docs]
      .filter(([, d]) => d.loc && distanceMeters(EVREUX, d.loc.coordinates) <= 20000)
      .map(([r]) => r);
    expect(ids.sort()).toEqual(expected.sort());
    expect(ids.length).toBeLessThan(100);
  });
});

describe('$geoWithin', () => {
  const c = towns();

  it('$centerSphere (radians), $box, $polygon and $geometry Polygon', () => {
    expect(c.candidates({ loc: { $geoWithin: { $centerSphere: [PARIS, 150000 / EARTH_RADIUS_M] } } })).toEqual([
      'evreux',
      'paris',
    ]);
    expect(
      c.candidates({
        loc: {
          $geoWithin: {
            $box: [
              [0, 45],
              [3, 50],
            ],
          },
        },
      }),
    ).toEqual(['evreux', 'paris']);
    expect(
      c.candidates({
        loc: {
          $geoWithin: {
            $polygon: [
              [-1, 42],
              [6, 42],
              [6, 47],
              [-1, 47],
            ],
          },
        },
      }),
    ).toEqual(['chalon', 'tarbes']);
    const southWest = {
      type: 'Polygon',
      coordinates: [
        [
          [-2, 42],
          [2, 42],
          [2, 45],
          [-2, 45],
          [-2, 42],
        ],
      ],
    };
    expect(c.candidates({ loc: { $geoWithin: { $geometry: southWest } } })).toEqual(['tarbes']);
    expect(
      c.candidates({
        loc: {
          $within: {
            $box: [
              [0, 45],
              [3, 50],
            ],
          },
        },
        _id: 'paris',
      }),
    ).toEqual(['paris']);
  });

  it('polygon holes exclude, boundaries include', () => {
    const withHole = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 40],
          [10, 40],
          [10, 50],
          [0, 50],
          [0, 40],
        ],
        [
          [2, 48],
          [3, 48],
          [3, 49],
          [2, 49],
          [2, 48],
        ],
      ],
    };
    expect(c.candidates({ loc: { $geoWithin: { $geometry: withHole } } })).toEqual(['chalon', 'evreux', 'tarbes']);
    expect(
      matchesGeoWithin({ loc: point([1, 45]) }, 'loc', {
        $box: [
          [1, 45],
          [2, 46],
        ],
      }),
    ).toBe(true);
  });

  it('matchesGeoWithin and the mingo operators agree with the index', () => {
    const ctx = Context.init({ query: geoQueryOperators });
    const spec = { $centerSphere: [PARIS, 300000 / EARTH_RADIUS_M] };
    const viaMingo = [...c.docs]
      .filter(([, d]) => new Query({ loc: { $geoWithin: spec } }, { context: ctx }).test(d))
      .map(([r]) => r);
    const viaHelper = [...c.docs].filter(([, d]) => matchesGeoWithin(d, 'loc', spec)).map(([r]) => r);
    expect(viaMingo.sort()).toEqual(['chalon', 'evreux', 'paris']);
    expect(viaHelper.sort()).toEqual(viaMingo.sort());
    expect(c.candidates({ loc: { $geoWithin: spec } })).toEqual(viaMingo.sort());
    const near = new Query({ loc: { $near: { $geometry: point(PARIS), $maxDistance: 150000 } } }, { context: ctx });
    expect(
      [...c.docs]
        .filter(([, d]) => near.test(d))
        .map(([r]) => r)
        .sort(),
    ).toEqual(['evreux', 'paris']);
  });
});

describe('geoNear helper and residualFilter', () => {
  it('turns a $geoNear stage into a nearest-first plan', () => {
    const c = towns();
    const p = geoNear(c.ix, { near: point(PARIS), maxDistance: 300000, spherical: true });
    expect([...p.ids]).toEqual(['paris', 'evreux', 'chalon']);
    const legacy = geoNear(c.ix, { near: PARIS, maxDistance: 100000 / EARTH_RADIUS_M, key: 'loc' });
    expect([...legacy.ids]).toEqual(['paris', 'evreux']);
    expect(legacy.distances!.get('evreux')!).toBeLessThan(1);
    expect(caught(() => geoNear(testCollection().ix, { near: point(PARIS) }))).toMatchObject({ code: 291 });
  });

  it('removes $text and $near clauses only', () => {
    expect(
      residualFilter({
        $text: { $search: 'x' },
        a: 1,
        loc: { $near: [1, 2], $maxDistance: 3 },
        $and: [{ b: 2 }, { $text: { $search: 'y' } }],
      }),
    ).toEqual({ a: 1, $and: [{ b: 2 }] });
  });
});
