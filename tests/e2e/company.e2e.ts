import type { Page } from 'playwright-core';
import { withLuhnCheckDigit } from '@promesse/shared';
import {
  checkBothWidths,
  expectNoSeriousA11yViolations,
  horizontalOverflow,
  logInThroughPage,
  mailedLink,
  pickTown,
  screenshot,
  VIEWPORTS,
} from './harness';
import { dayFromNow, e2eSuite } from './harness.suite';

// The company's flow on the demo data: a draft promise created through the form (validated by the shared
// schema), published, then an applicant moved along the board with only the moves the shared machine allows.

const RECRUITER = { email: 'recrutement@chaudronnerie-chalonnais.demo', password: 'promesse-demo-2026' };
// A student of the École de Production de Chalon-sur-Saône, a partner school of the company.
const STUDENT = { email: 'lina.martin@eleve.promesse.demo', password: 'promesse-demo-2026' };

const e2e = e2eSuite({ seedDemo: true });
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

async function logIn(account: { email: string; password: string }): Promise<void> {
  await logInThroughPage(page, account, '/entreprise');
}

async function studentApplies(jobPromiseId: string): Promise<void> {
  await e2e.gql(
    'mutation ($id: ID!) { applyToJobPromise(jobPromiseId: $id, message: "Je suis intéressée.") { id } }',
    { id: jobPromiseId },
    await e2e.token(STUDENT),
  );
}

