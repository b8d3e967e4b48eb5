import {
  classifyGraduate,
  computeOutcomeStats,
  computeOutcomeStatsFromCells,
  daysBetween,
  emptyCellSums,
  outcomeCellsOf,
  isOutcomeOverdue,
  latestRecord,
  median,
  type ExitOutcome,
  type GraduateOutcomeRecord,
  type OutcomeFigures,
  type Trade,
} from '..';

const DAY = 24 * 60 * 60 * 1000;
const GRADUATION = new Date('2025-06-30T00:00:00Z');
const day = (n: number, from: Date = GRADUATION) => new Date(from.getTime() + n * DAY);

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);
const D = 'd'.repeat(24);

interface GradSpec {
  school?: string;
  trade?: Trade;
  graduated?: Date;
  region?: string;
  outcome?: ExitOutcome;
  start?: number | null;
  exam?: boolean | null;
  ledger?: number;
}
function grad(s: GradSpec = {}): GraduateOutcomeRecord {
  const graduationDate = s.graduated ?? GRADUATION;
  return {
    schoolId: s.school ?? A,
    trade: s.trade ?? 'MACHINING',
    graduationDate,
    region: s.region ?? 'Normandie',
    outcome: s.outcome
      ? {
          outcome: s.outcome,
          startDate: s.start === undefined || s.start === null ? null : day(s.start, graduationDate),
        }
      : null,
    examPassed: s.exam ?? null,
    ledgerEntries: s.ledger ?? 0,
  };
}
const many = (n: number, s: GradSpec = {}) => Array.from({ length: n }, () => grad(s));

// A correction: the graduate was first recorded SEEKING, then staff corrected to EMPLOYED on day 30.
const correctedHistory = [
  { outcome: 'SEEKING' as const, startDate: null, recordedAt: new Date('2025-07-10T10:00:00Z') },
  { outcome: 'EMPLOYED' as const, startDate: day(30), recordedAt: new Date('2025-08-02T09:00:00Z') },
];

/** School A, 10 graduates of 2025 whose every figure is known (see the expectations below). */
function schoolA(): GraduateOutcomeRecord[] {
  return [
    grad({ outcome: 'EMPLOYED', start: 60, exam: true, ledger: 6 }), // day 60: within two months
    grad({ outcome: 'EMPLOYED', start: 61, exam: true, ledger: 5 }), // day 61: positive, not within
    grad({ outcome: 'EMPLOYED', start: 0, exam: true, ledger: 5 }),
    grad({ outcome: 'EMPLOYED', start: -5, exam: false, ledger: 0 }), // started before graduating: within
    grad({ outcome: 'APPRENTICESHIP', exam: true, ledger: 3 }),
    grad({ outcome: 'FURTHER_STUDIES', exam: true, ledger: 7 }),
    grad({ outcome: 'SEEKING', exam: true, ledger: 2 }),
    grad({ outcome: 'OTHER', exam: true, ledger: 0 }),
    grad({ ledger: 1 }), // no outcome recorded: counts as not positive; no exam result either
    { ...grad({ ledger: 12 }), outcome: latestRecord(correctedHistory) },
  ];
}
const SCHOOL_A_FIGURES: OutcomeFigures = {
  graduates: 10,
  suppressed: false,
  examResults: 8,
  outcomesRecorded: 9,
  examSuccessRate: 7 / 8, // over graduates with a result only
  positiveOutcomeRate: 7 / 10, // 5 employed (the corrected one included) + 2 continuing
  employedWithinTwoMonthsRate: 4 / 10, // days 60, 0, -5 and 30
  continuingStudiesRate: 2 / 10,
  promisesPerGraduate: { mean: 41 / 10, median: 4 }, // counts 0 0 1 2 3 | 5 5 6 7 12
  medianDaysToHire: 30, // -5 0 30 60 61
};
const SUPPRESSED = {
  suppressed: true,
  examSuccessRate: null,
  positiveOutcomeRate: null,
  employedWithinTwoMonthsRate: null,
  continuingStudiesRate: null,
  promisesPerGraduate: { mean: null, median: null },
  medianDaysToHire: null,
};

