import { Binary, ObjectId } from 'mongodb';
import { ERASED_STUDENT_NAME } from '@promesse/shared';
import { anonymiseUser } from '../src/modules/privacy/privacy.erasure';
import {
  createStudent,
  createWorld,
  PASSWORD,
  snapshotDatabase,
  startTestApp,
  type TestApp,
  type World,
} from './helpers';
import { richStudent, type RichStudent } from './privacy.fixtures';

// Erasure (issue 18): after a student deletes their account, a dump of EVERY collection (GridFS files and chunks,
// the mail outbox, sessions, throttles…) holds no trace of their name, e-mail, phone, town or file bytes, while the
// outcome figures answer exactly as before; a retry changes nothing; staff erase only their own students.

jest.setTimeout(180_000);

const FIGURES = `graduates suppressed examResults outcomesRecorded examSuccessRate positiveOutcomeRate
  employedWithinTwoMonthsRate continuingStudiesRate promisesPerGraduate { mean median } medianDaysToHire`;
const STATS = `{ outcomeStats { ${FIGURES} bySchool { school { id } ${FIGURES} } byTrade { trade ${FIGURES} }
  byCohort { cohort ${FIGURES} } } }`;
const DELETE_ME = `mutation($password: String!) { deleteMyAccount(password: $password) }`;
const DELETE_STUDENT = `mutation($id: ID!) { deleteStudent(studentId: $id) }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;
const APPLICATION = `query($id: ID!) { application(id: $id) { id status history { to }
  student { id displayName firstName lastName email phone city erased cv { id } } } }`;
const ROSTER = `query($id: ID!) { school(id: $id) { students { id } } }`;

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
});
afterAll(async () => {
  await t?.close();
});

/** Every value of a document as text; binary data (GridFS chunks) as its bytes, so file contents are searched. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Binary) return Buffer.from(value.buffer).toString('latin1');
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (value instanceof ObjectId) return value.toHexString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}=${textOf(v)}`)
      .join('\n');
  }
  return String(value);
}

/** Every document of every collection of the database, by collection. */
async function dumpDatabase(): Promise<Map<string, string[]>> {
  const db = t.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const dump = new Map<string, string[]>();
  for (const name of names) {
    const docs = await db.collection(name).find({}).toArray();
    dump.set(
      name,
      docs.map((d) => textOf(d)),
    );
  }
  return dump;
}

/** The traces of `needles` found in the dump: `collection: needle`. */
function tracesIn(dump: Map<string, string[]>, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const [name, docs] of dump) {
    for (const doc of docs) {
      const lower = doc.toLowerCase();
      for (const needle of needles) if (lower.includes(needle.toLowerCase())) found.push(`${name}: ${needle}`);
    }
  }
  return [...new Set(found)];
}

function needlesOf(s: RichStudent): string[] {
  return [
    s.firstName,
    s.lastName,
    s.email,
    s.phone,
    s.phone.replace(/\s/g, ''),
    s.city,
    s.cvMarker,
    s.attachmentMarker,
  ];
}

