import type { ZodError } from 'zod';
import type { Locale } from '@promesse/shared';
import { toUserFacingError } from '../lib/errors/errors.map';

/** First message per dotted path (`location.lat`) of a failed zod parse, as the API reports fieldIssues. */
export function zodFieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** Field messages and a form-level message for a failed mutation. */
export function mutationErrors(error: unknown, locale: Locale): { fields: Record<string, string>; form: string } {
  const mapped = toUserFacingError(error, locale);
  return { fields: mapped.fieldIssues, form: mapped.detail ?? mapped.message };
}

/** Moves focus to the first invalid field of `form` after React rendered the messages. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
