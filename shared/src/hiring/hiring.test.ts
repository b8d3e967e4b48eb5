import {
  interviewFieldsSchema,
  interviewMomentIssue,
  makeOfferSchema,
  offerStartIssue,
  parisDateTime,
  parisParts,
  statusLabelFor,
} from '..';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('interview schema', () => {
  const base = { date: '2027-03-10', time: '14:30', place: 'Atelier, Lyon' };
  it('accepts a place or an https link, within working hours and plausible lengths', () => {
    expect(interviewFieldsSchema.parse(base)).toMatchObject({ durationMinutes: 60, place: 'Atelier, Lyon' });
    expect(
      interviewFieldsSchema.safeParse({ ...base, place: '', videoUrl: 'https://visio.example.org/x' }).success,
    ).toBe(true);
    expect(paths(interviewFieldsSchema.safeParse({ ...base, place: ' ' }))).toEqual(['place']);
    expect(
      paths(interviewFieldsSchema.safeParse({ ...base, place: undefined, videoUrl: 'http://x.example' })),
    ).toContain('videoUrl');
    expect(paths(interviewFieldsSchema.safeParse({ ...base, time: '06:45' }))).toEqual(['time']);
    expect(paths(interviewFieldsSchema.safeParse({ ...base, time: '20:01' }))).toEqual(['time']);
    expect(paths(interviewFieldsSchema.safeParse({ ...base, date: '2027-02-30' }))).toEqual(['date']);
    expect(paths(interviewFieldsSchema.safeParse({ ...base, durationMinutes: 300 }))).toEqual(['durationMinutes']);
  });

  it('reads date and time in Paris, summer and winter', () => {
    expect(parisDateTime('2027-01-15', '09:00').toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(parisDateTime('2027-07-15', '09:00').toISOString()).toBe('2027-07-15T07:00:00.000Z');
    expect(parisParts(new Date('2027-07-15T07:00:00Z'))).toEqual({ date: '2027-07-15', time: '09:00' });
  });

  it('wants the interview at least an hour ahead and within six months', () => {
    const now = new Date('2027-01-10T10:00:00Z');
    expect(interviewMomentIssue(new Date('2027-01-10T10:30:00Z'), now)).toBe('hiring.interviewTooSoon');
    expect(interviewMomentIssue(new Date('2027-01-12T10:00:00Z'), now)).toBeNull();
    expect(interviewMomentIssue(new Date('2027-09-10T10:00:00Z'), now)).toBe('hiring.interviewTooFar');
  });
});

describe('offer schema', () => {
  const base = {
    applicationId: '64b7f0c2a1d3e4f5a6b7c8d9',
    contractType: 'CDI',
    startDate: '2027-02-01',
    weeklyHours: 35,
    grossMonthlySalary: 1900,
  };
  it('asks the salary, or the apprenticeship percentage, and keeps only the fitting pay', () => {
    expect(makeOfferSchema.parse({ ...base, apprenticeshipPercent: 53 }).apprenticeshipPercent).toBeUndefined();
    expect(paths(makeOfferSchema.safeParse({ ...base, grossMonthlySalary: undefined }))).toEqual([
      'grossMonthlySalary',
    ]);
    const apprentice = { ...base, contractType: 'APPRENTICESHIP', grossMonthlySalary: undefined };
    expect(paths(makeOfferSchema.safeParse(apprentice))).toEqual(['apprenticeshipPercent']);
    expect(makeOfferSchema.parse({ ...apprentice, apprenticeshipPercent: 53, grossMonthlySalary: 2000 })).toMatchObject(
      {
        apprenticeshipPercent: 53,
        grossMonthlySalary: undefined,
      },
    );
    expect(paths(makeOfferSchema.safeParse({ ...apprentice, apprenticeshipPercent: 53, weeklyHours: 39 }))).toEqual([
      'weeklyHours',
    ]);
  });

  it('bounds hours, pay and the start date', () => {
    expect(paths(makeOfferSchema.safeParse({ ...base, weeklyHours: 50 }))).toEqual(['weeklyHours']);
    expect(paths(makeOfferSchema.safeParse({ ...base, weeklyHours: 35.25 }))).toEqual(['weeklyHours']);
    expect(paths(makeOfferSchema.safeParse({ ...base, grossMonthlySalary: 20000 }))).toEqual(['grossMonthlySalary']);
    const now = new Date('2027-01-10T10:00:00Z');
    expect(offerStartIssue(new Date('2027-01-09T00:00:00Z'), now)).toBe('hiring.offerStartPast');
    expect(offerStartIssue(new Date('2027-01-10T00:00:00Z'), now)).toBeNull();
    expect(offerStartIssue(new Date('2028-03-01T00:00:00Z'), now)).toBe('hiring.offerStartTooFar');
  });
});

describe('status wording per side', () => {
  it('says "Offre faite" to the company and "Offre reçue" to the student', () => {
    expect(statusLabelFor('OFFERED', 'COMPANY', 'fr')).toBe('Offre faite');
    expect(statusLabelFor('OFFERED', 'STUDENT', 'fr')).toBe('Offre reçue');
    expect(statusLabelFor('OFFERED', 'STUDENT', 'en')).toBe('Offer received');
    expect(statusLabelFor('INTERVIEW', 'COMPANY', 'fr')).toBe('Entretien');
  });
});
