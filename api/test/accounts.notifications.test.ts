import { Types } from 'mongoose';
import { createNotifications } from '../src/modules/notification/notification.queries';
import { createWorld, errorCode, snapshotDatabase, startTestApp, type TestApp, type World } from './helpers';

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id type title body read readAt createdAt data { jobPromiseId jobPromiseTitle companyName } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const COUNT = `{ unreadNotificationCount }`;
const MARK = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;

describe('accounts: notifications over real HTTP', () => {
  let t: TestApp;
  let w: World;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
    // Forget the partnership notifications of the fixtures: these tests own the collection.
    await t.connection.collection('notifications').deleteMany({});
    // 25 notifications for student A, created one call at a time so ids (the sort key) grow.
    for (let i = 0; i < 25; i++) {
      const [doc] = await createNotifications(t.deps, null, [
        {
          userId: w.studentA.userId,
          type: 'JOB_PROMISE_MATCH',
          data: {
            jobPromiseId: new Types.ObjectId().toHexString(),
            jobPromiseTitle: `Promesse ${i}`,
            companyName: 'Fonderie',
          },
        },
      ]);
      ids.push(String(doc!._id));
    }
    await createNotifications(t.deps, null, [
      { userId: w.studentB.userId, type: 'JOB_PROMISE_MATCH', data: { jobPromiseId: 'x', jobPromiseTitle: 'Pour B' } },
    ]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('stores type and data only: the text is rendered when read, in the reader’s language', async () => {
    const doc = await t.connection.collection('notifications').findOne({ _id: new Types.ObjectId(ids[0]) });
    expect(doc).toMatchObject({
      type: 'JOB_PROMISE_MATCH',
      data: { jobPromiseTitle: 'Promesse 0', companyName: 'Fonderie' },
      readAt: null,
      createdAt: expect.any(Date),
    });
    expect(doc).not.toHaveProperty('title');
    expect(doc).not.toHaveProperty('body');
    expect(doc).not.toHaveProperty('emittedAt');
    const res = await t.ok<any>(LIST, { first: 100 }, w.studentA.token);
    const listed = res.notifications.edges.find((e: any) => e.node.id === ids[0]).node;
    expect(listed).toMatchObject({
      title: 'Une promesse d’embauche pour vous',
      body: 'Fonderie propose « Promesse 0 », dans votre métier.',
    });
  });

  it('pages newest first with opaque cursors, and only shows the caller’s own', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await t.ok<any>(LIST, { first: 10, after }, w.studentA.token);
      const conn = res.notifications;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      pages += 1;
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
      expect(after).not.toContain(seen.at(-1)); // opaque, not the raw id
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    const first = await t.ok<any>(LIST, { first: 1 }, w.studentA.token);
    expect(first.notifications.edges[0].node).toMatchObject({
      read: false,
      readAt: null,
      data: { jobPromiseTitle: 'Promesse 24' },
    });
    const b = await t.ok<any>(LIST, {}, w.studentB.token);
    expect(b.notifications.edges.map((e: any) => e.node.data.jobPromiseTitle)).toEqual(['Pour B']);
  });

  it('counts unread; marking others’ ids changes nothing; marking own ids returns how many changed', async () => {
    expect((await t.ok<any>(COUNT, undefined, w.studentA.token)).unreadNotificationCount).toBe(25);
    const before = await snapshotDatabase(t.connection);
    // Student B cannot mark A's notifications.
    expect((await t.ok<any>(MARK, { ids: ids.slice(0, 5) }, w.studentB.token)).markNotificationsRead).toBe(0);
    expect((await t.ok<any>(MARK, { ids: [] }, w.studentA.token)).markNotificationsRead).toBe(0);
    expect((await t.ok<any>(MARK, { ids: ['5f0000000000000000000000'] }, w.studentA.token)).markNotificationsRead).toBe(
      0,
    );
    expect(await snapshotDatabase(t.connection)).toEqual(before);

    expect((await t.ok<any>(MARK, { ids: ids.slice(0, 3) }, w.studentA.token)).markNotificationsRead).toBe(3);
    // Already read: not counted again.
    expect((await t.ok<any>(MARK, { ids: ids.slice(0, 4) }, w.studentA.token)).markNotificationsRead).toBe(1);
    expect((await t.ok<any>(COUNT, undefined, w.studentA.token)).unreadNotificationCount).toBe(21);
    const unread = await t.ok<any>(LIST, { first: 100, unreadOnly: true }, w.studentA.token);
    expect(unread.notifications.edges).toHaveLength(21);
    expect(unread.notifications.edges.every((e: any) => !e.node.read)).toBe(true);
    const all = await t.ok<any>(LIST, { first: 100 }, w.studentA.token);
    const oldest = all.notifications.edges.at(-1).node;
    expect(oldest).toMatchObject({ id: ids[0], read: true, readAt: expect.any(String) });

    // No ids: all of the caller's, and only theirs.
    expect((await t.ok<any>(MARK, {}, w.studentA.token)).markNotificationsRead).toBe(21);
    expect((await t.ok<any>(COUNT, undefined, w.studentA.token)).unreadNotificationCount).toBe(0);
    expect((await t.ok<any>(COUNT, undefined, w.studentB.token)).unreadNotificationCount).toBe(1);
  });

  it('refuses bad paging input and malformed ids with BAD_USER_INPUT; anonymous with UNAUTHENTICATED', async () => {
    expect(errorCode(await t.gql(LIST, { first: 0 }, w.studentA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(LIST, { first: 101 }, w.studentA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(LIST, { after: 'garbage' }, w.studentA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(LIST, { after: 'x'.repeat(10_000) }, w.studentA.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(LIST, { first: 'ten' }, w.studentA.token))).toBe('BAD_USER_INPUT');
    const before = await snapshotDatabase(t.connection);
    expect(errorCode(await t.gql(MARK, { ids: ['not-an-id'] }, w.studentB.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(MARK, { ids: Array.from({ length: 501 }, () => ids[0]) }, w.studentB.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql(MARK, {}))).toBe('UNAUTHENTICATED');
    expect(await snapshotDatabase(t.connection)).toEqual(before);
    expect(errorCode(await t.gql(LIST, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(COUNT))).toBe('UNAUTHENTICATED');
  });

  it('createNotifications writes in the caller’s transaction: an aborted change leaves no notification', async () => {
    const count = () =>
      t.connection.collection('notifications').countDocuments({ userId: new Types.ObjectId(w.staffA.userId) });
    const before = await count();
    await expect(
      t.connection.transaction(async (session) => {
        await createNotifications(t.deps, session, [
          { userId: w.staffA.userId, type: 'PARTNERSHIP_REQUESTED', data: { partnershipId: 'p1', companyName: 'X' } },
        ]);
        throw new Error('the change failed after the notification was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await count()).toBe(before);
    await t.connection.transaction(async (session) => {
      await createNotifications(t.deps, session, [
        { userId: w.staffA.userId, type: 'PARTNERSHIP_REQUESTED', data: { partnershipId: 'p1', companyName: 'X' } },
        // Same recipient, type and data twice in one call: written once.
        { userId: w.staffA.userId, type: 'PARTNERSHIP_REQUESTED', data: { partnershipId: 'p1', companyName: 'X' } },
      ]);
    });
    expect(await count()).toBe(before + 1);
  });
});
