import { renderMessage } from '@promesse/shared';
import { inTransaction } from '../src/core/transactions';
import { notifyJobAlerts } from '../src/modules/job-alert/job-alert.queries';
import { jobPromiseModel } from '../src/modules/job-promise/job-promise.model';
import { sendNotificationDigests } from '../src/modules/notification/notification.digest';
import {
  approvePartnership,
  createStudent,
  createWorld,
  registerCompany,
  withTestApp,
  type TestApp,
  type World,
} from './helpers';
import { linkIn, mailWithSubject } from './mail.harness';
import { apply, countDocs, move, notificationsOf, openPromise } from './marketplace.fixtures';

// Notification e-mails over real SMTP to the in-process server (issue 14): each type's channel (in-app, e-mail at
// once, daily digest, muted) per user with role defaults, the digest of exactly what is unread, saved-search alerts
// once per promise.

let t: TestApp;
let w: World;
let dir: string;

const PREFS = `{ notificationPreferences { mutedTypes channels { type channel isDefault } } }`;
const SET_CHANNELS = `mutation($settings: [NotificationChannelSettingInput!]!) {
  updateNotificationChannels(settings: $settings) { mutedTypes channels { type channel isDefault } } }`;
const UNREAD = `{ unreadNotificationCount }`;
const CREATE_ALERT = `mutation($input: CreateJobAlertInput!) { createJobAlert(input: $input) { id name trade contractType text near { radiusKm } } }`;
const MY_ALERTS = `{ myJobAlerts { id name } }`;
const DELETE_ALERT = `mutation($id: ID!) { deleteJobAlert(id: $id) }`;

withTestApp(createWorld, (app) => ({ t, dir, fixtures: w } = app));

async function setChannels(token: string, settings: { type: string; channel: string }[]) {
  return t.ok(SET_CHANNELS, { settings }, token);
}

async function outboxKeys(prefix: string): Promise<string[]> {
  const rows = await t.connection
    .collection('mailOutbox')
    .find({ key: { $regex: `^${prefix}` } })
    .toArray();
  return rows.map((r) => String(r['key']));
}

/** The templates of the e-mails queued for the notifications of `token`'s user about a promise (one per notification). */
async function mailTemplatesAbout(token: string, jobPromiseId: string): Promise<string[]> {
  const keys = (await notificationsOf(t, token))
    .filter((n) => n.data['jobPromiseId'] === jobPromiseId)
    .map((n) => `notification:${n.id}`);
  const rows = await t.connection
    .collection('mailOutbox')
    .find({ key: { $in: keys } })
    .toArray();
  return rows.map((r) => String(r['template']));
}

test('defaults by role: a recruiter gets new applications at once, a student offers and recommendations', async () => {
  const recruiter = await t.ok<{
    notificationPreferences: { channels: { type: string; channel: string; isDefault: boolean }[] };
  }>(PREFS, {}, w.companyA.token);
  expect(recruiter.notificationPreferences.channels).toContainEqual({
    type: 'APPLICATION_RECEIVED',
    channel: 'IMMEDIATE',
    isDefault: true,
  });
  const student = await t.ok<{ notificationPreferences: { channels: { type: string; channel: string }[] } }>(
    PREFS,
    {},
    w.studentA.token,
  );
  const channelOf = (type: string) => student.notificationPreferences.channels.find((c) => c.type === type)?.channel;
  expect(channelOf('JOB_PROMISE_MATCH')).toBe('IMMEDIATE');
  expect(channelOf('RECOMMENDATION_RECEIVED')).toBe('IMMEDIATE');
  expect(channelOf('APPLICATION_STATUS_CHANGED')).toBe('IMMEDIATE');
  // A student's rows are a student's types only.
  expect(channelOf('APPLICATION_RECEIVED')).toBeUndefined();
  expect(await t.code(SET_CHANNELS, { settings: [{ type: 'NOPE', channel: 'IMMEDIATE' }] }, w.studentA.token)).toBe(
    'BAD_USER_INPUT',
  );
  expect(await t.code(PREFS, {})).toBe('UNAUTHENTICATED');
});

