// Processes for the multi-instance realtime tests: the embedded engine on its own (like a shared MongoDB) and API
// instances running the real api/src/server.ts through tsx, all on free ports.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestApp } from '../../api/test/helpers';
import { freePort } from '../server/free-port';

export const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE_BIN = path.join(ROOT, 'embedded-mongo', 'bin', 'embedded-mongo.mjs');
const SERVER = path.join(ROOT, 'api', 'src', 'server.ts');

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends the signal (SIGKILL after 20 s if it does not exit) and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function manage(name: string, child: ChildProcess): ManagedProcess {
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    name,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

async function waitFor(
  what: string,
  proc: ManagedProcess,
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited before ${what}:\n${proc.output().slice(-4000)}`);
    }
    if (await check()) return;
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`${proc.name}: no ${what} within ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface EngineProcess extends ManagedProcess {
  port: number;
  /** URI for the API instances (direct connection to the single engine). */
  uri: string;
}

/**
 * The embedded engine as its own process, like `npx embedded-mongo --port <port> [--dbpath <dir>]` (in memory
 * without a dbPath). Restart it on the same port and dbPath to simulate a database restart.
 */
export async function startEngineProcess(options: { port?: number; dbPath?: string } = {}): Promise<EngineProcess> {
  const port = options.port ?? (await freePort());
  const args = [ENGINE_BIN, '--port', String(port), ...(options.dbPath ? ['--dbpath', options.dbPath] : [])];
  const proc = manage('engine', spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  await waitFor('its URI', proc, () => proc.output().includes(`mongodb://`), 30_000);
  return { ...proc, port, uri: `mongodb://127.0.0.1:${port}/promesse?directConnection=true` };
}

export interface ApiProcess extends ManagedProcess {
  port: number;
  url: string;
}

/** One API instance: `node --import tsx api/src/server.ts`, NODE_ENV=test, on `port` (free one by default). */
export async function startApiProcess(name: string, env: Record<string, string>, port?: number): Promise<ApiProcess> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SEED_DEMO: 'false',
      ...env,
      PORT: String(listenPort),
      HOST: '127.0.0.1',
    },
  });
  const proc = manage(name, child);
  const url = `http://127.0.0.1:${listenPort}`;
  await waitFor(
    '200 on /healthz',
    proc,
    async () => {
      try {
        return (await fetch(`${url}/healthz`)).status === 200;
      } catch {
        return false;
      }
    },
    90_000,
  );
  return { ...proc, port: listenPort, url };
}

interface GqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GqlBody<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlBody<T>;
}

/**
 * Just enough of api/test/helpers.ts's TestApp (`ok`, `gql`, `code`) for its HTTP fixtures (createSchool,
 * createStaff, registerCompany...) to run against a server process.
 */
export function remoteApp(url: string, mailDir?: string): TestApp {
  const ok = async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const body = await gql(url, query, variables, token);
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}\nquery: ${query}`);
    return body.data as never;
  };
  return {
    url,
    // The server process's `DATA_DIR/mail`: fixtures read e-mailed links there (registerCompany verifies by mail).
    mailDir,
    ok,
    gql: async (query: string, variables?: Record<string, unknown>, token?: string) => ({
      status: 200,
      ...(await gql(url, query, variables, token)),
    }),
    code: async (query: string, variables?: Record<string, unknown>, token?: string) =>
      (await gql(url, query, variables, token)).errors?.[0]?.extensions?.['code'] as string | undefined,
  } as unknown as TestApp;
}
