import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  formatViolations,
  graphqlRequest,
  registerVerifiedCompany,
  launchBrowser,
  newContext,
  screenshot,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './harness';

// The school staff's bell updates live (socket.io) when a company asks for a partnership: the whole chain
// from a GraphQL mutation in one session to the header of another, without a reload.

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const STAFF = { email: 'direction.chaumont@promesse.test', password: 'atelier-usinage-52' };

async function setUpSchoolWithStaff(): Promise<{ schoolId: string }> {
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
        name: 'École de Production de Chaumont',
        city: 'Chaumont',
        location: { lat: 48.1113, lng: 5.1392 },
        trades: ['MACHINING'],
      },
    },
    logIn.token,
  );
  const { inviteUser } = await graphqlRequest<{ inviteUser: { code: string } }>(
    server,
    'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { code } }',
    { input: { email: STAFF.email, role: 'SCHOOL_STAFF', schoolId: createSchool.id } },
    logIn.token,
  );
  await graphqlRequest(
    server,
    'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
    { input: { code: inviteUser.code, password: STAFF.password, firstName: 'Claire', lastName: 'Martin' } },
  );
  return { schoolId: createSchool.id };
}

async function companyRequestsPartnership(schoolId: string): Promise<void> {
  const companyToken = await registerVerifiedCompany(server, {
    companyName: 'Mécanique de Précision Haut-Marnaise',
    siret: '73282932000074',
    email: 'recrutement@mph52.promesse.test',
    password: 'tournage-fraisage-52',
    contactName: 'Julien Bernard',
    city: 'Chaumont',
    location: { lat: 48.0964, lng: 5.1406 },
  });
  await graphqlRequest(
    server,
    'mutation ($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }',
    { schoolId },
    companyToken,
  );
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
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

test('the school staff bell shows a new partnership request live, without a reload', async () => {
  const { schoolId } = await setUpSchoolWithStaff();

  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(STAFF.email);
  await page.getByLabel('Mot de passe').fill(STAFF.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL('**/ecole');
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ });
  await page.getByRole('banner').getByRole('link', { name: 'Notifications, aucune non lue' }).waitFor();
  await page.locator('header[data-realtime="connected"]').waitFor();

  // Marks the document: a reload would lose it, so finding it afterwards proves the page was not reloaded.
  await page.evaluate('window.__sameDocument = true');
  await companyRequestsPartnership(schoolId);

  await page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 non lue' }).waitFor();
  expect(await page.getByTestId('bell-count').textContent()).toBe('1');
  expect(await page.evaluate<boolean>('window.__sameDocument === true')).toBe(true);

  const violations = await seriousA11yViolations(page);
  if (violations.length) throw new Error(`axe found serious/critical violations:\n${formatViolations(violations)}`);
  await screenshot(page, 'school-home-bell-1280');

  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
});
