import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectNoSeriousA11yViolations,
  graphqlRequest,
  horizontalOverflow,
  launchBrowser,
  logInThroughPage,
  newContext,
  screenshot,
  startServer,
  type TestServer,
  VIEWPORTS,
} from './harness';

// Issue 18, personal data: a student downloads their data (a ZIP) from their profile page, then deletes their
// account through the confirmation dialog (with their password) and can no longer log in. No demo seed: one
// school, one staff member and one student made through the API.

const PASSWORD = 'mot-de-passe-eleve-2026';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let student: { email: string; password: string };
const staff = { email: 'staff.privacy@promesse.test', password: PASSWORD };
let otherStudentId = '';

async function invite(token: string, input: Record<string, unknown>, names: { firstName: string; lastName: string }) {
  const { inviteUser } = await graphqlRequest<{ inviteUser: { code: string } }>(
    server,
    'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { code } }',
    { input },
    token,
  );
  const { acceptInvitation } = await graphqlRequest<{ acceptInvitation: { token: string } }>(
    server,
    'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
    { input: { code: inviteUser.code, password: PASSWORD, ...names } },
  );
  return acceptInvitation.token;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { logIn } = await graphqlRequest<{ logIn: { token: string } }>(
    server,
    'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    server.admin,
  );
  const { createSchool } = await graphqlRequest<{ createSchool: { id: string } }>(
    server,
    'mutation ($input: CreateSchoolInput!) { createSchool(input: $input) { id } }',
    {
      input: {
        name: 'École de Production de Test',
        city: 'Lyon',
        location: { lat: 45.764, lng: 4.8357 },
        trades: ['MACHINING'],
      },
    },
    logIn.token,
  );
  const staffToken = await invite(
    logIn.token,
    { email: 'staff.privacy@promesse.test', role: 'SCHOOL_STAFF', schoolId: createSchool.id },
    { firstName: 'Claire', lastName: 'Formatrice' },
  );
  student = { email: 'lea.privacy@promesse.test', password: PASSWORD };
  await invite(staffToken, { email: student.email, role: 'STUDENT' }, { firstName: 'Léa', lastName: 'Effacée' });
  const otherToken = await invite(
    staffToken,
    { email: 'noe.privacy@promesse.test', role: 'STUDENT' },
    { firstName: 'Noé', lastName: 'Supprimé' },
  );
  const { myStudentProfile } = await graphqlRequest<{ myStudentProfile: { id: string } }>(
    server,
    '{ myStudentProfile { id } }',
    {},
    otherToken,
  );
  otherStudentId = myStudentProfile.id;
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

describe('personal data', () => {
  test('the profile page offers export and deletion; accessible at 1280 and 360 px', async () => {
    await logInThroughPage(page, student, '/eleve');
    await page.goto('/eleve/profil');
    const section = page.getByTestId('personal-data');
    await section.getByRole('heading', { name: 'Mes données personnelles' }).waitFor();
    await section.getByRole('button', { name: 'Télécharger mes données' }).waitFor();
    await section.getByRole('button', { name: 'Supprimer mon compte' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'privacy-profile-1280');
    await page.setViewportSize(VIEWPORTS.phone);
    await section.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'privacy-profile-360');
  });

  test('a student exports their data, then deletes their account and can no longer log in', async () => {
    await logInThroughPage(page, student, '/eleve');
    await page.goto('/eleve/profil');
    const section = page.getByTestId('personal-data');

    const downloading = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Télécharger mes données' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^promesse-donnees-\d{4}-\d{2}-\d{2}\.zip$/);
    const bytes = readFileSync((await download.path()) ?? '');
    expect(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true);
    expect(bytes.toString('latin1')).toContain('profile.json');
    await section.getByRole('status').filter({ hasText: 'Téléchargement lancé.' }).waitFor();

    // Cancelling changes nothing.
    await section.getByRole('button', { name: 'Supprimer mon compte' }).click();
    let dialog = page.getByRole('dialog', { name: 'Supprimer votre compte\u00a0?' });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });

    // A wrong password is refused, in words.
    await section.getByRole('button', { name: 'Supprimer mon compte' }).click();
    dialog = page.getByRole('dialog', { name: 'Supprimer votre compte\u00a0?' });
    await dialog.getByLabel('Votre mot de passe, pour confirmer').fill('pas-le-bon-mot-de-passe');
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await section.getByRole('alert').filter({ hasText: 'Mot de passe incorrect' }).waitFor();

    await section.getByRole('button', { name: 'Supprimer mon compte' }).click();
    dialog = page.getByRole('dialog', { name: 'Supprimer votre compte\u00a0?' });
    await dialog.getByLabel('Votre mot de passe, pour confirmer').fill(student.password);
    await screenshot(page, 'privacy-delete-dialog-1280');
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.waitForURL('**/connexion');

    await page.getByLabel('Adresse e-mail').fill(student.email);
    await page.getByLabel('Mot de passe').fill(student.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect' }).waitFor();
    expect(page.url()).toContain('/connexion');
  });

  test('staff export then delete a student of their school from the student page', async () => {
    await logInThroughPage(page, staff, '/ecole');
    await page.goto(`/ecole/eleves/${otherStudentId}`);
    await page.getByRole('heading', { level: 1, name: 'Noé Supprimé' }).waitFor();
    const section = page.getByTestId('student-personal-data');
    const downloading = page.waitForEvent('download');
    await section.getByRole('button', { name: 'Télécharger les données de l’élève' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await expectNoSeriousA11yViolations(page);

    await section.getByRole('button', { name: 'Supprimer le compte de l’élève' }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer le compte de Noé Supprimé\u00a0?' });
    await dialog.getByRole('button', { name: 'Supprimer définitivement' }).click();
    await page.waitForURL('**/ecole');
    // The anonymous record stays for the figures: its page names nobody.
    await page.goto(`/ecole/eleves/${otherStudentId}`);
    await page.getByRole('heading', { level: 1, name: 'Ancien·ne élève' }).waitFor();
    await page.getByTestId('student-erased').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Supprimé');
  });
});
