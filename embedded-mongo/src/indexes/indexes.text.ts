// Text index: tokenizer (case and diacritic folding, stop words, light stemming for French and English),
// mongod's per-field term scoring, and $text: { $search } evaluation (terms OR-ed, phrases required, negations excluded).
import type { Document } from 'bson';
import { leafValues } from './indexes.keys';
import { isPlainObject } from './indexes.order';

export type TextLanguage = 'english' | 'french' | 'none';

const ENGLISH_STOP = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by
  can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't
  have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is
  isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves
  out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves
  then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd
  we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would
  wouldn't you you'd you'll you're you've your yours yourself yourselves s t d ll m re ve`
    .split(/\s+/)
    .flatMap((w) => w.split("'")),
);

const FRENCH_STOP = new Set(
  `a au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre
  nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etee etees
  etes etant suis es est sommes etes sont serai seras sera serons serez seront serais serait serions seriez seraient etais etait
  etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fut fussions fussiez fussent ayant eu
  eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions
  aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eut eussions eussiez eussent ceci cela cet cette
  ici ils les leurs quel quels quelle quelles sans soi`.split(/\s+/),
);

export function resolveLanguage(lang: unknown): TextLanguage {
  if (typeof lang !== 'string') return 'english';
  const l = lang.toLowerCase();
  if (l === 'french' || l === 'fr') return 'french';
  if (l === 'none') return 'none';
  return l === 'english' || l === 'en' ? 'english' : 'none';
}

const LETTERS = /[\p{L}\p{N}]+/gu;

export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** Light stemmer: enough to fold plurals and common verb forms onto one term. */
export function stem(word: string, lang: TextLanguage): string {
  let w = word;
  if (lang === 'french') {
    if (w.length > 4 && w.endsWith('aux')) return `${w.slice(0, -3)}al`;
    if (w.length > 3 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
    if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
    return w;
  }
  if (lang === 'english') {
    if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
    if (w.length > 4 && /(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
    else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
      w = w.slice(0, -1);
    if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
    else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
    if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
    return w;
  }
  return w;
}

function undouble(w: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w) ? w.slice(0, -1) : w;
}

export interface TokenOptions {
  caseSensitive?: boolean;
  diacriticSensitive?: boolean;
}

/** Index terms of a text in a language (stop words dropped, stemmed). */
export function tokenize(text: string, lang: TextLanguage, opts: TokenOptions = {}): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LETTERS)) {
    const raw = m[0];
    const stop = lang === 'english' ? ENGLISH_STOP : lang === 'french' ? FRENCH_STOP : undefined;
    if (stop?.has(stripDiacritics(raw.toLowerCase()))) continue;
    let term = opts.caseSensitive ? raw : raw.toLowerCase();
    if (!opts.diacriticSensitive) term = stripDiacritics(term);
    out.push(stem(term, lang));
  }
  return out;
}

/** mongod's FTSSpec::_scoreStringV2 for one field value. */
function scoreString(text: string, lang: TextLanguage, weight: number, into: Map<string, number>): void {
  const terms = new Map<string, { count: number; freq: number; exp: number }>();
  let numTokens = 0;
  for (const t of tokenize(text, lang)) {
    let d = terms.get(t);
    if (!d) terms.set(t, (d = { count: 0, freq: 0, exp: 0 }));
    d.exp = d.exp ? d.exp * 2 : 1;
    d.count += 1;
    d.freq += 1 / d.exp;
    numTokens++;
  }
  for (const [term, d] of terms) {
    const coeff = (0.5 * d.count) / numTokens + 0.5;
    const adjustment = text.length === term.length && text.toLowerCase() === term ? 1.1 : 1;
    into.set(term, (into.get(term) ?? 0) + weight * d.freq * coeff * adjustment);
  }
}

export interface TextIndexOptions {
  /** Field path -> weight; "$**" indexes every string field. */
  weights: Record<string, number>;
  defaultLanguage: string;
  languageOverride: string;
}

interface DocText {
  lang: TextLanguage;
  /** Raw strings, for phrases and case/diacritic-sensitive checks. */
  strings: string[];
  terms: string[];
}

export interface ParsedSearch {
  terms: string[];
  negated: string[];
  phrases: string[];
  negatedPhrases: string[];
}

