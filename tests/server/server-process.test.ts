import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectSocket } from 'socket.io-client';
import { signToken } from '../../api/src/modules/auth/auth.token';
import { startServerProcess, type ServerProcess } from './server-process.harness';

const JWT_SECRET = 'server-process-test-secret-0123456789abcdef';
const ADMIN = { email: 'admin.process@promesse.test', password: 'process-admin-password' };

interface GqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function gql<T = unknown>(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as GqlBody<T> };
}

async function logInAdmin(url: string): Promise<{ token: string; id: string }> {
  const { body } = await gql<{ logIn: { token: string; user: { id: string; role: string } } }>(
    url,
    'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token user { id role } } }',
    { e: ADMIN.email, p: ADMIN.password },
  );
  expect(body.errors).toBeUndefined();
  const logIn = body.data?.logIn;
  expect(logIn?.user.role).toBe('FEDERATION_ADMIN');
  return { token: logIn?.token ?? '', id: logIn?.user.id ?? '' };
}

function socketOutcome(url: string, token: string): Promise<{ ok: true } | { ok: false; data: unknown }> {
  const socket = connectSocket(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve({ ok: true });
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) => {
      socket.disconnect();
      resolve({ ok: false, data: error.data });
    });
  });
}

describe('the real server process, started like `npm start`', () => {
  let dataDir: string;
  let webDist: string;
  let server: ServerProcess | null = null;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'promesse-data-'));
    webDist = mkdtempSync(path.join(tmpdir(), 'promesse-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Promesse</title><div id="root"></div>');
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(webDist, { recursive: true, force: true });
  });

  const env = () => ({
    DATA_DIR: dataDir,
    WEB_DIST_DIR: webDist,
    JWT_SECRET,
    SEED_DEMO: 'false',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });

  it('serves /healthz, /graphql, socket.io and the web app, then exits 0 on SIGTERM; a restart keeps the data', async () => {
    server = await startServerProcess(env());
    const { url } = server;

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'up' });

    expect(await gql(url, '{ me { id } }')).toEqual({ status: 200, body: { data: { me: null } } });

    const page = await fetch(`${url}/promesses`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    const admin = await logInAdmin(url);
    expect((await gql(url, '{ me { id email } }', undefined, admin.token)).body.data).toEqual({
      me: { id: admin.id, email: ADMIN.email },
    });

    // A token signed with the configured JWT_SECRET (not obtained from logIn) is accepted by socket.io too.
    const signed = await signToken({ sub: admin.id, role: 'FEDERATION_ADMIN' }, JWT_SECRET);
    expect(await socketOutcome(url, signed)).toEqual({ ok: true });
    expect(await socketOutcome(url, 'not-a-token')).toEqual({ ok: false, data: { code: 'UNAUTHENTICATED' } });
    const foreign = await signToken({ sub: admin.id, role: 'FEDERATION_ADMIN' }, `${JWT_SECRET}-other`);
    expect(await socketOutcome(url, foreign)).toEqual({ ok: false, data: { code: 'UNAUTHENTICATED' } });

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).not.toMatch(/error during shutdown|took too long/);

    // Same DATA_DIR: the bootstrap admin is the same document (not created again), the old token still works.
    server = await startServerProcess(env());
    const again = await logInAdmin(server.url);
    expect(again.id).toBe(admin.id);
    expect((await gql(server.url, '{ me { id } }', undefined, admin.token)).body.data).toEqual({
      me: { id: admin.id },
    });
    expect(await server.stop('SIGINT')).toBe(0);
  }, 240_000);
});
