import {
  addToCell,
  computeOutcomeStats,
  emptyCellSums,
  graduateOutcomeFacts,
  latestRecord,
  type CellSums,
  type ExitOutcome,
  type GraduateOutcomeRecord,
  type Trade,
} from '@promesse/shared';
import { Types } from 'mongoose';
import {
  backfillGraduateOutcomes,
  ensureOutcomeCells,
  outcomeCells,
  rebuildOutcomeCells,
  refreshGraduateOutcomes,
} from '../src/modules/outcome/outcome.records';
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

// The per-graduate summaries (graduateoutcomes) and the cells the figures read (outcomecells, moved by difference in
// every write's transaction) always equal what a recomputation from scratch (students and their raw records, by
// the shared definitions) gives, after a series of writes through the API: outcomes and corrections, exam results
// and a correction, off-platform promises, an offer and a hire through the app, a profile edit of the trade and
// graduation date, an erasure; then a change of school and a lost graduation date (no use case does either: written
// in the collection, then refreshed as a script would). The start-up backfill and rebuild give the same documents,
// and outcomeStats equals computeOutcomeStats over the recomputed records.

const GRADUATED = '2025-06-30';
const day = (n: number) => new Date(Date.parse(`${GRADUATED}T00:00:00Z`) + n * 86_400_000).toISOString();
const RECORD = `mutation($input: RecordExitOutcomeInput!) { recordExitOutcome(input: $input) { id } }`;
const EXAM = `mutation($id: ID!, $passed: Boolean!) { recordExamResult(studentId: $id, diploma: CAP, passed: $passed) {
  id } }`;
const PROMISE = `mutation($id: ID!, $company: String!, $date: DateTime!) {
  recordOffPlatformPromise(studentId: $id, companyName: $company, date: $date) { id } }`;
