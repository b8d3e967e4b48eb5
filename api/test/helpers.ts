import { withLuhnCheckDigit } from '@promesse/shared';
import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Role, Trade } from '@promesse/shared';
import { ensureBootstrapAdmin } from '../src/modules/auth/auth.queries';
import type { StoredMail } from '../src/modules/mail/mail.store';
import { waitForMails } from './mail.harness';
import {
  startTestApp as startHarness,
  type GraphQLResponse,
  type TestApp as HarnessApp,
} from '../src/testing/test-app';

// Test helpers over REAL HTTP: the real app (buildApp) on an in-memory embedded engine, listening on port 0, and
// fixtures that create every actor through the public API (so they exercise the same code as users do).
// Share one app per test file (beforeAll/afterAll): starting the engine costs more than most tests.

export type { GraphQLResponse };

export interface TestApp extends HarnessApp {
  connection: Connection;
  /** Like gql(), but fails the test (throws) when the answer has errors; returns data. */
  ok<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<TData>;
  /** The `extensions.code` of the first error (undefined when none). */
  code(query: string, variables?: Record<string, unknown>, token?: string): Promise<string | undefined>;
}

export async function startTestApp(envOverrides: Record<string, string> = {}): Promise<TestApp> {
  const harness = await startHarness(envOverrides);
  const t = harness as TestApp;
  t.connection = harness.db.connection;
  t.ok = async (query, variables, token) => {
    const res = await harness.gql(query, variables, token);
    if (res.errors?.length) {
      throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}\nquery: ${query}`);
    }
    return res.data as never;
  };
  t.code = async (query, variables, token) => {
    const res = await harness.gql(query, variables, token);
    return res.errors?.[0]?.extensions?.['code'] as string | undefined;
  };
  return t;
}

/** First error code of a response. */
export function errorCode(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.['code'] as string | undefined;
}

let counter = 0;
/** Unique suffix per call (e-mails, names) so fixtures never collide inside one database. */
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}${randomBytes(2).toString('hex')}`;
}

/** A valid (Luhn) SIRET built from 13 random digits. */
export function makeSiret(): string {
  const digits = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10));
  if (digits.slice(0, 9).join('') === '356000000') digits[0] = 1; // not La Poste's SIREN (other rule)
  return withLuhnCheckDigit(digits.join(''));
}

export const PASSWORD = 'correct-horse-battery';

export interface Actor {
  token: string;
  userId: string;
  email: string;
  role: Role;
}
export interface SchoolFixture {
  id: string;
  name: string;
}
export interface StaffFixture extends Actor {
  schoolId: string;
}
export interface CompanyFixture extends Actor {
  companyId: string;
  companyName: string;
  siret: string;
}
export interface StudentFixture extends Actor {
  studentId: string;
  schoolId: string;
  firstName: string;
  lastName: string;
}

const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id role } } }`;
const CREATE_SCHOOL = `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id name } }`;
const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code email role expiresAt } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { id role email } } }`;
const REGISTER = `mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { token user { id role email } } }`;
const VERIFY_EMAIL = `mutation($token: String!) { verifyEmail(token: $token) { token user { id role email } } }`;
const REQUEST_PARTNERSHIP = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id status } }`;
const DECIDE_PARTNERSHIP = `mutation($id: ID!, $approve: Boolean!) { decidePartnership(id: $id, approve: $approve) { id status } }`;
const UPDATE_PROFILE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`;
const MY_COMPANY = `{ myCompany { id name siret } }`;
const MY_PROFILE = `{ myStudentProfile { id school { id } } }`;

/** The federation admin (created like BOOTSTRAP_ADMIN does, then logged in over HTTP). */
export async function createAdmin(t: TestApp, email = `${unique('admin')}@promesse.test`): Promise<Actor> {
  await ensureBootstrapAdmin(t.deps, { email, password: PASSWORD });
  const data = await t.ok<{ logIn: { token: string; user: { id: string } } }>(LOG_IN, { email, password: PASSWORD });
  return { token: data.logIn.token, userId: data.logIn.user.id, email, role: 'FEDERATION_ADMIN' };
}

export async function logIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const data = await t.ok<{ logIn: { token: string } }>(LOG_IN, { email, password });
  return data.logIn.token;
}

export async function createSchool(
  t: TestApp,
  admin: Actor,
  input: Partial<{ name: string; city: string; location: { lat: number; lng: number }; trades: Trade[] }> = {},
): Promise<SchoolFixture> {
  const data = await t.ok<{ createSchool: SchoolFixture }>(
    CREATE_SCHOOL,
    {
      input: {
        name: input.name ?? `École de Production ${unique('s')}`,
        city: input.city ?? 'Lyon',
        location: input.location ?? { lat: 45.764, lng: 4.8357 },
        trades: input.trades ?? ['MACHINING', 'WELDING'],
      },
    },
    admin.token,
  );
  return data.createSchool;
}

