import { getSchema } from '../src/graphql/schema';
import { createNotifications } from '../src/modules/notification/notification.queries';
import {
  createSchool,
  createStudent,
  createWorld,
  errorCode,
  makeSiret,
  PASSWORD,
  registerCompany,
  sha256,
  snapshotDatabase,
  startTestApp,
  logIn,
  unique,
  type TestApp,
  type World,
} from './helpers';
import { hiringRows } from './authz-matrix.hiring';

// Authorization matrix: every mutation and every query of the schema, called anonymously, by each role, and by a
// same-role actor of the other school/company. Targets always belong to side A (school A, company A, student A),
// so the B actors are "same role, someone else's". A refused call must change nothing in the database (document
// counts and a content hash of every collection, before/after).

// Each call snapshots the whole database twice: on a loaded machine that outlasts jest's default 5 seconds.
jest.setTimeout(60_000);

const WHO = ['anonymous', 'admin', 'staffA', 'staffB', 'recruiterA', 'recruiterB', 'studentA', 'studentB'] as const;
type Who = (typeof WHO)[number];
/** OK = allowed; NOOP = allowed but must change nothing (e.g. marking someone else's notifications); else the error code. */
type Outcome = 'OK' | 'NOOP' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'BAD_USER_INPUT';

interface Ctx {
  t: TestApp;
  w: World;
}

interface Row {
  /** Root field (Query or Mutation) this row covers. */
  op: string;
  label?: string;
  document: string;
  /** Prepares fresh targets for ONE call (run before the "before" snapshot). */
  vars: (ctx: Ctx) => Promise<Record<string, unknown>> | Record<string, unknown>;
  expect: Record<Who, Outcome>;
  /** Collections a call may legitimately touch whatever its outcome (log-in counters). */
  ignoreCollections?: string[];
}

/** The e-mail address of an account created for this call only. */
async function emailOfThrowaway(t: TestApp): Promise<string> {
  const email = `${unique('taken')}@promesse.test`;
  await t.connection.collection('users').insertOne({
    email,
    passwordHash: 'not-a-hash',
    role: 'STUDENT',
    displayName: 'Throwaway',
    locale: 'fr',
  });
  return email;
}

/** A password reset token (plain) of an account created for this call only. */
async function resetTokenOfThrowaway(t: TestApp): Promise<string> {
  const token = unique('reset-token');
  const { insertedId } = await t.connection.collection('users').insertOne({
    email: `${unique('throwaway')}@promesse.test`,
    passwordHash: 'not-a-hash',
    role: 'STUDENT',
    displayName: 'Throwaway',
    locale: 'fr',
  });
  await t.connection.collection('passwordResets').insertOne({
    tokenHash: sha256(token),
    userId: insertedId,
    expiresAt: new Date(Date.now() + 3_600_000),
    usedAt: null,
  });
  return token;
}

/** The plain token of a company sign-up waiting for its e-mail link, created for this call only. */
async function signUpTokenOfThrowaway(t: TestApp): Promise<string> {
  const token = unique('sign-up-token');
  await t.connection.collection('companyRegistrations').insertOne({
    tokenHash: sha256(token),
    email: `${unique('pending')}@company.test`,
    passwordHash: 'not-a-hash',
    companyName: `Tôlerie ${unique('')}`,
    siret: makeSiret(),
    contactName: 'Inès Garnier',
    city: 'Lyon',
    location: { lat: 45.7, lng: 4.8 },
    locale: 'fr',
    expiresAt: new Date(Date.now() + 3_600_000),
    usedAt: null,
    createdAt: new Date(),
  });
  return token;
}