describe('computeOutcomeStats: a hand-built school', () => {
  it('computes every figure of a known cohort', () => {
    const stats = computeOutcomeStats(schoolA());
    const { bySchool, byTrade, byCohort, ...figures } = stats;
    expect(figures).toEqual(SCHOOL_A_FIGURES);
    expect(bySchool).toEqual([{ schoolId: A, ...SCHOOL_A_FIGURES }]);
    expect(byTrade).toEqual([{ trade: 'MACHINING', ...SCHOOL_A_FIGURES }]);
    expect(byCohort).toEqual([{ cohort: 2025, ...SCHOOL_A_FIGURES }]);
  });

  it('counts day 60 as within two months and day 61 not', () => {
    const at = (start: number) => computeOutcomeStats(many(10, { outcome: 'EMPLOYED', start }));
    expect(at(60).employedWithinTwoMonthsRate).toBe(1);
    expect(at(61).employedWithinTwoMonthsRate).toBe(0);
    expect(at(61).positiveOutcomeRate).toBe(1);
    expect(at(61).medianDaysToHire).toBe(61);
  });

  it('reads day boundaries in UTC whole days, whatever the time of day', () => {
    const graduated = new Date('2025-06-30T22:30:00Z');
    const lateOnDay60 = {
      ...grad({ graduated }),
      outcome: { outcome: 'EMPLOYED' as const, startDate: new Date('2025-08-29T23:59:00Z') },
    };
    const earlyOnDay61 = {
      ...grad({ graduated }),
      outcome: { outcome: 'EMPLOYED' as const, startDate: new Date('2025-08-30T00:01:00Z') },
    };
    expect(classifyGraduate(lateOnDay60)).toMatchObject({ daysToHire: 60, employedWithinTwoMonths: true });
    expect(classifyGraduate(earlyOnDay61)).toMatchObject({ daysToHire: 61, employedWithinTwoMonths: false });
  });

  it('a correction replaces the outcome: the latest record wins', () => {
    const before = [...many(9, { outcome: 'SEEKING' }), grad({ outcome: 'SEEKING' })];
    const after = [...many(9, { outcome: 'SEEKING' }), { ...grad(), outcome: latestRecord(correctedHistory) }];
    expect(computeOutcomeStats(before).positiveOutcomeRate).toBe(0);
    expect(computeOutcomeStats(after)).toMatchObject({
      positiveOutcomeRate: 0.1,
      employedWithinTwoMonthsRate: 0.1,
      medianDaysToHire: 30,
    });
  });

  it('counts missing outcomes in the denominator as not positive', () => {
    const stats = computeOutcomeStats([...many(4, { outcome: 'EMPLOYED', start: 10 }), ...many(6)]);
    expect(stats).toMatchObject({ graduates: 10, outcomesRecorded: 4, positiveOutcomeRate: 0.4 });
  });

  it('computes the exam rate over graduates with a recorded result only, null when none has one', () => {
    const stats = computeOutcomeStats([...many(3, { exam: true }), grad({ exam: false }), ...many(6)]);
    expect(stats).toMatchObject({ examResults: 4, examSuccessRate: 0.75 });
    expect(computeOutcomeStats(many(12, { outcome: 'FURTHER_STUDIES' }))).toMatchObject({
      examResults: 0,
      examSuccessRate: null,
      continuingStudiesRate: 1,
    });
  });

  it('takes the middle of ties and the mean of the two middle values of an even count', () => {
    const ties = [10, 10, 10, 20].map((start) => grad({ outcome: 'EMPLOYED', start, ledger: 5 }));
    const stats = computeOutcomeStats([...ties, ...many(6, { outcome: 'SEEKING', ledger: 5 })]);
    expect(stats.medianDaysToHire).toBe(10);
    expect(stats.promisesPerGraduate).toEqual({ mean: 5, median: 5 });
    const even = [10, 20, 30, 41].map((start) => grad({ outcome: 'EMPLOYED', start, ledger: start > 25 ? 6 : 5 }));
    const evenStats = computeOutcomeStats([...even, ...many(6, { ledger: 6 })]);
    expect(evenStats.medianDaysToHire).toBe(25);
    expect(evenStats.promisesPerGraduate).toEqual({ mean: 5.8, median: 6 });
    const half = computeOutcomeStats([...many(5, { ledger: 5 }), ...many(5, { ledger: 6 })]);
    expect(half.promisesPerGraduate).toEqual({ mean: 5.5, median: 5.5 });
  });

  it('gives null figures for an empty selection and no breakdown', () => {
    expect(computeOutcomeStats([])).toEqual({
      graduates: 0,
      suppressed: false,
      examResults: 0,
      outcomesRecorded: 0,
      examSuccessRate: null,
      positiveOutcomeRate: null,
      employedWithinTwoMonthsRate: null,
      continuingStudiesRate: null,
      promisesPerGraduate: { mean: null, median: null },
      medianDaysToHire: null,
      bySchool: [],
      byTrade: [],
      byCohort: [],
    });
  });

  it('counts a graduate without a trade everywhere but in byTrade, and a trade filter leaves them out', () => {
    const records = [...many(10), { ...grad({ outcome: 'EMPLOYED', start: 5 }), trade: null }];
    const stats = computeOutcomeStats(records);
    expect(stats).toMatchObject({ graduates: 11, positiveOutcomeRate: 1 / 11 });
    expect(stats.byTrade).toEqual([expect.objectContaining({ trade: 'MACHINING', graduates: 10 })]);
    expect(computeOutcomeStats(records, { filter: { trades: ['MACHINING'] } }).graduates).toBe(10);
  });

  it('leaves the median days to hire null when nobody is employed', () => {
    expect(computeOutcomeStats(many(10, { outcome: 'APPRENTICESHIP' })).medianDaysToHire).toBeNull();
  });
});

