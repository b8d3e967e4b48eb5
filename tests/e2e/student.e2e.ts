import type { Page } from 'playwright-core';
import {
  checkBothWidths,
  expectNoSeriousA11yViolations,
  expectNoSeriousA11yViolationsAtBothWidths,
  graphqlRequest,
  logInThroughPage,
  pickTown,
  screenshot,
} from './harness';
import { e2eSuite } from './harness.suite';

// The student's flow on the demo data: best-matching promises with score and reasons, a promise page, applying
// with a message, the application and its timeline.

const STAFF = { email: 'staff.chalon@promesse.demo', password: 'promesse-demo-2026' };
const YANIS = { email: 'yanis.bernard@eleve.promesse.demo', password: 'promesse-demo-2026' };
const EMMA = { email: 'emma.moreau@eleve.promesse.demo', password: 'promesse-demo-2026' };
const LINA = { email: 'lina.martin@eleve.promesse.demo', password: 'promesse-demo-2026' };

const e2e = e2eSuite({ seedDemo: true });
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

async function logIn(account: { email: string; password: string }): Promise<void> {
  await logInThroughPage(page, account, '/eleve');
}

/** A promise of Lina's matches she has not applied to yet, read through the API as the page would. */
async function unappliedMatch(): Promise<{ id: string; title: string; score: number }> {
  const { matchingJobPromises } = await graphqlRequest<{
    matchingJobPromises: {
      score: number;
      jobPromise: { id: string; title: string; myApplication: { id: string } | null };
    }[];
  }>(
    e2e.server,
    '{ matchingJobPromises(first: 10) { score jobPromise { id title myApplication { id } } } }',
    {},
    await e2e.token(LINA),
  );
  const match = matchingJobPromises.find((m) => m.jobPromise.myApplication === null);
  if (!match) throw new Error('the demo data should give Lina an open promise she has not applied to');
  return { id: match.jobPromise.id, title: match.jobPromise.title, score: match.score };
}

