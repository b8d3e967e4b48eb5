import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSchool, createStaff, registerCompany, type Actor, type StaffFixture } from '../../api/test/helpers';
import { RealtimeTestClient } from '../../api/test/realtime.test-client';
import { freePort } from '../server/free-port';
import {
  gql,
  remoteApp,
  startApiProcess,
  startEngineProcess,
  type ApiProcess,
  type EngineProcess,
} from './realtime.harness';

// Two API processes (the real api/src/server.ts) on one engine process: each instance watches the notifications
// change stream and pushes to its own sockets, so nothing depends on which instance wrote a notification, and an
// instance that dies between commit and emit loses nothing.

const JWT_SECRET = 'multi-instance-realtime-secret-0123456789abcdef';
const ADMIN = { email: 'admin.realtime@promesse.test', password: 'realtime-admin-password' };
const REQUEST_PARTNERSHIP = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }`;
const NOTIFICATIONS = `query($first: Int) { notifications(first: $first) { edges { node { id type data { companyName } } } } }`;
const UPDATE_PREFERENCES = `mutation($t: [NotificationType!]!) { updateNotificationPreferences(mutedTypes: $t) { mutedTypes } }`;
const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token user { id } } }`;

let engine: EngineProcess | null = null;
let a: ApiProcess | null = null;
let b: ApiProcess | null = null;
let aPort: number;
const clients: RealtimeTestClient[] = [];
let staff: StaffFixture;
let schoolId: string;

// Both instances store the mails their in-process SMTP servers receive in one folder (sign-up links are read there).
const dataDir = mkdtempSync(path.join(tmpdir(), 'promesse-multi-'));
const mailDir = path.join(dataDir, 'mail');

const env = (extra: Record<string, string> = {}) => ({
  MONGODB_URI: engine!.uri,
  DATA_DIR: dataDir,
  SIGNUPS_PER_IP_PER_HOUR: '1000',
  JWT_SECRET,
  BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
  BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  ...extra,
});

async function connect(api: ApiProcess, actor: Actor): Promise<RealtimeTestClient> {
  const client = await RealtimeTestClient.connect(api.url, actor.token);
  clients.push(client);
  return client;
}

interface Listed {
  id: string;
  type: string;
  data: { companyName: string | null };
}

async function newest(api: ApiProcess, actor: Actor, first = 1): Promise<Listed[]> {
  const body = await gql<{ notifications: { edges: { node: Listed }[] } }>(
    api.url,
    NOTIFICATIONS,
    { first },
    actor.token,
  );
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!.notifications.edges.map((e) => e.node);
}

/** A new company asks the school for a partnership through `api`: every staff member gets PARTNERSHIP_REQUESTED. */
async function partnershipRequest(api: ApiProcess): Promise<{ companyName: string; response: Promise<unknown> }> {
  const company = await registerCompany(remoteApp(api.url, mailDir), { city: 'Lyon' });
  // The caller may kill the instance on the way: the response is returned, not awaited.
  const response = gql(api.url, REQUEST_PARTNERSHIP, { schoolId }, company.token);
  return { companyName: company.companyName, response };
}

function countOf(client: RealtimeTestClient, id: string): number {
  return client.ids.filter((x) => x === id).length;
}

beforeAll(async () => {
  engine = await startEngineProcess();
  aPort = await freePort();
  a = await startApiProcess('A', env(), aPort);
  b = await startApiProcess('B', env());

  const api = remoteApp(b.url);
  const login = await gql<{ logIn: { token: string; user: { id: string } } }>(b.url, LOG_IN, {
    e: ADMIN.email,
    p: ADMIN.password,
  });
  const admin: Actor = {
    token: login.data!.logIn.token,
    userId: login.data!.logIn.user.id,
    email: ADMIN.email,
    role: 'FEDERATION_ADMIN',
  };
  schoolId = (await createSchool(api, admin)).id;
  staff = await createStaff(api, admin, schoolId);
}, 180_000);

afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all([a?.stop('SIGTERM'), b?.stop('SIGTERM')]);
  await engine?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('two API instances on one engine', () => {
  it('a client on B receives the notification caused by a mutation on A, and the other way round, once each', async () => {
    const onA = await connect(a!, staff);
    const onB = await connect(b!, staff);

    const fromA = await partnershipRequest(a!);
    await fromA.response;
    const gotOnB = await onB.waitFor((n) => n.data['companyName'] === fromA.companyName, 'the request made on A, on B');
    const gotOnA = await onA.waitFor((n) => n.data['companyName'] === fromA.companyName, 'the request made on A, on A');
    expect(gotOnB.id).toBe(gotOnA.id);
    expect((await newest(b!, staff))[0]!.id).toBe(gotOnB.id);

    const fromB = await partnershipRequest(b!);
    await fromB.response;
    const backOnA = await onA.waitFor(
      (n) => n.data['companyName'] === fromB.companyName,
      'the request made on B, on A',
    );
    await onB.waitFor((n) => n.id === backOnA.id, 'the request made on B, on B');

    for (const client of [onA, onB]) {
      expect(client.notifications.map((n) => n.data['companyName'])).toEqual([fromA.companyName, fromB.companyName]);
    }
  }, 60_000);

  it('a type muted through A is not pushed by B; unmuted, it is again', async () => {
    const onB = await connect(b!, staff);
    const mute = await gql(a!.url, UPDATE_PREFERENCES, { t: ['PARTNERSHIP_REQUESTED'] }, staff.token);
    expect(mute.errors).toBeUndefined();
    const silent = await partnershipRequest(a!);
    await silent.response;
    // Stored (already read: a muted type raises no unread count, issue 14), listed, not pushed.
    const stored = (await newest(b!, staff))[0]!;
    expect(stored.data.companyName).toBe(silent.companyName);
    await gql(a!.url, UPDATE_PREFERENCES, { t: [] }, staff.token);
    const audible = await partnershipRequest(a!);
    await audible.response;
    // Commit order is delivery order: once the later one arrived, the muted one would have been there first.
    await onB.waitFor((n) => n.data['companyName'] === audible.companyName, 'the request after unmuting');
    expect(onB.notifications.map((n) => n.data['companyName'])).toEqual([audible.companyName]);
  }, 60_000);

  it('an instance SIGKILLed between commit and emit: B still delivers once, and A’s client catches up once after A restarts', async () => {
    // A again, now with the hook that kills it when its change stream reports a committed notification.
    expect((await a!.stop('SIGTERM')).code).toBe(0);
    a = await startApiProcess('A (crashing)', env({ PROMESSE_TEST_CRASH_AFTER_NOTIFICATION_COMMIT: 'true' }), aPort);

    const onA = await connect(a, staff);
    const onB = await connect(b!, staff);
    const lastSeen = (await newest(b!, staff))[0]!.id;
    const droppedOnA = onA.disconnected();

    const doomed = await partnershipRequest(a);
    await doomed.response.catch(() => undefined); // A may die before answering
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(a.output()).toContain('SIGKILL before emitting');
    await droppedOnA;

    // Committed (A died after the commit)...
    const stored = (await newest(b!, staff))[0]!;
    expect(stored).toMatchObject({ type: 'PARTNERSHIP_REQUESTED', data: { companyName: doomed.companyName } });
    // ...never emitted by A...
    expect(onA.ids).not.toContain(stored.id);
    // ...and delivered by B, exactly once (a later notification proves nothing else is on its way).
    await onB.waitFor((n) => n.id === stored.id, 'the notification A died on, from B');
    const later = await partnershipRequest(b!);
    await later.response;
    const laterOnB = await onB.waitFor((n) => n.data['companyName'] === later.companyName, 'a later notification on B');
    expect(countOf(onB, stored.id)).toBe(1);
    expect(onB.ids).toEqual([stored.id, laterOnB.id]);

    // A restarts (no hook); its client reconnects to the same address and asks for what it missed.
    a = await startApiProcess('A (restarted)', env(), aPort);
    await onA.reconnect();
    const ack = await onA.catchUp({ afterId: lastSeen });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(ack.notifications.map((n) => n.id)).toEqual([stored.id, laterOnB.id]);
    expect(ack.hasMore).toBe(false);
    // Nothing arrives twice on the reconnected client: a notification after the restart comes live, once.
    const afterRestart = await partnershipRequest(a);
    await afterRestart.response;
    const live = await onA.waitFor(
      (n) => n.data['companyName'] === afterRestart.companyName,
      'a notification after the restart',
    );
    const seen = [...onA.ids, ...ack.notifications.map((n) => n.id)];
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => id === stored.id)).toHaveLength(1);
    expect(onA.ids).toEqual([live.id]);
  }, 180_000);
});
