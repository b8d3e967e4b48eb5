import * as z from 'zod';

/** Builds `{ A: 'A', B: 'B' }` from a tuple of string literals, so call sites can write `Role.STUDENT`. */
export function enumObject<const T extends readonly string[]>(values: T): { readonly [K in T[number]]: K } {
  const out: Record<string, string> = {};
  for (const v of values) out[v] = v;
  return Object.freeze(out) as { readonly [K in T[number]]: K };
}

/** True when `value` is one of `values` (narrowing helper for untyped input). */
export function isOneOf<const T extends readonly string[]>(values: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';
export const localeSchema = z.enum(LOCALES);

/** Labels of every value of an enum, per locale. */
export type EnumLabels<T extends string> = { readonly [L in Locale]: { readonly [K in T]: string } };

/** Label of an enum value in a locale; falls back to French, then to the raw value. */
export function labelOf<T extends string>(labels: EnumLabels<T>, value: T, locale: Locale = DEFAULT_LOCALE): string {
  return labels[locale]?.[value] ?? labels.fr[value] ?? value;
}

/** Who performs a state-machine move. Derived from the role (see actorKindForRole) or SYSTEM for automatic moves. */
export const ACTOR_KINDS = ['STUDENT', 'SCHOOL', 'COMPANY', 'ADMIN', 'SYSTEM'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export const ActorKind = enumObject(ACTOR_KINDS);
