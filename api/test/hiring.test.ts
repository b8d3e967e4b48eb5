import { DAY_MS, parisDateTime, parisParts } from '@promesse/shared';
import { manualClock } from '../src/core/clock';
import { sendInterviewReminders } from '../src/modules/interview/interview.use-cases';
import {
  approvePartnership,
  createStudent,
  createWorld,
  PASSWORD,
  registerCompany,
  unique,
  withTestApp,
  type StudentFixture,
  type TestApp,
  type World,
} from './helpers';
import { linkIn, mailsTo, waitForMails } from './mail.harness';
import {
  apply,
  CREATE_PROMISE,
  move,
  notificationsOf,
  openPromise,
  promiseInput,
  PUBLISH_PROMISE,
  recommend,
  UPDATE_PROMISE,
} from './marketplace.fixtures';

// Hiring over real HTTP: interviews (with their .ics invitations through the outbox and the reminder), offers,
// editing a published promise, drafts before a partnership, company profile and colleagues.

let t: TestApp;
let w: World;
let dir: string;

withTestApp(createWorld, (app) => ({ t, dir, fixtures: w } = app));

const APP_FIELDS = `id status interviews { id status startsAt durationMinutes place videoUrl message responseMessage }
  offer { contractType startDate weeklyHours grossMonthlySalary apprenticeshipPercent message }`;
const PROPOSE = `mutation($input: ProposeInterviewInput!) { proposeInterview(input: $input) { id status startsAt place videoUrl } }`;
const RESPOND = `mutation($id: ID!, $accept: Boolean!, $message: String) {
  respondToInterview(id: $id, accept: $accept, message: $message) { id status responseMessage } }`;
const MAKE_OFFER = `mutation($input: MakeOfferInput!) { makeOffer(input: $input) { ${APP_FIELDS} } }`;
const GET_APP = `query($id: ID!) { application(id: $id) { ${APP_FIELDS} } }`;

/** A Paris date `days` ahead, as the form sends it. */
function dayAhead(days: number): string {
  return parisParts(new Date(Date.now() + days * DAY_MS)).date;
}

async function shortlisted(student: StudentFixture = w.studentA): Promise<{ appId: string; jobPromiseId: string }> {
  const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id], positions: 2 });
  const app = await apply(t, student, jp.id, 'Bonjour');
  await move(t, w.companyA.token, app.id, 'SHORTLISTED');
  return { appId: app.id, jobPromiseId: jp.id };
}

async function freshStudent(): Promise<StudentFixture> {
  return createStudent(t, w.staffA, {}, { firstName: 'Yanis', lastName: `Moreau${unique('')}` });
}

