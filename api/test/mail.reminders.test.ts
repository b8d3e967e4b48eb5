import { Types } from 'mongoose';
import { DAY_MS, renderMessage } from '@promesse/shared';
import { expireJobPromises } from '../src/modules/job-promise/job-promise.expiry';
import { remindExpiringPromises, remindWaitingApplications } from '../src/modules/reminder/reminder.jobs';
import {
  createSchool,
  createStudent,
  createWorld,
  setInDatabase,
  withTestApp,
  type TestApp,
  type World,
} from './helpers';
import { linkIn, mailWithSubject } from './mail.harness';
import {
  apply,
  CLOSE_PROMISE,
  inDays,
  MY_RECOMMENDATIONS,
  notificationsOf,
  openPromise,
  recommend,
  RESPOND,
} from './marketplace.fixtures';

// Reminders to companies (scheduled jobs, once each), promises that end resolve what hangs on them, and the caps
// against spam (TOO_MANY_REQUESTS with extensions.retryAfterSeconds), over real HTTP and SMTP (issue 14).

let t: TestApp;
let w: World;
let dir: string;

withTestApp(createWorld, (app) => ({ t, dir, fixtures: w } = app));

async function typeCount(token: string, type: string, jobPromiseId: string): Promise<number> {
  return (await notificationsOf(t, token)).filter((n) => n.type === type && n.data['jobPromiseId'] === jobPromiseId)
    .length;
}

test('a company is reminded once, 7 days before its promise expires (e-mail with the link)', async () => {
  const expiresAt = inDays(5);
  const jp = await openPromise(t, w.companyA, { title: 'Promesse qui expire', expiresAt });
  const later = await openPromise(t, w.companyA, { title: 'Promesse lointaine', expiresAt: inDays(30) });
  expect(await remindExpiringPromises(t.deps)).toBeGreaterThanOrEqual(1);
  expect(await remindExpiringPromises(t.deps)).toBe(0);
  expect(await typeCount(w.companyA.token, 'JOB_PROMISE_EXPIRING', jp.id)).toBe(1);
  expect(await typeCount(w.companyA.token, 'JOB_PROMISE_EXPIRING', later.id)).toBe(0);
  // The reminder's own e-mail (promiseExpiring template), not the generic notification e-mail.
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
    new Date(expiresAt),
  );
  const subject = renderMessage('mail.promiseExpiring.subject', { title: jp.title, date }, 'fr');
  const mail = await mailWithSubject(dir, w.companyA.email, subject);
  expect(mail.text).toContain(renderMessage('mail.promiseExpiring.intro', { title: jp.title, date }, 'fr'));
  expect(linkIn(mail.text, `${t.env.PUBLIC_URL}/entreprise/promesses/`)).toBe(
    `${t.env.PUBLIC_URL}/entreprise/promesses/${jp.id}`,
  );
});

test('applications unanswered for 10 days are reminded once each', async () => {
  const jp = await openPromise(t, w.companyA, { title: 'Candidatures en souffrance' });
  const app = await apply(t, w.studentA, jp.id);
  const in11Days = new Date(Date.now() + 11 * DAY_MS);
  expect(await remindWaitingApplications(t.deps, new Date())).toBe(0); // not 10 days yet
  expect(await remindWaitingApplications(t.deps, in11Days)).toBeGreaterThanOrEqual(1);
  expect(await remindWaitingApplications(t.deps, in11Days)).toBe(0);
  expect(await typeCount(w.companyA.token, 'APPLICATIONS_WAITING', jp.id)).toBe(1);
  const mail = await mailWithSubject(
    dir,
    w.companyA.email,
    renderMessage('mail.applicationsWaiting.subject', { count: 1 }, 'fr'),
  );
  expect(mail.text).toContain(
    renderMessage('mail.applicationsWaiting.intro', { count: 1, title: jp.title, days: 10 }, 'fr'),
  );
  const doc = await t.connection.collection('applications').findOne({ _id: new Types.ObjectId(app.id) });
  expect(doc?.['waitingReminderAt']).toBeInstanceOf(Date);
});

test('closing a promise rejects its open applications and closes its pending recommendations', async () => {
  const jp = await openPromise(t, w.companyA, { title: 'Promesse clôturée' });
  const app = await apply(t, w.studentA, jp.id);
  const graduate = await createStudent(t, w.staffA, {}, { firstName: 'Rayan', lastName: 'Diallo' });
  const rec = await recommend(t, w.staffA, jp.id, graduate.studentId);
  await t.ok(CLOSE_PROMISE, { id: jp.id }, w.companyA.token);

  const mine = await t.ok<{ myApplications: { id: string; status: string; history: { reason: string | null }[] }[] }>(
    `{ myApplications { id status history { reason } } }`,
    {},
    w.studentA.token,
  );
  const closed = mine.myApplications.find((a) => a.id === app.id);
  expect(closed?.status).toBe('REJECTED');
  expect(closed?.history.at(-1)?.reason).toBe('promise closed');
  expect(await typeCount(w.studentA.token, 'APPLICATION_STATUS_CHANGED', jp.id)).toBe(1);

  const recs = await t.ok<{ myRecommendations: { id: string; status: string }[] }>(
    MY_RECOMMENDATIONS,
    {},
    graduate.token,
  );
  expect(recs.myRecommendations.find((r) => r.id === rec.id)?.status).toBe('DECLINED');
  expect(await typeCount(graduate.token, 'RECOMMENDATION_CLOSED', jp.id)).toBe(1);
  // The graduate can no longer accept it.
  expect(await t.code(RESPOND, { id: rec.id, accept: true }, graduate.token)).toBe('CONFLICT');
});

