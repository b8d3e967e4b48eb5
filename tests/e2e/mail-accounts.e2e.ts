import { expectNoSeriousA11yViolations, logInThroughPage, mailedLink, pickTown, screenshot } from './harness';
import { createSchoolWithStaff, e2eSuite } from './harness.suite';

// Accounts by e-mail (issue 14), through the browser and the messages the server's in-process SMTP server stored
// (the `.eml` files the API tests read too): an invitation e-mailed by a school's staff, a password reset from the
// log-in page, a company sign-up confirmed from its e-mail. axe on every new page.

const STAFF = { email: 'claire.martin@ecole-e2e.promesse.test', password: 'staff-password-2026' };
const STUDENT = { email: 'lea.roux@eleve-e2e.promesse.test', password: 'student-password-2026' };

const e2e = e2eSuite();

beforeAll(async () => {
  // The federation creates a school and invites its first staff member (through the API: not what is tested here).
  await createSchoolWithStaff(
    e2e.server,
    { name: 'École de Production E2E', city: 'Lyon', location: { lat: 45.76, lng: 4.84 }, trades: ['WELDING'] },
    [{ ...STAFF, firstName: 'Claire', lastName: 'Martin' }],
  );
});

test('staff invite a student by e-mail; the student opens the e-mailed link and signs up; pending list with resend and revoke', async () => {
  const staff = await e2e.newPage();
  await logInThroughPage(staff, STAFF, '/ecole');
  const inviteForm = staff.getByTestId('student-invite');
  await inviteForm.getByLabel('Adresse e-mail').fill(STUDENT.email);
  await inviteForm.getByRole('button', { name: 'Inviter l’élève' }).click();
  await staff.getByTestId('invitation-result').waitFor();

  // The invitation is listed as pending for its inviter.
  const pending = staff.getByTestId('pending-invitations');
  await pending.getByRole('rowheader', { name: STUDENT.email }).waitFor();

  // A second invitation: resent, then withdrawn (it leaves the list).
  const other = 'tom.petit@eleve-e2e.promesse.test';
  await inviteForm.getByLabel('Adresse e-mail').fill(other);
  await inviteForm.getByRole('button', { name: 'Inviter l’élève' }).click();
  await pending.getByRole('rowheader', { name: other }).waitFor();
  await pending.getByRole('button', { name: `Renvoyer l’invitation à ${other}` }).click();
  await staff.getByText(`Invitation renvoyée à ${other}.`).waitFor();
  await pending.getByRole('button', { name: `Retirer l’invitation de ${other}` }).click();
  await staff.getByText(`Invitation de ${other} retirée.`).waitFor();
  await pending.getByRole('rowheader', { name: other }).waitFor({ state: 'detached' });
  await expectNoSeriousA11yViolations(staff);
  await screenshot(staff, 'school-pending-invitations');

  // The student opens the link of the stored e-mail and creates their account.
  const link = await mailedLink(e2e.server, STUDENT.email, '/invitation/');
  const student = await e2e.newPage();
  await student.goto(link);
  await student.getByLabel('Prénom').fill('Léa');
  await student.getByLabel('Nom', { exact: true }).fill('Roux');
  await student.getByLabel('Mot de passe').fill(STUDENT.password);
  await student.getByRole('button', { name: 'Activer mon compte' }).click();
  await student.waitForURL('**/eleve');

  // Used: it is no longer pending.
  await staff.reload();
  await staff.getByTestId('pending-invitations').getByText('Aucune invitation en attente').waitFor();
});

test('a user resets their password from the log-in page through the e-mailed link', async () => {
  const page = await e2e.newPage();
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await page.waitForURL('**/mot-de-passe/oublie');
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel('Adresse e-mail').fill(STAFF.email);
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await page.getByTestId('reset-requested').waitFor();
  expect(await page.getByTestId('reset-requested').textContent()).toContain(
    `Si un compte Promesse existe avec l’adresse ${STAFF.email}`,
  );
  await expectNoSeriousA11yViolations(page);

  const link = await mailedLink(e2e.server, STAFF.email, '/mot-de-passe/nouveau#');
  await page.goto(link);
  await page.getByRole('heading', { name: 'Choisir un nouveau mot de passe' }).waitFor();
  await expectNoSeriousA11yViolations(page);
  // The shared password schema speaks first.
  await page.getByLabel('Nouveau mot de passe').fill('court');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.locator('.field--invalid .field__error').first().waitFor();
  const newPassword = 'a-fresh-staff-password-77';
  await page.getByLabel('Nouveau mot de passe').fill(newPassword);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.waitForURL('**/connexion');
  await page.getByTestId('password-changed').waitFor();
  await expectNoSeriousA11yViolations(page);

  await logInThroughPage(page, { email: STAFF.email, password: newPassword }, '/ecole');
  STAFF.password = newPassword;
});

test('a company signs up, is told to check its mailbox, confirms from the e-mail and is logged in', async () => {
  const email = 'recrutement@soudure-e2e.promesse.test';
  const password = 'soudure-lyonnaise-2026';
  const page = await e2e.newPage();
  await page.goto('/inscription-entreprise');
  await page.getByLabel('Nom de l’entreprise').fill('Soudure Lyonnaise E2E');
  await page.getByLabel('SIRET').fill('732 829 320 00074');
  await pickTown(page, 'Ville', 'lyon', 'Lyon');
  await page.getByLabel('Votre nom (contact recrutement)').fill('Julien Bernard');
  await page.getByLabel('Adresse e-mail professionnelle').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer le compte entreprise' }).click();
  await page.waitForURL('**/inscription-entreprise/envoyee');
  await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
  expect(await page.getByTestId('signup-sent').textContent()).toContain(email);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'company-signup-sent');

  // Not usable before the address is confirmed: the log-in says why.
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText('Confirmez d’abord votre adresse e-mail', { exact: false }).waitFor();

  await page.goto(await mailedLink(e2e.server, email, '/verification-email#'));
  await page.getByRole('heading', { name: 'Confirmer mon adresse e-mail' }).waitFor();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await page.waitForURL('**/entreprise');

  // And later from any device, with the password chosen at sign-up.
  const elsewhere = await e2e.newPage();
  await logInThroughPage(elsewhere, { email, password }, '/entreprise');
});
