import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { Role, SOCKET_EVENTS, userRoom, type NotificationPayload } from '@promesse/shared';
import { userModel } from './modules/auth/auth.model';
import { hashPassword } from './modules/auth/auth.password';
import { signToken } from './modules/auth/auth.token';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './testing/test-app';

const PASSWORD = 'correct-horse-battery';

async function createUser(t: TestApp, email: string, role: Role = Role.STUDENT) {
  return userModel(t.db.connection).create({
    email,
    passwordHash: await hashPassword(PASSWORD),
    role,
    displayName: email.split('@')[0] ?? email,
  });
}

function connect(t: TestApp, auth: Record<string, unknown>): Socket {
  return connectSocket(t.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

function connectOutcome(
  socket: Socket,
): Promise<{ connected: true } | { connected: false; error: Error & { data?: unknown } }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (error) => resolve({ connected: false, error }));
  });
}

describe('buildApp over real HTTP against the embedded engine', () => {
  let t: TestApp;
  let webDist: string;

  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'promesse-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Promesse</title><div id="root"></div>');
    writeFileSync(path.join(webDist, 'assets', 'app-123.js'), 'console.log("app")');
    t = await startTestApp({ WEB_DIST_DIR: webDist });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  describe('/healthz', () => {
    it('answers 200 with the database up', async () => {
      const res = await fetch(`${t.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', db: 'up' });
      expect(res.headers.get('x-request-id')).toBeTruthy();
    });
  });

  describe('GraphQL', () => {
    it('answers me: null when anonymous', async () => {
      expect(await t.gql('{ me { id } }')).toEqual({ status: 200, data: { me: null } });
    });

    it('logs in, then me returns the user from the bearer token', async () => {
      const user = await createUser(t, 'Lea.Martin@example.org');
      const login = await t.gql<{ logIn: { token: string; user: { id: string; email: string; role: string } } }>(
        'mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id email role } } }',
        { email: 'lea.martin@example.org', password: PASSWORD },
      );
      expect(login.errors).toBeUndefined();
      expect(login.data?.logIn.user).toEqual({
        id: String(user._id),
        email: 'lea.martin@example.org',
        role: 'STUDENT',
      });

      const me = await t.gql('{ me { id email role displayName } }', undefined, login.data?.logIn.token);
      expect(me.data).toEqual({
        me: { id: String(user._id), email: 'lea.martin@example.org', role: 'STUDENT', displayName: 'Lea.Martin' },
      });
    });

    it('refuses a wrong password and an unknown e-mail with the same UNAUTHENTICATED answer', async () => {
      await createUser(t, 'wrong-password@example.org');
      const query = 'mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }';
      const wrong = await t.gql(query, { e: 'wrong-password@example.org', p: 'not-the-password' });
      const unknown = await t.gql(query, { e: 'nobody@example.org', p: 'not-the-password' });
      expect(wrong.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]).toEqual({ ...wrong.errors?.[0] });
    });

    it('keeps a bad token anonymous on public fields and answers UNAUTHENTICATED on protected ones', async () => {
      const user = await createUser(t, 'expired@example.org');
      const expired = await signToken({ sub: String(user._id), role: Role.STUDENT }, TEST_JWT_SECRET, -60);
      const forged = await signToken(
        { sub: String(user._id), role: Role.STUDENT },
        'another-secret-entirely-0123456789',
      );
      for (const token of [expired, forged, 'garbage']) {
        expect((await t.gql('{ me { id } }', undefined, token)).data).toEqual({ me: null });
        const res = await t.gql('{ unreadNotificationCount }', undefined, token);
        expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      }
      const anonymous = await t.gql('{ unreadNotificationCount }');
      expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    });

    it('treats the token of a deleted user as invalid', async () => {
      const user = await createUser(t, 'deleted@example.org');
      const token = await signToken({ sub: String(user._id), role: Role.STUDENT }, TEST_JWT_SECRET);
      expect((await t.gql('{ me { id } }', undefined, token)).data).toEqual({ me: { id: String(user._id) } });
      await userModel(t.db.connection).deleteOne({ _id: user._id });
      expect((await t.gql('{ me { id } }', undefined, token)).data).toEqual({ me: null });
    });

    it('answers BAD_USER_INPUT for a missing argument and a missing variable', async () => {
      const missingArg = await t.gql('mutation { logIn(email: "a@b.org") { token } }');
      expect(missingArg.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const missingVar = await t.gql('mutation($e: String!) { logIn(email: $e, password: "x") { token } }');
      expect(missingVar.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const wrongType = await t.gql('mutation { logIn(email: 12, password: "x") { token } }');
      expect(wrongType.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    });

    it('applies the alias limit (graphql-armor)', async () => {
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ');
      const res = await t.gql(`{ ${aliases} }`);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.message).toMatch(/alias/i);
    });

    it('answers 400 BAD_USER_INPUT for a malformed JSON body', async () => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_USER_INPUT' } }],
      });
    });

    it('serves GraphiQL on GET /graphql outside production', async () => {
      const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/graphiql/i);
    });
  });

  describe('web app', () => {
    it('serves index.html for client-side routes and files as they are', async () => {
      const page = await fetch(`${t.url}/ecoles/evreux`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(page.headers.get('cache-control')).toBe('no-cache');

      const asset = await fetch(`${t.url}/assets/app-123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');

      expect((await fetch(`${t.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${t.url}/healthz/nope`, { headers: { accept: 'text/html' } })).status).toBe(404);
    });
  });

  describe('socket.io', () => {
    it('accepts a valid token and delivers what is emitted to the user room', async () => {
      const user = await createUser(t, 'socket@example.org');
      const token = await signToken({ sub: String(user._id), role: Role.STUDENT }, TEST_JWT_SECRET);
      const socket = connect(t, { token });
      try {
        expect(await connectOutcome(socket)).toEqual({ connected: true });
        const payload: NotificationPayload = {
          id: 'n1',
          type: 'APPLICATION_STATUS_CHANGED',
          title: 'Candidature',
          body: 'Votre candidature a avancé',
          createdAt: new Date().toISOString(),
          data: {},
        };
        const received = new Promise((resolve) => socket.once(SOCKET_EVENTS.NOTIFICATION_NEW, resolve));
        t.app.io.to(userRoom(String(user._id))).emit(SOCKET_EVENTS.NOTIFICATION_NEW, payload);
        expect(await received).toEqual(payload);
      } finally {
        socket.disconnect();
      }
    });

    it.each([
      ['no token', {}],
      ['a garbage token', { token: 'garbage' }],
      ['a token signed with another secret', { forged: true }],
    ])('refuses %s with connect_error data.code UNAUTHENTICATED', async (_label, auth) => {
      const token =
        'forged' in auth
          ? await signToken({ sub: '64b7f0c2a1b2c3d4e5f60718', role: Role.STUDENT }, 'some-other-secret-0123456789')
          : (auth as { token?: string }).token;
      const socket = connect(t, token === undefined ? {} : { token });
      try {
        const outcome = await connectOutcome(socket);
        expect(outcome.connected).toBe(false);
        if (!outcome.connected) expect(outcome.error.data).toEqual({ code: 'UNAUTHENTICATED' });
      } finally {
        socket.disconnect();
      }
    });
  });
});

describe('buildApp close()', () => {
  it('disconnects sockets, stops accepting requests, and /healthz says 503 once the database is gone', async () => {
    const t = await startTestApp();
    const user = await createUser(t, 'closing@example.org');
    const socket = connect(t, {
      token: await signToken({ sub: String(user._id), role: Role.STUDENT }, TEST_JWT_SECRET),
    });
    try {
      await connectOutcome(socket);
      const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));

      await t.db.connection.close();
      const res = await fetch(`${t.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'error', db: 'down' });

      await t.app.close();
      await disconnected;
      expect(t.app.httpServer.listening).toBe(false);
      await expect(fetch(`${t.url}/healthz`)).rejects.toThrow();
    } finally {
      socket.disconnect();
      await t.close();
    }
  });
});
