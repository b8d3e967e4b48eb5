// A multi-document transaction: a snapshot sequence number plus a private write set applied at commit.
import type { Document } from 'bson';

export type WriteKind = 'insert' | 'update' | 'replace' | 'delete';

export interface PendingWrite {
  ns: string;
  rid: string;
  /** New version; null = deleted. */
  doc: Document | null;
  /** Version visible to the transaction before its first write to this record. */
  before: Document | undefined;
  kind: WriteKind;
}

export type TxnState = 'active' | 'committed' | 'aborted';

export class Transaction {
  state: TxnState = 'active';
  /** Set when a concurrent write made this transaction unable to commit. */
  conflicted = false;
  readonly writes = new Map<string, Map<string, PendingWrite>>();
  /** Change events in write order (one per write, later writes to the same record collapse at commit). */
  readonly log: PendingWrite[] = [];
  readonly createdCollections = new Set<string>();
  lastUse = Date.now();

  constructor(
    readonly sessionKey: string,
    readonly txnNumber: bigint,
    readonly snapshot: number,
    readonly lsid: Document,
  ) {}

  pending(ns: string, rid: string): PendingWrite | undefined {
    return this.writes.get(ns)?.get(rid);
  }

  record(w: PendingWrite): void {
    let m = this.writes.get(w.ns);
    if (!m) this.writes.set(w.ns, (m = new Map()));
    const prev = m.get(w.rid);
    // Keep the pre-transaction image and collapse the kind so commit emits one event per record.
    const merged: PendingWrite = prev
      ? { ...w, before: prev.before, kind: collapseKind(prev.kind, w.kind, prev.before) }
      : w;
    m.set(w.rid, merged);
    this.log.push(w);
  }
}

function collapseKind(prev: WriteKind, next: WriteKind, before: Document | undefined): WriteKind {
  if (next === 'delete') return 'delete';
  if (!before) return 'insert';
  if (prev === 'replace' || next === 'replace') return 'replace';
  return 'update';
}
