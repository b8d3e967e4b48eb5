import { isValidSiret } from '@promesse/shared';
import { seedDemo, DEMO_ACCOUNTS } from '../src/seed/demo.seed';
import { DEMO_COMPANIES, DEMO_SCHOOLS, DEMO_STUDENTS, demoSiret } from '../src/seed/demo.data';
import { logIn, startTestApp, type TestApp } from './helpers';
import { LIST_PROMISES, MY_APPLICATIONS, MY_RECOMMENDATIONS, notificationsOf } from './marketplace.fixtures';

jest.setTimeout(120_000);

const COLLECTIONS = [
  'users',
  'schools',
  'companies',
  'partnerships',
  'students',
  'jobpromises',
  'applications',
  'recommendations',
  'notifications',
  'exitoutcomerecords',
  'examresults',
  'ledgerentries',
];

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of COLLECTIONS) out[name] = await t.connection.collection(name).countDocuments();
  out['alumni'] = await t.connection.collection('users').countDocuments({ email: /^ancien\./ });
  return out;
}

describe('demo seed', () => {
  let t: TestApp;
  let first: Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp();
    const result = await seedDemo(t.deps);
    expect(result.seeded).toBe(true);
    first = await counts(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('loads the network: schools, staff, companies with valid SIRETs and approved partnerships, students, promises', () => {
    expect(first['schools']).toBe(DEMO_SCHOOLS.length);
    expect(first['companies']).toBe(DEMO_COMPANIES.length);
    // Plus the alumni of the last three summers (8 to 15 per school and year), whose outcomes feed the dashboards.
    const alumni = first['alumni']!;
    expect(alumni).toBeGreaterThanOrEqual(DEMO_SCHOOLS.length * 3 * 8);
    expect(alumni).toBeLessThanOrEqual(DEMO_SCHOOLS.length * 3 * 15);
    expect(first['students']).toBe(DEMO_STUDENTS.length + alumni);
    expect(first['users']).toBe(1 + DEMO_SCHOOLS.length + DEMO_COMPANIES.length + DEMO_STUDENTS.length + alumni);
    expect(first['jobpromises']).toBe(DEMO_COMPANIES.reduce((n, c) => n + c.promises.length, 0));
    expect(first['applications']).toBeGreaterThanOrEqual(6);
    expect(first['recommendations']).toBe(2);
    expect(first['notifications']).toBeGreaterThan(0);
    for (const c of DEMO_COMPANIES) expect(isValidSiret(demoSiret(c.siretBase))).toBe(true);
  });

  it('draws the alumni outcomes around the network’s headline figures, recorded through the outcome services', async () => {
    expect(first['exitoutcomerecords']).toBeGreaterThan(0);
    const { publicOutcomeStats: s } = await t.ok(
      `{ publicOutcomeStats { graduates examSuccessRate positiveOutcomeRate employedWithinTwoMonthsRate
        continuingStudiesRate promisesPerGraduate { mean } byCohort { cohort graduates } } }`,
    );
    expect(s.graduates).toBeGreaterThan(first['alumni']! - 1);
    expect(s.examSuccessRate).toBeGreaterThan(0.8);
    expect(s.positiveOutcomeRate).toBeGreaterThan(0.8);
    expect(s.employedWithinTwoMonthsRate).toBeGreaterThan(0.4);
    expect(s.employedWithinTwoMonthsRate).toBeLessThan(0.7);
    expect(s.continuingStudiesRate).toBeGreaterThan(0.25);
    expect(s.promisesPerGraduate.mean).toBeGreaterThan(3.5);
    expect(s.byCohort.length).toBeGreaterThanOrEqual(4);
  });

  it('is idempotent: a second run, and a run after a crash before the final flag, change nothing', async () => {
    expect((await seedDemo(t.deps)).seeded).toBe(false);
    expect(await counts(t)).toEqual(first);
    await t.connection.collection('meta').deleteOne({ _id: 'demoSeeded' as never });
    expect((await seedDemo(t.deps)).seeded).toBe(true);
    expect(await counts(t)).toEqual(first);
  });

  it('every listed demo account logs in with its password', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await t.gql(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { token } }`, {
        e: account.email,
        p: account.password,
      });
      expect([account.email, res.errors?.[0]?.message ?? 'ok']).toEqual([account.email, 'ok']);
    }
  });

  it('the demo tells a story: Lina sees open promises of her school and her application; Yanis has a recommendation', async () => {
    const lina = await logIn(t, 'lina.martin@eleve.promesse.demo', 'promesse-demo-2026');
    const list = await t.ok<{ jobPromises: { edges: { node: { title: string; status: string } }[] } }>(
      LIST_PROMISES,
      { filter: { trade: 'WELDING' } },
      lina,
    );
    expect(list.jobPromises.edges.map((e) => e.node.title)).toEqual(
      expect.arrayContaining(['Soudeur·se TIG inox', 'Soudeur·se MIG/MAG en CDD']),
    );
    const apps = await t.ok<{ myApplications: { status: string }[] }>(MY_APPLICATIONS, undefined, lina);
    expect(apps.myApplications.map((a) => a.status)).toEqual(['SHORTLISTED']);
    expect((await notificationsOf(t, lina)).map((n) => n.type)).toEqual(
      expect.arrayContaining(['JOB_PROMISE_MATCH', 'APPLICATION_STATUS_CHANGED']),
    );
    const yanis = await logIn(t, 'yanis.bernard@eleve.promesse.demo', 'promesse-demo-2026');
    const recs = await t.ok<{ myRecommendations: { status: string; note: string }[] }>(
      MY_RECOMMENDATIONS,
      undefined,
      yanis,
    );
    expect(recs.myRecommendations).toEqual([expect.objectContaining({ status: 'PENDING' })]);
    const staff = await logIn(t, 'staff.chalon@promesse.demo', 'promesse-demo-2026');
    const staffList = await t.ok<{ jobPromises: { edges: unknown[] } }>(LIST_PROMISES, {}, staff);
    expect(staffList.jobPromises.edges.length).toBeGreaterThanOrEqual(3);
  });
});
