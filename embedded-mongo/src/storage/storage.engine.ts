// The storage engine: databases, collections, MVCC-light snapshots for transactions, journal and change log.
import { Long, Timestamp, UUID, type Document } from 'bson';
import { createCollectionIndexes } from '../indexes/index';
import { DuplicateKeyError, type CollectionIndexes, type IndexSpec } from '../indexes/types';
import { ChangeLog, type ChangeRecord, type OperationType } from '../changestreams/changestream.log';
import { MongoCommandError, writeConflict } from '../errors.command';
import type { PendingWrite, Transaction, WriteKind } from '../txn/txn.transaction';
import { Journal, readJournal, truncateJournal, JOURNAL_FILE, type JournalReadResult } from './storage.journal';
import { DirLock } from './storage.lock';
import { recordIdOf, valuesEqual } from './bson.values';
import fs from 'node:fs';
import path from 'node:path';

/** A bad record with readable records after it: starting would lose acknowledged writes, so the engine refuses. */
export class JournalCorruptError extends Error {
  readonly code = 'EMONGO_JOURNAL_CORRUPT';
  constructor(dir: string, res: JournalReadResult) {
    const file = path.join(path.resolve(dir), JOURNAL_FILE);
    super(
      `journal ${file} is corrupt in the middle (${res.problem}; readable records follow at offset ${res.readableAfter} ` +
        `of ${res.fileLength} bytes). Refusing to start: nothing was changed. To recover every readable record, run ` +
        `\`npx embedded-mongo repair --dbpath ${path.resolve(dir)}\` (it keeps a copy of the damaged file and reports what it drops).`,
    );
  }
}

export interface StoredDoc {
  doc: Document;
  seq: number;
  /** The mingo-facing form (viewOf), cached by a full scan that tests every document. */
  view?: Document;
}

interface HistoryEntry {
  doc: Document | null;
  from: number;
  to: number;
}

export class Collection {
  readonly docs = new Map<string, StoredDoc>();
  /** Superseded versions kept only while a transaction snapshot may still need them. */
  readonly history = new Map<string, HistoryEntry[]>();
  readonly indexes: CollectionIndexes;
  uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
    public options: Document = {},
  ) {
    this.indexes = createCollectionIndexes(`${db}.${name}`);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }
}

export interface WriteMeta {
  lsid?: Document;
  txnNumber?: unknown;
}

/** The answer to a session's last retryable write, kept in the journal so a retry after a restart gets it too. */
export interface RetryRecord {
  lsid: Document;
  txnNumber: bigint;
  reply: Document;
  at: Date;
}

/** How long a retryable write's answer is kept (mongod keeps it for the session's 30-minute lifetime). */
const RETRY_MEMORY_MS = 30 * 60_000;

export interface EngineOptions {
  dbPath?: string;
  onWarning?: (msg: string) => void;
  /** Journal growth that triggers a background compaction (default 64 MB). */
  compactThresholdBytes?: number;
}

const VALID_NAME = /^[^\0$]*$/;

export class Engine {
  readonly dbs = new Map<string, Map<string, Collection>>();
  readonly changes = new ChangeLog();
  /** Commit sequence: bumped by every committed write, used as the snapshot id. */
  seq = 0;
  readonly activeTxns = new Set<Transaction>();
  /** "ns\0rid" -> transaction holding an uncommitted write on that record. */
  readonly locks = new Map<string, Transaction>();
  journal: Journal | null = null;
  private lock: DirLock | null = null;
  private lastT = 0;
  private lastI = 0;
  private replaying = false;
  readonly startedAt = new Date();
  /** Session key -> answer of its last retryable write (journaled engines only; see rememberRetry). */
  readonly retries = new Map<string, RetryRecord>();

  constructor(readonly options: EngineOptions = {}) {}

  warn(msg: string): void {
    (this.options.onWarning ?? ((m: string) => console.warn(`[embedded-mongo] ${m}`)))(msg);
  }

  // ---------- startup / shutdown ----------

