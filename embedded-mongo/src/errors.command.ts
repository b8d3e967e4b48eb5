// MongoDB-style command errors: every failure a client can see carries code + codeName + errmsg.
import type { Document } from 'bson';

export const CODE_NAMES: Record<number, string> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  11: 'UserNotFound',
  14: 'TypeMismatch',
  17: 'ProtocolError',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  50: 'MaxTimeMSExpired',
  52: 'DollarPrefixedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  112: 'WriteConflict',
  115: 'CommandNotSupported',
  125: 'CommandFailed',
  136: 'CappedPositionLost',
  166: 'CommandNotSupportedOnView',
  168: 'InvalidPipelineOperator',
  225: 'TransactionTooOld',
  236: 'CursorKilled',
  244: 'TransactionTooLarge',
  251: 'NoSuchTransaction',
  256: 'TransactionCommitted',
  263: 'OperationNotSupportedInTransaction',
  280: 'ChangeStreamFatalError',
  286: 'ChangeStreamHistoryLost',
  291: 'NoQueryExecutionPlans',
  11000: 'DuplicateKey',
  16755: 'Location16755',
  17276: 'Location17276',
  40324: 'Location40324',
  40415: 'Location40415',
};

export class MongoCommandError extends Error {
  readonly codeName: string;
  constructor(
    readonly code: number,
    message: string,
    readonly extra: { errorLabels?: string[]; codeName?: string; [k: string]: unknown } = {},
  ) {
    super(message);
    this.codeName = extra.codeName ?? CODE_NAMES[code] ?? `Location${code}`;
  }

  toResponse(): Document {
    const { codeName: _c, ...rest } = this.extra;
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...rest };
  }
}

export const badValue = (msg: string) => new MongoCommandError(2, msg);
export const typeMismatch = (msg: string) => new MongoCommandError(14, msg);
export const writeConflict = () =>
  new MongoCommandError(
    112,
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    { errorLabels: ['TransientTransactionError'] },
  );

/** Turns anything thrown (including mingo's errors) into a MongoDB-shaped error. */
export function toCommandError(e: unknown): MongoCommandError {
  if (e instanceof MongoCommandError) return e;
  const err = e as { code?: unknown; message?: unknown; name?: unknown; constructor?: { name?: string } } | undefined;
  const message = String(err?.message ?? e);
  if (typeof err?.code === 'number' && err.code > 0) {
    const extra: Record<string, unknown> = {};
    for (const k of ['keyPattern', 'keyValue', 'codeName'] as const)
      if ((e as Record<string, unknown>)[k] !== undefined) extra[k] = (e as Record<string, unknown>)[k];
    return new MongoCommandError(err.code, message, extra);
  }
  let m: RegExpExecArray | null;
  if ((m = /unregistered pipeline operator (\$\w+)/.exec(message)))
    return new MongoCommandError(40324, `Unrecognized pipeline stage name: '${m[1]}'`);
  if ((m = /(?:accumulator|operator) '(\$\w+)' is not registered/.exec(message)))
    return new MongoCommandError(168, `Unrecognized expression '${m[1]}'`);
  if ((m = /unknown query operator (\$\w+)/.exec(message)))
    return new MongoCommandError(2, `unknown operator: ${m[1]}`);
  if ((m = /unknown top level operator:? (\$\w+)/.exec(message)))
    return new MongoCommandError(2, `unknown top level operator: ${m[1]}`);
  if (/Invalid regular expression/.test(message))
    return new MongoCommandError(51091, `Regular expression is invalid: ${message}`);
  const kind = err?.constructor?.name;
  // mingo and bad operator arguments surface as MingoError/TypeError/SyntaxError: the input was wrong.
  if (
    kind === 'MingoError' ||
    kind === 'TypeError' ||
    kind === 'SyntaxError' ||
    kind === 'RangeError' ||
    kind === 'BSONError'
  )
    return new MongoCommandError(2, message);
  return new MongoCommandError(1, message);
}
