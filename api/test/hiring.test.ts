import { DAY_MS, parisDateTime, parisParts } from '@promesse/shared';
import { manualClock } from '../src/core/clock';
import { sendInterviewReminders } from '../src/modules/interview/interview.use-cases';
import {
  approvePartnership,
  createSchool,
  createStaff,
  createStudent,
  createWorld,
  PASSWORD,
  registerCompany,
  unique,
  withTestApp,
  type CompanyFixture,
  type SchoolFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
  type World,
} from './helpers';
import { download, PDF, PNG, TEXT, upload } from './files.harness';
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

interface Side {
  school: SchoolFixture;
  staff: StaffFixture;
  company: CompanyFixture;
}

async function shortlisted(
  student: StudentFixture = w.studentA,
  side: Side = { school: w.schoolA, staff: w.staffA, company: w.companyA },
): Promise<{ appId: string; jobPromiseId: string }> {
  const jp = await openPromise(t, side.company, { schoolIds: [side.school.id], positions: 2 });
  const app = await apply(t, student, jp.id, 'Bonjour');
  await move(t, side.company.token, app.id, 'SHORTLISTED');
  return { appId: app.id, jobPromiseId: jp.id };
}

async function freshStudent(staff: StaffFixture = w.staffA): Promise<StudentFixture> {
  return createStudent(t, staff, {}, { firstName: 'Yanis', lastName: `Moreau${unique('')}` });
}

let sideCache: Side | null = null;
/**
 * A third school and its partner company, for the later tests: each promise published mails every student of the
 * schools it targets, so keeping these tests' students and promises apart keeps school A's mail queue short.
 */
