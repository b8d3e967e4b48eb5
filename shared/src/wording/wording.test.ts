import i18next from 'i18next';
import { addWordingFormatters, elides, formatLongDate, frenchDe, frenchDeArticle } from './wording.french';

describe('French elision and articles', () => {
  it('elides "de" before a vowel, not before a consonant', () => {
    expect(elides('Emma')).toBe(true);
    expect(elides('Élodie')).toBe(true);
    expect(elides('Lina')).toBe(false);
    expect(frenchDe('Emma Moreau')).toBe('d’Emma Moreau');
    expect(frenchDe('Usinage Normand')).toBe('d’Usinage Normand');
    expect(frenchDe('Yanis')).toBe('de Yanis');
    expect(frenchDe('Yves')).toBe('d’Yves');
    expect(frenchDe('Hugo Lefebvre')).toBe('de Hugo Lefebvre');
  });

  it('gives institutions their article', () => {
    expect(frenchDeArticle('École de Production de l’Eure')).toBe('de l’École de Production de l’Eure');
    expect(frenchDeArticle('Fédération nationale des Écoles de Production')).toBe(
      'de la Fédération nationale des Écoles de Production',
    );
    expect(frenchDeArticle('Lycée Jean Moulin')).toBe('du Lycée Jean Moulin');
    expect(frenchDeArticle('Chaudronnerie du Chalonnais')).toBe('de Chaudronnerie du Chalonnais');
    expect(frenchDeArticle('O’TECH Compiègne')).toBe('d’O’TECH Compiègne');
  });
});

describe('formatLongDate', () => {
  it('writes the first of the month as an ordinal in French only', () => {
    expect(formatLongDate('2026-12-01', 'fr')).toBe('1er décembre 2026');
    expect(formatLongDate('2026-12-02T00:00:00.000Z', 'fr')).toBe('2 décembre 2026');
    expect(formatLongDate(new Date('2027-03-11T00:00:00Z'), 'fr')).toBe('11 mars 2027');
    expect(formatLongDate('2026-12-01', 'en')).toBe('1 December 2026');
  });
});

describe('i18next formatters', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      lng: 'fr',
      resources: {
        fr: {
          translation: {
            whose: 'La candidature {{name, de}}',
            partner: '{{company}} demande à devenir partenaire {{school, deArticle}}.',
            until: 'jusqu’au {{date, longDate}}',
            applications_one: '{{count}} candidature',
            applications_other: '{{count}} candidatures',
          },
        },
        en: {
          translation: {
            whose: '{{name}}’s application',
            partner: '{{company}} asks to become a partner of {{school}}.',
            until: 'until {{date, longDate}}',
            applications_one: '{{count}} application',
            applications_other: '{{count}} applications',
          },
        },
      },
      interpolation: { escapeValue: false },
    });
    addWordingFormatters(i18n);
  });

  it('renders French grammar through the formatters', () => {
    expect(i18n.t('whose', { name: 'Emma' })).toBe('La candidature d’Emma');
    expect(i18n.t('whose', { name: 'Lina' })).toBe('La candidature de Lina');
    expect(i18n.t('partner', { company: 'Oise Mécanique', school: 'École de Production O’TECH' })).toBe(
      'Oise Mécanique demande à devenir partenaire de l’École de Production O’TECH.',
    );
    expect(i18n.t('until', { date: '2026-12-01' })).toBe('jusqu’au 1er décembre 2026');
    expect(i18n.t('applications', { count: 1 })).toBe('1 candidature');
    expect(i18n.t('applications', { count: 2 })).toBe('2 candidatures');
  });

  it('leaves English wording to its own texts', () => {
    expect(i18n.t('whose', { name: 'Emma', lng: 'en' })).toBe('Emma’s application');
    expect(i18n.t('until', { date: '2026-12-01', lng: 'en' })).toBe('until 1 December 2026');
  });
});
