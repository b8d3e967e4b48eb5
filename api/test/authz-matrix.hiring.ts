import { Types } from 'mongoose';
import { DAY_MS, parisParts } from '@promesse/shared';
import { PNG, upload } from './files.harness';
import { unique, type TestApp, type World } from './helpers';

// Authorization matrix rows of hiring (interviews, offers, editing published promises, company profile, colleagues),
// spliced into authz-matrix.test.ts. Targets belong to side A, as in the rest of the matrix.

type Who = 'anonymous' | 'admin' | 'staffA' | 'staffB' | 'recruiterA' | 'recruiterB' | 'studentA' | 'studentB';
type Outcome = 'OK' | 'NOOP' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'BAD_USER_INPUT';
interface Ctx {
  t: TestApp;
  w: World;
}
type Only = (allowed: Who[], overrides?: Partial<Record<Who, Outcome>>) => Record<Who, Outcome>;

function promiseFields(w: World) {
  return {
    title: `Soudeur·se ${unique('')}`,
    description: 'Atelier de chaudronnerie, tutorat assuré.',
    trade: 'MACHINING',
    contractType: 'CDI',
    positions: 2,
    skills: ['soudure'],
    city: 'Lyon',
    location: { lat: 45.76, lng: 4.84 },
    startDate: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    expiresAt: new Date(Date.now() + 60 * DAY_MS).toISOString(),
    schoolIds: [w.schoolA.id],
  };
}

async function openOfA({ t, w }: Ctx): Promise<string> {
  const input = promiseFields(w);
  const created = await t.ok<any>(
    `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }`,
    { input },
    w.companyA.token,
  );
  const id = created.createJobPromise.id as string;
  await t.ok(`mutation($id: ID!) { publishJobPromise(id: $id) { id } }`, { id }, w.companyA.token);
  return id;
}

/** Student A's application to a fresh promise of company A, moved by company A through `moves`. */
async function applicationOfA(ctx: Ctx, moves: string[] = []): Promise<string> {
  const jobPromiseId = await openOfA(ctx);
  const res = await ctx.t.ok<any>(
    `mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id) { id } }`,
    { id: jobPromiseId },
    ctx.w.studentA.token,
  );
  const id = res.applyToJobPromise.id as string;
  for (const to of moves) {
    await ctx.t.ok(
      `mutation($id: ID!, $to: ApplicationStatus!) { moveApplication(id: $id, to: $to) { id } }`,
      { id, to },
      ctx.w.companyA.token,
    );
  }
  return id;
}

const interviewInput = (applicationId: string) => ({
  applicationId,
  date: parisParts(new Date(Date.now() + 7 * DAY_MS)).date,
  time: '10:00',
  place: 'Atelier, Lyon',
});

async function proposedInterviewOfA(ctx: Ctx): Promise<string> {
  const applicationId = await applicationOfA(ctx, ['SHORTLISTED']);
  const res = await ctx.t.ok<any>(
    `mutation($input: ProposeInterviewInput!) { proposeInterview(input: $input) { id } }`,
    { input: interviewInput(applicationId) },
    ctx.w.companyA.token,
  );
  return res.proposeInterview.id;
}

/**
 * A workshop photo uploaded by recruiter A (not yet on the profile). Company A's profile is emptied of photos first
 * (straight in the database), so that every call of a row finds room under the cap.
 */
async function photoOfA({ t, w }: Ctx): Promise<string> {
  await t.connection
    .collection('companies')
    .updateOne({ _id: new Types.ObjectId(w.companyA.companyId) }, { $set: { photos: [] } });
  const res = await upload(t, w.companyA.token, 'purpose=WORKSHOP_PHOTO', PNG, 'atelier.png', 'image/png');
  return res.body.id as string;
}

/** A workshop photo on company A's profile. */
async function photoOnA(ctx: Ctx): Promise<string> {
  const fileId = await photoOfA(ctx);
  await ctx.t.ok(
    `mutation($fileId: ID!) { addCompanyPhoto(fileId: $fileId, alt: "Atelier") { id } }`,
    { fileId },
    ctx.w.companyA.token,
  );
  return fileId;
}

/** A pending colleague invitation of company A. */
async function colleagueInvitationOfA({ t, w }: Ctx): Promise<string> {
  const email = `${unique('collegue')}@company.test`;
  await t.ok(`mutation($email: String!) { inviteColleague(email: $email) { email } }`, { email }, w.companyA.token);
  const list = await t.ok<any>(`{ pendingInvitations { id email } }`, {}, w.companyA.token);
  return list.pendingInvitations.find((i: { email: string }) => i.email === email).id as string;
}

