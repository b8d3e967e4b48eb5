// Append-only journal: [u32 length][u32 crc32][BSON payload] records, group-committed with one fdatasync per batch.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Document } from 'bson';
import { deserialize, serialize } from './bson.values';

const HEADER = 8;
export const JOURNAL_FILE = 'journal.bin';

export function encodeRecord(payload: Document): Buffer {
  const body = serialize(payload);
  const buf = Buffer.allocUnsafe(HEADER + body.length);
  buf.writeUInt32LE(body.length, 0);
  buf.writeUInt32LE(zlib.crc32(body), 4);
  Buffer.from(body.buffer, body.byteOffset, body.length).copy(buf, HEADER);
  return buf;
}

export interface JournalReadResult {
  records: Document[];
  /** Byte offset of the first invalid record (the file length when every record is valid). */
  validLength: number;
  fileLength: number;
  problem?: string;
  /**
   * Offset of a readable record after the first invalid one. Set = corruption in the middle of the file (never
   * cut: later records hold acknowledged writes); unset with a problem = a torn tail from a crash during a write.
   */
  readableAfter?: number;
}

/** The record at `off` when it is whole, matches its checksum and parses; else why not. */
function recordAt(data: Buffer, off: number): { doc: Document; end: number } | { problem: string } {
  if (data.length - off < HEADER) return { problem: `truncated record header at offset ${off}` };
  const len = data.readUInt32LE(off);
  if (len < 5 || off + HEADER + len > data.length)
    return { problem: `truncated record at offset ${off} (length ${len})` };
  const body = data.subarray(off + HEADER, off + HEADER + len);
  if (zlib.crc32(body) !== data.readUInt32LE(off + 4)) return { problem: `checksum mismatch at offset ${off}` };
  try {
    return { doc: deserialize(body), end: off + HEADER + len };
  } catch (e) {
    return { problem: `unreadable record at offset ${off}: ${(e as Error).message}` };
  }
}

/** First offset after `from` where a valid record starts (cheap pre-checks: BSON size prefix and trailing NUL). */
function nextReadable(data: Buffer, from: number): number | undefined {
  for (let p = from; p + HEADER + 5 <= data.length; p++) {
    const len = data.readUInt32LE(p);
    if (len < 5 || p + HEADER + len > data.length) continue;
    if (data.readUInt32LE(p + HEADER) !== len || data[p + HEADER + len - 1] !== 0) continue;
    if ('doc' in recordAt(data, p)) return p;
  }
  return undefined;
}

function readFile(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function readJournal(file: string): JournalReadResult {
  const data = readFile(file);
  if (!data) return { records: [], validLength: 0, fileLength: 0 };
  const records: Document[] = [];
  let off = 0;
  while (off < data.length) {
    const r = recordAt(data, off);
    if ('problem' in r)
      return {
        records,
        validLength: off,
        fileLength: data.length,
        problem: r.problem,
        readableAfter: nextReadable(data, off + 1),
      };
    records.push(r.doc);
    off = r.end;
  }
  return { records, validLength: off, fileLength: data.length };
}

export interface RepairReport {
  kept: number;
  /** Byte ranges that held no readable record, with the reason the first record there failed. */
  dropped: { offset: number; bytes: number; problem: string }[];
  backup: string;
}

/**
 * Keeps every readable record of a damaged journal: copies the file aside first, then rewrites it atomically
 * with the records found by skipping each unreadable range to the next valid record.
 */
export function repairJournal(dir: string, now = new Date()): RepairReport {
  const file = path.join(dir, JOURNAL_FILE);
  const data = readFile(file) ?? Buffer.alloc(0);
  const backup = `${file}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
  fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  const kept: Buffer[] = [];
  const dropped: RepairReport['dropped'] = [];
  let off = 0;
  while (off < data.length) {
    const r = recordAt(data, off);
    if ('doc' in r) {
      kept.push(data.subarray(off, r.end));
      off = r.end;
      continue;
    }
    const next = nextReadable(data, off + 1) ?? data.length;
    dropped.push({ offset: off, bytes: next - off, problem: r.problem });
    off = next;
  }
  const tmp = `${file}.repair`;
  fs.writeFileSync(tmp, Buffer.concat(kept));
  const fd = fs.openSync(tmp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(dir);
  return { kept: kept.length, dropped, backup };
}

export class Journal {
  private fd: number;
  private pending: Buffer[] = [];
  private waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;
  private closed = false;
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, JOURNAL_FILE);
    this.fd = fs.openSync(this.file, 'a');
  }

  append(payload: Document): void {
    if (this.closed) throw new Error('journal closed');
    const rec = encodeRecord(payload);
    this.pending.push(rec);
    this.appendedBytes += rec.length;
  }

  get hasPending(): boolean {
    return this.pending.length > 0 || this.flushing;
  }

  /** Resolves once every record appended before the call is on disk. */
  flush(): Promise<void> {
    if (!this.pending.length && !this.flushing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      void this.loop();
    });
  }

  private async loop(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.pending.length || this.waiters.length) {
        const batch = this.pending;
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          if (batch.length) {
            const buf = batch.length === 1 ? batch[0]! : Buffer.concat(batch);
            // Into the page cache at once (a copy, no disk wait): one thread-pool trip per batch, the fdatasync.
            writeAllSync(this.fd, buf);
            await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
          }
          for (const w of waiters) w.resolve();
        } catch (e) {
          for (const w of waiters) w.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Bytes appended since the last compaction, and the size of the last compacted file. */
  appendedBytes = 0;
  compactedBytes = 0;

  /**
   * Atomically replaces the journal with the given records (temp file, fsync, rename, fsync dir).
   * `records` is read synchronously after in-flight writes drained, so it already contains every pending
   * record's effect: those are dropped instead of being appended after the snapshot.
   */
  async compact(records: () => Iterable<Document>): Promise<void> {
    while (this.flushing || this.waiters.length) await this.flush();
    const tmp = `${this.file}.compact`;
    const fd = fs.openSync(tmp, 'w');
    let total = 0;
    try {
      let chunk: Buffer[] = [];
      let size = 0;
      for (const r of records()) {
        const b = encodeRecord(r);
        chunk.push(b);
        size += b.length;
        if (size > 4 << 20) {
          fs.writeSync(fd, Buffer.concat(chunk));
          total += size;
          chunk = [];
          size = 0;
        }
      }
      if (chunk.length) fs.writeSync(fd, Buffer.concat(chunk));
      total += size;
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    syncDir(this.dir);
    this.fd = fs.openSync(this.file, 'a');
    this.pending = [];
    this.appendedBytes = 0;
    this.compactedBytes = total;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    fs.closeSync(this.fd);
  }
}

function writeAllSync(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off, null);
}

export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename itself is still atomic.
  }
}

/** Cuts a torn tail off so later appends start on a record boundary. */
export function truncateJournal(file: string, length: number): void {
  fs.truncateSync(file, length);
}
