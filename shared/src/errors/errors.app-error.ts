import type { z } from 'zod';
import { ERROR_CODES, ERROR_HTTP_STATUS, type ErrorCode } from './errors.codes';

/** One invalid field: dotted path (`location.lat`, `skills.3`) and a French message. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorOptions {
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
  readonly details: Record<string, unknown> | undefined;
  readonly fieldIssues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.fieldIssues = options.fieldIssues;
  }

  get httpStatus(): number {
    return ERROR_HTTP_STATUS[this.code];
  }

  /** What the API puts in GraphQL `extensions`. */
  toExtensions(): { code: ErrorCode; details?: Record<string, unknown>; fieldIssues?: FieldIssue[] } {
    return {
      code: this.code,
      ...(this.details ? { details: this.details } : {}),
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

/** French names of the objects the API can fail to find. */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  User: 'Utilisateur',
  School: 'École',
  Company: 'Entreprise',
  Student: 'Élève',
  JobPromise: 'Promesse d’embauche',
  Application: 'Candidature',
  Recommendation: 'Recommandation',
  Partnership: 'Partenariat',
  Invitation: 'Invitation',
  Notification: 'Notification',
};

export function unauthenticated(message = 'Authentification requise'): AppError {
  return new AppError('UNAUTHENTICATED', message);
}

export function forbidden(message = 'Action non autorisée', details?: Record<string, unknown>): AppError {
  return new AppError('FORBIDDEN', message, { details });
}

/** `notFound('JobPromise', id)` -> "Promesse d’embauche introuvable", details `{ entity, id }`. */
export function notFound(entity: string, id?: string): AppError {
  const label = ENTITY_LABELS[entity] ?? entity;
  return new AppError('NOT_FOUND', `${label} introuvable`, { details: { entity, ...(id ? { id } : {}) } });
}

export function conflict(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', message, { details });
}

export function tooManyRequests(message = 'Trop de tentatives', retryAfterSeconds?: number): AppError {
  return new AppError('TOO_MANY_REQUESTS', message, {
    details: retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
  });
}

export function internalError(message = 'Erreur interne', cause?: unknown): AppError {
  return new AppError('INTERNAL_SERVER_ERROR', message, { cause });
}

/** BAD_USER_INPUT for one field, or for several with `fieldIssues`. */
export function badUserInput(message: string, fieldIssues?: FieldIssue[]): AppError {
  return new AppError('BAD_USER_INPUT', message, { fieldIssues });
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
  const message = first ? (first.path ? `${first.path} : ${first.message}` : first.message) : 'Données invalides';
  return new AppError('BAD_USER_INPUT', message, { fieldIssues });
}

/** Parses `input` with `schema` or throws BAD_USER_INPUT with field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, prefix);
  return result.data;
}
