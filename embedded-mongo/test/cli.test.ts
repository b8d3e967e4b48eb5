// The CLI: prints the URI, serves it, and stops cleanly (journal compacted) on SIGTERM / SIGINT.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { parseArgs } from '../src/cli';
import { rmDir, tmpDir } from './helpers';

function runCli(args: string[]) {
  const child = spawn(process.execPath, [path.join(__dirname, '../bin/embedded-mongo.mjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const uri = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing the URI`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, uri, exited };
}

describe('CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = tmpDir();
  });
  afterEach(() => rmDir(dir));

  it('parses --port/--dbpath/--host and refuses unknown flags', () => {
    expect(parseArgs(['--port', '0', '--dbpath', '/x', '--host=0.0.0.0'])).toEqual({
      command: 'serve',
      port: 0,
      dbPath: '/x',
      host: '0.0.0.0',
    });
    expect(() => parseArgs(['--nope'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--port', 'abc'])).toThrow(/invalid --port/);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves the printed URI and exits 0 on %s with data kept',
    async (signal) => {
      const first = runCli(['--port', '0', '--dbpath', dir]);
      const uri = await first.uri;
      const client = await MongoClient.connect(uri, { directConnection: true });
      await client.db('cli').collection('c').insertOne({ signal });
      await client.close();
      first.child.kill(signal);
      expect(await first.exited).toBe(0);

      const second = runCli(['--port', '0', '--dbpath', dir]);
      const c2 = await MongoClient.connect(await second.uri, { directConnection: true });
      expect(await c2.db('cli').collection('c').countDocuments({ signal })).toBe(1);
      await c2.close();
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
    30_000,
  );
});
