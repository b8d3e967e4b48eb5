// Routes a command document to its handler, sets up session/transaction state and shapes errors.
import { Binary, Long, type Document } from 'bson';
import { MongoCommandError, toCommandError } from '../errors.command';
import type { CommandContext, CommandHandler, ConnectionInfo, ServerState } from './command.context';
import { adminCommands } from './admin.commands';
import { crudCommands } from './crud.commands';
import { catalogCommands } from './catalog.commands';
import { aggregateCommands } from './aggregate.commands';
import { txnCommands } from './txn.commands';
import { sessionKeyOf, type Session } from '../txn/session.registry';
import { plain } from '../storage/bson.values';
import { DEFAULT_MAX_TIME_MS, withTimeLimit } from '../storage/query.budget';

/**
 * Command arguments are compared and counted as plain numbers; only stored document payloads keep
 * Double/Long wrappers (insert documents, update statements' u, findAndModify's update).
 */
function normalizeCommand(cmd: Document): Document {
  const name = Object.keys(cmd)[0];
  const out: Document = {};
  for (const [k, v] of Object.entries(cmd)) {
    if (name === 'insert' && k === 'documents') out[k] = v;
    else if (name === 'update' && k === 'updates' && Array.isArray(v))
      out[k] = v.map((s) =>
        s && typeof s === 'object' && !Array.isArray(s) ? { ...plain(s), u: (s as Document).u } : s,
      );
    else if ((name === 'findAndModify' || name === 'findandmodify') && k === 'update') out[k] = v;
    else out[k] = plain(v);
  }
  return out;
}

const COMMANDS: Record<string, CommandHandler> = {
  ...adminCommands,
  ...crudCommands,
  ...catalogCommands,
  ...aggregateCommands,
  ...txnCommands,
};

/** Commands allowed to carry autocommit:false (everything else is refused inside a transaction). */
const TXN_COMMANDS = new Set([
  'find',
  'getMore',
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'aggregate',
  'distinct',
  'count',
  'commitTransaction',
  'abortTransaction',
  'killCursors',
  'create',
  'createIndexes',
  'bulkWrite',
]);

const ZERO_HASH = new Binary(Buffer.alloc(20));

export function findHandler(name: string): CommandHandler | undefined {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
}

export async function runCommand(
  state: ServerState,
  conn: ConnectionInfo,
  rawCmd: Document,
  dbOverride?: string,
): Promise<Document> {
  let res: Document;
  const cmd = normalizeCommand(rawCmd);
  const name = Object.keys(cmd)[0];
  const ctx: CommandContext = {
    state,
    conn,
    db: dbOverride ?? (typeof cmd.$db === 'string' ? cmd.$db : 'admin'),
    name: name ?? '',
    cmd,
    meta: {},
  };
  let settle: ((r: Document | undefined) => void) | undefined;
  try {
    if (!name)
      throw new MongoCommandError(59, 'no such command: empty command document', { codeName: 'CommandNotFound' });
    const handler = findHandler(name);
    if (!handler) throw new MongoCommandError(59, `no such command: '${name}'`);
    setupSession(ctx);
    const retry = retryableWrite(ctx);
    if (retry) {
      const earlier = retry.session.lastWrite;
      const first = earlier && earlier.txnNumber === retry.txnNumber ? await earlier.result : undefined;
      if (first) return stamp(state, { ...first });
      const result = new Promise<Document | undefined>((resolve) => (settle = resolve));
      retry.session.lastWrite = { txnNumber: retry.txnNumber, command: ctx.name, result };
    }
    const maxTimeMS = typeof cmd.maxTimeMS === 'number' ? cmd.maxTimeMS : undefined;
    if (maxTimeMS !== undefined && (!Number.isInteger(maxTimeMS) || maxTimeMS < 0))
      throw new MongoCommandError(2, `${maxTimeMS} value for maxTimeMS is out of range [0, 2147483647]`);
    // getMore's maxTimeMS is how long an awaitData cursor waits, not a budget.
    const budget = name === 'getMore' ? undefined : maxTimeMS;
    res = await withTimeLimit(budget, state.defaultMaxTimeMS ?? DEFAULT_MAX_TIME_MS, () => handler(ctx));
    if (res.ok === undefined) res.ok = 1;
  } catch (e) {
    const err = toCommandError(e);
    res = err.toResponse();
    if (ctx.txn && ctx.txn.state === 'active' && ctx.name !== 'commitTransaction' && ctx.name !== 'abortTransaction') {
      // A failed statement aborts the transaction, as in mongod.
      state.engine.abortTxn(ctx.txn);
    }
    if (ctx.txn && (err.code === 112 || err.code === 251) && ctx.name !== 'commitTransaction') {
      res.errorLabels = ['TransientTransactionError'];
    }
  }
  // The answer is journaled with the write (same group commit): a retry after a restart still gets it.
  if (settle && ctx.sessionKey && ctx.lsid && res.ok === 1) {
    const { cmd } = ctx;
    state.engine.rememberRetry(ctx.sessionKey, ctx.lsid, toBigInt(cmd.txnNumber), res);
  }
  try {
    await state.engine.flush();
  } catch (e) {
    res = new MongoCommandError(1, `journal write failed: ${(e as Error).message}`).toResponse();
  }
  // Durable now: a retry of this write gets this same answer.
  settle?.(res.ok === 1 ? { ...res } : undefined);
  return stamp(state, res);
}

