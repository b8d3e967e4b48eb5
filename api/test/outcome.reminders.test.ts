import { Types } from 'mongoose';
import { DAY_MS } from '@promesse/shared';
import { manualClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { outcomeReminderJob, remindMissingOutcomes } from '../src/modules/outcome/outcome.reminders';
import { startScheduler } from '../src/modules/scheduler/scheduler.runtime';
import {
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  startTestApp,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';

// Issue 17: staff are reminded (OUTCOME_MISSING, in-app) of each graduate whose exit outcome is still missing two
// months after graduation — day 61, not day 60 (the dashboard's `outcomeOverdue` rule) — once per graduate, whatever
// the number of runs or instances; a recorded outcome, another school's graduate or a future graduate: no reminder.

jest.setTimeout(120_000);

const GRADUATED = Date.parse('2025-06-30T00:00:00Z');
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { type title body data { studentId } } } } }`;
const RECORD = `mutation($input: RecordExitOutcomeInput!) { recordExitOutcome(input: $input) { id } }`;

type Node = { type: string; title: string; body: string; data: { studentId?: string } };

let t: TestApp;
let deps: AppDeps;
let clock: ReturnType<typeof manualClock>;
let staffA1: StaffFixture;
let staffA2: StaffFixture;
let staffB: StaffFixture;
let overdueA: StudentFixture;
let dayLater: StudentFixture;
let recorded: StudentFixture;
let overdueB: StudentFixture;

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const reminders = async (token: string) =>
  (await t.ok<{ notifications: { edges: { node: Node }[] } }>(NOTIFICATIONS, undefined, token)).notifications.edges
    .map((e) => e.node)
    .filter((n) => n.type === 'OUTCOME_MISSING');
const remindedOf = async (token: string) => (await reminders(token)).map((n) => n.data.studentId).sort();

beforeAll(async () => {
  t = await startTestApp();
  // Day 61 after GRADUATED for the graduates of that day.
  clock = manualClock(new Date(GRADUATED + 61 * DAY_MS + 9 * 3_600_000));
  deps = { ...t.deps, clock };
  const admin = await createAdmin(t);
  const schoolA = await createSchool(t, admin, { city: 'Évreux' });
  const schoolB = await createSchool(t, admin, { city: 'Tarbes' });
  staffA1 = await createStaff(t, admin, schoolA.id);
  staffA2 = await createStaff(t, admin, schoolA.id);
  staffB = await createStaff(t, admin, schoolB.id);
  overdueA = await createStudent(t, staffA1, { graduationDate: dateOnly(GRADUATED) }, { firstName: 'Emma' });
  // Graduated a day later: day 60 at the clock, not overdue yet.
  dayLater = await createStudent(t, staffA1, { graduationDate: dateOnly(GRADUATED + DAY_MS) });
  recorded = await createStudent(t, staffA1, { graduationDate: dateOnly(GRADUATED - 100 * DAY_MS) });
  await t.ok(RECORD, { input: { studentId: recorded.studentId, outcome: 'FURTHER_STUDIES' } }, staffA1.token);
  overdueB = await createStudent(t, staffB, { graduationDate: dateOnly(GRADUATED - 30 * DAY_MS) });
  // Not a graduate yet (graduates next year at the clock).
  await createStudent(t, staffB, { graduationDate: dateOnly(GRADUATED + 365 * DAY_MS) });
});

afterAll(async () => {
  await t?.close();
});

test('each school’s staff get one reminder per overdue graduate, even from concurrent runs', async () => {
  const runs = await Promise.all([remindMissingOutcomes(deps), remindMissingOutcomes(deps)]);
  // Both runs saw the two overdue graduates; each was reminded of by exactly one of them.
  expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(2);
  expect(runs.reduce((n, r) => n + r.notifications, 0)).toBe(3);

  expect(await remindedOf(staffA1.token)).toEqual([overdueA.studentId]);
  expect(await remindedOf(staffA2.token)).toEqual([overdueA.studentId]);
  expect(await remindedOf(staffB.token)).toEqual([overdueB.studentId]);
  const [reminder] = await reminders(staffA1.token);
  expect(reminder?.title).toBe('Devenir à renseigner');
  expect(reminder?.body).toBe(
    `Emma ${overdueA.lastName}, diplômé·e le 30 juin 2025, n’a pas encore de situation de sortie renseignée.`,
  );
  const markers = await t.connection.collection('outcomereminders').countDocuments();
  expect(markers).toBe(2);

  // Again the same day: nothing new.
  expect(await remindMissingOutcomes(deps)).toEqual({ overdue: 0, reminded: 0, notifications: 0 });
  expect(await reminders(staffA1.token)).toHaveLength(1);
});

test('the next day, the graduate who reached day 61 is reminded of; a recorded outcome never is', async () => {
  clock.advance(DAY_MS);
  expect(await remindMissingOutcomes(deps)).toEqual({ overdue: 1, reminded: 1, notifications: 2 });
  expect(await remindedOf(staffA2.token)).toEqual([overdueA.studentId, dayLater.studentId].sort());
  expect(await remindedOf(staffB.token)).toEqual([overdueB.studentId]);
  const all = await t.connection
    .collection('notifications')
    .find({ type: 'OUTCOME_MISSING', 'data.studentId': recorded.studentId })
    .toArray();
  expect(all).toEqual([]);
});

test('the daily job is declared and, run on two instances at once, reminds once', async () => {
  // A new overdue graduate (at the real clock: graduated in 2025).
  const late = await createStudent(t, staffB, { graduationDate: dateOnly(GRADUATED - 200 * DAY_MS) });
  const a = await startScheduler(t.deps, [outcomeReminderJob], { uri: t.db.uri, processEveryMs: 100 });
  const b = await startScheduler(t.deps, [outcomeReminderJob], { uri: t.db.uri, processEveryMs: 100 });
  try {
    const job = await t.connection.collection('agendaJobs').findOne({ name: 'outcome.remindMissing', type: 'single' });
    expect(job?.['repeatInterval']).toBe('0 8 * * *');
    await Promise.all([a.runNow('outcome.remindMissing'), b.runNow('outcome.remindMissing')]);
    // Both occurrences asked for have run (each instance took one, or one took both).
    const jobs = t.connection.collection('agendaJobs');
    const asked = { name: 'outcome.remindMissing', type: 'normal' };
    const finished = async () =>
      (await jobs.countDocuments(asked)) >= 1 &&
      (await jobs.countDocuments({ ...asked, lastFinishedAt: { $type: 'date' } })) ===
        (await jobs.countDocuments(asked));
    for (let i = 0; i < 300 && !(await finished()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await finished()).toBe(true);
    const marker = { studentId: new Types.ObjectId(late.studentId) };
    expect(await t.connection.collection('outcomereminders').countDocuments(marker)).toBe(1);
    expect((await remindedOf(staffB.token)).filter((id) => id === late.studentId)).toHaveLength(1);
  } finally {
    await a.stop();
    await b.stop();
  }
});
