// Profiling helper: the bench's heavy queries (indexed sort + limit, $in unindexed, updateOne by _id) in one mode.
// Run: node --cpu-prof --cpu-prof-dir=/tmp/prof -r tsx/cjs bench/profile.bench.ts [memory|disk] [sort|in|update|all]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../src/index';

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'memory';
  const what = process.argv[3] ?? 'all';
  const dir = mode === 'disk' ? fs.mkdtempSync(path.join(os.tmpdir(), 'emongo-prof-')) : undefined;
  const server = await startEmbeddedMongo({ dbPath: dir, onWarning: () => undefined });
  const client = await MongoClient.connect(server.uri, { directConnection: true });
  try {
    const coll = client.db('bench').collection('perf');
    const admin = client.db('admin');
    await coll.createIndex({ k: 1 });
    for (let chunk = 0; chunk < 10; chunk++)
      await coll.insertMany(
        Array.from({ length: 10_000 }, (_, i) => ({ k: chunk * 10_000 + i, name: `n${i}`, v: Math.random() })),
      );
    const t = async (label: string, n: number, fn: () => Promise<void>) => {
      let best = Infinity;
      let bestCpu = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        await fn();
        const c = process.cpuUsage(c0);
        best = Math.min(best, performance.now() - t0);
        bestCpu = Math.min(bestCpu, (c.user + c.system) / 1000);
      }
      console.log(`${mode} ${label}: ${(best / n).toFixed(3)} ms/op wall, ${(bestCpu / n).toFixed(3)} ms/op cpu`);
      return bestCpu / n;
    };
    const ping = await t('ping', 1000, async () => {
      for (let i = 0; i < 1000; i++) await admin.command({ ping: 1 });
    });
    if (what === 'all' || what === 'find') {
      await t('findOne by k', 2000, async () => {
        for (let i = 0; i < 2000; i++) await coll.findOne({ k: (i * 7919) % 100_000 });
      });
    }
    if (what === 'all' || what === 'sort') {
      const s = await t('sort+limit 10', 200, async () => {
        for (let i = 0; i < 200; i++) await coll.find({}).sort({ k: -1 }).limit(10).toArray();
      });
      console.log(`  sort/ping = ${(s / ping).toFixed(2)}`);
    }
    if (what === 'all' || what === 'in') {
      const values = Array.from({ length: 1000 }, (_, i) => `n${i * 10}`);
      const s = await t('$in count', 10, async () => {
        for (let i = 0; i < 10; i++) await coll.countDocuments({ name: { $in: values } });
      });
      console.log(`  in/ping = ${(s / ping).toFixed(1)}`);
    }
    if (what === 'all' || what === 'update') {
      await t('updateOne by k', 1000, async () => {
        for (let i = 0; i < 1000; i++) await coll.updateOne({ k: i }, { $inc: { v: 1 } });
      });
      const ids = (
        await coll
          .find({}, { projection: { _id: 1 } })
          .limit(1000)
          .toArray()
      ).map((d) => d._id);
      await t('updateOne by _id', 1000, async () => {
        for (const _id of ids) await coll.updateOne({ _id }, { $inc: { v: 1 } });
      });
    }
  } finally {
    await client.close();
    await server.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
