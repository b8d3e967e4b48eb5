import type { ZodError } from 'zod';
import type { Locale } from '@promesse/shared';
import { toUserFacingError } from '../lib/errors/errors.map';

/** Messages keyed by dotted field path (`location.lat`), as the shared schemas and the API's fieldIssues name them. */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * The first message of each path, also keyed under each parent (`location.lat` as `location`, `skills.2` as
 * `skills`), so a field shows the errors of its parts. Issues of the whole input (empty path) are left out: they
 * are not tied to a field.
 */
function byPathAndParents(issues: Iterable<readonly [path: string, message: string]>): FieldErrors {
  const out: Record<string, string> = {};
  for (const [path, message] of issues) {
    const parts = path.split('.').filter(Boolean);
    for (let i = parts.length; i > 0; i--) {
      const key = parts.slice(0, i).join('.');
      if (!(key in out)) out[key] = message;
    }
  }
  return out;
}

/** Field messages of a failed parse of a shared zod schema, plus the message of an issue of the whole input. */
export function zodErrors(error: ZodError): { fields: FieldErrors; form: string | null } {
  const fields = byPathAndParents(error.issues.map((i) => [i.path.map(String).join('.'), i.message] as const));
  const form = error.issues.find((i) => i.path.length === 0)?.message ?? null;
  return { fields, form };
}

/** The text to show for a failed operation: the API's own message when it is meant for users, else the code's. */
export function errorText(error: unknown, locale: Locale): string {
  const mapped = toUserFacingError(error, locale);
  return mapped.detail ?? mapped.message;
}

/** Field messages (the API's `fieldIssues`) and a form-level message for a failed mutation. */
export function mutationErrors(error: unknown, locale: Locale): { fields: FieldErrors; form: string } {
  const mapped = toUserFacingError(error, locale);
  return { fields: byPathAndParents(Object.entries(mapped.fieldIssues)), form: mapped.detail ?? mapped.message };
}