/** Invites (as `inviter`) and accepts; returns the new account. */
export async function inviteAndAccept(
  t: TestApp,
  inviter: Actor,
  invite: { role: 'SCHOOL_STAFF' | 'STUDENT'; schoolId?: string; email?: string },
  names: { firstName?: string; lastName?: string } = {},
): Promise<Actor> {
  const email = invite.email ?? `${unique(invite.role.toLowerCase())}@promesse.test`;
  const inv = await t.ok<{ inviteUser: { code: string } }>(
    INVITE,
    { input: { email, role: invite.role, ...(invite.schoolId ? { schoolId: invite.schoolId } : {}) } },
    inviter.token,
  );
  const acc = await t.ok<{ acceptInvitation: { token: string; user: { id: string } } }>(ACCEPT, {
    input: {
      code: inv.inviteUser.code,
      password: PASSWORD,
      firstName: names.firstName ?? 'Camille',
      lastName: names.lastName ?? 'Durand',
    },
  });
  return { token: acc.acceptInvitation.token, userId: acc.acceptInvitation.user.id, email, role: invite.role };
}

export async function createStaff(t: TestApp, admin: Actor, schoolId: string): Promise<StaffFixture> {
  const actor = await inviteAndAccept(
    t,
    admin,
    { role: 'SCHOOL_STAFF', schoolId },
    { firstName: 'Sam', lastName: 'Formateur' },
  );
  return { ...actor, schoolId };
}

export async function createStudent(
  t: TestApp,
  staff: StaffFixture,
  profile: Record<string, unknown> = {},
  names: { firstName?: string; lastName?: string } = {},
): Promise<StudentFixture> {
  const firstName = names.firstName ?? 'Lina';
  const lastName = names.lastName ?? `Benali${unique('')}`;
  const actor = await inviteAndAccept(t, staff, { role: 'STUDENT' }, { firstName, lastName });
  const me = await t.ok<{ myStudentProfile: { id: string } }>(MY_PROFILE, undefined, actor.token);
  await t.ok(
    UPDATE_PROFILE,
    {
      input: {
        trade: 'MACHINING',
        diplomaLevel: 'CAP',
        graduationDate: '2026-06-30',
        skills: ['tournage', 'fraisage'],
        city: 'Lyon',
        location: { lat: 45.75, lng: 4.85 },
        mobilityKm: 40,
        availableFrom: '2026-07-01',
        ...profile,
      },
    },
    actor.token,
  );
  return { ...actor, studentId: me.myStudentProfile.id, schoolId: staff.schoolId, firstName, lastName };
}

/** What withTestApp hands a test file: its app, the folder of the mails the app sent, and its fixtures. */
export interface TestAppContext<F> {
  t: TestApp;
  dir: string;
  fixtures: F;
}

/**
 * Registers a test file's beforeAll/afterAll around one app (starting the engine costs more than most tests):
 * `setUp` builds the file's fixtures once, and `use` receives the app, its mail folder and the fixtures before the
 * first test; the app closes after the last.
 */
export function withTestApp<F>(
  setUp: (t: TestApp) => Promise<F>,
  use: (context: TestAppContext<F>) => void,
  timeoutMs = 120_000,
): void {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp();
    use({ t: app, dir: mailDirOf(app), fixtures: await setUp(app) });
  }, timeoutMs);
  afterAll(async () => {
    await app?.close();
  }, timeoutMs);
}

/** Where the app under test stores the mails it sends (a server process's `DATA_DIR/mail` for remote apps). */
export function mailDirOf(t: TestApp): string {
  const dir = (t as { mailDir?: string }).mailDir ?? t.mail?.devServer?.dir;
  if (!dir) throw new Error('this test app stores no mail (SMTP_URL set?)');
  return dir;
}

