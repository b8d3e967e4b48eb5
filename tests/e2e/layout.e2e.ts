import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, logInThroughPage, screenshot, VIEWPORTS } from './harness';
import { e2eSuite } from './harness.suite';

// Issue 16, layout: at 360 px each role's main content starts within the first 200 px (compact header with a menu
// button); the menu opens the navigation. Screenshots under test-output/screenshots for a review by eye.

const PASSWORD = 'promesse-demo-2026';
const ROLES: [string, string, string][] = [
  ['student', 'camille.fontaine@eleve.promesse.demo', '/eleve'],
  ['staff', 'staff.evreux@promesse.demo', '/ecole'],
  ['recruiter', 'recrutement@usinage-normand.demo', '/entreprise'],
];

const e2e = e2eSuite({ seedDemo: true });
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage({ viewport: VIEWPORTS.phone });
});

async function mainTop(): Promise<{ main: number; heading: number }> {
  await page.locator('main h1').first().waitFor();
  return page.evaluate(() => ({
    main: document.querySelector('main')?.getBoundingClientRect().top ?? Infinity,
    heading: document.querySelector('main h1')?.getBoundingClientRect().top ?? Infinity,
  }));
}

describe('360 px screenshot review', () => {
  const accounts = (): [string, string, string][] => [...ROLES, ['admin', e2e.server.admin.email, '/federation']];

  test.each(['student', 'staff', 'recruiter', 'admin'])(
    '%s: main content within the first 200 px; the menu button opens the navigation',
    async (role) => {
      const [, email, landing] = accounts().find(([r]) => r === role)!;
      const password = role === 'admin' ? e2e.server.admin.password : PASSWORD;
      await logInThroughPage(page, { email, password }, landing);
      const top = await mainTop();
      expect(top.main).toBeLessThanOrEqual(200);
      expect(top.heading).toBeLessThanOrEqual(200);
      await screenshot(page, `layout-${role}-360`);

      const menu = page.getByRole('button', { name: 'Menu' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
      await menu.click();
      await page.getByRole('navigation', { name: 'Navigation principale' }).waitFor();
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expectNoSeriousA11yViolations(page);
      await screenshot(page, `layout-${role}-360-menu`);
    },
  );

  test('staff at 1280 px: the staff name is whole, on one line', async () => {
    await page.setViewportSize(VIEWPORTS.desktop);
    await logInThroughPage(page, { email: 'staff.evreux@promesse.demo', password: PASSWORD }, '/ecole');
    const name = page.locator('.account__name');
    await name.waitFor();
    const box = await name.evaluate((el) => ({
      cut: el.scrollWidth > el.clientWidth,
      // One box per line for an inline element: more than one means it wrapped.
      lines: el.getClientRects().length,
    }));
    expect(box.cut).toBe(false);
    expect(box.lines).toBeLessThanOrEqual(1);
    await screenshot(page, 'layout-staff-1280');
  });
});
