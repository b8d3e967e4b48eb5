// Issue 13, item 10: the in-process engine has no authentication, so it must not be reachable by other local
// users or processes. The API reaches it over a Unix socket only its user can open, with no TCP listener unless
// EMBEDDED_MONGO_PORT asks for one.
import fs from 'node:fs';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { IN_MEMORY, loadEnv } from '../src/config/env';
import { connectDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';

/** Inodes of the TCP sockets this process listens on (from /proc: the attack's view of open ports). */
function tcpListeners(): Set<string> {
  const mine = new Set<string>();
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/self/fd/${fd}`));
      if (m) mine.add(m[1]!);
    } catch {
      // fd closed meanwhile
    }
  }
  const out = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // st 0A = LISTEN; column 9 is the inode
      if (cols[3] === '0A' && mine.has(cols[9]!)) out.add(cols[9]!);
    }
  }
  return out;
}

const env = (extra: Record<string, string> = {}) =>
  loadEnv({ NODE_ENV: 'test', DATA_DIR: IN_MEMORY, LOG_LEVEL: 'silent', ...extra });

describe('in-process engine over a Unix socket', () => {
  it('connects over a 0600 socket in a private folder and opens no TCP port', async () => {
    const before = tcpListeners();
    const e = env();
    const db = await connectDatabase(e, createLogger(e));
    let socketPath = '';
    try {
      expect(db.embedded).toBe(true);
      const m = /^mongodb:\/\/([^/]+)\/promesse$/.exec(db.uri);
      expect(m).not.toBeNull();
      socketPath = decodeURIComponent(m![1]!);
      const st = fs.statSync(socketPath);
      expect(st.isSocket()).toBe(true);
      expect(st.mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(socketPath)).mode & 0o777).toBe(0o700);
      // The app works through it (models were initialised over the socket), and so does a second client.
      expect((await db.connection.db!.admin().command({ ping: 1 })).ok).toBe(1);
      const client = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 3000 });
      expect(await client.db().collection('users').countDocuments()).toBe(0);
      await client.close();
      // No new TCP listener in this process: nothing to connect to from another user's process.
      expect([...tcpListeners()].filter((i) => !before.has(i))).toEqual([]);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.dirname(socketPath))).toBe(false); // cleaned up on close
  });

  it('opens a TCP port on 127.0.0.1 only when EMBEDDED_MONGO_PORT is set', async () => {
    const before = tcpListeners();
    const e = env({ EMBEDDED_MONGO_PORT: '0' });
    const db = await connectDatabase(e, createLogger(e));
    try {
      expect(db.uri.startsWith('mongodb://%2F')).toBe(true); // the app itself still uses the socket
      expect([...tcpListeners()].filter((i) => !before.has(i))).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