  async open(): Promise<void> {
    const dir = this.options.dbPath;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    // Before anything else reads or writes the directory: a second process must touch nothing.
    this.lock = DirLock.acquire(dir);
    try {
      this.load(dir);
      this.journal = new Journal(dir);
      await this.compact();
    } catch (e) {
      this.lock.release();
      this.lock = null;
      throw e;
    }
  }

  private load(dir: string): void {
    const file = path.join(dir, JOURNAL_FILE);
    const res = readJournal(file);
    if (res.problem && res.readableAfter !== undefined) throw new JournalCorruptError(dir, res);
    fs.rmSync(`${file}.compact`, { force: true });
    if (res.problem) {
      this.warn(
        `journal ${file}: torn tail (${res.problem}); discarding ${res.fileLength - res.validLength} trailing bytes (unacknowledged writes)`,
      );
      truncateJournal(file, res.validLength);
    }
    this.replaying = true;
    try {
      for (const r of res.records) {
        try {
          this.replay(r);
        } catch (e) {
          this.warn(`journal replay: skipped record ${JSON.stringify(r.o)}: ${(e as Error).message}`);
        }
      }
    } finally {
      this.replaying = false;
    }
  }

  private compacting: Promise<void> | null = null;

  async compact(): Promise<void> {
    if (!this.journal) return;
    const j = this.journal;
    this.compacting ??= j.compact(() => this.snapshotRecords()).finally(() => (this.compacting = null));
    await this.compacting;
  }

  async flush(): Promise<void> {
    const j = this.journal;
    if (!j) return;
    await j.flush();
    // A long-running server rewrites its journal once it is mostly superseded versions.
    if (!this.compacting && j.appendedBytes > Math.max(this.compactThresholdBytes, 2 * j.compactedBytes)) {
      void this.compact().catch((e) => this.warn(`journal compaction failed: ${(e as Error).message}`));
    }
  }

  /** Minimum growth of the journal before a background compaction (default 64 MB). */
  get compactThresholdBytes(): number {
    return this.options.compactThresholdBytes ?? 64 << 20;
  }

  async close(): Promise<void> {
    if (!this.journal) return;
    try {
      await this.compact();
      await this.journal.close();
    } finally {
      this.journal = null;
      this.lock?.release();
      this.lock = null;
    }
  }

  private *snapshotRecords(): Generator<Document> {
    for (const [db, colls] of this.dbs) {
      for (const [name, c] of colls) {
        const ns = `${db}.${name}`;
        yield { o: 'cc', ns, opts: c.options };
        for (const s of c.docs.values()) yield { o: 'p', ns, d: s.doc };
        for (const spec of c.indexes.list()) if (spec.name !== '_id_') yield { o: 'ci', ns, spec };
      }
    }
    const oldest = Date.now() - RETRY_MEMORY_MS;
    for (const [k, r] of this.retries) if (r.at.getTime() >= oldest) yield retryRecord(k, r);
  }

  /**
   * Journals the answer to a retryable write (lsid + txnNumber outside a transaction), in the same group commit
   * as the write itself: after a restart, the driver's retry is answered with it instead of being applied again.
   */
  rememberRetry(key: string, lsid: Document, txnNumber: bigint, reply: Document): void {
    if (!this.journal) return; // in memory the session itself remembers (nothing survives a restart anyway)
    const r: RetryRecord = { lsid, txnNumber, reply, at: new Date() };
    this.retries.set(key, r);
    this.log(retryRecord(key, r));
    if (this.retries.size > 10_000) {
      const oldest = Date.now() - RETRY_MEMORY_MS;
      for (const [k, x] of this.retries) if (x.at.getTime() < oldest) this.retries.delete(k);
    }
  }

