import { INVITATION_VALIDITY_MS } from '@promesse/shared';
import { LOGIN_THROTTLE } from '../src/modules/auth/auth.throttle';
import {
  createAdmin,
  createSchool,
  createStaff,
  errorCode,
  makeSiret,
  PASSWORD,
  setInDatabase,
  sha256,
  snapshotDatabase,
  startTestApp,
  unique,
  verificationTokenFor,
  type Actor,
  type SchoolFixture,
  type StaffFixture,
  type TestApp,
} from './helpers';

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id email role } } }`;
const REGISTER = `mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { token user { id email role displayName } } }`;
const VERIFY = `mutation($token: String!) { verifyEmail(token: $token) { token user { id } } }`;
const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code email role expiresAt school { id name } } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { id email role displayName } } }`;

function companyInput(overrides: Record<string, unknown> = {}) {
  return {
    companyName: 'Mécanique de Précision Rhône',
    siret: makeSiret(),
    email: `${unique('rh')}@company.test`,
    password: PASSWORD,
    contactName: 'Nadia Lefèvre',
    city: 'Villeurbanne',
    location: { lat: 45.77, lng: 4.89 },
    ...overrides,
  };
}

describe('accounts: auth over real HTTP', () => {
  let t: TestApp;
  let admin: Actor;
  let school: SchoolFixture;
  let otherSchool: SchoolFixture;
  let staff: StaffFixture;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createAdmin(t);
    school = await createSchool(t, admin);
    otherSchool = await createSchool(t, admin, { city: 'Marseille' });
    staff = await createStaff(t, admin, school.id);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    // Throttle counters are per e-mail and per IP (every test shares 127.0.0.1): start each test clean.
    await t.connection.collection('loginthrottles').deleteMany({});
  });

  describe('logIn', () => {
    it('logs in with the right password (e-mail case and spaces ignored)', async () => {
      const res = await t.gql<any>(LOG_IN, { email: `  ${admin.email.toUpperCase()} `, password: PASSWORD });
      expect(res.errors).toBeUndefined();
      expect(res.data.logIn.user).toEqual({ id: admin.userId, email: admin.email, role: 'FEDERATION_ADMIN' });
      const me = await t.ok<any>('{ me { id } }', undefined, res.data.logIn.token);
      expect(me.me.id).toBe(admin.userId);
    });

    it('gives the same UNAUTHENTICATED answer for an unknown e-mail, a wrong password and malformed input', async () => {
      const wrong = await t.gql(LOG_IN, { email: admin.email, password: 'not-the-password' });
      const unknown = await t.gql(LOG_IN, { email: 'nobody@nowhere.test', password: 'whatever-password' });
      const malformed = await t.gql(LOG_IN, { email: 'not-an-email', password: '' });
      for (const res of [wrong, unknown, malformed]) {
        expect(res.data).toBeNull();
        expect(res.errors).toHaveLength(1);
        expect(res.errors?.[0]?.message).toBe('E-mail ou mot de passe incorrect');
        expect(errorCode(res)).toBe('UNAUTHENTICATED');
      }
    });

    it(`refuses with TOO_MANY_REQUESTS after ${LOGIN_THROTTLE.maxPerEmail} failures for one e-mail, even with the right password`, async () => {
      const victim = await createStaff(t, admin, school.id);
      for (let i = 0; i < LOGIN_THROTTLE.maxPerEmail; i++) {
        expect(errorCode(await t.gql(LOG_IN, { email: victim.email, password: `wrong-${i}-password` }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      const blocked = await t.gql(LOG_IN, { email: victim.email, password: PASSWORD });
      expect(errorCode(blocked)).toBe('TOO_MANY_REQUESTS');
      expect(blocked.errors?.[0]?.extensions?.['details']).toMatchObject({ retryAfterSeconds: expect.any(Number) });
      // Stored in the database (so every instance sees it), with an expiry for the TTL index.
      const row = await t.connection.collection('loginthrottles').findOne({ key: `email:${victim.email}` });
      expect(row).toMatchObject({ count: LOGIN_THROTTLE.maxPerEmail, expiresAt: expect.any(Date) });
      // Another account is not affected.
      expect(errorCode(await t.gql(LOG_IN, { email: admin.email, password: PASSWORD }))).toBeUndefined();
      // Once the window is over, the right password works again.
      await setInDatabase(
        t.connection,
        'loginthrottles',
        { key: `email:${victim.email}` },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      expect(errorCode(await t.gql(LOG_IN, { email: victim.email, password: PASSWORD }))).toBeUndefined();
    });

    it('counts parallel guesses atomically (no burst slips past the limit)', async () => {
      const victim = await createStaff(t, admin, school.id);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => t.gql(LOG_IN, { email: victim.email, password: `guess-${i}-password` })),
      );
      const codes = results.map(errorCode);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(LOGIN_THROTTLE.maxPerEmail);
      expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(12 - LOGIN_THROTTLE.maxPerEmail);
    });

    it('a successful log-in clears the e-mail’s failures', async () => {
      const user = await createStaff(t, admin, school.id);
      for (let i = 0; i < LOGIN_THROTTLE.maxPerEmail - 1; i++)
        await t.gql(LOG_IN, { email: user.email, password: 'wrong-password-x' });
      expect(errorCode(await t.gql(LOG_IN, { email: user.email, password: PASSWORD }))).toBeUndefined();
      for (let i = 0; i < LOGIN_THROTTLE.maxPerEmail - 1; i++) {
        expect(errorCode(await t.gql(LOG_IN, { email: user.email, password: 'wrong-password-y' }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      expect(errorCode(await t.gql(LOG_IN, { email: user.email, password: PASSWORD }))).toBeUndefined();
    });

    it(`refuses an IP after ${LOGIN_THROTTLE.maxPerIp} failures across e-mails`, async () => {
      for (let i = 0; i < LOGIN_THROTTLE.maxPerIp; i++) {
        expect(errorCode(await t.gql(LOG_IN, { email: `spray${i}@nowhere.test`, password: 'password-123' }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      expect(errorCode(await t.gql(LOG_IN, { email: admin.email, password: PASSWORD }))).toBe('TOO_MANY_REQUESTS');
      const row = await t.connection.collection('loginthrottles').findOne({ key: { $regex: /^ip:/ } });
      expect(row?.['count']).toBe(LOGIN_THROTTLE.maxPerIp);
      // 31 argon2 verifications in a row: more than jest's default 5 s on a busy machine.
    }, 30_000);
  });

  describe('registerCompany', () => {
    it('creates the company and its recruiter once the e-mailed link is followed, which returns a working token', async () => {
      const input = companyInput({ siret: '732 829 320 00074', email: `  ${unique('Boss')}@Company.TEST ` });
      const email = input.email.trim().toLowerCase();
      const res = await t.gql<any>(REGISTER, { input });
      expect(res.errors).toBeUndefined();
      // No session before the address is proven (CONTRACT v2); the answer has the account's shape.
      expect(res.data.registerCompany.token).toBe('');
      expect(res.data.registerCompany.user).toMatchObject({ role: 'COMPANY_RECRUITER', displayName: 'Nadia Lefèvre' });
      expect(res.data.registerCompany.user.email).toBe(email);
      expect(await t.connection.collection('users').countDocuments({ email })).toBe(0);
      const verified = await t.ok<any>(VERIFY, { token: await verificationTokenFor(t, email) });
      const mine = await t.ok<any>(
        '{ myCompany { name siret city location { lat lng } contactName } }',
        undefined,
        verified.verifyEmail.token,
      );
      expect(mine.myCompany).toEqual({
        name: 'Mécanique de Précision Rhône',
        siret: '73282932000074',
        city: 'Villeurbanne',
        location: { lat: 45.77, lng: 4.89 },
        contactName: 'Nadia Lefèvre',
      });
      const user = await t.connection.collection('users').findOne({ email });
      expect(String(user?.['passwordHash'])).toMatch(/^\$argon2id\$/);
    });

    it.each([
      ['a SIRET failing the Luhn check', { siret: '73282932000075' }, 'input.siret'],
      ['a SIRET of 13 digits', { siret: '7328293200007' }, 'input.siret'],
      ['a SIRET with letters', { siret: '7328293200007A' }, 'input.siret'],
      ['a 9-character password', { password: '123456789' }, 'input.password'],
      ['a malformed e-mail', { email: 'nadia@' }, 'input.email'],
      ['a blank company name', { companyName: '   ' }, 'input.companyName'],
      ['a 101-character name', { companyName: 'x'.repeat(101) }, 'input.companyName'],
      ['a latitude of 91', { location: { lat: 91, lng: 4 } }, 'input.location.lat'],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides, path) => {
      const before = await snapshotDatabase(t.connection);
      const res = await t.gql(REGISTER, { input: companyInput(overrides) });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.['fieldIssues']).toEqual(
        expect.arrayContaining([expect.objectContaining({ path })]),
      );
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('refuses missing fields, wrong types and a ~1 MB name with BAD_USER_INPUT and writes nothing', async () => {
      const before = await snapshotDatabase(t.connection);
      const { siret: _omit, ...noSiret } = companyInput();
      expect(errorCode(await t.gql(REGISTER, { input: noSiret }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(REGISTER, { input: companyInput({ location: { lat: 'north', lng: 4 } }) }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await t.gql(REGISTER, { input: companyInput({ companyName: 'x'.repeat(1_000_000) }) }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await t.gql(REGISTER, { input: companyInput({ companyName: 'x'.repeat(900_000) }) }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('answers CONFLICT for a known SIRET; a known e-mail gets the plain answer; no second company or user', async () => {
      const first = companyInput();
      await t.ok(REGISTER, { input: first });
      await t.ok(VERIFY, { token: await verificationTokenFor(t, first.email) });
      // Every sign-up attempt counts against the client's limit (loginthrottles), refused ones too.
      const before = await snapshotDatabase(t.connection, ['loginthrottles']);
      const sameSiret = await t.gql(REGISTER, { input: companyInput({ siret: first.siret }) });
      expect(errorCode(sameSiret)).toBe('CONFLICT');
      expect(sameSiret.errors?.[0]?.message).toMatch(/SIRET/);
      expect(await snapshotDatabase(t.connection, ['loginthrottles'])).toEqual(before);
      // Same answer as for a new address (issue 13 item 4): the owner is told by e-mail, nothing is created.
      const counts = async () => [
        await t.connection.collection('companies').countDocuments(),
        await t.connection.collection('users').countDocuments(),
      ];
      const beforeCounts = await counts();
      const sameEmail = await t.gql<any>(REGISTER, { input: companyInput({ email: first.email.toUpperCase() }) });
      expect(sameEmail.errors).toBeUndefined();
      expect(sameEmail.data.registerCompany.token).toBe('');
      expect(await counts()).toEqual(beforeCounts);
    });

    it('lets exactly one of two simultaneous verifications of sign-ups with one SIRET through', async () => {
      const input = companyInput();
      const other = { ...input, email: `${unique('b')}@company.test` };
      await t.ok(REGISTER, { input });
      await t.ok(REGISTER, { input: other });
      const tokens = [await verificationTokenFor(t, input.email), await verificationTokenFor(t, other.email)];
      const companies = await t.connection.collection('companies').countDocuments();
      const results = await Promise.all(tokens.map((token) => t.gql(VERIFY, { token })));
      expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined].sort());
      expect(await t.connection.collection('companies').countDocuments()).toBe(companies + 1);
      expect(
        await t.connection
          .collection('users')
          .countDocuments({ companyId: { $exists: true }, email: { $in: [input.email, other.email] } }),
      ).toBe(1);
    });
  });

  describe('inviteUser and acceptInvitation', () => {
    it('admin invites staff: 14-day single-use code stored only as its sha256', async () => {
      const email = `${unique('staff')}@school.test`;
      const before = Date.now();
      const res = await t.ok<any>(INVITE, { input: { email, role: 'SCHOOL_STAFF', schoolId: school.id } }, admin.token);
      const inv = res.inviteUser;
      expect(inv).toMatchObject({ email, role: 'SCHOOL_STAFF', school: { id: school.id, name: school.name } });
      expect(inv.code).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      const expiresAt = new Date(inv.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + INVITATION_VALIDITY_MS - 1000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + INVITATION_VALIDITY_MS + 1000);
      const stored = await t.connection.collection('invitations').findOne({ email });
      expect(stored?.['codeHash']).toBe(sha256(inv.code));
      expect(JSON.stringify(stored)).not.toContain(inv.code);

      const acc = await t.ok<any>(ACCEPT, {
        input: { code: inv.code, password: PASSWORD, firstName: 'Élise', lastName: 'Roux' },
      });
      expect(acc.acceptInvitation.user).toMatchObject({ email, role: 'SCHOOL_STAFF', displayName: 'Élise Roux' });
      const me = await t.ok<any>(
        '{ me { school { id } studentProfile { id } } }',
        undefined,
        acc.acceptInvitation.token,
      );
      expect(me.me).toEqual({ school: { id: school.id }, studentProfile: null });
    });

    it('staff invite a student of their school (schoolId implied); accepting creates the user and the profile', async () => {
      const email = `${unique('eleve')}@school.test`;
      const inv = await t.ok<any>(INVITE, { input: { email, role: 'STUDENT' } }, staff.token);
      expect(inv.inviteUser.school.id).toBe(school.id);
      const acc = await t.ok<any>(ACCEPT, {
        input: { code: inv.inviteUser.code, password: PASSWORD, firstName: 'Inès', lastName: 'Garcia' },
      });
      const me = await t.ok<any>(
        '{ me { role studentProfile { firstName lastName email mobilityKm school { id } } } }',
        undefined,
        acc.acceptInvitation.token,
      );
      expect(me.me).toEqual({
        role: 'STUDENT',
        studentProfile: { firstName: 'Inès', lastName: 'Garcia', email, mobilityKm: 30, school: { id: school.id } },
      });
      // The new account logs in with its password.
      expect(errorCode(await t.gql(LOG_IN, { email, password: PASSWORD }))).toBeUndefined();
    });

    type InviteCase = [
      string,
      () => string | undefined,
      { role: string; schoolId?: () => string; email?: string },
      string,
    ];
    it.each<InviteCase>([
      ['anonymous', () => undefined, { role: 'STUDENT' }, 'UNAUTHENTICATED'],
      ['staff inviting staff', () => staff.token, { role: 'SCHOOL_STAFF' }, 'FORBIDDEN'],
      [
        'staff inviting into another school',
        () => staff.token,
        { role: 'STUDENT', schoolId: () => otherSchool.id },
        'FORBIDDEN',
      ],
      ['the admin inviting a student', () => admin.token, { role: 'STUDENT', schoolId: () => school.id }, 'FORBIDDEN'],
      ['the admin without schoolId', () => admin.token, { role: 'SCHOOL_STAFF' }, 'BAD_USER_INPUT'],
      [
        'an unknown school',
        () => admin.token,
        { role: 'SCHOOL_STAFF', schoolId: () => '5f0000000000000000000000' },
        'NOT_FOUND',
      ],
      ['a malformed schoolId', () => admin.token, { role: 'SCHOOL_STAFF', schoolId: () => 'abc' }, 'BAD_USER_INPUT'],
      [
        'a role that cannot be invited',
        () => admin.token,
        { role: 'FEDERATION_ADMIN', schoolId: () => school.id },
        'BAD_USER_INPUT',
      ],
      [
        'a malformed e-mail',
        () => admin.token,
        { role: 'SCHOOL_STAFF', schoolId: () => school.id, email: 'no-at-sign' },
        'BAD_USER_INPUT',
      ],
    ])('refuses %s (%#) and writes nothing', async (_label, token, input, code) => {
      const before = await snapshotDatabase(t.connection);
      const { schoolId, email, ...rest } = input;
      const res = await t.gql(
        INVITE,
        {
          input: {
            email: email ?? `${unique('x')}@school.test`,
            ...rest,
            ...(schoolId ? { schoolId: schoolId() } : {}),
          },
        },
        token(),
      );
      expect(errorCode(res)).toBe(code);
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('refuses to invite an e-mail that already has an account (CONFLICT)', async () => {
      expect(errorCode(await t.gql(INVITE, { input: { email: staff.email, role: 'STUDENT' } }, staff.token))).toBe(
        'CONFLICT',
      );
    });

    async function freshInvitation(): Promise<{ code: string; email: string }> {
      const email = `${unique('eleve')}@school.test`;
      const inv = await t.ok<any>(INVITE, { input: { email, role: 'STUDENT' } }, staff.token);
      return { code: inv.inviteUser.code, email };
    }

    it('is single use: a second acceptance is BAD_USER_INPUT and creates nothing', async () => {
      const { code } = await freshInvitation();
      await t.ok(ACCEPT, { input: { code, password: PASSWORD, firstName: 'Noé', lastName: 'Petit' } });
      const before = await snapshotDatabase(t.connection);
      const again = await t.gql(ACCEPT, {
        input: { code, password: 'another-password', firstName: 'Mallory', lastName: 'X' },
      });
      expect(errorCode(again)).toBe('BAD_USER_INPUT');
      expect(again.errors?.[0]?.message).toMatch(/déjà été utilisée/);
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('lets exactly one of 5 simultaneous acceptances of one code through', async () => {
      const { code, email } = await freshInvitation();
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: `P${i}`, lastName: 'Race' } }),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((r) => r.errors)) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(errorCode(r));
      expect(await t.connection.collection('users').countDocuments({ email })).toBe(1);
      expect(await t.connection.collection('students').countDocuments({ email })).toBe(1);
    });

    it('refuses an expired invitation with BAD_USER_INPUT and writes nothing', async () => {
      const { code } = await freshInvitation();
      await setInDatabase(
        t.connection,
        'invitations',
        { codeHash: sha256(code) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      const before = await snapshotDatabase(t.connection);
      const res = await t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: 'Léo', lastName: 'Blanc' } });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/expiré/);
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('refuses an unknown code with NOT_FOUND, bad fields with BAD_USER_INPUT, and keeps the invitation usable', async () => {
      const { code } = await freshInvitation();
      const before = await snapshotDatabase(t.connection);
      expect(
        errorCode(
          await t.gql(ACCEPT, { input: { code: 'A'.repeat(43), password: PASSWORD, firstName: 'A', lastName: 'B' } }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(await t.gql(ACCEPT, { input: { code, password: 'short', firstName: 'A', lastName: 'B' } })),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(await t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: ' ', lastName: 'B' } })),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: 'A'.repeat(500_000), lastName: 'B' } }),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await t.gql(ACCEPT, {
            input: { code: 'x'.repeat(500_000), password: PASSWORD, firstName: 'A', lastName: 'B' },
          }),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: 'A' } }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(await snapshotDatabase(t.connection)).toEqual(before);
      // Still usable after all those refusals.
      expect(
        errorCode(await t.gql(ACCEPT, { input: { code, password: PASSWORD, firstName: 'Ana', lastName: 'Bel' } })),
      ).toBeUndefined();
    });
  });
});