/** Splits a $search string like mongod: words, -negated words, "phrases", -"negated phrases". */
export function parseSearch(search: string): {
  words: string[];
  negWords: string[];
  phrases: string[];
  negPhrases: string[];
} {
  const words: string[] = [];
  const negWords: string[] = [];
  const phrases: string[] = [];
  const negPhrases: string[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (const m of search.matchAll(re)) {
    if (m[2] !== undefined) {
      if (m[2].trim()) (m[1] ? negPhrases : phrases).push(m[2]);
    } else if (m[3]) {
      const w = m[3];
      if (w.startsWith('-') && w.length > 1) negWords.push(w.slice(1));
      else words.push(w);
    }
  }
  return { words, negWords, phrases, negPhrases };
}

export class TextIndex {
  /** term -> (rid -> score for that term in the doc). */
  private postings = new Map<string, Map<string, number>>();
  private docs = new Map<string, DocText>();
  private readonly wildcard: number | undefined;
  private readonly fields: [string, number][];

  constructor(private readonly opts: TextIndexOptions) {
    this.wildcard = opts.weights['$**'];
    this.fields = Object.entries(opts.weights).filter(([f]) => f !== '$**');
  }

  private extract(doc: Document): { lang: TextLanguage; strings: string[]; scores: Map<string, number> } {
    const override = doc[this.opts.languageOverride];
    const lang = resolveLanguage(typeof override === 'string' ? override : this.opts.defaultLanguage);
    const scores = new Map<string, number>();
    const strings: string[] = [];
    const seen = new Set<string>();
    const add = (path: string, weight: number): void => {
      for (const v of leafValues(doc, path)) {
        for (const s of Array.isArray(v) ? v : [v]) {
          if (typeof s !== 'string') continue;
          strings.push(s);
          scoreString(s, lang, weight, scores);
        }
      }
      seen.add(path);
    };
    for (const [f, w] of this.fields) add(f, w);
    if (this.wildcard !== undefined) {
      for (const path of stringPaths(doc)) if (!seen.has(path)) add(path, this.wildcard);
    }
    return { lang, strings, scores };
  }

  add(rid: string, doc: Document): void {
    const { lang, strings, scores } = this.extract(doc);
    if (scores.size === 0) return;
    for (const [term, score] of scores) {
      let p = this.postings.get(term);
      if (!p) this.postings.set(term, (p = new Map()));
      p.set(rid, score);
    }
    this.docs.set(rid, { lang, strings, terms: [...scores.keys()] });
  }

  remove(rid: string): void {
    const d = this.docs.get(rid);
    if (!d) return;
    for (const t of d.terms) {
      const p = this.postings.get(t);
      p?.delete(rid);
      if (p && p.size === 0) this.postings.delete(t);
    }
    this.docs.delete(rid);
  }

  clear(): void {
    this.postings.clear();
    this.docs.clear();
  }

  /** Matching record ids (best score first) with their textScore. */
  search(spec: Document): { ids: string[]; scores: Map<string, number> } {
    if (!isPlainObject(spec) || typeof spec.$search !== 'string') {
      throw Object.assign(new Error('$search needs a String'), { code: 2, codeName: 'BadValue' });
    }
    const lang =
      spec.$language !== undefined ? resolveLanguage(spec.$language) : resolveLanguage(this.opts.defaultLanguage);
    const caseSensitive = spec.$caseSensitive === true;
    const diacriticSensitive = spec.$diacriticSensitive === true;
    const parsed = parseSearch(spec.$search);
    const terms = new Set<string>();
    for (const w of [...parsed.words, ...parsed.phrases]) for (const t of tokenize(w, lang)) terms.add(t);
    const negTerms = new Set(parsed.negWords.flatMap((w) => tokenize(w, lang)));
    const scores = new Map<string, number>();
    for (const t of terms) {
      const p = this.postings.get(t);
      if (!p) continue;
      for (const [rid, s] of p) scores.set(rid, (scores.get(rid) ?? 0) + s);
    }
    const sensitive = caseSensitive || diacriticSensitive;
    const exactTerms = sensitive
      ? [...parsed.words, ...parsed.phrases].flatMap((w) => tokenize(w, lang, { caseSensitive, diacriticSensitive }))
      : [];
    for (const rid of [...scores.keys()]) {
      const d = this.docs.get(rid)!;
      const termSet = d.terms;
      let keep = ![...negTerms].some((t) => termSet.includes(t));
      if (keep && sensitive) {
        const docTerms = new Set(d.strings.flatMap((s) => tokenize(s, d.lang, { caseSensitive, diacriticSensitive })));
        keep = exactTerms.some((t) => docTerms.has(t));
      }
      if (keep && (parsed.phrases.length || parsed.negPhrases.length)) {
        const fold = (s: string): string => {
          let r = caseSensitive ? s : s.toLowerCase();
          if (!diacriticSensitive) r = stripDiacritics(r);
          return r;
        };
        const hay = d.strings.map(fold);
        keep =
          parsed.phrases.every((ph) => hay.some((h) => h.includes(fold(ph)))) &&
          !parsed.negPhrases.some((ph) => hay.some((h) => h.includes(fold(ph))));
      }
      if (!keep) scores.delete(rid);
    }
    const ids = [...scores.keys()].sort((a, b) => scores.get(b)! - scores.get(a)! || (a < b ? -1 : 1));
    return { ids, scores };
  }
}

/** Dotted paths of every string (or array of strings) in a document, for the "$**" wildcard text index. */
function stringPaths(doc: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (!isPlainObject(doc)) return out;
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.add(path);
    else if (Array.isArray(v)) {
      if (v.some((x) => typeof x === 'string')) out.add(path);
      for (const x of v) stringPaths(x, path, out);
    } else stringPaths(v, path, out);
  }
  return out;
}
