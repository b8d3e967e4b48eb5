import {
  createAdmin,
  createSchool,
  createStaff,
  createStudent,
  errorCode,
  registerCompany,
  snapshotDatabase,
  startTestApp,
  type Actor,
  type CompanyFixture,
  type SchoolFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
} from './helpers';

const CREATE_SCHOOL = `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id name city location { lat lng } trades } }`;
const SCHOOL = `query($id: ID!) { school(id: $id) { id name city trades } }`;
const SCHOOL_MEMBERS = `query($id: ID!) { school(id: $id) { id students { id firstName lastName } staff { id email } } }`;
const REQUEST = `mutation($schoolId: ID!) { requestPartnership(schoolId: $schoolId) { id status requestedAt decidedAt company { id name } school { id name } } }`;
const DECIDE = `mutation($id: ID!, $approve: Boolean!) { decidePartnership(id: $id, approve: $approve) { id status decidedAt } }`;
const PARTNERSHIPS = `query($status: PartnershipStatus) { partnerships(status: $status) { id status company { id } school { id } } }`;
const NOTIFS = `{ notifications(first: 50) { edges { node { type title body data { partnershipId companyName schoolName status } } } } }`;

const schoolInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'École de Production de Lyon',
  city: 'Lyon',
  location: { lat: 45.764, lng: 4.8357 },
  trades: ['MACHINING', 'WELDING', 'MACHINING'],
  ...overrides,
});