  private replay(r: Document): void {
    const ns = r.ns as string;
    switch (r.o) {
      case 'cc': {
        const [db, coll] = splitNs(ns);
        if (!this.getCollection(db, coll)) this.ensureCollection(db, coll, r.opts ?? {});
        break;
      }
      case 'p': {
        const [db, coll] = splitNs(ns);
        const c = this.ensureCollection(db, coll);
        const rid = recordIdOf(r.d._id);
        const old = c.docs.get(rid)?.doc;
        c.indexes.apply(rid, old, r.d);
        c.docs.set(rid, { doc: r.d, seq: 0 });
        break;
      }
      case 'r': {
        const [db, coll] = splitNs(ns);
        const c = this.getCollection(db, coll);
        const rid = recordIdOf(r.id);
        const old = c?.docs.get(rid);
        if (c && old) {
          c.indexes.apply(rid, old.doc, undefined);
          c.docs.delete(rid);
        }
        break;
      }
      case 'ci': {
        const [db, coll] = splitNs(ns);
        const c = this.ensureCollection(db, coll);
        c.indexes.create(r.spec as IndexSpec, docEntries(c));
        break;
      }
      case 'di': {
        const [db, coll] = splitNs(ns);
        const c = this.getCollection(db, coll);
        if (c) {
          if (r.name === '*') c.indexes.dropAll();
          else c.indexes.drop(r.name);
        }
        break;
      }
      case 'dc': {
        const [db, coll] = splitNs(ns);
        this.dbs.get(db)?.delete(coll);
        break;
      }
      case 'dd':
        this.dbs.delete(r.db);
        break;
      case 'tx':
        for (const op of r.ops as Document[]) this.replay(op);
        break;
      case 'rw': {
        const at = r.at as Date;
        if (Date.now() - at.getTime() > RETRY_MEMORY_MS) break;
        const t = r.t as unknown;
        const txnNumber = t instanceof Long ? t.toBigInt() : BigInt(Number(t));
        this.retries.set(r.k as string, { lsid: r.lsid as Document, txnNumber, reply: r.r as Document, at });
        break;
      }
      default:
        throw new Error(`unknown journal record ${String(r.o)}`);
    }
  }

  private log(rec: Document): void {
    if (this.journal && !this.replaying) this.journal.append(rec);
  }

  // ---------- clock ----------

  nextClusterTime(): Timestamp {
    const t = Math.floor(Date.now() / 1000);
    if (t > this.lastT) {
      this.lastT = t;
      this.lastI = 1;
    } else this.lastI++;
    return new Timestamp({ t: this.lastT, i: this.lastI });
  }

  clusterTime(): Timestamp {
    if (!this.lastT) return this.nextClusterTime();
    return new Timestamp({ t: this.lastT, i: this.lastI });
  }

  // ---------- catalog ----------

  getCollection(db: string, name: string): Collection | undefined {
    return this.dbs.get(db)?.get(name);
  }

  ensureCollection(db: string, name: string, options: Document = {}): Collection {
    let colls = this.dbs.get(db);
    const existing = colls?.get(name);
    if (existing) return existing;
    validateNs(db, name);
    if (!colls) this.dbs.set(db, (colls = new Map()));
    const c = new Collection(db, name, options);
    colls.set(name, c);
    this.log({ o: 'cc', ns: c.ns, opts: options });
    return c;
  }

  createCollection(db: string, name: string, options: Document): Collection {
    if (this.getCollection(db, name)) throw new MongoCommandError(48, `Collection ${db}.${name} already exists.`);
    return this.ensureCollection(db, name, options);
  }

  dropCollection(db: string, name: string): boolean {
    const c = this.getCollection(db, name);
    if (!c) return false;
    this.abortTxnsTouching(c.ns);
    this.dbs.get(db)!.delete(name);
    if (this.dbs.get(db)!.size === 0) this.dbs.delete(db);
    this.log({ o: 'dc', ns: c.ns });
    this.seq++;
    this.emit({ db, coll: name, operationType: 'drop' });
    return true;
  }

  dropDatabase(db: string): void {
    const colls = this.dbs.get(db);
    if (!colls) return;
    for (const name of [...colls.keys()]) this.dropCollection(db, name);
    this.dbs.delete(db);
    this.log({ o: 'dd', db });
    this.emit({ db, operationType: 'dropDatabase' });
  }

  createIndex(c: Collection, spec: IndexSpec): boolean {
    const created = c.indexes.create(spec, docEntries(c));
    if (created) this.log({ o: 'ci', ns: c.ns, spec });
    return created;
  }