describe('company area', () => {
  test('the promises page lists the company’s own promises; accessible at 1280 and 360 px', async () => {
    await logIn(RECRUITER);
    const list = page.getByTestId('company-promises');
    await list.waitFor();
    expect(await list.getByTestId('company-promise').count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Mes promesses d’embauche');
    await checkBothWidths(page, 'company-promises', list);
  });

  test('the recruiter creates and publishes a promise, then moves an applicant along the board', async () => {
    await logIn(RECRUITER);
    await page.getByRole('link', { name: 'Nouvelle promesse' }).click();
    await page.waitForURL('**/entreprise/promesses/nouvelle');

    // The shared schema rejects an empty form, in French, on the fields.
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.locator('.field__error').first().waitFor();
    expect(await page.getByLabel('Intitulé du poste').getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'company-promise-form-360');
    await page.setViewportSize(VIEWPORTS.desktop);

    const title = 'Soudeur·se polyvalent·e (test e2e)';
    await page.getByLabel('Intitulé du poste').fill(title);
    await page.getByLabel('Description du poste').fill('Soudure TIG et MIG sur pièces de chaudronnerie, en équipe.');
    await page.getByLabel('Métier', { exact: true }).selectOption('WELDING');
    await page.getByLabel('Type de contrat').selectOption('CDI');
    await page.getByLabel('Nombre de postes').fill('2');
    await page.getByLabel('Compétences recherchées').fill('soudure TIG, lecture de plans');
    await pickTown(page, 'Ville du poste', 'chalon sur', 'Chalon-sur-Saône');
    await page.getByLabel('Date de début').fill(dayFromNow(30));
    await page.getByLabel('Candidatures jusqu’au').fill(dayFromNow(90));
    // Target schools: only approved partners are offered.
    const schools = page.getByRole('group', { name: 'Écoles visées' });
    await schools.getByRole('checkbox').first().waitFor();
    await schools.getByRole('checkbox', { name: /Chalon-sur-Saône/ }).check();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

    await page.waitForURL(/\/entreprise\/promesses\/[0-9a-f]{24}$/);
    const id = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const status = page.getByTestId('promise-status');
    expect(await status.textContent()).toBe('Brouillon');
    await page.getByText('Écoles visées : École de Production de Chalon-sur-Saône').waitFor();

    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByTestId('promise-status').filter({ hasText: 'Ouverte' }).waitFor();
    await page.getByRole('heading', { name: 'Pas encore de candidature' }).waitFor();

    // The board follows new applications live (socket.io), without a reload.
    await page.locator('header[data-realtime="connected"]').waitFor();
    await studentApplies(id);
    const board = page.getByTestId('applicants-board');
    await board.waitFor();
    const submitted = board.getByRole('region', { name: /^Envoyée/ });
    const applicant = submitted.getByTestId('applicant');
    await applicant.waitFor();
    expect(await applicant.getByRole('heading').textContent()).toBe('Lina Martin'); // she applied: her name is no longer hidden
    // From SUBMITTED the company may shortlist or reject, nothing else.
    expect(await applicant.getByRole('button').allTextContents()).toEqual(['Présélectionner', 'Refuser']);
    await screenshot(page, 'company-board-1280');

    await applicant.getByRole('button', { name: 'Présélectionner' }).click();
    const shortlisted = board.getByRole('region', { name: /^Présélectionnée/ }).getByTestId('applicant');
    await shortlisted.waitFor();
    expect((await shortlisted.getByRole('button').allTextContents()).sort()).toEqual([
      'Proposer un entretien',
      'Refuser',
    ]);

    // Rejecting asks for a reason first.
    await shortlisted.getByRole('button', { name: 'Refuser' }).click();
    await shortlisted
      .getByLabel('Motif du refus (transmis à l’élève)')
      .fill('Poste pourvu par un profil plus expérimenté.');
    await shortlisted.getByRole('button', { name: 'Confirmer le refus' }).click();
    // A refusal cannot be undone: the app's confirmation dialog asks once more.
    await page
      .getByRole('dialog', { name: 'Refuser la candidature de Lina Martin ?' })
      .getByRole('button', { name: 'Confirmer le refus' })
      .click();
    await board
      .getByRole('region', { name: /^Refusée/ })
      .getByTestId('applicant')
      .waitFor();
    await expectNoSeriousA11yViolations(page);

    await page.setViewportSize(VIEWPORTS.phone);
    await board.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await screenshot(page, 'company-board-360');
  });

  test('a company signs up from the log-in page (SIRET checked) and lands on its empty promises page', async () => {
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'Vous recrutez ? Inscrivez votre entreprise' }).click();
    await page.waitForURL('**/inscription-entreprise');
    await page.getByLabel('Nom de l’entreprise').fill('Ateliers Test Inscription');
    await page.getByLabel('SIRET').fill('123 456 789 00010');
    await pickTown(page, 'Ville', 'dijon', 'Dijon');
    await page.getByLabel('Votre nom (contact recrutement)').fill('Marie Curie');
    await page.getByLabel('Adresse e-mail professionnelle').fill('recrutement@ateliers-test.example');
    await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Créer le compte entreprise' }).click();
    // A SIRET with a wrong check digit is refused by the shared schema before any request.
    const siret = page.getByLabel('SIRET');
    await page.locator('.field--invalid .field__error').first().waitFor();
    expect(await siret.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'company-signup-1280');

    await siret.fill(withLuhnCheckDigit('9876543210001'));
    await page.getByRole('button', { name: 'Créer le compte entreprise' }).click();
    // No session yet: the sign-up ends on "check your mailbox"; the e-mailed link activates the account.
    await page.waitForURL('**/inscription-entreprise/envoyee');
    await page.getByRole('heading', { name: 'Vérifiez votre boîte e-mail' }).waitFor();
    await page.goto(await mailedLink(e2e.server, 'recrutement@ateliers-test.example', '/verification-email#'));
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.waitForURL('**/entreprise');
    await page.getByRole('heading', { name: 'Aucune promesse pour l’instant' }).waitFor();
  });

  test('the recruiter edits a draft, then closes it', async () => {
    await logIn(RECRUITER);
    await page.getByRole('link', { name: 'Nouvelle promesse' }).click();
    await page.getByLabel('Intitulé du poste').fill('Brouillon à corriger');
    await page.getByLabel('Description du poste').fill('Chaudronnerie fine, tôlerie.');
    await page.getByLabel('Métier', { exact: true }).selectOption('BOILERMAKING');
    await page.getByLabel('Type de contrat').selectOption('APPRENTICESHIP');
    await pickTown(page, 'Ville du poste', 'st remy', 'Saint-Rémy, Saône-et-Loire');
    await page.getByLabel('Date de début').fill(dayFromNow(20));
    await page.getByLabel('Candidatures jusqu’au').fill(dayFromNow(60));
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Brouillon à corriger' }).waitFor();

    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL('**/modifier');
    const title = page.getByLabel('Intitulé du poste');
    expect(await title.inputValue()).toBe('Brouillon à corriger');
    expect(await page.getByLabel('Ville du poste').inputValue()).toBe('Saint-Rémy');
    await title.fill('Chaudronnier·ère en apprentissage');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chaudronnier·ère en apprentissage' }).waitFor();

    await page.getByRole('button', { name: 'Clore la promesse' }).click();
    // Confirmed in the app's dialog (never window.confirm).
    await page
      .getByRole('dialog', { name: 'Clore la promesse ?' })
      .getByRole('button', { name: 'Clore la promesse' })
      .click();
    await page.getByTestId('promise-status').filter({ hasText: 'Clôturée' }).waitFor();
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
  });

  test('the recruiter asks a new school for a partnership and sees it pending', async () => {
    await logIn(RECRUITER);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Partenariats' })
      .click();
    await page.waitForURL('**/entreprise/partenariats');
    const school = page.getByRole('article').filter({ hasText: 'École de Production de Tarbes' });
    await school.waitFor();
    // The company's own school is already a partner: no request button there.
    const own = page.getByRole('article').filter({ hasText: 'École de Production de Chalon-sur-Saône' });
    expect(await own.locator('.status-badge').textContent()).toContain('Approuvé');
    expect(await own.getByRole('button').count()).toBe(0);

    await school.getByRole('button', { name: /Demander un partenariat/ }).click();
    await school.locator('.status-badge', { hasText: 'En attente' }).waitFor();
    expect(await school.getByRole('button').count()).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'company-partnerships-1280');
  });
});