const UPDATE_PROFILE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`;
const DELETE_STUDENT = `mutation($id: ID!) { deleteStudent(studentId: $id) }`;
const FIGURES = `graduates suppressed examResults outcomesRecorded examSuccessRate positiveOutcomeRate
  employedWithinTwoMonthsRate continuingStudiesRate promisesPerGraduate { mean median } medianDaysToHire`;
const STATS = `query($filter: OutcomeFilter) { outcomeStats(filter: $filter) { ${FIGURES}
  bySchool { school { id } ${FIGURES} } byTrade { trade ${FIGURES} } byCohort { cohort ${FIGURES} } } }`;

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

/** The cells from scratch: the recomputed graduates summed per school, trade and graduation date. */
async function cellsFromScratch(): Promise<Raw[]> {
  const cells = new Map<string, Raw>();
  for (const r of (await fromScratch()).values()) {
    const f = graduateOutcomeFacts(r);
    const key = `${r.schoolId}|${r.trade}|${r.graduationDate.toISOString()}`;
    const cell = cells.get(key) ?? {
      schoolId: r.schoolId,
      trade: r.trade,
      graduationDate: r.graduationDate,
      cohort: f.cohort,
      ...emptyCellSums(),
    };
    cells.set(key, cell);
    addToCell(cell as CellSums, f);
  }
  return [...cells.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c);
}

/** The stored cells as the figures read them: a cell emptied by moves (all zeros) and a zero count are no cell. */
async function storedCells(): Promise<Raw[]> {
  const docs = await t.connection.db!.collection<Raw>('outcomecells').find({}).toArray();
  const nonZero = (h: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(h ?? {}).filter(([, n]) => n));
  const cells: Raw[] = docs.map(({ _id, schoolId, daysToHire, ledgerEntries, ...rest }) => ({
    ...rest,
    schoolId: String(schoolId),
    daysToHire: nonZero(daysToHire),
    ledgerEntries: nonZero(ledgerEntries),
  }));
  for (const empty of cells.filter((c) => c['graduates'] === 0)) {
    expect(empty).toMatchObject(emptyCellSums());
  }
  const key = (c: Raw) => `${c['schoolId']}|${c['trade']}|${(c['graduationDate'] as Date).toISOString()}`;
  return cells.filter((c) => c['graduates'] !== 0).sort((a, b) => key(a).localeCompare(key(b)));
}

async function expectCellsMatchRecords(): Promise<void> {
  expect(await storedCells()).toEqual(await cellsFromScratch());
}

/** outcomeStats through the API equals the shared computation over the recomputed graduates (no cell involved). */
async function expectStatsMatchRecords(filter: { trades?: Trade[]; cohort?: number } = {}): Promise<Raw> {
  const now = new Date();
  const graduates = [...(await fromScratch()).values()].filter((r) => r.graduationDate <= now);
  const { bySchool, ...network } = computeOutcomeStats(graduates, { filter });
  const stats = (await t.ok<{ outcomeStats: Raw }>(STATS, { filter }, admin.token)).outcomeStats;
  expect(stats).toMatchObject({ ...network, bySchool: bySchool.map(({ schoolId: _s, ...f }) => f) });
  expect((stats['bySchool'] as Raw[]).map((s) => s['school']['id'])).toEqual(bySchool.map((s) => s.schoolId));
  return stats;
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
    await expectCellsMatchRecords();

    // The figures equal the shared computation over the recomputed graduates.
    expect((await expectStatsMatchRecords())['graduates']).toBe(5);

    // An erased graduate still counts (their records stay, anonymised).
    expect((await t.ok<Raw>(DELETE_STUDENT, { id: g3.studentId }, staff.token))['deleteStudent']).toBe(true);
    await expectSummariesMatchRecords();
    await expectCellsMatchRecords();

    // No use case moves a student to another school or removes a graduation date: written in the collection, then
    // refreshed as a script would (no session). The first graduate changes cell, the second leaves the figures.
    const other = await createSchool(t, admin, { city: 'Évreux', trades: ['MACHINING', 'WELDING'] });
    const students = t.connection.db!.collection('students');
    await students.updateOne(
      { _id: new Types.ObjectId(g4.studentId) },
      { $set: { schoolId: new Types.ObjectId(other.id) } },
    );
    await students.updateOne({ _id: new Types.ObjectId(g2.studentId) }, { $unset: { graduationDate: '' } });
    await refreshGraduateOutcomes(
      t.deps,
      [g4, g2].map((g) => new Types.ObjectId(g.studentId)),
    );
    await expectSummariesMatchRecords();
    await expectCellsMatchRecords();
    expect((await expectStatsMatchRecords())['graduates']).toBe(4);
    await expectStatsMatchRecords({ trades: ['WELDING'], cohort: 2025 });
    await expectStatsMatchRecords({ cohort: 2024 });
    // Put back as they were, for the tests below.
    await students.updateOne(
      { _id: new Types.ObjectId(g4.studentId) },
      { $set: { schoolId: new Types.ObjectId(staff.schoolId) } },
    );
    await students.updateOne(
      { _id: new Types.ObjectId(g2.studentId) },
      { $set: { graduationDate: new Date(GRADUATED) } },
    );
    await refreshGraduateOutcomes(
      t.deps,
      [g4, g2].map((g) => new Types.ObjectId(g.studentId)),
    );
    await expectCellsMatchRecords();

    // The cells maintained write after write are those a rebuild from the summaries gives.
    const maintained = await storedCells();
    expect(await rebuildOutcomeCells(t.deps)).toBe(maintained.length);
    expect(await storedCells()).toEqual(maintained);
  }, 300_000);

  it('the start-up backfill rebuilds the same summaries, and only those missing or outdated', async () => {
    const before = await storedSummaries();
    const collection = t.connection.db!.collection('graduateoutcomes');
    await collection.deleteMany({ _id: { $in: grads.slice(0, 3).map((g) => new Types.ObjectId(g.studentId)) } });
    await collection.updateOne({}, { $set: { version: 0 } });
    expect(await backfillGraduateOutcomes(t.deps)).toBe(4);
    expect(await storedSummaries()).toEqual(before);
    expect(await backfillGraduateOutcomes(t.deps)).toBe(0);
    // The backfill leaves the cells; the start-up rebuilds them after it built any summary.
    expect(await ensureOutcomeCells(t.deps, { rebuild: true })).toBeGreaterThan(0);
    await expectCellsMatchRecords();
  }, 120_000);

  it('the cells are rebuilt when their version changes, and a graduation date passing needs no write', async () => {
    const cells = await storedCells();
    expect(await ensureOutcomeCells(t.deps)).toBeNull(); // current: nothing to do
    const state = t.connection.db!.collection<{ _id: string; version: number }>('outcomecellsstates');
    await state.updateOne({ _id: 'cells' }, { $set: { version: 0 } });
    await t.connection.db!.collection('outcomecells').deleteMany({ schoolId: new Types.ObjectId(staff.schoolId) });
    expect(await ensureOutcomeCells(t.deps)).toBe(cells.length);
    expect(await storedCells()).toEqual(cells);
    expect(await ensureOutcomeCells(t.deps)).toBeNull();

    const schoolIds = [new Types.ObjectId(staff.schoolId)];
    const sum = async (at: Date) =>
      (await outcomeCells(t.deps, { at, schoolIds })).reduce((n, c) => n + c.graduates, 0);
    const now = new Date();
    const first = await sum(now);
    const soon = new Date(now.getTime() + 10 * 86_400_000);
    await createStudent(t, staff, { graduationDate: soon.toISOString().slice(0, 10), trade: 'WELDING' });
    expect(await sum(now)).toBe(first);
    expect(await sum(new Date(soon.getTime() + 86_400_000))).toBe(first + 1);
    await expectCellsMatchRecords();
  }, 120_000);
});
