/**
 * One domain's messages in every locale. The type makes a missing English (or French) key a compile error, so the
 * English locale stays complete. Plural forms are i18next's: `key_one` / `key_other` (French counts 0 as one).
 */
export function defineMessages<const K extends string>(messages: {
  fr: { readonly [P in K]: string };
  en: { readonly [P in K]: string };
}) {
  return messages;
}

/** `candidatures_one` | `candidatures_other` -> `candidatures`: what callers pass (with a `count`). */
export type BaseKey<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
  ? B
  : K;
