import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadEnv } from '../src/config/env';
import { revokeAllSessions } from '../src/modules/auth/auth.queries';
import { TEST_JWT_SECRET } from '../src/testing/test-app';
import { RealtimeTestClient } from './realtime.test-client';
import { createAdmin, PASSWORD, startTestApp, type Actor, type TestApp } from './helpers';

// Issue 13, item 7: tokens and sessions. Each attack as reported, then the fix holding.

let t: TestApp;
// One admin for the file (bootstrap creates only the first); each test opens its own sessions.
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  admin = await createAdmin(t);
});
afterAll(async () => {
  await t?.close();
});

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }`;
const REFRESH = `mutation { refreshSession { token user { id } } }`;
const LOG_OUT = `mutation($all: Boolean) { logOut(allDevices: $all) }`;
const WHO = `{ me { id } }`;

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  setCookie: string[];
}

/** A browser-like POST: the given access token and refresh cookie, and the Set-Cookie headers of the answer. */
async function call(query: string, opts: { token?: string; cookie?: string; vars?: object } = {}): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: JSON.stringify({ query, variables: opts.vars }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'], setCookie: res.headers.getSetCookie() };
}

/** `name=value` of the refresh cookie set by an answer (for the next request's Cookie header). */
function refreshCookieOf(answer: Answer): string {
  const header = answer.setCookie.find((c) => c.startsWith('promesse_refresh='));
  if (!header) throw new Error(`no refresh cookie in ${JSON.stringify(answer.setCookie)}`);
  return header.split(';')[0] ?? '';
}

async function signIn(email: string) {
  const answer = await call(LOG_IN, { vars: { email, password: PASSWORD } });
  const token = answer.body.data?.['logIn']?.token as string;
  return { token, cookie: refreshCookieOf(answer), answer };
}

const isSignedIn = async (token: string) => (await call(WHO, { token })).body.data?.['me'] !== null;

async function handMadeToken(userId: string, build: (jwt: SignJWT, now: number) => SignJWT): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'FEDERATION_ADMIN' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer('promesse');
  return build(jwt, now).sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

describe('item 7: token claims', () => {
  it('refuses a token with no exp, a 100-year exp or a future iat (signed with the right secret)', async () => {
    const tokens = [
      await handMadeToken(admin.userId, (j, now) => j.setIssuedAt(now)),
      await handMadeToken(admin.userId, (j, now) => j.setIssuedAt(now).setExpirationTime(now + 100 * 365 * 86400)),
      await handMadeToken(admin.userId, (j, now) => j.setIssuedAt(now + 3600).setExpirationTime(now + 3900)),
      await handMadeToken(admin.userId, (j, now) => j.setExpirationTime(now + 600)),
    ];
    for (const token of tokens) {
      const res = await call('{ unreadNotificationCount }', { token });
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      await expect(RealtimeTestClient.connect(t.url, token)).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
    }
    // A normal short-lived token still works.
    const good = await handMadeToken(admin.userId, (j, now) => j.setIssuedAt(now).setExpirationTime(now + 600));
    expect(await isSignedIn(good)).toBe(true);
  });

  it('gives a 15-minute access token and an HttpOnly, SameSite=Strict refresh cookie on /graphql', async () => {
    const { token, answer } = await signIn(admin.email);
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { exp: number; iat: number };
    expect(claims.exp - claims.iat).toBe(15 * 60);
    const cookie = answer.setCookie.find((c) => c.startsWith('promesse_refresh=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/graphql/);
    // Plain http on 127.0.0.1 outside production: not Secure, or the browser would drop it.
    expect(cookie).not.toMatch(/Secure/);
    expect(JSON.stringify(answer.body)).not.toContain(cookie.split(';')[0]?.split('=')[1]);
  });
});

describe('item 7: refresh rotation, reuse detection, log-out', () => {
  it('rotates the refresh token; replaying an old one ends that session (both cookies and its access tokens)', async () => {
    const first = await signIn(admin.email);
    const renewed = await call(REFRESH, { cookie: first.cookie });
    expect(renewed.body.data?.['refreshSession']?.user).toEqual({ id: admin.userId });
    const second = refreshCookieOf(renewed);
    expect(second).not.toBe(first.cookie);
    const secondToken = renewed.body.data?.['refreshSession']?.token as string;
    expect(await isSignedIn(secondToken)).toBe(true);

    // A thief replays the first cookie after its owner used it: refused, and the session ends.
    const replay = await call(REFRESH, { cookie: first.cookie });
    expect(replay.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(replay.body.errors?.[0]?.message).toBe('Session expirée');
    expect((await call(REFRESH, { cookie: second })).body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await isSignedIn(secondToken)).toBe(false);
    expect(await isSignedIn(first.token)).toBe(false);
  });

  it('refuses a refresh without a cookie, with a garbage one, and clears the cookie', async () => {
    for (const cookie of [undefined, 'promesse_refresh=garbage']) {
      const res = await call(REFRESH, cookie ? { cookie } : {});
      expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(res.setCookie.join()).toMatch(/promesse_refresh=;/);
    }
  });

  it('logOut ends this device only; logOut(allDevices) ends every device', async () => {
    const laptop = await signIn(admin.email);
    const phone = await signIn(admin.email);
    const tablet = await signIn(admin.email);

    const out = await call(LOG_OUT, { token: laptop.token, cookie: laptop.cookie });
    expect(out.body.data).toEqual({ logOut: true });
    expect(out.setCookie.join()).toMatch(/promesse_refresh=;/);
    expect(await isSignedIn(laptop.token)).toBe(false);
    expect((await call(REFRESH, { cookie: laptop.cookie })).body.errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    expect(await isSignedIn(phone.token)).toBe(true);

    expect((await call(LOG_OUT, { token: phone.token, vars: { all: true } })).body.data).toEqual({ logOut: true });
    expect(await isSignedIn(phone.token)).toBe(false);
    expect(await isSignedIn(tablet.token)).toBe(false);
    expect((await call(REFRESH, { cookie: tablet.cookie })).body.errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    // Logging in again afterwards works at once.
    expect(await isSignedIn((await signIn(admin.email)).token)).toBe(true);
  });

  it('logOut(allDevices) needs a signed-in caller', async () => {
    const res = await call(LOG_OUT, { vars: { all: true } });
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('revokeAllSessions (password change or reset) ends tokens, refresh cookies and open sockets', async () => {
    const device = await signIn(admin.email);
    const socket = await RealtimeTestClient.connect(t.url, device.token);
    const closed = new Promise<string>((resolve) => socket.socket.once('disconnect', resolve));
    await revokeAllSessions(t.deps, admin.userId);
    expect(await isSignedIn(device.token)).toBe(false);
    expect((await call(REFRESH, { cookie: device.cookie })).body.errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    expect(await closed).toBe('io server disconnect');
    await expect(RealtimeTestClient.connect(t.url, device.token)).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
  });

  it('closes the socket of a device that logs out, not the others', async () => {
    const a = await signIn(admin.email);
    const b = await signIn(admin.email);
    const socketA = await RealtimeTestClient.connect(t.url, a.token);
    const socketB = await RealtimeTestClient.connect(t.url, b.token);
    try {
      const closed = new Promise<string>((resolve) => socketA.socket.once('disconnect', resolve));
      await call(LOG_OUT, { token: a.token, cookie: a.cookie });
      expect(await closed).toBe('io server disconnect');
      expect(socketB.socket.connected).toBe(true);
    } finally {
      socketA.socket.disconnect();
      socketB.socket.disconnect();
    }
  });
});

describe('item 7: cookie in production, secret kept in development', () => {
  it('marks the refresh cookie Secure in production', async () => {
    const prod = await startTestApp({ NODE_ENV: 'production' });
    try {
      const prodAdmin = await createAdmin(prod);
      const raw = await fetch(`${prod.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOG_IN, variables: { email: prodAdmin.email, password: PASSWORD } }),
      });
      expect(raw.headers.getSetCookie().join()).toMatch(/promesse_refresh=[^;]+;.*Secure/);
    } finally {
      await prod.close();
    }
  });

  it('keeps the development signing secret in DATA_DIR (0600): a restart keeps sessions', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'promesse-secret-'));
    try {
      const first = loadEnv({ NODE_ENV: 'development', DATA_DIR: dir });
      const second = loadEnv({ NODE_ENV: 'development', DATA_DIR: dir });
      expect(second.JWT_SECRET).toBe(first.JWT_SECRET);
      expect(first.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
      expect(statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
      // Tests and production never write one (production requires JWT_SECRET).
      expect(loadEnv({ NODE_ENV: 'test', DATA_DIR: dir }).JWT_SECRET).not.toBe(first.JWT_SECRET);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
