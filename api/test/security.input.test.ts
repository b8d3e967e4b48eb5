import {
  createWorld,
  createStaff,
  inviteAndAccept,
  snapshotDatabase,
  unique,
  withTestApp,
  type TestApp,
  type World,
} from './helpers';
import { APPLY, CREATE_PROMISE, openPromise, promiseInput } from './marketplace.fixtures';

// Issue 13, item 9: input hygiene in the shared zod schemas. Each case is refused with BAD_USER_INPUT and writes
// nothing; first and last names of 100 characters each are accepted (the derived displayName is not the limit).

const UPDATE_PROFILE = `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`;
const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { code } }`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token user { id displayName } } }`;

let t: TestApp;
let w: World;
withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

const BAD_TEXTS: [string, string][] = [
  ['NUL', 'Tourneur\u0000fraiseur'],
  ['lone surrogate', 'Tourneur \ud800'],
  ['invisible only', '\u200b\u200d\u2800\u3164'],
];

describe('every case gets BAD_USER_INPUT and writes nothing', () => {
  it('free texts, lengths and dates', async () => {
    const jp = (await openPromise(t, w.companyA, { title: 'Hygiène' })).id;
    const cases: { label: string; query: string; vars: Record<string, unknown>; token: string }[] = [];
    for (const [label, bad] of BAD_TEXTS) {
      cases.push({
        label: `title ${label}`,
        query: CREATE_PROMISE,
        vars: { input: promiseInput({ title: bad }) },
        token: w.companyA.token,
      });
      cases.push({
        label: `message ${label}`,
        query: APPLY,
        vars: { jobPromiseId: jp, message: bad },
        token: w.studentA.token,
      });
      cases.push({
        label: `skill ${label}`,
        query: UPDATE_PROFILE,
        vars: { input: { skills: [bad] } },
        token: w.studentA.token,
      });
    }
    cases.push({
      label: 'message of 10,000 characters',
      query: APPLY,
      vars: { jobPromiseId: jp, message: 'x'.repeat(10_000) },
      token: w.studentA.token,
    });
    cases.push({
      label: 'description of 6,000 characters',
      query: CREATE_PROMISE,
      vars: { input: promiseInput({ description: 'd'.repeat(6000) }) },
      token: w.companyA.token,
    });
    for (const date of ['2027-02-30', '2027-02-30T09:00:00Z', '2199-06-30', '1850-06-30']) {
      cases.push({
        label: `graduation ${date}`,
        query: UPDATE_PROFILE,
        vars: { input: { graduationDate: date } },
        token: w.studentA.token,
      });
    }
    cases.push({
      label: 'start in 10 years',
      query: CREATE_PROMISE,
      vars: { input: promiseInput({ startDate: `${new Date().getUTCFullYear() + 10}-01-01` }) },
      token: w.companyA.token,
    });
    cases.push({
      label: 'start 2027-02-30',
      query: CREATE_PROMISE,
      vars: { input: promiseInput({ startDate: '2027-02-30' }) },
      token: w.companyA.token,
    });

    const before = await snapshotDatabase(t.connection);
    for (const c of cases) {
      const res = await t.gql(c.query, c.vars, c.token);
      expect([c.label, res.errors?.[0]?.extensions?.['code']]).toEqual([c.label, 'BAD_USER_INPUT']);
    }
    expect(await snapshotDatabase(t.connection)).toEqual(before);
  });

  it('passwords made of one repeated character or among the most common: refused with a coded reason', async () => {
    for (const password of ['aaaaaaaaaaaa', 'password123', 'qwertyuiop']) {
      const inv = await t.ok<{ inviteUser: { code: string } }>(
        INVITE,
        { input: { email: `${unique('pw')}@promesse.test`, role: 'SCHOOL_STAFF', schoolId: w.schoolA.id } },
        w.admin.token,
      );
      const before = await snapshotDatabase(t.connection);
      const res = await t.gql(ACCEPT, {
        input: { code: inv.inviteUser.code, password, firstName: 'A', lastName: 'B' },
      });
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      const issues = JSON.stringify(res.errors?.[0]?.extensions);
      expect(issues).toMatch(/input\.password/);
      expect(issues).toMatch(password === 'aaaaaaaaaaaa' ? /répète un seul caractère/ : /plus courants/);
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    }
  });
});

it('first and last names of 100 characters each are accepted (displayName is derived, not the limit)', async () => {
  const staff = await createStaff(t, w.admin, w.schoolA.id);
  expect(staff.token).toBeTruthy();
  const first = 'É'.repeat(100);
  const last = 'L'.repeat(100);
  const actor = await inviteAndAccept(t, staff, { role: 'STUDENT' }, { firstName: first, lastName: last });
  const me = await t.ok<{ me: { displayName: string } }>(`{ me { displayName } }`, undefined, actor.token);
  expect(me.me.displayName).toBe(`${first} ${last}`);
  const res = await t.gql(ACCEPT, {
    input: { code: 'x', password: 'correct-horse-battery', firstName: 'É'.repeat(101), lastName: 'B' },
  });
  expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
});