async function sideC(): Promise<Side> {
  if (!sideCache) {
    const school = await createSchool(t, w.admin, { name: `École C ${unique('')}`, city: 'Lyon' });
    const staff = await createStaff(t, w.admin, school.id);
    const company = await registerCompany(t, { city: 'Lyon' });
    await approvePartnership(t, company, staff);
    sideCache = { school, staff, company };
  }
  return sideCache;
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
    // Two days before, and one minute before the 24-hour mark: nothing due yet.
    const early = { ...t.deps, clock: manualClock(new Date(startsAt.getTime() - 2 * DAY_MS)) };
    expect(await sendInterviewReminders(early)).toBe(0);
    const justBefore = { ...t.deps, clock: manualClock(new Date(startsAt.getTime() - DAY_MS - 60_000)) };
    expect(await sendInterviewReminders(justBefore)).toBe(0);
    // 24 hours before (the job's next run, a minute later): two instances run it at the same moment, then again.
    const dayBefore = { ...t.deps, clock: manualClock(new Date(startsAt.getTime() - DAY_MS + 60_000)) };
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

describe('cancelling an interview', () => {
  const CANCEL = `mutation($id: ID!, $reason: String) { cancelInterview(id: $id, reason: $reason) {
    id status cancelReason } }`;

  it('an accepted interview: student and staff told, calendars get a CANCEL one sequence above the invitation', async () => {
    const c = await sideC();
    const student = await freshStudent(c.staff);
    const { appId } = await shortlisted(student, c);
    const date = dayAhead(9);
    const proposed = await t.ok<any>(
      PROPOSE,
      { input: { applicationId: appId, date, time: '15:00', place: 'Atelier, 5 rue des Forges, Lyon' } },
      c.company.token,
    );
    const id = proposed.proposeInterview.id;
    await t.ok(RESPOND, { id, accept: true }, student.token);
    // Only the company's recruiters cancel; nothing changes on refusal.
    expect(await t.code(CANCEL, { id }, w.companyB.token)).toBe('FORBIDDEN');
    expect(await t.code(CANCEL, { id }, student.token)).toBe('FORBIDDEN');
    expect(await t.code(CANCEL, { id }, c.staff.token)).toBe('FORBIDDEN');
    expect(await t.code(CANCEL, { id: '000000000000000000000000' }, c.company.token)).toBe('NOT_FOUND');
    const still = await t.ok<any>(GET_APP, { id: appId }, student.token);
    expect(still.application.interviews[0].status).toBe('ACCEPTED');

    const cancelled = await t.ok<any>(CANCEL, { id, reason: 'Machine en panne ce jour-là' }, c.company.token);
    expect(cancelled.cancelInterview).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'Machine en panne ce jour-là',
    });
    expect(await t.code(CANCEL, { id }, c.company.token)).toBe('CONFLICT');
    // The application stays at INTERVIEW: another time may be proposed.
    const app = await t.ok<any>(GET_APP, { id: appId }, student.token);
    expect(app.application.status).toBe('INTERVIEW');

    const toStudent = (await notificationsOf(t, student.token)).find(
      (n) => n.type === 'INTERVIEW_CANCELLED' && n.data['interviewId'] === id,
    );
    expect(toStudent?.body).toMatch(/a annulé l’entretien prévu avec vous .* à 15:00\.\sMotif\s: Machine en panne/);
    const toStaff = (await notificationsOf(t, c.staff.token)).find(
      (n) => n.type === 'INTERVIEW_CANCELLED' && n.data['interviewId'] === id,
    );
    expect(toStaff?.body).toContain(`de Yanis ${student.lastName}`);
    expect((await notificationsOf(t, w.staffA.token)).some((n) => n.data['interviewId'] === id)).toBe(false);

    // Same UID as the invitation, METHOD:CANCEL, SEQUENCE one above the invitation's.
    const confirmedSeq = /SEQUENCE:(\d+)/;
    for (const address of [student.email, c.company.email]) {
      const about = (kind: string) => (m: { to: string[]; subject: string }) =>
        m.to.includes(address) && m.subject.startsWith(kind) && m.subject.includes('15:00');
      const all = await waitForMails(
        dir,
        (ms) => ms.some(about('Entretien annulé')) && ms.some(about('Entretien confirmé')),
      );
      const ics = (kind: string) =>
        (
          all.find(about(kind))?.attachments.find((x) => x.contentType.startsWith('text/calendar'))?.content ?? ''
        ).replace(/\r\n[ \t]/g, '');
      const invitation = ics('Entretien confirmé');
      const cancel = ics('Entretien annulé');
      expect(cancel).toContain('METHOD:CANCEL');
      expect(cancel).toContain('STATUS:CANCELLED');
      expect(cancel).toContain(`UID:interview-${id}@promesse`);
      const before = Number(confirmedSeq.exec(invitation)?.[1]);
      expect(Number(confirmedSeq.exec(cancel)?.[1])).toBe(before + 1);
    }
    // A cancelled interview is not reminded.
    const dayBefore = { ...t.deps, clock: manualClock(new Date(parisDateTime(date, '15:00').getTime() - 60 * 60_000)) };
    await sendInterviewReminders(dayBefore);
    expect(
      (await notificationsOf(t, student.token)).some(
        (n) => n.type === 'INTERVIEW_REMINDER' && n.data['interviewId'] === id,
      ),
    ).toBe(false);
  });

  it('a proposal not answered yet is cancelled without a calendar message; the student asked for another time is told too', async () => {
    const c = await sideC();
    const student = await freshStudent(c.staff);
    const { appId } = await shortlisted(student, c);
    const first = await t.ok<any>(
      PROPOSE,
      { input: { applicationId: appId, date: dayAhead(10), time: '10:00', place: 'Atelier' } },
      c.company.token,
    );
    await t.ok(CANCEL, { id: first.proposeInterview.id }, c.company.token);
    const outbox = t.connection.collection('mailOutbox');
    expect(await outbox.countDocuments({ key: { $regex: `^interview:cancelled:${first.proposeInterview.id}:` } })).toBe(
      0,
    );
    const note = (await notificationsOf(t, student.token)).find((n) => n.type === 'INTERVIEW_CANCELLED');
    expect(note?.data['interviewId']).toBe(first.proposeInterview.id);
    // The student cannot answer a cancelled proposal.
    expect(await t.code(RESPOND, { id: first.proposeInterview.id, accept: true }, student.token)).toBe('CONFLICT');
    // Another time asked, then the company cancels that one too: the student is told, the app stays at INTERVIEW.
    const second = await t.ok<any>(
      PROPOSE,
      { input: { applicationId: appId, date: dayAhead(11), time: '10:00', place: 'Atelier' } },
      c.company.token,
    );
    await t.ok(
      RESPOND,
      { id: second.proposeInterview.id, accept: false, message: 'Plutôt l’après-midi' },
      student.token,
    );
    const done = await t.ok<any>(CANCEL, { id: second.proposeInterview.id }, c.company.token);
    expect(done.cancelInterview.status).toBe('CANCELLED');
    const statuses = (await t.ok<any>(GET_APP, { id: appId }, student.token)).application.interviews.map(
      (i: { status: string }) => i.status,
    );
    expect(statuses).toEqual(['CANCELLED', 'CANCELLED']);
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
    // One hire: 1 is the floor and fills the promise.
    const filled = await t.ok<any>(UPDATE_PROMISE, { input: { id: jp.id, positions: 1 } }, w.companyA.token);
    expect(filled.updateJobPromise).toMatchObject({ positions: 1, hiredCount: 1, status: 'FILLED' });
  });

  it('positions lowered to the hires fill the promise as a hire does: other applicants rejected and told', async () => {
    const c = await sideC();
    const jp = await openPromise(t, c.company, { schoolIds: [c.school.id], positions: 2 });
    const hiredStudent = await freshStudent(c.staff);
    const hired = await apply(t, hiredStudent, jp.id);
    for (const to of ['SHORTLISTED', 'INTERVIEW', 'OFFERED']) await move(t, c.company.token, hired.id, to);
    await move(t, hiredStudent.token, hired.id, 'HIRED');
    const waiting = await freshStudent(c.staff);
    const waitingApp = await apply(t, waiting, jp.id);
    const interviewed = await freshStudent(c.staff);
    const interviewedApp = await apply(t, interviewed, jp.id);
    for (const to of ['SHORTLISTED', 'INTERVIEW']) await move(t, c.company.token, interviewedApp.id, to);
    const recommended = await freshStudent(c.staff);
    await recommend(t, c.staff, jp.id, recommended.studentId);

    const filled = await t.ok<any>(UPDATE_PROMISE, { input: { id: jp.id, positions: 1 } }, c.company.token);
    expect(filled.updateJobPromise).toMatchObject({ positions: 1, hiredCount: 1, status: 'FILLED' });
    for (const [student, appId, from] of [
      [waiting, waitingApp.id, 'SUBMITTED'],
      [interviewed, interviewedApp.id, 'INTERVIEW'],
    ] as const) {
      const seen = await t.ok<any>(
        `query($id: ID!) { application(id: $id) { status history { to reason } } }`,
        { id: appId },
        student.token,
      );
      expect(seen.application.status).toBe('REJECTED');
      expect(seen.application.history.at(-1)).toEqual({ to: 'REJECTED', reason: 'position filled' });
      const note = (await notificationsOf(t, student.token)).find(
        (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['applicationId'] === appId,
      );
      expect(note?.data).toMatchObject({ from, to: 'REJECTED', reason: 'position filled' });
      expect(note?.body).toContain('Poste pourvu');
    }
    // The hire stays; the pending recommendation is closed and its graduate told.
    const kept = await t.ok<any>(
      `query($id: ID!) { application(id: $id) { status } }`,
      { id: hired.id },
      hiredStudent.token,
    );
    expect(kept.application.status).toBe('HIRED');
    const closed = (await notificationsOf(t, recommended.token)).find((n) => n.type === 'RECOMMENDATION_CLOSED');
    expect(closed?.data['status']).toBe('FILLED');
    // The school staff follow their students' applications.
    expect(
      (await notificationsOf(t, c.staff.token)).some(
        (n) =>
          n.type === 'APPLICATION_STATUS_CHANGED' &&
          n.data['applicationId'] === waitingApp.id &&
          n.data['to'] === 'REJECTED',
      ),
    ).toBe(true);
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

describe('workshop photos', () => {
  const ADD = `mutation($fileId: ID!, $alt: String!) { addCompanyPhoto(fileId: $fileId, alt: $alt) { id photos { id url alt } } }`;
  const REMOVE = `mutation($fileId: ID!) { removeCompanyPhoto(fileId: $fileId) { id photos { id } } }`;
  const JPEG = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    Buffer.alloc(64),
  ]);
  const photo = (token: string | undefined, bytes: Buffer = PNG, name = 'atelier.png', type = 'image/png') =>
    upload(t, token, 'purpose=WORKSHOP_PHOTO', bytes, name, type);

  it('checks type by bytes, size, uploader; six at most with their text; students see them on the promise', async () => {
    const c = await sideC();
    const company = c.company;
    const reader = await freshStudent(c.staff);
    // Type read from the bytes: a PDF or a text named .png is refused; a GIF too (still photos only).
    const pdf = await photo(company.token, PDF, 'atelier.png');
    expect(pdf.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'file.badTypePhoto' });
    expect((await photo(company.token, TEXT, 'atelier.jpg', 'image/jpeg')).status).toBe(400);
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32)]);
    expect((await photo(company.token, gif, 'atelier.gif', 'image/gif')).status).toBe(400);
    // Over 2 MB: 413.
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await photo(company.token, big, 'grande.png')).status).toBe(413);
    // Recruiters only.
    expect((await photo(w.studentA.token)).status).toBe(403);
    expect((await photo(w.staffA.token)).status).toBe(403);
    expect((await photo(undefined)).status).toBe(401);

    const first = await photo(company.token);
    expect(first.status).toBe(201);
    // Alternative text required; another company cannot use this file.
    expect(await t.code(ADD, { fileId: first.body.id, alt: '  ' }, company.token)).toBe('BAD_USER_INPUT');
    expect(await t.code(ADD, { fileId: first.body.id, alt: 'Atelier' }, w.companyB.token)).toBe('NOT_FOUND');
    expect(await t.code(ADD, { fileId: first.body.id, alt: 'Atelier' }, w.studentA.token)).toBe('FORBIDDEN');
    const added = await t.ok<any>(
      ADD,
      { fileId: first.body.id, alt: 'Deux apprentis au poste de soudure' },
      company.token,
    );
    expect(added.addCompanyPhoto.photos).toEqual([
      { id: first.body.id, url: first.body.url, alt: 'Deux apprentis au poste de soudure' },
    ]);
    // Adding the same one again changes nothing.
    const again = await t.ok<any>(ADD, { fileId: first.body.id, alt: 'Encore' }, company.token);
    expect(again.addCompanyPhoto.photos).toHaveLength(1);
    // An attachment or a CV is not a workshop photo.
    const cv = await upload(t, w.studentA.token, 'purpose=CV', PDF, 'cv.pdf');
    expect(await t.code(ADD, { fileId: cv.body.id, alt: 'CV' }, company.token)).toBe('NOT_FOUND');

    for (let i = 2; i <= 6; i += 1) {
      const next = await photo(
        company.token,
        i % 2 ? PNG : JPEG,
        `atelier-${i}.${i % 2 ? 'png' : 'jpg'}`,
        'image/jpeg',
      );
      expect(next.status).toBe(201);
      await t.ok(ADD, { fileId: next.body.id, alt: `Vue ${i} de l’atelier` }, company.token);
    }
    const seventh = await photo(company.token);
    const refused = await t.gql(ADD, { fileId: seventh.body.id, alt: 'Une de trop' }, company.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'file.photosMax' });

    // Students read them on the promise page, and the bytes with their session.
    const jp = await openPromise(t, company, { schoolIds: [c.school.id] });
    const seen = await t.ok<any>(
      `query($id: ID!) { jobPromise(id: $id) { company { photos { id url alt } } } }`,
      { id: jp.id },
      reader.token,
    );
    expect(seen.jobPromise.company.photos).toHaveLength(6);
    expect(seen.jobPromise.company.photos[0]).toEqual({
      id: first.body.id,
      url: first.body.url,
      alt: 'Deux apprentis au poste de soudure',
    });
    const bytes = await download(t, reader.token, first.body.url);
    expect(bytes).toMatchObject({ status: 200, type: 'image/png' });
    expect(bytes.bytes.equals(PNG)).toBe(true);
    expect((await download(t, undefined, first.body.url)).status).toBe(401);

    // Removing deletes the file; another company cannot remove it.
    expect(await t.code(REMOVE, { fileId: first.body.id }, w.companyB.token)).toBe('NOT_FOUND');
    const removed = await t.ok<any>(REMOVE, { fileId: first.body.id }, company.token);
    expect(removed.removeCompanyPhoto.photos).toHaveLength(5);
    expect((await download(t, reader.token, first.body.url)).status).toBe(404);
  });
});