/** A fresh invitation of a student into school A, sent by staff A; its id. */
async function invitationOfA({ t, w }: Ctx): Promise<string> {
  const email = `${unique('invitee')}@promesse.test`;
  const res = await t.gql(
    `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    { input: { email, role: 'STUDENT' } },
    w.staffA.token,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const invitation = await t.connection.collection('invitations').findOne({ email });
  return String(invitation?._id);
}

/** A message given up on, straight in the outbox (what a refused SMTP delivery leaves). */
async function deadLetter(t: TestApp): Promise<string> {
  const now = new Date();
  const { insertedId } = await t.connection.collection('mailOutbox').insertOne({
    key: unique('dead'),
    to: 'nobody@promesse.test',
    locale: 'fr',
    template: 'passwordReset',
    params: { token: 'x' },
    status: 'DEAD',
    attempts: 1,
    availableAt: now,
    lastError: '550 No such user',
    createdAt: now,
    updatedAt: now,
  });
  return String(insertedId);
}

const PUBLIC: Record<Who, Outcome> = Object.fromEntries(WHO.map((w) => [w, 'OK'])) as Record<Who, Outcome>;
const AUTHENTICATED: Record<Who, Outcome> = { ...PUBLIC, anonymous: 'UNAUTHENTICATED' };
const SIGNED_IN_BAD_INPUT = {
  ...Object.fromEntries(WHO.map((w) => [w, 'BAD_USER_INPUT'])),
  anonymous: 'UNAUTHENTICATED',
} as Record<Who, Outcome>;
/** Allowed for the listed actors; anonymous UNAUTHENTICATED; everyone else FORBIDDEN; `overrides` last. */
function only(allowed: Who[], overrides: Partial<Record<Who, Outcome>> = {}): Record<Who, Outcome> {
  const out = Object.fromEntries(
    WHO.map((w) => [w, w === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(w) ? 'OK' : 'FORBIDDEN']),
  ) as Record<Who, Outcome>;
  return { ...out, ...overrides };
}

function tokenOf(w: World, who: Who): string | undefined {
  switch (who) {
    case 'anonymous':
      return undefined;
    case 'admin':
      return w.admin.token;
    case 'staffA':
      return w.staffA.token;
    case 'staffB':
      return w.staffB.token;
    case 'recruiterA':
      return w.companyA.token;
    case 'recruiterB':
      return w.companyB.token;
    case 'studentA':
      return w.studentA.token;
    case 'studentB':
      return w.studentB.token;
  }
}

// ---- marketplace fixtures (through the API, as company A / school A) ----

const DAY = 24 * 60 * 60 * 1000;
function jobPromiseInput(w: World) {
  return {
    title: `Tourneur·se fraiseur·se ${unique('')}`,
    description: 'Atelier d’usinage de pièces aéronautiques, tutorat assuré.',
    trade: 'MACHINING',
    contractType: 'CDI',
    positions: 2,
    diplomaLevel: 'CAP',
    skills: ['tournage'],
    city: 'Lyon',
    location: { lat: 45.76, lng: 4.84 },
    startDate: new Date(Date.now() + 30 * DAY).toISOString(),
    expiresAt: new Date(Date.now() + 60 * DAY).toISOString(),
    schoolIds: [w.schoolA.id],
  };
}

async function draftOfA({ t, w }: Ctx): Promise<string> {
  const res = await t.ok<any>(
    `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }`,
    { input: jobPromiseInput(w) },
    w.companyA.token,
  );
  return res.createJobPromise.id;
}

async function openOfA(ctx: Ctx): Promise<string> {
  const id = await draftOfA(ctx);
  await ctx.t.ok(`mutation($id: ID!) { publishJobPromise(id: $id) { id } }`, { id }, ctx.w.companyA.token);
  return id;
}

async function applicationOfA(ctx: Ctx): Promise<string> {
  const jobPromiseId = await openOfA(ctx);
  const res = await ctx.t.ok<any>(
    `mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id, message: "Bonjour") { id } }`,
    { id: jobPromiseId },
    ctx.w.studentA.token,
  );
  return res.applyToJobPromise.id;
}

async function recommendationOfA(ctx: Ctx): Promise<string> {
  const jobPromiseId = await openOfA(ctx);
  const res = await ctx.t.ok<any>(
    `mutation($jp: ID!, $s: ID!) { recommendGraduate(jobPromiseId: $jp, studentId: $s, note: "Très rigoureuse") { id } }`,
    { jp: jobPromiseId, s: ctx.w.studentA.studentId },
    ctx.w.staffA.token,
  );
  return res.recommendGraduate.id;
}

/** A PROPOSED matching round of school A (student A and a fresh open promise of company A). */
async function roundOfA(ctx: Ctx): Promise<string> {
  await openOfA(ctx);
  const res = await ctx.t.ok<any>(
    `mutation($ids: [ID!]!) { proposeMatchingRound(studentIds: $ids) { id } }`,
    { ids: [ctx.w.studentA.studentId] },
    ctx.w.staffA.token,
  );
  return res.proposeMatchingRound.id;
}

async function invitationCode({ t, w }: Ctx): Promise<string> {
  const res = await t.ok<any>(
    `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    { input: { email: `${unique('inv')}@school.test`, role: 'STUDENT' } },
    w.staffA.token,
  );
  return res.inviteUser.code;
}

