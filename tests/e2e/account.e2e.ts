import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  expectNoSeriousA11yViolationsAtBothWidths,
  launchBrowser,
  logInThroughPage,
  newContext,
  screenshot,
  startServer,
  type TestServer,
} from './harness';

// Issue 16, profile: each role changes its e-mail address and password from the account settings page (reached from
// the profile pages and the header), confirmed with the current password. axe at 1280 and 360 px. The notifications
// page keeps no second set of "mute" checkboxes: the channel preferences page is the one place for that choice.

const PASSWORD = 'promesse-demo-2026';
const STUDENT = { email: 'lina.martin@eleve.promesse.demo', password: PASSWORD };
const STAFF = { email: 'staff.chalon@promesse.demo', password: PASSWORD };
const RECRUITER = { email: 'recrutement@chaudronnerie-chalonnais.demo', password: PASSWORD };

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startServer({ seedDemo: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  context = await newContext(browser, server.url);
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

/** A form's card on the account page, by its heading. */
function card(heading: string): Locator {
  return page.locator('section.card', { has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
}

test('a student changes their password from the profile: the wrong current one is refused on its field', async () => {
  await logInThroughPage(page, STUDENT, '/eleve');
  await page.goto('/eleve/profil');
  await page.getByRole('link', { name: 'Changer mon adresse e-mail ou mon mot de passe' }).click();
  await page.waitForURL('**/parametres/compte');
  await page.getByRole('heading', { level: 1, name: 'Adresse e-mail et mot de passe' }).waitFor();
  await expectNoSeriousA11yViolationsAtBothWidths(page);
  await screenshot(page, 'account-student-1280');

  const form = card('Mot de passe');
  const current = form.getByLabel('Mot de passe actuel');
  await current.fill('pas-le-bon-mot-de-passe');
  await form.getByLabel('Nouveau mot de passe').fill('une-phrase-toute-neuve-42');
  await form.getByRole('button', { name: 'Changer de mot de passe' }).click();
  await form.getByText('Mot de passe incorrect').waitFor();
  expect(await current.getAttribute('aria-invalid')).toBe('true');
  await expectNoSeriousA11yViolationsAtBothWidths(page);

  await current.fill(PASSWORD);
  await form.getByLabel('Nouveau mot de passe').fill('une-phrase-toute-neuve-42');
  await form.getByRole('button', { name: 'Changer de mot de passe' }).click();
  await page.getByTestId('password-change-message').filter({ hasText: 'Mot de passe modifié.' }).waitFor();
  // This device stays signed in.
  await page.goto('/eleve/profil');
  await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();

  const other = await newContext(browser, server.url);
  try {
    const second = await other.newPage();
    await logInThroughPage(second, { ...STUDENT, password: 'une-phrase-toute-neuve-42' }, '/eleve');
  } finally {
    await other.close();
  }
});

test('school staff change their e-mail address from the header link', async () => {
  await logInThroughPage(page, STAFF, '/ecole');
  await page.getByRole('link', { name: 'Paramètres' }).click();
  await page.waitForURL('**/parametres/compte');
  const form = card('Adresse e-mail');
  await form.getByText(STAFF.email).waitFor();
  await form.getByLabel('Nouvelle adresse e-mail').fill('sam.formateur@chalon.promesse.demo');
  await form.getByLabel('Mot de passe actuel').fill(PASSWORD);
  await form.getByRole('button', { name: 'Changer d’adresse' }).click();
  await page.getByTestId('email-change-message').filter({ hasText: 'Adresse enregistrée' }).waitFor();
  await form.getByText('sam.formateur@chalon.promesse.demo').first().waitFor();
  await expectNoSeriousA11yViolationsAtBothWidths(page);
  await screenshot(page, 'account-staff-email-changed-1280');
});

test('a recruiter reaches the same page from the company profile', async () => {
  await logInThroughPage(page, RECRUITER, '/entreprise');
  await page.goto('/entreprise/profil');
  await page.getByRole('link', { name: 'Changer mon adresse e-mail ou mon mot de passe' }).click();
  await page.waitForURL('**/parametres/compte');
  await card('Mot de passe').getByLabel('Nouveau mot de passe').waitFor();
  await expectNoSeriousA11yViolationsAtBothWidths(page);
});

test('the notifications page has no mute checkboxes of its own; it links to the channel preferences', async () => {
  await logInThroughPage(page, RECRUITER, '/entreprise');
  await page.goto('/notifications');
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  expect(await page.getByRole('checkbox').count()).toBe(0);
  await page.getByRole('link', { name: /Choisir comment être prévenu/ }).click();
  await page.waitForURL('**/parametres/notifications');
  await page.getByRole('radio').first().waitFor();
});
