import {
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  logIn,
  mailDirOf,
  PASSWORD,
  registerCompany,
  startTestApp,
  unique,
  type Actor,
  type TestApp,
} from './helpers';
import { waitForMails } from './mail.harness';

// Issue 16, profile: every role changes its own e-mail address and password, confirmed with the current password,
// over real HTTP against the embedded engine, with the mails read from the in-process SMTP server's store.

jest.setTimeout(60_000);

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  admin = await createAdmin(t);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`;
const REFRESH = `mutation { refreshSession { token } }`;
const CHANGE_PASSWORD = `mutation($current: String!, $next: String!) {
  changeMyPassword(currentPassword: $current, newPassword: $next)
}`;
const CHANGE_EMAIL = `mutation($current: String!, $email: String!) {
  changeMyEmail(currentPassword: $current, newEmail: $email) { id email }
}`;
const NEW_PASSWORD = 'une-phrase-secrete-neuve-42';

interface Answer {
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };
  setCookie: string[];
}

/** A browser-like POST with an access token and a refresh cookie; the answer's Set-Cookie headers. */
async function call(query: string, opts: { token?: string; cookie?: string; vars?: object } = {}): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    body: JSON.stringify({ query, variables: opts.vars }),
  });
  return { body: (await res.json()) as Answer['body'], setCookie: res.headers.getSetCookie() };
}

/** One device: its access token and refresh cookie. */
async function device(email: string, password = PASSWORD): Promise<{ token: string; cookie: string }> {
  const answer = await call(LOG_IN, { vars: { email, password } });
  const token = answer.body.data?.['logIn']?.token as string | undefined;
  const cookie = answer.setCookie.find((c) => c.startsWith('promesse_refresh='))?.split(';')[0];
  if (!token || !cookie) throw new Error(`log-in failed: ${JSON.stringify(answer.body.errors)}`);
  return { token, cookie };
}

const signedIn = async (token: string) => (await call(`{ me { id } }`, { token })).body.data?.['me'] !== null;
const codeOf = (a: Answer) => a.body.errors?.[0]?.extensions?.['code'];
const logInCode = async (email: string, password: string) => codeOf(await call(LOG_IN, { vars: { email, password } }));

/** The newest stored message to `address` whose subject is `subject` (waiting for the worker to send it). */
async function mailTo(address: string, subject: string) {
  const match = (m: { to: string[]; subject: string }) => m.to.includes(address) && m.subject === subject;
  const mails = await waitForMails(mailDirOf(t), (all) => all.some(match));
  return mails.filter(match).at(-1);
}

describe('changeMyPassword', () => {
  it('keeps this device, ends the others (tokens, refresh cookies), and mails the account', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const here = await device(staff.email);
    const other = await device(staff.email);

    const answer = await call(CHANGE_PASSWORD, { token: here.token, vars: { current: PASSWORD, next: NEW_PASSWORD } });
    expect(answer.body).toEqual({ data: { changeMyPassword: true } });

    // This device goes on, its refresh cookie too; the other device's token and cookie stopped.
    expect(await signedIn(here.token)).toBe(true);
    expect(codeOf(await call(REFRESH, { cookie: here.cookie }))).toBeUndefined();
    expect(await signedIn(other.token)).toBe(false);
    expect(codeOf(await call(`{ unreadNotificationCount }`, { token: other.token }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await call(REFRESH, { cookie: other.cookie }))).toBe('UNAUTHENTICATED');
    // The other sessions of older log-ins (the fixture's own) ended as well.
    expect(await signedIn(staff.token)).toBe(false);

    expect(await logInCode(staff.email, PASSWORD)).toBe('UNAUTHENTICATED');
    expect(await logIn(t, staff.email, NEW_PASSWORD)).toEqual(expect.any(String));

    const mail = await mailTo(staff.email, 'Votre mot de passe a été modifié');
    expect(mail?.text).toContain('Vos autres appareils ont été déconnectés');
  });

  it('refuses a wrong current password, a common, short or unchanged new one, and changes nothing', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const student = await createStudent(t, staff);
    const cases: [current: string, next: string, path: string, text: RegExp][] = [
      ['not-my-password-1', NEW_PASSWORD, 'currentPassword', /Mot de passe incorrect/],
      [PASSWORD, 'password123', 'newPassword', /plus courants/],
      [PASSWORD, 'court', 'newPassword', /newPassword/],
      [PASSWORD, PASSWORD, 'newPassword', /Identique au mot de passe actuel/],
    ];
    for (const [current, next, path, text] of cases) {
      const answer = await call(CHANGE_PASSWORD, { token: student.token, vars: { current, next } });
      expect({ next, code: codeOf(answer) }).toEqual({ next, code: 'BAD_USER_INPUT' });
      const details = JSON.stringify(answer.body.errors?.[0]?.extensions);
      expect(details).toContain(path);
      expect(details).toMatch(text);
    }
    expect(await signedIn(student.token)).toBe(true);
    expect(await logIn(t, student.email, PASSWORD)).toEqual(expect.any(String));
    expect(await logInCode(student.email, NEW_PASSWORD)).toBe('UNAUTHENTICATED');
  });

  it('counts wrong current passwords like failed log-ins: TOO_MANY_REQUESTS past the limit', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const codes: unknown[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await call(CHANGE_PASSWORD, {
        token: staff.token,
        vars: { current: `guess-number-${i}`, next: NEW_PASSWORD },
      });
      codes.push(codeOf(answer));
    }
    expect(codes[0]).toBe('BAD_USER_INPUT');
    expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS');
  });

  it('lets a company recruiter change theirs', async () => {
    const company = await registerCompany(t);
    const answer = await call(CHANGE_PASSWORD, {
      token: company.token,
      vars: { current: PASSWORD, next: NEW_PASSWORD },
    });
    expect(answer.body).toEqual({ data: { changeMyPassword: true } });
    expect(await signedIn(company.token)).toBe(true);
    expect(await logIn(t, company.email, NEW_PASSWORD)).toEqual(expect.any(String));
  });
});

describe('changeMyEmail', () => {
  it('moves log-in and mail to the new address, tells the old one, and keeps the sessions', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const student = await createStudent(t, staff);
    const newEmail = `${unique('lina-new')}@promesse.test`;

    const answer = await call(CHANGE_EMAIL, {
      token: student.token,
      vars: { current: PASSWORD, email: `  ${newEmail.toUpperCase()} ` },
    });
    expect(answer.body).toEqual({ data: { changeMyEmail: { id: student.userId, email: newEmail } } });

    expect(await signedIn(student.token)).toBe(true);
    expect(await logIn(t, newEmail, PASSWORD)).toEqual(expect.any(String));
    expect(await logInCode(student.email, PASSWORD)).toBe('UNAUTHENTICATED');
    // The staff of the school see the new address on the student's profile.
    const seen = await t.ok<{ student: { email: string } }>(
      `query($id: ID!) { student(id: $id) { email } }`,
      { id: student.studentId },
      staff.token,
    );
    expect(seen.student.email).toBe(newEmail);

    const notice = await mailTo(student.email, 'L’adresse e-mail de votre compte a été modifiée');
    expect(notice?.text).toContain(newEmail);
  });

  it('refuses a wrong password, a taken address and the same address, and changes nothing', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const company = await registerCompany(t);
    const cases: [current: string, email: string, code: string, path: string][] = [
      ['not-my-password-1', `${unique('free')}@promesse.test`, 'BAD_USER_INPUT', 'currentPassword'],
      [PASSWORD, staff.email, 'CONFLICT', 'newEmail'],
      [PASSWORD, company.email, 'BAD_USER_INPUT', 'newEmail'],
      [PASSWORD, 'not-an-address', 'BAD_USER_INPUT', 'newEmail'],
    ];
    for (const [current, email, code, path] of cases) {
      const answer = await call(CHANGE_EMAIL, { token: company.token, vars: { current, email } });
      expect({ email, code: codeOf(answer) }).toEqual({ email, code });
      expect(JSON.stringify(answer.body.errors?.[0]?.extensions)).toContain(path);
    }
    expect(await logIn(t, company.email, PASSWORD)).toEqual(expect.any(String));
    expect(await logIn(t, staff.email, PASSWORD)).toEqual(expect.any(String));
  });

  it('lets school staff change theirs', async () => {
    const school = await createSchool(t, admin);
    const staff = await createStaff(t, admin, school.id);
    const newEmail = `${unique('sam-new')}@promesse.test`;
    const answer = await call(CHANGE_EMAIL, { token: staff.token, vars: { current: PASSWORD, email: newEmail } });
    expect(answer.body.data?.['changeMyEmail']?.email).toBe(newEmail);
    expect(await logIn(t, newEmail, PASSWORD)).toEqual(expect.any(String));
  });
});
