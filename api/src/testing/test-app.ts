import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../app';
import { IN_MEMORY, loadEnv, type Env } from '../config/env';
import { connectDatabase, type Database } from '../db/database';
import { systemClock } from '../core/clock';
import type { AppDeps } from '../core/deps';
import { createLogger } from '../logger';
import { startMail, type MailRuntime } from '../modules/mail/mail.runtime';
import { mailSettingsFromEnv } from '../modules/mail/mail.settings';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789-abcdefghijklmnop';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  url: string;
  env: Env;
  db: Database;
  deps: AppDeps;
  app: App;
  /** The mail channel; `mail.devServer.dir` holds what was sent (see api/test/mail.harness.ts to read it). */
  mail: MailRuntime;
  /** POST /graphql over real HTTP, with an optional bearer token. */
  gql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/**
 * The real app (Express + yoga + socket.io) on a random port, backed by an in-memory embedded engine.
 * Each call gets its own engine and mongoose connection, so tests may run several side by side.
 */
export async function startTestApp(envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const env = loadEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: IN_MEMORY,
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    // Test files sign many companies up from 127.0.0.1; security.signup.test.ts runs with the real limit.
    SIGNUPS_PER_IP_PER_HOUR: '10000',
    ...envOverrides,
  });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  const deps: AppDeps = { env, logger, connection: db.connection, clock: systemClock };
  // The real mail channel, sending over SMTP to an in-process server storing .eml files in a temporary folder.
  const mailSettings = { ...(await mailSettingsFromEnv(env)), pollMs: 100, retryBaseMs: 100, retryMaxMs: 1_000 };
  const mail = await startMail(deps, mailSettings);
  const app = buildApp(deps, { mail });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    env,
    db,
    deps,
    app,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    mail,
    async close() {
      await app.close();
      await mail.close();
      await db.close();
      if (env.DATA_DIR === IN_MEMORY) await rm(mailSettings.storeDir, { recursive: true, force: true });
    },
  };
}
