import { Types } from 'mongoose';
import { DAY_MS, durationMs, RETENTION_RULES } from '@promesse/shared';
import { manualClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { recordAccesses } from '../src/modules/access-log/access-log.queries';
import { anonymisePortFor } from '../src/modules/retention/retention.anonymise-port';
import {
  anonymiseInactiveAccounts,
  purgeExpiredData,
  warnInactiveAccounts,
  type AnonymisePort,
} from '../src/modules/retention/retention.jobs';
import { SCHEDULED_JOBS } from '../src/modules/scheduler/scheduler.jobs';
import {
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  logIn,
  startTestApp,
  unique,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';

// Issue 18: each retention rule (shared/src/privacy/privacy.retention.ts) acts exactly at its boundary, on a moved
// clock: a millisecond before, the data is untouched; at the boundary, it is acted on. The inactive account is warned
// once, 30 days before, and anonymised (through the injected erasure) only then.

jest.setTimeout(120_000);

const YEAR = durationMs({ amount: 1, unit: 'YEAR' });
const INACTIVE = durationMs(RETENTION_RULES.INACTIVE_ACCOUNT.after);
const NOTICE = durationMs(RETENTION_RULES.INACTIVE_ACCOUNT.warnBefore);
// The quiet student's last activity (the real clock is years later: every other account is recent for the moved one).
const LAST_ACTIVE = new Date('2023-03-10T09:30:00Z');

let t: TestApp;
let clock: ReturnType<typeof manualClock>;
let deps: AppDeps;
let staff: StaffFixture;
let quiet: StudentFixture;
const anonymised: { userId: string; reason: string }[] = [];
// The erasure as the job sees it: here it records the call (the erasure itself is tested in modules/privacy).
const port: AnonymisePort = {
  anonymise: async (userId, reason) => {
    anonymised.push({ userId, reason });
  },
};

const users = () => t.connection.collection('users');
const warningMails = () => t.connection.collection('mailOutbox').find({ template: 'inactivityWarning' }).toArray();

beforeAll(async () => {
  t = await startTestApp();
  clock = manualClock(new Date());
  deps = { ...t.deps, clock };
  const admin = await createAdmin(t);
  const school = await createSchool(t, admin);
  staff = await createStaff(t, admin, school.id);
  quiet = await createStudent(t, staff, {}, { firstName: 'Inès' });
  await users().updateOne({ _id: new Types.ObjectId(quiet.userId) }, { $set: { lastActiveAt: LAST_ACTIVE } });
});

afterAll(async () => {
  await t?.close();
});

describe('activity', () => {
  it('a log-in records the activity, at most once a day', async () => {
    const student = await createStudent(t, staff);
    const id = new Types.ObjectId(student.userId);
    const first = (await users().findOne({ _id: id }))?.['lastActiveAt'] as Date;
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(60_000);
    await logIn(t, student.email);
    expect((await users().findOne({ _id: id }))?.['lastActiveAt']).toEqual(first);
    // A day later (moved back in the database), the next log-in records it again.
    const dayBefore = new Date(first.getTime() - DAY_MS);
    await users().updateOne({ _id: id }, { $set: { lastActiveAt: dayBefore } });
    await logIn(t, student.email);
    const after = (await users().findOne({ _id: id }))?.['lastActiveAt'] as Date;
    expect(after.getTime()).toBeGreaterThan(first.getTime() - 1000);
  });
});

describe('inactive accounts (2 years, warned 30 days before)', () => {
  it('warns nobody a millisecond before the notice, then the quiet account once', async () => {
    clock.set(new Date(LAST_ACTIVE.getTime() + INACTIVE - NOTICE - 1));
    expect(await warnInactiveAccounts(deps)).toBe(0);
    expect(await warningMails()).toEqual([]);

    clock.set(new Date(LAST_ACTIVE.getTime() + INACTIVE - NOTICE));
    // Two instances at once, then again: one warning.
    const runs = await Promise.all([warnInactiveAccounts(deps), warnInactiveAccounts(deps)]);
    expect(runs[0] + runs[1]).toBe(1);
    clock.advance(DAY_MS);
    expect(await warnInactiveAccounts(deps)).toBe(0);
    const mails = await warningMails();
    expect(mails.map((m) => [m['to'], m['locale'], m['params']])).toEqual([
      [quiet.email, 'fr', { anonymiseAt: new Date(LAST_ACTIVE.getTime() + INACTIVE).toISOString() }],
    ]);
  });

  it('anonymises through the erasure exactly at two years, once', async () => {
    clock.set(new Date(LAST_ACTIVE.getTime() + INACTIVE - 1));
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 0, failed: 0 });
    expect(anonymised).toEqual([]);

    clock.set(new Date(LAST_ACTIVE.getTime() + INACTIVE));
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 1, failed: 0 });
    expect(anonymised).toEqual([{ userId: quiet.userId, reason: 'INACTIVE_ACCOUNT' }]);
    clock.advance(DAY_MS);
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 0, failed: 0 });
    expect(anonymised).toHaveLength(1);
    // Whatever the erasure leaves of the account (here, another last activity), it is never warned again.
    await users().updateOne(
      { _id: new Types.ObjectId(quiet.userId) },
      { $set: { lastActiveAt: new Date(LAST_ACTIVE.getTime() - DAY_MS) } },
    );
    await warnInactiveAccounts(deps);
    expect((await warningMails()).filter((m) => m['to'] === quiet.email)).toHaveLength(1);
  });

  it('never anonymises an account that was not warned: it gets its 30 days first', async () => {
    const late = await createStudent(t, staff);
    const id = new Types.ObjectId(late.userId);
    const lastActive = new Date(clock.now().getTime() - INACTIVE - 100 * DAY_MS);
    await users().updateOne({ _id: id }, { $set: { lastActiveAt: lastActive } });
    anonymised.length = 0;
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 0, failed: 0 });
    expect(await warnInactiveAccounts(deps)).toBe(1);
    const warnedAt = clock.now().getTime();
    const mail = (await warningMails()).find((m) => m['to'] === late.email);
    expect(mail?.['params']).toEqual({ anonymiseAt: new Date(warnedAt + NOTICE).toISOString() });

    clock.set(new Date(warnedAt + NOTICE - 1));
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 0, failed: 0 });
    clock.set(new Date(warnedAt + NOTICE));
    expect(await anonymiseInactiveAccounts(deps, port)).toEqual({ anonymised: 1, failed: 0 });
    expect(anonymised).toEqual([{ userId: late.userId, reason: 'INACTIVE_ACCOUNT' }]);
  });

  it('an account that comes back is not anonymised; a new quiet period is warned again', async () => {
    const back = await createStudent(t, staff);
    const id = new Types.ObjectId(back.userId);
    const base = clock.now().getTime();
    await users().updateOne({ _id: id }, { $set: { lastActiveAt: new Date(base - INACTIVE + NOTICE) } });
    expect(await warnInactiveAccounts(deps)).toBe(1);
    // Active again (a log-in at the moved clock: what recordActivity writes).
    await users().updateOne({ _id: id }, { $set: { lastActiveAt: new Date(base + DAY_MS) } });
    anonymised.length = 0;
    clock.set(new Date(base + NOTICE + 1));
    await anonymiseInactiveAccounts(deps, port);
    expect(anonymised.map((a) => a.userId)).not.toContain(back.userId);
    clock.set(new Date(base + DAY_MS + INACTIVE - NOTICE - 1));
    await warnInactiveAccounts(deps);
    expect((await warningMails()).filter((m) => m['to'] === back.email)).toHaveLength(1);
    clock.set(new Date(base + DAY_MS + INACTIVE - NOTICE));
    // (The other fixtures' accounts, active at the real clock, are quiet by now too: counted per account.)
    await warnInactiveAccounts(deps);
    expect((await warningMails()).filter((m) => m['to'] === back.email)).toHaveLength(2);
  });

  it('anonymises through the real erasure once the notice has passed: the account is gone, the record anonymous', async () => {
    const waiting = await createStudent(t, staff);
    const id = new Types.ObjectId(waiting.userId);
    await users().updateOne(
      { _id: id },
      { $set: { lastActiveAt: new Date(clock.now().getTime() - INACTIVE + NOTICE) } },
    );
    await warnInactiveAccounts(deps);
    expect((await warningMails()).filter((m) => m['to'] === waiting.email)).toHaveLength(1);
    clock.advance(NOTICE);
    const run = await anonymiseInactiveAccounts(deps, anonymisePortFor(deps));
    expect(run.failed).toBe(0);
    expect(run.anonymised).toBeGreaterThanOrEqual(1);
    expect(await users().countDocuments({ _id: id })).toBe(0);
    const record = await t.connection.collection('students').findOne({ _id: new Types.ObjectId(waiting.studentId) });
    expect(record).toMatchObject({ erasureReason: 'RETENTION' });
    expect(record?.['firstName'] ?? '').not.toBe(waiting.firstName);
    // Nothing left to do on the next run.
    expect((await anonymiseInactiveAccounts(deps, anonymisePortFor(deps))).failed).toBe(0);
  });
});

