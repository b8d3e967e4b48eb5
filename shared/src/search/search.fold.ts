/**
 * Folds text for matching: lower case, accents and ligatures dropped (é → e, œ → oe), every run of other
 * characters (hyphens, apostrophes, dots, spaces) to one space. "L'Haÿ-les-Roses" → "l hay les roses".
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of folded text. */
export function foldedWords(s: string): string[] {
  const folded = foldText(s);
  return folded === '' ? [] : folded.split(' ');
}
