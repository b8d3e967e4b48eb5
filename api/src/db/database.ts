import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { startEmbeddedMongo } from '@promesse/embedded-mongo';
import { IN_MEMORY, type Env } from '../config/env';
import type { Logger } from '../logger';
import { initModels } from './model-registry';
import '../modules/models';

export const DEFAULT_DB_NAME = 'promesse';

export interface Database {
  connection: Connection;
  /** The URI mongoose connected to (the embedded engine's when MONGODB_URI is unset). */
  uri: string;
  embedded: boolean;
  /** Closes mongoose, then stops the embedded engine (which flushes its data to DATA_DIR). */
  close(): Promise<void>;
}

/** Adds the default database name when the URI names none (the embedded engine's URI usually does not). */
export function withDatabaseName(uri: string, dbName = DEFAULT_DB_NAME): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) return uri;
  const [, hostPart, pathPart, query = ''] = match;
  if (pathPart && pathPart !== '/') return uri;
  return `${hostPart}/${dbName}${query}`;
}

/**
 * A private folder (0700) for the in-process engine's Unix socket. Lowercase, since the MongoDB driver lowercases
 * host names (socket paths included); short, since a socket path is limited to about 100 bytes.
 */
function socketDir(): string {
  const tmp = os.tmpdir();
  const base = tmp === tmp.toLowerCase() && tmp.length < 60 ? tmp : '/tmp';
  const dir = path.join(base, `promesse-mongo-${randomBytes(6).toString('hex')}`);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

export async function connectDatabase(
  env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'> & Partial<Pick<Env, 'EMBEDDED_MONGO_PORT'>>,
  logger: Logger,
): Promise<Database> {
  let engine: Awaited<ReturnType<typeof startEmbeddedMongo>> | null = null;
  let sockets: string | null = null;
  let uri: string;
  if (env.MONGODB_URI) {
    uri = env.MONGODB_URI;
  } else {
    const inMemory = env.DATA_DIR === IN_MEMORY;
    // The engine has no authentication: it listens on a Unix socket only this user can open (issue 13, item 10),
    // and on a TCP port only when EMBEDDED_MONGO_PORT asks for one.
    sockets = socketDir();
    try {
      engine = await startEmbeddedMongo({
        host: '127.0.0.1',
        socketPath: path.join(sockets, 'mongod.sock'),
        ...(env.EMBEDDED_MONGO_PORT !== undefined ? { port: env.EMBEDDED_MONGO_PORT } : {}),
        ...(inMemory ? {} : { dbPath: env.DATA_DIR }),
        onWarning: (message) => logger.warn({ component: 'embedded-mongo' }, message),
      });
    } catch (error) {
      rmSync(sockets, { recursive: true, force: true });
      throw error;
    }
    uri = withDatabaseName(engine.uri);
    logger.info(
      { uri, tcp: engine.tcpUri, dataDir: inMemory ? IN_MEMORY : env.DATA_DIR },
      'embedded MongoDB-compatible engine started',
    );
  }
  const stopEngine = async () => {
    await engine?.stop();
    if (sockets) rmSync(sockets, { recursive: true, force: true });
  };

  const connection = mongoose.createConnection(uri, {
    autoIndex: true,
    autoCreate: true,
    serverSelectionTimeoutMS: 15_000,
  });
  try {
    await connection.asPromise();
    await initModels(connection);
  } catch (error) {
    await connection.close().catch(() => undefined);
    await stopEngine().catch(() => undefined);
    throw error;
  }
  logger.info({ db: connection.name, embedded: engine !== null }, 'database connected');

  let closing: Promise<void> | null = null;
  return {
    connection,
    uri,
    embedded: engine !== null,
    close() {
      closing ??= (async () => {
        await connection.close();
        await stopEngine();
      })();
      return closing;
    },
  };
}

/** True when mongoose is connected and the server answers a ping. */
export async function pingDatabase(connection: Connection, timeoutMs = 2_000): Promise<boolean> {
  if (connection.readyState !== 1 || !connection.db) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = connection.db.admin().command({ ping: 1 });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timeout')), timeoutMs);
    });
    const result = await Promise.race([ping, timeout]);
    return result.ok === 1;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
