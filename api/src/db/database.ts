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

export async function connectDatabase(env: Pick<Env, 'MONGODB_URI' | 'DATA_DIR'>, logger: Logger): Promise<Database> {
  let engine: Awaited<ReturnType<typeof startEmbeddedMongo>> | null = null;
  let uri: string;
  if (env.MONGODB_URI) {
    uri = env.MONGODB_URI;
  } else {
    const inMemory = env.DATA_DIR === IN_MEMORY;
    engine = await startEmbeddedMongo({
      host: '127.0.0.1',
      port: 0,
      ...(inMemory ? {} : { dbPath: env.DATA_DIR }),
      onWarning: (message) => logger.warn({ component: 'embedded-mongo' }, message),
    });
    uri = withDatabaseName(engine.uri);
    logger.info({ uri, dataDir: inMemory ? IN_MEMORY : env.DATA_DIR }, 'embedded MongoDB-compatible engine started');
  }

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
    await engine?.stop().catch(() => undefined);
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
        await engine?.stop();
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