  dropIndex(c: Collection, name: string): void {
    if (name === '*') c.indexes.dropAll();
    else c.indexes.drop(name);
    this.log({ o: 'di', ns: c.ns, name });
  }

  // ---------- reads ----------

  /** The version of a record visible to `txn` (its own writes first, then its snapshot), or committed state. */
  visible(c: Collection, rid: string, txn?: Transaction): Document | undefined {
    if (txn) {
      const w = txn.pending(c.ns, rid);
      if (w) return w.doc ?? undefined;
      const cur = c.docs.get(rid);
      if (cur && cur.seq <= txn.snapshot) return cur.doc;
      const h = c.history.get(rid);
      if (h) for (const e of h) if (e.from <= txn.snapshot && txn.snapshot < e.to) return e.doc ?? undefined;
      return cur && !h ? cur.doc : undefined;
    }
    return c.docs.get(rid)?.doc;
  }

  /** Record ids that may be visible to `txn` in addition to the committed ones an index returns. */
  extraCandidates(c: Collection, txn?: Transaction): string[] {
    if (!txn) return [];
    const out = [...c.history.keys()];
    const own = txn.writes.get(c.ns);
    if (own) out.push(...own.keys());
    return out;
  }

  allRids(c: Collection, txn?: Transaction): Iterable<string> {
    if (!txn) return c.docs.keys();
    const set = new Set(c.docs.keys());
    for (const r of this.extraCandidates(c, txn)) set.add(r);
    return set;
  }

  // ---------- writes ----------

  /**
   * Applies one document write, either inside `txn` (buffered, conflict-checked) or committed at once.
   * `before` is the version the caller read (undefined for inserts).
   */
  write(
    c: Collection,
    rid: string,
    doc: Document | null,
    kind: WriteKind,
    before: Document | undefined,
    meta: WriteMeta,
    txn?: Transaction,
  ): void {
    if (txn) return this.writeInTxn(c, rid, doc, kind, before, txn);
    const cur = c.docs.get(rid);
    const old = cur?.doc;
    if (doc) c.indexes.check(rid, doc, old);
    const holder = this.locks.get(lockKey(c.ns, rid));
    if (holder) this.abortTxn(holder, true);
    const seq = ++this.seq;
    this.keepHistory(c, rid, cur, seq);
    c.indexes.apply(rid, old, doc ?? undefined);
    if (doc) {
      c.docs.set(rid, { doc, seq });
      this.log({ o: 'p', ns: c.ns, d: doc });
    } else {
      c.docs.delete(rid);
      this.log({ o: 'r', ns: c.ns, id: old?._id });
    }
    this.emitWrite(c, kind, old, doc, meta);
  }

  private keepHistory(c: Collection, rid: string, cur: StoredDoc | undefined, seq: number): void {
    if (!this.activeTxns.size) return;
    let h = c.history.get(rid);
    if (!h) c.history.set(rid, (h = []));
    h.push({ doc: cur?.doc ?? null, from: cur?.seq ?? 0, to: seq });
  }

  private writeInTxn(
    c: Collection,
    rid: string,
    doc: Document | null,
    kind: WriteKind,
    before: Document | undefined,
    txn: Transaction,
  ): void {
    this.assertTxnUsable(txn);
    const key = lockKey(c.ns, rid);
    const holder = this.locks.get(key);
    if ((holder && holder !== txn) || this.changedSince(c, rid, txn.snapshot)) {
      this.abortTxn(txn, true);
      throw writeConflict();
    }
    if (doc) this.checkUniqueInTxn(c, rid, doc, txn);
    this.locks.set(key, txn);
    txn.record({ ns: c.ns, rid, doc, before, kind });
  }

  /** A record committed by someone else after the snapshot was taken. */
  private changedSince(c: Collection, rid: string, snapshot: number): boolean {
    const cur = c.docs.get(rid);
    if (cur && cur.seq > snapshot) return true;
    const h = c.history.get(rid);
    return !!h && h.some((e) => e.to > snapshot);
  }

