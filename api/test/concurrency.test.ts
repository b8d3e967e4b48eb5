import { Types } from 'mongoose';
import { createStudent, createWorld, withTestApp, type TestApp, type World } from './helpers';
import { apply, APPLY, MOVE, offer, openPromise, type ApplicationResult } from './marketplace.fixtures';

// Races through the real HTTP API: the unique index and the conditional updates (in transactions) decide, not luck.

// Fixtures hash passwords (argon2) for every student: setting up a race takes seconds on 2 cores.
jest.setTimeout(60_000);

describe('concurrency', () => {
  let t: TestApp;
  let w: World;

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  it('20 parallel identical applyToJobPromise give one application, returned to every call', async () => {
    const jp = await openPromise(t, w.companyA);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.gql<{ applyToJobPromise: { id: string } }>(APPLY, { jobPromiseId: jp.id }, w.studentA.token),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.applyToJobPromise.id));
    expect(ids.size).toBe(1);
    const stored = await t.connection
      .collection('applications')
      .countDocuments({ jobPromiseId: new Types.ObjectId(jp.id), studentId: new Types.ObjectId(w.studentA.studentId) });
    expect(stored).toBe(1);
    // The recruiters were told once, not 20 times.
    const received = await t.connection
      .collection('notifications')
      .countDocuments({ type: 'APPLICATION_RECEIVED', 'data.jobPromiseId': jp.id });
    expect(received).toBe(1);
  });

  it('last-position race: two students accepting the last position at once give one hire and one CONFLICT', async () => {
    const jp = await openPromise(t, w.companyA, { positions: 2 });
    const students = [
      await createStudent(t, w.staffA, {}, { firstName: 'Lina', lastName: 'Martin' }),
      await createStudent(t, w.staffA, {}, { firstName: 'Noah', lastName: 'Bernard' }),
      await createStudent(t, w.staffA, {}, { firstName: 'Lou', lastName: 'Girard' }),
    ];
    const apps: ApplicationResult[] = [];
    for (const s of students) {
      const app = await apply(t, s, jp.id);
      await offer(t, w.companyA, app.id);
      apps.push(app);
    }
    // One position goes first, so the race is for the last one.
    const first = await t.gql(MOVE, { id: apps[0]!.id, to: 'HIRED' }, students[0]!.token);
    expect(first.errors).toBeUndefined();

    const race = await Promise.all(
      [1, 2].map((i) =>
        t.gql<{ moveApplication: { status: string } }>(MOVE, { id: apps[i]!.id, to: 'HIRED' }, students[i]!.token),
      ),
    );
    const outcomes = race.map((r) => r.errors?.[0]?.extensions?.['code'] ?? r.data?.moveApplication.status).sort();
    expect(outcomes).toEqual(['CONFLICT', 'HIRED']);

    const stored = await t.connection.collection('jobpromises').findOne({ _id: new Types.ObjectId(jp.id) });
    expect(stored).toMatchObject({ hiredCount: 2, positions: 2, status: 'FILLED' });
    const statuses = await t.connection
      .collection('applications')
      .find({ jobPromiseId: new Types.ObjectId(jp.id) })
      .toArray();
    const byStatus = statuses.map((a) => a['status']).sort();
    expect(byStatus).toEqual(['HIRED', 'HIRED', 'REJECTED']);
    const loser = statuses.find((a) => a['status'] === 'REJECTED')!;
    expect(loser['history'].at(-1)).toMatchObject({
      from: 'OFFERED',
      to: 'REJECTED',
      byRole: 'SYSTEM',
      reason: 'position filled',
    });
  });

  it('many students racing for one position: exactly one is hired', async () => {
    const jp = await openPromise(t, w.companyA, { positions: 1 });
    const students = [];
    for (let i = 0; i < 5; i++)
      students.push(await createStudent(t, w.staffA, {}, { firstName: `Élève${i}`, lastName: 'Course' }));
    const apps: ApplicationResult[] = [];
    for (const s of students) {
      const app = await apply(t, s, jp.id);
      await offer(t, w.companyA, app.id);
      apps.push(app);
    }
    const race = await Promise.all(students.map((s, i) => t.gql(MOVE, { id: apps[i]!.id, to: 'HIRED' }, s.token)));
    const codes = race.map((r) => r.errors?.[0]?.extensions?.['code'] ?? 'HIRED');
    expect(codes.filter((c) => c === 'HIRED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(4);
    const stored = await t.connection.collection('jobpromises').findOne({ _id: new Types.ObjectId(jp.id) });
    expect(stored).toMatchObject({ hiredCount: 1, status: 'FILLED' });
    const hired = await t.connection
      .collection('applications')
      .countDocuments({ jobPromiseId: new Types.ObjectId(jp.id), status: 'HIRED' });
    expect(hired).toBe(1);
  });
});
