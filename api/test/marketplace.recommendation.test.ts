import { Types } from 'mongoose';
import { createStudent, createWorld, snapshotDatabase, withTestApp, type TestApp, type World } from './helpers';
import {
  apply,
  CLOSE_PROMISE,
  MY_RECOMMENDATIONS,
  notificationsOf,
  openPromise,
  recommend,
  RECOMMEND,
  RESPOND,
} from './marketplace.fixtures';

const UNKNOWN_ID = new Types.ObjectId().toHexString();
const GET_RECOMMENDATION = `query($id: ID!) { recommendation(id: $id) { id status note school { name } recommendedBy { id }
  student { lastName } } }`;

type Rec = {
  id: string;
  status: string;
  note: string;
  respondedAt: string | null;
  school: { id: string; name: string };
  student: { id: string; displayName: string; lastName: string | null; email: string | null };
  application: { id: string; source: string; status: string } | null;
};

describe('recommendations over HTTP', () => {
  let t: TestApp;
  let w: World;

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  const graduate = (firstName: string) =>
    createStudent(t, w.staffA, { graduationDate: '2025-06-30' }, { firstName, lastName: `Roux-${firstName}` });

  it('staff recommend a graduate: the graduate and the recruiters are notified; the company sees note, school and name', async () => {
    const jp = await openPromise(t, w.companyA, { title: 'Soudeur confirmé' });
    const grad = await graduate('Lucie');
    const data = await t.ok<{ recommendGraduate: Rec }>(
      RECOMMEND,
      { jobPromiseId: jp.id, studentId: grad.studentId, note: 'Excellente soudeuse, très autonome.' },
      w.staffA.token,
    );
    const rec = data.recommendGraduate;
    expect(rec).toMatchObject({
      status: 'PENDING',
      note: 'Excellente soudeuse, très autonome.',
      school: { id: w.schoolA.id },
      application: null,
    });

    const toGraduate = (await notificationsOf(t, grad.token)).filter((n) => n.type === 'RECOMMENDATION_RECEIVED');
    expect(toGraduate).toHaveLength(1);
    expect(toGraduate[0]).toMatchObject({
      title: 'Votre école vous recommande',
      data: { recommendationId: rec.id, jobPromiseId: jp.id },
    });
    const toCompany = (await notificationsOf(t, w.companyA.token)).filter(
      (n) => n.type === 'RECOMMENDATION_RECEIVED' && n.data['recommendationId'] === rec.id,
    );
    expect(toCompany).toHaveLength(1);
    expect(toCompany[0]!.data['studentName']).toBe(`${grad.firstName} ${grad.lastName}`);

    const seen = await t.ok<{
      recommendation: { note: string; school: { name: string }; recommendedBy: unknown; student: { lastName: string } };
    }>(GET_RECOMMENDATION, { id: rec.id }, w.companyA.token);
    expect(seen.recommendation).toMatchObject({
      note: 'Excellente soudeuse, très autonome.',
      school: { name: w.schoolA.name },
      recommendedBy: null,
    });
    expect(seen.recommendation.student.lastName).toBe(grad.lastName);
    const byStaff = await t.ok<{ recommendation: { recommendedBy: { id: string } } }>(
      GET_RECOMMENDATION,
      { id: rec.id },
      w.staffA.token,
    );
    expect(byStaff.recommendation.recommendedBy.id).toBe(w.staffA.userId);
  });

  it('at most one pending recommendation per (student, promise)', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Elsa');
    await recommend(t, w.staffA, jp.id, grad.studentId);
    const snapshot = await snapshotDatabase(t.connection);
    expect(
      await t.code(RECOMMEND, { jobPromiseId: jp.id, studentId: grad.studentId, note: 'Encore' }, w.staffA.token),
    ).toBe('CONFLICT');
    const parallel = await Promise.all(
      [1, 2, 3].map(() =>
        t.gql(RECOMMEND, { jobPromiseId: jp.id, studentId: grad.studentId, note: 'Encore' }, w.staffA.token),
      ),
    );
    expect(parallel.map((r) => r.errors?.[0]?.extensions?.['code'])).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
  });

  it('refuses other schools, non-targeted or closed promises, wrong roles and bad input, without writing', async () => {
    const jp = await openPromise(t, w.companyA);
    const jpB = await openPromise(t, w.companyB, { city: 'Marseille', location: { lat: 43.3, lng: 5.4 } });
    const closed = await openPromise(t, w.companyA);
    await t.ok(CLOSE_PROMISE, { id: closed.id }, w.companyA.token);
    const grad = await graduate('Anaïs');
    const snapshot = await snapshotDatabase(t.connection);
    const code = (vars: Record<string, unknown>, token?: string) =>
      t.code(RECOMMEND, { note: 'Très bien', ...vars }, token);
    expect(await code({ jobPromiseId: jp.id, studentId: grad.studentId }, w.staffB.token)).toBe('FORBIDDEN');
    expect(await code({ jobPromiseId: jpB.id, studentId: grad.studentId }, w.staffA.token)).toBe('FORBIDDEN');
    expect(await code({ jobPromiseId: closed.id, studentId: grad.studentId }, w.staffA.token)).toBe('CONFLICT');
    expect(await code({ jobPromiseId: UNKNOWN_ID, studentId: grad.studentId }, w.staffA.token)).toBe('NOT_FOUND');
    expect(await code({ jobPromiseId: jp.id, studentId: UNKNOWN_ID }, w.staffA.token)).toBe('NOT_FOUND');
    expect(await code({ jobPromiseId: jp.id, studentId: 'nope' }, w.staffA.token)).toBe('NOT_FOUND');
    expect(await code({ jobPromiseId: jp.id, studentId: grad.studentId, note: '  ' }, w.staffA.token)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await code({ jobPromiseId: jp.id, studentId: grad.studentId, note: 'x'.repeat(3000) }, w.staffA.token)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await t.code(RECOMMEND, { jobPromiseId: jp.id, studentId: grad.studentId }, w.staffA.token)).toBe(
      'BAD_USER_INPUT',
    );
    for (const token of [w.companyA.token, grad.token, w.admin.token]) {
      expect(await code({ jobPromiseId: jp.id, studentId: grad.studentId }, token)).toBe('FORBIDDEN');
    }
    expect(await code({ jobPromiseId: jp.id, studentId: grad.studentId })).toBe('UNAUTHENTICATED');
    expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
  });

  it('accepting creates an application with source RECOMMENDATION and notifies the recruiters; answering twice is a CONFLICT', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Mila');
    const rec = await recommend(t, w.staffA, jp.id, grad.studentId);
    expect(await t.code(RESPOND, { id: rec.id, accept: true }, w.studentA.token)).toBe('FORBIDDEN');
    expect(await t.code(RESPOND, { id: rec.id, accept: true }, w.companyA.token)).toBe('FORBIDDEN');
    expect(await t.code(RESPOND, { id: rec.id, accept: true }, w.staffA.token)).toBe('FORBIDDEN');
    expect(await t.code(RESPOND, { id: UNKNOWN_ID, accept: true }, grad.token)).toBe('NOT_FOUND');
    expect(await t.code(RESPOND, { id: rec.id, accept: 'yes' }, grad.token)).toBe('BAD_USER_INPUT');
    const data = await t.ok<{ respondToRecommendation: Rec }>(RESPOND, { id: rec.id, accept: true }, grad.token);
    const accepted = data.respondToRecommendation;
    expect(accepted.status).toBe('ACCEPTED');
    expect(accepted.respondedAt).toBeTruthy();
    expect(accepted.application).toMatchObject({ source: 'RECOMMENDATION', status: 'SUBMITTED' });
    const received = (await notificationsOf(t, w.companyA.token)).filter(
      (n) => n.type === 'APPLICATION_RECEIVED' && n.data['applicationId'] === accepted.application!.id,
    );
    expect(received).toHaveLength(1);
    expect(await t.code(RESPOND, { id: rec.id, accept: false }, grad.token)).toBe('CONFLICT');
    // Applying afterwards returns the same application.
    const again = await apply(t, grad, jp.id);
    expect(again.id).toBe(accepted.application!.id);
  });

  it('accepting after having applied links the existing application', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Rose');
    const app = await apply(t, grad, jp.id);
    const rec = await recommend(t, w.staffA, jp.id, grad.studentId);
    const data = await t.ok<{ respondToRecommendation: Rec }>(RESPOND, { id: rec.id, accept: true }, grad.token);
    expect(data.respondToRecommendation.application).toMatchObject({ id: app.id, source: 'STUDENT' });
    const stored = await t.connection
      .collection('applications')
      .countDocuments({ studentId: new Types.ObjectId(grad.studentId) });
    expect(stored).toBe(1);
    const linked = await t.connection.collection('applications').findOne({ _id: new Types.ObjectId(app.id) });
    expect(String(linked?.['recommendationId'])).toBe(rec.id);
  });

  it('declining creates nothing, and the school may recommend again later', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Jeanne');
    const rec = await recommend(t, w.staffA, jp.id, grad.studentId);
    const data = await t.ok<{ respondToRecommendation: Rec }>(RESPOND, { id: rec.id, accept: false }, grad.token);
    expect(data.respondToRecommendation).toMatchObject({ status: 'DECLINED', application: null });
    expect(
      await t.connection.collection('applications').countDocuments({ studentId: new Types.ObjectId(grad.studentId) }),
    ).toBe(0);
    const second = await recommend(t, w.staffA, jp.id, grad.studentId, 'Après réflexion, elle est prête.');
    expect(second.status).toBe('PENDING');
  });

  it('accepting once the promise is closed is a CONFLICT', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Agathe');
    const rec = await recommend(t, w.staffA, jp.id, grad.studentId);
    await t.ok(CLOSE_PROMISE, { id: jp.id }, w.companyA.token);
    expect(await t.code(RESPOND, { id: rec.id, accept: true }, grad.token)).toBe('CONFLICT');
  });

  it('myRecommendations: received (student), made by the school (staff), received by the company (recruiter)', async () => {
    const jp = await openPromise(t, w.companyA);
    const grad = await graduate('Margaux');
    const rec = await recommend(t, w.staffA, jp.id, grad.studentId);
    const mine = await t.ok<{ myRecommendations: Rec[] }>(MY_RECOMMENDATIONS, undefined, grad.token);
    expect(mine.myRecommendations.map((r) => r.id)).toEqual([rec.id]);
    const staff = await t.ok<{ myRecommendations: Rec[] }>(MY_RECOMMENDATIONS, undefined, w.staffA.token);
    expect(staff.myRecommendations[0]!.id).toBe(rec.id);
    const company = await t.ok<{ myRecommendations: Rec[] }>(MY_RECOMMENDATIONS, undefined, w.companyA.token);
    expect(company.myRecommendations[0]!.id).toBe(rec.id);
    for (const token of [w.staffB.token, w.companyB.token, w.studentA.token]) {
      const other = await t.ok<{ myRecommendations: Rec[] }>(MY_RECOMMENDATIONS, undefined, token);
      expect(other.myRecommendations.map((r) => r.id)).not.toContain(rec.id);
      expect(await t.code(GET_RECOMMENDATION, { id: rec.id }, token)).toBe('FORBIDDEN');
    }
    expect(await t.code(MY_RECOMMENDATIONS)).toBe('UNAUTHENTICATED');
  });
});
