import type { z } from 'zod';
import type { MessageKey } from '../messages/messages.catalog';
import { isMessageKey, renderMessage, type MessageParams } from '../messages/messages.render';
import { ERROR_CODES, ERROR_HTTP_STATUS, type ErrorCode } from './errors.codes';

/** Any other string: accepted where a catalog key is expected, sent untranslated (keys still autocomplete). */
type LiteralMessage = string & Record<never, never>;

/** One invalid field: dotted path (`location.lat`, `skills.3`) and its message in the active locale. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** The catalog key the message was rendered from, sent as `extensions.reason` so clients word it themselves. */
  reason?: MessageKey;
  /** The values the message needs, sent as `extensions.params`. */
  params?: MessageParams;
  details?: Record<string, unknown>;
  fieldIssues?: FieldIssue[];
  cause?: unknown;
}

/**
 * An expected, user-facing error. The API turns it into a GraphQL error with `extensions.code`
 * (and `extensions.fieldIssues` / `extensions.details`); anything else is masked as INTERNAL_SERVER_ERROR.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly reason: MessageKey | undefined;
  readonly params: MessageParams | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly fieldIssues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = options.reason;
    this.params = options.params;
    this.details = options.details;
    this.fieldIssues = options.fieldIssues;
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  /** What the API puts in GraphQL `extensions`. */
  toExtensions(): {
    code: ErrorCode;
    reason?: MessageKey;
    params?: MessageParams;
    details?: Record<string, unknown>;
    retryAfterSeconds?: unknown;
    fieldIssues?: FieldIssue[];
  } {
    return {
      code: this.code,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.params ? { params: this.params } : {}),
      ...(this.details ? { details: this.details } : {}),
      // Throttles say when to come back at the top level too (clients read extensions.retryAfterSeconds).
      ...(typeof this.details?.['retryAfterSeconds'] === 'number'
        ? { retryAfterSeconds: this.details['retryAfterSeconds'] }
        : {}),
      ...(this.fieldIssues ? { fieldIssues: this.fieldIssues } : {}),
    };
  }
}

/** Works across duplicated module instances (bundles), where `instanceof` may not. */
export function isAppError(e: unknown): e is AppError {
  if (e instanceof AppError) return true;
  if (typeof e !== 'object' || e === null) return false;
  const x = e as { name?: unknown; code?: unknown };
  return x.name === 'AppError' && typeof x.code === 'string' && (ERROR_CODES as readonly string[]).includes(x.code);
}

/**
 * An AppError whose message is the catalog text of `key` in the active locale; the key and params travel with it.
 * `options.details` keeps machine-readable extras (ids, fields).
 */
export function appError(
  code: ErrorCode,
  key: MessageKey | LiteralMessage,
  params?: MessageParams,
  options: Omit<AppErrorOptions, 'reason' | 'params'> = {},
): AppError {
  // A text outside the catalog (a library's, a test's) is sent as it is, without a reason for clients to translate.
  if (!isMessageKey(key)) return new AppError(code, key, options);
  return new AppError(code, renderMessage(key, params), { ...options, reason: key, ...(params ? { params } : {}) });
}

export function unauthenticated(
  key: MessageKey | LiteralMessage = 'error.UNAUTHENTICATED',
  params?: MessageParams,
): AppError {
  return appError('UNAUTHENTICATED', key, params);
}

export function forbidden(key: MessageKey | LiteralMessage = 'error.FORBIDDEN', params?: MessageParams): AppError {
  return appError('FORBIDDEN', key, params);
}

/** `notFound('JobPromise', id)` -> "Promesse d’embauche introuvable", details `{ entity, id }`. */
export function notFound(entity: string, id?: string): AppError {
  const details = { entity, ...(id ? { id } : {}) };
  return isMessageKey(`entity.${entity}`)
    ? appError('NOT_FOUND', 'error.notFound', { entity }, { details })
    : appError('NOT_FOUND', 'error.notFoundNamed', { entity }, { details });
}

export function conflict(
  key: MessageKey | LiteralMessage,
  params?: MessageParams,
  details?: Record<string, unknown>,
): AppError {
  return appError('CONFLICT', key, params, { details });
}

export function tooManyRequests(
  key: MessageKey | LiteralMessage = 'error.TOO_MANY_REQUESTS',
  retryAfterSeconds?: number,
): AppError {
  return appError('TOO_MANY_REQUESTS', key, retryAfterSeconds === undefined ? undefined : { retryAfterSeconds }, {
    details: retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
  });
}

export function internalError(cause?: unknown): AppError {
  return appError('INTERNAL_SERVER_ERROR', 'error.INTERNAL_SERVER_ERROR', undefined, { cause });
}

/** BAD_USER_INPUT for one field, or for several with `fieldIssues`. */
export function badUserInput(
  key: MessageKey | LiteralMessage,
  params?: MessageParams,
  fieldIssues?: FieldIssue[],
): AppError {
  return appError('BAD_USER_INPUT', key, params, { fieldIssues });
}

/** Converts zod issues to `{ path: 'a.b.0', message }`. */
export function zodIssuesToFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** BAD_USER_INPUT from a failed zod parse; the message names the first invalid field. */
export function fromZodError(error: z.ZodError, prefix?: string): AppError {
  const fieldIssues = zodIssuesToFieldIssues(error).map((f) =>
    prefix ? { ...f, path: f.path ? `${prefix}.${f.path}` : prefix } : f,
  );
  const first = fieldIssues[0];
  if (!first) return appError('BAD_USER_INPUT', 'error.BAD_USER_INPUT', undefined, { fieldIssues });
  return first.path
    ? appError('BAD_USER_INPUT', 'error.invalidField', { path: first.path, message: first.message }, { fieldIssues })
    : new AppError('BAD_USER_INPUT', first.message, { fieldIssues });
}

/** Parses `input` with `schema` or throws BAD_USER_INPUT with field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
