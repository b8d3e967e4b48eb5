import type { CombinedError } from '@urql/core';
import { ERROR_CODES, errorMessage, type ErrorCode, type FieldIssue, type Locale } from '@promesse/shared';

/** What a screen needs to tell the user about a failed operation. */
export interface UserFacingError {
  code: ErrorCode | 'NETWORK';
  /** Generic, translated message for the code. */
  message: string;
  /** The API's own message when it is meant for users (coded, unmasked errors are written in French). */
  detail: string | null;
  /** Per-field messages of BAD_USER_INPUT, keyed by dotted path (`location.lat`). */
  fieldIssues: Record<string, string>;
}

const NETWORK_MESSAGES: { readonly [L in Locale]: string } = {
  fr: 'Impossible de joindre le serveur. Vérifiez votre connexion puis réessayez.',
  en: 'The server cannot be reached. Check your connection and try again.',
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isCombinedError(error: unknown): error is CombinedError {
  return typeof error === 'object' && error !== null && 'graphQLErrors' in error && 'networkError' in error;
}

/** `extensions.code` of the first GraphQL error, or NETWORK when the request never got a GraphQL answer. */
export function errorCodeOf(error: unknown): ErrorCode | 'NETWORK' {
  if (!isCombinedError(error)) return 'INTERNAL_SERVER_ERROR';
  const code = error.graphQLErrors[0]?.extensions?.['code'];
  if (isErrorCode(code)) return code;
  if (error.networkError && error.graphQLErrors.length === 0) return 'NETWORK';
  return 'INTERNAL_SERVER_ERROR';
}

function fieldIssuesOf(error: CombinedError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const gqlError of error.graphQLErrors) {
    const issues = gqlError.extensions?.['fieldIssues'];
    if (!Array.isArray(issues)) continue;
    for (const issue of issues as FieldIssue[]) {
      if (typeof issue?.path === 'string' && typeof issue.message === 'string' && !(issue.path in out)) {
        out[issue.path] = issue.message;
      }
    }
  }
  return out;
}

/** Maps any error thrown or returned by the GraphQL client to messages for the user, in `locale`. */
export function toUserFacingError(error: unknown, locale: Locale = 'fr'): UserFacingError {
  const code = errorCodeOf(error);
  if (code === 'NETWORK') return { code, message: NETWORK_MESSAGES[locale], detail: null, fieldIssues: {} };
  const combined = isCombinedError(error) ? error : null;
  // Masked errors (INTERNAL_SERVER_ERROR) carry nothing useful; coded ones carry a French, user-facing message.
  const serverMessage = combined?.graphQLErrors[0]?.message ?? null;
  const detail = code !== 'INTERNAL_SERVER_ERROR' && locale === 'fr' ? serverMessage : null;
  return {
    code,
    message: errorMessage(code, locale),
    detail,
    fieldIssues: combined ? fieldIssuesOf(combined) : {},
  };
}