/** The token of the newest sign-up link e-mailed to `email` (waiting for the message in the store). */
export async function verificationTokenFor(t: TestApp, email: string): Promise<string> {
  const find = (mails: StoredMail[]) =>
    mails.find((m) => m.to.includes(email) && /\/verification-email#/.test(m.text ?? ''));
  const mails = await waitForMails(mailDirOf(t), (all) => find(all) !== undefined);
  const token = /\/verification-email#([\w-]+)/.exec(find(mails)?.text ?? '')?.[1];
  if (!token) throw new Error(`no verification link in the mail to ${email}`);
  return token;
}

/**
 * A company registered through registerCompany, its address verified by following the e-mailed link (verifyEmail
 * logs its first recruiter in: the returned actor).
 */
export async function registerCompany(
  t: TestApp,
  input: Partial<{ companyName: string; siret: string; email: string; city: string }> = {},
): Promise<CompanyFixture> {
  const siret = input.siret ?? makeSiret();
  const email = input.email ?? `${unique('rh')}@company.test`;
  const companyName = input.companyName ?? `Usinage ${unique('c')}`;
  const answer = await t.ok<{ registerCompany: { token: string } }>(REGISTER, {
    input: {
      companyName,
      siret,
      email,
      password: PASSWORD,
      contactName: 'Nadia Lefèvre',
      city: input.city ?? 'Villeurbanne',
      location: { lat: 45.7719, lng: 4.8902 },
    },
  });
  if (answer.registerCompany.token !== '') throw new Error('registerCompany logged in before the e-mail was verified');
  const data = await t.ok<{ verifyEmail: { token: string; user: { id: string } } }>(VERIFY_EMAIL, {
    token: await verificationTokenFor(t, email),
  });
  const token = data.verifyEmail.token;
  const company = await t.ok<{ myCompany: { id: string } }>(MY_COMPANY, undefined, token);
  return {
    token,
    userId: data.verifyEmail.user.id,
    email,
    role: 'COMPANY_RECRUITER',
    companyId: company.myCompany.id,
    companyName,
    siret,
  };
}

/** requestPartnership by the company, approved by the school's staff. Returns the partnership id. */
export async function approvePartnership(t: TestApp, company: CompanyFixture, staff: StaffFixture): Promise<string> {
  const req = await t.ok<{ requestPartnership: { id: string } }>(
    REQUEST_PARTNERSHIP,
    { schoolId: staff.schoolId },
    company.token,
  );
  await t.ok(DECIDE_PARTNERSHIP, { id: req.requestPartnership.id, approve: true }, staff.token);
  return req.requestPartnership.id;
}

/**
 * Two of everything, for authorization tests: school A (staff A, student A) partnered with company A, and the
 * same on side B. "Same role, other school/company" = the B actor.
 */
export interface World {
  admin: Actor;
  schoolA: SchoolFixture;
  schoolB: SchoolFixture;
  staffA: StaffFixture;
  staffB: StaffFixture;
  companyA: CompanyFixture;
  companyB: CompanyFixture;
  studentA: StudentFixture;
  studentB: StudentFixture;
  partnershipA: string;
  partnershipB: string;
}

export async function createWorld(t: TestApp): Promise<World> {
  const admin = await createAdmin(t);
  const schoolA = await createSchool(t, admin, { name: `École A ${unique('')}`, city: 'Lyon' });
  const schoolB = await createSchool(t, admin, {
    name: `École B ${unique('')}`,
    city: 'Marseille',
    location: { lat: 43.2965, lng: 5.3698 },
  });
  const staffA = await createStaff(t, admin, schoolA.id);
  const staffB = await createStaff(t, admin, schoolB.id);
  const companyA = await registerCompany(t, { city: 'Lyon' });
  const companyB = await registerCompany(t, { city: 'Marseille' });
  const partnershipA = await approvePartnership(t, companyA, staffA);
  const partnershipB = await approvePartnership(t, companyB, staffB);
  const studentA = await createStudent(t, staffA, {}, { firstName: 'Lina', lastName: 'Benali' });
  const studentB = await createStudent(
    t,
    staffB,
    { city: 'Marseille', location: { lat: 43.3, lng: 5.37 } },
    { firstName: 'Yanis', lastName: 'Morel' },
  );
  return {
    admin,
    schoolA,
    schoolB,
    staffA,
    staffB,
    companyA,
    companyB,
    studentA,
    studentB,
    partnershipA,
    partnershipB,
  };
}

export interface DatabaseSnapshot {
  counts: Record<string, number>;
  /** sha256 over every document of every collection, in _id order. */
  hash: string;
}

/**
 * Document counts and a content hash of every collection, to prove a refused call wrote nothing. `ignore` lists
 * collections that legitimately change on any call (e.g. `loginthrottles` for logIn attempts).
 */
export async function snapshotDatabase(
  connection: Connection,
  ignore: readonly string[] = [],
): Promise<DatabaseSnapshot> {
  const db = connection.db;
  if (!db) throw new Error('not connected');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.') && !ignore.includes(n))
    .sort();
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const name of names) {
    // The mail outbox changes under its worker (messages of earlier calls being sent): only which messages are
    // queued counts, not their delivery state.
    const projection = name === 'mailOutbox' ? { key: 1 } : {};
    const docs = await db.collection(name).find({}, { projection }).sort({ _id: 1 }).toArray();
    counts[name] = docs.length;
    hash.update(name);
    for (const d of docs) hash.update(JSON.stringify(d));
  }
  return { counts, hash: hash.digest('hex') };
}

/** Sets fields directly in the database (e.g. an invitation's expiresAt), bypassing the API on purpose. */
export async function setInDatabase(
  connection: Connection,
  collection: string,
  filter: Record<string, unknown>,
  set: Record<string, unknown>,
): Promise<number> {
  const res = await connection.collection(collection).updateMany(filter, { $set: set });
  return res.modifiedCount;
}

export function sha256(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex');
}
