import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolationsAtBothWidths, logInThroughPage, screenshot } from './harness';
import { e2eSuite } from './harness.suite';

// Issue 16, search: "soudeuse" finds the "Soudeur·se" promises, the results show their count and distances, sort by
// distance, and the filters live in the URL so Back finds them again.

const LINA = { email: 'lina.martin@eleve.promesse.demo', password: 'promesse-demo-2026' };

const e2e = e2eSuite({ seedDemo: true });
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

async function searchPage(): Promise<void> {
  await logInThroughPage(page, LINA, '/eleve');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Rechercher' })
    .click();
  await page.waitForURL('**/eleve/recherche');
  await page.getByTestId('search-results').waitFor();
}

function cardTitles(): Promise<string[]> {
  return page.getByTestId('search-results').getByRole('heading', { level: 3 }).allTextContents();
}

/** The URL changes before the new results arrive: wait until every card shown is a welder's promise. */
async function welderResultsShown(): Promise<void> {
  await page.waitForFunction(() => {
    const titles = [...document.querySelectorAll('[data-testid="search-results"] h3')];
    return titles.length > 0 && titles.every((h) => (h.textContent ?? '').includes('Soudeur·se'));
  });
}

describe('promise search', () => {
  test('"soudeuse" finds "Soudeur·se", with the count and distances; sorted by distance', async () => {
    await searchPage();
    await page.getByLabel('Mots-clés').fill('soudeuse');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=soudeuse/);
    await page
      .getByTestId('search-count')
      .filter({ hasText: /promesses? trouvées?/ })
      .waitFor();
    await welderResultsShown();
    const titles = await cardTitles();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.every((title) => title.includes('Soudeur·se'))).toBe(true);
    const count = (await page.getByTestId('search-count').textContent()) ?? '';
    expect(count).toMatch(new RegExp(`^${titles.length} promesses? trouvées?`));

    await page.getByLabel('Trier par').selectOption('DISTANCE');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/sort=DISTANCE/);
    await page.getByTestId('search-count').filter({ hasText: 'triées par distance' }).waitFor();
    const distances = (await page.getByTestId('promise-distance').allTextContents()).map((d) =>
      Number(d.replace(/[^\d]/g, '')),
    );
    expect(distances.length).toBe(titles.length);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    await expectNoSeriousA11yViolationsAtBothWidths(page);
    await screenshot(page, 'search-soudeuse-distance-1280');
  });

  test('Back from a promise keeps the filters and the results', async () => {
    await searchPage();
    await page.getByLabel('Mots-clés').fill('soudeur');
    await page.getByLabel('Contrat').selectOption({ label: 'CDI' });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/contract=CDI/);
    await welderResultsShown();
    const before = await cardTitles();
    await page.getByTestId('search-results').getByRole('link').first().click();
    await page.waitForURL('**/eleve/promesses/**');
    await page.goBack();
    await page.waitForURL(/q=soudeur.*contract=CDI|contract=CDI.*q=soudeur/);
    await page.getByTestId('search-results').waitFor();
    await welderResultsShown();
    expect(await page.getByLabel('Mots-clés').inputValue()).toBe('soudeur');
    expect(await cardTitles()).toEqual(before);
  });
});