  private checkUniqueInTxn(c: Collection, rid: string, doc: Document, txn: Transaction): void {
    try {
      c.indexes.check(rid, doc, c.docs.get(rid)?.doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      // The committed clash may be a record this transaction already changed or removed.
      const clash = [...c.docs.entries()].find(
        ([r, s]) => r !== rid && Object.entries(e.keyValue).every(([k, v]) => valuesEqual(getPathValue(s.doc, k), v)),
      );
      if (!clash || (this.visible(c, clash[0], txn) && sameKey(this.visible(c, clash[0], txn)!, e.keyValue))) throw e;
    }
    // Clashes among the transaction's own pending documents.
    for (const spec of c.indexes.list()) {
      if (!spec.unique || spec.partialFilterExpression) continue;
      const fields = Object.keys(spec.key);
      const kv: Document = {};
      for (const f of fields) kv[f] = getPathValue(doc, f) ?? null;
      if (spec.sparse && fields.every((f) => getPathValue(doc, f) === undefined)) continue;
      const own = txn.writes.get(c.ns);
      if (!own) continue;
      for (const [r, w] of own) {
        if (r === rid || !w.doc) continue;
        if (sameKey(w.doc, kv)) throw new DuplicateKeyError(c.ns, spec.name, spec.key, kv);
      }
    }
  }

  assertTxnUsable(txn: Transaction): void {
    if (txn.conflicted) throw writeConflict();
    if (txn.state !== 'active')
      throw new MongoCommandError(251, `Transaction ${txn.txnNumber} has been ${txn.state}.`, {
        errorLabels: ['TransientTransactionError'],
      });
  }

  registerTxn(txn: Transaction): void {
    this.activeTxns.add(txn);
  }

  abortTxn(txn: Transaction, conflicted = false): void {
    if (txn.state !== 'active') return;
    txn.state = 'aborted';
    if (conflicted) txn.conflicted = true;
    this.releaseTxn(txn);
    // Collections the transaction implicitly created disappear with it (if nobody else wrote to them).
    for (const ns of txn.createdCollections) {
      const [db, name] = splitNs(ns);
      const c = this.getCollection(db, name);
      if (c && c.docs.size === 0 && c.indexes.list().length <= 1) {
        this.dbs.get(db)!.delete(name);
        if (this.dbs.get(db)!.size === 0) this.dbs.delete(db);
        this.log({ o: 'dc', ns });
      }
    }
  }

  private releaseTxn(txn: Transaction): void {
    for (const [ns, m] of txn.writes)
      for (const rid of m.keys()) {
        const k = lockKey(ns, rid);
        if (this.locks.get(k) === txn) this.locks.delete(k);
      }
    this.activeTxns.delete(txn);
    this.pruneHistory();
  }

  private abortTxnsTouching(ns: string): void {
    for (const t of [...this.activeTxns]) if (t.writes.has(ns)) this.abortTxn(t, true);
  }

  private pruneHistory(): void {
    let min = Infinity;
    for (const t of this.activeTxns) min = Math.min(min, t.snapshot);
    for (const colls of this.dbs.values())
      for (const c of colls.values()) {
        if (!c.history.size) continue;
        if (min === Infinity) c.history.clear();
        else
          for (const [rid, h] of c.history) {
            const keep = h.filter((e) => e.to > min);
            if (keep.length) c.history.set(rid, keep);
            else c.history.delete(rid);
          }
      }
  }

  /** Atomically applies a transaction's write set: all unique checks first, then one journal record. */
  commitTxn(txn: Transaction): void {
    this.assertTxnUsable(txn);
    const entries: { c: Collection; w: PendingWrite; old: Document | undefined; cur: StoredDoc | undefined }[] = [];
    for (const [ns, m] of txn.writes) {
      const [db, name] = splitNs(ns);
      const c = this.getCollection(db, name) ?? this.ensureCollection(db, name);
      for (const w of m.values()) {
        if (this.changedSince(c, w.rid, txn.snapshot)) {
          this.abortTxn(txn, true);
          throw writeConflict();
        }
        const cur = c.docs.get(w.rid);
        entries.push({ c, w, old: cur?.doc, cur });
      }
    }
    const applied: typeof entries = [];
    try {
      for (const e of entries) {
        if (e.w.doc) e.c.indexes.check(e.w.rid, e.w.doc, e.old);
        e.c.indexes.apply(e.w.rid, e.old, e.w.doc ?? undefined);
        applied.push(e);
      }
    } catch (err) {
      for (const e of applied.reverse()) e.c.indexes.apply(e.w.rid, e.w.doc ?? undefined, e.old);
      this.abortTxn(txn);
      throw err;
    }
    const seq = ++this.seq;
    const ops: Document[] = [];
    for (const e of entries) {
      this.keepHistory(e.c, e.w.rid, e.cur, seq);
      if (e.w.doc) {
        e.c.docs.set(e.w.rid, { doc: e.w.doc, seq });
        ops.push({ o: 'p', ns: e.c.ns, d: e.w.doc });
      } else if (e.cur) {
        e.c.docs.delete(e.w.rid);
        ops.push({ o: 'r', ns: e.c.ns, id: e.cur.doc._id });
      }
    }
    if (ops.length) this.log({ o: 'tx', ops });
    txn.state = 'committed';
    this.releaseTxn(txn);
    const meta = { lsid: txn.lsid, txnNumber: txn.txnNumber };
    const clusterTime = this.nextClusterTime();
    for (const w of txn.log) {
      const [db, name] = splitNs(w.ns);
      const c = this.getCollection(db, name);
      if (c) this.emitWrite(c, w.kind, w.before, w.doc, meta, clusterTime);
    }
  }

  // ---------- change events ----------

  private emitWrite(
    c: Collection,
    kind: WriteKind,
    before: Document | undefined,
    after: Document | null,
    meta: WriteMeta,
    clusterTime?: Timestamp,
  ): void {
    const id = (after ?? before)?._id;
    const ev: Omit<ChangeRecord, 'id' | 'clusterTime' | 'wallTime'> = {
      db: c.db,
      coll: c.name,
      operationType: kind as OperationType,
      documentKey: { _id: id },
      lsid: meta.lsid,
      txnNumber: meta.txnNumber,
    };
    if (kind === 'insert' || kind === 'replace') ev.fullDocument = after ?? undefined;
    // The update description is computed only if a change stream ever formats this event.
    if (kind === 'update' && before && after) ev.postImage = after;
    if (kind !== 'insert') ev.fullDocumentBeforeChange = before;
    this.emit(ev, clusterTime);
  }

  private emit(ev: Omit<ChangeRecord, 'id' | 'clusterTime' | 'wallTime'>, clusterTime?: Timestamp): void {
    if (this.replaying) return;
    this.changes.append({ ...ev, clusterTime: clusterTime ?? this.nextClusterTime(), wallTime: new Date() });
  }
}

function retryRecord(key: string, r: RetryRecord): Document {
  return { o: 'rw', k: key, lsid: r.lsid, t: Long.fromBigInt(r.txnNumber), r: r.reply, at: r.at };
}

export function lockKey(ns: string, rid: string): string {
  return `${ns}\0${rid}`;
}

export function splitNs(ns: string): [string, string] {
  const i = ns.indexOf('.');
  return [ns.slice(0, i), ns.slice(i + 1)];
}

function validateNs(db: string, name: string): void {
  if (!db || !VALID_NAME.test(db) || /[/\\. "]/.test(db))
    throw new MongoCommandError(73, `Invalid database name: '${db}'`);
  if (!name || !VALID_NAME.test(name) || name.startsWith('.') || name.endsWith('.'))
    throw new MongoCommandError(73, `Invalid collection name: ${name}`);
}

function* docEntries(c: Collection): Generator<[string, Document]> {
  for (const [rid, s] of c.docs) yield [rid, s.doc];
}

function getPathValue(doc: Document, path: string): unknown {
  let cur: unknown = doc;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function sameKey(doc: Document, kv: Document): boolean {
  return Object.entries(kv).every(([k, v]) => valuesEqual(getPathValue(doc, k) ?? null, v ?? null));
}
