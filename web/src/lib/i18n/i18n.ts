import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  addWordingFormatters,
  DEFAULT_LOCALE,
  FRENCH_TYPOGRAPHY,
  frenchTypographyProcessor,
  LOCALES,
  setLocaleProvider,
  type Locale,
} from '@promesse/shared';
import en from '../../locales/en.json';
import fr from '../../locales/fr.json';

const LOCALE_KEY = 'promesse.locale';

function storedLocale(): Locale {
  try {
    const value = window.localStorage.getItem(LOCALE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export const i18n = i18next.createInstance();

// French typography (no-break spaces before ; : ! ? » and after «) on every French text, as shared's renderer does.
void i18n
  .use(initReactI18next)
  .use(frenchTypographyProcessor)
  .init({
    postProcess: [FRENCH_TYPOGRAPHY],
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: storedLocale(),
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
// French elision and articles ("d’Emma", "de l’École…") and the one date format, as i18next formatters.
addWordingFormatters(i18n);

// Screen readers pick their voice from <html lang>: keep it in step with the UI language.
function syncDocumentLang(lng: string): void {
  document.documentElement.lang = lng;
}
syncDocumentLang(i18n.language);
i18n.on('languageChanged', syncDocumentLang);

export function setLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    /* the choice then lasts for this page only */
  }
  void i18n.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return (LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : DEFAULT_LOCALE;
}

// Messages built by @promesse/shared (zod validation errors, catalog texts) follow the UI language.
setLocaleProvider(currentLocale);

/** `t` plus the current locale, for labels that come from @promesse/shared (enum labels, error messages). */
export function useI18n() {
  const { t, i18n: instance } = useTranslation();
  const locale: Locale = (LOCALES as readonly string[]).includes(instance.language)
    ? (instance.language as Locale)
    : DEFAULT_LOCALE;
  return { t, locale };
}
