import type { Page } from 'playwright-core';
import {
  expectNoSeriousA11yViolations,
  expectNoSeriousA11yViolationsAtBothWidths,
  logInThroughPage,
  screenshot,
  VIEWPORTS,
} from './harness';
import { e2eSuite, invitePerson } from './harness.suite';

// Issue 16, places: a student from a village (Xertigny, Vosges) picks their own town in the town picker (the
// `towns` gazetteer) and then sees distances from it in the search.

const STAFF = { email: 'staff.remiremont@promesse.demo', password: 'promesse-demo-2026' };

const e2e = e2eSuite({ seedDemo: true });
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

/** A new student of the Remiremont school, through an invitation (as staff would do), logged in on `page`. */
async function newStudentLoggedIn(): Promise<void> {
  const student = {
    email: `village.${Date.now()}@eleve.promesse.test`,
    password: 'mot-de-passe-village',
    firstName: 'Manon',
    lastName: 'Didier',
  };
  await invitePerson(e2e.server, await e2e.token(STAFF), { ...student, role: 'STUDENT' });
  await logInThroughPage(page, student, '/eleve');
}

describe('town picker', () => {
  test('a student of Xertigny picks their village and sees distances from it', async () => {
    await newStudentLoggedIn();
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
    await newStudentLoggedIn();
    await page.goto('/eleve/profil');
    const town = page.getByRole('combobox', { name: 'Ville' });
    await town.fill('st remy');
    await page
      .getByRole('option', { name: /^Saint-Rémy/ })
      .first()
      .waitFor();
    await town.fill('VITRY LE F');
    await page.getByRole('option', { name: /^Vitry-le-François/ }).waitFor();
    // Each key waits for what it shows: the option highlighted, then the town written into the box.
    await town.press('ArrowDown');
    await page.getByRole('option', { name: /^Vitry-le-François/, selected: true }).waitFor();
    await town.press('Enter');
    await page.waitForFunction(
      (input) => (input as HTMLInputElement).value === 'Vitry-le-François',
      await town.elementHandle(),
    );
    expect(await town.inputValue()).toBe('Vitry-le-François');
  });
});