test('an application e-mails the recruiter at once, in French, with the link to the promise', async () => {
  const jp = await openPromise(t, w.companyA, { title: 'Fraiseur sur commande numérique' });
  const app = await apply(t, w.studentA, jp.id);
  const mail = await mailWithSubject(dir, w.companyA.email, 'Nouvelle candidature');
  expect(mail.text).toContain('Lina Benali a candidaté à votre promesse « Fraiseur sur commande numérique »');
  const link = linkIn(mail.text, `${t.env.PUBLIC_URL}/entreprise/promesses/`);
  expect(link).toBe(`${t.env.PUBLIC_URL}/entreprise/promesses/${jp.id}`);
  expect(mail.headers['list-unsubscribe']).toBeDefined();
  // One e-mail per notification: the idempotency key is the notification's id.
  const [notification] = (await notificationsOf(t, w.companyA.token)).filter(
    (n) => n.type === 'APPLICATION_RECEIVED' && n.data['applicationId'] === app.id,
  );
  expect(await outboxKeys(`notification:${notification?.id}`)).toHaveLength(1);
});

test('an English student gets the offer e-mail in English; muting a type stops the e-mail and the unread count', async () => {
  const student = await createStudent(t, w.staffA, {}, { firstName: 'Emma', lastName: 'Stone' });
  const email = (await t.ok<{ me: { email: string } }>('{ me { email } }', {}, student.token)).me.email;
  await t.ok(`mutation { setMyLocale(locale: en) { id } }`, {}, student.token);
  const jp = await openPromise(t, w.companyA, { title: 'Machinist' });
  const matched = await mailWithSubject(dir, email, 'A job promise for you');
  expect(linkIn(matched.text, `${t.env.PUBLIC_URL}/eleve/promesses/`)).toBe(
    `${t.env.PUBLIC_URL}/eleve/promesses/${jp.id}`,
  );
  const app = await apply(t, student, jp.id);
  await move(t, w.companyA.token, app.id, 'SHORTLISTED');
  const shortlisted = await mailWithSubject(dir, email, 'Application updated');
  expect(shortlisted.text).toContain('Your application to “Machinist”');

  await setChannels(student.token, [{ type: 'APPLICATION_STATUS_CHANGED', channel: 'MUTED' }]);
  const before = (await t.ok<{ unreadNotificationCount: number }>(UNREAD, {}, student.token)).unreadNotificationCount;
  const outboxBefore = await countDocs(t, 'mailOutbox', { to: email });
  await move(t, w.companyA.token, app.id, 'INTERVIEW');
  const after = (await t.ok<{ unreadNotificationCount: number }>(UNREAD, {}, student.token)).unreadNotificationCount;
  expect(after).toBe(before);
  // Still stored and listed (as read), not e-mailed.
  const interview = (await notificationsOf(t, student.token)).find(
    (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['to'] === 'INTERVIEW',
  );
  expect(interview?.read).toBe(true);
  expect(await countDocs(t, 'mailOutbox', { to: email })).toBe(outboxBefore);
  const prefs = await t.ok<{ notificationPreferences: { mutedTypes: string[] } }>(PREFS, {}, student.token);
  expect(prefs.notificationPreferences.mutedTypes).toEqual(['APPLICATION_STATUS_CHANGED']);
});

test('the daily digest gathers exactly the unread notifications since the last digest, once', async () => {
  const student = await createStudent(t, w.staffA, {}, { firstName: 'Jade', lastName: 'Roux' });
  const email = (await t.ok<{ me: { email: string } }>('{ me { email } }', {}, student.token)).me.email;
  await setChannels(student.token, [{ type: 'JOB_PROMISE_MATCH', channel: 'DIGEST' }]);
  await sendNotificationDigests(t.deps); // earlier notifications of everyone are digested now
  const titles = ['Tourneur A', 'Tourneur B', 'Tourneur C'];
  for (const title of titles) await openPromise(t, w.companyA, { title });
  const read = (await notificationsOf(t, student.token)).find((n) => n.data['jobPromiseTitle'] === 'Tourneur B');
  await t.ok(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [read?.id] }, student.token);
  // Nothing e-mailed at once for a DIGEST type.
  expect(await countDocs(t, 'mailOutbox', { to: email, template: 'notification' })).toBe(0);

  await sendNotificationDigests(t.deps);
  const digest = await mailWithSubject(dir, email, 'Promesse : 2 notifications non lues');
  expect(digest.text).toContain('« Tourneur A »');
  expect(digest.text).toContain('« Tourneur C »');
  expect(digest.text).not.toContain('Tourneur B');
  expect(digest.text).toContain(`${t.env.PUBLIC_URL}/notifications`);
  expect(digest.headers['list-unsubscribe']).toBeDefined();

  // A second run finds nothing new; a later notification starts the next digest on its own.
  await sendNotificationDigests(t.deps);
  expect(await outboxKeys(`digest:${student.userId}:`)).toHaveLength(1);
  await openPromise(t, w.companyA, { title: 'Tourneur D' });
  await sendNotificationDigests(t.deps);
  const second = await mailWithSubject(dir, email, 'Promesse : 1 notification non lue');
  expect(second.text).toContain('« Tourneur D »');
  expect(second.text).not.toContain('Tourneur A');
});