describe('accounts: schools, companies and partnerships over real HTTP', () => {
  let t: TestApp;
  let admin: Actor;
  let school: SchoolFixture;
  let otherSchool: SchoolFixture;
  let staff: StaffFixture;
  let staff2: StaffFixture;
  let otherStaff: StaffFixture;
  let student: StudentFixture;
  let company: CompanyFixture;
  let otherCompany: CompanyFixture;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createAdmin(t);
    school = await createSchool(t, admin, { name: 'École A' });
    otherSchool = await createSchool(t, admin, { name: 'École B', city: 'Marseille' });
    staff = await createStaff(t, admin, school.id);
    staff2 = await createStaff(t, admin, school.id);
    otherStaff = await createStaff(t, admin, otherSchool.id);
    student = await createStudent(t, staff);
    company = await registerCompany(t, { companyName: 'Fonderie Rhône' });
    otherCompany = await registerCompany(t, { companyName: 'Chaudronnerie Sud' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('createSchool / schools / school', () => {
    it('the admin creates a school (duplicate trades dropped); it is public', async () => {
      const res = await t.ok<any>(CREATE_SCHOOL, { input: schoolInput() }, admin.token);
      expect(res.createSchool).toMatchObject({
        name: 'École de Production de Lyon',
        city: 'Lyon',
        location: { lat: 45.764, lng: 4.8357 },
        trades: ['MACHINING', 'WELDING'],
      });
      const anonymous = await t.ok<any>(SCHOOL, { id: res.createSchool.id });
      expect(anonymous.school.name).toBe('École de Production de Lyon');
      const list = await t.ok<any>('{ schools { id name } }');
      expect(list.schools.map((s: { id: string }) => s.id)).toContain(res.createSchool.id);
      // Sorted by name.
      const names = list.schools.map((s: { name: string }) => s.name);
      expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it.each([
      ['no trades', { trades: [] }],
      ['an unknown trade', { trades: ['ASTRONAUT'] }],
      ['a blank name', { name: '  ' }],
      ['a ~1 MB name', { name: 'é'.repeat(400_000) }],
      ['a longitude of 200', { location: { lat: 45, lng: 200 } }],
      ['a missing location', { location: undefined }],
      ['a string latitude', { location: { lat: '45', lng: 4 } }],
    ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, overrides) => {
      const before = await snapshotDatabase(t.connection);
      const input = schoolInput(overrides);
      expect(errorCode(await t.gql(CREATE_SCHOOL, { input }, admin.token))).toBe('BAD_USER_INPUT');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('refuses createSchool to anyone but the admin', async () => {
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(CREATE_SCHOOL, { input: schoolInput() }))).toBe('UNAUTHENTICATED');
      for (const actor of [staff, student, company]) {
        expect(errorCode(await t.gql(CREATE_SCHOOL, { input: schoolInput() }, actor.token))).toBe('FORBIDDEN');
      }
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('answers NOT_FOUND for an unknown or malformed school id', async () => {
      expect(errorCode(await t.gql(SCHOOL, { id: '5f0000000000000000000000' }))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(SCHOOL, { id: 'not-an-id' }))).toBe('NOT_FOUND');
    });

    it('shows students and staff to the school’s staff and the admin only', async () => {
      for (const actor of [staff, admin]) {
        const res = await t.ok<any>(SCHOOL_MEMBERS, { id: school.id }, actor.token);
        expect(res.school.students).toEqual([
          { id: student.studentId, firstName: student.firstName, lastName: student.lastName },
        ]);
        expect(res.school.staff.map((u: { id: string }) => u.id).sort()).toEqual([staff.userId, staff2.userId].sort());
      }
      for (const [token, code] of [
        [undefined, 'UNAUTHENTICATED'],
        [otherStaff.token, 'FORBIDDEN'],
        [student.token, 'FORBIDDEN'],
        [company.token, 'FORBIDDEN'],
      ] as const) {
        const res = await t.gql<any>(SCHOOL_MEMBERS, { id: school.id }, token);
        expect(res.data?.school).toEqual({ id: school.id, students: null, staff: null });
        expect(res.errors?.map((e) => e.extensions?.['code'])).toEqual([code, code]);
      }
    });
  });

  describe('requestPartnership / decidePartnership', () => {
    it('a recruiter asks, every staff member of the school is notified, a repeat returns the same request', async () => {
      const res = await t.ok<any>(REQUEST, { schoolId: school.id }, company.token);
      expect(res.requestPartnership).toMatchObject({
        status: 'PENDING',
        decidedAt: null,
        company: { id: company.companyId, name: 'Fonderie Rhône' },
        school: { id: school.id, name: 'École A' },
      });
      for (const s of [staff, staff2]) {
        const n = await t.ok<any>(NOTIFS, undefined, s.token);
        expect(n.notifications.edges.map((e: any) => e.node)).toEqual([
          {
            type: 'PARTNERSHIP_REQUESTED',
            title: 'Demande de partenariat',
            body: 'Fonderie Rhône demande à devenir partenaire de l’École A.',
            data: {
              partnershipId: res.requestPartnership.id,
              companyName: 'Fonderie Rhône',
              schoolName: 'École A',
              status: null,
            },
          },
        ]);
      }
      const otherNotifs = await t.ok<any>(NOTIFS, undefined, otherStaff.token);
      expect(otherNotifs.notifications.edges).toEqual([]);

      const before = await snapshotDatabase(t.connection);
      const again = await t.ok<any>(REQUEST, { schoolId: school.id }, company.token);
      expect(again.requestPartnership.id).toBe(res.requestPartnership.id);
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('staff of another school cannot decide it; staff of the school approve it and recruiters are notified', async () => {
      const [pending] = (await t.ok<any>(PARTNERSHIPS, { status: 'PENDING' }, company.token)).partnerships;
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(DECIDE, { id: pending.id, approve: true }, otherStaff.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECIDE, { id: pending.id, approve: true }, company.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECIDE, { id: pending.id, approve: true }, admin.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(DECIDE, { id: pending.id, approve: true }))).toBe('UNAUTHENTICATED');
      expect(await snapshotDatabase(t.connection)).toEqual(before);

      const decided = await t.ok<any>(DECIDE, { id: pending.id, approve: true }, staff.token);
      expect(decided.decidePartnership).toMatchObject({
        id: pending.id,
        status: 'APPROVED',
        decidedAt: expect.any(String),
      });
      const n = await t.ok<any>(NOTIFS, undefined, company.token);
      expect(n.notifications.edges[0].node).toEqual({
        type: 'PARTNERSHIP_DECIDED',
        title: 'Partenariat accepté',
        body: 'École A a accepté votre partenariat. Vous pouvez publier des promesses pour ses élèves.',
        data: { partnershipId: pending.id, companyName: null, schoolName: 'École A', status: 'APPROVED' },
      });
    });

    it('a decided partnership cannot be decided again (CONFLICT) and an approved one cannot be re-requested', async () => {
      const [approved] = (await t.ok<any>(PARTNERSHIPS, { status: 'APPROVED' }, company.token)).partnerships;
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(DECIDE, { id: approved.id, approve: false }, staff2.token))).toBe('CONFLICT');
      expect(errorCode(await t.gql(REQUEST, { schoolId: school.id }, company.token))).toBe('CONFLICT');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('a rejected request can be asked again (back to PENDING, staff notified again)', async () => {
      const req = await t.ok<any>(REQUEST, { schoolId: otherSchool.id }, otherCompany.token);
      const rejected = await t.ok<any>(DECIDE, { id: req.requestPartnership.id, approve: false }, otherStaff.token);
      expect(rejected.decidePartnership.status).toBe('REJECTED');
      const n = await t.ok<any>(NOTIFS, undefined, otherCompany.token);
      expect(n.notifications.edges[0].node).toMatchObject({
        title: 'Partenariat refusé',
        data: { status: 'REJECTED' },
      });
      const again = await t.ok<any>(REQUEST, { schoolId: otherSchool.id }, otherCompany.token);
      expect(again.requestPartnership).toMatchObject({
        id: req.requestPartnership.id,
        status: 'PENDING',
        decidedAt: null,
      });
      expect(new Date(again.requestPartnership.requestedAt).getTime()).toBeGreaterThan(
        new Date(req.requestPartnership.requestedAt).getTime(),
      );
      const staffNotifs = await t.ok<any>(NOTIFS, undefined, otherStaff.token);
      expect(staffNotifs.notifications.edges.filter((e: any) => e.node.type === 'PARTNERSHIP_REQUESTED')).toHaveLength(
        2,
      );
    });

    it('two staff deciding at once: one wins, the other gets CONFLICT; one notification per recruiter', async () => {
      const fresh = await registerCompany(t);
      const req = await t.ok<any>(REQUEST, { schoolId: school.id }, fresh.token);
      const results = await Promise.all([
        t.gql(DECIDE, { id: req.requestPartnership.id, approve: true }, staff.token),
        t.gql(DECIDE, { id: req.requestPartnership.id, approve: false }, staff2.token),
      ]);
      expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
      const n = await t.ok<any>(NOTIFS, undefined, fresh.token);
      expect(n.notifications.edges.filter((e: any) => e.node.type === 'PARTNERSHIP_DECIDED')).toHaveLength(1);
    });

    it('unknown or malformed ids are NOT_FOUND and write nothing; roles other than recruiter cannot request', async () => {
      const before = await snapshotDatabase(t.connection);
      expect(errorCode(await t.gql(REQUEST, { schoolId: '5f0000000000000000000000' }, company.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(REQUEST, { schoolId: 'nope' }, company.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(DECIDE, { id: '5f0000000000000000000000', approve: true }, staff.token))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await t.gql(DECIDE, { id: 'x'.repeat(100_000), approve: true }, staff.token))).toBe(
        'BAD_USER_INPUT', // an id longer than any id is refused by the input schema (length limit)
      );
      expect(errorCode(await t.gql(DECIDE, { id: '5f0000000000000000000000', approve: 'yes' }, staff.token))).toBe(
        'BAD_USER_INPUT',
      );
      for (const actor of [staff, student, admin]) {
        expect(errorCode(await t.gql(REQUEST, { schoolId: school.id }, actor.token))).toBe('FORBIDDEN');
      }
      expect(errorCode(await t.gql(REQUEST, { schoolId: school.id }))).toBe('UNAUTHENTICATED');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('partnerships: recruiter sees its company’s, staff their school’s, the admin all; a wrong status is BAD_USER_INPUT', async () => {
      const mine = (await t.ok<any>(PARTNERSHIPS, {}, company.token)).partnerships;
      expect(mine.every((p: any) => p.company.id === company.companyId)).toBe(true);
      const theirs = (await t.ok<any>(PARTNERSHIPS, {}, otherStaff.token)).partnerships;
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.every((p: any) => p.school.id === otherSchool.id)).toBe(true);
      const all = (await t.ok<any>(PARTNERSHIPS, {}, admin.token)).partnerships;
      expect(all.length).toBe(await t.connection.collection('partnerships').countDocuments());
      expect(errorCode(await t.gql(PARTNERSHIPS, {}, student.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(PARTNERSHIPS, { status: 'MAYBE' }, admin.token))).toBe('BAD_USER_INPUT');
    });
  });

  describe('Company', () => {
    const COMPANY = `query($id: ID!) { company(id: $id) { id name city siret contactName partnerships { school { id } } } }`;

    it('shows the SIRET and contact to its recruiters, the admin and staff of a school it asked; not to others', async () => {
      for (const actor of [company, admin, staff]) {
        const res = await t.ok<any>(COMPANY, { id: company.companyId }, actor.token);
        expect(res.company).toMatchObject({
          name: 'Fonderie Rhône',
          siret: company.siret,
          contactName: 'Nadia Lefèvre',
        });
      }
      for (const actor of [otherCompany, otherStaff, student]) {
        const res = await t.ok<any>(COMPANY, { id: company.companyId }, actor.token);
        expect(res.company).toMatchObject({ name: 'Fonderie Rhône', siret: null, contactName: null, partnerships: [] });
      }
      expect(errorCode(await t.gql(COMPANY, { id: company.companyId }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(COMPANY, { id: '5f0000000000000000000000' }, admin.token))).toBe('NOT_FOUND');
    });

    it('myCompany is for recruiters only', async () => {
      expect((await t.ok<any>('{ myCompany { id } }', undefined, company.token)).myCompany.id).toBe(company.companyId);
      expect(errorCode(await t.gql('{ myCompany { id } }', undefined, staff.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql('{ myCompany { id } }'))).toBe('UNAUTHENTICATED');
    });
  });
});
