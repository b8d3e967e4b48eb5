import { foldText } from './search.fold';
import { otherGenderForms, spellOutInclusiveForms } from './search.inclusive';

/**
 * The words to look for when a student types `query`: their words (inclusive forms written out, "Soudeur·se" →
 * soudeur, soudeuse), each word's other gender ("soudeuse" → soudeur), folded (no accents, lower case). Titles keep
 * the masculine word whole inside inclusive forms, so the masculine alone finds "Soudeur·se", "soudeur.se" and
 * "soudeur(se)". Stemming (plurals, verb forms) is the text index's job: MongoDB and the embedded engine both stem
 * French text.
 */
export function searchQueryTerms(query: string): string[] {
  const words = spellOutInclusiveForms(query)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const terms = new Set<string>();
  for (const word of words) {
    // Plurals ("soudeuses") have the same other gender as their singular.
    const singular = word.length > 4 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
    for (const form of [word, ...otherGenderForms(singular)]) {
      for (const folded of foldText(form).split(' ')) if (folded !== '') terms.add(folded);
    }
  }
  return [...terms];
}

/**
 * A `$text: { $search }` string for `query`: the terms above, space-separated (any of them matches). Quotes and
 * minus signs are gone, so typed text can neither demand a phrase nor exclude a word.
 */
export function textSearchString(query: string): string {
  return searchQueryTerms(query).join(' ');
}
