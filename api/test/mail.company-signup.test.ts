import {
  createAdmin,
  createSchool,
  createStaff,
  errorCode,
  logIn,
  makeSiret,
  PASSWORD,
  unique,
  verificationTokenFor,
  startTestApp,
  withTestApp,
  type StaffFixture,
  type TestApp,
} from './helpers';
import { linkIn, mailsTo, waitForMails } from './mail.harness';

// Company sign-up with e-mail verification over real SMTP to the in-process server (issue 14; issue 13 item 4):
// the same answer whether the address has an account, no session before the address is proven, a single-use
// expiring link that creates the account and logs in, no squatting of a future student's address, sign-ups
// throttled per client.

let t: TestApp;
let dir: string;
let staff: StaffFixture;

withTestApp(
  async (app) => {
    const admin = await createAdmin(app);
    return createStaff(app, admin, (await createSchool(app, admin)).id);
  },
  (app) => ({ t, dir, fixtures: staff } = app),
);

const REGISTER = `mutation($input: RegisterCompanyInput!) {
  registerCompany(input: $input) { token user { id email role displayName locale } }
}`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) { token user { id email role } } }`;
const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`;
const MY_COMPANY = `{ myCompany { id name siret } }`;

function signUp(email: string, overrides: Record<string, unknown> = {}) {
  return {
    companyName: `Chaudronnerie ${unique('c')}`,
    siret: makeSiret(),
    email,
    password: PASSWORD,
    contactName: 'Julien Bernard',
    city: 'Chaumont',
    location: { lat: 48.0964, lng: 5.1406 },
    ...overrides,
  };
}

/** POST /graphql as a browser would (its language, no token): the body and the Set-Cookie headers. */
async function post(query: string, variables: Record<string, unknown>, acceptLanguage = 'fr-FR') {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': acceptLanguage },
    body: JSON.stringify({ query, variables }),
  });
  return {
    body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] },
    cookies: res.headers.getSetCookie(),
  };
}

/** The answer without the one value that is fresh on every call (a never-saved id). */
function withoutId(body: { data?: any }) {
  const { id, ...user } = body.data.registerCompany.user;
  expect(id).toMatch(/^[a-f0-9]{24}$/);
  return { ...body.data.registerCompany, user };
}

test('a new address gets a verification link; no session until it is followed; the link logs in, once', async () => {
  const email = `${unique('rh')}@chaudronnerie.test`;
  const input = signUp(email);
  const answer = await post(REGISTER, { input });
  expect(answer.body.errors).toBeUndefined();
  expect(answer.body.data.registerCompany).toMatchObject({
    token: '',
    user: { email, role: 'COMPANY_RECRUITER', displayName: 'Julien Bernard', locale: 'fr' },
  });
  // Not logged in: no refresh cookie.
  expect(answer.cookies.some((c) => c.startsWith('promesse_refresh='))).toBe(false);

  // The account does not exist yet: the right password is refused with a coded reason, a wrong one as usual.
  const early = await t.gql(LOG_IN, { e: email, p: PASSWORD });
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'auth.emailNotVerified' });
  expect(early.errors?.[0]?.message).toMatch(/^Confirmez d’abord votre adresse e-mail/);
  expect(errorCode(await t.gql(LOG_IN, { e: email, p: 'not-the-password-1' }))).toBe('UNAUTHENTICATED');
  // Nothing to reset either: the reset answer is the same and sends nothing.
  expect(await t.ok(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: email })).toEqual({
    requestPasswordReset: true,
  });

  const [mail] = await mailsTo(dir, email);
  expect(mail?.subject).toBe('Confirmez votre adresse e-mail');
  expect(mail?.text).toContain(`Pour activer le compte de ${input.companyName} sur Promesse`);
  expect(mail?.text).toContain('Ce lien est valable 48 heures.');
  expect(mail?.headers['list-unsubscribe']).toBeUndefined();
  const link = linkIn(mail?.text ?? '', `${t.env.PUBLIC_URL}/verification-email#`);
  const token = link.slice(link.indexOf('#') + 1);

  // Following the link: the company and its recruiter exist and are logged in (token + refresh cookie).
  const verified = await post(VERIFY, { token });
  expect(verified.body.errors).toBeUndefined();
  expect(verified.body.data.verifyEmail.user).toMatchObject({ email, role: 'COMPANY_RECRUITER' });
  expect(verified.cookies.some((c) => c.startsWith('promesse_refresh='))).toBe(true);
  const company = await t.ok(MY_COMPANY, {}, verified.body.data.verifyEmail.token);
  expect(company['myCompany']).toMatchObject({ name: input.companyName, siret: input.siret });
  expect(await logIn(t, email)).toEqual(expect.any(String));

  // Single use.
  const again = await t.gql(VERIFY, { token });
  expect(again.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'auth.verificationTokenInvalid',
  });
  // The address now has an account: signing up again only tells its owner (an "account exists" mail).
  expect(withoutId((await post(REGISTER, { input: signUp(email) })).body)).toEqual(withoutId(answer.body));
  await waitForMails(dir, (all) => all.some((m) => m.to.includes(email) && m.subject === 'Inscription sur Promesse'));
});

