import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { expectNoSeriousA11yViolations, graphqlRequest, screenshot } from './harness';
import { e2eSuite } from './harness.suite';

// Outcomes (issue 17) on the demo data set: school staff record a graduate's exit outcome and their dashboard's
// figure changes; the federation exports its filtered dashboard as XLSX and the file holds the rows the API
// computed; the public page shows aggregates to anyone. axe on each dashboard.

const PASSWORD = 'promesse-demo-2026';
const STAFF = 'staff.evreux@promesse.demo';
const ADMIN = { email: 'admin@promesse.demo', password: 'promesse-admin-2026' };

const e2e = e2eSuite({ seedDemo: true });

const token = (email: string, password = PASSWORD) => e2e.token({ email, password });

const signedInPage = (email: string, password: string, landing: string) =>
  e2e.signedInPage({ email, password }, landing);

interface Figures {
  graduates: number;
  positiveOutcomeRate: number | null;
  bySchool: { school: { name: string }; graduates: number; positiveOutcomeRate: number | null }[];
}
const STATS = `query ($filter: OutcomeFilter) { outcomeStats(filter: $filter) {
  graduates positiveOutcomeRate bySchool { school { name } graduates positiveOutcomeRate } } }`;

const percent = (rate: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(rate);

test('staff record an outcome and the school dashboard changes', async () => {
  const staffToken = await token(STAFF);
  const { me } = await graphqlRequest<{ me: { school: { id: string } } }>(
    e2e.server,
    '{ me { school { id } } }',
    {},
    staffToken,
  );
  const filter = { schoolIds: [me.school.id] };
  const before = (await graphqlRequest<{ outcomeStats: Figures }>(e2e.server, STATS, { filter }, staffToken))
    .outcomeStats;

  const page = await signedInPage(STAFF, PASSWORD, '/ecole');
  await page.goto('/ecole/resultats?liste=missing');
  const positive = page.locator('[data-figure="positiveOutcomeRate"] .outcome-figure__value');
  await expect(positive.textContent()).resolves.toBe(percent(before.positiveOutcomeRate!));
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'outcome-school-dashboard');

  // A graduate without an outcome: record that they were hired on a CDI.
  const graduates = page.getByTestId('outcome-graduates');
  await graduates.getByRole('link').first().click();
  await page.getByRole('heading', { level: 1, name: /^Situation (de |d’)/ }).waitFor();
  const form = page.getByTestId('exit-outcome-form');
  await form.getByLabel('En emploi').check();
  await form.getByLabel('Entreprise').fill('Usinage Normand de Précision');
  await form.getByLabel('Type de contrat').selectOption('CDI');
  await form.getByLabel('Date de début').fill(new Date().toISOString().slice(0, 10));
  await form.getByRole('button', { name: 'Enregistrer la situation' }).click();
  await form.getByRole('status').filter({ hasText: 'Situation enregistrée.' }).waitFor();
  await page
    .getByTestId('current-outcome')
    .filter({ hasText: /^En emploi$/ })
    .waitFor();
  await expectNoSeriousA11yViolations(page);

  // Back on the dashboard, one more positive outcome over the same graduates.
  await page.getByRole('link', { name: 'Résultats de nos diplômés' }).click();
  const expected = percent((before.positiveOutcomeRate! * before.graduates + 1) / before.graduates);
  await page.locator('[data-figure="positiveOutcomeRate"] .outcome-figure__value', { hasText: expected }).waitFor();
});

test('the federation exports its filtered dashboard as XLSX and the file holds the right rows', async () => {
  const adminToken = await token(ADMIN.email, ADMIN.password);
  const cohort = new Date().getUTCFullYear() - 1;
  const stats = (await graphqlRequest<{ outcomeStats: Figures }>(e2e.server, STATS, { filter: { cohort } }, adminToken))
    .outcomeStats;
  expect(stats.bySchool.length).toBeGreaterThan(1);

  const page = await signedInPage(ADMIN.email, ADMIN.password, '/federation');
  await page.goto(`/federation/resultats?promotion=${cohort}`);
  await page.getByRole('heading', { level: 2, name: 'Par école' }).waitFor();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'outcome-federation-dashboard');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter en XLSX' }).first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^promesse-resultats-des-diplomes-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'outcome-xlsx-')), download.suggestedFilename());
  await download.saveAs(file);

  const workbook = new Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.getWorksheet('Par école');
  if (!sheet) throw new Error(`no "Par école" sheet in ${workbook.worksheets.map((w) => w.name).join(', ')}`);
  const header = sheet.getRow(1).values as unknown[];
  expect(header.slice(1, 4)).toEqual(['École', 'Diplômés', 'Réussite à l’examen']);
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  expect(rows.map((r) => [r[1], r[2], r[4]])).toEqual(
    stats.bySchool.map((s) => [
      s.school.name,
      s.graduates,
      s.positiveOutcomeRate === null ? 'moins de 10 diplômés' : s.positiveOutcomeRate,
    ]),
  );
  const filters = workbook.getWorksheet('Filtres');
  expect(
    filters
      ?.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 3)),
  ).toEqual([['Promotion (année du diplôme)', String(cohort)]]);
});

test('anyone sees the network’s aggregated figures without logging in', async () => {
  const page = await e2e.newPage();
  await page.goto('/resultats');
  await page.getByRole('heading', { level: 1, name: 'Les résultats des Écoles de Production' }).waitFor();
  await page.locator('[data-figure="graduates"] .outcome-figure__value').waitFor();
  await page.getByRole('heading', { level: 2, name: 'Par métier' }).waitFor();
  // Never a school breakdown, never a name.
  await expect(page.getByRole('heading', { level: 2, name: 'Par école' }).count()).resolves.toBe(0);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'outcome-public');
});