test('job alerts: a matching promise notifies the student once (in-app and by e-mail); others do not', async () => {
  const student = await createStudent(t, w.staffA, {}, { firstName: 'Noé', lastName: 'Petit' });
  const email = (await t.ok<{ me: { email: string } }>('{ me { email } }', {}, student.token)).me.email;
  // Promise-match notifications (by trade) aside, to see the alert alone.
  await setChannels(student.token, [{ type: 'JOB_PROMISE_MATCH', channel: 'IN_APP' }]);
  const created = await t.ok<{ createJobAlert: { id: string } }>(
    CREATE_ALERT,
    {
      input: {
        name: 'Soudure près de Lyon',
        filter: { contractType: 'APPRENTICESHIP', text: 'soudure', near: { lat: 45.75, lng: 4.85, radiusKm: 30 } },
      },
    },
    student.token,
  );
  expect(await t.code(CREATE_ALERT, { input: { name: 'Vide', filter: {} } }, student.token)).toBe('BAD_USER_INPUT');
  expect(await t.code(CREATE_ALERT, { input: { name: 'x', filter: { text: 'a' } } }, w.companyA.token)).toBe(
    'FORBIDDEN',
  );

  // Wrong contract, then too far: no alert.
  await openPromise(t, w.companyA, { title: 'Soudeur', description: 'Soudure TIG', contractType: 'CDI' });
  await openPromise(t, w.companyA, {
    title: 'Soudeur à Marseille',
    description: 'Soudure TIG',
    contractType: 'APPRENTICESHIP',
    city: 'Marseille',
    location: { lat: 43.3, lng: 5.37 },
  });
  const jp = await openPromise(t, w.companyA, {
    title: 'Apprenti soudeur',
    description: 'Soudures MIG et TIG en atelier',
    contractType: 'APPRENTICESHIP',
  });
  const alerts = (await notificationsOf(t, student.token)).filter((n) => n.type === 'JOB_ALERT_MATCH');
  expect(alerts).toHaveLength(1);
  expect(alerts[0]?.data['jobPromiseId']).toBe(jp.id);
  expect(alerts[0]?.body).toContain('« Soudure près de Lyon »');
  // The alert's own e-mail (its template names the saved search), not the generic notification e-mail.
  const mail = await mailWithSubject(dir, email, renderMessage('mail.jobAlert.subject', { title: jp.title }, 'fr'));
  expect(mail.text).toContain(renderMessage('mail.jobAlert.search', { searchName: 'Soudure près de Lyon' }, 'fr'));
  expect(await mailTemplatesAbout(student.token, jp.id)).toEqual(['jobAlert']);
  expect(linkIn(mail.text, `${t.env.PUBLIC_URL}/eleve/promesses/`)).toBe(
    `${t.env.PUBLIC_URL}/eleve/promesses/${jp.id}`,
  );

  // Once per (alert, promise): a replayed matching (retry, second publisher) adds nothing.
  const doc = await jobPromiseModel(t.connection).findById(jp.id).lean();
  if (!doc) throw new Error('promise not found');
  const again = await inTransaction(t.deps, (session) =>
    notifyJobAlerts(t.deps, session, doc, { companyName: null, now: new Date() }),
  );
  expect(again.notified).toBe(0);
  expect(await countDocs(t, 'jobAlertHits', { alertId: { $exists: true } })).toBeGreaterThanOrEqual(1);
  expect((await notificationsOf(t, student.token)).filter((n) => n.type === 'JOB_ALERT_MATCH')).toHaveLength(1);

  // List and delete (own only).
  const mine = await t.ok<{ myJobAlerts: { id: string }[] }>(MY_ALERTS, {}, student.token);
  expect(mine.myJobAlerts.map((a) => a.id)).toEqual([created.createJobAlert.id]);
  expect(await t.code(DELETE_ALERT, { id: created.createJobAlert.id }, w.studentA.token)).toBe('NOT_FOUND');
  expect(await t.ok(DELETE_ALERT, { id: created.createJobAlert.id }, student.token)).toEqual({ deleteJobAlert: true });
  expect((await t.ok<{ myJobAlerts: unknown[] }>(MY_ALERTS, {}, student.token)).myJobAlerts).toEqual([]);
});

