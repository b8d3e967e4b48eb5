import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectNoSeriousA11yViolations,
  expectNoSeriousA11yViolationsAtBothWidths,
  graphqlRequest,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type TestServer,
  VIEWPORTS,
} from './harness';

// Issue 16, places: a student from a village (Xertigny, Vosges) picks their own town in the town picker (the
// `towns` gazetteer) and then sees distances from it in the search.

const STAFF = { email: 'staff.remiremont@promesse.demo', password: 'promesse-demo-2026' };

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

/** A new student of the Remiremont school, through an invitation (as staff would do). */
async function newStudent(): Promise<{ email: string; password: string }> {
  const { logIn } = await graphqlRequest<{ logIn: { token: string } }>(
    server,
    'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    STAFF,
  );
  const email = `village.${Date.now()}@eleve.promesse.test`;
  const { inviteUser } = await graphqlRequest<{ inviteUser: { code: string } }>(
    server,
    'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { code } }',
    { input: { email, role: 'STUDENT' } },
    logIn.token,
  );
  const password = 'mot-de-passe-village';
  await graphqlRequest(
    server,
    'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
    { input: { code: inviteUser.code, password, firstName: 'Manon', lastName: 'Didier' } },
  );
  return { email, password };
}

describe('town picker', () => {
  test('a student of Xertigny picks their village and sees distances from it', async () => {
    const student = await newStudent();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(student.email);
    await page.getByLabel('Mot de passe').fill(student.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/eleve');
    await page.goto('/eleve/profil');

    const town = page.getByRole('combobox', { name: 'Ville' });
    await town.fill('xertig');
    const option = page.getByRole('option', { name: /^Xertigny/ });
    await option.waitFor();
    expect(await option.textContent()).toContain('Vosges (88)');
    await expectNoSeriousA11yViolationsAtBothWidths(page);
    await option.click();
    expect(await town.inputValue()).toBe('Xertigny');
    await page.getByLabel('Métier', { exact: true }).selectOption({ label: 'Couture et textile' });
    await page.getByLabel('Diplôme', { exact: true }).selectOption({ label: 'CAP' });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Profil enregistré.').waitFor();
    await screenshot(page, 'places-profile-xertigny-1280');

    await page.goto('/eleve/recherche');
    await page.getByTestId('search-results').waitFor();
    expect(await page.getByRole('combobox', { name: 'Depuis' }).inputValue()).toBe('Xertigny');
    const distances = await page.getByTestId('promise-distance').allTextContents();
    expect(distances.length).toBeGreaterThan(0);
    // Remiremont's promises are about 14 km from Xertigny.
    expect(distances.some((d) => /^à 1\d\s?km$/.test(d.trim()))).toBe(true);
    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'places-search-xertigny-360');
  });

  test('accents, case and "st" are forgiven in the picker', async () => {
    const student = await newStudent();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(student.email);
    await page.getByLabel('Mot de passe').fill(student.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/eleve');
    await page.goto('/eleve/profil');
    const town = page.getByRole('combobox', { name: 'Ville' });
    await town.fill('st remy');
    await page
      .getByRole('option', { name: /^Saint-Rémy/ })
      .first()
      .waitFor();
    await town.fill('VITRY LE F');
    await page.getByRole('option', { name: /^Vitry-le-François/ }).waitFor();
    await town.press('ArrowDown');
    await town.press('Enter');
    expect(await town.inputValue()).toBe('Vitry-le-François');
  });
});
