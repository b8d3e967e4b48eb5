import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@promesse/embedded-mongo';
import { withDatabaseName } from '../src/db/database';

// Two API-like processes share one database and both schedule `test.tick` every second: each occurrence runs once,
// on one of them (agenda locks the job document).

const ROOT = path.resolve(__dirname, '..', '..');
let engine: Awaited<ReturnType<typeof startEmbeddedMongo>>;
let uri: string;
let client: MongoClient;

beforeAll(async () => {
  engine = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 });
  uri = withDatabaseName(engine.uri);
  client = await MongoClient.connect(uri);
});

afterAll(async () => {
  await client.close();
  await engine.stop();
});

function startInstance(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'scheduler.instance.ts'), uri, name], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

test('two processes scheduling the same job run each occurrence once', async () => {
  const [a, b] = await Promise.all([startInstance('a'), startInstance('b')]);
  const runs = client.db().collection<{ instance: string; at: Date }>('schedulerTestRuns');
  const since = new Date();
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  await Promise.all([stop(a), stop(b)]);

  const all = await runs
    .find({ at: { $gte: since } })
    .sort({ at: 1 })
    .toArray();
  // One recurring job document, however many instances declared it.
  expect(await client.db().collection('agendaJobs').countDocuments({ name: 'test.tick' })).toBe(1);
  // Every second for 6 s: about 6 runs (5 to 7), not 12.
  expect(all.length).toBeGreaterThanOrEqual(4);
  expect(all.length).toBeLessThanOrEqual(7);
  const gaps = all.slice(1).map((run, i) => run.at.getTime() - (all[i]?.at.getTime() ?? 0));
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(700);
}, 120_000);
