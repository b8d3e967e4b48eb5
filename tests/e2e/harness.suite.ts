// The set-up every browser test file shares: one server and one browser for the file, pages in their own contexts
// (own storage: own session), and the API calls that prepare what a test does not click through.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  graphqlRequest,
  launchBrowser,
  logInThroughPage,
  newContext,
  registerVerifiedCompany,
  startServer,
  type StartServerOptions,
  type TestServer,
} from './harness';

export interface Account {
  email: string;
  password: string;
}

export interface E2eSuite {
  /** The file's API server (set once its beforeAll has run). */
  readonly server: TestServer;
  /** The file's browser. */
  readonly browser: Browser;
  /**
   * A page in a fresh French context (desktop unless `viewport` says otherwise). Opened during a test (or its
   * beforeEach), it is closed after that test; opened in a beforeAll, after the file.
   */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** A fresh page logged in through the log-in page, on `landing`. */
  signedInPage(account: Account, landing: string): Promise<Page>;
  /** A GraphQL call to the file's server. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
  /** The access token of `account` (logIn through the API). */
  token(account: Account): Promise<string>;
}

/**
 * Registers the file's beforeAll/afterAll (and the per-test page clean-up): call it once at the top of a test file,
 * before the file's own hooks, which then run with the server and the browser up.
 */
export function e2eSuite(options: StartServerOptions = {}): E2eSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const fileContexts: BrowserContext[] = [];
  const testContexts: BrowserContext[] = [];
  let inTest = false;

  beforeAll(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of fileContexts.splice(0)) await context.close();
    await browser?.close();
    await server?.stop();
  });
  beforeEach(() => {
    inTest = true;
  });
  afterEach(async () => {
    inTest = false;
    for (const context of testContexts.splice(0)) await context.close();
  });

  const suite: E2eSuite = {
    get server() {
      if (!server) throw new Error('e2eSuite: the server is not started (used outside a test or hook?)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('e2eSuite: the browser is not launched (used outside a test or hook?)');
      return browser;
    },
    async newPage({ viewport } = {}) {
      const context = await newContext(suite.browser, suite.server.url, viewport);
      (inTest ? testContexts : fileContexts).push(context);
      return context.newPage();
    },
    async signedInPage(account, landing) {
      const page = await suite.newPage();
      await logInThroughPage(page, account, landing);
      return page;
    },
    gql: (query, variables = {}, token) => graphqlRequest(suite.server, query, variables, token),
    token: (account) => logInToken(suite.server, account),
  };
  return suite;
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up through the API

/** `YYYY-MM-DD`, `days` from today (what the date inputs take). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export async function logInToken(server: Pick<TestServer, 'url'>, account: Account): Promise<string> {
  const { logIn } = await graphqlRequest<{ logIn: { token: string } }>(
    server,
    'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }',
    { email: account.email, password: account.password },
  );
  return logIn.token;
}

export interface NewPerson extends Account {
  firstName: string;
  lastName: string;
}

/** Invites `person` as `inviterToken` and accepts the invitation as they would: returns their access token. */
export async function invitePerson(
  server: Pick<TestServer, 'url'>,
  inviterToken: string,
  person: NewPerson & { role: 'STUDENT' | 'SCHOOL_STAFF'; schoolId?: string },
): Promise<string> {
  const { inviteUser } = await graphqlRequest<{ inviteUser: { code: string } }>(
    server,
    'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { code } }',
    { input: { email: person.email, role: person.role, ...(person.schoolId ? { schoolId: person.schoolId } : {}) } },
    inviterToken,
  );
  const { acceptInvitation } = await graphqlRequest<{ acceptInvitation: { token: string } }>(
    server,
    'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }',
    {
      input: {
        code: inviteUser.code,
        password: person.password,
        firstName: person.firstName,
        lastName: person.lastName,
      },
    },
  );
  return acceptInvitation.token;
}

export interface NewSchool {
  name: string;
  city: string;
  location: { lat: number; lng: number };
  trades: string[];
}

/**
 * As the bootstrap federation admin: creates `school` and its `staff`, each signed up through their invitation.
 * Returns the school's id and the staff's tokens, in order.
 */
export async function createSchoolWithStaff(
  server: Pick<TestServer, 'url' | 'admin'>,
  school: NewSchool,
  staff: NewPerson[],
): Promise<{ schoolId: string; staffTokens: string[] }> {
  const admin = await logInToken(server, server.admin);
  const { createSchool } = await graphqlRequest<{ createSchool: { id: string } }>(
    server,
    'mutation ($input: CreateSchoolInput!) { createSchool(input: $input) { id } }',
    { input: school },
    admin,
  );
  const staffTokens: string[] = [];
  for (const person of staff) {
    staffTokens.push(await invitePerson(server, admin, { ...person, role: 'SCHOOL_STAFF', schoolId: createSchool.id }));
  }
  return { schoolId: createSchool.id, staffTokens };
}

/** A company signed up and confirmed from its e-mail, asking `schoolId` for a partnership: its token and request. */
export async function companyRequestingPartnership(
  server: Pick<TestServer, 'url' | 'mailDir'>,
  company: Parameters<typeof registerVerifiedCompany>[1],
  schoolId: string,
): Promise<{ companyToken: string; partnershipId: string }> {
  const companyToken = await registerVerifiedCompany(server, company);
  const { requestPartnership } = await graphqlRequest<{ requestPartnership: { id: string } }>(
    server,
    'mutation ($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id } }',
    { schoolId },
    companyToken,
  );
  return { companyToken, partnershipId: requestPartnership.id };
}

/** The Chaumont school and the machining company near it that the notification tests use. */
export const CHAUMONT_SCHOOL: NewSchool = {
  name: 'École de Production de Chaumont',
  city: 'Chaumont',
  location: { lat: 48.1113, lng: 5.1392 },
  trades: ['MACHINING'],
};

export const CHAUMONT_COMPANY = {
  companyName: 'Mécanique de Précision Haut-Marnaise',
  siret: '73282932000074',
  email: 'recrutement@mph52.promesse.test',
  password: 'tournage-fraisage-52',
  contactName: 'Julien Bernard',
  city: 'Chaumont',
  location: { lat: 48.0964, lng: 5.1406 },
};
