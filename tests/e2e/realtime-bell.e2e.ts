import type { Page } from 'playwright-core';
import { expectNoSeriousA11yViolations, logInThroughPage, screenshot } from './harness';
import {
  CHAUMONT_COMPANY,
  CHAUMONT_SCHOOL,
  companyRequestingPartnership,
  createSchoolWithStaff,
  e2eSuite,
} from './harness.suite';

// The school staff's bell updates live (socket.io) when a company asks for a partnership: the whole chain
// from a GraphQL mutation in one session to the header of another, without a reload.

const STAFF = { email: 'direction.chaumont@promesse.test', password: 'atelier-usinage-52' };

const e2e = e2eSuite();
let page: Page;

beforeEach(async () => {
  page = await e2e.newPage();
});

test('the school staff bell shows a new partnership request live, without a reload', async () => {
  const { schoolId } = await createSchoolWithStaff(e2e.server, CHAUMONT_SCHOOL, [
    { ...STAFF, firstName: 'Claire', lastName: 'Martin' },
  ]);

  await logInThroughPage(page, STAFF, '/ecole');
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  await page.getByRole('banner').getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
  await page.locator('header[data-realtime="connected"]').waitFor();

  // Marks the document: a reload would lose it, so finding it afterwards proves the page was not reloaded.
  await page.evaluate('window.__sameDocument = true');
  await companyRequestingPartnership(e2e.server, CHAUMONT_COMPANY, schoolId);

  await page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor();
  expect(await page.getByTestId('bell-count').textContent()).toBe('1');
  expect(await page.evaluate<boolean>('window.__sameDocument === true')).toBe(true);

  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'school-home-bell-1280');

  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
});
