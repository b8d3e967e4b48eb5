import { createStudent, createWorld, snapshotDatabase, withTestApp, type TestApp, type World } from './helpers';
import { apply, move, offer, openPromise, recommend, RECOMMEND } from './marketplace.fixtures';

// Issue 16: each student's situation on the roster (shared studentSituation, read through loaders so the roster's
// database commands do not grow with the class), the staff's student page data, and the recommending rules.

const ROSTER = `query($id: ID!) { school(id: $id) { students { id firstName situation
  applications { id status } recommendations { id status } } } }`;

type RosterRow = { id: string; firstName: string; situation: string };

describe('roster situations and recommending rules', () => {
  let t: TestApp;
  let w: World;
  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  async function roster(): Promise<Map<string, RosterRow>> {
    const data = await t.ok<{ school: { students: RosterRow[] } }>(ROSTER, { id: w.schoolA.id }, w.staffA.token);
    return new Map(data.school.students.map((s) => [s.id, s]));
  }

  /** Database operations one roster request costs (mongoose's debug hook sees every collection call). */
  async function rosterOperations(): Promise<number> {
    let n = 0;
    t.connection.set('debug', () => {
      n += 1;
    });
    try {
      await roster();
    } finally {
      t.connection.set('debug', false);
    }
    return n;
  }

  it('searching, applied, offer received, hired; the database operations do not grow with the roster', async () => {
    const jp = await openPromise(t, w.companyA, { positions: 3 });
    const applied = await createStudent(t, w.staffA, {}, { firstName: 'Applied' });
    const offered = await createStudent(t, w.staffA, {}, { firstName: 'Offered' });
    const hired = await createStudent(t, w.staffA, {}, { firstName: 'Hired' });
    const before = await rosterOperations();
    expect(before).toBeGreaterThan(0);
    await apply(t, applied, jp.id);
    await offer(t, w.companyA, (await apply(t, offered, jp.id)).id);
    const hiredApp = await apply(t, hired, jp.id);
    await offer(t, w.companyA, hiredApp.id);
    await move(t, hired.token, hiredApp.id, 'HIRED');

    const rows = await roster();
    expect(rows.get(w.studentA.studentId)?.situation).toBe('SEARCHING');
    expect(rows.get(applied.studentId)?.situation).toBe('APPLIED');
    expect(rows.get(offered.studentId)?.situation).toBe('OFFER_RECEIVED');
    expect(rows.get(hired.studentId)?.situation).toBe('HIRED');

    for (let i = 0; i < 4; i += 1) await createStudent(t, w.staffA, {}, { firstName: `More${i}` });
    expect(await rosterOperations()).toBe(before);
  });

  it('a hired student is not recommended; nor twice for the same promise; nothing written', async () => {
    const jp = await openPromise(t, w.companyA, { positions: 2 });
    const other = await openPromise(t, w.companyA);
    const hired = await createStudent(t, w.staffA, {}, { firstName: 'Embauchée' });
    const app = await apply(t, hired, jp.id);
    await offer(t, w.companyA, app.id);
    await move(t, hired.token, app.id, 'HIRED');
    const call = (jobPromiseId: string, studentId: string) =>
      t.gql(RECOMMEND, { jobPromiseId, studentId, note: 'Très motivée.' }, w.staffA.token);

    let snapshot = await snapshotDatabase(t.connection);
    let res = await call(other.id, hired.studentId);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'recommendation.studentHired' });
    expect(await snapshotDatabase(t.connection)).toEqual(snapshot);

    const fresh = await createStudent(t, w.staffA, {}, { firstName: 'Recommandée' });
    await recommend(t, w.staffA, other.id, fresh.studentId);
    snapshot = await snapshotDatabase(t.connection);
    res = await call(other.id, fresh.studentId);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'recommendation.alreadyPending' });
    expect(await snapshotDatabase(t.connection)).toEqual(snapshot);

    // An applicant may still be recommended (accepting links the existing application): no refusal for them.
    const applicant = await createStudent(t, w.staffA, {}, { firstName: 'Candidate' });
    await apply(t, applicant, other.id);
    res = await call(other.id, applicant.studentId);
    expect(res.errors).toBeUndefined();
  });
});
