import { caught, testCollection } from './indexes.test-helpers';
import { parseSearch, stem, tokenize } from './indexes.text';

function search(c: ReturnType<typeof testCollection>, $search: string, extra: Record<string, unknown> = {}): string[] {
  const p = c.ix.plan({ $text: { $search, ...extra } })!;
  return [...p.ids];
}

describe('text tokenizer', () => {
  it('folds case and diacritics, drops stop words, stems French plurals', () => {
    expect(tokenize("L'École des Boulangers à Évreux", 'french')).toEqual(['ecol', 'boulanger', 'evreu']);
    expect(tokenize('chevaux cheval', 'french')).toEqual(['cheval', 'cheval']);
    expect(tokenize('Développeuses développeuse développeur', 'french')).toEqual([
      'developpeus',
      'developpeus',
      'developpeur',
    ]);
  });

  it('stems English -s, -es, -ing, -ed onto one term', () => {
    expect(['bake', 'baking', 'baked', 'bakes'].map((w) => stem(w, 'english'))).toEqual(['bak', 'bak', 'bak', 'bak']);
    expect(['run', 'running', 'runs'].map((w) => stem(w, 'english'))).toEqual(['run', 'run', 'run']);
    expect(['boxes', 'box', 'parties', 'party'].map((w) => stem(w, 'english'))).toEqual([
      'box',
      'box',
      'party',
      'party',
    ]);
    expect(tokenize('The cats and the dog', 'english')).toEqual(['cat', 'dog']);
    expect(tokenize('le chat', 'none')).toEqual(['le', 'chat']);
  });

  it('parses terms, -negations and "phrases"', () => {
    expect(parseSearch('chef "chef de projet" -stage -"temps partiel" cuisine')).toEqual({
      words: ['chef', 'cuisine'],
      negWords: ['stage'],
      phrases: ['chef de projet'],
      negPhrases: ['temps partiel'],
    });
  });
});

describe('$text plans', () => {
  const c = testCollection();
  c.createIndex({ key: { title: 'text', body: 'text' }, weights: { title: 10 }, default_language: 'french' });
  c.insert({ _id: 'boul', title: 'Boulanger', body: 'Promesse d’embauche à Évreux pour un boulanger diplômé' });
  c.insert({ _id: 'boul2', title: 'Pâtissier', body: 'Les boulangers et pâtissiers de Chalon-sur-Saône recrutent' });
  c.insert({ _id: 'dev', title: 'Développeur web', body: 'Chef de projet junior, stage possible' });
  c.insert({ _id: 'chef', title: 'Chef de cuisine', body: 'Temps partiel' });
  c.insert({ _id: 'en', title: 'Baker', body: 'Bakers wanted in Tarbes', language: 'english' });
  c.insert({ _id: 'num', title: 42 });

  it('ignores accents and case, and matches plurals', () => {
    expect(search(c, 'evreux')).toEqual(['boul']);
    expect(search(c, 'ÉVREUX')).toEqual(['boul']);
    expect(search(c, 'développeurs')).toEqual(['dev']);
    expect(search(c, 'boulangers').sort()).toEqual(['boul', 'boul2']);
  });

  it('ORs terms, requires phrases, excludes negations', () => {
    expect(search(c, 'evreux tarbes').sort()).toEqual(['boul', 'en']);
    expect(search(c, 'evreux chalon').sort()).toEqual(['boul', 'boul2']);
    expect(search(c, 'chef').sort()).toEqual(['chef', 'dev']);
    expect(search(c, '"chef de cuisine"')).toEqual(['chef']);
    expect(search(c, 'chef -stage')).toEqual(['chef']);
    expect(search(c, 'chef -"temps partiel"')).toEqual(['dev']);
    expect(search(c, '-chef')).toEqual([]);
    expect(search(c, 'le la de')).toEqual([]);
  });

  it('scores: field weight, more matched terms and repetitions rank higher', () => {
    const p = c.ix.plan({ $text: { $search: 'boulanger' } })!;
    // Title (weight 10) beats body.
    expect([...p.ids]).toEqual(['boul', 'boul2']);
    expect(p.textScores!.get('boul')!).toBeGreaterThan(10);
    expect(p.textScores!.get('boul2')!).toBeLessThan(1);
    const two = c.ix.plan({ $text: { $search: 'cuisine chef' } })!;
    expect([...two.ids][0]).toBe('chef');
    expect(two.textScores!.get('chef')!).toBeGreaterThan(two.textScores!.get('dev')!);
  });

  it('uses the per-document language override and $language', () => {
    expect(search(c, 'bakers', { $language: 'english' })).toEqual(['en']);
    expect(search(c, 'baker', { $language: 'english' })).toEqual(['en']);
  });

  it('supports $caseSensitive and $diacriticSensitive', () => {
    expect(search(c, 'Évreux', { $diacriticSensitive: true })).toEqual(['boul']);
    expect(search(c, 'evreux', { $diacriticSensitive: true })).toEqual([]);
    expect(search(c, 'Chef', { $caseSensitive: true })).toEqual(['chef', 'dev']);
    expect(search(c, 'CHEF', { $caseSensitive: true })).toEqual([]);
  });

  it('follows updates and deletes', () => {
    const t = testCollection();
    t.createIndex({ key: { s: 'text' } });
    t.insert({ _id: 1, s: 'red apple' });
    t.update('1', { _id: 1, s: 'green pear' });
    expect(search(t, 'apple')).toEqual([]);
    expect(search(t, 'pears')).toEqual(['1']);
    t.remove('1');
    expect(search(t, 'pear')).toEqual([]);
  });

  it('wildcard text index covers every string field', () => {
    const t = testCollection();
    t.createIndex({ key: { '$**': 'text' } });
    t.insert({ _id: 1, a: { deep: ['needle'] } });
    t.insert({ _id: 2, b: 'hay' });
    expect(search(t, 'needles')).toEqual(['1']);
  });

  it('$text without a text index is IndexNotFound (27)', () => {
    const t = testCollection();
    expect(caught(() => t.ix.plan({ $text: { $search: 'x' } }))).toMatchObject({ code: 27 });
  });
});
