import i18next from 'i18next';
import { LRUCache } from 'lru-cache';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../common/common.enum';
import { MESSAGES, type MessageKey } from './messages.catalog';
import { addWordingFormatters, FRENCH_TYPOGRAPHY, frenchTypographyProcessor } from '../wording/wording.french';
import { activeLocale } from './messages.locale';

/** Values a message needs (names, counts, dates as ISO strings); `count` selects the plural form. */
export type MessageParams = Record<string, string | number | boolean | null | undefined>;

/** A message as the API stores and sends it: the web (or an e-mail) renders it in the reader's language. */
export interface CodedMessage {
  key: MessageKey;
  params?: MessageParams;
}

// One i18next instance for every message of the catalog: plurals (`_one`/`_other`), nesting (`$t(entity.X)`) and
// interpolation come from the library, not from string concatenation. Keys are flat ('application.alreadyClosed').
const renderer = i18next.createInstance();
// No-break spaces before ; : ! ? » and after « in every French message (typography, not the catalogs' job).
renderer.use(frenchTypographyProcessor);
void renderer.init({
  postProcess: [FRENCH_TYPOGRAPHY],
  initAsync: false,
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: MESSAGES[l] }])),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
// French elision and articles ("d’Emma", "de l’École…") and the one date format, as i18next formatters.
addWordingFormatters(renderer);

// A text depends only on its language, key and values (the catalog and formatters are fixed; dates are read in
// UTC), and lists render the same texts over and over: i18next was 6 % of a notification list's CPU (profile of
// issue 19). So rendered texts are kept, a bounded number of them.
const rendered = new LRUCache<string, string>({ max: 5_000 });

/** The text of `key` in `locale` (default: the active locale). An unknown key renders as itself. */
export function renderMessage(key: MessageKey | string, params: MessageParams = {}, locale?: Locale): string {
  const values = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null));
  const lng = locale ?? activeLocale();
  const cacheKey = `${lng}\n${key}\n${JSON.stringify(values)}`;
  let text = rendered.get(cacheKey);
  if (text === undefined) {
    // defaultValue: an unknown key renders as itself, and the call type-checks even where an app (the web) narrows
    // i18next's key type to its own resources.
    text = renderer.t(key, { ...values, lng, defaultValue: key });
    rendered.set(cacheKey, text);
  }
  return text;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES.fr, key);
}
