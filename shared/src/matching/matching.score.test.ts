import {
  MATCHING_CRITERIA,
  MATCHING_WEIGHTS,
  OUT_OF_RADIUS_FACTOR,
  compareMatches,
  rankMatches,
  scoreMatch,
  toGeoJsonPoint,
  type MatchPromise,
  type MatchStudent,
} from '..';

const lyon = { lat: 45.764, lng: 4.8357 };
const villeurbanne = { lat: 45.7719, lng: 4.8902 }; // ~4 km from Lyon
const vienne = { lat: 45.5253, lng: 4.8744 }; // ~27 km
const grenoble = { lat: 45.1885, lng: 5.7245 }; // ~95 km

const student: MatchStudent = {
  id: 's1',
  trade: 'WELDING',
  diplomaLevel: 'CAP',
  location: lyon,
  mobilityKm: 30,
  availableFrom: '2025-07-01',
  skills: ['TIG', 'MIG', 'Lecture de plan'],
};

const promise = (over: Partial<MatchPromise> = {}): MatchPromise => ({
  id: 'p1',
  trade: 'WELDING',
  diplomaLevel: 'CAP',
  location: villeurbanne,
  startDate: '2025-09-01',
  skills: ['TIG', 'MIG', 'lecture de plan'],
  ...over,
});