test('expiry resolves the same way (once)', async () => {
  const jp = await openPromise(t, w.companyA, { title: 'Promesse expirée' });
  const app = await apply(t, w.studentA, jp.id);
  const graduate = await createStudent(t, w.staffA, {}, { firstName: 'Inès', lastName: 'Faure' });
  const rec = await recommend(t, w.staffA, jp.id, graduate.studentId);
  await setInDatabase(
    t.connection,
    'jobpromises',
    { _id: new Types.ObjectId(jp.id) },
    {
      expiresAt: new Date(Date.now() - 1000),
    },
  );
  expect(await expireJobPromises(t.deps)).toBeGreaterThanOrEqual(1);
  expect(await expireJobPromises(t.deps)).toBe(0);
  const doc = await t.connection.collection('applications').findOne({ _id: new Types.ObjectId(app.id) });
  expect(doc?.['status']).toBe('REJECTED');
  const recDoc = await t.connection.collection('recommendations').findOne({ _id: new Types.ObjectId(rec.id) });
  expect(recDoc?.['status']).toBe('DECLINED');
  expect(await typeCount(graduate.token, 'RECOMMENDATION_CLOSED', jp.id)).toBe(1);
  expect(await t.code(RESPOND, { id: rec.id, accept: true }, graduate.token)).toBe('CONFLICT');
});

// ---------- caps ----------

async function expectCapped(res: Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>, maxSeconds: number) {
  const { errors } = await res;
  expect(errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_REQUESTS');
  const retryAfter = errors?.[0]?.extensions?.['retryAfterSeconds'];
  expect(typeof retryAfter).toBe('number');
  expect(retryAfter as number).toBeGreaterThan(0);
  expect(retryAfter as number).toBeLessThanOrEqual(maxSeconds);
}

// The records of the actions are what the caps count: earlier actions are written directly (fixtures), the next
// one goes through the API.
test('applications per student per day', async () => {
  const student = await createStudent(t, w.staffA);
  const now = new Date();
  await t.connection.collection('applications').insertMany(
    Array.from({ length: 20 }, () => ({
      jobPromiseId: new Types.ObjectId(),
      studentId: new Types.ObjectId(student.studentId),
      companyId: new Types.ObjectId(w.companyA.companyId),
      schoolId: new Types.ObjectId(w.schoolA.id),
      status: 'WITHDRAWN',
      source: 'STUDENT',
      history: [],
      createdAt: now,
      updatedAt: now,
    })),
  );
  const jp = await openPromise(t, w.companyA, { title: 'Une de trop' });
  await expectCapped(
    t.gql(`mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id) { id } }`, { id: jp.id }, student.token),
    24 * 3600,
  );
});

test('recommendations per graduate per day', async () => {
  const graduate = await createStudent(t, w.staffA);
  const now = new Date();
  await t.connection.collection('recommendations').insertMany(
    Array.from({ length: 10 }, () => ({
      jobPromiseId: new Types.ObjectId(),
      studentId: new Types.ObjectId(graduate.studentId),
      schoolId: new Types.ObjectId(w.schoolA.id),
      companyId: new Types.ObjectId(w.companyA.companyId),
      recommendedBy: new Types.ObjectId(w.staffA.userId),
      note: 'x',
      status: 'DECLINED',
      createdAt: now,
      updatedAt: now,
    })),
  );
  const jp = await openPromise(t, w.companyA, { title: 'Recommandation de trop' });
  await expectCapped(
    t.gql(
      `mutation($j: ID!, $s: ID!) { recommendGraduate(jobPromiseId: $j, studentId: $s, note: "Très bien") { id } }`,
      { j: jp.id, s: graduate.studentId },
      w.staffA.token,
    ),
    24 * 3600,
  );
});

test('partnership requests per company per day', async () => {
  const now = new Date();
  await t.connection.collection('partnerships').insertMany(
    Array.from({ length: 10 }, () => ({
      companyId: new Types.ObjectId(w.companyB.companyId),
      schoolId: new Types.ObjectId(),
      status: 'REJECTED',
      requestedBy: new Types.ObjectId(w.companyB.userId),
      requestedAt: now,
    })),
  );
  const school = await createSchool(t, w.admin);
  await expectCapped(
    t.gql(`mutation($id: ID!) { requestPartnership(schoolId: $id) { id } }`, { id: school.id }, w.companyB.token),
    24 * 3600,
  );
});

test('invitations per inviter per hour', async () => {
  const now = new Date();
  await t.connection.collection('invitations').insertMany(
    Array.from({ length: 50 }, (_, i) => ({
      codeHash: `cap-test-${i}-${now.getTime()}`,
      email: `cap${i}.${now.getTime()}@promesse.test`,
      role: 'STUDENT',
      schoolId: new Types.ObjectId(w.schoolB.id),
      invitedBy: new Types.ObjectId(w.staffB.userId),
      expiresAt: new Date(now.getTime() + 7 * DAY_MS),
      sentCount: 1,
      lastSentAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await expectCapped(
    t.gql(
      `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
      { input: { email: `one.more.${now.getTime()}@promesse.test`, role: 'STUDENT' } },
      w.staffB.token,
    ),
    3600,
  );
});