describe('computeOutcomeStats: small groups are suppressed outside their school', () => {
  // B: 3 welders, C: 9 machinists, D: exactly 10 machinists; all 2025, all employed on day 20.
  const network = () => [
    ...many(3, { school: B, trade: 'WELDING', outcome: 'EMPLOYED', start: 20, exam: true, ledger: 2 }),
    ...many(9, { school: C, outcome: 'EMPLOYED', start: 20, exam: true, ledger: 2 }),
    ...many(10, { school: D, outcome: 'EMPLOYED', start: 20, exam: true, ledger: 2 }),
  ];
  const shown = { suppressed: false, positiveOutcomeRate: 1, employedWithinTwoMonthsRate: 1, medianDaysToHire: 20 };

  it('hides every rate of a group under 10 from the federation, but shows its size', () => {
    const stats = computeOutcomeStats(network());
    expect(stats).toMatchObject({ graduates: 22, ...shown });
    expect(stats.bySchool).toEqual([
      expect.objectContaining({ schoolId: B, graduates: 3, examResults: 3, ...SUPPRESSED }),
      expect.objectContaining({ schoolId: C, graduates: 9, ...SUPPRESSED }),
      expect.objectContaining({ schoolId: D, graduates: 10, ...shown }),
    ]);
    expect(stats.byTrade).toEqual([
      expect.objectContaining({ trade: 'MACHINING', graduates: 19, ...shown }),
      expect.objectContaining({ trade: 'WELDING', graduates: 3, ...SUPPRESSED }),
    ]);
  });

  it('shows a school its own small groups, never another school’s', () => {
    const stats = computeOutcomeStats(network(), { viewerSchoolId: B });
    expect(stats.bySchool[0]).toMatchObject({ schoolId: B, graduates: 3, ...shown });
    expect(stats.bySchool[1]).toMatchObject({ schoolId: C, ...SUPPRESSED });
    // The welding group is B's graduates only: B sees it.
    expect(stats.byTrade[1]).toMatchObject({ trade: 'WELDING', ...shown });
    const ownOnly = computeOutcomeStats(network(), { viewerSchoolId: B, filter: { schoolIds: [B] } });
    expect(ownOnly).toMatchObject({ graduates: 3, ...shown });
    expect(computeOutcomeStats(network(), { viewerSchoolId: C, filter: { schoolIds: [B] } })).toMatchObject({
      graduates: 3,
      ...SUPPRESSED,
    });
  });

  it('suppresses a group mixing the viewer’s graduates with another school’s when under 10', () => {
    const mixed = [...many(4, { school: B }), ...many(4, { school: C })];
    expect(computeOutcomeStats(mixed, { viewerSchoolId: B })).toMatchObject({ graduates: 8, ...SUPPRESSED });
  });

  it('applies the threshold given', () => {
    expect(computeOutcomeStats(many(3), { minGroupSize: 3 }).suppressed).toBe(false);
    expect(computeOutcomeStats(many(2), { minGroupSize: 3 }).suppressed).toBe(true);
  });
});