test('a student whose alert matches a new promise of their trade hears of it once: the alert, not also the trade match', async () => {
  const alerted = await createStudent(t, w.staffA, {}, { firstName: 'Maël', lastName: 'Garnier' });
  const plain = await createStudent(t, w.staffA, {}, { firstName: 'Zoé', lastName: 'Lemoine' });
  const emailOf = async (token: string) =>
    (await t.ok<{ me: { email: string } }>('{ me { email } }', {}, token)).me.email;
  const [alertedEmail, plainEmail] = [await emailOf(alerted.token), await emailOf(plain.token)];
  // Both are machining students of the targeted school (a trade match); only one saved a search that matches too.
  await t.ok(
    CREATE_ALERT,
    { input: { name: 'Rectification', filter: { trade: 'MACHINING', text: 'rectifieuse' } } },
    alerted.token,
  );
  const jp = await openPromise(t, w.companyA, {
    title: 'Régleur sur rectifieuse',
    description: 'Réglage et conduite d’une rectifieuse cylindrique',
  });

  const about = async (token: string) =>
    (await notificationsOf(t, token)).filter((n) => n.data['jobPromiseId'] === jp.id).map((n) => n.type);
  expect(await about(alerted.token)).toEqual(['JOB_ALERT_MATCH']);
  expect(await about(plain.token)).toEqual(['JOB_PROMISE_MATCH']);

  // One e-mail each (both types are IMMEDIATE for students): the alert's template for the alerted student.
  expect(await mailTemplatesAbout(alerted.token, jp.id)).toEqual(['jobAlert']);
  expect(await mailTemplatesAbout(plain.token, jp.id)).toEqual(['notification']);
  await mailWithSubject(dir, alertedEmail, renderMessage('mail.jobAlert.subject', { title: jp.title }, 'fr'));
  await mailWithSubject(dir, plainEmail, renderMessage('notification.JOB_PROMISE_MATCH.title', {}, 'fr'));
});

test('only students of the schools a promise targets get its alerts', async () => {
  const company = await registerCompany(t);
  await approvePartnership(t, company, w.staffB);
  const alerted = async (token: string) =>
    (await notificationsOf(t, token)).filter((n) => n.type === 'JOB_ALERT_MATCH').length;
  for (const student of [w.studentA, w.studentB]) {
    await t.ok(CREATE_ALERT, { input: { name: 'Usinage', filter: { trade: 'MACHINING' } } }, student.token);
  }
  const [beforeA, beforeB] = [await alerted(w.studentA.token), await alerted(w.studentB.token)];
  await openPromise(t, company, { title: 'Usinage à Marseille' });
  expect(await alerted(w.studentA.token)).toBe(beforeA);
  expect(await alerted(w.studentB.token)).toBe(beforeB + 1);
});