describe('colleague invitations', () => {
  const PENDING = `{ pendingInvitations { id email role expired sentCount } }`;
  const INVITE = `mutation($email: String!) { inviteColleague(email: $email) { email expiresAt } }`;
  const RESEND = `mutation($id: ID!) { resendColleagueInvitation(id: $id) { email expiresAt } }`;
  const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) { id email } }`;
  const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token } }`;
  const codeIn = (text: string) =>
    decodeURIComponent(linkIn(text, `${t.env.PUBLIC_URL}/invitation/`).split('/invitation/')[1] ?? '');

  it('the company lists its pending invitations, resends one (the old link stops working) and revokes one', async () => {
    const company = await registerCompany(t, { city: 'Lyon' });
    const resent = `${unique('atelier')}@company.test`;
    const revoked = `${unique('bureau')}@company.test`;
    await t.ok(INVITE, { email: resent }, company.token);
    await t.ok(INVITE, { email: revoked }, company.token);
    const list = (await t.ok<any>(PENDING, {}, company.token)).pendingInvitations;
    expect(list.map((i: { email: string }) => i.email).sort()).toEqual([resent, revoked].sort());
    expect(
      list.every((i: { role: string; sentCount: number }) => i.role === 'COMPANY_RECRUITER' && i.sentCount === 1),
    ).toBe(true);
    // Nobody else sees them: another company, the school of its partnership, the admin.
    for (const token of [w.companyB.token, w.staffA.token, w.admin.token]) {
      const others = (await t.ok<any>(PENDING, {}, token)).pendingInvitations;
      expect(others.map((i: { email: string }) => i.email)).not.toContain(resent);
    }
    expect(await t.code(PENDING, {}, w.studentA.token)).toBe('FORBIDDEN');
    const id = (email: string) => list.find((i: { email: string }) => i.email === email).id as string;

    // Resend: a new code; the first link no longer works.
    const [firstMail] = await mailsTo(dir, resent);
    const oldCode = codeIn(firstMail?.text ?? '');
    expect(await t.code(RESEND, { id: id(resent) }, w.companyB.token)).toBe('NOT_FOUND');
    expect(
      await t.code(`mutation($id: ID!) { resendInvitation(id: $id) { email } }`, { id: id(resent) }, company.token),
    ).toBe('FORBIDDEN');
    await t.ok(RESEND, { id: id(resent) }, company.token);
    const mails = await mailsTo(dir, resent, 2);
    const codes = mails.map((m) => codeIn(m.text));
    expect(new Set(codes).size).toBe(2);
    expect(mails.every((m) => m.subject.includes(company.companyName))).toBe(true);
    const newCode = codes.find((c) => c !== oldCode) ?? '';
    const input = (code: string) => ({ code, password: PASSWORD, firstName: 'Hugo', lastName: 'Garnier' });
    expect(await t.code(ACCEPT, { input: input(oldCode) })).toBeDefined();
    await t.ok(ACCEPT, { input: input(newCode) });

    // Revoke: another company cannot; then its link stops working.
    expect(await t.code(REVOKE, { id: id(revoked) }, w.companyB.token)).toBe('NOT_FOUND');
    await t.ok(REVOKE, { id: id(revoked) }, company.token);
    const [revokedMail] = await mailsTo(dir, revoked);
    const res = await t.gql(ACCEPT, { input: input(codeIn(revokedMail?.text ?? '')) });
    expect(res.errors?.length).toBeGreaterThan(0);
    // Used and revoked invitations leave the list.
    expect((await t.ok<any>(PENDING, {}, company.token)).pendingInvitations).toEqual([]);
  });
});