describe('matching weights', () => {
  it('sum to 1 and cover every criterion', () => {
    const sum = MATCHING_CRITERIA.reduce((s, c) => s + MATCHING_WEIGHTS[c], 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(MATCHING_WEIGHTS).toEqual({
      trade: 0.35,
      diploma: 0.15,
      distance: 0.2,
      availability: 0.1,
      skills: 0.1,
      schoolHistory: 0.1,
    });
  });
});

describe('scoreMatch', () => {
  it('gives a perfect fit a high score with French reasons', () => {
    const m = scoreMatch(student, promise(), { partnershipApproved: true, pastHires: 2 });
    expect(m.outOfRadius).toBe(false);
    expect(m.distanceKm).toBeGreaterThan(3);
    expect(m.distanceKm).toBeLessThan(6);
    expect(m.score).toBeGreaterThan(0.85);
    expect(m.score).toBeLessThanOrEqual(1);
    expect(m.reasons).toEqual([
      'Même métier\u00a0: soudure',
      'À 4 km\u00a0: dans la zone où vous pouvez aller (30 km)',
      'Diplôme demandé\u00a0: CAP',
      'Disponible avant la date de début',
      '3 compétences en commun\u00a0: TIG, MIG, lecture de plan',
      'Entreprise partenaire de votre école',
      '2 embauches passées via l’école',
    ]);
  });

  it('ranks same trade nearby above related trade far', () => {
    const sameNear = scoreMatch(student, promise({ id: 'a' }));
    const relatedFar = scoreMatch(student, promise({ id: 'b', trade: 'BOILERMAKING', location: vienne }));
    expect(relatedFar.reasons[0]).toBe('Métier proche\u00a0: chaudronnerie');
    expect(relatedFar.components.trade).toBe(0.5);
    expect(sameNear.score).toBeGreaterThan(relatedFar.score);
  });

  it('gives an unrelated trade no trade points', () => {
    const m = scoreMatch(student, promise({ trade: 'CATERING' }));
    expect(m.components.trade).toBe(0);
    expect(m.reasons[0]).toBe('Métier différent\u00a0: cuisine et restauration');
    expect(m.score).toBeLessThan(scoreMatch(student, promise({ trade: 'METALWORK' })).score);
  });

  it('penalises out-of-radius promises as documented: distance 0 and score halved', () => {
    const far = scoreMatch(student, promise({ location: grenoble }));
    expect(far.outOfRadius).toBe(true);
    expect(far.components.distance).toBe(0);
    expect(far.reasons[1]).toMatch(/^Loin pour vous\u00a0: 9\d km, vous avez indiqué 30 km au plus$/);
    const base = MATCHING_CRITERIA.reduce((s, c) => s + MATCHING_WEIGHTS[c] * far.components[c], 0);
    expect(far.score).toBeCloseTo(base * OUT_OF_RADIUS_FACTOR, 4);
    // Below even a related trade inside the radius.
    const relatedNear = scoreMatch(student, promise({ trade: 'MACHINING', location: vienne }));
    expect(relatedNear.score).toBeGreaterThan(far.score);
    // A larger radius lifts the penalty.
    expect(scoreMatch({ ...student, mobilityKm: 150 }, promise({ location: grenoble })).outOfRadius).toBe(false);
    expect(scoreMatch(student, promise({ location: grenoble }), { audience: 'COMPANY' }).reasons[1]).toMatch(
      /^Loin pour l’élève/,
    );
  });

  it('prefers nearer promises within the radius', () => {
    expect(scoreMatch(student, promise({ location: villeurbanne })).score).toBeGreaterThan(
      scoreMatch(student, promise({ location: vienne })).score,
    );
  });

  it('accepts GeoJSON locations and a precomputed distance', () => {
    const a = scoreMatch(
      { ...student, location: toGeoJsonPoint(lyon) },
      promise({ location: toGeoJsonPoint(villeurbanne) }),
    );
    expect(a.score).toBe(scoreMatch(student, promise()).score);
    const b = scoreMatch(student, promise(), { distanceKm: 12 });
    expect(b.distanceKm).toBe(12);
    expect(b.reasons[1]).toBe('À 12 km\u00a0: dans la zone où vous pouvez aller (30 km)');
  });

  it('handles diploma levels', () => {
    const d = (held: MatchStudent['diplomaLevel'], asked: MatchPromise['diplomaLevel']) =>
      scoreMatch({ ...student, diplomaLevel: held }, promise({ diplomaLevel: asked })).components.diploma;
    expect(d('CAP', 'CAP')).toBe(1);
    expect(d('BAC_PRO', 'CAP')).toBe(1);
    expect(d('CQP', 'CAP')).toBe(0.75);
    expect(d('CAP', 'BAC_PRO')).toBe(0.25);
    expect(d(null, 'CAP')).toBe(0);
    expect(d(null, null)).toBe(1);
  });

  it('handles availability', () => {
    const late = scoreMatch({ ...student, availableFrom: '2025-10-01' }, promise());
    expect(late.components.availability).toBeCloseTo(1 - 30 / 90, 6);
    expect(late.reasons).toContain('Disponible le 01/10/2025, 30 jours après la date de début');
    const unknown = scoreMatch({ ...student, availableFrom: null }, promise());
    expect(unknown.components.availability).toBe(0.5);
    expect(unknown.reasons).toContain('Disponibilité non renseignée');
    // Graduation date stands in for availability.
    expect(
      scoreMatch({ ...student, availableFrom: null, graduationDate: new Date('2025-06-30') }, promise()).components
        .availability,
    ).toBe(1);
  });

  it('counts skills ignoring case and accents', () => {
    const one = scoreMatch({ ...student, skills: ['tig'] }, promise({ skills: ['TIG', 'Soudure à l’arc', 'Meulage'] }));
    expect(one.reasons).toContain('1 compétence en commun\u00a0: TIG');
    expect(one.components.skills).toBeCloseTo(1 / 3, 6);
    const accents = scoreMatch({ ...student, skills: ['soudure a l’arc'] }, promise({ skills: ['Soudure à l’arc'] }));
    expect(accents.components.skills).toBe(1);
    expect(scoreMatch(student, promise({ skills: [] })).components.skills).toBe(0.5);
    expect(scoreMatch({ ...student, skills: [] }, promise()).reasons).toContain(
      'Aucune des compétences demandées pour l’instant',
    );
  });

  it('values school history', () => {
    const none = scoreMatch(student, promise());
    const partner = scoreMatch(student, promise(), { partnershipApproved: true });
    const hires = scoreMatch(student, promise(), { partnershipApproved: true, pastHires: 1 });
    expect(none.components.schoolHistory).toBe(0);
    expect(partner.components.schoolHistory).toBe(0.5);
    expect(hires.reasons).toContain('1 embauche passée via l’école');
    expect(hires.score).toBeGreaterThan(partner.score);
    expect(partner.score).toBeGreaterThan(none.score);
    expect(scoreMatch(student, promise(), { partnershipApproved: true, pastHires: 99 }).components.schoolHistory).toBe(
      1,
    );
  });

  it('with reasons: false gives the same score and components without building reasons', () => {
    const variants: [MatchStudent, MatchPromise, Parameters<typeof scoreMatch>[2]][] = [
      [student, promise(), { partnershipApproved: true, pastHires: 2 }],
      [
        { ...student, trade: 'BOILERMAKING', location: grenoble },
        promise({ diplomaLevel: 'BAC_PRO' }),
        { audience: 'COMPANY' },
      ],
      [{ ...student, availableFrom: '2025-10-15', skills: [] }, promise({ location: vienne }), {}],
      [{ id: 'x' }, { id: 'y', trade: 'DIGITAL' }, {}],
    ];
    for (const [s, p, context] of variants) {
      const full = scoreMatch(s, p, context);
      const lean = scoreMatch(s, p, context, { reasons: false });
      expect(lean.reasons).toEqual([]);
      expect(full.reasons.length).toBeGreaterThan(0);
      expect({ ...lean, reasons: full.reasons }).toEqual(full);
    }
  });

  it('gives the same skills answer on repeated calls (normalized skills are cached)', () => {
    const asked = promise({ skills: ['Soudure à l’arc', 'TIG'] });
    const first = scoreMatch({ ...student, skills: ['SOUDURE A L’ARC'] }, asked);
    for (let i = 0; i < 3; i++) expect(scoreMatch({ ...student, skills: ['SOUDURE A L’ARC'] }, asked)).toEqual(first);
    expect(first.components.skills).toBe(0.5);
  });

  it('stays in [0, 1] for empty profiles', () => {
    const m = scoreMatch({ id: 'x' }, { id: 'y', trade: 'DIGITAL' });
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
    expect(m.reasons).toContain('Métier non renseigné');
    expect(m.distanceKm).toBeNull();
  });
});

describe('compareMatches', () => {
  it('orders by score desc, then distance asc, then id asc', () => {
    const items = [
      { id: 'c', score: 0.5, distanceKm: 10 },
      { id: 'b', score: 0.5, distanceKm: 10 },
      { id: 'a', score: 0.5, distanceKm: null },
      { id: 'd', score: 0.9, distanceKm: 50 },
      { id: 'e', score: 0.5, distanceKm: 2 },
    ];
    expect(rankMatches(items).map((m) => m.id)).toEqual(['d', 'e', 'b', 'c', 'a']);
    expect(compareMatches(items[0]!, items[0]!)).toBe(0);
    expect(items[0]!.id).toBe('c'); // rankMatches does not mutate
  });
});
