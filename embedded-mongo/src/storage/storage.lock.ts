// Exclusive ownership of a data directory: a `mongod.lock` file created with O_EXCL that holds the owner's pid.
// Node has no flock(); a pid file lets a second process name the holder and lets a restart take over the lock of
// a process that died (proper-lockfile decides staleness by mtime instead, so it can neither name the holder nor
// tell a dead owner from a busy one).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'mongod.lock';

export class DataDirLockedError extends Error {
  readonly code = 'EMONGO_LOCKED';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `data directory ${path.resolve(dir)} is in use by ${pid > 0 ? `process ${pid}` : 'another process'} (lock file ${path.join(path.resolve(dir), LOCK_FILE)}); ` +
        `stop that process first, or use another --dbpath`,
    );
  }
}

interface LockInfo {
  pid: number;
  host: string;
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' ? { pid: info.pid, host: String(info.host ?? '') } : null;
  } catch {
    return null; // unreadable: written by a process that died between create and write
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DirLock {
  private constructor(
    readonly file: string,
    private readonly content: string,
  ) {}

  /** Takes the lock or throws DataDirLockedError; a lock left by a dead process on this host is taken over. */
  static acquire(dir: string): DirLock {
    const file = path.join(dir, LOCK_FILE);
    const content = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = fs.openSync(file, 'wx');
        try {
          fs.writeSync(fd, content);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        return new DirLock(file, content);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(file);
      if (holder && (holder.host !== os.hostname() || alive(holder.pid))) throw new DataDirLockedError(dir, holder.pid);
      // An empty lock younger than a second may be one another process is still writing.
      if (!holder && Date.now() - fs.statSync(file).mtimeMs < 1000) throw new DataDirLockedError(dir, -1);
      // Stale: its owner is gone. Remove it only if it is still the one we judged.
      if (readLock(file)?.pid === holder?.pid) fs.rmSync(file, { force: true });
    }
    const holder = readLock(file);
    throw new DataDirLockedError(dir, holder?.pid ?? -1);
  }

  release(): void {
    try {
      if (fs.readFileSync(this.file, 'utf8') === this.content) fs.rmSync(this.file, { force: true });
    } catch {
      // Already gone.
    }
  }
}
