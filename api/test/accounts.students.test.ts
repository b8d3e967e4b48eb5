import {
  createStudent,
  createWorld,
  errorCode,
  registerCompany,
  snapshotDatabase,
  withTestApp,
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

  /** An OPEN promise of the company for school A (marketplace API). */
  async function openPromise(company: { token: string }): Promise<string> {
    const day = 24 * 60 * 60 * 1000;
    const created = await t.ok<any>(
      `mutation($input: JobPromiseInput!) { createJobPromise(input: $input) { id } }`,
      {
        input: {
          title: 'Soudeur·se TIG',
          description: 'Atelier de chaudronnerie, tutorat.',
          trade: 'WELDING',
          contractType: 'APPRENTICESHIP',
          positions: 1,
          skills: [],
          city: 'Lyon',
          location: { lat: 45.76, lng: 4.84 },
          startDate: new Date(Date.now() + 10 * day).toISOString(),
          expiresAt: new Date(Date.now() + 40 * day).toISOString(),
          schoolIds: [w.schoolA.id],
        },
      },
      company.token,
    );
    await t.ok(
      `mutation($id: ID!) { publishJobPromise(id: $id) { id } }`,
      { id: created.createJobPromise.id },
      company.token,
    );
    return created.createJobPromise.id;
  }

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  describe('updateStudentProfile', () => {
    it('a student updates their own profile; absent fields are kept', async () => {
      const res = await t.ok<any>(
        UPDATE,
        {
          input: {
            trade: 'WELDING',
            diplomaLevel: 'BAC_PRO',
            skills: ['Soudure TIG', 'soudure tig', 'MIG'],
            // Near Lyon: stored at the town's centre (issue 13: minors' location at town granularity).
            location: { lat: 45.75, lng: 4.84 },
            city: 'Lyon',
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
        location: { lat: expect.closeTo(45.75, 1), lng: expect.closeTo(4.84, 1) },
        graduationDate: '2026-06-30T00:00:00.000Z',
        city: 'Lyon',
        mobilityKm: 40,
        availableFrom: '2026-07-01T00:00:00.000Z',
        school: { id: w.schoolA.id },
      });
      const mine = await t.ok<any>('{ myStudentProfile { id trade } }', undefined, w.studentA.token);
      expect(mine.myStudentProfile).toEqual({ id: w.studentA.studentId, trade: 'WELDING' });
    });

    it('staff of the student’s school update it with studentId', async () => {
      const res = await t.ok<any>(
        UPDATE,
        { input: { studentId: w.studentA.studentId, mobilityKm: 80 } },
        w.staffA.token,
      );
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
      expect(
        errorCode(await t.gql(UPDATE, { input: { studentId: w.studentA.studentId, ...fields } }, w.staffA.token)),
      ).toBe('BAD_USER_INPUT');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('unknown or malformed studentId is NOT_FOUND; staff must name the student', async () => {
      const before = await snapshotDatabase(t.connection);
      expect(
        errorCode(
          await t.gql(UPDATE, { input: { studentId: '5f0000000000000000000000', mobilityKm: 3 } }, w.staffA.token),
        ),
      ).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(UPDATE, { input: { studentId: 'zzz', mobilityKm: 3 } }, w.staffA.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(UPDATE, { input: { mobilityKm: 3 } }, w.staffA.token))).toBe('BAD_USER_INPUT');
      // A student naming someone else's profile.
      expect(
        errorCode(await t.gql(UPDATE, { input: { studentId: w.studentB.studentId, mobilityKm: 3 } }, w.studentA.token)),
      ).toBe('FORBIDDEN');
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

    it('a company sees the name once the student applied to one of its promises (and only that company)', async () => {
      // Company C partners with school A (so it can look students up) but has no link with student A yet.
      const c = await registerCompany(t);
      const req = await t.ok<any>(
        `mutation($id: ID!) { requestPartnership(schoolId: $id) { id } }`,
        { id: w.schoolA.id },
        c.token,
      );
      await t.ok(
        `mutation($id: ID!) { decidePartnership(id: $id, approve: true) { id } }`,
        { id: req.requestPartnership.id },
        w.staffA.token,
      );
      const limited = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, c.token);
      expect(limited.student).toMatchObject({
        displayName: 'Lina B.',
        lastName: null,
        email: null,
        contactVisible: false,
      });

      const jp = await openPromise(c);
      await t.ok(`mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id) { id } }`, { id: jp }, w.studentA.token);
      const res = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, c.token);
      expect(res.student).toMatchObject(full(w));
      expect(res.student.user).toBeNull();
      // Company A (partner of school A too) still gets the limited view: the link is per company.
      const a = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, w.companyA.token);
      expect(a.student).toMatchObject({ displayName: 'Lina B.', email: null, contactVisible: false });
    });

    it('a company sees the name once the school recommended the student to it', async () => {
      const jp = await openPromise(w.companyA);
      await t.ok(
        `mutation($jp: ID!, $s: ID!) { recommendGraduate(jobPromiseId: $jp, studentId: $s, note: "Très bonne élève") { id } }`,
        { jp, s: w.studentA.studentId },
        w.staffA.token,
      );
      const res = await t.ok<any>(STUDENT, { id: w.studentA.studentId }, w.companyA.token);
      expect(res.student).toMatchObject(full(w));
      // Company B has neither a partnership with school A nor a link: no way in.
      expect(errorCode(await t.gql(STUDENT, { id: w.studentA.studentId }, w.companyB.token))).toBe('FORBIDDEN');
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