function stamp(state: ServerState, res: Document): Document {
  const t = state.engine.clusterTime();
  res.$clusterTime = { clusterTime: t, signature: { hash: ZERO_HASH, keyId: Long.fromNumber(0) } };
  res.operationTime = t;
  return res;
}

const RETRYABLE_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

/** A write with lsid + txnNumber outside a transaction: the driver may send it again after a network error. */
function retryableWrite(ctx: CommandContext): { session: Session; txnNumber: bigint } | undefined {
  const { cmd } = ctx;
  if (!ctx.sessionKey || cmd.txnNumber === undefined || cmd.autocommit !== undefined) return undefined;
  if (!RETRYABLE_WRITES.has(ctx.name)) return undefined;
  const session = ctx.state.sessions.peek(ctx.sessionKey);
  return session ? { session, txnNumber: toBigInt(cmd.txnNumber) } : undefined;
}

function setupSession(ctx: CommandContext): void {
  const { cmd, state } = ctx;
  const lsid = cmd.lsid as Document | undefined;
  if (!lsid) return;
  const key = sessionKeyOf(lsid);
  if (!key) return;
  ctx.sessionKey = key;
  ctx.lsid = lsid;
  const session = state.sessions.get(key, lsid);
  if (cmd.txnNumber === undefined) return;
  const txnNumber = toBigInt(cmd.txnNumber);
  ctx.meta = { lsid, txnNumber };
  if (cmd.autocommit === undefined) {
    // Retryable write outside a transaction.
    if (txnNumber < session.txnNumber)
      throw new MongoCommandError(
        225,
        `Retryable write with txnNumber ${txnNumber} is prohibited on session ${key} because a newer retryable write with txnNumber ${session.txnNumber} has already started on this session.`,
      );
    session.txnNumber = txnNumber;
    ctx.meta = {};
    return;
  }
  if (cmd.autocommit !== false) throw new MongoCommandError(72, 'autocommit must be false when specified');
  if (!TXN_COMMANDS.has(ctx.name))
    throw new MongoCommandError(263, `Cannot run '${ctx.name}' in a multi-document transaction.`);
  ctx.txn = state.sessions.transactionFor(key, lsid, txnNumber, cmd.startTransaction === true, ctx.name);
  if (ctx.name !== 'commitTransaction' && ctx.name !== 'abortTransaction') state.engine.assertTxnUsable(ctx.txn);
}

function toBigInt(v: unknown): bigint {
  if (v instanceof Long) return v.toBigInt();
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'bigint') return v;
  throw new MongoCommandError(14, 'txnNumber must be a long');
}