describe('interviews', () => {
  it('validates the proposal: status, place or link, plausible time, moment', async () => {
    const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id] });
    const student = await freshStudent();
    const app = await apply(t, student, jp.id);
    const base = { applicationId: app.id, date: dayAhead(5), time: '10:00', place: '12 rue des Forges, Lyon' };
    // Not shortlisted yet.
    expect(await t.code(PROPOSE, { input: base }, w.companyA.token)).toBe('CONFLICT');
    await move(t, w.companyA.token, app.id, 'SHORTLISTED');
    const bad = async (input: Record<string, unknown>) => {
      const res = await t.gql(PROPOSE, { input: { ...base, ...input } }, w.companyA.token);
      return res.errors?.[0]?.extensions?.['code'];
    };
    expect(await bad({ place: null })).toBe('BAD_USER_INPUT');
    expect(await bad({ time: '22:30' })).toBe('BAD_USER_INPUT');
    expect(await bad({ time: '9h' })).toBe('BAD_USER_INPUT');
    expect(await bad({ date: dayAhead(-2) })).toBe('BAD_USER_INPUT');
    expect(await bad({ date: dayAhead(300) })).toBe('BAD_USER_INPUT');
    expect(await bad({ durationMinutes: 5 })).toBe('BAD_USER_INPUT');
    expect(await bad({ place: null, videoUrl: 'http://insecure.example/visio' })).toBe('BAD_USER_INPUT');
    // Other company, other student: refused; nothing moved.
    expect(await t.code(PROPOSE, { input: base }, w.companyB.token)).toBe('FORBIDDEN');
    expect(await t.code(PROPOSE, { input: base }, student.token)).toBe('FORBIDDEN');
    const after = await t.ok<any>(GET_APP, { id: app.id }, w.companyA.token);
    expect(after.application).toMatchObject({ status: 'SHORTLISTED', interviews: [] });
  });

  it('proposal, request for another time, new proposal, acceptance: notifications and .ics for both sides', async () => {
    const student = await freshStudent();
    const { appId } = await shortlisted(student);
    const first = await t.ok<any>(
      PROPOSE,
      {
        input: {
          applicationId: appId,
          date: dayAhead(6),
          time: '09:30',
          videoUrl: 'https://visio.example.org/atelier',
          message: 'Présentation de l’atelier',
        },
      },
      w.companyA.token,
    );
    expect(first.proposeInterview).toMatchObject({ status: 'PROPOSED', place: null });
    const app1 = await t.ok<any>(GET_APP, { id: appId }, student.token);
    expect(app1.application.status).toBe('INTERVIEW');
    const studentNotes = await notificationsOf(t, student.token);
    const proposed = studentNotes.find((n) => n.type === 'INTERVIEW_PROPOSED');
    expect(proposed?.body).toMatch(/vous propose un entretien .* à 09:30/);

    // Another student cannot answer; a reschedule needs a message.
    expect(await t.code(RESPOND, { id: first.proposeInterview.id, accept: true }, w.studentB.token)).toBe('FORBIDDEN');
    expect(await t.code(RESPOND, { id: first.proposeInterview.id, accept: false }, student.token)).toBe(
      'BAD_USER_INPUT',
    );
    const asked = await t.ok<any>(
      RESPOND,
      { id: first.proposeInterview.id, accept: false, message: 'Je suis en stage ce jour-là, plutôt le mercredi' },
      student.token,
    );
    expect(asked.respondToInterview).toMatchObject({ status: 'RESCHEDULE_REQUESTED' });
    const recruiterNotes = await notificationsOf(t, w.companyA.token);
    expect(recruiterNotes.find((n) => n.type === 'INTERVIEW_ANSWERED')?.body).toContain('plutôt le mercredi');

    const date = dayAhead(8);
    const second = await t.ok<any>(
      PROPOSE,
      { input: { applicationId: appId, date, time: '14:00', durationMinutes: 45, place: '12 rue des Forges, Lyon' } },
      w.companyA.token,
    );
    const accepted = await t.ok<any>(RESPOND, { id: second.proposeInterview.id, accept: true }, student.token);
    expect(accepted.respondToInterview.status).toBe('ACCEPTED');
    expect(await t.code(RESPOND, { id: second.proposeInterview.id, accept: true }, student.token)).toBe('CONFLICT');
    const app2 = await t.ok<any>(GET_APP, { id: appId }, w.companyA.token);
    expect(app2.application.interviews.map((i: { status: string }) => i.status)).toEqual([
      'ACCEPTED',
      'RESCHEDULE_REQUESTED',
    ]);

    // Both sides get the calendar invitation.
    const startsAt = parisDateTime(date, '14:00');
    const stamp = startsAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    for (const address of [student.email, w.companyA.email]) {
      const confirmed = (m: { to: string[]; subject: string }) =>
        m.to.includes(address) && m.subject.startsWith('Entretien confirmé') && m.subject.includes('14:00');
      const [mail] = (await waitForMails(dir, (all) => all.some(confirmed))).filter(confirmed);
      expect(mail).toBeDefined();
      const ics = mail?.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(ics?.filename).toBe('entretien.ics');
      const content = (ics?.content ?? '').replace(/\r\n[ \t]/g, '');
      expect(content).toContain('BEGIN:VEVENT');
      expect(content).toContain('METHOD:REQUEST');
      expect(content).toContain(`UID:interview-${second.proposeInterview.id}@promesse`);
      expect(content).toContain(`DTSTART:${stamp}`);
      expect(content).toContain('DURATION:PT45M');
      expect(content).toContain('LOCATION:12 rue des Forges\\, Lyon');
      expect(content).toContain('SEQUENCE:1');
      expect(content).toMatch(/ATTENDEE;.*CN="?Yanis Moreau/);
    }
  });

  it('reminds both sides once the day before, however many runs at once', async () => {
    const student = await freshStudent();
    const { appId } = await shortlisted(student);
    // Far ahead, so that no other test's interview falls in the windows below.
    const date = dayAhead(150);
    const proposed = await t.ok<any>(
      PROPOSE,
      { input: { applicationId: appId, date, time: '11:00', place: 'Atelier, 3 allée des Tours, Lyon' } },
      w.companyA.token,
    );
    await t.ok(RESPOND, { id: proposed.proposeInterview.id, accept: true }, student.token);
    const startsAt = parisDateTime(date, '11:00');
    // Two days before: nothing due yet.
    const early = { ...t.deps, clock: manualClock(new Date(startsAt.getTime() - 2 * DAY_MS)) };
    expect(await sendInterviewReminders(early)).toBe(0);
    // The day before: two instances run the job at the same moment, then it runs again.
    const dayBefore = { ...t.deps, clock: manualClock(new Date(startsAt.getTime() - 20 * 60 * 60 * 1000)) };
    const runs = await Promise.all([sendInterviewReminders(dayBefore), sendInterviewReminders(dayBefore)]);
    expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(1);
    expect(await sendInterviewReminders(dayBefore)).toBe(0);
    const reminders = (await notificationsOf(t, student.token)).filter(
      (n) => n.type === 'INTERVIEW_REMINDER' && n.data['applicationId'] === appId,
    );
    expect(reminders).toHaveLength(1);
    const recruiterReminders = (await notificationsOf(t, w.companyA.token)).filter(
      (n) => n.type === 'INTERVIEW_REMINDER' && n.data['applicationId'] === appId,
    );
    expect(recruiterReminders).toHaveLength(1);
    const outbox = t.connection.collection('mailOutbox');
    const keys = { key: { $regex: `^interview:reminder:${proposed.proposeInterview.id}:` } };
    expect(await outbox.countDocuments(keys)).toBe(2);
    // Queued at the job's (simulated) time: let them be due now, as they would be the day before.
    await outbox.updateMany(keys, { $set: { availableAt: new Date() } });
    const reminder = (m: { to: string[]; subject: string }) =>
      m.to.includes(student.email) && m.subject.startsWith('Rappel');
    const mails = (await waitForMails(dir, (all) => all.some(reminder))).filter(reminder);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.attachments.some((a) => a.content.includes('BEGIN:VCALENDAR'))).toBe(true);
  });
});

