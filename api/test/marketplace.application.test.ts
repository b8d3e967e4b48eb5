import { Types } from 'mongoose';
import {
  createStudent,
  createWorld,
  snapshotDatabase,
  withTestApp,
  type StudentFixture,
  type TestApp,
  type World,
} from './helpers';
import {
  apply,
  APPLY,
  CLOSE_PROMISE,
  countDocs,
  createPromise,
  move,
  MOVE,
  MY_APPLICATIONS,
  notificationsOf,
  offer,
  openPromise,
  type ApplicationResult,
} from './marketplace.fixtures';

const UNKNOWN_ID = new Types.ObjectId().toHexString();
const PROMISE_APPLICATIONS = `query($id: ID!) { jobPromise(id: $id) { id status hiredCount applicationCount
  applications { id status student { id lastName } } } }`;
const GET_APPLICATION = `query($id: ID!) { application(id: $id) { id status allowedMoves student { id lastName email } } }`;

describe('applications over HTTP', () => {
  let t: TestApp;
  let w: World;

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  const newStudent = (firstName: string, school: 'A' | 'B' = 'A') =>
    createStudent(t, school === 'A' ? w.staffA : w.staffB, {}, { firstName, lastName: `Martin-${firstName}` });

  describe('applyToJobPromise', () => {
    it('creates a SUBMITTED application with its history and notifies the recruiters', async () => {
      const jp = await openPromise(t, w.companyA, { title: 'Tourneur débutant' });
      const app = await apply(t, w.studentA, jp.id, 'Je suis motivée !');
      expect(app).toMatchObject({ status: 'SUBMITTED', source: 'STUDENT', jobPromise: { id: jp.id } });
      expect(app.history).toEqual([
        expect.objectContaining({ from: null, to: 'SUBMITTED', byRole: 'STUDENT', reason: null }),
      ]);
      const received = (await notificationsOf(t, w.companyA.token)).filter(
        (n) => n.type === 'APPLICATION_RECEIVED' && n.data['applicationId'] === app.id,
      );
      expect(received).toHaveLength(1);
      expect(received[0]!.body).toContain('Tourneur débutant');
      expect(received[0]!.data['studentName']).toBe(`${w.studentA.firstName} ${w.studentA.lastName}`);
    });

    it('is idempotent: a repeat returns the same application and writes nothing', async () => {
      const jp = await openPromise(t, w.companyA);
      const first = await apply(t, w.studentA, jp.id);
      const snapshot = await snapshotDatabase(t.connection);
      const again = await apply(t, w.studentA, jp.id, 'autre message');
      expect(again.id).toBe(first.id);
      expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
    });

    it('makes the student visible to the company (privacy of minors)', async () => {
      const jp = await openPromise(t, w.companyA);
      const student = await newStudent('Chloé');
      const before = await t.ok<{ student: { lastName: string | null } }>(
        `query($id: ID!) { student(id: $id) { lastName } }`,
        { id: student.studentId },
        w.companyA.token,
      );
      expect(before.student.lastName).toBeNull();
      const app = await apply(t, student, jp.id);
      const seen = await t.ok<{ application: { student: { lastName: string; email: string } } }>(
        GET_APPLICATION,
        { id: app.id },
        w.companyA.token,
      );
      expect(seen.application.student.lastName).toBe(student.lastName);
      expect(seen.application.student.email).toBe(student.email);
    });

    it('refuses other schools, non-open promises, wrong roles and bad input, without writing', async () => {
      const jpB = await openPromise(t, w.companyB, { city: 'Marseille', location: { lat: 43.3, lng: 5.4 } });
      const draft = await createPromise(t, w.companyA);
      const closed = await openPromise(t, w.companyA);
      await t.ok(CLOSE_PROMISE, { id: closed.id }, w.companyA.token);
      const open = await openPromise(t, w.companyA);
      const snapshot = await snapshotDatabase(t.connection);
      const code = (vars: Record<string, unknown>, token?: string) => t.code(APPLY, vars, token);
      expect(await code({ jobPromiseId: jpB.id }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await code({ jobPromiseId: draft.id }, w.studentA.token)).toBe('CONFLICT');
      expect(await code({ jobPromiseId: closed.id }, w.studentA.token)).toBe('CONFLICT');
      expect(await code({ jobPromiseId: UNKNOWN_ID }, w.studentA.token)).toBe('NOT_FOUND');
      expect(await code({ jobPromiseId: 'zzz' }, w.studentA.token)).toBe('NOT_FOUND');
      expect(await code({ jobPromiseId: open.id, message: 'x'.repeat(20_000) }, w.studentA.token)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await code({}, w.studentA.token)).toBe('BAD_USER_INPUT');
      expect(await code({ jobPromiseId: open.id }, w.companyA.token)).toBe('FORBIDDEN');
      expect(await code({ jobPromiseId: open.id }, w.staffA.token)).toBe('FORBIDDEN');
      expect(await code({ jobPromiseId: open.id }, w.admin.token)).toBe('FORBIDDEN');
      expect(await code({ jobPromiseId: open.id })).toBe('UNAUTHENTICATED');
      expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
    });
  });

  describe('moveApplication', () => {
    it('follows the company pipeline one step at a time, with history and notifications to student and staff', async () => {
      const jp = await openPromise(t, w.companyA, { title: 'Fraiseur' });
      const student = await newStudent('Inès');
      const app = await apply(t, student, jp.id);
      expect(await t.code(MOVE, { id: app.id, to: 'OFFERED' }, w.companyA.token)).toBe('CONFLICT');
      await move(t, w.companyA.token, app.id, 'SHORTLISTED');
      await move(t, w.companyA.token, app.id, 'INTERVIEW');
      const offered = await move(t, w.companyA.token, app.id, 'OFFERED');
      expect(offered.status).toBe('OFFERED');
      expect(offered.history.map((h) => [h.from, h.to, h.byRole])).toEqual([
        [null, 'SUBMITTED', 'STUDENT'],
        ['SUBMITTED', 'SHORTLISTED', 'COMPANY_RECRUITER'],
        ['SHORTLISTED', 'INTERVIEW', 'COMPANY_RECRUITER'],
        ['INTERVIEW', 'OFFERED', 'COMPANY_RECRUITER'],
      ]);
      const mine = (await notificationsOf(t, student.token)).filter((n) => n.type === 'APPLICATION_STATUS_CHANGED');
      expect(mine.map((n) => n.data['to'])).toEqual(['OFFERED', 'INTERVIEW', 'SHORTLISTED']);
      expect(mine[0]!.title).toBe('Vous avez reçu une offre\u00a0!');
      const staff = (await notificationsOf(t, w.staffA.token)).filter(
        (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['applicationId'] === app.id,
      );
      expect(staff).toHaveLength(3);
      expect(staff[0]!.data['studentName']).toBe(`${student.firstName} ${student.lastName}`);
      // The recruiters made these moves themselves: they are not notified of them.
      const recruiters = (await notificationsOf(t, w.companyA.token)).filter(
        (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['applicationId'] === app.id,
      );
      expect(recruiters).toEqual([]);
      const seen = await t.ok<{ application: { allowedMoves: string[] } }>(
        GET_APPLICATION,
        { id: app.id },
        student.token,
      );
      expect(seen.application.allowedMoves).toEqual(['HIRED', 'WITHDRAWN']);
      const byCompany = await t.ok<{ application: { allowedMoves: string[] } }>(
        GET_APPLICATION,
        { id: app.id },
        w.companyA.token,
      );
      expect(byCompany.application.allowedMoves).toEqual(['REJECTED']);
    });

    it('requires a reason to reject, keeps it, and nothing leaves a final status', async () => {
      const jp = await openPromise(t, w.companyA);
      const student = await newStudent('Léa');
      const app = await apply(t, student, jp.id);
      expect(await t.code(MOVE, { id: app.id, to: 'REJECTED' }, w.companyA.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(MOVE, { id: app.id, to: 'REJECTED', reason: '   ' }, w.companyA.token)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await t.code(MOVE, { id: app.id, to: 'REJECTED', reason: 'x'.repeat(5000) }, w.companyA.token)).toBe(
        'BAD_USER_INPUT',
      );
      const rejected = await move(t, w.companyA.token, app.id, 'REJECTED', 'Profil trop éloigné du poste');
      expect(rejected.history.at(-1)).toMatchObject({
        from: 'SUBMITTED',
        to: 'REJECTED',
        reason: 'Profil trop éloigné du poste',
      });
      const [note] = (await notificationsOf(t, student.token)).filter((n) => n.data['applicationId'] === app.id);
      expect(note!.body).toContain('Profil trop éloigné du poste');
      for (const to of ['SHORTLISTED', 'SUBMITTED'])
        expect(await t.code(MOVE, { id: app.id, to }, w.companyA.token)).toBe('CONFLICT');
      expect(await t.code(MOVE, { id: app.id, to: 'WITHDRAWN' }, student.token)).toBe('CONFLICT');
    });

    it('lets the student withdraw (recruiters notified) but not move the pipeline', async () => {
      const jp = await openPromise(t, w.companyA);
      const student = await newStudent('Manon');
      const app = await apply(t, student, jp.id);
      expect(await t.code(MOVE, { id: app.id, to: 'SHORTLISTED' }, student.token)).toBe('CONFLICT');
      expect(await t.code(MOVE, { id: app.id, to: 'HIRED' }, student.token)).toBe('CONFLICT');
      const withdrawn = await move(t, student.token, app.id, 'WITHDRAWN');
      expect(withdrawn.status).toBe('WITHDRAWN');
      const recruiters = (await notificationsOf(t, w.companyA.token)).filter(
        (n) => n.type === 'APPLICATION_STATUS_CHANGED' && n.data['applicationId'] === app.id,
      );
      expect(recruiters).toHaveLength(1);
      expect(recruiters[0]!.data['to']).toBe('WITHDRAWN');
    });

    it('refuses other actors, unknown ids and wrong enums, without writing', async () => {
      const jp = await openPromise(t, w.companyA);
      const app = await apply(t, w.studentA, jp.id);
      const snapshot = await snapshotDatabase(t.connection);
      expect(await t.code(MOVE, { id: app.id, to: 'SHORTLISTED' }, w.companyB.token)).toBe('FORBIDDEN');
      expect(await t.code(MOVE, { id: app.id, to: 'SHORTLISTED' }, w.staffA.token)).toBe('FORBIDDEN');
      expect(await t.code(MOVE, { id: app.id, to: 'SHORTLISTED' }, w.admin.token)).toBe('FORBIDDEN');
      expect(await t.code(MOVE, { id: app.id, to: 'WITHDRAWN' }, w.studentB.token)).toBe('FORBIDDEN');
      expect(await t.code(MOVE, { id: app.id, to: 'SHORTLISTED' })).toBe('UNAUTHENTICATED');
      expect(await t.code(MOVE, { id: app.id, to: 'ACCEPTED' }, w.companyA.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(MOVE, { id: app.id }, w.companyA.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(MOVE, { id: UNKNOWN_ID, to: 'SHORTLISTED' }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await t.code(MOVE, { id: 'bad', to: 'SHORTLISTED' }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
    });

    it('optimistic concurrency: of two identical moves at once, one wins and the other is a CONFLICT', async () => {
      const jp = await openPromise(t, w.companyA);
      const app = await apply(t, await newStudent('Sarah'), jp.id);
      const results = await Promise.all(
        [1, 2].map(() => t.gql(MOVE, { id: app.id, to: 'SHORTLISTED' }, w.companyA.token)),
      );
      const codes = results.map((r) => r.errors?.[0]?.extensions?.['code'] ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const stored = await t.connection.collection('applications').findOne({ _id: new Types.ObjectId(app.id) });
      expect(stored?.['history']).toHaveLength(2);
    });
  });

  describe('hiring', () => {
    it('HIRED fills the promise, rejects its other open applications and withdraws the student’s others, in one go', async () => {
      const jp = await openPromise(t, w.companyA, { title: 'Dernier poste', positions: 1 });
      const other = await openPromise(t, w.companyA, { title: 'Autre promesse' });
      const hiredStudent = await newStudent('Jade');
      const rival1 = await newStudent('Emma');
      const rival2 = await newStudent('Louise');
      const winner = await apply(t, hiredStudent, jp.id);
      const elsewhere = await apply(t, hiredStudent, other.id);
      const lost1 = await apply(t, rival1, jp.id);
      const lost2 = await apply(t, rival2, jp.id);
      await move(t, w.companyA.token, lost2.id, 'SHORTLISTED');
      await move(t, w.companyA.token, elsewhere.id, 'SHORTLISTED');
      await offer(t, w.companyA, winner.id);

      const hired = await move(t, hiredStudent.token, winner.id, 'HIRED');
      expect(hired.status).toBe('HIRED');
      expect(hired.jobPromise).toMatchObject({ status: 'FILLED', hiredCount: 1 });
      expect(hired.history.at(-1)).toMatchObject({ from: 'OFFERED', to: 'HIRED', byRole: 'STUDENT' });

      const apps = await t.ok<{ jobPromise: { applications: { id: string; status: string }[] } }>(
        PROMISE_APPLICATIONS,
        { id: jp.id },
        w.companyA.token,
      );
      const statusOf = new Map(apps.jobPromise.applications.map((a) => [a.id, a.status]));
      expect(statusOf.get(lost1.id)).toBe('REJECTED');
      expect(statusOf.get(lost2.id)).toBe('REJECTED');
      const rejected = await t.ok<{ myApplications: ApplicationResult[] }>(MY_APPLICATIONS, undefined, rival2.token);
      expect(rejected.myApplications[0]!.history.at(-1)).toMatchObject({
        from: 'SHORTLISTED',
        to: 'REJECTED',
        byRole: 'SYSTEM',
        reason: 'position filled',
      });
      const mine = await t.ok<{ myApplications: ApplicationResult[] }>(MY_APPLICATIONS, undefined, hiredStudent.token);
      const withdrawn = mine.myApplications.find((a) => a.id === elsewhere.id)!;
      expect(withdrawn.status).toBe('WITHDRAWN');
      expect(withdrawn.history.at(-1)).toMatchObject({
        from: 'SHORTLISTED',
        to: 'WITHDRAWN',
        byRole: 'SYSTEM',
        reason: 'hired elsewhere',
      });

      const rivalNote = (await notificationsOf(t, rival1.token)).find((n) => n.data['applicationId'] === lost1.id);
      expect(rivalNote?.body).toContain('Poste pourvu');
      const hiredNote = (await notificationsOf(t, w.staffA.token)).find(
        (n) => n.data['applicationId'] === winner.id && n.data['to'] === 'HIRED',
      );
      expect(hiredNote).toBeDefined();
      const companyNote = (await notificationsOf(t, w.companyA.token)).find(
        (n) => n.data['applicationId'] === winner.id && n.data['to'] === 'HIRED',
      );
      expect(companyNote).toBeDefined();
      // A filled promise takes no more applications.
      expect(await t.code(APPLY, { jobPromiseId: jp.id }, w.studentA.token)).toBe('CONFLICT');
    });

    it('with positions left the promise stays OPEN; hiring twice is a CONFLICT', async () => {
      const jp = await openPromise(t, w.companyA, { positions: 2 });
      const a = await newStudent('Zoé');
      const b = await newStudent('Alice');
      const appA = await apply(t, a, jp.id);
      const appB = await apply(t, b, jp.id);
      await offer(t, w.companyA, appA.id);
      const hired = await move(t, a.token, appA.id, 'HIRED');
      expect(hired.jobPromise).toMatchObject({ status: 'OPEN', hiredCount: 1 });
      expect(await t.code(MOVE, { id: appA.id, to: 'HIRED' }, a.token)).toBe('CONFLICT');
      const apps = await t.ok<{ jobPromise: { applications: { id: string; status: string }[] } }>(
        PROMISE_APPLICATIONS,
        { id: jp.id },
        w.companyA.token,
      );
      expect(apps.jobPromise.applications.find((x) => x.id === appB.id)?.status).toBe('SUBMITTED');
    });

    it('accepting an offer on a closed promise is a CONFLICT and changes nothing', async () => {
      const jp = await openPromise(t, w.companyA);
      const student = await newStudent('Nina');
      const app = await apply(t, student, jp.id);
      await offer(t, w.companyA, app.id);
      await t.ok(CLOSE_PROMISE, { id: jp.id }, w.companyA.token);
      const before = await countDocs(t, 'notifications');
      expect(await t.code(MOVE, { id: app.id, to: 'HIRED' }, student.token)).toBe('CONFLICT');
      // Closing the promise already resolved the offer (issue 14: REJECTED, "promise closed").
      const stored = await t.connection.collection('applications').findOne({ _id: new Types.ObjectId(app.id) });
      expect(stored?.['status']).toBe('REJECTED');
      expect(await countDocs(t, 'notifications')).toBe(before);
    });
  });

  describe('reading', () => {
    let student: StudentFixture;
    let appIds: string[];
    let jpId: string;
    beforeAll(async () => {
      student = await newStudent('Camille');
      const jp1 = await openPromise(t, w.companyA);
      const jp2 = await openPromise(t, w.companyA);
      jpId = jp1.id;
      appIds = [(await apply(t, student, jp1.id)).id, (await apply(t, student, jp2.id)).id];
    });

    it('myApplications lists the student’s own, newest first; other roles are refused', async () => {
      const data = await t.ok<{ myApplications: { id: string }[] }>(MY_APPLICATIONS, undefined, student.token);
      expect(data.myApplications.map((a) => a.id)).toEqual([...appIds].reverse());
      expect(await t.code(MY_APPLICATIONS, undefined, w.companyA.token)).toBe('FORBIDDEN');
      expect(await t.code(MY_APPLICATIONS)).toBe('UNAUTHENTICATED');
    });

    it('application(id): the student, the company, the school staff and the admin; not others', async () => {
      for (const token of [student.token, w.companyA.token, w.staffA.token, w.admin.token]) {
        const data = await t.ok<{ application: { id: string } }>(GET_APPLICATION, { id: appIds[0] }, token);
        expect(data.application.id).toBe(appIds[0]);
      }
      for (const token of [w.studentA.token, w.companyB.token, w.staffB.token]) {
        expect(await t.code(GET_APPLICATION, { id: appIds[0] }, token)).toBe('FORBIDDEN');
      }
      expect(await t.code(GET_APPLICATION, { id: UNKNOWN_ID }, w.admin.token)).toBe('NOT_FOUND');
    });

    it('JobPromise.applications: the owner sees all, staff their own students’, a student is refused', async () => {
      await apply(t, w.studentA, jpId);
      const owner = await t.ok<{ jobPromise: { applicationCount: number; applications: unknown[] } }>(
        PROMISE_APPLICATIONS,
        { id: jpId },
        w.companyA.token,
      );
      expect(owner.jobPromise.applicationCount).toBe(2);
      expect(owner.jobPromise.applications).toHaveLength(2);
      const staff = await t.ok<{ jobPromise: { applications: unknown[] } }>(
        PROMISE_APPLICATIONS,
        { id: jpId },
        w.staffA.token,
      );
      expect(staff.jobPromise.applications).toHaveLength(2);
      const res = await t.gql(PROMISE_APPLICATIONS, { id: jpId }, student.token);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    });
  });
});
