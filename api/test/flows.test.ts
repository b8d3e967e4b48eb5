import {
  approvePartnership,
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  registerCompany,
  startTestApp,
  type Actor,
  type CompanyFixture,
  type SchoolFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';
import {
  CREATE_PROMISE,
  inDays,
  LIST_PROMISES,
  move,
  MY_APPLICATIONS,
  MY_RECOMMENDATIONS,
  notificationsOf,
  PUBLISH_PROMISE,
  RECOMMEND,
  RESPOND,
  APPLY,
} from './marketplace.fixtures';

// The four flows of the marketplace, end to end over HTTP, each step by the actor who does it in real life.

jest.setTimeout(60_000);

const UNREAD = `{ unreadNotificationCount }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const PROMISE_FOR_COMPANY = `query($id: ID!) { jobPromise(id: $id) { id status hiredCount positions applicationCount
  applications { id status source student { displayName email } recommendation { note school { name } } }
  recommendations { id note status school { name } student { displayName } } } }`;

describe('marketplace flows', () => {
  let t: TestApp;
  let admin: Actor;
  let school: SchoolFixture;
  let staff: StaffFixture;
  let company: CompanyFixture;
  let lina: StudentFixture;
  let graduate: StudentFixture;
  let promiseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createAdmin(t);
    school = await createSchool(t, admin, {
      name: 'École de Production de Chalon-sur-Saône',
      city: 'Chalon-sur-Saône',
      location: { lat: 46.7806, lng: 4.8539 },
      trades: ['MACHINING', 'WELDING'],
    });
    staff = await createStaff(t, admin, school.id);
    lina = await createStudent(
      t,
      staff,
      { trade: 'WELDING', city: 'Chalon-sur-Saône', location: { lat: 46.78, lng: 4.85 } },
      { firstName: 'Lina', lastName: 'Martin' },
    );
    graduate = await createStudent(
      t,
      staff,
      { trade: 'WELDING', graduationDate: '2025-06-30', city: 'Chalon-sur-Saône', location: { lat: 46.79, lng: 4.84 } },
      { firstName: 'Yanis', lastName: 'Bernard' },
    );
    company = await registerCompany(t, { companyName: 'Chaudronnerie du Chalonnais', city: 'Chalon-sur-Saône' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('1. a company partners with the school, posts a promise and publishes it; matching students are told', async () => {
    const input = {
      title: 'Soudeur·se TIG en CDI',
      description: 'Atelier de chaudronnerie fine : soudure TIG sur inox et aluminium, pièces unitaires.',
      trade: 'WELDING',
      contractType: 'CDI',
      positions: 1,
      diplomaLevel: 'CAP',
      skills: ['TIG', 'inox', 'lecture de plans'],
      city: 'Chalon-sur-Saône',
      location: { lat: 46.79, lng: 4.86 },
      startDate: inDays(20),
      expiresAt: inDays(45),
    };
    // Without an approved partnership the company cannot post.
    expect(await t.code(CREATE_PROMISE, { input }, company.token)).toBe('FORBIDDEN');
    await approvePartnership(t, company, staff);

    const created = await t.ok<{ createJobPromise: { id: string; status: string } }>(
      CREATE_PROMISE,
      { input },
      company.token,
    );
    expect(created.createJobPromise.status).toBe('DRAFT');
    promiseId = created.createJobPromise.id;

    // A draft is not shown to students.
    const before = await t.ok<{ jobPromises: { edges: unknown[] } }>(LIST_PROMISES, {}, lina.token);
    expect(before.jobPromises.edges).toEqual([]);

    const published = await t.ok<{ publishJobPromise: { status: string } }>(
      PUBLISH_PROMISE,
      { id: promiseId },
      company.token,
    );
    expect(published.publishJobPromise.status).toBe('OPEN');

    const seen = await t.ok<{ jobPromises: { edges: { node: { id: string; title: string } }[] } }>(
      LIST_PROMISES,
      { filter: { trade: 'WELDING' } },
      lina.token,
    );
    expect(seen.jobPromises.edges.map((e) => e.node.id)).toEqual([promiseId]);
    const match = (await notificationsOf(t, lina.token)).find((n) => n.type === 'JOB_PROMISE_MATCH');
    expect(match?.data).toMatchObject({ jobPromiseId: promiseId, companyName: 'Chaudronnerie du Chalonnais' });
  });

  it('2. a school recommends a graduate, who is notified and accepts: the company sees the note and the school', async () => {
    const rec = await t.ok<{ recommendGraduate: { id: string; status: string } }>(
      RECOMMEND,
      {
        jobPromiseId: promiseId,
        studentId: graduate.studentId,
        note: 'Yanis a soudé nos cuves inox pendant deux ans : précis et fiable.',
      },
      staff.token,
    );
    expect(rec.recommendGraduate.status).toBe('PENDING');

    // 4. the graduate is notified: the notifications query shows it, unread.
    expect(
      (await t.ok<{ unreadNotificationCount: number }>(UNREAD, undefined, graduate.token)).unreadNotificationCount,
    ).toBeGreaterThanOrEqual(1);
    const notes = await notificationsOf(t, graduate.token);
    const received = notes.find((n) => n.type === 'RECOMMENDATION_RECEIVED');
    expect(received).toMatchObject({
      read: false,
      title: 'Votre école vous recommande',
      data: { recommendationId: rec.recommendGraduate.id, jobPromiseId: promiseId, schoolName: school.name },
    });
    expect(received!.body).toContain('Soudeur·se TIG en CDI');
    const changed = await t.ok<{ markNotificationsRead: number }>(MARK_READ, { ids: [received!.id] }, graduate.token);
    expect(changed.markNotificationsRead).toBe(1);

    const mine = await t.ok<{ myRecommendations: { id: string; note: string }[] }>(
      MY_RECOMMENDATIONS,
      undefined,
      graduate.token,
    );
    expect(mine.myRecommendations.map((r) => r.id)).toEqual([rec.recommendGraduate.id]);
    const accepted = await t.ok<{ respondToRecommendation: { status: string; application: { source: string } } }>(
      RESPOND,
      { id: rec.recommendGraduate.id, accept: true },
      graduate.token,
    );
    expect(accepted.respondToRecommendation).toMatchObject({
      status: 'ACCEPTED',
      application: { source: 'RECOMMENDATION' },
    });

    const view = await t.ok<{
      jobPromise: {
        applications: {
          source: string;
          student: { displayName: string; email: string };
          recommendation: { note: string; school: { name: string } } | null;
        }[];
      };
    }>(PROMISE_FOR_COMPANY, { id: promiseId }, company.token);
    const fromSchool = view.jobPromise.applications.find((a) => a.source === 'RECOMMENDATION');
    expect(fromSchool).toMatchObject({
      student: { displayName: 'Yanis Bernard', email: graduate.email },
      recommendation: {
        note: 'Yanis a soudé nos cuves inox pendant deux ans : précis et fiable.',
        school: { name: school.name },
      },
    });
  });

  it('3. a student applies, the company moves her to an offer, she accepts and is HIRED; the promise is filled', async () => {
    const applied = await t.ok<{ applyToJobPromise: { id: string; status: string } }>(
      APPLY,
      { jobPromiseId: promiseId, message: 'Bonjour, je soude au TIG depuis un an.' },
      lina.token,
    );
    expect(applied.applyToJobPromise.status).toBe('SUBMITTED');
    const appId = applied.applyToJobPromise.id;
    const toCompany = (await notificationsOf(t, company.token)).find(
      (n) => n.type === 'APPLICATION_RECEIVED' && n.data['applicationId'] === appId,
    );
    expect(toCompany?.data['studentName']).toBe('Lina Martin');

    for (const to of ['SHORTLISTED', 'INTERVIEW', 'OFFERED']) await move(t, company.token, appId, to);
    const hired = await move(t, lina.token, appId, 'HIRED');
    expect(hired.status).toBe('HIRED');
    expect(hired.jobPromise).toMatchObject({ status: 'FILLED', hiredCount: 1 });

    const mine = await t.ok<{ myApplications: { id: string; status: string; history: { to: string }[] }[] }>(
      MY_APPLICATIONS,
      undefined,
      lina.token,
    );
    expect(mine.myApplications[0]!.history.map((h) => h.to)).toEqual([
      'SUBMITTED',
      'SHORTLISTED',
      'INTERVIEW',
      'OFFERED',
      'HIRED',
    ]);
    const linaNotes = await notificationsOf(t, lina.token);
    expect(linaNotes.map((n) => n.title)).toContain('Vous avez reçu une offre\u00a0!');

    // The recommended graduate's application was open: the filled promise rejected it, and he was told why.
    const yanis = await t.ok<{ myApplications: { status: string; history: { reason: string | null }[] }[] }>(
      MY_APPLICATIONS,
      undefined,
      graduate.token,
    );
    expect(yanis.myApplications[0]).toMatchObject({ status: 'REJECTED' });
    expect(yanis.myApplications[0]!.history.at(-1)!.reason).toBe('position filled');
    const yanisNote = (await notificationsOf(t, graduate.token)).find((n) => n.type === 'APPLICATION_STATUS_CHANGED');
    expect(yanisNote?.body).toContain('Poste pourvu');

    // The school follows its students' outcomes.
    const staffNotes = (await notificationsOf(t, staff.token)).filter((n) => n.type === 'APPLICATION_STATUS_CHANGED');
    expect(staffNotes.map((n) => n.data['to'])).toEqual(expect.arrayContaining(['HIRED', 'REJECTED']));
  });

  it('the filled promise no longer shows to students', async () => {
    const seen = await t.ok<{ jobPromises: { edges: unknown[] } }>(LIST_PROMISES, {}, graduate.token);
    expect(seen.jobPromises.edges).toEqual([]);
    const owner = await t.ok<{ jobPromise: { status: string; applicationCount: number } }>(
      PROMISE_FOR_COMPANY,
      { id: promiseId },
      company.token,
    );
    expect(owner.jobPromise).toMatchObject({ status: 'FILLED', applicationCount: 2 });
  });
});
