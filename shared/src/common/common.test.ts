import {
  CONTRACT_TYPES,
  CONTRACT_TYPE_LABELS,
  DIPLOMA_LEVELS,
  DIPLOMA_LEVEL_LABELS,
  ROLES,
  ROLE_LABELS,
  Role,
  TRADES,
  TRADE_FAMILY,
  TRADE_LABELS,
  TRADE_ROME,
  actorKindForRole,
  dateInputSchema,
  emailSchema,
  fromGeoJsonPoint,
  geoPointSchema,
  haversineKm,
  idSchema,
  isRelatedTrade,
  MESSAGES,
  labelOf,
  nameSchema,
  passwordSchema,
  relatedTrades,
  setLocaleProvider,
  skillsSchema,
  toGeoJsonPoint,
  tradeSchema,
  tradesOfFamily,
} from '..';

describe('enums', () => {
  it('spells the contract vocabulary exactly', () => {
    expect(ROLES).toEqual(['STUDENT', 'SCHOOL_STAFF', 'COMPANY_RECRUITER', 'FEDERATION_ADMIN']);
    expect(DIPLOMA_LEVELS).toEqual(['CAP', 'BAC_PRO', 'CQP', 'TITRE_PRO']);
    expect(CONTRACT_TYPES).toEqual(['CDI', 'CDD', 'APPRENTICESHIP', 'INTERIM']);
    expect(TRADE_ROME).toEqual({
      MACHINING: 'H2903',
      BOILERMAKING: 'H2902',
      WELDING: 'H2913',
      METALWORK: 'H2911',
      INDUSTRIAL_ELECTRICITY: 'I1309',
      INDUSTRIAL_MAINTENANCE: 'I1304',
      WOODWORK: 'H2206',
      TEXTILE: 'H2402',
      JEWELRY: 'B1603',
      AUTOMOTIVE: 'I1604',
      CATERING: 'G1602',
      DIGITAL: 'M1810',
    });
    expect(Object.keys(TRADE_ROME)).toEqual([...TRADES]);
    expect(Role.COMPANY_RECRUITER).toBe('COMPANY_RECRUITER');
  });

  it('has a French and an English label for every value', () => {
    for (const [values, labels] of [
      [ROLES, ROLE_LABELS],
      [TRADES, TRADE_LABELS],
      [DIPLOMA_LEVELS, DIPLOMA_LEVEL_LABELS],
      [CONTRACT_TYPES, CONTRACT_TYPE_LABELS],
    ] as const) {
      for (const v of values) {
        expect((labels.fr as Record<string, string>)[v]).toBeTruthy();
        expect((labels.en as Record<string, string>)[v]).toBeTruthy();
      }
    }
    expect(labelOf(TRADE_LABELS, 'WELDING')).toBe('Soudure');
    expect(labelOf(TRADE_LABELS, 'WELDING', 'en')).toBe('Welding');
  });

  it('rejects unknown enum values', () => {
    expect(tradeSchema.safeParse('PLUMBING').success).toBe(false);
    expect(tradeSchema.safeParse('welding').success).toBe(false);
  });

  it('maps roles to actor kinds', () => {
    expect(ROLES.map(actorKindForRole)).toEqual(['STUDENT', 'SCHOOL', 'COMPANY', 'ADMIN']);
  });
});

describe('ROME families', () => {
  it('groups trades by the first three characters of the ROME code', () => {
    expect(TRADE_FAMILY.WELDING).toBe('H29');
    expect(relatedTrades('WELDING')).toEqual(['MACHINING', 'BOILERMAKING', 'METALWORK']);
    expect(relatedTrades('INDUSTRIAL_ELECTRICITY')).toEqual(['INDUSTRIAL_MAINTENANCE']);
    expect(relatedTrades('CATERING')).toEqual([]);
    expect(tradesOfFamily('METALWORK')).toEqual(['MACHINING', 'BOILERMAKING', 'WELDING', 'METALWORK']);
    expect(isRelatedTrade('WELDING', 'BOILERMAKING')).toBe(true);
    expect(isRelatedTrade('WELDING', 'WELDING')).toBe(false);
    expect(isRelatedTrade('WELDING', 'INDUSTRIAL_MAINTENANCE')).toBe(false);
    // Woodwork (H22) and textile (H24) share the H domain but not the family.
    expect(isRelatedTrade('WOODWORK', 'TEXTILE')).toBe(false);
  });
});

