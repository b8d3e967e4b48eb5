import { mongo, Types } from 'mongoose';
import type { NotificationPayload, NotificationType } from '@promesse/shared';
import { signToken } from '../src/modules/auth/auth.token';
import { createNotifications } from '../src/modules/notification/notification.queries';
import { createNotificationIdGenerator, newNotificationId } from '../src/modules/notification/notification.ids';
import { RealtimeTestClient } from './realtime.test-client';
import { TEST_JWT_SECRET } from '../src/testing/test-app';
import {
  createStaff,
  createStudent,
  createWorld,
  registerCompany,
  startTestApp,
  unique,
  type Actor,
  type TestApp,
  type World,
} from './helpers';
import { apply, createPromise, move, PUBLISH_PROMISE, recommend } from './marketplace.fixtures';

// Live delivery over real socket.io connections to the real app (Express + yoga + socket.io) on the embedded
// engine, through the same change stream path production uses.

const NOTIFICATIONS = `query($first: Int, $after: String) { notifications(first: $first, after: $after) {
  edges { node { id type title body createdAt read
    data { jobPromiseId applicationId recommendationId partnershipId companyName schoolName status to } } } } }`;
const UNREAD = `{ unreadNotificationCount }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const PREFERENCES = `{ notificationPreferences { mutedTypes } }`;
const UPDATE_PREFERENCES = `mutation($t: [NotificationType!]!) { updateNotificationPreferences(mutedTypes: $t) { mutedTypes } }`;
const REQUEST_PARTNERSHIP = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id status } }`;
const DECIDE_PARTNERSHIP = `mutation($id: ID!, $approve: Boolean!) { decidePartnership(id: $id, approve: $approve) { id status } }`;

interface ListedNotification extends Omit<NotificationPayload, 'data'> {
  data: Record<string, string | null>;
  read: boolean;
}

/** The typed GraphQL `data` (null for absent fields) without its nulls, to compare with the pushed raw data. */
function listedData(n: ListedNotification): Record<string, string> {
  return Object.fromEntries(Object.entries(n.data).filter(([, v]) => v !== null)) as Record<string, string>;
}

let t: TestApp;
let world: World;
const clients: RealtimeTestClient[] = [];

async function connect(actor: Actor): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.connect(t.url, actor.token);
  clients.push(client);
  return client;
}

async function listNotifications(actor: Actor, first = 100): Promise<ListedNotification[]> {
  const data = await t.ok<{ notifications: { edges: { node: ListedNotification }[] } }>(
    NOTIFICATIONS,
    { first },
    actor.token,
  );
  return data.notifications.edges.map((e) => e.node);
}

/**
 * Proves that nothing else is on its way to these clients: a marker notification is committed for each one after
 * the action under test, and the change stream delivers in commit order, so once a client has its marker every
 * earlier notification for it has arrived. Markers are removed from `notifications` afterwards.
 */
async function settle(
  entries: { client: RealtimeTestClient; actor: Actor }[],
  type: NotificationType = 'PARTNERSHIP_DECIDED',
): Promise<void> {
  const marker = unique('marker');
  await createNotifications(
    t.deps,
    null,
    entries.map(({ actor }) => ({ userId: actor.userId, type, data: { marker } })),
  );
  await Promise.all(
    entries.map(({ client }) => client.waitFor((n) => n.data['marker'] === marker, `marker ${marker}`)),
  );
  for (const { client } of entries) {
    const kept = client.notifications.filter((n) => !('marker' in n.data));
    client.notifications.splice(0, client.notifications.length, ...kept);
  }
}

function expectNoDuplicates(client: RealtimeTestClient): void {
  expect(new Set(client.ids).size).toBe(client.ids.length);
}

