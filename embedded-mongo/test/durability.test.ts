// On-disk durability: acknowledged writes survive SIGKILL, torn/corrupt journal tails are reported and discarded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/index';
import { JOURNAL_FILE } from '../src/storage/storage.journal';
import { errorOf, rmDir, tmpDir } from './helpers';

async function withServer<T>(
  dbPath: string,
  fn: (c: MongoClient, warnings: string[]) => Promise<T>,
  compactThresholdBytes?: number,
): Promise<T> {
  const warnings: string[] = [];
  const server = await startEmbeddedMongo({ dbPath, onWarning: (m) => warnings.push(m), compactThresholdBytes });
  const client = await MongoClient.connect(server.uri, { directConnection: true });
  try {
    return await fn(client, warnings);
  } finally {
    await client.close();
    await server.stop();
  }
}

describe('durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  afterEach(() => rmDir(dir));

  it('every acknowledged write survives kill -9 of the server process', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/crash.child.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      const timer = setTimeout(() => reject(new Error(`child too slow (acked ${acked.length}): ${stderr}`)), 30_000);
      child.stdout.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const l of lines) if (l.startsWith('ack ')) acked.push(Number(l.slice(4)));
        if (acked.length >= 300) {
          clearTimeout(timer);
          child.kill('SIGKILL'); // mid-stream: more writes are in flight
          resolve();
        }
      });
      child.on('exit', (code) => {
        if (acked.length < 300) {
          clearTimeout(timer);
          reject(new Error(`child exited early (${code}): ${stderr}`));
        }
      });
    });
    await new Promise((r) => child.once('close', r));
    await withServer(dir, async (client) => {
      const coll = client.db('crash').collection('docs');
      const present = new Set((await coll.find({}, { projection: { i: 1 } }).toArray()).map((d) => d.i));
      const missing = acked.filter((i) => !present.has(i));
      expect(missing).toEqual([]);
      for (const i of acked.filter((x) => x % 10 === 9)) expect(present.has(-i)).toBe(true); // both halves of each txn
      // The unique index came back with the data.
      const e = await errorOf(() => coll.insertOne({ i: acked[0] }));
      expect(e.code).toBe(11000);
    });
  }, 60_000);

  it('detects, reports and discards a torn journal tail, and keeps working', async () => {
    await withServer(dir, async (c) => {
      await c
        .db('t')
        .collection('c')
        .insertMany([{ n: 1 }, { n: 2 }]);
    });
    const file = path.join(dir, JOURNAL_FILE);
    const goodSize = fs.statSync(file).size;
    // A record header promising more bytes than were written (a crash mid-append).
    const torn = Buffer.alloc(12);
    torn.writeUInt32LE(500, 0);
    fs.appendFileSync(file, torn);
    await withServer(dir, async (c, warnings) => {
      expect(warnings.some((w) => /truncated record/.test(w) && /discarding/.test(w))).toBe(true);
      expect(await c.db('t').collection('c').countDocuments()).toBe(2);
      await c.db('t').collection('c').insertOne({ n: 3 });
    });
    await withServer(dir, async (c, warnings) => {
      expect(warnings).toEqual([]);
      expect(await c.db('t').collection('c').countDocuments()).toBe(3);
    });
    expect(fs.statSync(file).size).toBeGreaterThan(goodSize);
  });

  it('detects a corrupt last record by its checksum', async () => {
    await withServer(dir, async (c) => {
      await c.db('t').collection('c').insertOne({ n: 1 });
    });
    const file = path.join(dir, JOURNAL_FILE);
    // Append a full record whose payload does not match its CRC.
    const payload = Buffer.from([5, 0, 0, 0, 0]);
    const rec = Buffer.alloc(8 + payload.length);
    rec.writeUInt32LE(payload.length, 0);
    rec.writeUInt32LE(12345, 4);
    payload.copy(rec, 8);
    fs.appendFileSync(file, rec);
    await withServer(dir, async (c, warnings) => {
      expect(warnings.join('\n')).toMatch(/checksum mismatch/);
      expect(await c.db('t').collection('c').countDocuments()).toBe(1);
    });
  });

  it('starts on a journal of pure garbage with an empty catalog', async () => {
    fs.writeFileSync(path.join(dir, JOURNAL_FILE), Buffer.alloc(64, 0xab));
    await withServer(dir, async (c, warnings) => {
      expect(warnings).toHaveLength(1);
      expect((await c.db('admin').admin().listDatabases()).databases).toEqual([]);
    });
  });

  it('restores collections, indexes and types, and compacts the journal on stop', async () => {
    const file = path.join(dir, JOURNAL_FILE);
    let during = 0;
    await withServer(dir, async (c) => {
      const coll = c.db('p').collection('c');
      await coll.createIndex({ email: 1 }, { unique: true, name: 'email_u' });
      await coll.insertOne({ _id: 1 as any, email: 'a', when: new Date(5), n: 0 });
      for (let i = 0; i < 100; i++) await coll.updateOne({ _id: 1 as any }, { $inc: { n: 1 } });
      await c.db('p').collection('gone').insertOne({ x: 1 });
      await c.db('p').collection('gone').drop();
      during = fs.statSync(file).size; // every acknowledged write is already in the file
    });
    const after = fs.statSync(file).size;
    expect(after).toBeLessThan(during / 10);
    await withServer(dir, async (c) => {
      const coll = c.db('p').collection('c');
      expect(await coll.findOne({ _id: 1 as any })).toEqual({ _id: 1, email: 'a', when: new Date(5), n: 100 });
      expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'email_u']);
      expect((await c.db('p').listCollections().toArray()).map((x) => x.name)).toEqual(['c']);
      const e = await errorOf(() => coll.insertOne({ email: 'a' }));
      expect(e.code).toBe(11000);
    });
  });

  it('compacts in the background once the journal grows, without losing concurrent writes', async () => {
    const file = path.join(dir, JOURNAL_FILE);
    const sizes: number[] = [];
    await withServer(
      dir,
      async (c) => {
        const coll = c.db('bg').collection('c');
        await coll.insertOne({ _id: 'counter' as any, n: 0, pad: 'y'.repeat(2000) });
        for (let round = 0; round < 20; round++) {
          await Promise.all([
            ...Array.from({ length: 10 }, () => coll.updateOne({ _id: 'counter' as any }, { $inc: { n: 1 } })),
            coll.insertOne({ round, pad: 'x'.repeat(2000) }),
          ]);
          sizes.push(fs.statSync(file).size);
        }
      },
      20_000,
    );
    // Uncompacted, 200 updates of a 2 KB document plus 20 inserts of 2 KB would exceed 450 KB.
    expect(Math.max(...sizes)).toBeLessThan(250_000);
    await withServer(dir, async (c) => {
      expect(
        (await c
          .db('bg')
          .collection('c')
          .findOne({ _id: 'counter' as any }))!.n,
      ).toBe(200);
      expect(
        await c
          .db('bg')
          .collection('c')
          .countDocuments({ round: { $exists: true } }),
      ).toBe(20);
    });
  });
});
