import {
  EXIT_OUTCOME_LABELS,
  EXIT_OUTCOMES,
  isPositiveOutcome,
  makeRecordExitOutcomeSchema,
  makeRecordOffPlatformPromiseSchema,
  outcomeFilterSchema,
  OUTCOME_REFERENCE,
  recordExamResultSchema,
  referenceValue,
} from '..';

const NOW = new Date('2026-03-15T10:00:00Z');
const STUDENT = '64B7F0C2A1D3E4F5A6B7C8D9';
const exitSchema = makeRecordExitOutcomeSchema(NOW);
const promiseSchema = makeRecordOffPlatformPromiseSchema(NOW);
const pathsOf = (r: { error?: { issues: { path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => i.path.join('.')).sort();

describe('recordExitOutcome input', () => {
  it('accepts an EMPLOYED record with company, contract type and start date', () => {
    const v = exitSchema.parse({
      studentId: STUDENT,
      outcome: 'EMPLOYED',
      companyName: ' Usinage Normand ',
      contractType: 'CDI',
      startDate: '2025-09-01',
      note: null,
    });
    expect(v).toEqual({
      studentId: STUDENT.toLowerCase(),
      outcome: 'EMPLOYED',
      companyName: 'Usinage Normand',
      contractType: 'CDI',
      startDate: new Date('2025-09-01T00:00:00Z'),
    });
    expect(
      exitSchema.safeParse({
        studentId: STUDENT,
        outcome: 'EMPLOYED',
        companyId: STUDENT,
        contractType: 'CDD',
        startDate: '2025-09-01',
      }).success,
    ).toBe(true);
  });

  it('requires the company, the contract type and the start date of an EMPLOYED record', () => {
    expect(pathsOf(exitSchema.safeParse({ studentId: STUDENT, outcome: 'EMPLOYED' }))).toEqual([
      'companyName',
      'contractType',
      'startDate',
    ]);
  });

  it('sends an apprenticeship contract to the APPRENTICESHIP outcome', () => {
    const r = exitSchema.safeParse({
      studentId: STUDENT,
      outcome: 'EMPLOYED',
      companyName: 'X',
      contractType: 'APPRENTICESHIP',
      startDate: '2025-09-01',
    });
    expect(pathsOf(r)).toEqual(['contractType']);
    expect(r.error?.issues[0]?.message).toMatch(/En apprentissage/);
  });

  it('accepts the other outcomes bare, an apprenticeship with its company, and refuses stray fields', () => {
    for (const outcome of ['APPRENTICESHIP', 'FURTHER_STUDIES', 'SEEKING', 'OTHER']) {
      expect(exitSchema.safeParse({ studentId: STUDENT, outcome }).success).toBe(true);
    }
    expect(
      exitSchema.safeParse({ studentId: STUDENT, outcome: 'APPRENTICESHIP', companyName: 'Oise Mécanique' }).success,
    ).toBe(true);
    expect(
      pathsOf(exitSchema.safeParse({ studentId: STUDENT, outcome: 'SEEKING', companyName: 'X', contractType: 'CDI' })),
    ).toEqual(['companyName', 'contractType']);
  });

  it('refuses a start date more than a year ahead, an unknown outcome and a bad id', () => {
    expect(
      pathsOf(exitSchema.safeParse({ studentId: STUDENT, outcome: 'FURTHER_STUDIES', startDate: '2027-03-16' })),
    ).toEqual(['startDate']);
    expect(
      exitSchema.safeParse({ studentId: STUDENT, outcome: 'FURTHER_STUDIES', startDate: '2027-03-15' }).success,
    ).toBe(true);
    expect(pathsOf(exitSchema.safeParse({ studentId: 'me', outcome: 'RETIRED' }))).toEqual(['outcome', 'studentId']);
  });
});

describe('recordExamResult input', () => {
  it('takes a diploma and a boolean', () => {
    expect(recordExamResultSchema.parse({ studentId: STUDENT, diploma: 'CAP', passed: false })).toEqual({
      studentId: STUDENT.toLowerCase(),
      diploma: 'CAP',
      passed: false,
    });
    expect(pathsOf(recordExamResultSchema.safeParse({ studentId: STUDENT, diploma: 'BTS', passed: 'yes' }))).toEqual([
      'diploma',
      'passed',
    ]);
  });
});

describe('recordOffPlatformPromise input', () => {
  it('takes a company, a date up to today and an optional note', () => {
    expect(
      promiseSchema.parse({ studentId: STUDENT, companyName: 'Garage Martin', date: '2026-03-15', note: '  ' }),
    ).toEqual({
      studentId: STUDENT.toLowerCase(),
      companyName: 'Garage Martin',
      date: new Date('2026-03-15T00:00:00Z'),
    });
    expect(
      promiseSchema.parse({ studentId: STUDENT, companyName: 'G', date: '2026-03-15T23:59:00Z', note: 'Oral' }).note,
    ).toBe('Oral');
  });

  it('refuses a future date and a blank company', () => {
    expect(pathsOf(promiseSchema.safeParse({ studentId: STUDENT, companyName: ' ', date: '2026-03-16' }))).toEqual([
      'companyName',
      'date',
    ]);
  });
});

describe('OutcomeFilter', () => {
  it('normalises lists and treats null as absent', () => {
    expect(
      outcomeFilterSchema.parse({
        schoolIds: [STUDENT, STUDENT.toLowerCase()],
        trades: ['WELDING', 'WELDING'],
        cohort: 2025,
        region: null,
      }),
    ).toEqual({
      schoolIds: [STUDENT.toLowerCase()],
      trades: ['WELDING'],
      cohort: 2025,
    });
    expect(outcomeFilterSchema.parse({})).toEqual({});
    expect(pathsOf(outcomeFilterSchema.safeParse({ cohort: 1999, trades: ['ASTRONAUT'] }))).toEqual([
      'cohort',
      'trades.0',
    ]);
  });
});

describe('outcome vocabulary and reference figures', () => {
  it('labels every outcome in both languages and says which are positive', () => {
    for (const o of EXIT_OUTCOMES) {
      expect(EXIT_OUTCOME_LABELS.fr[o]).toBeTruthy();
      expect(EXIT_OUTCOME_LABELS.en[o]).toBeTruthy();
    }
    expect(EXIT_OUTCOMES.filter(isPositiveOutcome)).toEqual(['EMPLOYED', 'APPRENTICESHIP', 'FURTHER_STUDIES']);
    expect(isPositiveOutcome(null)).toBe(false);
  });

  it('quotes the network’s headline figures', () => {
    expect(OUTCOME_REFERENCE.examSuccessRate).toEqual({ low: 0.9, high: 0.93 });
    expect(referenceValue('promisesPerGraduate')).toBe(5.5);
    expect(referenceValue('employedWithinTwoMonthsRate') + referenceValue('continuingStudiesRate')).toBe(1);
  });
});
