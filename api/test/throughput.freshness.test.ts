import { Types } from 'mongoose';
import { findByIds } from '../src/core/ids';
import { userModel } from '../src/modules/auth/auth.model';
import { createWorld, setInDatabase, startTestApp, type TestApp, type World } from './helpers';
import { apply, openPromise } from './marketplace.fixtures';

// What the hot-path savings of issue 19 (verified tokens kept until they expire, lean reads, one rendering per
// request) must never cost: the same token sees a role or membership change on its very next request, and a user
// never reads stale data after a write of their own.

jest.setTimeout(60_000);

const LIST = `{ jobPromises(first: 10) { edges { node { id applicationCount } } } }`;
const MATCHES = `{ matchingJobPromises(first: 10) { jobPromise { id } } }`;
const NOTIFICATIONS = `{ notifications(first: 20) { edges { node { id type title read } } } }`;
const MARK_READ = `mutation { markNotificationsRead }`;
const SET_LOCALE = `mutation($locale: Locale!) { setMyLocale(locale: $locale) { id } }`;

type ListData = { jobPromises: { edges: { node: { id: string; applicationCount: number } }[] } };
type NotificationsData = {
  notifications: { edges: { node: { id: string; type: string; title: string; read: boolean } }[] };
};

describe('hot-path caches never serve what a user may no longer see', () => {
  let t: TestApp;
  let w: World;
  let promiseA: string;
  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
    promiseA = (await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const ids = (data: ListData) => data.jobPromises.edges.map((e) => e.node.id);
  const users = (id: string) => ({ _id: new Types.ObjectId(id) });

  it('a membership change shows on the next request of the same token', async () => {
    const token = w.studentA.token;
    expect(ids(await t.ok<ListData>(LIST, undefined, token))).toContain(promiseA);
    await setInDatabase(t.connection, 'users', users(w.studentA.userId), {
      schoolId: new Types.ObjectId(w.schoolB.id),
    });
    try {
      expect(ids(await t.ok<ListData>(LIST, undefined, token))).not.toContain(promiseA);
    } finally {
      await setInDatabase(t.connection, 'users', users(w.studentA.userId), {
        schoolId: new Types.ObjectId(w.schoolA.id),
      });
    }
    expect(ids(await t.ok<ListData>(LIST, undefined, token))).toContain(promiseA);
  });

  it('a role change or a deleted account shows on the next request of the same token', async () => {
    const token = w.studentA.token;
    await t.ok(MATCHES, undefined, token);
    await setInDatabase(t.connection, 'users', users(w.studentA.userId), { role: 'SCHOOL_STAFF' });
    try {
      expect(await t.code(MATCHES, undefined, token)).toBe('FORBIDDEN');
    } finally {
      await setInDatabase(t.connection, 'users', users(w.studentA.userId), { role: 'STUDENT' });
    }
    await t.ok(MATCHES, undefined, token);

    const user = await t.connection.collection('users').findOne(users(w.studentB.userId));
    await t.connection.collection('users').deleteOne(users(w.studentB.userId));
    try {
      expect(await t.code(LIST, undefined, w.studentB.token)).toBe('UNAUTHENTICATED');
    } finally {
      await t.connection.collection('users').insertOne(user!);
    }
    await t.ok(LIST, undefined, w.studentB.token);
  });

  it('a user reads their own writes on the next request', async () => {
    const token = w.studentA.token;
    const before = await t.ok<ListData>(LIST, undefined, token);
    const countOf = (data: ListData) =>
      data.jobPromises.edges.find((e) => e.node.id === promiseA)?.node.applicationCount;
    expect(countOf(before)).toBe(0);
    await apply(t, w.studentA, promiseA);
    expect(countOf(await t.ok<ListData>(LIST, undefined, token))).toBe(1);

    // Publishing notified the student (JOB_PROMISE_MATCH), in French first.
    const unread = await t.ok<NotificationsData>(NOTIFICATIONS, undefined, token);
    const match = unread.notifications.edges.find((e) => e.node.type === 'JOB_PROMISE_MATCH')!.node;
    expect(match.read).toBe(false);
    await t.ok(MARK_READ, undefined, token);
    await t.ok(SET_LOCALE, { locale: 'en' }, token);
    const after = await t.ok<NotificationsData>(NOTIFICATIONS, undefined, token);
    const again = after.notifications.edges.find((e) => e.node.id === match.id)!.node;
    expect(again.read).toBe(true);
    expect(again.title).not.toBe(match.title);
  });

  it('a revoked session shows on the next request of the same (already verified) token', async () => {
    const token = w.studentB.token;
    await t.ok(LIST, undefined, token);
    await t.ok(`mutation { logOut(allDevices: true) }`, undefined, token);
    expect(await t.code(LIST, undefined, token)).toBe('UNAUTHENTICATED');
  });

  it('by-id reads through the driver answer like a lean mongoose find, in the order asked, hidden fields left out', async () => {
    const User = userModel(t.connection);
    const asked = [w.studentA.userId, 'not-an-id', new Types.ObjectId().toHexString(), w.staffA.userId];
    const found = await findByIds<{ _id: Types.ObjectId; passwordHash?: string }>(User, asked);
    expect(found.map((u) => u && String(u._id))).toEqual([w.studentA.userId, null, null, w.staffA.userId]);
    const lean = await User.find({ _id: { $in: [w.studentA.userId, w.staffA.userId] } }).lean();
    expect(found[0]).toEqual(lean.find((u) => String(u._id) === w.studentA.userId));
    // The schema hides the password hash (select: false): neither read carries it.
    expect(found[0]).not.toHaveProperty('passwordHash');
  });
});