describe('deletions', () => {
  // Each rule's reference instant is T0; the rules' boundaries are T0 (tokens), T0 + 30 days (invitations) and
  // T0 + 1 year (read notifications, access log).
  const T0 = new Date('2031-05-04T10:00:00Z');
  const ids = {
    readOld: new Types.ObjectId(),
    unreadOld: new Types.ObjectId(),
    invitation: new Types.ObjectId(),
    reset: new Types.ObjectId(),
    signUp: new Types.ObjectId(),
  };
  const exists = async (collection: string, _id: Types.ObjectId) =>
    (await t.connection.collection(collection).countDocuments({ _id })) === 1;
  const logEntries = () => t.connection.collection('accessLogs').countDocuments({ kind: 'CV', day: '2031-05-04' });
  async function purgeAt(ms: number) {
    clock.set(new Date(ms));
    return purgeExpiredData(deps);
  }

  beforeAll(async () => {
    const userId = new Types.ObjectId(quiet.userId);
    await t.connection.collection('notifications').insertMany([
      { _id: ids.readOld, userId, type: 'JOB_PROMISE_MATCH', data: {}, readAt: T0, createdAt: T0 },
      { _id: ids.unreadOld, userId, type: 'JOB_PROMISE_MATCH', data: {}, readAt: null, createdAt: T0 },
    ]);
    await t.connection.collection('invitations').insertOne({
      _id: ids.invitation,
      codeHash: unique('hash'),
      email: `${unique('invitee')}@promesse.test`,
      role: 'STUDENT',
      schoolId: new Types.ObjectId(staff.schoolId),
      invitedBy: new Types.ObjectId(staff.userId),
      expiresAt: T0,
      usedAt: null,
      revokedAt: null,
    });
    await t.connection
      .collection('passwordResets')
      .insertOne({ _id: ids.reset, tokenHash: unique('reset'), userId, expiresAt: T0, usedAt: null });
    await t.connection.collection('companyRegistrations').insertOne({
      _id: ids.signUp,
      tokenHash: unique('signup'),
      email: `${unique('pending')}@company.test`,
      passwordHash: 'x',
      companyName: 'Tôlerie',
      siret: '00000000000000',
      contactName: 'Inès',
      city: 'Lyon',
      location: { lat: 45.7, lng: 4.8 },
      locale: 'fr',
      expiresAt: T0,
      usedAt: null,
    });
    clock.set(T0);
    await recordAccesses(deps, [
      {
        viewerId: staff.userId,
        companyId: new Types.ObjectId().toHexString(),
        studentId: quiet.studentId,
        schoolId: staff.schoolId,
        kind: 'CV',
      },
    ]);
  });

  it('password-reset links and e-mail verifications: deleted once expired', async () => {
    await purgeAt(T0.getTime() - 1);
    expect([await exists('passwordResets', ids.reset), await exists('companyRegistrations', ids.signUp)]).toEqual([
      true,
      true,
    ]);
    const run = await purgeAt(T0.getTime());
    expect(run.tokens).toBeGreaterThanOrEqual(2);
    expect([await exists('passwordResets', ids.reset), await exists('companyRegistrations', ids.signUp)]).toEqual([
      false,
      false,
    ]);
  });

  it('invitations: deleted 30 days after they expired', async () => {
    await purgeAt(T0.getTime() + 30 * DAY_MS - 1);
    expect(await exists('invitations', ids.invitation)).toBe(true);
    await purgeAt(T0.getTime() + 30 * DAY_MS);
    expect(await exists('invitations', ids.invitation)).toBe(false);
  });

  it('read notifications and the access log: deleted at one year; unread notifications kept', async () => {
    await purgeAt(T0.getTime() + YEAR - 1);
    expect(await exists('notifications', ids.readOld)).toBe(true);
    expect(await logEntries()).toBe(1);
    const run = await purgeAt(T0.getTime() + YEAR);
    expect(run).toMatchObject({ notifications: 1, accessLog: 1 });
    expect(await exists('notifications', ids.readOld)).toBe(false);
    expect(await exists('notifications', ids.unreadOld)).toBe(true);
    expect(await logEntries()).toBe(0);
  });
});

test('both retention jobs are scheduled daily', () => {
  const jobs = new Map(SCHEDULED_JOBS.map((j) => [j.name, j.schedule]));
  expect(jobs.get('retention.inactiveAccounts')).toMatch(/^\d+ \d+ \* \* \*$/);
  expect(jobs.get('retention.purge')).toMatch(/^\d+ \d+ \* \* \*$/);
});
