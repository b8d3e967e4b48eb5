import type { CombinedError } from '@urql/core';
import {
  ERROR_CODES,
  errorMessage,
  isMessageKey,
  renderMessage,
  type ErrorCode,
  type FieldIssue,
  type Locale,
  type MessageParams,
} from '@promesse/shared';

/** What a screen needs to tell the user about a failed operation. */
export interface UserFacingError {
  code: ErrorCode | 'NETWORK';
  /** Generic, translated message for the code. */
  message: string;
  /** What exactly went wrong, from the API's `extensions.reason` and `params`, worded in the UI language. */
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

/** Params as the API sends them (JSON): only the scalar values a message can interpolate. */
function paramsOf(value: unknown): MessageParams {
  if (typeof value !== 'object' || value === null) return {};
  const scalar = (v: unknown): v is string | number | boolean =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  return Object.fromEntries(Object.entries(value).filter(([, v]) => scalar(v)));
}

/**
 * The reason of the first GraphQL error in `locale`: the API sends the catalog key and its params beside its own
 * text, so the sentence follows the UI language even when the language changes after the request.
 */
function reasonText(error: CombinedError, locale: Locale): string | null {
  const extensions = error.graphQLErrors[0]?.extensions;
  const reason = extensions?.['reason'];
  if (typeof reason !== 'string' || !isMessageKey(reason)) return null;
  return renderMessage(reason, paramsOf(extensions?.['params']), locale);
}

/** Maps any error thrown or returned by the GraphQL client to messages for the user, in `locale`. */
export function toUserFacingError(error: unknown, locale: Locale = 'fr'): UserFacingError {
  const code = errorCodeOf(error);
  if (code === 'NETWORK') return { code, message: NETWORK_MESSAGES[locale], detail: null, fieldIssues: {} };
  const combined = isCombinedError(error) ? error : null;
  // Masked errors (INTERNAL_SERVER_ERROR) carry nothing useful; without a reason the code's generic text is shown.
  const detail = combined && code !== 'INTERNAL_SERVER_ERROR' ? reasonText(combined, locale) : null;
  return {
    code,
    message: errorMessage(code, locale),
    detail,
    // Field messages come as the API wrote them: in the request's language, which the client sends (Accept-Language).
    fieldIssues: combined ? fieldIssuesOf(combined) : {},
  };
}
