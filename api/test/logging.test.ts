import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../src/app';
import { jwtSecretWarning } from '../src/config/dev-secret';
import { IN_MEMORY, loadEnv } from '../src/config/env';
import { systemClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { connectDatabase, type Database } from '../src/db/database';
import { createLogger } from '../src/logger';
import { TEST_JWT_SECRET } from '../src/testing/test-app';

// Issue 16, logs: what the API writes, read back from pino's JSON lines. A wrong password or a not-found is the
// client's answer (one debug line, no stack trace); request lines are at debug, so the default level (info) hides
// them; the JWT_SECRET warning is one plain sentence.

jest.setTimeout(60_000);

interface Line {
  level: number;
  msg?: string;
  component?: string;
  code?: string;
  err?: { stack?: string };
  res?: { statusCode: number };
  req?: { url: string };
  [key: string]: unknown;
}

const DEBUG = 20;
const INFO = 30;
const WARN = 40;

/** A pino destination keeping every JSON line it receives. */
function capture(): { stream: Writable; lines: Line[] } {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n')) if (text.trim()) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  return { stream, lines };
}

let db: Database;
let app: App;
let url: string;
const { stream, lines } = capture();

beforeAll(async () => {
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: IN_MEMORY,
    LOG_LEVEL: 'debug',
    JWT_SECRET: TEST_JWT_SECRET,
  });
  const logger = createLogger(env, stream);
  db = await connectDatabase(env, logger);
  const deps: AppDeps = { env, logger, connection: db.connection, clock: systemClock };
  app = buildApp(deps);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
}

/** The lines written while `act` ran (pino writes synchronously to a stream destination). */
async function linesOf(act: () => Promise<unknown>): Promise<Line[]> {
  const from = lines.length;
  await act();
  // The request line is written when the response finishes, which may be after the client read the body.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return lines.slice(from);
}

const hasStack = (line: Line) => JSON.stringify(line).includes('    at ');

describe('client errors are not server errors', () => {
  it('a wrong password is one debug line with its code, no error level and no stack trace', async () => {
    const written = await linesOf(async () => {
      const answer = await post(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
        e: 'nobody@promesse.test',
        p: 'not-the-password-1',
      });
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
    const coded = written.filter((l) => l.code === 'UNAUTHENTICATED');
    expect(coded).toHaveLength(1);
    expect(coded[0]?.level).toBe(DEBUG);
    expect(written.filter((l) => l.level >= WARN)).toEqual([]);
    expect(written.filter(hasStack)).toEqual([]);
  });

  it('a not-found is one debug line with its code, no error level and no stack trace', async () => {
    const written = await linesOf(async () => {
      const answer = await post(
        `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`,
        { input: { code: 'no-such-invitation-code', password: 'a-good-password-42', firstName: 'A', lastName: 'B' } },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
    const coded = written.filter((l) => l.code === 'NOT_FOUND');
    expect(coded).toHaveLength(1);
    expect(coded[0]?.level).toBe(DEBUG);
    expect(written.filter((l) => l.level >= WARN)).toEqual([]);
    expect(written.filter(hasStack)).toEqual([]);
  });
});

describe('request lines', () => {
  it('log a successful request at debug, which the default level (info) does not show', async () => {
    const written = await linesOf(() => post(`{ __typename }`));
    const requests = written.filter((l) => l.component === 'http' && l.req?.url === '/graphql');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: DEBUG, res: { statusCode: 200 } });
    expect(loadEnv({ NODE_ENV: 'development', DATA_DIR: IN_MEMORY }).LOG_LEVEL).toBe('info');
    expect(DEBUG).toBeLessThan(INFO);
  });

  it('log a client error (4xx) at info, without a stack trace', async () => {
    const written = await linesOf(() =>
      fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' }),
    );
    const requests = written.filter((l) => l.component === 'http' && l.req?.url === '/graphql');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: INFO, res: { statusCode: 400 } });
    expect(written.filter(hasStack)).toEqual([]);
  });
});

describe('the JWT_SECRET warning', () => {
  it.each([
    ['a random secret', { JWT_SECRET_GENERATED: true, JWT_SECRET_FILE: null }],
    ['a secret kept in DATA_DIR', { JWT_SECRET_GENERATED: true, JWT_SECRET_FILE: '/data/jwt-secret' }],
  ])('is plain sentences for %s, logged as the message at warn', (_name, env) => {
    const sentence = jwtSecretWarning(env);
    // Sentences: a capital first, a full stop last, words rather than key=value pairs or an object dump.
    expect(sentence).toMatch(/^JWT_SECRET is not set, so .+\. Set JWT_SECRET \(32 characters or more\) .+\.$/);
    expect(sentence).not.toMatch(/[{}=]/);
    const { stream: out, lines: written } = capture();
    const logger = createLogger({ LOG_LEVEL: 'info', NODE_ENV: 'development' }, out);
    logger.warn(sentence);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: WARN, msg: sentence });
  });

  it('is not said when a secret is configured', () => {
    expect(jwtSecretWarning({ JWT_SECRET_GENERATED: false, JWT_SECRET_FILE: null })).toBeNull();
  });
});
