// Test helpers: a real server on a random port and a real driver client.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { BSON } from 'bson';
import { MongoClient } from 'mongodb';
import { encodeOpMsg } from '../src/wire/wire.protocol';
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

/** One connection speaking raw OP_MSG: for commands the driver would rewrite (lsid, txnNumber, retries). */
export async function rawConnection(port: number): Promise<{
  command(doc: Record<string, unknown>): Promise<Record<string, any>>;
  close(): void;
}> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buf = Buffer.alloc(0);
  let waiting: ((d: Record<string, any>) => void) | undefined;
  socket.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) {
      const len = buf.readInt32LE(0);
      const doc = BSON.deserialize(buf.subarray(21, len), { promoteLongs: false });
      buf = buf.subarray(len);
      waiting?.(doc);
    }
  });
  return {
    command(doc) {
      return new Promise((resolve) => {
        waiting = resolve;
        socket.write(encodeOpMsg(0, doc));
      });
    },
    close: () => socket.destroy(),
  };
}

/** Pings on their own connection every 10 ms; returns the answer times (ms, ascending) once stopped. */
export function pingLoop(client: MongoClient): { count(): number; stop(): Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      await client.db('admin').command({ ping: 1 });
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    count: () => times.length,
    async stop() {
      running = false;
      await loop;
      return times.sort((a, b) => a - b);
    },
  };
}

/** The server in its own process (as the API runs it), so that pings measure the server, not this test's client. */
export async function serverProcess(args = ['--port', '0']): Promise<{ uri: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(__dirname, '../bin/embedded-mongo.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return {
    uri,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
