import { expireJobPromises, startJobPromiseExpirySweep } from '../src/modules/job-promise/job-promise.expiry';
import {
  approvePartnership,
  createStaff,
  createStudent,
  createWorld,
  registerCompany,
  setInDatabase,
  snapshotDatabase,
  withTestApp,
  type TestApp,
  type World,
} from './helpers';
import {
  apply,
  CLOSE_PROMISE,
  countDocs,
  CREATE_PROMISE,
  createPromise,
  GET_PROMISE,
  inDays,
  LIST_PROMISES,
  notificationsOf,
  openPromise,
  promiseInput,
  PUBLISH_PROMISE,
  UPDATE_PROMISE,
} from './marketplace.fixtures';
import { Types } from 'mongoose';

type Listed = {
  jobPromises: {
    edges: { cursor: string; node: { id: string; title: string; status: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  };
};

const UNKNOWN_ID = new Types.ObjectId().toHexString();

describe('job promises over HTTP', () => {
  let t: TestApp;
  let w: World;

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  const ids = async (token: string, filter?: Record<string, unknown>, first = 100) =>
    (await t.ok<Listed>(LIST_PROMISES, { filter, first }, token)).jobPromises.edges.map((e) => e.node.id);

  describe('createJobPromise', () => {
    it('drafts a promise for all approved partner schools when schoolIds is empty', async () => {
      const data = await t.ok<{ createJobPromise: Record<string, any> }>(
        CREATE_PROMISE,
        { input: promiseInput() },
        w.companyA.token,
      );
      const jp = data.createJobPromise;
      expect(jp).toMatchObject({
        title: 'Tourneur-fraiseur en CDI',
        trade: 'MACHINING',
        contractType: 'CDI',
        positions: 1,
        hiredCount: 0,
        diplomaLevel: 'CAP',
        status: 'DRAFT',
        publishedAt: null,
        location: { lat: 45.7719, lng: 4.8902 },
        company: { id: w.companyA.companyId },
      });
      expect(jp['schools']).toEqual([{ id: w.schoolA.id }]);
    });

    it('keeps explicit partner schools, refuses a non-partner school (FORBIDDEN) and an unknown one (NOT_FOUND)', async () => {
      const jp = await createPromise(t, w.companyA, { schoolIds: [w.schoolA.id] });
      expect(jp.schools).toEqual([{ id: w.schoolA.id }]);
      const before = await countDocs(t, 'jobpromises');
      expect(
        await t.code(CREATE_PROMISE, { input: promiseInput({ schoolIds: [w.schoolB.id] }) }, w.companyA.token),
      ).toBe('FORBIDDEN');
      expect(await t.code(CREATE_PROMISE, { input: promiseInput({ schoolIds: [UNKNOWN_ID] }) }, w.companyA.token)).toBe(
        'NOT_FOUND',
      );
      expect(await countDocs(t, 'jobpromises')).toBe(before);
    });

    it('refuses a company without an approved partnership, other roles and anonymous callers', async () => {
      const lonely = await registerCompany(t);
      const snapshot = await snapshotDatabase(t.connection);
      expect(await t.code(CREATE_PROMISE, { input: promiseInput() }, lonely.token)).toBe('FORBIDDEN');
      expect(await t.code(CREATE_PROMISE, { input: promiseInput() }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(CREATE_PROMISE, { input: promiseInput() }, w.staffA.token)).toBe('FORBIDDEN');
      expect(await t.code(CREATE_PROMISE, { input: promiseInput() }, w.admin.token)).toBe('FORBIDDEN');
      expect(await t.code(CREATE_PROMISE, { input: promiseInput() })).toBe('UNAUTHENTICATED');
      expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
    });

    it.each([
      ['missing title', (i: Record<string, unknown>) => ({ ...i, title: undefined })],
      ['blank title', (i: Record<string, unknown>) => ({ ...i, title: '   ' })],
      ['huge title', (i: Record<string, unknown>) => ({ ...i, title: 'x'.repeat(10_000) })],
      ['huge description', (i: Record<string, unknown>) => ({ ...i, description: 'x'.repeat(100_000) })],
      ['zero positions', (i: Record<string, unknown>) => ({ ...i, positions: 0 })],
      ['too many positions', (i: Record<string, unknown>) => ({ ...i, positions: 51 })],
      ['wrong trade enum', (i: Record<string, unknown>) => ({ ...i, trade: 'PLUMBING' })],
      ['wrong contract type', (i: Record<string, unknown>) => ({ ...i, contractType: 'FREELANCE' })],
      ['past expiresAt', (i: Record<string, unknown>) => ({ ...i, expiresAt: inDays(-1) })],
      ['expiresAt more than a year ahead', (i: Record<string, unknown>) => ({ ...i, expiresAt: inDays(400) })],
      ['malformed date', (i: Record<string, unknown>) => ({ ...i, startDate: 'next monday' })],
      ['past startDate', (i: Record<string, unknown>) => ({ ...i, startDate: inDays(-3) })],
      ['latitude out of range', (i: Record<string, unknown>) => ({ ...i, location: { lat: 200, lng: 2 } })],
      ['missing location', (i: Record<string, unknown>) => ({ ...i, location: undefined })],
      ['malformed school id', (i: Record<string, unknown>) => ({ ...i, schoolIds: ['not-an-id'] })],
      [
        'too many skills',
        (i: Record<string, unknown>) => ({ ...i, skills: Array.from({ length: 31 }, (_, k) => `s${k}`) }),
      ],
      ['string positions', (i: Record<string, unknown>) => ({ ...i, positions: 'two' })],
    ])('BAD_USER_INPUT and no write: %s', async (_label, mutate) => {
      const before = await countDocs(t, 'jobpromises');
      const res = await t.gql(CREATE_PROMISE, { input: mutate(promiseInput()) }, w.companyA.token);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(res.data?.['createJobPromise'] ?? null).toBeNull();
      expect(await countDocs(t, 'jobpromises')).toBe(before);
    });
  });

  describe('updateJobPromise', () => {
    it('edits a draft, keeps omitted fields, and refuses once published', async () => {
      const jp = await createPromise(t, w.companyA);
      const data = await t.ok<{ updateJobPromise: Record<string, unknown> }>(
        UPDATE_PROMISE,
        { input: { id: jp.id, title: 'Fraiseur CN', positions: 3 } },
        w.companyA.token,
      );
      expect(data.updateJobPromise).toMatchObject({
        title: 'Fraiseur CN',
        positions: 3,
        trade: 'MACHINING',
        status: 'DRAFT',
      });
      expect(await t.code(UPDATE_PROMISE, { input: { id: jp.id, expiresAt: inDays(-2) } }, w.companyA.token)).toBe(
        'BAD_USER_INPUT',
      );
      expect(await t.code(UPDATE_PROMISE, { input: { id: jp.id, title: 'x' } }, w.companyB.token)).toBe('FORBIDDEN');
      expect(await t.code(UPDATE_PROMISE, { input: { id: UNKNOWN_ID, title: 'x' } }, w.companyA.token)).toBe(
        'NOT_FOUND',
      );
      await t.ok(PUBLISH_PROMISE, { id: jp.id }, w.companyA.token);
      // Published: its trade (like its place, contract and schools) is fixed; its text may change (hiring.test.ts).
      expect(await t.code(UPDATE_PROMISE, { input: { id: jp.id, trade: 'WELDING' } }, w.companyA.token)).toBe(
        'CONFLICT',
      );
      const after = await t.ok<{ jobPromise: { title: string } }>(GET_PROMISE, { id: jp.id }, w.companyA.token);
      expect(after.jobPromise.title).toBe('Fraiseur CN');
    });
  });

  describe('publishJobPromise', () => {
    it('opens the draft and notifies exactly the students of targeted schools whose trade matches', async () => {
      const welder = await createStudent(t, w.staffA, { trade: 'WELDING' }, { firstName: 'Hugo', lastName: 'Petit' });
      const jp = await createPromise(t, w.companyA, {
        title: 'Usineur en apprentissage',
        contractType: 'APPRENTICESHIP',
      });
      const res = await t.ok<{ publishJobPromise: { status: string; publishedAt: string } }>(
        PUBLISH_PROMISE,
        { id: jp.id },
        w.companyA.token,
      );
      expect(res.publishJobPromise.status).toBe('OPEN');
      expect(res.publishJobPromise.publishedAt).toBeTruthy();

      const matches = (await notificationsOf(t, w.studentA.token)).filter(
        (n) => n.type === 'JOB_PROMISE_MATCH' && n.data['jobPromiseId'] === jp.id,
      );
      expect(matches).toHaveLength(1);
      expect(matches[0]!.body).toContain('Usineur en apprentissage');
      expect(matches[0]!.data).toMatchObject({ companyName: w.companyA.companyName, city: 'Villeurbanne' });
      for (const other of [welder, w.studentB]) {
        const theirs = (await notificationsOf(t, other.token)).filter((n) => n.data['jobPromiseId'] === jp.id);
        expect(theirs).toEqual([]);
      }
    });

    it('refuses a second publication, another company, unknown and malformed ids, a past expiry', async () => {
      const jp = await openPromise(t, w.companyA);
      expect(await t.code(PUBLISH_PROMISE, { id: jp.id }, w.companyA.token)).toBe('CONFLICT');
      const draft = await createPromise(t, w.companyA);
      const snapshot = await snapshotDatabase(t.connection);
      expect(await t.code(PUBLISH_PROMISE, { id: draft.id }, w.companyB.token)).toBe('FORBIDDEN');
      expect(await t.code(PUBLISH_PROMISE, { id: draft.id }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(PUBLISH_PROMISE, { id: UNKNOWN_ID }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await t.code(PUBLISH_PROMISE, { id: 'nope' }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await snapshotDatabase(t.connection)).toEqual(snapshot);
      await setInDatabase(
        t.connection,
        'jobpromises',
        { _id: new Types.ObjectId(draft.id) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      expect(await t.code(PUBLISH_PROMISE, { id: draft.id }, w.companyA.token)).toBe('CONFLICT');
    });
  });

  describe('closeJobPromise', () => {
    it('closes an open promise (owner) or a draft (admin); a closed one cannot be closed again', async () => {
      const jp = await openPromise(t, w.companyA);
      expect(await t.code(CLOSE_PROMISE, { id: jp.id }, w.companyB.token)).toBe('FORBIDDEN');
      expect(await t.code(CLOSE_PROMISE, { id: jp.id }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(CLOSE_PROMISE, { id: jp.id }, w.staffA.token)).toBe('FORBIDDEN');
      const closed = await t.ok<{ closeJobPromise: { status: string; closedAt: string } }>(
        CLOSE_PROMISE,
        { id: jp.id },
        w.companyA.token,
      );
      expect(closed.closeJobPromise.status).toBe('CLOSED');
      expect(closed.closeJobPromise.closedAt).toBeTruthy();
      expect(await t.code(CLOSE_PROMISE, { id: jp.id }, w.companyA.token)).toBe('CONFLICT');
      expect(await t.code(PUBLISH_PROMISE, { id: jp.id }, w.companyA.token)).toBe('CONFLICT');
      const draft = await createPromise(t, w.companyA);
      const byAdmin = await t.ok<{ closeJobPromise: { status: string } }>(
        CLOSE_PROMISE,
        { id: draft.id },
        w.admin.token,
      );
      expect(byAdmin.closeJobPromise.status).toBe('CLOSED');
    });
  });

  describe('visibility', () => {
    let openA: string;
    let draftA: string;
    let openB: string;
    beforeAll(async () => {
      openA = (await openPromise(t, w.companyA, { title: 'Visible A' })).id;
      draftA = (await createPromise(t, w.companyA, { title: 'Brouillon A' })).id;
      openB = (
        await openPromise(t, w.companyB, { title: 'Visible B', city: 'Marseille', location: { lat: 43.3, lng: 5.4 } })
      ).id;
    });

    it('student: OPEN promises targeting their school only', async () => {
      const seen = await ids(w.studentA.token);
      expect(seen).toContain(openA);
      expect(seen).not.toContain(draftA);
      expect(seen).not.toContain(openB);
      expect(await t.code(GET_PROMISE, { id: draftA }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(GET_PROMISE, { id: openB }, w.studentA.token)).toBe('FORBIDDEN');
      const one = await t.ok<{ jobPromise: { id: string; company: { name: string } } }>(
        GET_PROMISE,
        { id: openA },
        w.studentA.token,
      );
      expect(one.jobPromise.company.name).toBe(w.companyA.companyName);
    });

    it('company: its own, drafts included', async () => {
      const seen = await ids(w.companyA.token);
      expect(seen).toEqual(expect.arrayContaining([openA, draftA]));
      expect(seen).not.toContain(openB);
      expect(await t.code(GET_PROMISE, { id: openB }, w.companyA.token)).toBe('FORBIDDEN');
    });

    it('staff: published promises targeting their school; admin: all', async () => {
      const staff = await ids(w.staffA.token);
      expect(staff).toContain(openA);
      expect(staff).not.toContain(draftA);
      expect(staff).not.toContain(openB);
      const admin = await ids(w.admin.token);
      expect(admin).toEqual(expect.arrayContaining([openA, draftA, openB]));
    });

    it('anonymous callers and bad tokens get UNAUTHENTICATED', async () => {
      expect(await t.code(LIST_PROMISES, {})).toBe('UNAUTHENTICATED');
      expect(await t.code(GET_PROMISE, { id: openA })).toBe('UNAUTHENTICATED');
      expect(await t.code(LIST_PROMISES, {}, 'not-a-token')).toBe('UNAUTHENTICATED');
    });

    it('unknown and malformed ids are NOT_FOUND', async () => {
      expect(await t.code(GET_PROMISE, { id: UNKNOWN_ID }, w.admin.token)).toBe('NOT_FOUND');
      expect(await t.code(GET_PROMISE, { id: '42' }, w.admin.token)).toBe('NOT_FOUND');
    });
  });

  describe('listing', () => {
    let company: Awaited<ReturnType<typeof registerCompany>>;
    const made: string[] = [];
    beforeAll(async () => {
      company = await registerCompany(t);
      await approvePartnership(t, company, w.staffA);
      const specs = [
        { title: 'Soudeur TIG', trade: 'WELDING', contractType: 'CDI', skills: ['TIG', 'inox'] },
        {
          title: 'Chaudronnier en apprentissage',
          trade: 'BOILERMAKING',
          contractType: 'APPRENTICESHIP',
          skills: ['pliage'],
        },
        {
          title: 'Tourneur CDD',
          trade: 'MACHINING',
          contractType: 'CDD',
          city: 'Paris',
          location: { lat: 48.8566, lng: 2.3522 },
        },
        { title: 'Fraiseur commande numérique', trade: 'MACHINING', contractType: 'CDI', skills: ['fraisage'] },
        {
          title: 'Soudeur MIG intérim',
          trade: 'WELDING',
          contractType: 'INTERIM',
          city: 'Lille',
          location: { lat: 50.6292, lng: 3.0573 },
        },
      ];
      for (const spec of specs) made.push((await openPromise(t, company, spec)).id);
    });

    it('pages newest first with opaque cursors, without overlap', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const res: Listed = await t.ok<Listed>(LIST_PROMISES, { first: 2, after }, company.token);
        const page = res.jobPromises;
        expect(page.edges.length).toBeLessThanOrEqual(2);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...page.edges.map((e) => e.node.id));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(pages).toBe(3);
      expect(seen).toEqual([...made].reverse());
    });

    it('filters by trade, contract type, status and school', async () => {
      expect(await ids(company.token, { trade: 'WELDING' })).toEqual([made[4], made[0]]);
      expect(await ids(company.token, { contractType: 'CDI' })).toEqual([made[3], made[0]]);
      expect(await ids(company.token, { trade: 'MACHINING', contractType: 'CDD' })).toEqual([made[2]]);
      expect(await ids(company.token, { status: 'OPEN' })).toHaveLength(5);
      expect(await ids(company.token, { status: 'DRAFT' })).toEqual([]);
      expect(await ids(company.token, { schoolId: w.schoolA.id })).toHaveLength(5);
      expect(await ids(company.token, { schoolId: w.schoolB.id })).toEqual([]);
    });

    it('full-text search (French) orders by relevance and pages', async () => {
      const found = await ids(company.token, { text: 'soudeur' });
      expect(new Set(found)).toEqual(new Set([made[0], made[4]]));
      const first = await t.ok<Listed>(LIST_PROMISES, { filter: { text: 'soudeur' }, first: 1 }, company.token);
      expect(first.jobPromises.pageInfo.hasNextPage).toBe(true);
      const second = await t.ok<Listed>(
        LIST_PROMISES,
        { filter: { text: 'soudeur' }, first: 1, after: first.jobPromises.pageInfo.endCursor },
        company.token,
      );
      expect([first.jobPromises.edges[0]!.node.id, second.jobPromises.edges[0]!.node.id].sort()).toEqual(
        [made[0], made[4]].sort(),
      );
      expect(await ids(company.token, { text: 'pliage' })).toEqual([made[1]]);
      // "TIG" is in the title and skills of the first one only: it ranks above the other welder, though older.
      expect(await ids(company.token, { text: 'soudeur TIG' })).toEqual([made[0], made[4]]);
    });

    it('near: within the radius, closest first', async () => {
      const paris = await ids(company.token, { near: { lat: 48.85, lng: 2.35, radiusKm: 50 } });
      expect(paris).toEqual([made[2]]);
      const north = await ids(company.token, { near: { lat: 48.85, lng: 2.35, radiusKm: 300 } });
      expect(north).toEqual([made[2], made[4]]);
      const near2 = await t.ok<Listed>(
        LIST_PROMISES,
        { filter: { near: { lat: 48.85, lng: 2.35, radiusKm: 300 } }, first: 1 },
        company.token,
      );
      const next = await t.ok<Listed>(
        LIST_PROMISES,
        {
          filter: { near: { lat: 48.85, lng: 2.35, radiusKm: 300 } },
          first: 1,
          after: near2.jobPromises.pageInfo.endCursor,
        },
        company.token,
      );
      expect(next.jobPromises.edges.map((e) => e.node.id)).toEqual([made[4]]);
    });

    it.each([
      ['first: 0', { first: 0 }],
      ['first: 101', { first: 101 }],
      ['garbage cursor', { after: 'garbage' }],
      ['wrong enum in filter', { filter: { trade: 'PLUMBING' } }],
      ['malformed schoolId', { filter: { schoolId: 'x' } }],
      ['radius too large', { filter: { near: { lat: 45, lng: 4, radiusKm: 5000 } } }],
      ['huge text', { filter: { text: 'x'.repeat(5000) } }],
    ])('BAD_USER_INPUT: %s', async (_label, variables) => {
      expect(await t.code(LIST_PROMISES, variables, company.token)).toBe('BAD_USER_INPUT');
    });

    it('a cursor of another ordering is refused', async () => {
      const page = await t.ok<Listed>(LIST_PROMISES, { first: 1 }, company.token);
      expect(
        await t.code(
          LIST_PROMISES,
          { first: 1, after: page.jobPromises.pageInfo.endCursor, filter: { text: 'soudeur' } },
          company.token,
        ),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('expiry', () => {
    it('an overdue OPEN promise reads EXPIRED at once, is never listed as OPEN, and the sweep stores the status', async () => {
      const company = await registerCompany(t);
      const staff = await createStaff(t, w.admin, w.schoolA.id);
      await approvePartnership(t, company, staff);
      const jp = await openPromise(t, company);
      const past = new Date(Date.now() - 60_000);
      await setInDatabase(t.connection, 'jobpromises', { _id: new Types.ObjectId(jp.id) }, { expiresAt: past });

      const read = await t.ok<{ jobPromise: { status: string } }>(GET_PROMISE, { id: jp.id }, company.token);
      expect(read.jobPromise.status).toBe('EXPIRED');
      expect(await ids(company.token, { status: 'OPEN' })).not.toContain(jp.id);
      expect(await ids(company.token, { status: 'EXPIRED' })).toContain(jp.id);
      expect(await ids(w.studentA.token)).not.toContain(jp.id);
      expect(
        await t.code(
          `mutation($id: ID!) { applyToJobPromise(jobPromiseId: $id) { id } }`,
          { id: jp.id },
          w.studentA.token,
        ),
      ).toBe('CONFLICT');
      expect(await t.code(CLOSE_PROMISE, { id: jp.id }, company.token)).toBe('CONFLICT');

      expect(await expireJobPromises(t.deps, new Date())).toBeGreaterThanOrEqual(1);
      const stored = await t.connection.collection('jobpromises').findOne({ _id: new Types.ObjectId(jp.id) });
      expect(stored?.['status']).toBe('EXPIRED');
      expect(await expireJobPromises(t.deps, new Date())).toBe(0);
    });

    it('the periodic sweep runs on its own and stops', async () => {
      const jp = await openPromise(t, w.companyA);
      await setInDatabase(
        t.connection,
        'jobpromises',
        { _id: new Types.ObjectId(jp.id) },
        { expiresAt: new Date(Date.now() - 1000) },
      );
      const sweep = startJobPromiseExpirySweep(t.deps, 20);
      try {
        const deadline = Date.now() + 10_000;
        let status: unknown;
        while (Date.now() < deadline) {
          status = (await t.connection.collection('jobpromises').findOne({ _id: new Types.ObjectId(jp.id) }))?.[
            'status'
          ];
          if (status === 'EXPIRED') break;
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(status).toBe('EXPIRED');
      } finally {
        sweep.stop();
      }
    });
  });

  it('applicationCount counts applications', async () => {
    const jp = await openPromise(t, w.companyA);
    await apply(t, w.studentA, jp.id);
    const data = await t.ok<{ jobPromise: { applicationCount: number } }>(GET_PROMISE, { id: jp.id }, w.companyA.token);
    expect(data.jobPromise.applicationCount).toBe(1);
  });
});
