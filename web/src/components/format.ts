import type { Locale } from '@promesse/shared';

const TAGS: { readonly [L in Locale]: string } = { fr: 'fr-FR', en: 'en-GB' };

/** "12 mars 2027" (API dates are ISO strings). */
export function formatDate(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A score in [0, 1] as "87 %". */
export function formatPercent(score: number, locale: Locale): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 0 }).format(score);
}

/** `2027-03-12` for a date input, from an ISO string. */
export function toDateInput(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '';
}