const ROWS: Row[] = [
  // ---------------- public mutations ----------------
  {
    op: 'logIn',
    document: `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }`,
    vars: ({ w }) => ({ email: w.staffA.email, password: PASSWORD }),
    expect: PUBLIC,
    ignoreCollections: ['loginthrottles'],
  },
  {
    op: 'registerCompany',
    document: `mutation($input: RegisterCompanyInput!) { registerCompany(input: $input) { token } }`,
    vars: () => ({
      input: {
        companyName: `Soudure ${unique('')}`,
        siret: makeSiret(),
        email: `${unique('rh')}@company.test`,
        password: PASSWORD,
        contactName: 'Paul Martin',
        city: 'Lyon',
        location: { lat: 45.7, lng: 4.8 },
      },
    }),
    expect: PUBLIC,
  },
  {
    op: 'acceptInvitation',
    document: `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`,
    vars: async (ctx) => ({
      input: { code: await invitationCode(ctx), password: PASSWORD, firstName: 'Zoé', lastName: 'Lambert' },
    }),
    expect: PUBLIC,
  },
  // ---------------- accounts ----------------
  {
    op: 'createSchool',
    document: `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id } }`,
    vars: () => ({
      input: { name: `École ${unique('')}`, city: 'Lille', location: { lat: 50.63, lng: 3.06 }, trades: ['WOODWORK'] },
    }),
    expect: only(['admin']),
  },
  {
    op: 'inviteUser',
    label: 'a STUDENT into school A',
    document: `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    vars: ({ w }) => ({ input: { email: `${unique('s')}@school.test`, role: 'STUDENT', schoolId: w.schoolA.id } }),
    expect: only(['staffA']),
  },
  {
    op: 'inviteUser',
    label: 'SCHOOL_STAFF into school A',
    document: `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`,
    vars: ({ w }) => ({
      input: { email: `${unique('st')}@school.test`, role: 'SCHOOL_STAFF', schoolId: w.schoolA.id },
    }),
    expect: only(['admin']),
  },
  {
    op: 'importStudents',
    label: 'a CSV of one student, into the caller’s own school',
    document: `mutation($input: ImportStudentsInput!) { importStudents(input: $input) { imported { code } } }`,
    vars: () => ({ input: { csv: `email\n${unique('imp')}@school.test` } }),
    expect: only(['staffA', 'staffB']),
  },
  {
    op: 'updateStudentProfile',
    label: 'of student A',
    document: `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`,
    vars: ({ w }) => ({ input: { studentId: w.studentA.studentId, mobilityKm: 1 + Math.floor(Math.random() * 400) } }),
    expect: only(['staffA', 'studentA']),
  },
  {
    op: 'requestPartnership',
    label: 'with a new school (for the caller’s own company)',
    document: `mutation($id: ID!) { requestPartnership(schoolId: $id) { id } }`,
    vars: async ({ t, w }) => ({ id: (await createSchool(t, w.admin)).id }),
    expect: only(['recruiterA', 'recruiterB']),
  },
  {
    op: 'decidePartnership',
    label: 'a pending request to school A',
    document: `mutation($id: ID!) { decidePartnership(id: $id, approve: true) { id } }`,
    vars: async ({ t, w }) => {
      const company = await registerCompany(t);
      const res = await t.ok<any>(
        `mutation($id: ID!) { requestPartnership(schoolId: $id) { id } }`,
        { id: w.schoolA.id },
        company.token,
      );
      return { id: res.requestPartnership.id };
    },
    expect: only(['staffA']),
  },
  {
    op: 'markNotificationsRead',
    label: 'a notification of student A',
    document: `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`,
    vars: async ({ t, w }) => {
      const [n] = await createNotifications(t.deps, null, [
        {
          userId: w.studentA.userId,
          type: 'JOB_PROMISE_MATCH',
          data: { jobPromiseId: 'x', jobPromiseTitle: 'Matrix' },
        },
      ]);
      return { ids: [String(n!._id)] };
    },
    expect: {
      ...AUTHENTICATED,
      admin: 'NOOP',
      staffA: 'NOOP',
      staffB: 'NOOP',
      recruiterA: 'NOOP',
      recruiterB: 'NOOP',
      studentB: 'NOOP',
    },
  },
  {
    op: 'updateNotificationPreferences',
    document: `mutation { updateNotificationPreferences(mutedTypes: [JOB_PROMISE_MATCH]) { mutedTypes } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  {
    op: 'setMyLocale',
    label: 'French (every fixture’s language already: later rows read the same texts)',
    document: `mutation { setMyLocale(locale: fr) { id locale } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  {
    op: 'setMyLocale',
    label: 'an unsupported language',
    document: `mutation($locale: Locale!) { setMyLocale(locale: $locale) { id } }`,
    vars: () => ({ locale: 'de' }),
    expect: Object.fromEntries(WHO.map((w) => [w, 'BAD_USER_INPUT'])) as Record<Who, Outcome>,
  },
  // The caller's own credentials (issue 16): every role may, with its current password; a refusal changes nothing
  // (the log-in counters a password check moves are ignored). Successful changes: accounts.credentials.test.ts.
  {
    op: 'changeMyPassword',
    label: 'with a wrong current password',
    document: `mutation { changeMyPassword(currentPassword: "not-my-password-123", newPassword: "a-new-password-123") }`,
    vars: () => ({}),
    expect: { ...SIGNED_IN_BAD_INPUT },
    ignoreCollections: ['loginthrottles'],
  },
  {
    op: 'changeMyEmail',
    label: 'with a wrong current password',
    document: `mutation($email: String!) { changeMyEmail(currentPassword: "not-my-password-123", newEmail: $email) { id } }`,
    vars: () => ({ email: `${unique('new-address')}@promesse.test` }),
    expect: { ...SIGNED_IN_BAD_INPUT },
    ignoreCollections: ['loginthrottles'],
  },
  {
    op: 'changeMyEmail',
    label: 'to an address another account has (right password)',
    document: `mutation($email: String!, $password: String!) { changeMyEmail(currentPassword: $password, newEmail: $email) { id } }`,
    vars: async ({ t }) => ({ email: await emailOfThrowaway(t), password: PASSWORD }),
    expect: { ...Object.fromEntries(WHO.map((w) => [w, 'CONFLICT'])), anonymous: 'UNAUTHENTICATED' } as Record<
      Who,
      Outcome
    >,
    ignoreCollections: ['loginthrottles'],
  },
  // ---------------- marketplace ----------------
  {
    op: 'createJobPromise',
    label: 'for school A',
    document: `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }`,
    vars: ({ w }) => ({ input: jobPromiseInput(w) }),
    expect: only(['recruiterA']),
  },
  {
    op: 'updateJobPromise',
    label: 'a draft of company A',
    document: `mutation($input: UpdateJobPromiseInput!) { updateJobPromise(input: $input) { id } }`,
    vars: async (ctx) => ({ input: { id: await draftOfA(ctx), title: `Nouveau titre ${unique('')}` } }),
    expect: only(['recruiterA']),
  },
  {
    op: 'publishJobPromise',
    label: 'a draft of company A',
    document: `mutation($id: ID!) { publishJobPromise(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await draftOfA(ctx) }),
    expect: only(['recruiterA']),
  },
  {
    op: 'closeJobPromise',
    label: 'an open promise of company A',
    document: `mutation($id: ID!) { closeJobPromise(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await openOfA(ctx) }),
    expect: only(['recruiterA', 'admin']),
  },
  {
    op: 'applyToJobPromise',
    label: 'an open promise for school A',
    document: `mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id) { id } }`,
    vars: async (ctx) => ({ id: await openOfA(ctx) }),
    expect: only(['studentA']),
  },
  {
    op: 'moveApplication',
    label: 'student A’s application -> SHORTLISTED (a company move)',
    document: `mutation($id: ID!) { moveApplication(id: $id, to: SHORTLISTED) { id } }`,
    vars: async (ctx) => ({ id: await applicationOfA(ctx) }),
    // The student may act on their application, but not make this move (state machine): CONFLICT.
    expect: only(['recruiterA'], { studentA: 'CONFLICT' }),
  },
  {
    op: 'moveApplication',
    label: 'student A’s application -> WITHDRAWN (a student move)',
    document: `mutation($id: ID!) { moveApplication(id: $id, to: WITHDRAWN) { id } }`,
    vars: async (ctx) => ({ id: await applicationOfA(ctx) }),
    expect: only(['studentA'], { recruiterA: 'CONFLICT' }),
  },
  {
    op: 'recommendGraduate',
    label: 'student A for an open promise for school A',
    document: `mutation($jp: ID!, $s: ID!) { recommendGraduate(jobPromiseId: $jp, studentId: $s, note: "Sérieuse et motivée") { id } }`,
    vars: async (ctx) => ({ jp: await openOfA(ctx), s: ctx.w.studentA.studentId }),
    expect: only(['staffA']),
  },
  {
    op: 'respondToRecommendation',
    label: 'a pending recommendation of student A',
    document: `mutation($id: ID!) { respondToRecommendation(id: $id, accept: false) { id } }`,
    vars: async (ctx) => ({ id: await recommendationOfA(ctx) }),
    expect: only(['studentA']),
  },
  {
    op: 'recordExitOutcome',
    label: 'student A, seeking',
    document: `mutation($id: ID!) { recordExitOutcome(input: { studentId: $id, outcome: SEEKING }) { id } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['staffA']),
  },
  {
    op: 'recordExamResult',
    label: 'student A',
    document: `mutation($id: ID!) { recordExamResult(studentId: $id, diploma: CAP, passed: true) { id } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['staffA']),
  },
  {
    op: 'recordOffPlatformPromise',
    label: 'student A',
    document: `mutation($id: ID!) { recordOffPlatformPromise(studentId: $id, companyName: "Garage Martin", date: "2026-01-15") { id } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['staffA']),
  },
  // ---------------- queries ----------------
  { op: 'me', document: `{ me { id } }`, vars: () => ({}), expect: PUBLIC },
  {
    op: 'outcomeStats',
    label: 'own school or network',
    document: `{ outcomeStats { graduates positiveOutcomeRate bySchool { school { id } graduates } } }`,
    vars: () => ({}),
    expect: only(['staffA', 'staffB', 'admin']),
  },
  {
    op: 'outcomeStats',
    label: 'school A named',
    document: `query($id: ID!) { outcomeStats(filter: { schoolIds: [$id] }) { graduates } }`,
    vars: ({ w }) => ({ id: w.schoolA.id }),
    expect: only(['staffA', 'admin']),
  },
  {
    op: 'publicOutcomeStats',
    document: `{ publicOutcomeStats { graduates positiveOutcomeRate byTrade { trade graduates suppressed } } }`,
    vars: () => ({}),
    expect: PUBLIC,
  },
  {
    op: 'outcomeGraduates',
    label: 'school A',
    document: `query($id: ID!) { outcomeGraduates(schoolId: $id) { student { id } outcomeOverdue } }`,
    vars: ({ w }) => ({ id: w.schoolA.id }),
    expect: only(['staffA', 'admin']),
  },
  {
    op: 'student',
    label: 'outcome detail of student A',
    document: `query($id: ID!) { student(id: $id) { id exitOutcome { outcome } examResult { passed } promiseLedger { id } } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['staffA', 'admin', 'studentA']),
  },
  { op: 'schools', document: `{ schools { id name } }`, vars: () => ({}), expect: PUBLIC },
  {
    op: 'towns',
    document: `query($search: String!) { towns(search: $search, first: 3) { name departmentCode location { lat lng } } }`,
    vars: () => ({ search: 'xertigny' }),
    expect: PUBLIC,
  },
  {
    op: 'school',
    label: 'public fields',
    document: `query($id: ID!) { school(id: $id) { id name city trades location { lat } } }`,
    vars: ({ w }) => ({ id: w.schoolA.id }),
    expect: PUBLIC,
  },
  {
    op: 'school',
    label: 'students and staff of school A',
    document: `query($id: ID!) { school(id: $id) { students { id } staff { id } } }`,
    vars: ({ w }) => ({ id: w.schoolA.id }),
    expect: only(['staffA', 'admin']),
  },
  {
    op: 'company',
    document: `query($id: ID!) { company(id: $id) { id name } }`,
    vars: ({ w }) => ({ id: w.companyA.companyId }),
    expect: AUTHENTICATED,
  },
  { op: 'myCompany', document: `{ myCompany { id } }`, vars: () => ({}), expect: only(['recruiterA', 'recruiterB']) },
  {
    op: 'partnerships',
    document: `{ partnerships { id } }`,
    vars: () => ({}),
    expect: only(['admin', 'staffA', 'staffB', 'recruiterA', 'recruiterB']),
  },
  {
    op: 'student',
    label: 'student A',
    document: `query($id: ID!) { student(id: $id) { id displayName } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    // Company A partners with school A: limited view (tested in accounts.students.test.ts); company B does not.
    expect: only(['studentA', 'staffA', 'admin', 'recruiterA']),
  },
  {
    op: 'myStudentProfile',
    document: `{ myStudentProfile { id } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB']),
  },
  {
    op: 'notifications',
    document: `{ notifications(first: 5) { edges { node { id } } } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  { op: 'unreadNotificationCount', document: `{ unreadNotificationCount }`, vars: () => ({}), expect: AUTHENTICATED },
  {
    op: 'notificationPreferences',
    document: `{ notificationPreferences { mutedTypes } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  {
    op: 'jobPromise',
    label: 'an open promise of company A for school A',
    document: `query($id: ID!) { jobPromise(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await openOfA(ctx) }),
    expect: only(['admin', 'recruiterA', 'staffA', 'studentA']),
  },
  {
    op: 'jobPromises',
    document: `{ jobPromises(first: 5) { edges { node { id } } } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  {
    op: 'application',
    label: 'student A’s application to company A',
    document: `query($id: ID!) { application(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await applicationOfA(ctx) }),
    expect: only(['admin', 'recruiterA', 'staffA', 'studentA']),
  },
  {
    op: 'recommendation',
    label: 'school A’s recommendation of student A',
    document: `query($id: ID!) { recommendation(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await recommendationOfA(ctx) }),
    expect: only(['admin', 'recruiterA', 'staffA', 'studentA']),
  },
  {
    op: 'myApplications',
    document: `{ myApplications { id } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB']),
  },
  { op: 'myRecommendations', document: `{ myRecommendations { id } }`, vars: () => ({}), expect: AUTHENTICATED },
  {
    op: 'matchingJobPromises',
    document: `{ matchingJobPromises(first: 5) { score } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB']),
  },
  {
    op: 'matchingGraduates',
    label: 'for an open promise of company A for school A',
    document: `query($id: ID!) { matchingGraduates(jobPromiseId: $id, first: 5) { score } }`,
    vars: async (ctx) => ({ id: await openOfA(ctx) }),
    expect: only(['recruiterA', 'staffA', 'admin']),
  },
  // ---------------- matching rounds (school-mediated) ----------------
  {
    op: 'proposeMatchingRound',
    label: 'a cohort of school A (student A)',
    document: `mutation($ids: [ID!]!) { proposeMatchingRound(studentIds: $ids) { id } }`,
    vars: ({ w }) => ({ ids: [w.studentA.studentId] }),
    expect: only(['staffA']),
  },
  {
    op: 'confirmMatchingRound',
    label: 'a round proposed by school A',
    document: `mutation($id: ID!) { confirmMatchingRound(roundId: $id) { id } }`,
    vars: async (ctx) => ({ id: await roundOfA(ctx) }),
    expect: only(['staffA']),
  },
  {
    op: 'matchingRounds',
    document: `{ matchingRounds { id } }`,
    vars: () => ({}),
    expect: only(['staffA', 'staffB', 'admin']),
  },
  {
    op: 'matchingRound',
    label: 'a round proposed by school A',
    document: `query($id: ID!) { matchingRound(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await roundOfA(ctx) }),
    expect: only(['staffA', 'admin']),
  },
  {
    op: 'mailQueueStatus',
    document: `{ mailQueueStatus { pending dead } }`,
    vars: () => ({}),
    expect: only(['admin']),
  },
  {
    op: 'mailDeadLetters',
    document: `{ mailDeadLetters(first: 5) { id recipient } }`,
    vars: () => ({}),
    expect: only(['admin']),
  },
  {
    op: 'retryMailDeadLetter',
    label: 'a dead letter',
    document: `mutation($id: ID!) { retryMailDeadLetter(id: $id) { id } }`,
    vars: async ({ t }) => ({ id: await deadLetter(t) }),
    expect: only(['admin']),
  },
  { op: 'scheduledJobs', document: `{ scheduledJobs { name } }`, vars: () => ({}), expect: only(['admin']) },
  {
    op: 'requestPasswordReset',
    document: `mutation($email: String!) { requestPasswordReset(email: $email) }`,
    vars: ({ w }) => ({ email: w.studentB.email }),
    expect: PUBLIC,
  },
  {
    op: 'resetPassword',
    label: 'a valid token of a throwaway account',
    document: `mutation($token: String!) { resetPassword(token: $token, password: "a-new-password-123") }`,
    vars: async ({ t }) => ({ token: await resetTokenOfThrowaway(t) }),
    expect: PUBLIC,
  },
  {
    op: 'pendingInvitations',
    document: `{ pendingInvitations { id email } }`,
    vars: () => ({}),
    // Recruiters list their company's colleague invitations (see the hiring rows).
    expect: only(['admin', 'staffA', 'staffB', 'recruiterA', 'recruiterB']),
  },
  {
    op: 'resendInvitation',
    label: 'an invitation sent by staff A',
    document: `mutation($id: ID!) { resendInvitation(id: $id) { code } }`,
    vars: async (ctx) => ({ id: await invitationOfA(ctx) }),
    expect: only(['staffA'], { admin: 'NOT_FOUND', staffB: 'NOT_FOUND' }),
  },
  {
    op: 'revokeInvitation',
    label: 'an invitation sent by staff A',
    document: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`,
    vars: async (ctx) => ({ id: await invitationOfA(ctx) }),
    expect: only(['staffA'], {
      admin: 'NOT_FOUND',
      staffB: 'NOT_FOUND',
      recruiterA: 'NOT_FOUND',
      recruiterB: 'NOT_FOUND',
    }),
  },
  // ---------------- conversations of applications (issue 15) ----------------
  {
    op: 'conversation',
    label: 'of an application of student A to company A',
    document: `query($id: ID!) { conversation(applicationId: $id) { side canWrite unreadCount messages { id body } } }`,
    vars: async (ctx) => ({ id: await applicationOfA(ctx) }),
    expect: only(['studentA', 'recruiterA', 'staffA']),
  },
  {
    op: 'sendMessage',
    label: 'in the conversation of an application of student A to company A',
    document: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    vars: async (ctx) => ({ input: { applicationId: await applicationOfA(ctx), body: 'Bonjour, disponible lundi ?' } }),
    expect: only(['studentA', 'recruiterA']),
  },
  {
    op: 'markConversationRead',
    label: 'of an application of student A to company A',
    document: `mutation($id: ID!) { markConversationRead(applicationId: $id) { unreadCount } }`,
    vars: async (ctx) => {
      const id = await applicationOfA(ctx);
      await ctx.t.ok(
        `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
        { input: { applicationId: id, body: 'Bienvenue' } },
        ctx.w.companyA.token,
      );
      return { id };
    },
    expect: only(['studentA', 'recruiterA', 'staffA']),
  },
  {
    op: 'student',
    label: 'phone and CV of student A (null unless allowed: conversation.test.ts checks the values)',
    document: `query($id: ID!) { student(id: $id) { phone cv { url } } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['admin', 'staffA', 'recruiterA', 'studentA']),
  },
  // ---------------- company e-mail verification (issue 14) ----------------
  {
    op: 'verifyEmail',
    label: 'the link of a pending sign-up',
    document: `mutation($token: String!) { verifyEmail(token: $token) { token } }`,
    vars: async ({ t }) => ({ token: await signUpTokenOfThrowaway(t) }),
    expect: PUBLIC,
  },
  {
    op: 'verifyEmail',
    label: 'an unknown token',
    document: `mutation($token: String!) { verifyEmail(token: $token) { token } }`,
    vars: () => ({ token: unique('not-a-sign-up-token') }),
    expect: Object.fromEntries(WHO.map((w) => [w, 'BAD_USER_INPUT'])) as Record<Who, Outcome>,
  },
  // ---------------- hiring (authz-matrix.hiring.ts) ----------------
  ...hiringRows(only, AUTHENTICATED),
  // ---------------- notification channels, job alerts (issue 14) ----------------
  {
    op: 'updateNotificationChannels',
    document: `mutation { updateNotificationChannels(settings: [{ type: PARTNERSHIP_DECIDED, channel: DIGEST }]) { channels { type channel } } }`,
    vars: () => ({}),
    expect: AUTHENTICATED,
  },
  {
    op: 'myJobAlerts',
    document: `{ myJobAlerts { id name } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB']),
  },
  {
    op: 'createJobAlert',
    document: `mutation { createJobAlert(input: { name: "Usinage", filter: { trade: MACHINING } }) { id } }`,
    vars: async ({ t }) => {
      // Room for one more each call (a student keeps at most 10).
      await t.connection.collection('jobAlerts').deleteMany({});
      return {};
    },
    expect: only(['studentA', 'studentB']),
  },
  {
    op: 'deleteJobAlert',
    label: 'an alert of student A',
    document: `mutation($id: ID!) { deleteJobAlert(id: $id) }`,
    vars: async ({ t, w }) => {
      const res = await t.ok<any>(
        `mutation { createJobAlert(input: { name: "Soudure", filter: { text: "soudure" } }) { id } }`,
        {},
        w.studentA.token,
      );
      return { id: res.createJobAlert.id };
    },
    expect: only(['studentA'], { studentB: 'NOT_FOUND' }),
  },
  // ---------------- issue 16: a student's follow-up (roster situation, applications, recommendations) -------------
  {
    op: 'student',
    label: 'follow-up of student A (situation, applications, recommendations)',
    document: `query($id: ID!) { student(id: $id) { id situation applications { id } recommendations { id } } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['staffA', 'admin', 'studentA']),
  },
  {
    op: 'school',
    label: 'roster of school A with situations',
    document: `query($id: ID!) { school(id: $id) { students { id situation } } }`,
    vars: ({ w }) => ({ id: w.schoolA.id }),
    expect: only(['staffA', 'admin']),
  },
  // ---------------- issue 18: erasure (the export is an HTTP route: see the file routes' matrix below) -----------
  {
    op: 'deleteMyAccount',
    label: 'a wrong password (the right one would erase the fixture actors: privacy.erasure.test.ts)',
    document: `mutation { deleteMyAccount(password: "not-the-password-0") }`,
    vars: () => ({}),
    expect: {
      ...only([]),
      staffA: 'BAD_USER_INPUT',
      staffB: 'BAD_USER_INPUT',
      recruiterA: 'BAD_USER_INPUT',
      recruiterB: 'BAD_USER_INPUT',
      studentA: 'BAD_USER_INPUT',
      studentB: 'BAD_USER_INPUT',
    },
  },
  {
    op: 'deleteStudent',
    label: 'a fresh student of school A',
    document: `mutation($id: ID!) { deleteStudent(studentId: $id) }`,
    vars: async ({ t, w }) => ({ id: (await createStudent(t, w.staffA)).studentId }),
    expect: only(['staffA']),
  },
  // ---------------- issue 18: access log, visibility choice ----------------
  {
    op: 'profileViews',
    label: 'own (no studentId)',
    document: `{ profileViews { id kind viewerName companyName count } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB'], { staffA: 'NOT_FOUND', staffB: 'NOT_FOUND' }),
  },
  {
    op: 'profileViews',
    label: 'of student A',
    document: `query($id: ID!) { profileViews(studentId: $id) { id kind viewerName companyName count } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['studentA', 'staffA']),
  },
  {
    op: 'setHiddenFromMatching',
    label: 'the caller’s own choice (set back to visible)',
    document: `mutation { setHiddenFromMatching(hidden: false) { id hiddenFromMatching } }`,
    vars: () => ({}),
    expect: only(['studentA', 'studentB']),
  },
  {
    op: 'student',
    label: 'hiddenFromMatching of student A (null for companies: visibility.test.ts checks the values)',
    document: `query($id: ID!) { student(id: $id) { hiddenFromMatching } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['admin', 'staffA', 'recruiterA', 'studentA']),
  },
  {
    op: 'student',
    label: 'e-mail and phone of student A (a company that sees them is recorded in the access log)',
    document: `query($id: ID!) { student(id: $id) { email phone } }`,
    vars: ({ w }) => ({ id: w.studentA.studentId }),
    expect: only(['admin', 'staffA', 'recruiterA', 'studentA']),
  },
  // ---------------- sessions (keep LAST: logging out ends the fixtures' sessions) ----------------
  {
    op: 'refreshSession',
    label: 'without the refresh cookie',
    document: `mutation { refreshSession { token } }`,
    vars: () => ({}),
    expect: Object.fromEntries(WHO.map((w) => [w, 'UNAUTHENTICATED'])) as Record<Who, Outcome>,
  },
  {
    op: 'logOut',
    label: 'this device',
    document: `mutation { logOut }`,
    vars: () => ({}),
    expect: PUBLIC,
  },
  {
    op: 'logOut',
    label: 'all devices (the token was already ended above: anonymous for every role)',
    document: `mutation { logOut(allDevices: true) }`,
    vars: () => ({}),
    expect: Object.fromEntries(WHO.map((w) => [w, 'UNAUTHENTICATED'])) as Record<Who, Outcome>,
  },
];

/** Every operation of CONTRACT.md (the matrix must cover them all once they exist). */
const CONTRACT_OPERATIONS = [
  'me',
  'school',
  'schools',
  'jobPromise',
  'jobPromises',
  'myApplications',
  'myRecommendations',
  'matchingJobPromises',
  'matchingGraduates',
  'notifications',
  'unreadNotificationCount',
  'logIn',
  'registerCompany',
  'createSchool',
  'inviteUser',
  'acceptInvitation',
  'updateStudentProfile',
  'requestPartnership',
  'decidePartnership',
  'createJobPromise',
  'publishJobPromise',
  'closeJobPromise',
  'applyToJobPromise',
  'moveApplication',
  'recommendGraduate',
  'respondToRecommendation',
  'markNotificationsRead',
];

/**
 * The caps against spam (issue 14: applications, recommendations, partnership requests per day, invitations per
 * hour) count the records of the last day or hour; the matrix creates hundreds of fixtures with the same actors, so
 * before each call the earlier ones are moved two days back (a fixture step, before the "before" snapshot).
 */
async function ageCapRecords(t: TestApp): Promise<void> {
  const past = new Date(Date.now() - 2 * DAY);
  const recent = (field: string) => ({ [field]: { $gt: past } });
  await t.connection.collection('applications').updateMany(recent('createdAt'), { $set: { createdAt: past } });
  await t.connection.collection('recommendations').updateMany(recent('createdAt'), { $set: { createdAt: past } });
  await t.connection.collection('partnerships').updateMany(recent('requestedAt'), { $set: { requestedAt: past } });
  await t.connection.collection('invitations').updateMany(recent('lastSentAt'), { $set: { lastSentAt: past } });
}

const schema = getSchema();
const rootFields = new Set([
  ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
  ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
]);

describe('authorization matrix (real HTTP, refused calls write nothing)', () => {
  let t: TestApp;
  let w: World;

  let loggedInAt = 0;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
    loggedInAt = Date.now();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  // Access tokens live 15 minutes and a slow run of the whole matrix outlasts them: past 10 minutes the fixtures log
  // in again. Never within the sessions block, whose rows end those sessions on purpose.
  async function keepSessionsFresh(op: string): Promise<void> {
    if (op === 'logOut' || op === 'refreshSession' || Date.now() - loggedInAt < 10 * 60_000) return;
    for (const actor of [w.admin, w.staffA, w.staffB, w.companyA, w.companyB, w.studentA, w.studentB]) {
      actor.token = await logIn(t, actor.email);
    }
    loggedInAt = Date.now();
  }

  it('covers every Query and Mutation field of the schema, and the schema has every operation of CONTRACT.md', () => {
    const covered = new Set(ROWS.map((r) => r.op));
    expect([...rootFields].filter((f) => !covered.has(f)).sort()).toEqual([]);
    expect(CONTRACT_OPERATIONS.filter((op) => !rootFields.has(op))).toEqual([]);
  });

  const rows = ROWS.filter((r) => rootFields.has(r.op));
  describe.each(rows.map((r) => [r.label ? `${r.op} (${r.label})` : r.op, r] as const))('%s', (_name, row) => {
    it.each(WHO.map((who) => [who, row.expect[who]] as const))('%s -> %s', async (who, expected) => {
      await keepSessionsFresh(row.op);
      const ctx = { t, w };
      await ageCapRecords(t);
      const variables = await row.vars(ctx);
      const before = await snapshotDatabase(t.connection, row.ignoreCollections);
      const res = await t.gql(row.document, variables, tokenOf(w, who));
      const after = await snapshotDatabase(t.connection, row.ignoreCollections);
      const got = errorCode(res) ?? 'OK';
      if (expected === 'OK' || expected === 'NOOP') {
        expect({ who, got, errors: res.errors }).toEqual({ who, got: 'OK', errors: undefined });
        if (expected === 'NOOP') expect(after).toEqual(before);
      } else {
        expect({ who, got }).toEqual({ who, got: expected });
        // Refused: not a single document added, removed or changed.
        expect(after).toEqual(before);
      }
    });
  });
});

// ---- HTTP file routes (issue 15): a CV and an attachment of side A, downloaded and uploaded by every actor ----

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function uploadAs(t: TestApp, token: string | undefined, query: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF_BYTES)], { type: 'application/pdf' }), 'doc.pdf');
  const res = await fetch(`${t.url}/files?${query}`, {
    method: 'POST',
    body: form,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: await res.json() };
}