describe('a student deletes their account', () => {
  let s: RichStudent;
  let statsBefore: { staff: unknown; admin: unknown };

  beforeAll(async () => {
    s = await richStudent(t, w);
    statsBefore = {
      staff: (await t.ok(STATS, {}, w.staffA.token))['outcomeStats'],
      admin: (await t.ok(STATS, {}, w.admin.token))['outcomeStats'],
    };
  });

  it('the fixture left traces everywhere before (so the dump below can fail)', async () => {
    expect(s.city).toBe('Caluire-et-Cuire');
    const traces = tracesIn(await dumpDatabase(), needlesOf(s));
    for (const expected of [
      `users: ${s.email}`,
      `students: ${s.lastName}`,
      `students: ${s.phone}`,
      `students: ${s.city}`,
      `conversationmessages: ${s.firstName}`,
      `notifications: ${s.lastName}`,
      `mailOutbox: ${s.email}`,
      `files.chunks: ${s.cvMarker}`,
      `files.chunks: ${s.attachmentMarker}`,
      `invitations: ${s.email}`,
    ]) {
      expect(traces).toContain(expected);
    }
  });

  it('refuses a wrong password and changes nothing', async () => {
    const before = await snapshotDatabase(t.connection);
    expect(await t.code(DELETE_ME, { password: 'not-my-password-at-all' }, s.token)).toBe('BAD_USER_INPUT');
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('erases every trace of the person, keeps the figures, and the account can no longer log in', async () => {
    expect((await t.ok(DELETE_ME, { password: PASSWORD }, s.token))['deleteMyAccount']).toBe(true);

    const traces = tracesIn(await dumpDatabase(), needlesOf(s));
    expect(traces).toEqual([]);

    expect((await t.ok(STATS, {}, w.staffA.token))['outcomeStats']).toEqual(statsBefore.staff);
    expect((await t.ok(STATS, {}, w.admin.token))['outcomeStats']).toEqual(statsBefore.admin);

    expect(await t.code(LOG_IN, { email: s.email, password: PASSWORD })).toBe('UNAUTHENTICATED');
    // The old access token designates nobody.
    expect(await t.code(`{ myStudentProfile { id } }`, {}, s.token)).toBe('UNAUTHENTICATED');
  });

  it('the company still sees the application, with "former student" (a code) where the name was', async () => {
    const { application } = await t.ok(APPLICATION, { id: s.hiredApplicationId }, w.companyA.token);
    expect(application.status).toBe('HIRED');
    expect(application.history.map((h: { to: string }) => h.to)).toEqual([
      'SUBMITTED',
      'SHORTLISTED',
      'INTERVIEW',
      'OFFERED',
      'HIRED',
    ]);
    expect(application.student).toEqual({
      id: s.studentId,
      displayName: ERASED_STUDENT_NAME,
      firstName: ERASED_STUDENT_NAME,
      lastName: null,
      email: null,
      phone: null,
      city: null,
      erased: true,
      cv: null,
    });
    // The application still open is withdrawn: nobody is left to answer.
    const open = (await t.ok(APPLICATION, { id: s.openApplicationId }, w.companyA.token))['application'];
    expect(open.status).toBe('WITHDRAWN');
    expect(open.history.at(-1)).toEqual({ to: 'WITHDRAWN' });
    // Not on the school's roster any more (the anonymous record is for the figures only).
    const roster = await t.ok(ROSTER, { id: w.schoolA.id }, w.staffA.token);
    expect(roster['school'].students.map((x: { id: string }) => x.id)).not.toContain(s.studentId);
  });

  it('running the erasure again (a retry) changes nothing', async () => {
    const before = await snapshotDatabase(t.connection);
    const again = await anonymiseUser(t.deps, s.userId, 'SELF');
    expect(again).toMatchObject({ userId: s.userId, studentId: s.studentId, files: 0 });
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });
});

describe('staff delete a student of their school', () => {
  let s: RichStudent;

  beforeAll(async () => {
    s = await richStudent(t, w);
  });

  it('refuses other roles and other schools, data unchanged', async () => {
    const before = await snapshotDatabase(t.connection);
    for (const token of [w.staffB.token, w.companyA.token, w.admin.token, w.studentA.token, s.token]) {
      expect(await t.code(DELETE_STUDENT, { id: s.studentId }, token)).toBe('FORBIDDEN');
    }
    expect(await t.code(DELETE_STUDENT, { id: s.studentId })).toBe('UNAUTHENTICATED');
    expect(await t.code(DELETE_STUDENT, { id: new ObjectId().toHexString() }, w.staffA.token)).toBe('NOT_FOUND');
    expect(await t.code(DELETE_ME, { password: PASSWORD }, w.admin.token)).toBe('FORBIDDEN');
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('erases the student; a repeated request answers true and changes nothing', async () => {
    const stats = (await t.ok(STATS, {}, w.staffA.token))['outcomeStats'];
    expect((await t.ok(DELETE_STUDENT, { id: s.studentId }, w.staffA.token))['deleteStudent']).toBe(true);
    expect(tracesIn(await dumpDatabase(), needlesOf(s))).toEqual([]);
    expect((await t.ok(STATS, {}, w.staffA.token))['outcomeStats']).toEqual(stats);
    const before = await snapshotDatabase(t.connection);
    expect((await t.ok(DELETE_STUDENT, { id: s.studentId }, w.staffA.token))['deleteStudent']).toBe(true);
    expect(await snapshotDatabase(t.connection)).toEqual(before);
    expect(await t.code(LOG_IN, { email: s.email, password: PASSWORD })).toBe('UNAUTHENTICATED');
  });

  it('leaves the other students untouched', async () => {
    const other = await createStudent(t, w.staffA, {}, { firstName: 'Noé', lastName: 'Untouched' });
    const { myStudentProfile } = await t.ok(`{ myStudentProfile { id displayName erased } }`, {}, other.token);
    expect(myStudentProfile).toEqual({ id: other.studentId, displayName: 'Noé Untouched', erased: false });
  });
});
