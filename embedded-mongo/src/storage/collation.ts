// Collation (locale-aware string comparison) on Intl.Collator, which Node ships with full ICU data.
// strength 1 = base letters (é = e = E), 2 = + accents (é ≠ e, e = E), 3 (default) = + case (e ≠ E).
import { MongoCommandError } from '../errors.command';
import { compareValues } from './bson.values';

const collators = new Map<string, Intl.Collator>();

/** The collator of a command's or an index's `collation`, or undefined for binary comparison ("simple"). */
export function collatorOf(spec: unknown): Intl.Collator | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (typeof spec !== 'object' || Array.isArray(spec))
    throw new MongoCommandError(14, "BSON field 'collation' is the wrong type, expected type 'object'");
  const s = spec as {
    locale?: unknown;
    strength?: number;
    caseLevel?: boolean;
    caseFirst?: string;
    numericOrdering?: boolean;
  };
  if (typeof s.locale !== 'string') throw new MongoCommandError(2, "Missing expected field 'locale'");
  if (s.locale === 'simple') return undefined;
  const strength = s.strength ?? 3;
  if (![1, 2, 3, 4, 5].includes(strength))
    throw new MongoCommandError(2, `Field 'strength' must be an integer 1 through 5. Got: ${strength}`);
  const key = JSON.stringify([s.locale, strength, !!s.caseLevel, s.caseFirst ?? 'off', !!s.numericOrdering]);
  let c = collators.get(key);
  if (!c) {
    if (!Intl.Collator.supportedLocalesOf([s.locale]).length)
      throw new MongoCommandError(2, `Field 'locale' is invalid in: { locale: "${s.locale}" }`);
    c = new Intl.Collator(s.locale, {
      usage: 'sort',
      sensitivity: strength === 1 ? (s.caseLevel ? 'case' : 'base') : strength === 2 ? 'accent' : 'variant',
      caseFirst: s.caseFirst === 'upper' || s.caseFirst === 'lower' ? s.caseFirst : 'false',
      numeric: !!s.numericOrdering,
    });
    collators.set(key, c);
  }
  return c;
}

/** compareValues with strings compared by the collator. */
export function compareCollated(a: unknown, b: unknown, collator: Intl.Collator | undefined): number {
  if (collator && typeof a === 'string' && typeof b === 'string') return Math.sign(collator.compare(a, b));
  return compareValues(a, b);
}
