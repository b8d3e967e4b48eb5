import { foldText } from './search.fold';
import { expandInclusiveForms, otherGenderForms, spellOutInclusiveForms } from './search.inclusive';
import { compareSortKeys } from './search.page';
import { searchQueryTerms, textSearchString } from './search.query';
import { effectiveSearchSort, searchSortKey, type SearchSort } from './search.sort';

describe('foldText', () => {
  it('drops accents, ligatures, case, hyphens and apostrophes', () => {
    expect(foldText("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(foldText('  Saint-Rémy-en-Bouzemont-Saint-Genest ')).toBe('saint remy en bouzemont saint genest');
    expect(foldText('Cœur  ÉCOLE')).toBe('coeur ecole');
  });
});

describe('expandInclusiveForms', () => {
  it.each([
    ['Soudeur·se', ['soudeur', 'soudeuse']],
    ['soudeur.se', ['soudeur', 'soudeuse']],
    ['soudeur(se)', ['soudeur', 'soudeuse']],
    ['Soudeur/euse', ['soudeur', 'soudeuse']],
    ['SOUDEUR·SE', ['soudeur', 'soudeuse']],
    ['Soudeur•se', ['soudeur', 'soudeuse']],
    ['Opérateur·rice', ['opérateur', 'opératrice']],
    ['opérateur.trice', ['opérateur', 'opératrice']],
    ['Chaudronnier·ère', ['chaudronnier', 'chaudronnière']],
    ['chaudronnier(ère)', ['chaudronnier', 'chaudronnière']],
    ['Technicien·ne', ['technicien', 'technicienne']],
    ['salarié·e·s', ['salarié', 'salariée']],
    ['apprenti(e)', ['apprenti', 'apprentie']],
    ['professionnel·le', ['professionnel', 'professionnelle']],
    ['Tourneur·se fraiseur·se', ['tourneur', 'tourneuse', 'fraiseur', 'fraiseuse']],
  ])('%s → %j', (text, forms) => {
    expect(expandInclusiveForms(text)).toEqual(forms);
  });

  it('leaves sentence dots, compound words and (H/F) alone', () => {
    expect(expandInclusiveForms('Poste de soudeur. Secteur aéronautique')).toEqual([]);
    expect(expandInclusiveForms('Tourneur-fraiseur (H/F), CDI/CDD')).toEqual([]);
    expect(expandInclusiveForms('Opérateur(H/F)')).toEqual([]);
  });

  it('spells the forms out inside a title', () => {
    expect(spellOutInclusiveForms('Soudeur·se TIG en CDI')).toBe('soudeur soudeuse TIG en CDI');
  });
});

describe('otherGenderForms', () => {
  it.each([
    ['soudeuse', 'soudeur'],
    ['opératrice', 'opérateur'],
    ['chaudronnière', 'chaudronnier'],
    ['technicienne', 'technicien'],
    ['soudeur', 'soudeuse'],
    ['opérateur', 'opératrice'],
    ['chaudronnier', 'chaudronnière'],
  ])('%s ↔ %s', (word, other) => {
    expect(otherGenderForms(word)).toContain(other);
  });

  it('has nothing for short or ungendered words', () => {
    expect(otherGenderForms('cdi')).toEqual([]);
    expect(otherGenderForms('usinage')).toEqual([]);
  });
});

describe('searchQueryTerms', () => {
  it('finds the masculine word of inclusive titles from any spelling', () => {
    for (const q of ['soudeuse', 'Soudeuse', 'SOUDEUSE', 'Soudeur·se', 'soudeur.se', 'soudeur(se)', 'soudeur']) {
      expect(searchQueryTerms(q)).toContain('soudeur');
    }
    expect(searchQueryTerms('Opératrice')).toContain('operateur');
    expect(searchQueryTerms('chaudronnière')).toContain('chaudronnier');
    expect(searchQueryTerms('soudeuses')).toEqual(['soudeuses', 'soudeur']);
  });

  it('folds accents and keeps each term once', () => {
    expect(searchQueryTerms('Électricienne électricien')).toEqual(['electricienne', 'electricien']);
  });

  it('cannot demand a phrase or exclude a word', () => {
    expect(textSearchString('"soudeur" -tig')).toBe('soudeur soudeuse tig');
  });
});

describe('search orders', () => {
  const at = (iso: string) => new Date(iso);
  const a = { id: 'a', listedAt: at('2026-11-01'), expiresAt: at('2027-01-10'), textScore: 1.5, distanceKm: 12 };
  const b = { id: 'b', listedAt: at('2026-11-20'), expiresAt: at('2026-12-15'), textScore: 0.5, distanceKm: 3 };
  const c = { id: 'c', listedAt: at('2026-10-01'), expiresAt: at('2026-12-20'), textScore: 1.5, distanceKm: null };
  const order = (sort: SearchSort) =>
    [a, b, c].sort((x, y) => compareSortKeys(searchSortKey(sort, x), searchSortKey(sort, y))).map((x) => x.id);

  it('sorts by relevance, distance (no place last), newest and closing date', () => {
    expect(order('RELEVANCE')).toEqual(['a', 'c', 'b']);
    expect(order('DISTANCE')).toEqual(['b', 'a', 'c']);
    expect(order('NEWEST')).toEqual(['b', 'a', 'c']);
    expect(order('CLOSING_DATE')).toEqual(['b', 'c', 'a']);
  });

  it('applies relevance only with words and distance only with a place', () => {
    expect(effectiveSearchSort(undefined, true, true)).toBe('RELEVANCE');
    expect(effectiveSearchSort(undefined, false, true)).toBe('DISTANCE');
    expect(effectiveSearchSort(undefined, false, false)).toBe('NEWEST');
    expect(effectiveSearchSort('RELEVANCE', false, true)).toBe('DISTANCE');
    expect(effectiveSearchSort('DISTANCE', true, false)).toBe('RELEVANCE');
    expect(effectiveSearchSort('CLOSING_DATE', true, true)).toBe('CLOSING_DATE');
  });
});
