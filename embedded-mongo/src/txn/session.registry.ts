// Logical sessions (lsid) and the transaction each one may have open.
import type { Document } from 'bson';
import { Binary } from 'bson';
import type { Engine } from '../storage/storage.engine';
import { Transaction } from './txn.transaction';
import { MongoCommandError } from '../errors.command';

/** The outcome of a retryable write (outside a transaction), to answer the driver's retry without re-applying it. */
export interface RememberedWrite {
  txnNumber: bigint;
  command: string;
  /** The response once it is durable; undefined when the command failed (a retry then runs it again). */
  result: Promise<Document | undefined>;
}

export class Session {
  txnNumber = -1n;
  txn?: Transaction;
  lastWrite?: RememberedWrite;
  lastUse = Date.now();
  constructor(
    readonly key: string,
    readonly lsid: Document,
  ) {}
}

export function sessionKeyOf(lsid: unknown): string | undefined {
  const id = (lsid as { id?: unknown } | undefined)?.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  if (id !== undefined) return String(id);
  return undefined;
}

export class SessionRegistry {
  private sessions = new Map<string, Session>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly onEnd: (key: string) => void,
    private readonly sessionTimeoutMs = 30 * 60_000,
    /** mongod's transactionLifetimeLimitSeconds default. */
    private readonly txnLifetimeMs = 60_000,
  ) {
    this.timer = setInterval(() => this.reap(), 5_000);
    this.timer.unref();
  }

  get(key: string, lsid: Document): Session {
    let s = this.sessions.get(key);
    if (!s) {
      this.sessions.set(key, (s = new Session(key, lsid)));
      // A session seen before a restart: its last retryable write is answered from the journal.
      const r = this.engine.retries.get(key);
      if (r) {
        s.txnNumber = r.txnNumber;
        s.lastWrite = { txnNumber: r.txnNumber, command: '', result: Promise.resolve(r.reply) };
      }
    }
    s.lastUse = Date.now();
    return s;
  }

  peek(key: string): Session | undefined {
    return this.sessions.get(key);
  }

  /** Resolves (or starts) the transaction a command belongs to. */
  transactionFor(key: string, lsid: Document, txnNumber: bigint, start: boolean, command: string): Transaction {
    const s = this.get(key, lsid);
    if (txnNumber < s.txnNumber)
      throw new MongoCommandError(
        225,
        `Cannot start transaction ${txnNumber} on session ${key} because a newer transaction ${s.txnNumber} has already started`,
      );
    if (start) {
      if (txnNumber === s.txnNumber && s.txn)
        throw new MongoCommandError(
          251,
          `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${s.txnNumber}`,
          { errorLabels: ['TransientTransactionError'] },
        );
      if (s.txn && s.txn.state === 'active') this.engine.abortTxn(s.txn);
      s.txnNumber = txnNumber;
      s.txn = new Transaction(key, txnNumber, this.engine.seq, lsid);
      this.engine.registerTxn(s.txn);
      return s.txn;
    }
    if (!s.txn || s.txnNumber !== txnNumber) {
      throw new MongoCommandError(251, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, {
        errorLabels: command === 'commitTransaction' ? [] : ['TransientTransactionError'],
      });
    }
    s.txn.lastUse = Date.now();
    return s.txn;
  }

  end(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    if (s.txn?.state === 'active') this.engine.abortTxn(s.txn);
    this.sessions.delete(key);
    this.onEnd(key);
  }

  endAll(): void {
    for (const k of [...this.sessions.keys()]) this.end(k);
  }

  reap(now = Date.now()): void {
    for (const s of [...this.sessions.values()]) {
      if (s.txn?.state === 'active' && now - s.txn.lastUse > this.txnLifetimeMs) this.engine.abortTxn(s.txn);
      if (now - s.lastUse > this.sessionTimeoutMs) this.end(s.key);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.endAll();
  }
}
