// In-memory oplog-like ring of change events, with waiters for awaitData getMores.
import { Timestamp, type Document } from 'bson';

export type OperationType =
  'insert' | 'update' | 'replace' | 'delete' | 'drop' | 'dropDatabase' | 'rename' | 'invalidate';

export interface ChangeRecord {
  id: number;
  clusterTime: Timestamp;
  wallTime: Date;
  db: string;
  coll?: string;
  operationType: OperationType;
  documentKey?: Document;
  fullDocument?: Document;
  fullDocumentBeforeChange?: Document;
  updateDescription?: {
    updatedFields: Document;
    removedFields: string[];
    truncatedArrays: { field: string; newSize: number }[];
  };
  /** For updates: the new version, diffed against fullDocumentBeforeChange on demand. */
  postImage?: Document;
  lsid?: Document;
  txnNumber?: unknown;
}

export function resumeTokenFor(id: number): Document {
  return { _data: `82${id.toString(16).toUpperCase().padStart(16, '0')}` };
}

/** Returns the event id encoded in a resume token, or null when the token is not ours. */
export function parseResumeToken(token: unknown): number | null {
  const data = (token as { _data?: unknown } | null)?._data;
  if (typeof data !== 'string' || !/^82[0-9A-F]{16}$/i.test(data)) return null;
  return parseInt(data.slice(2), 16);
}

export class ChangeLog {
  private events: ChangeRecord[] = [];
  // Ids start from the clock (x1000), so a resume token from an earlier run of the engine (whose log is gone) is
  // older than this log and refused as history lost, instead of silently skipping this run's first events.
  private nextId = Date.now() * 1000 + 1;
  private waiters = new Set<() => void>();

  constructor(private readonly capacity = 50_000) {}

  get lastId(): number {
    return this.nextId - 1;
  }

  get oldestId(): number {
    return this.events[0]?.id ?? this.nextId;
  }

  append(ev: Omit<ChangeRecord, 'id'>): ChangeRecord {
    const rec = { ...ev, id: this.nextId++ } as ChangeRecord;
    this.events.push(rec);
    // Trim in chunks: splicing one element per append would copy the whole ring every time.
    if (this.events.length > this.capacity + (this.capacity >> 2))
      this.events.splice(0, this.events.length - this.capacity);
    if (this.waiters.size) for (const w of [...this.waiters]) w();
    return rec;
  }

  /** Events with id > afterId, in order. */
  since(afterId: number, limit = Infinity): ChangeRecord[] {
    const first = this.oldestId;
    const start = Math.max(0, afterId + 1 - first);
    return this.events.slice(start, start + (limit === Infinity ? this.events.length : limit));
  }

  /** First event at or after a cluster time. */
  firstIdAtOrAfter(ts: Timestamp): number {
    for (const e of this.events) if (e.clusterTime.compare(ts) >= 0) return e.id;
    return this.nextId;
  }

  wait(timeoutMs: number, signal?: { cancelled: boolean; cancel?: () => void }): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
      if (signal) signal.cancel = done;
    });
  }

  wakeAll(): void {
    for (const w of [...this.waiters]) w();
  }
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/** updateDescription as mongod reports it (dotted paths for nested changes, truncatedArrays for shrunk arrays). */
export function diffDocs(
  before: Document,
  after: Document,
  equal: (a: unknown, b: unknown) => boolean,
): NonNullable<ChangeRecord['updateDescription']> {
  const updatedFields: Document = {};
  const removedFields: string[] = [];
  const truncatedArrays: { field: string; newSize: number }[] = [];
  const walk = (a: Record<string, unknown>, b: Record<string, unknown>, prefix: string) => {
    for (const k of Object.keys(b)) {
      const p = prefix + k;
      if (!(k in a)) {
        updatedFields[p] = b[k];
        continue;
      }
      const x = a[k];
      const y = b[k];
      if (isPlain(x) && isPlain(y)) walk(x, y, `${p}.`);
      else if (Array.isArray(x) && Array.isArray(y)) {
        const n = Math.min(x.length, y.length);
        let samePrefix = true;
        for (let i = 0; i < n && samePrefix; i++) if (!equal(x[i], y[i])) samePrefix = false;
        if (samePrefix) {
          if (y.length < x.length) truncatedArrays.push({ field: p, newSize: y.length });
          for (let i = x.length; i < y.length; i++) updatedFields[`${p}.${i}`] = y[i];
        } else updatedFields[p] = y;
      } else if (!equal(x, y)) updatedFields[p] = y;
    }
    for (const k of Object.keys(a)) if (!(k in b)) removedFields.push(prefix + k);
  };
  walk(before as Record<string, unknown>, after as Record<string, unknown>, '');
  return { updatedFields, removedFields, truncatedArrays };
}
