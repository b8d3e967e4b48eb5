import type { Page } from 'playwright-core';
import en from '../../web/src/locales/en.json';
import fr from '../../web/src/locales/fr.json';
import {
  CHAUMONT_COMPANY,
  CHAUMONT_SCHOOL,
  companyRequestingPartnership,
  createSchoolWithStaff,
  e2eSuite,
} from './harness.suite';

// The language of what the API says follows the reader: a school staff member who switched the UI to English reads
// the partnership-request notification and the errors of the invite form (a validation error and a CONFLICT from
// the API) in English; a colleague who kept French reads the same ones in French.

const e2e = e2eSuite();

const COMPANY_NAME = CHAUMONT_COMPANY.companyName;
const SCHOOL_NAME = CHAUMONT_SCHOOL.name;
const STAFF_EN = { email: 'claire.martin@chaumont.promesse.test', password: 'atelier-usinage-52' };
const STAFF_FR = { email: 'paul.durand@chaumont.promesse.test', password: 'atelier-soudure-52' };

const EXPECTED = {
  en: {
    ui: en,
    title: 'Partnership request',
    body: `${COMPANY_NAME} asks to partner with ${SCHOOL_NAME}.`,
    invalidEmail: 'Invalid e-mail address',
    emailTaken: 'An account already exists with this e-mail address',
  },
  fr: {
    ui: fr,
    title: 'Demande de partenariat',
    body: `${COMPANY_NAME} demande à devenir partenaire de l’${SCHOOL_NAME}.`,
    invalidEmail: 'Adresse e-mail invalide',
    emailTaken: 'Un compte existe déjà avec cette adresse e-mail',
  },
} as const;

async function setUpSchool(): Promise<void> {
  const { schoolId } = await createSchoolWithStaff(e2e.server, CHAUMONT_SCHOOL, [
    { ...STAFF_EN, firstName: 'Claire', lastName: 'Martin' },
    { ...STAFF_FR, firstName: 'Paul', lastName: 'Martin' },
  ]);
  await companyRequestingPartnership(e2e.server, CHAUMONT_COMPANY, schoolId);
}

/** Submits the invite-a-student form with `email` and waits for `expected` in its alert or under its field. */
async function invite(page: Page, locale: 'en' | 'fr', email: string, expected: string): Promise<void> {
  const { ui } = EXPECTED[locale];
  const form = page.getByTestId('student-invite');
  await form.getByLabel(ui.school.inviteEmail).fill(email);
  await form.getByRole('button', { name: ui.school.inviteSubmit }).click();
  await form.getByText(expected, { exact: true }).waitFor();
}

async function expectNotification(page: Page, locale: 'en' | 'fr'): Promise<void> {
  const texts = EXPECTED[locale];
  await page.goto('/notifications');
  const item = page.getByTestId('notification').first();
  await item.getByRole('heading', { level: 2, name: texts.title }).waitFor();
  expect(await item.locator('.notif__body').textContent()).toBe(texts.body);
}

/** What the API holds for the account: its saved language and the title it renders of its latest notification. */
async function accountView(token: string): Promise<{ locale: string; title: string }> {
  const data = await e2e.gql<{
    me: { locale: string };
    notifications: { edges: { node: { title: string } }[] };
  }>('{ me { locale } notifications(first: 1) { edges { node { title } } } }', {}, token);
  return { locale: data.me.locale, title: data.notifications.edges[0]?.node.title ?? '' };
}

/** The language switch saves the choice on the account in the background: wait until the API has it. */
async function waitForSavedLocale(token: string, locale: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await accountView(token)).locale !== locale) {
    if (Date.now() > deadline) throw new Error(`locale not saved as ${locale}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(setUpSchool);

test('a staff member who switched to English reads the notification and the errors in English', async () => {
  const page = await e2e.signedInPage(STAFF_EN, '/ecole');
  await page.getByRole('button', { name: new RegExp(fr.app.switchToEnglish) }).click();
  await page.locator('html[lang="en"]').waitFor();

  await invite(page, 'en', 'not-an-e-mail', EXPECTED.en.invalidEmail);
  await invite(page, 'en', STAFF_FR.email, EXPECTED.en.emailTaken);
  await expectNotification(page, 'en');

  // Saved on the account, so the API's own texts (GraphQL title, socket pushes) follow too.
  const token = await e2e.token(STAFF_EN);
  await waitForSavedLocale(token, 'en');
  expect((await accountView(token)).title).toBe(EXPECTED.en.title);
});

test('a staff member who kept French reads them in French', async () => {
  const page = await e2e.signedInPage(STAFF_FR, '/ecole');
  await invite(page, 'fr', 'pas-une-adresse', EXPECTED.fr.invalidEmail);
  await invite(page, 'fr', STAFF_EN.email, EXPECTED.fr.emailTaken);
  await expectNotification(page, 'fr');
  expect(await accountView(await e2e.token(STAFF_FR))).toEqual({ locale: 'fr', title: EXPECTED.fr.title });
});
