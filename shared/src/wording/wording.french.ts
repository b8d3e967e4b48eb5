import type { i18n as I18n } from 'i18next';
import type { Locale } from '../common/common.enum';

// French grammar that i18next leaves to the application: elision of "de" before a vowel ("la candidature d’Emma"),
// the article before an institution's name ("partenaire de l’École de Production", "de la Fédération…"), and
// ordinal first days ("le 1er décembre"). Texts use them as i18next formatters, so no page concatenates strings:
//   fr: "La candidature {{studentName, de}}"        en: "{{studentName}}’s application"
//   fr: "… partenaire {{schoolName, deArticle}}."   en: "… partner of {{schoolName}}."
//   fr: "jusqu’au {{date, longDate}}"               en: "until {{date, longDate}}"

// A "y" before a vowel sounds like a consonant: "de Yanis", but "d’Yves".
const STARTS_WITH_VOWEL = /^(?:[aeiouàâäéèêëîïôöùûüœæ]|y(?![aeiouéèê]))/i;

/** Whether a French word or name takes an elided article or preposition before it (d’, l’). */
export function elides(word: string): boolean {
  return STARTS_WITH_VOWEL.test(word.trim());
}

/** "de" before a person's or company's name: "d’Emma", "d’Usinage Normand", "de Lina". */
export function frenchDe(name: string): string {
  return elides(name) ? `d’${name}` : `de ${name}`;
}

// Institutions named by a common noun take its article: feminine heads below, masculine otherwise.
const FEMININE_HEADS = new Set(['fédération', 'federation', 'maison', 'chambre', 'association', 'académie', 'région']);
const MASCULINE_HEADS = new Set(['lycée', 'lycee', 'centre', 'institut', 'collège', 'college', 'campus', 'groupe']);

/**
 * "de" plus the article an institution's name needs: "de l’École de Production de l’Eure", "de la Fédération
 * nationale…", "du Lycée…"; a proper name without a common-noun head elides like a person's ("d’O’TECH").
 */
export function frenchDeArticle(name: string): string {
  const trimmed = name.trim();
  const head = (trimmed.split(/[\s’'-]/)[0] ?? '').toLowerCase();
  if (head === 'école' || head === 'ecole' || head === 'entreprise' || head === 'usine' || head === 'atelier')
    return `de l’${trimmed}`;
  if (FEMININE_HEADS.has(head)) return elides(trimmed) ? `de l’${trimmed}` : `de la ${trimmed}`;
  if (MASCULINE_HEADS.has(head)) return elides(trimmed) ? `de l’${trimmed}` : `du ${trimmed}`;
  return frenchDe(trimmed);
}

const DATE_TAGS: { readonly [L in Locale]: string } = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The app's one date format: "1er décembre 2026", "2 décembre 2026" (French: ordinal first day), "1 December 2026".
 * Dates are calendar days stored at midnight UTC, so they are read in UTC.
 */
export function formatLongDate(value: Date | string, locale: Locale): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat(DATE_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' }).formatToParts(date);
  return parts.map((p) => (locale === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}

function asLocale(lng: string | undefined): Locale {
  return lng === 'en' ? 'en' : 'fr';
}

/**
 * Adds the formatters `de`, `deArticle` and `longDate` to an initialised i18next instance (the shared catalog's and
 * the web's). In English, `de` and `deArticle` leave the value as it is: its texts word possession themselves.
 */
export function addWordingFormatters(instance: I18n): void {
  const formatter = instance.services.formatter;
  if (!formatter) return;
  formatter.add('de', (value: unknown, lng) => (asLocale(lng) === 'fr' ? frenchDe(String(value)) : String(value)));
  formatter.add('deArticle', (value: unknown, lng) =>
    asLocale(lng) === 'fr' ? frenchDeArticle(String(value)) : String(value),
  );
  formatter.add('longDate', (value: unknown, lng) =>
    value instanceof Date || typeof value === 'string' ? formatLongDate(value, asLocale(lng)) : String(value),
  );
}

const NBSP = '\u00a0';

/**
 * French typography: a no-break space before ; : ! ? » and after «, so a line never starts with the sign. Only a
 * space already typed is turned into a no-break one (a URL's "?" or "://" has none, and stays as it is).
 */
export function frenchTypography(text: string): string {
  return text.replace(/[ \u202f]+([;:!?»])/g, `${NBSP}$1`).replace(/«[ \u202f]+/g, `«${NBSP}`);
}

export const FRENCH_TYPOGRAPHY = 'frenchTypography';

/**
 * The i18next post-processor applying frenchTypography to every French text (catalog text and interpolated values
 * alike). Register it with `instance.use(frenchTypographyProcessor)` before init, with `postProcess: [FRENCH_TYPOGRAPHY]`.
 */
export const frenchTypographyProcessor = {
  type: 'postProcessor' as const,
  name: FRENCH_TYPOGRAPHY,
  process(value: string, _key: string | string[], options: { lng?: string }, translator: { language?: string }) {
    return asLocale(options.lng ?? translator.language) === 'fr' ? frenchTypography(value) : value;
  },
};