beforeAll(async () => {
  t = await startTestApp();
  await t.app.realtime.ready;
  world = await createWorld(t);
}, 120_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

afterAll(async () => {
  await t?.close();
});

describe('socket.io handshake', () => {
  it('refuses a missing, malformed, forged or expired token with connect_error data.code UNAUTHENTICATED', async () => {
    const { staffA } = world;
    const forged = await signToken(
      { sub: staffA.userId, role: 'SCHOOL_STAFF' },
      'another-secret-0123456789-abcdefghijklmnop',
    );
    const expired = await signToken({ sub: staffA.userId, role: 'SCHOOL_STAFF' }, TEST_JWT_SECRET, -60);
    const unknownUser = await signToken({ sub: new Types.ObjectId().toHexString(), role: 'STUDENT' }, TEST_JWT_SECRET);
    for (const token of [undefined, '', 'not-a-jwt', forged, expired, unknownUser]) {
      const refusal = await RealtimeTestClient.refusal(t.url, token);
      expect(refusal.data).toEqual({ code: 'UNAUTHENTICATED' });
    }
    expect((await RealtimeTestClient.refusal(t.url, expired)).message).toBe('Session expirée');
  });

  it('accepts the token logIn returns and sends the current unread count at once', async () => {
    const { studentA } = world;
    const expected = (await t.ok<{ unreadNotificationCount: number }>(UNREAD, undefined, studentA.token))
      .unreadNotificationCount;
    const client = await connect(studentA);
    await client.waitForCount(expected);
    expect(client.counts).toEqual([expected]);
  });
});

describe('live delivery of every notification type to its recipients only', () => {
  it('PARTNERSHIP_REQUESTED to every staff member of the school, PARTNERSHIP_DECIDED to the company’s recruiters', async () => {
    const { admin, staffA, staffB, companyA, studentA, schoolA } = world;
    const staffA2 = await createStaff(t, admin, schoolA.id);
    const newcomer = await registerCompany(t, { city: 'Lyon' });
    const everyone = [admin, staffA, staffA2, staffB, companyA, studentA, newcomer];
    const sockets = new Map<Actor, RealtimeTestClient>();
    for (const actor of everyone) sockets.set(actor, await connect(actor));

    const req = await t.ok<{ requestPartnership: { id: string } }>(
      REQUEST_PARTNERSHIP,
      { schoolId: schoolA.id },
      newcomer.token,
    );
    const partnershipId = req.requestPartnership.id;
    for (const staff of [staffA, staffA2]) {
      const n = await sockets.get(staff)!.waitFor((x) => x.type === 'PARTNERSHIP_REQUESTED');
      expect(n.data).toMatchObject({ partnershipId, companyName: newcomer.companyName });
      // The pushed notification is the stored one: same id and fields as the `notifications` query.
      const [listed] = await listNotifications(staff, 1);
      expect({ ...n, data: undefined }).toEqual({
        id: listed!.id,
        type: listed!.type,
        title: listed!.title,
        body: listed!.body,
        data: undefined,
        createdAt: new Date(listed!.createdAt).toISOString(),
      });
      expect(n.data).toMatchObject(listedData(listed!));
    }

    await t.ok(DECIDE_PARTNERSHIP, { id: partnershipId, approve: true }, staffA.token);
    const decided = await sockets.get(newcomer)!.waitFor((x) => x.type === 'PARTNERSHIP_DECIDED');
    expect(decided.data).toMatchObject({ partnershipId, status: 'APPROVED' });

    await settle(everyone.map((actor) => ({ actor, client: sockets.get(actor)! })));
    const got = (actor: Actor) => sockets.get(actor)!.notifications.map((n) => n.type);
    expect(got(staffA)).toEqual(['PARTNERSHIP_REQUESTED']);
    expect(got(staffA2)).toEqual(['PARTNERSHIP_REQUESTED']);
    expect(got(newcomer)).toEqual(['PARTNERSHIP_DECIDED']);
    for (const other of [admin, staffB, companyA, studentA]) expect(got(other)).toEqual([]);
    for (const client of sockets.values()) expectNoDuplicates(client);
  });

  it('JOB_PROMISE_MATCH to the targeted schools’ students of the trade; APPLICATION_RECEIVED, APPLICATION_STATUS_CHANGED, RECOMMENDATION_RECEIVED to theirs', async () => {
    const { admin, staffA, staffB, companyA, companyB, studentA, studentB } = world;
    const welder = await createStudent(t, staffA, { trade: 'WELDING' }, { firstName: 'Eva', lastName: 'Soudure' });
    const machinist2 = await createStudent(t, staffA, {}, { firstName: 'Hugo', lastName: 'Tour' });
    const everyone = [admin, staffA, staffB, companyA, companyB, studentA, studentB, welder, machinist2];
    const sockets = new Map<Actor, RealtimeTestClient>();
    for (const actor of everyone) sockets.set(actor, await connect(actor));
    const got = (actor: Actor) => sockets.get(actor)!.notifications.map((n) => n.type);
    const all = () => everyone.map((actor) => ({ actor, client: sockets.get(actor)! }));

    // Company A publishes a MACHINING promise for its partner school A.
    const jp = await createPromise(t, companyA, { schoolIds: [world.schoolA.id] });
    await t.ok(PUBLISH_PROMISE, { id: jp.id }, companyA.token);
    for (const student of [studentA, machinist2]) {
      const n = await sockets.get(student)!.waitFor((x) => x.type === 'JOB_PROMISE_MATCH');
      expect(n.data).toMatchObject({ jobPromiseId: jp.id });
    }
    await settle(all());
    expect(got(studentA)).toEqual(['JOB_PROMISE_MATCH']);
    expect(got(machinist2)).toEqual(['JOB_PROMISE_MATCH']);
    for (const other of [admin, staffA, staffB, companyA, companyB, studentB, welder]) expect(got(other)).toEqual([]);

    // Student A applies: the company's recruiters.
    const application = await apply(t, studentA, jp.id, 'Bonjour, je suis intéressée.');
    const received = await sockets.get(companyA)!.waitFor((x) => x.type === 'APPLICATION_RECEIVED');
    expect(received.data).toMatchObject({ applicationId: application.id, jobPromiseId: jp.id });
    await settle(all());
    expect(got(companyA)).toEqual(['APPLICATION_RECEIVED']);
    for (const other of [admin, staffA, staffB, companyB, studentB, welder, machinist2]) {
      expect(got(other).filter((x) => x !== 'JOB_PROMISE_MATCH')).toEqual([]);
    }

    // The company shortlists: the student and the student's school staff.
    await move(t, companyA.token, application.id, 'SHORTLISTED');
    for (const actor of [studentA, staffA]) {
      const n = await sockets.get(actor)!.waitFor((x) => x.type === 'APPLICATION_STATUS_CHANGED');
      expect(n.data).toMatchObject({ applicationId: application.id, to: 'SHORTLISTED' });
    }
    await settle(all());
    expect(got(studentA)).toEqual(['JOB_PROMISE_MATCH', 'APPLICATION_STATUS_CHANGED']);
    expect(got(staffA)).toEqual(['APPLICATION_STATUS_CHANGED']);
    for (const other of [admin, staffB, companyB, studentB, welder]) expect(got(other)).toEqual([]);
    expect(got(companyA)).toEqual(['APPLICATION_RECEIVED']);

    // School A recommends machinist2: the graduate and the company's recruiters.
    const rec = await recommend(t, staffA, jp.id, machinist2.studentId);
    for (const actor of [machinist2, companyA]) {
      const n = await sockets.get(actor)!.waitFor((x) => x.type === 'RECOMMENDATION_RECEIVED');
      expect(n.data).toMatchObject({ recommendationId: rec.id, jobPromiseId: jp.id });
    }
    await settle(all());
    expect(got(machinist2)).toEqual(['JOB_PROMISE_MATCH', 'RECOMMENDATION_RECEIVED']);
    expect(got(companyA)).toEqual(['APPLICATION_RECEIVED', 'RECOMMENDATION_RECEIVED']);
    expect(got(studentA)).toEqual(['JOB_PROMISE_MATCH', 'APPLICATION_STATUS_CHANGED']);
    expect(got(staffA)).toEqual(['APPLICATION_STATUS_CHANGED']);
    for (const other of [admin, staffB, companyB, studentB, welder]) expect(got(other)).toEqual([]);
    for (const client of sockets.values()) expectNoDuplicates(client);
  });

  it('reaches every connection of the recipient (several tabs), each once', async () => {
    const { staffB, companyB } = world;
    const tabs = [await connect(staffB), await connect(staffB), await connect(staffB)];
    const newcomer = await registerCompany(t, { city: 'Marseille' });
    await t.ok(REQUEST_PARTNERSHIP, { schoolId: world.schoolB.id }, newcomer.token);
    const ids = await Promise.all(
      tabs.map(async (tab) => (await tab.waitFor((n) => n.type === 'PARTNERSHIP_REQUESTED')).id),
    );
    expect(new Set(ids).size).toBe(1);
    await settle(tabs.map((client) => ({ client, actor: staffB })));
    for (const tab of tabs) expect(tab.ids).toEqual([ids[0]]);
    expect(companyB).toBeDefined();
  });

  it('emits nothing for a transaction that rolled back (persist, then emit)', async () => {
    const { studentB } = world;
    const client = await connect(studentB);
    await expect(
      t.connection.transaction(async (session) => {
        await createNotifications(t.deps, session, [
          { userId: studentB.userId, type: 'JOB_PROMISE_MATCH', data: { jobPromiseId: 'rolled-back' } },
        ]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await settle([{ client, actor: studentB }]);
    expect(client.notifications).toEqual([]);
  });
});

describe('catch-up', () => {
  it('after a disconnect returns what was missed, oldest first, the same list as the notifications query, in pages', async () => {
    const { staffB, schoolB } = world;
    let client = await connect(staffB);
    await settle([{ client, actor: staffB }]);
    const [lastSeen] = await listNotifications(staffB, 1);
    client.close();

    // Three real notifications while offline.
    for (let i = 0; i < 3; i++) {
      const newcomer = await registerCompany(t, { city: 'Marseille' });
      await t.ok(REQUEST_PARTNERSHIP, { schoolId: schoolB.id }, newcomer.token);
    }
    const missed = (await listNotifications(staffB, 3)).reverse();
    expect(missed.map((n) => n.type)).toEqual([
      'PARTNERSHIP_REQUESTED',
      'PARTNERSHIP_REQUESTED',
      'PARTNERSHIP_REQUESTED',
    ]);

    client = await connect(staffB);
    const ack = await client.catchUp({ afterId: lastSeen!.id });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(ack.hasMore).toBe(false);
    expect(ack.notifications.map((n) => n.id)).toEqual(missed.map((n) => n.id));
    ack.notifications.forEach((n, i) => {
      expect(n).toMatchObject({ type: missed[i]!.type, title: missed[i]!.title, body: missed[i]!.body });
      expect(n.data).toMatchObject(listedData(missed[i]!));
    });

    // Paged: 2 then 1.
    const page1 = await client.catchUp({ afterId: lastSeen!.id, limit: 2 });
    if (!page1.ok) throw new Error(JSON.stringify(page1));
    expect([page1.notifications.length, page1.hasMore]).toEqual([2, true]);
    const page2 = await client.catchUp({ afterId: page1.notifications[1]!.id, limit: 2 });
    if (!page2.ok) throw new Error(JSON.stringify(page2));
    expect([page2.notifications.map((n) => n.id), page2.hasMore]).toEqual([[missed[2]!.id], false]);

    // Without a reference point: the most recent ones, oldest first.
    const recent = await client.catchUp({ limit: 2 });
    if (!recent.ok) throw new Error(JSON.stringify(recent));
    expect(recent.notifications.map((n) => n.id)).toEqual(missed.slice(1).map((n) => n.id));

    // Nothing missed was pushed to the new connection, and nothing is pushed twice afterwards.
    await settle([{ client, actor: staffB }]);
    expect(client.notifications).toEqual([]);
  });

  it('answers bad input with BAD_USER_INPUT and only ever returns the caller’s own notifications', async () => {
    const { staffA, studentB } = world;
    const client = await connect(studentB);
    for (const payload of [{ afterId: 'nope' }, { limit: 0 }, { limit: 1000 }]) {
      const ack = await client.catchUp(payload as never);
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
    }
    const before = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 3600);
    await createNotifications(t.deps, null, [
      { userId: staffA.userId, type: 'PARTNERSHIP_REQUESTED', data: { partnershipId: 'x' } },
    ]);
    const ack = await client.catchUp({ afterId: before.toHexString(), limit: 200 });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    const own = new Set((await listNotifications(studentB)).map((n) => n.id));
    expect(ack.notifications.every((n) => own.has(n.id))).toBe(true);
  });
});

describe('preferences: muted types are stored, listed and caught up, not pushed', () => {
  it('mutes JOB_PROMISE_MATCH for live and new connections, then unmutes', async () => {
    const { staffA, companyA, schoolA } = world;
    const student = await createStudent(t, staffA, {}, { firstName: 'Inès', lastName: 'Muette' });
    const early = await connect(student);
    await early.waitForCount(0);
    expect(
      (await t.ok<{ notificationPreferences: { mutedTypes: string[] } }>(PREFERENCES, undefined, student.token))
        .notificationPreferences,
    ).toEqual({ mutedTypes: [] });

    const muted = await t.ok<{ updateNotificationPreferences: { mutedTypes: string[] } }>(
      UPDATE_PREFERENCES,
      { t: ['JOB_PROMISE_MATCH', 'JOB_PROMISE_MATCH'] },
      student.token,
    );
    expect(muted.updateNotificationPreferences.mutedTypes).toEqual(['JOB_PROMISE_MATCH']);
    expect(await t.code(UPDATE_PREFERENCES, { t: ['NOT_A_TYPE'] }, student.token)).toBeDefined();
    const late = await connect(student);

    // The mute commits before the publication: the change stream applies it first on every instance.
    const jp = await createPromise(t, companyA, { schoolIds: [schoolA.id], title: 'Fraiseur (muet)' });
    await t.ok(PUBLISH_PROMISE, { id: jp.id }, companyA.token);
    // Stored as read (issue 14: a muted type no longer raises the unread count): after the settle marker (one
    // unread notification of another type), the count is 1, the marker alone.
    await settle([
      { client: early, actor: student },
      { client: late, actor: student },
    ]);
    await Promise.all([early.waitForCount(1), late.waitForCount(1)]);
    expect(early.counts).not.toContain(2);
    expect(
      (await t.ok<{ unreadNotificationCount: number }>('{ unreadNotificationCount }', undefined, student.token))
        .unreadNotificationCount,
    ).toBe(1);
    expect(early.notifications).toEqual([]);
    expect(late.notifications).toEqual([]);
    const listed = await listNotifications(student);
    const stored = listed.find((n) => n.type === 'JOB_PROMISE_MATCH' && n.data['jobPromiseId'] === jp.id);
    expect(stored).toBeDefined();
    const caught = await late.catchUp({
      afterId: Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 600).toHexString(),
    });
    expect(caught.ok && caught.notifications.some((n) => n.id === stored!.id)).toBe(true);

    await t.ok(UPDATE_PREFERENCES, { t: [] }, student.token);
    const jp2 = await createPromise(t, companyA, { schoolIds: [schoolA.id], title: 'Fraiseur (audible)' });
    await t.ok(PUBLISH_PROMISE, { id: jp2.id }, companyA.token);
    // `late` already has the first one from its catch-up: it gets only the new one; `early` too.
    for (const client of [early, late]) {
      await client.waitFor((n) => n.type === 'JOB_PROMISE_MATCH' && n.data['jobPromiseId'] === jp2.id);
      expect(client.notifications.map((n) => n.data['jobPromiseId'])).toEqual([jp2.id]);
    }
  });
});

describe('unread count', () => {
  it('is pushed to every connection when it changes: new notifications, markNotificationsRead, socket mark-read', async () => {
    const { staffA } = world;
    const student = await createStudent(t, staffA, { trade: 'TEXTILE' }, { firstName: 'Zoé', lastName: 'Compte' });
    const [tab1, tab2] = [await connect(student), await connect(student)];
    await Promise.all([tab1.waitForCount(0), tab2.waitForCount(0)]);

    await t.connection.transaction(async (session) => {
      await createNotifications(t.deps, session, [
        {
          userId: student.userId,
          type: 'APPLICATION_STATUS_CHANGED',
          data: { applicationId: 'a1', jobPromiseId: 'p1', to: 'SHORTLISTED' },
        },
        {
          userId: student.userId,
          type: 'APPLICATION_STATUS_CHANGED',
          data: { applicationId: 'a1', jobPromiseId: 'p1', to: 'INTERVIEW' },
        },
      ]);
    });
    await Promise.all([tab1.waitForCount(2), tab2.waitForCount(2)]);
    const [newest] = await listNotifications(student, 1);

    expect(await t.ok(MARK_READ, { ids: [newest!.id] }, student.token)).toEqual({ markNotificationsRead: 1 });
    await Promise.all([tab1.waitForCount(1), tab2.waitForCount(1)]);

    const ack = await tab1.markRead({});
    expect(ack).toEqual({ ok: true, changed: 1, unreadCount: 0 });
    await Promise.all([tab1.waitForCount(0), tab2.waitForCount(0)]);
    expect(await tab1.markRead({ ids: ['zz'] })).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });

    // Reading someone else's notification changes nothing, for anyone.
    const other = (await listNotifications(world.staffA, 1))[0]!;
    expect(await tab2.markRead({ ids: [other.id] })).toEqual({ ok: true, changed: 0, unreadCount: 0 });
    for (const tab of [tab1, tab2]) {
      expect(tab.counts[0]).toBe(0);
      expect(tab.counts.at(-1)).toBe(0);
      expect(tab.counts).toEqual(expect.arrayContaining([2, 1]));
      // Only changes are pushed: no figure repeats the previous one.
      expect(tab.counts.every((c, i) => i === 0 || c !== tab.counts[i - 1])).toBe(true);
    }
  });
});

describe('connection lifetime and feed resilience', () => {
  it('closes a socket when its token expires; the same token is then refused', async () => {
    const { studentB } = world;
    const shortLived = await signToken({ sub: studentB.userId, role: 'STUDENT' }, TEST_JWT_SECRET, 2);
    const client = await connect({ ...studentB, token: shortLived });
    expect(await client.disconnected()).toBe('io server disconnect');
    expect((await RealtimeTestClient.refusal(t.url, shortLived)).data).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('loses nothing when the change stream’s server cursor is killed', async () => {
    const { studentB } = world;
    const client = await connect(studentB);
    await settle([{ client, actor: studentB }]);
    const cursorId = t.app.realtime.feed.cursorId;
    expect(cursorId).not.toBeNull();
    const killed = await t.connection.db!.command({
      killCursors: '$cmd.aggregate',
      cursors: [mongo.Long.fromBigInt(cursorId!)],
    });
    expect(killed['cursorsKilled']).toHaveLength(1);
    await createNotifications(t.deps, null, [
      {
        userId: studentB.userId,
        type: 'RECOMMENDATION_RECEIVED',
        data: { recommendationId: 'r-after-kill', jobPromiseId: 'p' },
      },
    ]);
    await client.waitFor((n) => n.data['recommendationId'] === 'r-after-kill');
    await settle([{ client, actor: studentB }]);
    expect(client.notifications.map((n) => n.data['recommendationId'])).toEqual(['r-after-kill']);
    expect(t.app.realtime.feed.cursorId).not.toBe(cursorId);
  });
});

describe('notification ids', () => {
  it('order by millisecond (not only by second), stay strictly increasing in a process, keep the ObjectId timestamp', () => {
    const t0 = Date.UTC(2026, 0, 1, 12, 0, 0, 100);
    const next = createNotificationIdGenerator(Buffer.from([0xff, 0xff, 0xff]));
    const other = createNotificationIdGenerator(Buffer.from([0, 0, 0]));
    const a = next(t0);
    const b = next(t0 + 1);
    const c = next(t0 + 899);
    // Another process (smaller random part) one millisecond later still sorts after.
    expect(other(t0 + 2).toHexString() > b.toHexString()).toBe(true);
    expect(a.toHexString() < b.toHexString() && b.toHexString() < c.toHexString()).toBe(true);
    expect(c.getTimestamp().getTime()).toBe(Math.floor(t0 / 1000) * 1000);
    // A clock going back never produces a smaller id.
    const d = next(t0 - 5000);
    expect(d.toHexString() > c.toHexString()).toBe(true);
    const many = Array.from({ length: 10_000 }, () => newNotificationId().toHexString());
    expect(many.every((id, i) => i === 0 || id > many[i - 1]!)).toBe(true);
    expect(new Set(many).size).toBe(many.length);
  });
});