export function hiringRows(only: Only, AUTHENTICATED: Record<Who, Outcome>) {
  return [
    {
      op: 'proposeInterview',
      label: 'a shortlisted application of student A to company A',
      document: `mutation($input: ProposeInterviewInput!) { proposeInterview(input: $input) { id } }`,
      vars: async (ctx: Ctx) => ({ input: interviewInput(await applicationOfA(ctx, ['SHORTLISTED'])) }),
      expect: only(['recruiterA']),
    },
    {
      op: 'respondToInterview',
      label: 'an interview proposed to student A',
      document: `mutation($id: ID!) { respondToInterview(id: $id, accept: true) { id } }`,
      vars: async (ctx: Ctx) => ({ id: await proposedInterviewOfA(ctx) }),
      expect: only(['studentA']),
    },
    {
      op: 'cancelInterview',
      label: 'an interview proposed by company A to student A',
      document: `mutation($id: ID!) { cancelInterview(id: $id, reason: "Atelier fermé") { id status } }`,
      vars: async (ctx: Ctx) => ({ id: await proposedInterviewOfA(ctx) }),
      expect: only(['recruiterA']),
    },
    {
      op: 'makeOffer',
      label: 'an application of student A at interview',
      document: `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { id offer { weeklyHours } } }`,
      vars: async (ctx: Ctx) => ({
        input: {
          applicationId: await applicationOfA(ctx, ['SHORTLISTED', 'INTERVIEW']),
          contractType: 'CDI',
          startDate: new Date(Date.now() + 20 * DAY_MS).toISOString(),
          weeklyHours: 35,
          grossMonthlySalary: 1900,
        },
      }),
      expect: only(['recruiterA']),
    },
    {
      op: 'application',
      label: 'interviews and offer of student A’s application',
      document: `query($id: ID!) { application(id: $id) { id
        interviews { id startsAt place cancelledAt cancelReason } offer { weeklyHours } } }`,
      vars: async (ctx: Ctx) => ({ id: await applicationOfA(ctx, ['SHORTLISTED']) }),
      expect: only(['admin', 'recruiterA', 'staffA', 'studentA']),
    },
    {
      op: 'draftJobPromise',
      label: 'own company, no school yet',
      document: `mutation($input: JobPromiseInput!) { draftJobPromise(input: $input) { id } }`,
      vars: ({ w }: Ctx) => ({ input: { ...promiseFields(w), schoolIds: [] } }),
      expect: only(['recruiterA', 'recruiterB']),
    },
    {
      op: 'updateJobPromise',
      label: 'an OPEN promise of company A (title, history, notifications)',
      document: `mutation($input: UpdateJobPromiseInput!) { updateJobPromise(input: $input) { id } }`,
      vars: async (ctx: Ctx) => ({ input: { id: await openOfA(ctx), title: `Titre revu ${unique('')}` } }),
      expect: only(['recruiterA']),
    },
    {
      op: 'jobPromise',
      label: 'edit history of an OPEN promise of company A',
      document: `query($id: ID!) { jobPromise(id: $id) { editHistory { at byName changes { field before after } } } }`,
      vars: async (ctx: Ctx) => ({ id: await openOfA(ctx) }),
      expect: only(['recruiterA', 'admin']),
    },
    {
      op: 'company',
      label: 'profile of company A',
      document: `query($id: ID!) { company(id: $id) { presentation trades sites { name city address } } }`,
      vars: ({ w }: Ctx) => ({ id: w.companyA.companyId }),
      expect: AUTHENTICATED,
    },
    {
      op: 'company',
      label: 'recruiters of company A',
      document: `query($id: ID!) { company(id: $id) { recruiters { id displayName } } }`,
      vars: ({ w }: Ctx) => ({ id: w.companyA.companyId }),
      expect: only(['recruiterA']),
    },
    {
      op: 'updateCompanyProfile',
      label: 'own company',
      document: `mutation($input: CompanyProfileInput!) { updateCompanyProfile(input: $input) { id } }`,
      vars: () => ({
        input: {
          presentation: `Atelier ${unique('')}`,
          trades: ['WELDING'],
          sites: [{ name: 'Atelier', city: 'Lyon' }],
        },
      }),
      expect: only(['recruiterA', 'recruiterB']),
    },
    {
      op: 'company',
      label: 'workshop photos of company A',
      document: `query($id: ID!) { company(id: $id) { photos { id url alt } } }`,
      vars: ({ w }: Ctx) => ({ id: w.companyA.companyId }),
      expect: AUTHENTICATED,
    },
    {
      op: 'addCompanyPhoto',
      label: 'a photo uploaded by recruiter A',
      document: `mutation($fileId: ID!) { addCompanyPhoto(fileId: $fileId, alt: "Le poste de soudure") { id } }`,
      vars: async (ctx: Ctx) => ({ fileId: await photoOfA(ctx) }),
      expect: only(['recruiterA'], { recruiterB: 'NOT_FOUND' }),
    },
    {
      op: 'removeCompanyPhoto',
      label: 'a photo on company A’s profile',
      document: `mutation($fileId: ID!) { removeCompanyPhoto(fileId: $fileId) { id } }`,
      vars: async (ctx: Ctx) => ({ fileId: await photoOnA(ctx) }),
      expect: only(['recruiterA'], { recruiterB: 'NOT_FOUND' }),
    },
    {
      op: 'resendColleagueInvitation',
      label: 'a colleague invitation of company A',
      document: `mutation($id: ID!) { resendColleagueInvitation(id: $id) { email } }`,
      vars: async (ctx: Ctx) => ({ id: await colleagueInvitationOfA(ctx) }),
      expect: only(['recruiterA'], { recruiterB: 'NOT_FOUND' }),
    },
    {
      op: 'revokeInvitation',
      label: 'a colleague invitation of company A',
      document: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`,
      vars: async (ctx: Ctx) => ({ id: await colleagueInvitationOfA(ctx) }),
      expect: only(['recruiterA'], {
        recruiterB: 'NOT_FOUND',
        admin: 'NOT_FOUND',
        staffA: 'NOT_FOUND',
        staffB: 'NOT_FOUND',
      }),
    },
    {
      op: 'inviteColleague',
      label: 'into own company',
      document: `mutation($email: String!) { inviteColleague(email: $email) { email } }`,
      vars: () => ({ email: `${unique('collegue')}@company.test` }),
      expect: only(['recruiterA', 'recruiterB']),
    },
  ];
}