describe('student area', () => {
  test('the home lists the best-matching promises with a score and reasons; accessible at 1280 and 360 px', async () => {
    await logIn(LINA);
    const list = page.getByTestId('matching-promises');
    await list.waitFor();
    const cards = list.getByTestId('promise-card');
    expect(await cards.count()).toBeGreaterThan(0);
    const score = (await cards.first().getByTestId('match-score').textContent()) ?? '';
    expect(score).toMatch(/^Correspondance\s:\s\d{1,3}\s?%/);
    // Reasons split into strengths and gaps, in plain words (issue 16).
    const strengths = cards.first().getByRole('list', { name: 'Vos atouts' }).getByRole('listitem');
    expect(await strengths.count()).toBeGreaterThan(0);
    expect(await list.textContent()).not.toMatch(/ROME|mise en relation|rayon de mobilité/);
    expect(await page.title()).toBe('Les promesses faites pour vous · Promesse');

    await checkBothWidths(page, 'student-home', list);
  });

  test('the home puts what awaits an answer first: Camille sees her offer before the promises', async () => {
    await logIn({ email: 'camille.fontaine@eleve.promesse.demo', password: 'promesse-demo-2026' });
    const toAnswer = page.getByTestId('to-answer');
    await toAnswer.waitFor();
    expect(await toAnswer.textContent()).toContain('Offre reçue');
    expect(await toAnswer.textContent()).toContain('Tourneur·se sur commande numérique');
    const order = await page.evaluate(() => {
      const first = document.querySelector('[data-testid="to-answer"]');
      const matches = document.querySelector('#best-matches');
      return first && matches ? first.compareDocumentPosition(matches) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
    });
    expect(order).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'student-home-to-answer-1280');
  });

  test('the student applies to a matching promise with a message and follows it in their applications', async () => {
    const target = await unappliedMatch();
    await logIn(LINA);
    await page.getByTestId('matching-promises').getByRole('link', { name: target.title }).first().click();
    await page.waitForURL(`**/eleve/promesses/${target.id}`);
    await page.getByRole('heading', { level: 1, name: target.title }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Message à l’entreprise (facultatif)').fill('Bonjour, ce poste me plaît beaucoup.');
    await page.getByRole('button', { name: 'Je candidate' }).click();
    const status = page.getByTestId('my-application-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('Candidature\u00a0: Envoyée');
    await screenshot(page, 'student-promise-1280');

    await page.getByRole('link', { name: 'Suivre mes candidatures' }).click();
    await page.waitForURL('**/eleve/candidatures');
    const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: target.title }) });
    await card.waitFor();
    expect(await card.getByTestId('application-status').textContent()).toBe('Envoyée');
    // The timeline starts with the creation, and the student may withdraw (the shared machine's only move here).
    expect(await card.locator('.timeline__item').count()).toBe(1);
    await card.getByRole('button', { name: 'Retirer ma candidature' }).waitFor();
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'student-applications-1280');
  });

  test('search narrows the promises by trade and shows a French empty state', async () => {
    await logIn(LINA);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Rechercher' })
      .click();
    await page.waitForURL('**/eleve/recherche');
    const results = page.getByTestId('search-results');
    await results.waitFor();
    expect(await results.getByTestId('promise-card').count()).toBeGreaterThan(0);
    await page.getByLabel('Mots-clés').fill('zzzz introuvable');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: 'Aucune promesse trouvée' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });

  test('an invited student opens the invitation link, sets a name and password, and lands on their home', async () => {
    const { inviteUser } = await graphqlRequest<{ inviteUser: { code: string } }>(
      e2e.server,
      'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { code } }',
      { input: { email: 'nouvel.eleve@eleve.example', role: 'STUDENT' } },
      await e2e.token(STAFF),
    );
    await page.goto(`/invitation/${encodeURIComponent(inviteUser.code)}`);
    await page.getByRole('heading', { level: 1, name: 'Accepter mon invitation' }).waitFor();
    // The code comes from the link: no code field.
    expect(await page.getByLabel('Code d’invitation').count()).toBe(0);
    await page.getByLabel('Prénom').fill('Sacha');
    await page.getByLabel('Nom', { exact: true }).fill('Durand');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.locator('.field--invalid').first().waitFor();
    expect(await page.getByLabel('Mot de passe').getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Mot de passe').fill('mon-mot-de-passe-2026');
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.waitForURL('**/eleve');
    await page.getByRole('heading', { level: 1, name: 'Bonjour Sacha Durand' }).waitFor();
  });

  test('a graduate accepts the school’s recommendation, which becomes an application', async () => {
    await logIn(YANIS);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Recommandations' })
      .click();
    await page.waitForURL('**/eleve/recommandations');
    const pending = page
      .getByRole('article')
      .filter({ has: page.getByRole('button', { name: 'Accepter' }) })
      .first();
    await pending.waitFor();
    const title = (await pending.getByRole('heading').textContent()) ?? '';
    await expectNoSeriousA11yViolations(page);
    await pending.getByRole('button', { name: 'Accepter' }).click();
    const answered = page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });
    await answered.locator('.status-badge', { hasText: 'Acceptée' }).waitFor();
    expect(await answered.getByRole('button', { name: 'Accepter' }).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Mes candidatures' })
      .click();
    // The recommendations page has an article with the same title: wait until the applications page replaced it.
    await page.waitForURL('**/eleve/candidatures');
    await page.getByRole('heading', { level: 1, name: 'Mes candidatures' }).waitFor();
    const application = page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });
    await application.waitFor();
    expect(await application.textContent()).toContain('Recommandation de l’école');
  });

  test('the profile form saves town, mobility and skills (shared schema limits first), and shows them again after a reload', async () => {
    await logIn(EMMA);
    await page.goto('/eleve/profil');
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    const mobility = page.getByLabel('Distance maximale de trajet (km)');
    await mobility.fill('900');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    // Over the shared schema's maximum: refused on the field, focus on it.
    await page.locator('.field--invalid').first().waitFor();
    expect(await mobility.getAttribute('aria-invalid')).toBe('true');

    await mobility.fill('60');
    await pickTown(page, 'Ville', 'dijon', 'Dijon');
    await page.getByLabel('Compétences').fill('tournage, fraisage, lecture de plans');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('profile-message').filter({ hasText: 'Profil enregistré.' }).waitFor();
    await expectNoSeriousA11yViolationsAtBothWidths(page);
    await screenshot(page, 'student-profile-1280');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await page.getByLabel('Ville', { exact: true }).waitFor();
    expect(await page.getByLabel('Ville', { exact: true }).inputValue()).toBe('Dijon');
    expect(await page.getByLabel('Distance maximale de trajet (km)').inputValue()).toBe('60');
    expect(await page.getByLabel('Compétences').inputValue()).toBe('tournage, fraisage, lecture de plans');
  });
});
