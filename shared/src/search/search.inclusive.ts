// French inclusive writing in job titles: "Soudeur·se", "soudeur.se", "soudeur(se)", "Opérateur·rice",
// "Chaudronnier(ère)", "Technicien·ne", "salarié·e·s". A search for "soudeuse" must find "Soudeur·se", but a text
// index sees "soudeur" + "se" there, never "soudeuse". No npm package handles these forms, so the rules are here:
// a masculine word, a separator, a feminine ending.

/** Separators that only mean inclusive writing; after a dot or a slash only the known endings below count. */
const ENDINGS = 'e|se|euse|rice|trice|ère|ere|ne|enne|le|lle|te|tte|ve|sse|esse';
const INCLUSIVE_WORD = new RegExp(
  `(\\p{L}+)(?:[·•⋅∙]|[./](?=(?:${ENDINGS})\\b)|\\((?=\\p{L}{1,5}\\)))(\\p{L}{1,5})\\)?(?:[·•⋅∙.]?[sx]\\b)?`,
  'giu',
);

/** The feminine of `masc` given the ending written after the separator. */
function feminineOf(masc: string, ending: string): string {
  const e = ending.toLowerCase();
  const m = masc;
  const lower = m.toLowerCase();
  if ((e === 'se' || e === 'euse') && lower.endsWith('eur')) return `${m.slice(0, -3)}euse`;
  if ((e === 'se' || e === 'euse') && lower.endsWith('eux')) return `${m.slice(0, -3)}euse`;
  if ((e === 'rice' || e === 'trice' || e === 'ice') && lower.endsWith('teur')) return `${m.slice(0, -4)}trice`;
  if ((e === 'ère' || e === 'ere') && lower.endsWith('er')) return `${m.slice(0, -2)}ère`;
  if (e === 'enne' && lower.endsWith('en')) return `${m}ne`;
  if (e === 'lle' && lower.endsWith('l')) return `${m}le`;
  if (e === 've' && lower.endsWith('f')) return `${m.slice(0, -1)}ve`;
  return `${m}${e}`;
}

export interface InclusiveForm {
  /** The words as written, e.g. "Soudeur·se". */
  written: string;
  masculine: string;
  feminine: string;
}

/** Every inclusive word of `text`, with both forms (lower case, accents kept). */
export function inclusiveForms(text: string): InclusiveForm[] {
  return [...text.matchAll(INCLUSIVE_WORD)].map((m) => {
    const masculine = (m[1] ?? '').toLowerCase();
    return { written: m[0], masculine, feminine: feminineOf(masculine, m[2] ?? '').toLowerCase() };
  });
}

/** `expandInclusiveForms('Soudeur·se')` → `['soudeur', 'soudeuse']`: every form the inclusive words of `text` stand for. */
export function expandInclusiveForms(text: string): string[] {
  return [...new Set(inclusiveForms(text).flatMap((f) => [f.masculine, f.feminine]))];
}

/** `text` with each inclusive word written out in both forms: "Soudeur·se TIG" → "soudeur soudeuse TIG". */
export function spellOutInclusiveForms(text: string): string {
  return text.replace(INCLUSIVE_WORD, (_all, masc: string, ending: string) => {
    const masculine = masc.toLowerCase();
    return `${masculine} ${feminineOf(masculine, ending).toLowerCase()}`;
  });
}

// The other gender of a single word a student types ("soudeuse" → "soudeur", "opérateur" → "opératrice"), so a
// title written in one gender only is found too. Pairs of (feminine ending, masculine ending), longest first.
const GENDER_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['trice', 'teur'],
  ['euse', 'eur'],
  ['ière', 'ier'],
  ['ienne', 'ien'],
  ['enne', 'en'],
  ['onne', 'on'],
  ['elle', 'el'],
  ['ère', 'er'],
  ['ive', 'if'],
  ['ée', 'é'],
];

/** The other-gender forms of one lower-case word (empty when it has none). */
export function otherGenderForms(word: string): string[] {
  const out = new Set<string>();
  for (const [fem, masc] of GENDER_ENDINGS) {
    const stemLength = word.length - fem.length;
    if (stemLength >= 3 && word.endsWith(fem)) out.add(word.slice(0, stemLength) + masc);
  }
  // Masculine to feminine: "-teur" may give "-trice" or "-teuse"; both are tried.
  if (word.length >= 6 && word.endsWith('teur')) out.add(`${word.slice(0, -4)}trice`).add(`${word.slice(0, -3)}euse`);
  else if (word.length >= 5 && word.endsWith('eur')) out.add(`${word.slice(0, -3)}euse`);
  else if (word.length >= 5 && word.endsWith('ier')) out.add(`${word.slice(0, -3)}ière`);
  else if (word.length >= 5 && word.endsWith('ien')) out.add(`${word.slice(0, -3)}ienne`);
  out.delete(word);
  return [...out];
}
