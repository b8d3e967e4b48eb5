import { ERASED_STUDENT_NAME, formatLongDate, renderMessage, type Locale } from '@promesse/shared';

// The one place the web formats dates, scores and distances: every page shows them alike, in the UI language.

const TAGS: { readonly [L in Locale]: string } = { fr: 'fr-FR', en: 'en-GB' };

/** "12 mars 2027", "1er décembre 2026" (the app's one date format; API dates are ISO strings); missing: a dash. */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  return iso ? formatLongDate(iso, locale) : '—';
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * A score in [0, 1] as "87 %" (French) or "87%" (English). Intl puts a no-break space before "%" in French; we
 * keep a plain one so that a text search for "87 %" finds it (score badges do not wrap: `.score` is nowrap).
 */
export function formatPercent(score: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 0 })
    .format(score)
    .replace(/\s/gu, ' ');
}

/** A distance as "12 km" (rounded to the kilometre). */
export function formatDistance(km: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'unit', unit: 'kilometer', maximumFractionDigits: 0 }).format(km);
}

/** `2027-03-12` for a date input, from an ISO string. */
export function toDateInput(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}

/**
 * A student's name as the API gives it, or "Ancien·ne élève" / "Former student" for a student whose personal data
 * was erased (the API answers the ERASED_STUDENT_NAME code there, never a sentence).
 */
export function studentName(name: string, locale: Locale): string {
  return name === ERASED_STUDENT_NAME ? renderMessage('privacy.erasedStudent', {}, locale) : name;
}

/** studentName for a name that may be missing. */
export function studentNameOrNull(name: string | null | undefined, locale: Locale): string | null {
  return name == null ? null : studentName(name, locale);
}
