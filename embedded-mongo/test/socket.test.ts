// Unix domain socket (issue 13, item 10): only the owner can connect (mode 0600), and no TCP port is opened
// unless one is asked for, so another local user or process cannot reach the unauthenticated engine.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { startEmbeddedMongo } from '../src/index';
import { rmDir, serverProcess } from './helpers';

describe('Unix domain socket', () => {
  let dir: string;
  beforeEach(() => {
    // Lowercase: the driver lowercases host names, socket paths included.
    dir = path.join(os.tmpdir(), `emongo-sock-${randomBytes(6).toString('hex')}`);
    fs.mkdirSync(dir, { mode: 0o700 });
  });
  afterEach(() => rmDir(dir));

  it('listens on a 0600 socket only, and the driver and mongoose connect through it', async () => {
    const socketPath = path.join(dir, 'mongod.sock');
    const server = await startEmbeddedMongo({ socketPath, onWarning: () => undefined });
    try {
      const st = fs.statSync(socketPath);
      expect(st.isSocket()).toBe(true);
      expect(st.mode & 0o777).toBe(0o600);
      expect(st.uid).toBe(process.getuid!());
      expect(server.uri).toBe(`mongodb://${encodeURIComponent(socketPath)}/`);
      expect(server.port).toBe(0);
      expect(server.tcpUri).toBeUndefined();

      // Replica-set discovery works: hello announces the socket path as the member's address.
      const client = await MongoClient.connect(`${server.uri}app`, { serverSelectionTimeoutMS: 3000 });
      try {
        const c = client.db().collection('secrets');
        await c.insertOne({ email: 'a@ecole.fr', passwordHash: 'x' });
        expect(await c.countDocuments()).toBe(1);
        const hello = await client.db('admin').command({ hello: 1 });
        expect(hello.me).toBe(socketPath);
        expect(hello.hosts).toEqual([socketPath]);
        // Transactions need the replica-set topology: they work over the socket too.
        await client.withSession((s) =>
          s.withTransaction(async () => {
            await c.insertOne({ email: 'b@ecole.fr' }, { session: s });
          }),
        );
        expect(await c.countDocuments()).toBe(2);
      } finally {
        await client.close();
      }
      const conn = await mongoose.createConnection(`${server.uri}app`).asPromise();
      try {
        expect(await conn.db!.collection('secrets').countDocuments()).toBe(2);
      } finally {
        await conn.close();
      }
    } finally {
      await server.stop();
    }
    expect(fs.existsSync(socketPath)).toBe(false); // removed on stop
  });

  it('opens TCP as well only when a port is given', async () => {
    const socketPath = path.join(dir, 'both.sock');
    const server = await startEmbeddedMongo({ socketPath, port: 0, onWarning: () => undefined });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.tcpUri).toBe(`mongodb://127.0.0.1:${server.port}/`);
      const client = await MongoClient.connect(server.tcpUri!, { serverSelectionTimeoutMS: 3000 });
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('replaces the socket file of a dead process, refuses one in use and any other file', async () => {
    const socketPath = path.join(dir, 'stale.sock');
    // A socket file nobody listens on any more: its process was killed (SIGKILL leaves the file behind).
    const child = spawn(
      process.execPath,
      ['-e', "require('net').createServer().listen(process.argv[1], () => console.log('up'))", socketPath],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((r) => child.stdout.once('data', r));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(fs.existsSync(socketPath)).toBe(true);
    const server = await startEmbeddedMongo({ socketPath, onWarning: () => undefined });
    try {
      const second = await startEmbeddedMongo({ socketPath, onWarning: () => undefined }).catch((e: Error) => e);
      expect(second).toBeInstanceOf(Error);
      expect((second as Error).message).toMatch(/in use/);
      expect(fs.statSync(socketPath).isSocket()).toBe(true); // the first server's socket is untouched
    } finally {
      await server.stop();
    }
    const file = path.join(dir, 'plain.sock');
    fs.writeFileSync(file, 'not a socket');
    const e = await startEmbeddedMongo({ socketPath: file, onWarning: () => undefined }).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/not a socket/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a socket');
  });

  it('warns about a socket path with capitals (the driver would dial it lowercased)', async () => {
    const warnings: string[] = [];
    const server = await startEmbeddedMongo({
      socketPath: path.join(dir, 'Mongo.sock'),
      onWarning: (m) => warnings.push(m),
    });
    await server.stop();
    expect(warnings.join('\n')).toMatch(/lowercase/);
  });

  it('CLI: --socket without --port listens on the socket only', async () => {
    const socketPath = path.join(dir, 'cli.sock');
    const proc = await serverProcess(['--socket', socketPath]);
    try {
      expect(proc.uri).toBe(`mongodb://${encodeURIComponent(socketPath)}/`);
      expect(fs.statSync(socketPath).mode & 0o777).toBe(0o600);
      const client = await MongoClient.connect(proc.uri, { serverSelectionTimeoutMS: 3000 });
      expect((await client.db('admin').command({ ping: 1 })).ok).toBe(1);
      await client.close();
    } finally {
      await proc.stop();
    }
  }, 30_000); // a child process loading the sources through tsx: seconds on a loaded machine
});
