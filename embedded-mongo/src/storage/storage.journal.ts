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
  /** Byte offset of the first invalid record, when the tail was torn or corrupt. */
  validLength: number;
  fileLength: number;
  problem?: string;
}

export function readJournal(file: string): JournalReadResult {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validLength: 0, fileLength: 0 };
    throw e;
  }
  const records: Document[] = [];
  let off = 0;
  let problem: string | undefined;
  while (off < data.length) {
    if (data.length - off < HEADER) {
      problem = `truncated record header at offset ${off}`;
      break;
    }
    const len = data.readUInt32LE(off);
    const crc = data.readUInt32LE(off + 4);
    if (len < 5 || off + HEADER + len > data.length) {
      problem = `truncated record at offset ${off} (length ${len})`;
      break;
    }
    const body = data.subarray(off + HEADER, off + HEADER + len);
    if (zlib.crc32(body) !== crc) {
      problem = `checksum mismatch at offset ${off}`;
      break;
    }
    try {
      records.push(deserialize(body));
    } catch (e) {
      problem = `unreadable record at offset ${off}: ${(e as Error).message}`;
      break;
    }
    off += HEADER + len;
  }
  return { records, validLength: off, fileLength: data.length, problem };
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
            await writeAll(this.fd, buf);
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

function writeAll(fd: number, buf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number) => {
      fs.write(fd, buf, off, buf.length - off, null, (err, n) => {
        if (err) return reject(err);
        if (off + n < buf.length) step(off + n);
        else resolve();
      });
    };
    step(0);
  });
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
