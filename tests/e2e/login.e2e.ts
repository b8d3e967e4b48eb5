import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, horizontalOverflow, screenshot, VIEWPORTS } from './harness';
import { e2eSuite } from './harness.suite';

const e2e = e2eSuite();
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

describe('log-in page', () => {
  test('an anonymous visitor lands on the French log-in page, accessible at 1280 and 360 px', async () => {
    await page.goto('/');
    await page.waitForURL('**/connexion');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Connexion');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe('Connexion · Promesse');
    // Fields are reachable by their French labels (label/for association).
    await page.getByLabel('Adresse e-mail').waitFor();
    await page.getByLabel('Mot de passe').waitFor();
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.getByRole('link', { name: 'Aller au contenu' }).waitFor({ state: 'attached' });

    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'login-1280');

    await page.setViewportSize(VIEWPORTS.phone);
    await heading.waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'login-360');
  });

  test('invalid input is reported in French and focus moves to the field', async () => {
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const emailError = page.locator('.field__error').first();
    await emailError.waitFor();
    expect((await emailError.textContent())?.length).toBeGreaterThan(0);
    // The error is tied to the input, and the input is focused for correction.
    const email = page.getByLabel('Adresse e-mail');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("name") ?? null')).toBe('email');
    await expectNoSeriousA11yViolations(page);
  });

  test('a protected page sends to log-in; wrong credentials, then the admin logs in and comes back, sees `me`, switches to English and logs out', async () => {
    await page.goto('/federation');
    await page.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('retour') === '/federation');
    await page.getByLabel('Adresse e-mail').fill(e2e.server.admin.email);
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Adresse e-mail ou mot de passe incorrect.');

    await page.getByLabel('Mot de passe').fill(e2e.server.admin.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/federation');
    const summary = page.getByTestId('me-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(e2e.server.admin.email);
    // The socket.io client connected with the token in its handshake (the server refuses it otherwise).
    await page.locator('header[data-realtime="connected"]').waitFor();
    // An organisation's account is not greeted by its name ("Bonjour Fédération nationale…"): the space is named.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Espace fédération');
    await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
    // The bell's accessible name carries the unread count when known ("Notifications, 2 non lues").
    await page
      .getByRole('banner')
      .getByRole('link', { name: /^Notifications/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('link', { name: 'Accueil' }).click();
    await summary.waitFor();
    // The background work the federation watches: the mail queue, e-mails given up on, the scheduled jobs.
    await page.getByRole('heading', { level: 2, name: 'Envois et tâches planifiées' }).waitFor();
    await page.getByTestId('mail-queue').getByText('Envoyés', { exact: true }).waitFor();
    await page.getByText('Aucun e-mail abandonné').waitFor();
    const jobs = page.getByTestId('scheduled-jobs').locator('tbody tr');
    expect(await jobs.count()).toBeGreaterThan(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-home-1280');
    await page.setViewportSize(VIEWPORTS.phone);
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'admin-home-360');
    await page.setViewportSize(VIEWPORTS.desktop);

    // The session survives a reload (token in localStorage, `me` fetched again).
    await page.reload();
    await summary.waitFor();

    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Federation area' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion' && url.search === '');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.locator('header[data-realtime="idle"]').waitFor();
    expect(await page.evaluate<string | null>('localStorage.getItem("promesse.token")')).toBeNull();
  });

  test('an unknown address shows the French 404 page', async () => {
    await page.goto('/cette-page-n-existe-pas');
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    await expectNoSeriousA11yViolations(page);
  });
});
