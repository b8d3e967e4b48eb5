import {
  approvePartnership,
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  registerCompany,
  snapshotDatabase,
  startTestApp,
  type Actor,
  type CompanyFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';
import { apply, inDays, move, offer, openPromise } from './marketplace.fixtures';

// Outcomes over real HTTP: a hand-built cohort whose every figure is known in advance (day 60 vs day 61, a
// correction, missing outcomes, the exam rate over recorded results only), small groups suppressed outside their
// school, a hire through the app recorded by itself, the ledger of promises, bad input refused without a write.

const GRADUATED = '2025-06-30';
const day = (n: number) => new Date(Date.parse(`${GRADUATED}T00:00:00Z`) + n * 86_400_000).toISOString();

const FIGURES = `graduates suppressed examResults outcomesRecorded examSuccessRate positiveOutcomeRate
  employedWithinTwoMonthsRate continuingStudiesRate promisesPerGraduate { mean median } medianDaysToHire`;
const STATS = `query($filter: OutcomeFilter) { outcomeStats(filter: $filter) { ${FIGURES}
  bySchool { school { id } ${FIGURES} } byTrade { trade ${FIGURES} } byCohort { cohort ${FIGURES} } } }`;
const PUBLIC_STATS = `query($filter: OutcomeFilter) { publicOutcomeStats(filter: $filter) { ${FIGURES}
  bySchool { school { id } ${FIGURES} } } }`;
const RECORD = `mutation($input: RecordExitOutcomeInput!) { recordExitOutcome(input: $input) { id
  exitOutcome { outcome companyName contractType startDate source } exitOutcomeHistory { outcome source } } }`;
const EXAM = `mutation($id: ID!, $diploma: DiplomaLevel!, $passed: Boolean!) {
  recordExamResult(studentId: $id, diploma: $diploma, passed: $passed) { id examResult { diploma passed } } }`;
const PROMISE = `mutation($id: ID!, $company: String!, $date: DateTime!, $note: String) {
  recordOffPlatformPromise(studentId: $id, companyName: $company, date: $date, note: $note) { id
  promiseLedger { source companyName date note } } }`;
const DETAIL = `query($id: ID!) { student(id: $id) { id exitOutcome { outcome companyName contractType startDate source }
  exitOutcomeHistory { outcome source } examResult { diploma passed } promiseLedger { source companyName date } } }`;
const GRADUATES = `query($schoolId: ID) { outcomeGraduates(schoolId: $schoolId) { student { id } outcome { outcome }
  daysToHire positive continuing employedWithinTwoMonths outcomeOverdue ledgerEntries } }`;

let t: TestApp;
let admin: Actor;
let staff: StaffFixture;
let smallStaff: StaffFixture;
let company: CompanyFixture;
let grads: StudentFixture[];
let small: StudentFixture[];
let schoolId: string;
let smallSchoolId: string;

async function record(input: Record<string, unknown>, token = staff.token) {
  return t.ok<{ recordExitOutcome: Record<string, unknown> }>(RECORD, { input }, token);
}
const employed = (g: StudentFixture, start: number) =>
  record({
    studentId: g.studentId,
    outcome: 'EMPLOYED',
    companyName: 'Usinage Normand',
    contractType: 'CDI',
    startDate: day(start),
  });
const outcome = (g: StudentFixture, o: string) => record({ studentId: g.studentId, outcome: o });
const exam = (g: StudentFixture, passed: boolean) =>
  t.ok(EXAM, { id: g.studentId, diploma: 'CAP', passed }, staff.token);
const promise = (g: StudentFixture, company: string) =>
  t.ok(PROMISE, { id: g.studentId, company, date: day(-20) }, staff.token);

beforeAll(async () => {
  t = await startTestApp();
  admin = await createAdmin(t);
  const school = await createSchool(t, admin, { city: 'Évreux', trades: ['MACHINING', 'WELDING'] });
  const smallSchool = await createSchool(t, admin, { city: 'Tarbes', trades: ['WELDING'] });
  schoolId = school.id;
  smallSchoolId = smallSchool.id;
  staff = await createStaff(t, admin, schoolId);
  smallStaff = await createStaff(t, admin, smallSchoolId);
  company = await registerCompany(t, { city: 'Évreux' });
  await approvePartnership(t, company, staff);
  grads = [];
  for (let i = 0; i < 10; i++) {
    grads.push(await createStudent(t, staff, { graduationDate: GRADUATED, trade: i < 7 ? 'MACHINING' : 'WELDING' }));
  }
  // Not yet a graduate: never counted.
  await createStudent(t, staff, { graduationDate: inDays(200).slice(0, 10) });
  small = [];
  for (let i = 0; i < 3; i++) {
    small.push(await createStudent(t, smallStaff, { graduationDate: GRADUATED, trade: 'WELDING' }));
  }

  const g = (n: number) => grads[n - 1]!;
  await employed(g(1), 60); // within two months: day 60 counts
  await employed(g(2), 61); // day 61: positive, not within two months
  await employed(g(3), 0);
  await outcome(g(4), 'APPRENTICESHIP');
  await outcome(g(5), 'FURTHER_STUDIES');
  await outcome(g(6), 'SEEKING');
  await employed(g(6), 30); // a correction: the latest record counts
  await outcome(g(7), 'OTHER');
  // g8, g9, g10: no outcome recorded (not positive, overdue).
  for (const n of [1, 2, 3, 5, 8]) await exam(g(n), true);
  await exam(g(4), false);
  await promise(g(1), 'Garage Martin');
  await promise(g(1), 'Métallerie Dupuis');
  await promise(g(2), 'Garage Martin');
  for (const name of ['A', 'B', 'C']) await promise(g(5), `Atelier ${name}`);
  for (const s of small) {
    await record(
      {
        studentId: s.studentId,
        outcome: 'EMPLOYED',
        companyName: 'Chaudronnerie Pyrénées',
        contractType: 'CDD',
        startDate: day(10),
      },
      smallStaff.token,
    );
  }
}, 300_000);

afterAll(async () => {
  await t?.close();
});

// Every figure of the hand-built school, worked out by hand:
// positive g1 g2 g3 g4 g5 g6 = 6/10; within two months g1 (60) g3 (0) g6 (30) = 3/10; continuing g4 g5 = 2/10;
// exam 5 passed of 6 recorded (g9, g10 and the others without a result are not in the denominator);
// days to hire 0 30 60 61 -> median 45; ledger 2 1 0 0 3 0 0 0 0 0 -> mean 0.6, median 0.
const SCHOOL_FIGURES = {
  graduates: 10,
  suppressed: false,
  examResults: 6,
  outcomesRecorded: 7,
  examSuccessRate: 5 / 6,
  positiveOutcomeRate: 0.6,
  employedWithinTwoMonthsRate: 0.3,
  continuingStudiesRate: 0.2,
  promisesPerGraduate: { mean: 0.6, median: 0 },
  medianDaysToHire: 45,
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

describe('outcome figures', () => {
  it('computes every figure of a hand-built cohort for its school', async () => {
    const { outcomeStats } = await t.ok(STATS, {}, staff.token);
    expect(outcomeStats).toMatchObject(SCHOOL_FIGURES);
    expect(outcomeStats.bySchool).toEqual([{ school: { id: schoolId }, ...SCHOOL_FIGURES }]);
    expect(outcomeStats.byCohort).toEqual([{ cohort: 2025, ...SCHOOL_FIGURES }]);
    // The welders (3, all without outcome) are the school's own: shown, not suppressed.
    expect(outcomeStats.byTrade[1]).toMatchObject({
      trade: 'WELDING',
      graduates: 3,
      suppressed: false,
      positiveOutcomeRate: 0,
    });
  });

  it('lists the graduates behind the figures, the missing outcomes flagged as overdue', async () => {
    const { outcomeGraduates } = await t.ok(GRADUATES, {}, staff.token);
    expect(outcomeGraduates).toHaveLength(10);
    const byId = new Map(outcomeGraduates.map((g: { student: { id: string } }) => [g.student.id, g]));
    expect(byId.get(grads[0]!.studentId)).toMatchObject({
      daysToHire: 60,
      employedWithinTwoMonths: true,
      ledgerEntries: 2,
    });
    expect(byId.get(grads[1]!.studentId)).toMatchObject({
      daysToHire: 61,
      employedWithinTwoMonths: false,
      positive: true,
    });
    expect(byId.get(grads[5]!.studentId)).toMatchObject({ outcome: { outcome: 'EMPLOYED' }, daysToHire: 30 });
    expect(outcomeGraduates.filter((g: { outcomeOverdue: boolean }) => g.outcomeOverdue)).toHaveLength(3);
  });

  it('keeps the history: the correction is the outcome, the first record stays', async () => {
    const { student } = await t.ok(DETAIL, { id: grads[5]!.studentId }, staff.token);
    expect(student.exitOutcomeHistory).toEqual([
      { outcome: 'SEEKING', source: 'STAFF' },
      { outcome: 'EMPLOYED', source: 'STAFF' },
    ]);
    expect(student.exitOutcome).toMatchObject({ outcome: 'EMPLOYED', contractType: 'CDI', startDate: day(30) });
  });

  it('suppresses a school of fewer than 10 graduates for the federation and the public, never for its staff', async () => {
    const network = (await t.ok(STATS, {}, admin.token)).outcomeStats;
    expect(network.graduates).toBe(13);
    const bySchool = new Map(network.bySchool.map((s: { school: { id: string } }) => [s.school.id, s]));
    expect(bySchool.get(schoolId)).toMatchObject(SCHOOL_FIGURES);
    expect(bySchool.get(smallSchoolId)).toMatchObject({ graduates: 3, ...SUPPRESSED });
    const open = (await t.ok(PUBLIC_STATS, { filter: { schoolIds: [smallSchoolId] } })).publicOutcomeStats;
    expect(open).toMatchObject({ graduates: 3, ...SUPPRESSED });
    const own = (await t.ok(STATS, {}, smallStaff.token)).outcomeStats;
    expect(own).toMatchObject({ graduates: 3, suppressed: false, positiveOutcomeRate: 1, medianDaysToHire: 10 });
    // Welders across both schools: 6, a mix of schools, so suppressed even for the small school's staff.
    expect(network.byTrade.find((g: { trade: string }) => g.trade === 'WELDING')).toMatchObject({
      graduates: 6,
      ...SUPPRESSED,
    });
  });

  it('refuses a school its neighbour’s figures and a company everything', async () => {
    expect(await t.code(STATS, { filter: { schoolIds: [schoolId] } }, smallStaff.token)).toBe('FORBIDDEN');
    expect(await t.code(STATS, {}, company.token)).toBe('FORBIDDEN');
    expect(await t.code(DETAIL, { id: grads[0]!.studentId }, company.token)).toBe('FORBIDDEN');
    expect(await t.code(GRADUATES, { schoolId }, smallStaff.token)).toBe('FORBIDDEN');
  });

  it('filters by trade, cohort and region', async () => {
    // Seen by its own school: 7 machinists, shown (the federation sees them suppressed: fewer than 10).
    const machining = (await t.ok(STATS, { filter: { trades: ['MACHINING'] } }, staff.token)).outcomeStats;
    expect(machining).toMatchObject({ graduates: 7, positiveOutcomeRate: 6 / 7 });
    const seenByAdmin = (await t.ok(STATS, { filter: { trades: ['MACHINING'] } }, admin.token)).outcomeStats;
    expect(seenByAdmin).toMatchObject({ graduates: 7, ...SUPPRESSED });
    expect((await t.ok(STATS, { filter: { cohort: 2024 } }, admin.token)).outcomeStats.graduates).toBe(0);
    const normandie = (await t.ok(STATS, { filter: { region: 'Normandie' } }, admin.token)).outcomeStats;
    expect(normandie.graduates).toBe(10);
  });
});

describe('records', () => {
  it('refuses bad input and other schools’ graduates, and writes nothing', async () => {
    const before = await snapshotDatabase(t.connection);
    expect(await t.code(RECORD, { input: { studentId: grads[8]!.studentId, outcome: 'EMPLOYED' } }, staff.token)).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await t.code(
        RECORD,
        {
          input: {
            studentId: grads[8]!.studentId,
            outcome: 'EMPLOYED',
            companyName: 'X',
            contractType: 'APPRENTICESHIP',
            startDate: day(3),
          },
        },
        staff.token,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      await t.code(RECORD, { input: { studentId: grads[8]!.studentId, outcome: 'SEEKING' } }, smallStaff.token),
    ).toBe('FORBIDDEN');
    expect(await t.code(PROMISE, { id: grads[8]!.studentId, company: 'X', date: inDays(3) }, staff.token)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('an offer enters the ledger once and a hire records the outcome by itself; staff can correct it', async () => {
    const graduate = grads[9]!;
    const jp = await openPromise(t, company, { startDate: inDays(20), contractType: 'CDI' });
    const application = await apply(t, graduate, jp.id);
    await offer(t, company, application.id);
    let detail = (await t.ok(DETAIL, { id: graduate.studentId }, staff.token)).student;
    expect(detail.promiseLedger).toEqual([
      { source: 'APPLICATION_OFFER', companyName: company.companyName, date: expect.any(String) },
    ]);
    expect(detail.exitOutcome).toBeNull();

    await move(t, graduate.token, application.id, 'HIRED');
    detail = (await t.ok(DETAIL, { id: graduate.studentId }, staff.token)).student;
    expect(detail.promiseLedger).toHaveLength(1);
    expect(detail.exitOutcome).toMatchObject({
      outcome: 'EMPLOYED',
      companyName: company.companyName,
      contractType: 'CDI',
      source: 'APPLICATION_HIRED',
    });
    expect(Date.parse(detail.exitOutcome.startDate)).toBeGreaterThan(Date.now());
    // The school's figures moved at once: one more positive outcome.
    const { outcomeStats } = await t.ok(STATS, {}, staff.token);
    expect(outcomeStats).toMatchObject({ positiveOutcomeRate: 0.7, outcomesRecorded: 8 });

    await outcome(graduate, 'FURTHER_STUDIES');
    detail = (await t.ok(DETAIL, { id: graduate.studentId }, graduate.token)).student;
    expect(detail.exitOutcomeHistory).toEqual([
      { outcome: 'EMPLOYED', source: 'APPLICATION_HIRED' },
      { outcome: 'FURTHER_STUDIES', source: 'STAFF' },
    ]);
  });
});
