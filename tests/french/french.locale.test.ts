import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import {
  addWordingFormatters,
  APPLICATION_SOURCE_LABELS,
  FRENCH_TYPOGRAPHY,
  frenchTypography,
  frenchTypographyProcessor,
  MESSAGES,
  renderMessage,
  siretSchema,
  STUDENT_SITUATION_LABELS,
  withLuhnCheckDigit,
} from '@promesse/shared';
import { formatDate } from '../../web/src/components/format';

// Walks every French text of the app (the shared catalog the API renders, the web's locale) for the grammar rules
// of issue 16, then renders the cases the issue names.

type Texts = Record<string, string>;

function flatten(value: unknown, prefix = '', out: Texts = {}): Texts {
  if (typeof value === 'string') out[prefix] = value;
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const ROOT = path.resolve(__dirname, '..', '..');
const webLocale = (l: string): Texts =>
  flatten(JSON.parse(readFileSync(path.join(ROOT, 'web', 'src', 'locales', `${l}.json`), 'utf8')));

const CATALOGS: [string, { fr: Texts; en: Texts }][] = [
  ['shared catalog', { fr: { ...MESSAGES.fr }, en: { ...MESSAGES.en } }],
  ['web locale', { fr: webLocale('fr'), en: webLocale('en') }],
];

/** Parameters that hold numbers or formatted values, never a name needing "d’". */
const NOT_NAMES = new Set([
  'count',
  'km',
  'min',
  'max',
  'days',
  'distance',
  'score',
  'radius',
  'positions',
  'line',
  'date',
]);

describe.each(CATALOGS)('%s', (_name, { fr, en }) => {
  it('has the same keys in French and English', () => {
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
    expect([...new Set(Object.keys(en).map(base))].sort()).toEqual([...new Set(Object.keys(fr).map(base))].sort());
  });

  it('gives every "_one" plural its "_other"', () => {
    for (const key of Object.keys(fr).filter((k) => k.endsWith('_one'))) {
      expect(fr).toHaveProperty([key.replace(/_one$/, '_other')]);
    }
  });

  it('elides through the "de" formatters, never "de {{name}}"', () => {
    const bad = Object.entries(fr).filter(([, text]) =>
      [...text.matchAll(/\bde \{\{(\w+)\}\}/g)].some((m) => !NOT_NAMES.has(m[1] ?? '')),
    );
    expect(bad).toEqual([]);
  });

  it('says "Candidature directe", never "spontanée"', () => {
    expect(Object.entries(fr).filter(([, text]) => /spontan/i.test(text))).toEqual([]);
  });
});

describe('French renderings of issue 16', () => {
  it('elides before a name and gives the school its article', () => {
    expect(
      renderMessage('notification.APPLICATION_STATUS_CHANGED.whoStaff', { studentName: 'Emma Moreau' }, 'fr'),
    ).toBe('La candidature d’Emma Moreau');
    expect(
      renderMessage('notification.APPLICATION_STATUS_CHANGED.whoStaff', { studentName: 'Lina Martin' }, 'fr'),
    ).toBe('La candidature de Lina Martin');
    expect(
      renderMessage(
        'notification.PARTNERSHIP_REQUESTED.body',
        { companyName: 'Oise Mécanique', schoolName: 'École de Production O’TECH Compiègne' },
        'fr',
      ),
    ).toBe('Oise Mécanique demande à devenir partenaire de l’École de Production O’TECH Compiègne.');
    expect(
      renderMessage('notification.APPLICATION_STATUS_CHANGED.whoStaff', { studentName: 'Emma Moreau' }, 'en'),
    ).toBe('Emma Moreau’s application');
  });

  it('writes plurals with the plural forms', () => {
    expect(renderMessage('roster.import.hasErrors', { count: 1 }, 'fr')).toBe(
      '1 ligne à corriger\u00a0: aucun élève n’a été importé',
    );
    expect(renderMessage('roster.import.hasErrors', { count: 2 }, 'fr')).toBe(
      '2 lignes à corriger\u00a0: aucun élève n’a été importé',
    );
  });

  it('writes the first of the month "1er", in the one date format', () => {
    expect(formatDate('2026-12-01T00:00:00.000Z', 'fr')).toBe('1er décembre 2026');
    expect(formatDate('2026-12-02', 'fr')).toBe('2 décembre 2026');
    expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026');
  });

  it('names an application to a published promise "Candidature directe"', () => {
    expect(APPLICATION_SOURCE_LABELS.fr.STUDENT).toBe('Candidature directe');
  });

  it('says a SIRET whose check digit is wrong is not valid', () => {
    const valid = withLuhnCheckDigit('7328293200007');
    const wrong = `${valid.slice(0, 13)}${(Number(valid[13]) + 1) % 10}`;
    expect(siretSchema.safeParse(wrong).error?.issues[0]?.message).toBe('Ce numéro SIRET n’est pas valide');
  });
});

// French typography: a no-break space (never an ordinary one, never none) before ; : ! ? » and after «. The
// i18next post-processor frenchTypography puts it in every French text the API and the web render.
const BAD_SPACING = /[^\S\u00a0\u202f][;:!?»]|«[^\S\u00a0\u202f]/;
const PARAMS = {
  name: 'Emma Moreau',
  studentName: 'Emma Moreau',
  companyName: 'Oise Mécanique',
  schoolName: 'École de Production de l’Oise',
  title: 'Soudeur·se',
  count: 2,
  date: '2026-12-01',
  value: 'x',
};

describe('French typography', () => {
  it('the post-processor turns the space before ; : ! ? » and after « into a no-break space, URLs untouched', () => {
    expect(frenchTypography('Statut : « Envoyée » ! Vraiment ? Oui ; non')).toBe(
      'Statut\u00a0: «\u00a0Envoyée\u00a0»\u00a0! Vraiment\u00a0? Oui\u00a0; non',
    );
    expect(frenchTypography('Lien : https://promesse.fr/ecole?situation=OFFER_RECEIVED')).toBe(
      'Lien\u00a0: https://promesse.fr/ecole?situation=OFFER_RECEIVED',
    );
  });

  it('every French message of the shared catalog renders with no-break spaces', () => {
    const bad = Object.keys(MESSAGES.fr)
      .map((key) => [key, renderMessage(key.replace(/_(one|other)$/, ''), PARAMS, 'fr')] as const)
      .filter(([, text]) => BAD_SPACING.test(text));
    expect(bad).toEqual([]);
    // English keeps its own spacing.
    expect(renderMessage('roster.import.emailInvalid', { value: 'x' }, 'en')).toBe('Invalid e-mail address: x');
  });

  it('every French text of the web locale renders with no-break spaces (same post-processor as the web app)', () => {
    const web = i18next.createInstance();
    web.use(frenchTypographyProcessor);
    void web.init({
      initAsync: false,
      resources: { fr: { translation: JSON.parse(readFileSync(path.join(ROOT, 'web/src/locales/fr.json'), 'utf8')) } },
      lng: 'fr',
      interpolation: { escapeValue: false },
      postProcess: [FRENCH_TYPOGRAPHY],
    });
    addWordingFormatters(web);
    const keys = [...new Set(Object.keys(webLocale('fr')).map((k) => k.replace(/_(one|other)$/, '')))];
    const bad = keys.map((k) => [k, String(web.t(k, PARAMS))] as const).filter(([, text]) => BAD_SPACING.test(text));
    expect(bad).toEqual([]);
    expect(web.t('followUp.applicationEvent', { title: 'Soudeur·se', status: 'Envoyée' })).toBe(
      '«\u00a0Soudeur·se\u00a0»\u00a0: Envoyée',
    );
  });

  it('names the roster situations in plain French, "Offre reçue" among them', () => {
    expect(Object.values(STUDENT_SITUATION_LABELS.fr)).toEqual([
      'En recherche',
      'A candidaté',
      'Offre reçue',
      'Embauché·e',
      'Poursuit ses études',
    ]);
  });
});
