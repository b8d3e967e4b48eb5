// Test helpers: a real server on a random port and a real driver client.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../src/index';

export interface TestServer {
  server: EmbeddedMongo;
  client: MongoClient;
  warnings: string[];
  close(): Promise<void>;
}

export async function startTestServer(
  opts: EmbeddedMongoOptions = {},
  clientOpts: Record<string, unknown> = {},
): Promise<TestServer> {
  const warnings: string[] = [];
  const server = await startEmbeddedMongo({ onWarning: (m) => warnings.push(m), ...opts });
  const client = await MongoClient.connect(server.uri, { serverSelectionTimeoutMS: 3000, ...clientOpts });
  return {
    server,
    client,
    warnings,
    async close() {
      await client.close();
      await server.stop();
    },
  };
}

export function tmpDir(prefix = 'emongo-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs fn and returns the error it throws (fails the test when nothing is thrown). */
export async function errorOf(fn: () => Promise<unknown>): Promise<Record<string, any>> {
  try {
    await fn();
  } catch (e) {
    return e as Record<string, any>;
  }
  throw new Error('expected an error, got none');
}
