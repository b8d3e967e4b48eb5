import { foldText } from './search.fold';
import { expandInclusiveForms, otherGenderForms, spellOutInclusiveForms } from './search.inclusive';
import { searchQueryTerms, textSearchString } from './search.query';

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
  });

  it('folds accents and keeps each term once', () => {
    expect(searchQueryTerms('Électricienne électricien')).toEqual(['electricienne', 'electricien']);
  });

  it('cannot demand a phrase or exclude a word', () => {
    expect(textSearchString('"soudeur" -tig')).toBe('soudeur soudeuse tig');
  });
});
