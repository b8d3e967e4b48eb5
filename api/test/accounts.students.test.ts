import { Types } from 'mongoose';
import {
  createStudent,
  createWorld,
  errorCode,
  registerCompany,
  snapshotDatabase,
  startTestApp,
  type TestApp,
  type World,
} from './helpers';

const UPDATE = `mutation($input: StudentProfileInput!) {
  updateStudentProfile(input: $input) {
    id firstName lastName displayName email city location { lat lng } trade diplomaLevel graduationDate skills mobilityKm availableFrom
    school { id }
  }
}`;
const STUDENT = `query($id: ID!) {
  student(id: $id) { id firstName lastName displayName email city location { lat lng } contactVisible trade diplomaLevel skills mobilityKm school { id } user { id } }
}`;

describe('accounts: students over real HTTP', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await createWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('updateStudentProfile', () => {
    it('a student updates their own profile; absent fields are kept', async () => {
      const res = await t.ok<any>(
        UPDATE,
        {
          input: {
            trade: 'WELDING',
            diplomaLevel: 'BAC_PRO',
            skills: ['Soudure TIG', 'soudure tig', 'MIG'],
            location: { lat: 45.7, lng: 4.9 },
            graduationDate: '2026-06-30',
          },
        },
        w.studentA.token,
      );
      expect(res.updateStudentProfile).toMatchObject({
        id: w.studentA.studentId,
        firstName: 'Lina',
        lastName: 'Benali',
        trade: 'WELDING',
        diplomaLevel: 'BAC_PRO',
        skills: ['Soudure TIG', 'MIG'],
        location: { lat: 45.7, lng: 4.9 },
        graduationDate: '2026-06-30T00:00:00.000Z',
        // Set by the fixture, untouched here.
        city: 'Lyon',
        mobilityKm: 40,
        availableFrom: '2026-07-01T00:00:00.000Z',
        school: { id: w.schoolA.id },
      });
      const mine = await t.ok<any>('{ myStudentProfile { id trade } }', undefined, w.studentA.token);
      expect(mine.myStudentProfile).toEqual({ id: w.studentA.studentId, trade: 'WELDING' });
    });

    it('staff of the student’s school update it with studentId', async () => {
      const res = await t.ok<any>(UPDATE, { input: { studentId: w.studentA.studentId, mobilityKm: 80 } }, w.staffA.token);
      expect(res.updateStudentProfile).toMatchObject({ id: w.studentA.studentId, mobilityKm: 80, trade: 'WELDING' });
    });

    it('refuses other schools’ staff, other students, recruiters, the admin and anonymous callers, writing nothing', async () => {
      const before = await snapshotDatabase(t.connection);
      const input = { studentId: w.studentA.studentId, mobilityKm: 1 };
      expect(errorCode(await t.gql(UPDATE, { input }, w.staffB.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(UPDATE, { input }, w.studentB.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(UPDATE, { input }, w.companyA.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(UPDATE, { input }, w.admin.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(UPDATE, { input }))).toBe('UNAUTHENTICATED');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it.each([
      ['an unknown trade', { trade: 'ASTRONAUT' }],
      ['an unknown diploma', { diplomaLevel: 'PHD' }],
      ['a negative mobility', { mobilityKm: -1 }],
      ['a mobility over 500 km', { mobilityKm: 501 }],
      ['a decimal mobility', { mobilityKm: 2.5 }],
      ['an impossible date', { graduationDate: '2026-02-30' }],
      ['a date that is not one', { availableFrom: 'next summer' }],
      ['31 skills', { skills: Array.from({ length: 31 }, (_, i) => `skill ${i}`) }],
      ['a 51-character skill', { skills: ['x'.repeat(51)] }],
      ['a ~1 MB city', { city: 'x'.repeat(1_000_000) }],
      ['a latitude of -91', { location: { lat: -91, lng: 0 } }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, fields) => {
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(UPDATE, { input: fields }, w.studentA.token))).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(UPDATE, { input: { studentId: w.studentA.studentId, ...fields } }, w.staffA.token))).toBe('BAD_USER_INPUT');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('unknown or malformed studentId is NOT_FOUND; staff must name the student', async () => {
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(UPDATE, { input: { studentId: '5f0000000000000000000000', mobilityKm: 3 } }, w.staffA.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(UPDATE, { input: { studentId: 'zzz', mobilityKm: 3 } }, w.staffA.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(UPDATE, { input: { mobilityKm: 3 } }, w.staffA.token))).toBe('BAD_USER_INPUT');
      // A student naming someone else's profile.
      expect(errorCode(await t.gql(UPDATE, { input: { studentId: w.studentB.studentId, mobilityKm: 3 } }, w.studentA.token))).toBe('FORBIDDEN');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });
  });

  describe('privacy of minors', () => {
    const full = (w: World) => ({
      firstName: 'Lina',
      lastName: 'Benali',
      displayName: 'Lina Benali',
      email: w.studentA.email,
      city: 'Lyon',
      contactVisible: true,
    });

    it('the student, their school’s staff and the admin see everything', async () => {
      for (const actor of [w.studentA, w.staffA, w.admin]) {
        const res = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, actor.token);
        expect(res.student).toMatchObject({ ...full(w), user: { id: w.studentA.userId } });
      }
    });

    it('a partner company sees first name + initial and no contact until the student applied or was recommended', async () => {
      const res = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, w.companyA.token);
      expect(res.student).toMatchObject({
        id: w.studentA.studentId,
        firstName: 'Lina',
        lastName: null,
        displayName: 'Lina B.',
        email: null,
        city: null,
        location: null,
        contactVisible: false,
        user: null,
        trade: 'WELDING',
        school: { id: w.schoolA.id },
      });
      expect(JSON.stringify(res)).not.toContain('Benali');
      expect(JSON.stringify(res)).not.toContain(w.studentA.email);
    });

    it('a company sees the name once an application or a recommendation links them (and only that company)', async () => {
      // Marketplace documents (applications / recommendations carry companyId and studentId, see DOMAIN.md).
      const other = await registerCompany(t);
      await t.connection.collection('applications').insertOne({
        _id: new Types.ObjectId(),
        jobPromiseId: new Types.ObjectId(),
        studentId: new Types.ObjectId(w.studentA.studentId),
        companyId: new Types.ObjectId(w.companyA.companyId),
        schoolId: new Types.ObjectId(w.schoolA.id),
        status: 'SUBMITTED',
      });
      const res = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, w.companyA.token);
      expect(res.student).toMatchObject(full(w));
      expect(res.student.user).toBeNull();
      // The other company still has no way in (no partnership with school A, no application).
      expect(errorCode(await t.gql(STUDENT, { id: w.studentA.studentId }, other.token))).toBe('FORBIDDEN');
      await t.connection.collection('recommendations').insertOne({
        _id: new Types.ObjectId(),
        jobPromiseId: new Types.ObjectId(),
        studentId: new Types.ObjectId(w.studentA.studentId),
        companyId: new Types.ObjectId(other.companyId),
        schoolId: new Types.ObjectId(w.schoolA.id),
        status: 'PENDING',
      });
      const viaRecommendation = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, other.token);
      expect(viaRecommendation.student).toMatchObject(full(w));
      await t.connection.collection('applications').deleteMany({});
      await t.connection.collection('recommendations').deleteMany({});
    });

    it('other students, other schools’ staff and non-partner companies cannot look the student up', async () => {
      for (const actor of [w.studentB, w.staffB, w.companyB]) {
        const res = await t.gql<any>(STUDENT, { id: w.studentA.studentId }, actor.token);
        expect(errorCode(res)).toBe('FORBIDDEN');
        expect(JSON.stringify(res)).not.toContain('Benali');
      }
      expect(errorCode(await t.gql(STUDENT, { id: w.studentA.studentId }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(STUDENT, { id: '5f0000000000000000000000' }, w.admin.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(STUDENT, { id: 'bad' }, w.admin.token))).toBe('NOT_FOUND');
    });

    it('a list of students costs the same number of database operations whatever its length (loaders)', async () => {
      const query = `query($id: ID!) { school(id: $id) { students { displayName contactVisible email school { name } user { email } } } }`;
      let ops = 0;
      const measure = async () => {
        ops = 0;
        t.connection.set('debug', () => {
          ops += 1;
        });
        try {
          return await t.ok<any>(query, { id: w.schoolA.id }, w.staffA.token);
        } finally {
          t.connection.set('debug', false);
        }
      };
      const small = await measure();
      const smallOps = ops;
      for (let i = 0; i < 5; i++) await createStudent(t, w.staffA, {}, { firstName: `Élève${i}`, lastName: `Nom${i}` });
      const large = await measure();
      expect(large.school.students.length).toBe(small.school.students.length + 5);
      expect(large.school.students.every((s: any) => s.contactVisible && s.email && s.user.email)).toBe(true);
      expect(ops).toBe(smallOps);
      expect(ops).toBeLessThanOrEqual(6);
    });
  });
});
