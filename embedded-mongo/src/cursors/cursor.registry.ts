// Server-side cursors: materialized result sets (find/aggregate) and live change-stream cursors.
import { BSON, Long, type Document } from 'bson';
import { MongoCommandError } from '../errors.command';

export interface Batch {
  docs: Document[];
  exhausted: boolean;
  postBatchResumeToken?: Document;
}

export interface ServerCursor {
  id: bigint;
  ns: string;
  sessionKey?: string;
  lastUse: number;
  noTimeout?: boolean;
  next(batchSize: number | undefined, maxTimeMS: number | undefined): Promise<Batch> | Batch;
  close(): void;
}

/** Reply batches stay under 16 MB like mongod's. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024;

export class StaticCursor implements ServerCursor {
  lastUse = Date.now();
  private pos = 0;
  constructor(
    readonly id: bigint,
    readonly ns: string,
    private readonly docs: Document[],
    readonly sessionKey?: string,
    readonly noTimeout = false,
  ) {}

  next(batchSize: number | undefined): Batch {
    const out = takeBatch(this.docs, this.pos, batchSize);
    this.pos += out.length;
    return { docs: out, exhausted: this.pos >= this.docs.length };
  }

  close(): void {
    this.docs.length = 0;
  }
}

export function takeBatch(docs: Document[], from: number, batchSize: number | undefined): Document[] {
  const limit = batchSize && batchSize > 0 ? batchSize : Infinity;
  const out: Document[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && out.length < limit; i++) {
    const d = docs[i]!;
    bytes += BSON.calculateObjectSize(d);
    if (out.length && bytes > MAX_BATCH_BYTES) break;
    out.push(d);
  }
  return out;
}

export class CursorRegistry {
  private cursors = new Map<bigint, ServerCursor>();
  private nextId = BigInt(Date.now()) * 1000n + 1n;
  private timer: NodeJS.Timeout;

  constructor(private readonly idleTimeoutMs = 10 * 60_000) {
    this.timer = setInterval(() => this.reap(), Math.min(60_000, idleTimeoutMs));
    this.timer.unref();
  }

  newId(): bigint {
    return this.nextId++;
  }

  add(c: ServerCursor): void {
    this.cursors.set(c.id, c);
  }

  get(id: bigint, ns?: string): ServerCursor {
    const c = this.cursors.get(id);
    if (!c) throw new MongoCommandError(43, `cursor id ${id} not found`);
    if (ns && c.ns !== ns)
      throw new MongoCommandError(
        13,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`,
        { codeName: 'Unauthorized' },
      );
    c.lastUse = Date.now();
    return c;
  }

  kill(id: bigint): boolean {
    const c = this.cursors.get(id);
    if (!c) return false;
    c.close();
    this.cursors.delete(id);
    return true;
  }

  killSession(sessionKey: string): void {
    for (const c of [...this.cursors.values()]) if (c.sessionKey === sessionKey) this.kill(c.id);
  }

  reap(now = Date.now()): void {
    for (const c of [...this.cursors.values()])
      if (!c.noTimeout && now - c.lastUse > this.idleTimeoutMs) this.kill(c.id);
  }

  get size(): number {
    return this.cursors.size;
  }

  closeAll(): void {
    clearInterval(this.timer);
    for (const id of [...this.cursors.keys()]) this.kill(id);
  }
}

export const toLong = (id: bigint) => Long.fromBigInt(id);

export function cursorIdOf(v: unknown): bigint {
  if (v instanceof Long) return v.toBigInt();
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  throw new MongoCommandError(14, "BSON field 'getMore' is the wrong type, expected type 'long'");
}
