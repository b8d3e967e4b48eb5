import { AsyncLocalStorage } from 'node:async_hooks';
import { DEFAULT_LOCALE, LOCALES, setLocaleProvider, type Locale } from '@promesse/shared';

// The language of the request being served. Messages (errors, notification texts, match reasons) are rendered from
// the shared catalog in this language; the actor's saved choice wins over the browser's Accept-Language.

interface LocaleScope {
  locale: Locale;
}

const scope = new AsyncLocalStorage<LocaleScope>();
setLocaleProvider(() => scope.getStore()?.locale);

/** Runs `fn` with `locale` as the language of every message built inside it (across awaits). */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return scope.run({ locale }, fn);
}

/** Changes the language of the current scope (once the user is known); no-op outside one. */
export function setScopeLocale(locale: Locale): void {
  const store = scope.getStore();
  if (store) store.locale = locale;
}

/** The first supported language of an Accept-Language header, else French. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { lang: tag.slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  const hit = wanted.find((x) => (LOCALES as readonly string[]).includes(x.lang));
  return (hit?.lang as Locale | undefined) ?? DEFAULT_LOCALE;
}