test('an address that has an account: the same answer, a warning e-mailed to its owner, nothing created', async () => {
  const fresh = `${unique('rh')}@promesse.test`;
  const forNew = await post(REGISTER, { input: signUp(fresh, { contactName: 'Claire Martin' }) });
  const forKnown = await post(REGISTER, { input: signUp(staff.email, { contactName: 'Claire Martin' }) });
  expect(forKnown.body.errors).toBeUndefined();
  // Only the address typed differs (and the fresh id, which names nothing that exists).
  const expected = withoutId(forNew.body);
  expect(withoutId(forKnown.body)).toEqual({ ...expected, user: { ...expected.user, email: staff.email } });
  expect(forKnown.cookies).toEqual(forNew.cookies);

  const mails = await waitForMails(dir, (all) =>
    all.some((m) => m.to.includes(staff.email) && m.subject === 'Inscription sur Promesse'),
  );
  const warning = mails.find((m) => m.to.includes(staff.email) && m.subject === 'Inscription sur Promesse');
  expect(warning?.text).toContain('Quelqu’un a voulu créer un compte entreprise avec votre adresse');
  const logInLink = linkIn(warning?.text ?? '', `${t.env.PUBLIC_URL}/connexion`);
  expect(logInLink).toBe(`${t.env.PUBLIC_URL}/connexion`);
  // No verification link was sent to the known address, and its account is unchanged.
  expect(mails.some((m) => m.to.includes(staff.email) && m.subject === 'Confirmez votre adresse e-mail')).toBe(false);
  expect(await logIn(t, staff.email)).toEqual(expect.any(String));
  expect(await t.connection.collection('companyRegistrations').countDocuments({ email: staff.email })).toBe(0);

  // A second attempt within the hour sends no second warning (one per address and hour).
  await post(REGISTER, { input: signUp(staff.email) });
  await mailsTo(dir, fresh);
  const warnings = (await waitForMails(dir, () => true)).filter(
    (m) => m.to.includes(staff.email) && m.subject === 'Inscription sur Promesse',
  );
  expect(warnings).toHaveLength(1);
});

test('an English browser gets the verification e-mail in English', async () => {
  const email = `${unique('hr')}@company.test`;
  const answer = await post(REGISTER, { input: signUp(email, { companyName: 'Acme Tooling' }) }, 'en-GB,en;q=0.9');
  expect(answer.body.data.registerCompany.user.locale).toBe('en');
  const [mail] = await mailsTo(dir, email);
  expect(mail?.subject).toBe('Confirm your e-mail address');
  expect(mail?.text).toContain('This link is valid for 48 hours.');
  // The account is created in that language.
  const verified = await t.ok(`mutation($token: String!) { verifyEmail(token: $token) { user { locale } } }`, {
    token: await verificationTokenFor(t, email),
  });
  expect(verified['verifyEmail']).toEqual({ user: { locale: 'en' } });
});

test('an unverified sign-up does not block an invitation of that address (no squatting)', async () => {
  const studentEmail = `${unique('prenom.nom')}@eleve.test`;
  // Someone signs a company up with a future student's predictable address, and never verifies it.
  await post(REGISTER, { input: signUp(studentEmail) });
  const squatToken = await verificationTokenFor(t, studentEmail);

  const invitation = await t.ok<{ inviteUser: { code: string } }>(
    `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    { input: { email: studentEmail, role: 'STUDENT' } },
    staff.token,
  );
  const accepted = await t.ok<{ acceptInvitation: { token: string; user: { role: string } } }>(
    `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { role } } }`,
    {
      input: { code: invitation.inviteUser.code, password: 'student-password-42', firstName: 'Léa', lastName: 'Roux' },
    },
  );
  expect(accepted.acceptInvitation.user.role).toBe('STUDENT');
  expect(await logIn(t, studentEmail, 'student-password-42')).toEqual(expect.any(String));
  // The squatter's sign-up cannot take the address over afterwards, nor log in with its password.
  expect(errorCode(await t.gql(VERIFY, { token: squatToken }))).toBe('CONFLICT');
  expect(errorCode(await t.gql(LOG_IN, { e: studentEmail, p: PASSWORD }))).toBe('UNAUTHENTICATED');
});

test('an expired link is refused and creates nothing', async () => {
  const email = `${unique('rh')}@late.test`;
  await post(REGISTER, { input: signUp(email) });
  const token = await verificationTokenFor(t, email);
  await t.connection
    .collection('companyRegistrations')
    .updateMany({ email }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  expect(errorCode(await t.gql(VERIFY, { token }))).toBe('BAD_USER_INPUT');
  // Expired: the password no longer even says "verify first".
  expect(errorCode(await t.gql(LOG_IN, { e: email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
  expect(await t.connection.collection('users').countDocuments({ email })).toBe(0);
});

describe('sign-ups per client IP', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ SIGNUPS_PER_IP_PER_HOUR: '3' });
  }, 60_000);
  afterAll(async () => {
    await limited.close();
  });

  test('past the limit: TOO_MANY_REQUESTS with retryAfterSeconds, for known and unknown addresses alike', async () => {
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await limited.gql(REGISTER, { input: signUp(`${unique('probe')}@x.test`) }))).toBeUndefined();
    }
    const refused = await limited.gql(REGISTER, { input: signUp(`${unique('probe')}@x.test`) });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      reason: 'auth.tooManySignups',
      retryAfterSeconds: expect.any(Number),
    });
    const seconds = refused.errors?.[0]?.extensions?.['retryAfterSeconds'] as number;
    expect(seconds).toBeGreaterThan(3000);
    expect(seconds).toBeLessThanOrEqual(3600);
    // Nothing was queued for the refused one.
    expect(await limited.connection.collection('companyRegistrations').countDocuments()).toBe(3);
  });
});