describe('computeOutcomeStats: filters and breakdowns', () => {
  const records = () => [
    ...many(10, { school: A, trade: 'MACHINING', region: 'Normandie', outcome: 'EMPLOYED', start: 10 }),
    ...many(10, { school: B, trade: 'WELDING', region: 'Occitanie', outcome: 'SEEKING' }),
    ...many(10, { school: B, trade: 'WELDING', region: 'Occitanie', graduated: new Date('2024-12-31T23:00:00Z') }),
    ...many(10, {
      school: C,
      trade: 'TEXTILE',
      region: 'Grand Est',
      graduated: new Date('2026-01-01T00:00:00Z'),
      outcome: 'APPRENTICESHIP',
    }),
  ];

  it('breaks down by school, trade (in TRADES order) and graduation year (UTC, oldest first)', () => {
    const stats = computeOutcomeStats(records());
    expect(stats.bySchool.map((s) => [s.schoolId, s.graduates])).toEqual([
      [A, 10],
      [B, 20],
      [C, 10],
    ]);
    expect(stats.byTrade.map((s) => [s.trade, s.graduates])).toEqual([
      ['MACHINING', 10],
      ['WELDING', 20],
      ['TEXTILE', 10],
    ]);
    expect(stats.byCohort.map((s) => [s.cohort, s.graduates, s.positiveOutcomeRate])).toEqual([
      [2024, 10, 0],
      [2025, 20, 0.5],
      [2026, 10, 1],
    ]);
  });

  it('filters by schools, trades, cohort and region, combined with AND', () => {
    const r = records();
    expect(computeOutcomeStats(r, { filter: { schoolIds: [A, C] } }).graduates).toBe(20);
    expect(computeOutcomeStats(r, { filter: { trades: ['WELDING'] } }).graduates).toBe(20);
    expect(computeOutcomeStats(r, { filter: { cohort: 2025 } }).graduates).toBe(20);
    expect(computeOutcomeStats(r, { filter: { region: 'Occitanie' } }).graduates).toBe(20);
    expect(computeOutcomeStats(r, { filter: { region: 'Occitanie', cohort: 2025 } })).toMatchObject({
      graduates: 10,
      positiveOutcomeRate: 0,
    });
    expect(computeOutcomeStats(r, { filter: { schoolIds: [], trades: [] } }).graduates).toBe(40);
    expect(computeOutcomeStats(r, { filter: { trades: ['JEWELRY'] } }).graduates).toBe(0);
  });

  it('agrees with a naive recomputation on random data', () => {
    // Small deterministic PRNG (mulberry32) so a failure is reproducible.
    let seed = 17;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const outcomes = [undefined, 'EMPLOYED', 'APPRENTICESHIP', 'FURTHER_STUDIES', 'SEEKING', 'OTHER'] as const;
    const data = Array.from({ length: 2000 }, () =>
      grad({
        school: pick([A, B, C, D]),
        trade: pick(['MACHINING', 'WELDING', 'TEXTILE'] as const),
        graduated: new Date(Date.UTC(pick([2023, 2024, 2025]), 5, 30)),
        outcome: pick(outcomes),
        start: Math.floor(rand() * 150) - 10,
        exam: pick([true, true, true, false, null]),
        ledger: Math.floor(rand() * 9),
      }),
    );
    const naive = (xs: GraduateOutcomeRecord[]) => {
      const cls = xs.map(classifyGraduate);
      const exam = xs.filter((x) => x.examPassed !== null);
      const days = cls.flatMap((c) => (c.daysToHire === null ? [] : [c.daysToHire]));
      return {
        graduates: xs.length,
        examSuccessRate: exam.filter((x) => x.examPassed).length / exam.length,
        positiveOutcomeRate: cls.filter((c) => c.positive).length / xs.length,
        employedWithinTwoMonthsRate: cls.filter((c) => c.employedWithinTwoMonths).length / xs.length,
        continuingStudiesRate: cls.filter((c) => c.continuing).length / xs.length,
        promisesPerGraduate: {
          mean: xs.reduce((n, x) => n + x.ledgerEntries, 0) / xs.length,
          median: median(xs.map((x) => x.ledgerEntries)),
        },
        medianDaysToHire: median(days),
      };
    };
    const stats = computeOutcomeStats(data);
    expect(stats).toMatchObject(naive(data));
    for (const s of stats.bySchool) expect(s).toMatchObject(naive(data.filter((x) => x.schoolId === s.schoolId)));
    for (const s of stats.byTrade) expect(s).toMatchObject(naive(data.filter((x) => x.trade === s.trade)));
    for (const s of stats.byCohort) {
      expect(s).toMatchObject(naive(data.filter((x) => x.graduationDate.getUTCFullYear() === s.cohort)));
    }
  });

  it('gives the same figures from cells (school × trade × cohort sums) as from the graduates, suppression included', () => {
    let seed = 29;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const outcomes = [undefined, 'EMPLOYED', 'APPRENTICESHIP', 'FURTHER_STUDIES', 'SEEKING', 'OTHER'] as const;
    const data = Array.from({ length: 600 }, (_, i) =>
      grad({
        // School D has only a handful of graduates: its groups are suppressed outside it.
        school: i % 100 === 0 ? D : pick([A, B, C]),
        trade: pick(['MACHINING', 'WELDING', 'TEXTILE', undefined] as const),
        graduated: new Date(Date.UTC(pick([2023, 2024, 2025]), pick([0, 5, 11]), 28)),
        outcome: pick(outcomes),
        start: pick([null, Math.floor(rand() * 150) - 10]),
        exam: pick([true, false, null]),
        ledger: Math.floor(rand() * 9),
      }),
    );
    const cells = outcomeCellsOf(data);
    expect(cells.length).toBeLessThan(data.length);
    for (const viewerSchoolId of [null, A, D]) {
      expect(computeOutcomeStatsFromCells(cells, { viewerSchoolId })).toEqual(
        computeOutcomeStats(data, { viewerSchoolId }),
      );
    }
    expect(computeOutcomeStatsFromCells([], {})).toEqual(computeOutcomeStats([], {}));
    // A cohort split into several cells (the API keeps one per graduation date), and cells emptied by corrections
    // (zero counts, no graduate left): the same figures.
    const split = [...outcomeCellsOf(data.slice(0, 250)), ...outcomeCellsOf(data.slice(250))];
    expect(split.length).toBeGreaterThan(cells.length);
    const emptied = cells.map((c) => ({
      ...c,
      ...emptyCellSums(),
      daysToHire: { '-3': 0, '7': 0 },
      ledgerEntries: { '0': 0 },
    }));
    const zeroKeys = split.map((c) => ({ ...c, daysToHire: { ...c.daysToHire, '-8': 0, '200': 0 } }));
    for (const viewerSchoolId of [null, A, D]) {
      expect(computeOutcomeStatsFromCells([...zeroKeys, ...emptied], { viewerSchoolId })).toEqual(
        computeOutcomeStats(data, { viewerSchoolId }),
      );
    }
  });

  it('keeps a cell’s medians as histograms: days to hire by whole days (negative too), graduates by entries', () => {
    const records = [
      grad({ outcome: 'EMPLOYED', start: -5, ledger: 0 }),
      grad({ outcome: 'EMPLOYED', start: -5, ledger: 3 }),
      grad({ outcome: 'EMPLOYED', start: 12, ledger: 3 }),
      grad({ outcome: 'EMPLOYED', start: null, ledger: 1 }),
      grad({ outcome: 'SEEKING', ledger: 0 }),
    ];
    expect(outcomeCellsOf(records)).toEqual([
      expect.objectContaining({ graduates: 5, daysToHire: { '-5': 2, '12': 1 }, ledgerEntries: { 0: 2, 1: 1, 3: 2 } }),
    ]);
    expect(computeOutcomeStatsFromCells(outcomeCellsOf(records), { minGroupSize: 1 })).toMatchObject({
      medianDaysToHire: -5,
      promisesPerGraduate: { mean: 7 / 5, median: 1 },
    });
  });
});

