import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../app';
import { IN_MEMORY, loadEnv, type Env } from '../config/env';
import { connectDatabase, type Database } from '../db/database';
import { systemClock } from '../core/clock';
import type { AppDeps } from '../core/deps';
import { createLogger } from '../logger';

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
    ...envOverrides,
  });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  const deps: AppDeps = { env, logger, connection: db.connection, clock: systemClock };
  const app = buildApp(deps);
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
    async close() {
      await app.close();
      await db.close();
    },
  };
}
