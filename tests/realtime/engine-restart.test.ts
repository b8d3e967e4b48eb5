import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSchool, createStaff, registerCompany, type Actor, type StaffFixture } from '../../api/test/helpers';
import { RealtimeTestClient } from '../../api/test/realtime.test-client';
import {
  gql,
  remoteApp,
  startApiProcess,
  startEngineProcess,
  type ApiProcess,
  type EngineProcess,
} from './realtime.harness';

// The database restarts under a running API instance: the change stream's history is gone, so its resume token
// is refused; the instance reopens the stream and recovers the gap from the collection. Its clients stay
// connected and get every notification once.

const JWT_SECRET = 'engine-restart-realtime-secret-0123456789abcdef';
const ADMIN = { email: 'admin.restart@promesse.test', password: 'restart-admin-password' };
const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token user { id } } }`;
const REQUEST_PARTNERSHIP = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }`;

let dbPath: string;
// The API's DATA_DIR: its in-process SMTP server stores the sign-up links there.
const apiDataDir = mkdtempSync(path.join(tmpdir(), 'promesse-restart-api-'));
let engine: EngineProcess | null = null;
let api: ApiProcess | null = null;
let client: RealtimeTestClient | null = null;
let staff: StaffFixture;
let schoolId: string;

/** A new company asks for a partnership; retried while the API cannot reach the database yet. */
async function requestPartnership(): Promise<string> {
  const company = await retry(() =>
    registerCompany(remoteApp(api!.url, path.join(apiDataDir, 'mail')), { city: 'Lyon' }),
  );
  await retry(async () => {
    const body = await gql(api!.url, REQUEST_PARTNERSHIP, { schoolId }, company.token);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  });
  return company.companyName;
}

async function retry<T>(work: () => Promise<T>, attempts = 60): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

beforeAll(async () => {
  dbPath = mkdtempSync(path.join(tmpdir(), 'promesse-engine-'));
  engine = await startEngineProcess({ dbPath });
  api = await startApiProcess('API', {
    MONGODB_URI: engine.uri,
    DATA_DIR: apiDataDir,
    SIGNUPS_PER_IP_PER_HOUR: '1000',
    JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const login = await gql<{ logIn: { token: string; user: { id: string } } }>(api.url, LOG_IN, {
    e: ADMIN.email,
    p: ADMIN.password,
  });
  const admin: Actor = {
    token: login.data!.logIn.token,
    userId: login.data!.logIn.user.id,
    email: ADMIN.email,
    role: 'FEDERATION_ADMIN',
  };
  schoolId = (await createSchool(remoteApp(api.url), admin)).id;
  staff = await createStaff(remoteApp(api.url), admin, schoolId);
}, 180_000);

afterAll(async () => {
  client?.close();
  await api?.stop('SIGTERM');
  await engine?.stop('SIGTERM');
  rmSync(dbPath, { recursive: true, force: true });
  rmSync(apiDataDir, { recursive: true, force: true });
}, 60_000);

it('keeps delivering, once each, after the database restarts under a running instance', async () => {
  client = await RealtimeTestClient.connect(api!.url, staff.token);
  const before = await requestPartnership();
  await client.waitFor((n) => n.data['companyName'] === before, 'the notification before the restart');

  // Same port, same data directory: the data survive, the change history does not.
  expect((await engine!.stop('SIGTERM')).code).toBe(0);
  engine = await startEngineProcess({ port: engine!.port, dbPath });

  const during = await requestPartnership();
  const after = await requestPartnership();
  await client.waitFor((n) => n.data['companyName'] === after, 'the notifications after the restart');
  expect(client.notifications.map((n) => n.data['companyName'])).toEqual([before, during, after]);
  expect(new Set(client.ids).size).toBe(3);
  expect(client.connected).toBe(true);
  // The instance noticed the lost history rather than resuming at a wrong position.
  expect(api!.output()).toMatch(/change stream history lost|notification change stream reopened/);
}, 120_000);