const STATUS: Record<Outcome, number> = {
  OK: 200,
  NOOP: 200,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
};

describe('authorization matrix of the file routes (real HTTP, refused uploads write nothing)', () => {
  let t: TestApp;
  let w: World;
  let cvUrl: string;
  let attachmentUrl: string;
  let applicationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
    const ctx = { t, w };
    applicationId = await applicationOfA(ctx);
    cvUrl = (await uploadAs(t, w.studentA.token, 'purpose=CV')).body.url;
    const attachment = await uploadAs(t, w.companyA.token, `purpose=ATTACHMENT&applicationId=${applicationId}`);
    await t.ok(
      `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { applicationId, attachmentIds: [attachment.body.id] } },
      w.companyA.token,
    );
    attachmentUrl = attachment.body.url;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const downloads: [string, () => string, Record<Who, Outcome>][] = [
    // Student A applied to company A: company A reads the CV, company B does not; the admin does not.
    ['GET the CV of student A', () => cvUrl, only(['staffA', 'recruiterA', 'studentA'])],
    [
      'GET an attachment of a conversation of student A',
      () => attachmentUrl,
      only(['staffA', 'recruiterA', 'studentA']),
    ],
    // Issue 18: the personal data export (a ZIP), of student A: the student and their school's staff only.
    [
      'GET the export of student A',
      () => `/privacy/export/students/${w.studentA.studentId}`,
      only(['staffA', 'studentA']),
    ],
    ['GET one’s own export', () => '/privacy/export', AUTHENTICATED],
  ];
  describe.each(downloads)('%s', (_name, url, expected) => {
    it.each(WHO.map((who) => [who, expected[who]] as const))('%s -> %s', async (who, outcome) => {
      const token = tokenOf(w, who);
      const res = await fetch(`${t.url}${url()}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      expect({ who, status: res.status }).toEqual({ who, status: STATUS[outcome] });
    });
  });

  const uploads: [string, () => string, Record<Who, Outcome>][] = [
    ['POST a CV', () => 'purpose=CV', only(['studentA', 'studentB'])],
    [
      'POST an attachment to the conversation of student A',
      () => `purpose=ATTACHMENT&applicationId=${applicationId}`,
      only(['studentA', 'recruiterA']),
    ],
  ];
  describe.each(uploads)('%s', (_name, query, expected) => {
    it.each(WHO.map((who) => [who, expected[who]] as const))('%s -> %s', async (who, outcome) => {
      const before = await snapshotDatabase(t.connection);
      const res = await uploadAs(t, tokenOf(w, who), query());
      expect({ who, status: res.status }).toEqual({ who, status: outcome === 'OK' ? 201 : STATUS[outcome] });
      if (outcome !== 'OK') expect(await snapshotDatabase(t.connection)).toEqual(before);
    });
  });
});