describe('offers', () => {
  async function atInterview(): Promise<{ appId: string; student: StudentFixture }> {
    const student = await freshStudent();
    const { appId } = await shortlisted(student);
    await move(t, w.companyA.token, appId, 'INTERVIEW');
    return { appId, student };
  }
  const startDate = () => new Date(Date.now() + 20 * DAY_MS).toISOString();

  it('validates the offer fields and the status', async () => {
    const { appId, student } = await atInterview();
    const base = {
      applicationId: appId,
      contractType: 'CDI',
      startDate: startDate(),
      weeklyHours: 35,
      grossMonthlySalary: 1900,
    };
    const code = async (input: Record<string, unknown>, token = w.companyA.token) =>
      t.code(MAKE_OFFER, { input: { ...base, ...input } }, token);
    expect(await code({ grossMonthlySalary: null })).toBe('BAD_USER_INPUT');
    expect(await code({ grossMonthlySalary: 50 })).toBe('BAD_USER_INPUT');
    expect(await code({ weeklyHours: 60 })).toBe('BAD_USER_INPUT');
    expect(await code({ weeklyHours: 35.2 })).toBe('BAD_USER_INPUT');
    expect(await code({ contractType: 'APPRENTICESHIP', grossMonthlySalary: null })).toBe('BAD_USER_INPUT');
    expect(await code({ contractType: 'APPRENTICESHIP', apprenticeshipPercent: 53, weeklyHours: 39 })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await code({ contractType: 'APPRENTICESHIP', apprenticeshipPercent: 12 })).toBe('BAD_USER_INPUT');
    expect(await code({ startDate: new Date(Date.now() - 3 * DAY_MS).toISOString() })).toBe('BAD_USER_INPUT');
    expect(await code({}, w.companyB.token)).toBe('FORBIDDEN');
    expect(await code({}, student.token)).toBe('FORBIDDEN');
    const unchanged = await t.ok<any>(GET_APP, { id: appId }, w.companyA.token);
    expect(unchanged.application).toMatchObject({ status: 'INTERVIEW', offer: null });
    // From SHORTLISTED (no interview yet): CONFLICT.
    const other = await freshStudent();
    const { appId: early } = await shortlisted(other);
    expect(await t.code(MAKE_OFFER, { input: { ...base, applicationId: early } }, w.companyA.token)).toBe('CONFLICT');
  });

  it('an apprenticeship offer moves to OFFERED, the student sees it and accepts', async () => {
    const { appId, student } = await atInterview();
    const made = await t.ok<any>(
      MAKE_OFFER,
      {
        input: {
          applicationId: appId,
          contractType: 'APPRENTICESHIP',
          startDate: startDate(),
          weeklyHours: 35,
          apprenticeshipPercent: 53,
          grossMonthlySalary: 2000,
          message: 'Bienvenue dans l’équipe !',
        },
      },
      w.companyA.token,
    );
    expect(made.makeOffer).toMatchObject({
      status: 'OFFERED',
      offer: { contractType: 'APPRENTICESHIP', weeklyHours: 35, apprenticeshipPercent: 53, grossMonthlySalary: null },
    });
    const seen = await t.ok<any>(GET_APP, { id: appId }, student.token);
    expect(seen.application.offer).toMatchObject({ apprenticeshipPercent: 53, message: 'Bienvenue dans l’équipe !' });
    const offered = (await notificationsOf(t, student.token)).find(
      (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['to'] === 'OFFERED',
    );
    expect(offered?.title).toBe('Vous avez reçu une offre !');
    const hired = await move(t, student.token, appId, 'HIRED');
    expect(hired.status).toBe('HIRED');
  });
});

describe('editing a published promise', () => {
  it('edits text, dates and positions, keeps the place, records the history and tells those concerned', async () => {
    const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id], positions: 3 });
    const applicant = await freshStudent();
    const recommended = await freshStudent();
    const bystander = await freshStudent();
    await apply(t, applicant, jp.id);
    await recommend(t, w.staffA, jp.id, recommended.studentId);

    // The place, trade and contract are fixed once published.
    const code = (input: Record<string, unknown>, token = w.companyA.token) =>
      t.code(UPDATE_PROMISE, { input: { id: jp.id, ...input } }, token);
    expect(await code({ city: 'Grenoble', location: { lat: 45.19, lng: 5.72 } })).toBe('CONFLICT');
    expect(await code({ contractType: 'CDD' })).toBe('CONFLICT');
    expect(await code({ positions: 0 })).toBe('BAD_USER_INPUT');
    expect(await code({ title: 'Autre titre' }, w.companyB.token)).toBe('FORBIDDEN');
    // Sending the same place is fine (the form sends every field).
    const startDate = new Date(Date.now() + 45 * DAY_MS).toISOString();
    const edited = await t.ok<any>(
      UPDATE_PROMISE,
      {
        input: {
          id: jp.id,
          title: 'Tourneur·se fraiseur·se confirmé·e',
          positions: 2,
          startDate,
          city: 'Villeurbanne',
          location: { lat: 45.7719, lng: 4.8902 },
        },
      },
      w.companyA.token,
    );
    expect(edited.updateJobPromise).toMatchObject({
      title: 'Tourneur·se fraiseur·se confirmé·e',
      positions: 2,
      status: 'OPEN',
    });

    const history = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { editHistory { at byName notifiedCount changes { field before after } } } }`,
      { id: jp.id },
      w.companyA.token,
    );
    const [entry] = history.jobPromise.editHistory;
    expect(entry.byName).toBe('Nadia Lefèvre');
    expect(entry.notifiedCount).toBe(2);
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', before: 'Tourneur-fraiseur en CDI', after: 'Tourneur·se fraiseur·se confirmé·e' },
        { field: 'positions', before: '3', after: '2' },
        expect.objectContaining({ field: 'startDate', after: startDate }),
      ]),
    );
    expect(entry.changes.map((c: { field: string }) => c.field)).not.toContain('city');

    for (const student of [applicant, recommended]) {
      const note = (await notificationsOf(t, student.token)).find((n) => n.type === 'JOB_PROMISE_UPDATED');
      expect(note?.body).toMatch(/a modifié .* intitulé, date de début, nombre de postes|a modifié .*: /);
    }
    expect((await notificationsOf(t, bystander.token)).some((n) => n.type === 'JOB_PROMISE_UPDATED')).toBe(false);

    // A skills-only edit is not material: history kept, nobody told.
    await t.ok(UPDATE_PROMISE, { input: { id: jp.id, skills: ['tournage', 'lecture de plans'] } }, w.companyA.token);
    const after = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { editHistory { notifiedCount changes { field } } } }`,
      { id: jp.id },
      w.companyA.token,
    );
    expect(after.jobPromise.editHistory[0]).toEqual({ notifiedCount: 0, changes: [{ field: 'skills' }] });
    // Others do not read the history.
    const res = await t.gql(
      `query($id: ID!) { jobPromise(id: $id) { editHistory { at } } }`,
      { id: jp.id },
      applicant.token,
    );
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('never lowers positions below the hires', async () => {
    const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id], positions: 3 });
    const hiredStudent = await freshStudent();
    const app = await apply(t, hiredStudent, jp.id);
    for (const to of ['SHORTLISTED', 'INTERVIEW', 'OFFERED']) await move(t, w.companyA.token, app.id, to);
    await move(t, hiredStudent.token, app.id, 'HIRED');
    const res = await t.gql(UPDATE_PROMISE, { input: { id: jp.id, positions: 0 } }, w.companyA.token);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // Below hires: positions 1 -> refused? No: one hire, so 1 is the floor and fills the promise.
    const filled = await t.ok<any>(UPDATE_PROMISE, { input: { id: jp.id, positions: 1 } }, w.companyA.token);
    expect(filled.updateJobPromise).toMatchObject({ positions: 1, hiredCount: 1, status: 'FILLED' });
  });
});

