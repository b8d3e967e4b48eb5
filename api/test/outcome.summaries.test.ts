import {
  computeOutcomeStats,
  graduateOutcomeFacts,
  latestRecord,
  type ExitOutcome,
  type GraduateOutcomeRecord,
  type Trade,
} from '@promesse/shared';
import { Types } from 'mongoose';
import { backfillGraduateOutcomes, outcomeCells } from '../src/modules/outcome/outcome.records';
import {
  approvePartnership,
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  registerCompany,
  startTestApp,
  type Actor,
  type CompanyFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';
import { apply, inDays, move, offer, openPromise } from './marketplace.fixtures';

// The per-graduate summaries the figures are summed from (graduateoutcomes) always equal what a recomputation from
// scratch (students and their raw records, by the shared definitions) gives, after a series of writes through the
// API: outcomes and corrections, exam results and a correction, off-platform promises, an offer and a hire through
// the app, a profile edit of the trade and graduation date; the start-up backfill rebuilds the same documents; and
// outcomeStats equals computeOutcomeStats over the recomputed records.

const GRADUATED = '2025-06-30';
const day = (n: number) => new Date(Date.parse(`${GRADUATED}T00:00:00Z`) + n * 86_400_000).toISOString();
const RECORD = `mutation($input: RecordExitOutcomeInput!) { recordExitOutcome(input: $input) { id } }`;
const EXAM = `mutation($id: ID!, $passed: Boolean!) { recordExamResult(studentId: $id, diploma: CAP, passed: $passed) {
  id } }`;
const PROMISE = `mutation($id: ID!, $company: String!, $date: DateTime!) {
  recordOffPlatformPromise(studentId: $id, companyName: $company, date: $date) { id } }`;
const UPDATE_PROFILE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`;
const FIGURES = `graduates suppressed examResults outcomesRecorded examSuccessRate positiveOutcomeRate
  employedWithinTwoMonthsRate continuingStudiesRate promisesPerGraduate { mean median } medianDaysToHire`;
const STATS = `{ outcomeStats { ${FIGURES} bySchool { school { id } ${FIGURES} } byTrade { trade ${FIGURES} }
  byCohort { cohort ${FIGURES} } } }`;

let t: TestApp;
let admin: Actor;
let staff: StaffFixture;
let company: CompanyFixture;
let grads: StudentFixture[];

type Raw = Record<string, any>;

/** Every graduate's record as the shared definitions see it, from the raw collections (no summary read). */
async function fromScratch(): Promise<Map<string, GraduateOutcomeRecord>> {
  const db = t.connection.db!;
  const students = await db
    .collection('students')
    .find({ graduationDate: { $ne: null } })
    .toArray();
  const byStudent = async (name: string) => {
    const map = new Map<string, Raw[]>();
    for (const r of await db.collection(name).find({}).sort({ _id: 1 }).toArray()) {
      const key = String(r['studentId']);
      map.set(key, [...(map.get(key) ?? []), r]);
    }
    return map;
  };
  const outcomes = await byStudent('exitoutcomerecords');
  const exams = await byStudent('examresults');
  const ledger = await byStudent('ledgerentries');
  const records = new Map<string, GraduateOutcomeRecord>();
  for (const s of students) {
    const id = String(s._id);
    const outcome = latestRecord((outcomes.get(id) ?? []) as { recordedAt: Date; outcome: ExitOutcome }[]);
    const exam = latestRecord((exams.get(id) ?? []) as { recordedAt: Date; passed: boolean }[]);
    records.set(id, {
      schoolId: String(s['schoolId']),
      trade: (s['trade'] ?? null) as Trade | null,
      graduationDate: s['graduationDate'] as Date,
      outcome: outcome && { outcome: outcome.outcome, startDate: (outcome as Raw)['startDate'] ?? null },
      examPassed: exam ? exam.passed : null,
      ledgerEntries: ledger.get(id)?.length ?? 0,
    });
  }
  return records;
}

async function storedSummaries(): Promise<Map<string, Raw>> {
  const docs = await t.connection.db!.collection('graduateoutcomes').find({}).toArray();
  return new Map(docs.map(({ _id, version: _v, rev: _r, ...rest }) => [String(_id), rest]));
}

async function expectSummariesMatchRecords(): Promise<void> {
  const expected = await fromScratch();
  const stored = await storedSummaries();
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, r] of expected) {
    expect({ id, ...stored.get(id) }).toEqual({
      id,
      schoolId: expect.objectContaining({ toHexString: expect.any(Function) }),
      trade: r.trade,
      graduationDate: r.graduationDate,
      outcome: r.outcome?.outcome ?? null,
      startDate: r.outcome?.startDate ?? null,
      ...graduateOutcomeFacts(r),
    });
    expect(String(stored.get(id)!['schoolId'])).toBe(r.schoolId);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await createAdmin(t);
  const school = await createSchool(t, admin, { city: 'Évreux', trades: ['MACHINING', 'WELDING'] });
  staff = await createStaff(t, admin, school.id);
  company = await registerCompany(t, { city: 'Évreux' });
  await approvePartnership(t, company, staff);
  grads = [];
  for (let i = 0; i < 6; i++) {
    grads.push(await createStudent(t, staff, { graduationDate: GRADUATED, trade: i < 3 ? 'MACHINING' : 'WELDING' }));
  }
}, 300_000);

afterAll(async () => {
  await t?.close();
});

describe('per-graduate outcome summaries', () => {
  it('match a recomputation from scratch after every kind of change, corrections included', async () => {
    const [g1, g2, g3, g4, g5, g6] = grads as [
      StudentFixture,
      StudentFixture,
      StudentFixture,
      StudentFixture,
      StudentFixture,
      StudentFixture,
    ];
    await expectSummariesMatchRecords();

    const employed = (g: StudentFixture, start: number) =>
      t.ok(
        RECORD,
        {
          input: {
            studentId: g.studentId,
            outcome: 'EMPLOYED',
            companyName: 'Usinage Normand',
            contractType: 'CDI',
            startDate: day(start),
          },
        },
        staff.token,
      );
    const outcome = (g: StudentFixture, o: string) =>
      t.ok(RECORD, { input: { studentId: g.studentId, outcome: o } }, staff.token);
    await employed(g1, 60);
    await outcome(g2, 'SEEKING');
    await employed(g2, 61); // correction
    await outcome(g3, 'APPRENTICESHIP');
    await outcome(g3, 'OTHER'); // correction back to a non-positive outcome
    await t.ok(EXAM, { id: g1.studentId, passed: false }, staff.token);
    await t.ok(EXAM, { id: g1.studentId, passed: true }, staff.token); // correction
    await t.ok(EXAM, { id: g4.studentId, passed: false }, staff.token);
    for (const name of ['A', 'B']) {
      await t.ok(PROMISE, { id: g4.studentId, company: `Atelier ${name}`, date: day(-10) }, staff.token);
    }
    await expectSummariesMatchRecords();

    // An offer then a hire through the app: the ledger and the outcome change in the application's transaction.
    const jp = await openPromise(t, company, { startDate: inDays(20), contractType: 'CDI' });
    const application = await apply(t, g5, jp.id);
    await offer(t, company, application.id);
    await expectSummariesMatchRecords();
    await move(t, g5.token, application.id, 'HIRED');
    await expectSummariesMatchRecords();

    // The graduation date and trade change (staff edit the profile): days to hire and the cohort follow.
    await t.ok(
      UPDATE_PROFILE,
      { input: { studentId: g1.studentId, graduationDate: '2024-06-30', trade: 'WELDING' } },
      staff.token,
    );
    // A graduate whose date moves to the future leaves the figures (the summary stays, the date excludes it).
    await t.ok(
      UPDATE_PROFILE,
      { input: { studentId: g6.studentId, graduationDate: inDays(100).slice(0, 10) } },
      staff.token,
    );
    await expectSummariesMatchRecords();

    // The figures equal the shared computation over the recomputed graduates.
    const now = new Date();
    const graduates = [...(await fromScratch()).values()].filter((r) => r.graduationDate <= now);
    const expected = computeOutcomeStats(graduates);
    const stats = (await t.ok<{ outcomeStats: Raw }>(STATS, undefined, admin.token)).outcomeStats;
    const { bySchool, ...network } = expected;
    expect(stats).toMatchObject({ ...network, bySchool: bySchool.map(({ schoolId: _s, ...f }) => f) });
    expect(stats['graduates']).toBe(5);
  }, 300_000);

  it('the start-up backfill rebuilds the same summaries, and only those missing or outdated', async () => {
    const before = await storedSummaries();
    const collection = t.connection.db!.collection('graduateoutcomes');
    await collection.deleteMany({ _id: { $in: grads.slice(0, 3).map((g) => new Types.ObjectId(g.studentId)) } });
    await collection.updateOne({}, { $set: { version: 0 } });
    expect(await backfillGraduateOutcomes(t.deps)).toBe(4);
    expect(await storedSummaries()).toEqual(before);
    expect(await backfillGraduateOutcomes(t.deps)).toBe(0);
  }, 120_000);

  it('the summed cells an instance reuses follow every write and every graduation date passing', async () => {
    const schoolIds = [new Types.ObjectId(staff.schoolId)];
    const sum = async (at: Date) => {
      const cells = await outcomeCells(t.deps, { at, schoolIds });
      return {
        graduates: cells.reduce((n, c) => n + c.graduates, 0),
        examResults: cells.reduce((n, c) => n + c.examResults, 0),
      };
    };
    const now = new Date();
    const first = await sum(now);
    expect(await sum(now)).toEqual(first); // reused: nothing changed
    // A write: the figures move on the next request.
    const fresh = await createStudent(t, staff, { graduationDate: GRADUATED, trade: 'WELDING' });
    grads.push(fresh);
    expect(await sum(now)).toEqual({ graduates: first.graduates + 1, examResults: first.examResults });
    await t.ok(EXAM, { id: fresh.studentId, passed: true }, staff.token);
    expect(await sum(now)).toEqual({ graduates: first.graduates + 1, examResults: first.examResults + 1 });
    // No write at all: a graduation date passing adds its graduate.
    const soon = new Date(now.getTime() + 10 * 86_400_000);
    await createStudent(t, staff, { graduationDate: soon.toISOString().slice(0, 10), trade: 'WELDING' });
    const before = await sum(now);
    expect(before.graduates).toBe(first.graduates + 1);
    expect((await sum(new Date(soon.getTime() + 86_400_000))).graduates).toBe(first.graduates + 2);
    expect(await sum(now)).toEqual(before);
  }, 120_000);
});
