// Data-directory safety: one process per directory, mid-journal corruption refused (file untouched), repair.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/index';
import { JOURNAL_FILE } from '../src/storage/storage.journal';
import { LOCK_FILE } from '../src/storage/storage.lock';
import { rmDir, tmpDir } from './helpers';

const CLI = path.join(__dirname, '../bin/embedded-mongo.mjs');

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function writeDocs(dir: string, n: number): Promise<void> {
  const server = await startEmbeddedMongo({ dbPath: dir, onWarning: () => {} });
  const client = await MongoClient.connect(server.uri, { directConnection: true });
  try {
    // One journal record per insert; compaction at stop keeps one record per document.
    for (let i = 0; i < n; i++)
      await client
        .db('d')
        .collection('c')
        .insertOne({ _id: i as never, pad: 'p'.repeat(50) });
  } finally {
    await client.close();
    await server.stop();
  }
}

async function countDocs(dir: string): Promise<number[]> {
  const server = await startEmbeddedMongo({ dbPath: dir, onWarning: () => {} });
  const client = await MongoClient.connect(server.uri, { directConnection: true });
  try {
    const docs = await client.db('d').collection('c').find({}).sort({ _id: 1 }).toArray();
    return docs.map((d) => d._id as unknown as number);
  } finally {
    await client.close();
    await server.stop();
  }
}

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')] as const),
  );
}

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  afterEach(() => rmDir(dir));

  it('a second process on a directory in use refuses to start, names the holder and touches nothing', async () => {
    const server = await startEmbeddedMongo({ dbPath: dir });
    const client = await MongoClient.connect(server.uri, { directConnection: true });
    try {
      await client.db('d').collection('c').insertOne({ a: 1 });
      const before = listing(dir);
      const second = await runCli(['--port', '0', '--dbpath', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by process ${process.pid}`);
      expect(second.stdout).not.toMatch(/mongodb:\/\//);
      expect(listing(dir)).toEqual(before);
      // The first instance keeps every write.
      await client.db('d').collection('c').insertOne({ a: 2 });
      const inProcess = await startEmbeddedMongo({ dbPath: dir }).catch((e: Error) => e);
      expect(inProcess).toBeInstanceOf(Error);
      expect((inProcess as Error).message).toMatch(/in use by process/);
    } finally {
      await client.close();
      await server.stop();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(await runCli(['repair', '--dbpath', dir]).then((r) => r.code)).toBe(0);
  }, 30_000);

  it('takes over the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid, host: os.hostname() }));
    const server = await startEmbeddedMongo({ dbPath: dir });
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await server.stop();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('journal corruption', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  afterEach(() => rmDir(dir));

  it('refuses to start on a bad record followed by readable ones, leaving the file byte-for-byte unchanged', async () => {
    await writeDocs(dir, 20);
    const file = path.join(dir, JOURNAL_FILE);
    const data = fs.readFileSync(file);
    const mid = Math.floor(data.length / 2);
    data.writeUInt32LE(0xdeadbeef, mid); // four bytes flipped in the middle
    fs.writeFileSync(file, data);
    const warnings: string[] = [];
    const err = await startEmbeddedMongo({ dbPath: dir, onWarning: (m) => warnings.push(m) }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/corrupt in the middle/);
    expect((err as Error).message).toContain(`embedded-mongo repair --dbpath ${path.resolve(dir)}`);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual([JOURNAL_FILE]); // no lock left behind, nothing else written
    // The CLI says the same and exits non-zero.
    const cli = await runCli(['--port', '0', '--dbpath', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/corrupt in the middle.*repair --dbpath/s);
    expect(fs.readFileSync(file).equals(data)).toBe(true);

    // repair keeps every readable record and a copy of the damaged file.
    const repaired = await runCli(['repair', '--dbpath', dir]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toMatch(/dropped \d+ bytes at offset \d+ \((checksum mismatch|truncated record)/);
    expect(repaired.stdout).toMatch(/kept \d+ records, dropped 1 damaged range/);
    const backup = fs.readdirSync(dir).find((f) => f.endsWith('.bak'))!;
    expect(fs.readFileSync(path.join(dir, backup)).equals(data)).toBe(true);
    const ids = await countDocs(dir);
    expect(ids.length).toBeGreaterThanOrEqual(18); // the damaged record (and at most its neighbour) lost
    expect(ids.length).toBeLessThan(20);
    expect(ids).toContain(0);
    expect(ids).toContain(19);
  }, 30_000);

  it('still cuts a torn tail (an incomplete last record) and starts', async () => {
    await writeDocs(dir, 5);
    const file = path.join(dir, JOURNAL_FILE);
    const good = fs.statSync(file).size;
    const data = fs.readFileSync(file);
    fs.appendFileSync(file, data.subarray(0, 30)); // a record cut short by a crash
    const warnings: string[] = [];
    const server = await startEmbeddedMongo({ dbPath: dir, onWarning: (m) => warnings.push(m) });
    await server.stop();
    expect(warnings.join('\n')).toMatch(/torn tail/);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(good);
    expect(await countDocs(dir)).toEqual([0, 1, 2, 3, 4]);
  });
});