describe('outcome helpers', () => {
  it('latestRecord takes the greatest recordedAt, the last one on a tie, null for no history', () => {
    const at = new Date('2025-09-01T00:00:00Z');
    expect(latestRecord(correctedHistory)?.outcome).toBe('EMPLOYED');
    expect(latestRecord([...correctedHistory].reverse())?.outcome).toBe('EMPLOYED');
    expect(
      latestRecord([
        { id: 1, recordedAt: at },
        { id: 2, recordedAt: at },
      ])?.id,
    ).toBe(2);
    expect(latestRecord([])).toBeNull();
  });

  it('classifies an EMPLOYED outcome without a start date as positive but not within two months', () => {
    expect(classifyGraduate(grad({ outcome: 'EMPLOYED', start: null }))).toEqual({
      positive: true,
      continuing: false,
      employed: true,
      employedWithinTwoMonths: false,
      daysToHire: null,
    });
    expect(classifyGraduate(grad())).toMatchObject({ positive: false, daysToHire: null });
  });

  it('flags a missing outcome after 60 days, never a recorded one', () => {
    expect(isOutcomeOverdue(GRADUATION, false, day(60))).toBe(false);
    expect(isOutcomeOverdue(GRADUATION, false, day(61))).toBe(true);
    expect(isOutcomeOverdue(GRADUATION, true, day(400))).toBe(false);
    expect(daysBetween(GRADUATION, day(-3))).toBe(-3);
  });

  it('median of numbers', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-5, 10])).toBe(2.5);
  });
});
