// Shared argument parsing and result shaping for command handlers.
import { Long, ObjectId, type Document } from 'bson';
import { DuplicateKeyError } from '../indexes/types';
import { MongoCommandError, toCommandError } from '../errors.command';
import type { CommandContext } from './command.context';
import type { Collection } from '../storage/storage.engine';
import { StaticCursor, toLong } from '../cursors/cursor.registry';

export function collectionName(ctx: CommandContext, field = ctx.name): string {
  const v = ctx.cmd[field];
  if (typeof v !== 'string' || !v)
    throw new MongoCommandError(73, `collection name has invalid type ${v === undefined ? 'missing' : typeof v}`);
  return v;
}

export function optDoc(ctx: CommandContext, field: string): Document | undefined {
  const v = ctx.cmd[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    throw new MongoCommandError(
      14,
      `BSON field '${ctx.name}.${field}' is the wrong type '${Array.isArray(v) ? 'array' : typeof v}', expected type 'object'`,
    );
  return v as Document;
}

export function optInt(ctx: CommandContext, field: string): number | undefined {
  const v = ctx.cmd[field];
  if (v === undefined || v === null) return undefined;
  const n = v instanceof Long ? v.toNumber() : v;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new MongoCommandError(
      14,
      `BSON field '${ctx.name}.${field}' is the wrong type '${typeof v}', expected types '[long, int, decimal, double]'`,
    );
  return Math.trunc(n);
}

export function optArray(ctx: CommandContext, field: string): Document[] {
  const v = ctx.cmd[field];
  if (v === undefined) return [];
  if (!Array.isArray(v))
    throw new MongoCommandError(
      14,
      `BSON field '${ctx.name}.${field}' is the wrong type '${typeof v}', expected type 'array'`,
    );
  return v as Document[];
}

export function getColl(ctx: CommandContext, name: string): Collection | undefined {
  return ctx.state.engine.getCollection(ctx.db, name);
}

/** mongod's wording: E11000 duplicate key error collection: db.c index: email_1 dup key: { email: "a" } */
export function duplicateKeyMessage(e: DuplicateKeyError): string {
  const fmt = (v: unknown): string => {
    if (typeof v === 'string') return JSON.stringify(v);
    if (v === null || v === undefined) return 'null';
    if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
    if (v instanceof Date) return `new Date(${v.getTime()})`;
    if (Array.isArray(v)) return `[ ${v.map(fmt).join(', ')} ]`;
    if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
      return `{ ${Object.entries(v as Document)
        .map(([k, x]) => `${k}: ${fmt(x)}`)
        .join(', ')} }`;
    return String(v);
  };
  return `E11000 duplicate key error collection: ${e.ns} index: ${e.indexName} dup key: ${fmt(e.keyValue)}`;
}

export function writeErrorOf(index: number, e: unknown): Document {
  if (e instanceof DuplicateKeyError)
    return { index, code: 11000, errmsg: duplicateKeyMessage(e), keyPattern: e.keyPattern, keyValue: e.keyValue };
  const err = toCommandError(e);
  return { index, code: err.code, errmsg: err.message };
}

/** Errors that abort the whole command (and the transaction) rather than becoming a writeError. */
export function isFatalWriteError(e: unknown): boolean {
  const code = (e as { code?: number }).code;
  // 50: an interrupted write (MaxTimeMSExpired) fails the whole command, as in mongod.
  return code === 112 || code === 251 || code === 225 || code === 256 || code === 50;
}

export function cursorReply(
  ctx: CommandContext,
  ns: string,
  docs: Document[],
  batchSize: number | undefined,
  single = false,
): Document {
  const { cursors } = ctx.state;
  const id = cursors.newId();
  const cur = new StaticCursor(id, ns, docs, ctx.sessionKey, ctx.cmd.noCursorTimeout === true);
  const batch = cur.next(batchSize ?? 101);
  let cursorId = 0n;
  if (!batch.exhausted && !single) {
    cursors.add(cur);
    cursorId = id;
  }
  return { cursor: { firstBatch: batch.docs, id: toLong(cursorId), ns }, ok: 1 };
}