describe('geo', () => {
  it('validates bounds', () => {
    expect(geoPointSchema.safeParse({ lat: 45.76, lng: 4.83 }).success).toBe(true);
    const bad = geoPointSchema.safeParse({ lat: 91, lng: -181 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['lat', 'lng']);
    expect(geoPointSchema.safeParse({ lat: Number.NaN, lng: 0 }).success).toBe(false);
    expect(geoPointSchema.safeParse({ lat: '45', lng: 4 }).success).toBe(false);
  });

  it('converts to GeoJSON with longitude first', () => {
    expect(toGeoJsonPoint({ lat: 45.76, lng: 4.83 })).toEqual({ type: 'Point', coordinates: [4.83, 45.76] });
    expect(fromGeoJsonPoint(toGeoJsonPoint({ lat: 1, lng: 2 }))).toEqual({ lat: 1, lng: 2 });
  });

  it('computes great-circle distances', () => {
    const lyon = { lat: 45.764, lng: 4.8357 };
    const paris = { lat: 48.8566, lng: 2.3522 };
    expect(haversineKm(lyon, paris)).toBeGreaterThan(385);
    expect(haversineKm(lyon, paris)).toBeLessThan(395);
    expect(haversineKm(lyon, lyon)).toBe(0);
    expect(haversineKm(paris, lyon)).toBeCloseTo(haversineKm(lyon, paris), 9);
  });
});

describe('strings, ids, email, password, dates', () => {
  it('accepts 24-hex ids only', () => {
    expect(idSchema.parse('64B7F0C2A1D3E4F5A6B7C8D9')).toBe('64b7f0c2a1d3e4f5a6b7c8d9');
    expect(idSchema.safeParse('64b7f0c2a1d3e4f5a6b7c8d').success).toBe(false);
    expect(idSchema.safeParse('zzb7f0c2a1d3e4f5a6b7c8d9').success).toBe(false);
    expect(idSchema.safeParse(42).success).toBe(false);
  });

  it('trims and bounds names', () => {
    expect(nameSchema.parse('  Lucie  ')).toBe('Lucie');
    expect(nameSchema.safeParse('   ').success).toBe(false);
    expect(nameSchema.safeParse('x'.repeat(100)).success).toBe(true);
    expect(nameSchema.safeParse('x'.repeat(101)).success).toBe(false);
  });

  it('lowercases and trims e-mails', () => {
    expect(emailSchema.parse('  Lucie.Martin@Example.FR ')).toBe('lucie.martin@example.fr');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@x.fr`).success).toBe(false);
  });

  it('requires 10 to 200 password characters', () => {
    expect(passwordSchema.safeParse('123456789').success).toBe(false);
    expect(passwordSchema.safeParse('1234567890').success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(201)).success).toBe(false);
  });

  it('bounds and dedupes skills', () => {
    expect(skillsSchema.parse([' TIG ', 'tig', 'Lecture de plan', 'lecture  de plán'])).toEqual([
      'TIG',
      'Lecture de plan',
    ]);
    expect(skillsSchema.safeParse(Array.from({ length: 31 }, (_, i) => `s${i}`)).success).toBe(false);
    const long = skillsSchema.safeParse(['ok', 'x'.repeat(51)]);
    expect(long.error?.issues[0]?.path).toEqual([1]);
  });

  it('reads ISO dates and Date objects', () => {
    expect(dateInputSchema.parse('2025-09-01').toISOString()).toBe('2025-09-01T00:00:00.000Z');
    expect(dateInputSchema.parse('2025-09-01T08:30:00+02:00').toISOString()).toBe('2025-09-01T06:30:00.000Z');
    const d = new Date('2025-01-02T03:04:05Z');
    expect(dateInputSchema.parse(d)).toBe(d);
    expect(dateInputSchema.safeParse('01/09/2025').success).toBe(false);
    expect(dateInputSchema.safeParse('2025-13-45').success).toBe(false);
    expect(dateInputSchema.safeParse('2025-02-30').success).toBe(false);
    expect(dateInputSchema.safeParse(new Date('nope')).success).toBe(false);
    expect(dateInputSchema.safeParse(12345).success).toBe(false);
  });
});

describe('validation messages follow the active locale at parse time', () => {
  afterEach(() => setLocaleProvider(() => undefined));

  it('renders the same schema in French, then English, then French again', () => {
    const firstIssue = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;
    expect(firstIssue(nameSchema.safeParse('  '))).toBe('Ce champ est obligatoire');
    setLocaleProvider(() => 'en');
    expect(firstIssue(nameSchema.safeParse('  '))).toBe('This field is required');
    expect(firstIssue(nameSchema.safeParse('x'.repeat(101)))).toBe('100 characters maximum');
    expect(firstIssue(dateInputSchema.safeParse('2025-02-30'))).toBe('Invalid date');
    expect(firstIssue(idSchema.safeParse('nope'))).toBe('Invalid identifier');
    setLocaleProvider(() => 'fr');
    expect(firstIssue(nameSchema.safeParse('x'.repeat(101)))).toBe('100 caractères maximum');
  });

  it('has an English text for every French validation key', () => {
    const frKeys = Object.keys(MESSAGES.fr).filter((k) => k.startsWith('validation.'));
    expect(frKeys.length).toBeGreaterThan(20);
    for (const k of frKeys) expect(MESSAGES.en[k]).toMatch(/\S/);
  });
});