describe('a new company', () => {
  it('saves drafts before its partnership is approved and publishes once it is', async () => {
    const DRAFT = `mutation($input: JobPromiseInput!) { draftJobPromise(input: $input) { id status schools { id } } }`;
    const company = await registerCompany(t, { city: 'Lyon' });
    // createJobPromise keeps its contract (an approved partnership first); draftJobPromise does not wait.
    expect(await t.code(CREATE_PROMISE, { input: promiseInput({ schoolIds: [] }) }, company.token)).toBe('FORBIDDEN');
    const draft = (await t.ok<any>(DRAFT, { input: promiseInput({ schoolIds: [] }) }, company.token)).draftJobPromise;
    expect(draft).toMatchObject({ status: 'DRAFT', schools: [] });
    expect(await t.code(PUBLISH_PROMISE, { id: draft.id }, company.token)).toBe('FORBIDDEN');
    // A school it asked (pending) may already be targeted by a draft; one it never asked may not.
    await t.ok(`mutation($id: ID!) { requestPartnership(schoolId: $id) { id } }`, { id: w.schoolA.id }, company.token);
    const targeted = (await t.ok<any>(DRAFT, { input: promiseInput({ schoolIds: [w.schoolA.id] }) }, company.token))
      .draftJobPromise;
    expect(targeted.schools).toEqual([{ id: w.schoolA.id }]);
    expect(await t.code(DRAFT, { input: promiseInput({ schoolIds: [w.schoolB.id] }) }, company.token)).toBe(
      'FORBIDDEN',
    );
    expect(await t.code(PUBLISH_PROMISE, { id: targeted.id }, company.token)).toBe('FORBIDDEN');
    expect(await t.code(DRAFT, { input: promiseInput() }, w.studentA.token)).toBe('FORBIDDEN');
    await approvePartnership(t, company, w.staffA);
    await t.ok(PUBLISH_PROMISE, { id: draft.id }, company.token);
    await t.ok(PUBLISH_PROMISE, { id: targeted.id }, company.token);
    const published = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { status schools { id } } }`,
      { id: draft.id },
      company.token,
    );
    expect(published.jobPromise).toEqual({ status: 'OPEN', schools: [{ id: w.schoolA.id }] });
  });
});

describe('company profile and colleagues', () => {
  it('shows the profile to students on the promise page', async () => {
    await t.ok(
      `mutation($input: CompanyProfileInput!) { updateCompanyProfile(input: $input) { id } }`,
      {
        input: {
          presentation: 'Atelier familial d’usinage de précision, 25 salariés, tuteurs formés.',
          trades: ['MACHINING', 'WELDING', 'MACHINING'],
          sites: [{ name: 'Atelier principal', city: 'Villeurbanne', address: '12 rue des Forges' }],
        },
      },
      w.companyA.token,
    );
    expect(
      await t.code(
        `mutation($input: CompanyProfileInput!) { updateCompanyProfile(input: $input) { id } }`,
        { input: { presentation: 'x'.repeat(3001) } },
        w.companyA.token,
      ),
    ).toBe('BAD_USER_INPUT');
    const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id] });
    const seen = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { company { name presentation trades sites { name city address } } } }`,
      { id: jp.id },
      w.studentA.token,
    );
    expect(seen.jobPromise.company).toMatchObject({
      presentation: 'Atelier familial d’usinage de précision, 25 salariés, tuteurs formés.',
      trades: ['MACHINING', 'WELDING'],
      sites: [{ name: 'Atelier principal', city: 'Villeurbanne', address: '12 rue des Forges' }],
    });
  });

  it('a recruiter invites a colleague by e-mail, who then sees the company’s promises and applications', async () => {
    const email = `${unique('collegue')}@company.test`;
    const jp = await openPromise(t, w.companyA, { schoolIds: [w.schoolA.id] });
    const student = await freshStudent();
    const app = await apply(t, student, jp.id);
    await t.ok(
      `mutation($email: String!) { inviteColleague(email: $email) { email expiresAt } }`,
      { email },
      w.companyA.token,
    );
    expect(
      await t.code(
        `mutation($email: String!) { inviteColleague(email: $email) { email } }`,
        { email: w.studentA.email },
        w.companyA.token,
      ),
    ).toBe('CONFLICT');
    const [mail] = await mailsTo(dir, email);
    expect(mail?.subject).toContain(w.companyA.companyName);
    const link = linkIn(mail?.text ?? '', `${t.env.PUBLIC_URL}/invitation/`);
    const code = decodeURIComponent(link.split('/invitation/')[1] ?? '');
    const accepted = await t.ok<any>(
      `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { role } } }`,
      { input: { code, password: PASSWORD, firstName: 'Hugo', lastName: 'Garnier' } },
    );
    expect(accepted.acceptInvitation.user.role).toBe('COMPANY_RECRUITER');
    const token = accepted.acceptInvitation.token;
    const mine = await t.ok<any>(`{ myCompany { id recruiters { displayName } } }`, {}, token);
    expect(mine.myCompany.id).toBe(w.companyA.companyId);
    expect(mine.myCompany.recruiters.map((r: { displayName: string }) => r.displayName)).toContain('Hugo Garnier');
    const apps = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { applications { id } } }`,
      { id: jp.id },
      token,
    );
    expect(apps.jobPromise.applications.map((a: { id: string }) => a.id)).toContain(app.id);
    // And is told of new applications like the other recruiters.
    const later = await freshStudent();
    await apply(t, later, jp.id);
    expect((await notificationsOf(t, token)).some((n) => n.type === 'APPLICATION_RECEIVED')).toBe(true);
    // Other companies do not see A's recruiters.
    const res = await t.gql(
      `query($id: ID!) { company(id: $id) { recruiters { id } } }`,
      { id: w.companyA.companyId },
      w.companyB.token,
    );
    expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
