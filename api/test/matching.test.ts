import { Types } from 'mongoose';
import {
  findBlockingPairs,
  MATCHING_CRITERIA,
  MATCHING_WEIGHTS,
  OUT_OF_RADIUS_FACTOR,
  scoreMatch,
  validateMatching,
  type MatchingCriterion,
} from '@promesse/shared';
import {
  approvePartnership,
  createSchool,
  createStaff,
  createStudent,
  createWorld,
  registerCompany,
  snapshotDatabase,
  withTestApp,
  type CompanyFixture,
  type StaffFixture,
  type StudentFixture,
  type TestApp,
  type World,
} from './helpers';
import {
  apply,
  countDocs,
  createPromise,
  move,
  notificationsOf,
  offer,
  openPromise,
  recommend,
} from './marketplace.fixtures';

// Matching over real HTTP against the embedded engine: hand-built cases whose ranking is known, visibility of
// promises for students (matching and jobPromises with every filter), the school-mediated matching round
// (stable: no blocking pair; confirmation creates recommendations and notifications), authorization.

const UNKNOWN_ID = new Types.ObjectId().toHexString();

const STUDENT_MATCHES = `query($first: Int) { matchingJobPromises(first: $first) {
  score reasons distanceKm outOfRadius
  components { trade distance diploma availability skills schoolHistory }
  jobPromise { id title status schools { id } } } }`;

const GRADUATE_MATCHES = `query($id: ID!, $first: Int) { matchingGraduates(jobPromiseId: $id, first: $first) {
  score reasons outOfRadius
  components { trade distance diploma availability skills schoolHistory }
  student { id firstName lastName displayName email city contactVisible trade diplomaLevel skills availableFrom school { id } } } }`;

const LIST = `query($filter: JobPromiseFilter, $first: Int) { jobPromises(filter: $filter, first: $first) {
  edges { node { id status schools { id } } } } }`;

const ROUND_FIELDS = `id status jobPromiseCount minScore note confirmedAt confirmedBy { id } createdBy { id } school { id }
  students { id } unmatchedStudents { id }
  pairs { score reasons student { id } jobPromise { id } }
  recommendations { id status student { id } jobPromise { id } }
  skipped { reason student { id } jobPromise { id } }`;
const PROPOSE = `mutation($studentIds: [ID!]!, $jobPromiseIds: [ID!], $minScore: Float) {
  proposeMatchingRound(studentIds: $studentIds, jobPromiseIds: $jobPromiseIds, minScore: $minScore) { ${ROUND_FIELDS} } }`;
const CONFIRM = `mutation($roundId: ID!, $pairs: [MatchingPairInput!], $note: String) {
  confirmMatchingRound(roundId: $roundId, pairs: $pairs, note: $note) { ${ROUND_FIELDS} } }`;
const ROUNDS = `{ matchingRounds { id status } }`;
const ROUND = `query($id: ID!) { matchingRound(id: $id) { id status } }`;

type Components = Record<MatchingCriterion, number>;
interface StudentMatch {
  score: number;
  reasons: string[];
  distanceKm: number | null;
  outOfRadius: boolean;
  components: Components;
  jobPromise: { id: string; title: string; status: string; schools: { id: string }[] };
}
interface GraduateMatch {
  score: number;
  reasons: string[];
  outOfRadius: boolean;
  components: Components;
  student: {
    id: string;
    firstName: string;
    lastName: string | null;
    displayName: string;
    email: string | null;
    city: string | null;
    contactVisible: boolean;
    trade: string | null;
    diplomaLevel: string | null;
    skills: string[];
    availableFrom: string | null;
    school: { id: string };
  };
}
interface Round {
  id: string;
  status: string;
  jobPromiseCount: number;
  minScore: number | null;
  note: string | null;
  confirmedAt: string | null;
  confirmedBy: { id: string } | null;
  createdBy: { id: string } | null;
  school: { id: string };
  students: { id: string }[];
  unmatchedStudents: { id: string }[];
  pairs: { score: number; reasons: string[]; student: { id: string }; jobPromise: { id: string } }[];
  recommendations: { id: string; status: string; student: { id: string }; jobPromise: { id: string } }[];
  skipped: { reason: string; student: { id: string }; jobPromise: { id: string } }[];
}

/** Σ weight × component: the score before the out-of-radius factor. */
const weighted = (c: Components) => MATCHING_CRITERIA.reduce((sum, k) => sum + MATCHING_WEIGHTS[k] * c[k], 0);

// Places around Lyon (the world's school A and its student are in Lyon).
const LYON_EAST = { lat: 45.7719, lng: 4.8902 }; // ~3 km from the student
const VIENNE = { lat: 45.525, lng: 4.874 }; // ~25 km
const GRENOBLE = { lat: 45.188, lng: 5.724 }; // ~95 km: out of a 40 km radius

describe('matching over HTTP', () => {
  let t: TestApp;
  let w: World;

  withTestApp(createWorld, (app) => ({ t, fixtures: w } = app));

  const studentMatches = async (token: string, first = 100) =>
    (await t.ok<{ matchingJobPromises: StudentMatch[] }>(STUDENT_MATCHES, { first }, token)).matchingJobPromises;
  const graduateMatches = async (token: string, id: string, first = 100) =>
    (await t.ok<{ matchingGraduates: GraduateMatch[] }>(GRADUATE_MATCHES, { id, first }, token)).matchingGraduates;

  describe('matchingJobPromises (student)', () => {
    const p: Record<string, string> = {};

    beforeAll(async () => {
      // w.studentA: MACHINING, CAP, Lyon (45.75, 4.85), 40 km, skills tournage + fraisage, available 2026-07-01.
      p.sameNear = (await openPromise(t, w.companyA, { title: 'Tourneur à Lyon', location: LYON_EAST })).id;
      p.relatedFar = (
        await openPromise(t, w.companyA, {
          title: 'Soudeur à Vienne',
          trade: 'WELDING',
          city: 'Vienne',
          location: VIENNE,
          skills: ['soudure TIG'],
        })
      ).id;
      p.outOfRadius = (
        await openPromise(t, w.companyA, { title: 'Tourneur à Grenoble', city: 'Grenoble', location: GRENOBLE })
      ).id;
      p.unrelated = (
        await openPromise(t, w.companyA, { title: 'Commis de cuisine', trade: 'CATERING', location: LYON_EAST })
      ).id;
      p.draft = (await createPromise(t, w.companyA, { title: 'Tourneur (brouillon)', location: LYON_EAST })).id;
      // Company B's promise targets school B only, though it is in Lyon and of the same trade.
      p.otherSchool = (await openPromise(t, w.companyB, { title: 'Tourneur pour l’école B', location: LYON_EAST })).id;
    });

    it('ranks same trade nearby above related trade farther, and out-of-radius last; unrelated trades are not candidates', async () => {
      const matches = await studentMatches(w.studentA.token);
      expect(matches.map((m) => m.jobPromise.id)).toEqual([p.sameNear, p.relatedFar, p.outOfRadius]);
      const [same, related, out] = matches as [StudentMatch, StudentMatch, StudentMatch];
      expect(same.components.trade).toBe(1);
      expect(related.components.trade).toBe(0.5);
      expect(same.reasons.some((r) => r.startsWith('Même métier'))).toBe(true);
      expect(related.reasons.some((r) => r.startsWith('Métier proche') && !r.includes('ROME'))).toBe(true);
      expect(same.reasons).toContain('Entreprise partenaire de votre école');
      expect(same.score).toBeGreaterThan(related.score);
      expect(related.score).toBeGreaterThan(out.score);
      expect(same.distanceKm!).toBeLessThan(5);
      expect(related.distanceKm!).toBeGreaterThan(20);
      expect(same.outOfRadius).toBe(false);
      expect(related.outOfRadius).toBe(false);
    });

    it('penalises out-of-radius promises as documented: distance component 0 and the score halved', async () => {
      const out = (await studentMatches(w.studentA.token)).find((m) => m.jobPromise.id === p.outOfRadius)!;
      expect(out.outOfRadius).toBe(true);
      expect(out.distanceKm!).toBeGreaterThan(40);
      expect(out.components.distance).toBe(0);
      expect(out.score).toBeCloseTo(OUT_OF_RADIUS_FACTOR * weighted(out.components), 3);
      expect(out.reasons.some((r) => r.startsWith('Loin pour vous'))).toBe(true);
    });

    it('scores exactly as the shared scoreMatch does, with the school history as context', async () => {
      const same = (await studentMatches(w.studentA.token)).find((m) => m.jobPromise.id === p.sameNear)!;
      const expected = scoreMatch(
        {
          id: w.studentA.studentId,
          trade: 'MACHINING',
          diplomaLevel: 'CAP',
          location: { lat: 45.75, lng: 4.85 },
          mobilityKm: 40,
          availableFrom: '2026-07-01',
          skills: ['tournage', 'fraisage'],
        },
        {
          id: p.sameNear!,
          trade: 'MACHINING',
          diplomaLevel: 'CAP',
          location: LYON_EAST,
          skills: ['tournage', 'fraisage', 'commande numérique'],
          // startDate is 30 days ahead: after availableFrom either way.
          startDate: new Date(Date.now() + 30 * 86_400_000),
        },
        { partnershipApproved: true, pastHires: 0 },
      );
      expect(same.score).toBe(expected.score);
      expect(same.reasons).toEqual(expected.reasons);
    });

    it('a student never gets a promise of a school they do not belong to, nor a draft', async () => {
      const a = await studentMatches(w.studentA.token);
      for (const m of a) {
        expect(m.jobPromise.schools.map((s) => s.id)).toContain(w.schoolA.id);
        expect(m.jobPromise.status).toBe('OPEN');
      }
      const ids = a.map((m) => m.jobPromise.id);
      expect(ids).not.toContain(p.otherSchool);
      expect(ids).not.toContain(p.draft);
      // Student B (Marseille, school B) sees company B's Lyon promise (out of radius) and nothing of school A.
      const b = await studentMatches(w.studentB.token);
      expect(b.map((m) => m.jobPromise.id)).toEqual([p.otherSchool]);
      expect(b[0]!.outOfRadius).toBe(true);
    });

    it('counts past hires of the company from the school, and drops filled promises', async () => {
      const hired = await createStudent(t, w.staffA, { trade: 'MACHINING' }, { firstName: 'Hugo', lastName: 'Petit' });
      const jp = await openPromise(t, w.companyA, { title: 'Tourneur (un poste)', location: LYON_EAST, positions: 1 });
      const application = await apply(t, hired, jp.id);
      await offer(t, w.companyA, application.id);
      await move(t, hired.token, application.id, 'HIRED');
      const matches = await studentMatches(w.studentA.token);
      expect(matches.map((m) => m.jobPromise.id)).not.toContain(jp.id);
      const same = matches.find((m) => m.jobPromise.id === p.sameNear)!;
      expect(same.components.schoolHistory).toBeCloseTo(0.5 + 0.5 / 3, 4);
      expect(same.reasons).toContain('1 embauche passée via l’école');
    });

    it('first limits the list; bad first is BAD_USER_INPUT; other roles are FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
      expect(await studentMatches(w.studentA.token, 1)).toHaveLength(1);
      expect(await t.code(STUDENT_MATCHES, { first: 0 }, w.studentA.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(STUDENT_MATCHES, { first: 101 }, w.studentA.token)).toBe('BAD_USER_INPUT');
      for (const token of [w.staffA.token, w.companyA.token, w.admin.token]) {
        expect(await t.code(STUDENT_MATCHES, {}, token)).toBe('FORBIDDEN');
      }
      expect(await t.code(STUDENT_MATCHES, {})).toBe('UNAUTHENTICATED');
    });
  });

  describe('matchingGraduates', () => {
    let jp: string;
    let companyC: CompanyFixture;
    let shared: string;
    const g: Record<string, StudentFixture> = {};

    beforeAll(async () => {
      jp = (
        await openPromise(t, w.companyA, { title: 'Fraiseur', location: LYON_EAST, skills: ['fraisage', 'tournage'] })
      ).id;
      g.best = await createStudent(
        t,
        w.staffA,
        // Students are placed at their town's centre: Villeurbanne's is nearer the promise than Lyon's.
        { city: 'Villeurbanne', location: { lat: 45.76, lng: 4.88 } },
        { firstName: 'Inès', lastName: 'Garnier' },
      );
      g.related = await createStudent(
        t,
        w.staffA,
        { trade: 'BOILERMAKING', skills: ['pliage'] },
        { firstName: 'Noah', lastName: 'Roux' },
      );
      g.far = await createStudent(
        t,
        w.staffA,
        { location: GRENOBLE, mobilityKm: 20 },
        { firstName: 'Léa', lastName: 'Faure' },
      );
      g.unrelated = await createStudent(t, w.staffA, { trade: 'CATERING' }, { firstName: 'Adam', lastName: 'Blanc' });
      g.notYet = await createStudent(
        t,
        w.staffA,
        { graduationDate: '2029-06-30' },
        { firstName: 'Jade', lastName: 'Mercier' },
      );
      g.noDate = await createStudent(t, w.staffA, {}, { firstName: 'Tom', lastName: 'Leroy' });
      await t.connection
        .collection('students')
        .updateOne({ _id: new Types.ObjectId(g.noDate.studentId) }, { $unset: { graduationDate: '' } });
      // A company partnered with both schools, and a promise targeting both.
      companyC = await registerCompany(t);
      await approvePartnership(t, companyC, w.staffA);
      await approvePartnership(t, companyC, w.staffB);
      shared = (await openPromise(t, companyC, { title: 'Tourneur deux écoles', location: LYON_EAST })).id;
    });

    it('ranks graduates of the targeted school: same trade nearby first; unrelated trades and non-graduates excluded', async () => {
      const matches = await graduateMatches(w.staffA.token, jp);
      const ids = matches.map((m) => m.student.id);
      expect(ids[0]).toBe(g.best!.studentId);
      expect(ids).toContain(g.related!.studentId);
      expect(ids).toContain(g.far!.studentId);
      expect(ids.indexOf(g.related!.studentId)).toBeGreaterThan(ids.indexOf(w.studentA.studentId));
      expect(ids.indexOf(g.far!.studentId)).toBeGreaterThan(ids.indexOf(w.studentA.studentId));
      for (const excluded of [g.unrelated!, g.notYet!, g.noDate!]) expect(ids).not.toContain(excluded.studentId);
      expect(ids).not.toContain(w.studentB.studentId);
      const far = matches.find((m) => m.student.id === g.far!.studentId)!;
      expect(far.outOfRadius).toBe(true);
      expect(far.score).toBeCloseTo(OUT_OF_RADIUS_FACTOR * weighted(far.components), 3);
      expect(far.reasons.some((r) => r.startsWith('Loin pour l’élève'))).toBe(true);
      // Deterministic: best first, the same answer twice.
      const scores = matches.map((m) => m.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expect((await graduateMatches(w.staffA.token, jp)).map((m) => m.student.id)).toEqual(ids);
    });

    it('first = k gives the first k of the full ranking (related trades are read only when they could enter it)', async () => {
      for (const token of [w.staffA.token, w.companyA.token]) {
        const full = (await graduateMatches(token, jp)).map((m) => [m.student.id, m.score]);
        expect(full.length).toBeGreaterThan(3);
        for (let k = 1; k <= full.length; k++) {
          expect((await graduateMatches(token, jp, k)).map((m) => [m.student.id, m.score])).toEqual(full.slice(0, k));
        }
      }
      const all = (await studentMatches(w.studentA.token)).map((m) => [m.jobPromise.id, m.score]);
      for (let k = 1; k <= all.length; k++) {
        expect((await studentMatches(w.studentA.token, k)).map((m) => [m.jobPromise.id, m.score])).toEqual(
          all.slice(0, k),
        );
      }
    });

    it('a company sees graduates without names or contact details (privacy of minors), and distance bands only', async () => {
      const matches = await graduateMatches(w.companyA.token, jp);
      expect(matches.length).toBeGreaterThan(0);
      const best = matches.find((m) => m.student.id === g.best!.studentId)!;
      expect(best.student).toMatchObject({
        firstName: 'Inès',
        lastName: null,
        displayName: 'Inès G.',
        email: null,
        city: null,
        contactVisible: false,
        trade: 'MACHINING',
        diplomaLevel: 'CAP',
        skills: ['tournage', 'fraisage'],
        school: { id: w.schoolA.id },
      });
      expect(best.student.availableFrom).not.toBeNull();
      for (const m of matches) {
        for (const r of m.reasons) {
          expect(r).not.toMatch(/À \d+ km/);
          expect(r).not.toMatch(/moins d’1 km/);
        }
      }
      // No application nor recommendation yet: the company learns nothing of where the student lives.
      expect(best.reasons.some((r) => r.startsWith('Distance indiquée une fois'))).toBe(true);
      // Staff see their students in full.
      const staffView = (await graduateMatches(w.staffA.token, jp)).find((m) => m.student.id === g.best!.studentId)!;
      expect(staffView.student).toMatchObject({ lastName: 'Garnier', email: g.best!.email, contactVisible: true });
    });

    it('staff see only their own school’s students; the owner company and the admin see every targeted school', async () => {
      const company = (await graduateMatches(companyC.token, shared)).map((m) => m.student.school.id);
      expect(new Set(company)).toEqual(new Set([w.schoolA.id, w.schoolB.id]));
      const admin = (await graduateMatches(w.admin.token, shared)).map((m) => m.student.school.id);
      expect(new Set(admin)).toEqual(new Set([w.schoolA.id, w.schoolB.id]));
      expect(new Set((await graduateMatches(w.staffA.token, shared)).map((m) => m.student.school.id))).toEqual(
        new Set([w.schoolA.id]),
      );
      expect(new Set((await graduateMatches(w.staffB.token, shared)).map((m) => m.student.school.id))).toEqual(
        new Set([w.schoolB.id]),
      );
    });

    it('refuses students, other companies, staff of a school the promise does not target; unknown ids are NOT_FOUND', async () => {
      expect(await t.code(GRADUATE_MATCHES, { id: jp }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(GRADUATE_MATCHES, { id: jp }, w.companyB.token)).toBe('FORBIDDEN');
      expect(await t.code(GRADUATE_MATCHES, { id: jp }, companyC.token)).toBe('FORBIDDEN');
      expect(await t.code(GRADUATE_MATCHES, { id: jp }, w.staffB.token)).toBe('FORBIDDEN');
      expect(await t.code(GRADUATE_MATCHES, { id: jp })).toBe('UNAUTHENTICATED');
      expect(await t.code(GRADUATE_MATCHES, { id: UNKNOWN_ID }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await t.code(GRADUATE_MATCHES, { id: 'nope' }, w.companyA.token)).toBe('NOT_FOUND');
      expect(await t.code(GRADUATE_MATCHES, { id: jp, first: 0 }, w.companyA.token)).toBe('BAD_USER_INPUT');
      // A draft is the company's business only.
      const draft = (await createPromise(t, w.companyA, { title: 'Brouillon' })).id;
      expect(await t.code(GRADUATE_MATCHES, { id: draft }, w.staffA.token)).toBe('FORBIDDEN');
      // Not even to the company (issue 13): a draft's place can still move.
      expect(await t.code(GRADUATE_MATCHES, { id: draft }, w.companyA.token)).toBe('CONFLICT');
    });
  });

  describe('jobPromises: filters, ordering, visibility', () => {
    let s1: string;
    let s2: string;
    let student1: StudentFixture;
    let staff1: StaffFixture;
    const p: Record<string, string> = {};
    const ANNECY = { lat: 45.8992, lng: 6.1294 };

    beforeAll(async () => {
      s1 = (await createSchool(t, w.admin, { name: 'École S1', city: 'Lyon' })).id;
      s2 = (await createSchool(t, w.admin, { name: 'École S2', city: 'Lyon' })).id;
      staff1 = await createStaff(t, w.admin, s1);
      const staff2 = await createStaff(t, w.admin, s2);
      student1 = await createStudent(t, staff1, { trade: 'WELDING' });
      const c1 = await registerCompany(t);
      const c2 = await registerCompany(t);
      const both = await registerCompany(t);
      await approvePartnership(t, c1, staff1);
      await approvePartnership(t, c2, staff2);
      await approvePartnership(t, both, staff1);
      await approvePartnership(t, both, staff2);
      const soudure = { trade: 'WELDING', title: 'Soudure inox', skills: ['soudure'], location: LYON_EAST };
      p.mine = (await openPromise(t, c1, soudure)).id;
      p.notMine = (await openPromise(t, both, { ...soudure, schoolIds: [s2] })).id;
      p.bothSchools = (await openPromise(t, both, { ...soudure, title: 'Soudure aluminium' })).id;
      p.otherCompany = (await openPromise(t, c2, { title: 'Tourneur', location: LYON_EAST })).id;
      const closed = await openPromise(t, c1, { ...soudure, title: 'Soudure fermée' });
      await t.ok(`mutation($id: ID!) { closeJobPromise(id: $id) { id } }`, { id: closed.id }, c1.token);
      p.closed = closed.id;
      p.draft = (await createPromise(t, c1, soudure)).id;
      // Relevance: the same word in the title (weight 5), the skills (3), the description (1).
      p.inTitle = (await openPromise(t, c1, { title: 'Brasage et montage', skills: [], location: ANNECY })).id;
      p.inSkills = (await openPromise(t, c1, { title: 'Monteur', skills: ['brasage'], location: ANNECY })).id;
      p.inDescription = (
        await openPromise(t, c1, {
          title: 'Monteur câbleur',
          skills: [],
          description: 'Montage de sous-ensembles, un peu de brasage, contrôle qualité et conditionnement des pièces.',
          location: ANNECY,
        })
      ).id;
      // Distance from Annecy: 3 km, 20 km, 60 km.
      p.near3 = (
        await openPromise(t, c1, { title: 'Atelier proche', location: { lat: ANNECY.lat + 0.027, lng: ANNECY.lng } })
      ).id;
      p.near20 = (
        await openPromise(t, c1, { title: 'Atelier moyen', location: { lat: ANNECY.lat + 0.18, lng: ANNECY.lng } })
      ).id;
      p.near60 = (
        await openPromise(t, both, { title: 'Atelier loin', location: { lat: ANNECY.lat - 0.54, lng: ANNECY.lng } })
      ).id;
    }, 120_000);

    const list = async (token: string, filter?: Record<string, unknown>) =>
      (
        await t.ok<{ jobPromises: { edges: { node: { id: string; status: string; schools: { id: string }[] } }[] } }>(
          LIST,
          { filter, first: 100 },
          token,
        )
      ).jobPromises.edges.map((e) => e.node);

    it('a student never sees a promise that does not target their school, whatever the filter', async () => {
      const filters: (Record<string, unknown> | undefined)[] = [
        undefined,
        {},
        { trade: 'WELDING' },
        { trade: 'MACHINING' },
        { contractType: 'CDI' },
        { status: 'OPEN' },
        { status: 'CLOSED' },
        { status: 'DRAFT' },
        { status: 'EXPIRED' },
        { text: 'soudure' },
        { text: 'tourneur' },
        { text: 'soudure', trade: 'WELDING', contractType: 'CDI' },
        { near: { ...LYON_EAST, radiusKm: 50 } },
        { near: { ...LYON_EAST, radiusKm: 1000 } },
        { near: { ...LYON_EAST, radiusKm: 50 }, text: 'soudure' },
        { schoolId: s2 },
        { schoolId: s2, text: 'soudure' },
        { schoolId: s2, near: { ...LYON_EAST, radiusKm: 50 } },
        { schoolId: s1 },
        { schoolId: w.schoolA.id },
      ];
      const seen = new Set<string>();
      for (const filter of filters) {
        for (const node of await list(student1.token, filter)) {
          expect({ filter, status: node.status, targetsMySchool: node.schools.some((s) => s.id === s1) }).toEqual({
            filter,
            status: 'OPEN',
            targetsMySchool: true,
          });
          seen.add(node.id);
        }
      }
      for (const hidden of [p.notMine, p.otherCompany, p.closed, p.draft]) expect(seen.has(hidden!)).toBe(false);
      expect(seen.has(p.mine!)).toBe(true);
      expect(seen.has(p.bothSchools!)).toBe(true);
      // The school filter narrows inside what the student may see, it never widens it.
      expect((await list(student1.token, { schoolId: s2 })).map((n) => n.id)).toEqual([p.near60, p.bothSchools]);
    });

    it('text: ordered by relevance (title above skills above description); words absent are not listed', async () => {
      const ids = (await list(student1.token, { text: 'brasage' })).map((n) => n.id);
      expect(ids).toEqual([p.inTitle, p.inSkills, p.inDescription]);
      expect(
        (await list(student1.token, { text: 'brasage', near: { ...ANNECY, radiusKm: 10 } })).map((n) => n.id),
      ).toEqual([p.inTitle, p.inSkills, p.inDescription]);
      expect(await list(student1.token, { text: 'brasage', near: { ...LYON_EAST, radiusKm: 10 } })).toEqual([]);
      expect(await list(student1.token, { text: 'zzzinconnu' })).toEqual([]);
    });

    it('near: ordered by distance, and nothing beyond the radius', async () => {
      const within50 = (await list(student1.token, { near: { ...ANNECY, radiusKm: 50 } })).map((n) => n.id);
      // The three text promises sit exactly on ANNECY (0 km): they come first, then 3 km, then 20 km.
      expect(within50.slice(-2)).toEqual([p.near3, p.near20]);
      expect(new Set(within50.slice(0, 3))).toEqual(new Set([p.inTitle, p.inSkills, p.inDescription]));
      expect(within50).not.toContain(p.near60);
      const within80 = (await list(student1.token, { near: { ...ANNECY, radiusKm: 80 } })).map((n) => n.id);
      expect(within80.slice(-3)).toEqual([p.near3, p.near20, p.near60]);
      expect(within80).not.toContain(p.mine); // Lyon is ~97 km from Annecy
      expect((await list(student1.token, { near: { ...ANNECY, radiusKm: 100 } })).map((n) => n.id)).toContain(p.mine);
    });

    it('staff see published promises targeting their school; drafts never', async () => {
      const ids = (await list(staff1.token)).map((n) => n.id);
      expect(ids).toContain(p.closed);
      expect(ids).not.toContain(p.draft);
      expect(ids).not.toContain(p.notMine);
    });
  });

  describe('matching round (school-mediated)', () => {
    let school: string;
    let staff: StaffFixture;
    let otherStaff: StaffFixture;
    let c1: CompanyFixture;
    let c2: CompanyFixture;
    const cohort: StudentFixture[] = [];
    const promises: { id: string; positions: number }[] = [];
    let outsider: string;

    beforeAll(async () => {
      school = (
        await createSchool(t, w.admin, {
          name: 'École Tour',
          city: 'Lyon',
          trades: ['MACHINING', 'WELDING', 'BOILERMAKING'],
        })
      ).id;
      staff = await createStaff(t, w.admin, school);
      otherStaff = w.staffB;
      c1 = await registerCompany(t);
      c2 = await registerCompany(t);
      await approvePartnership(t, c1, staff);
      await approvePartnership(t, c2, staff);
      // 8 graduates of three trades spread around Lyon, with varied skills and availability.
      const specs: [string, number, number, string[], string][] = [
        ['MACHINING', 45.75, 4.85, ['tournage', 'fraisage'], '2026-07-01'],
        ['MACHINING', 45.7, 4.8, ['tournage'], '2027-02-01'],
        ['MACHINING', 45.9, 4.9, ['fraisage', 'commande numérique'], '2026-09-01'],
        ['WELDING', 45.76, 4.87, ['soudure TIG'], '2026-07-01'],
        ['WELDING', 45.6, 5.0, ['soudure MIG', 'soudure TIG'], '2026-12-15'],
        ['BOILERMAKING', 45.8, 4.95, ['pliage', 'soudure TIG'], '2026-08-01'],
        ['MACHINING', 45.5, 4.7, ['tournage', 'fraisage', 'commande numérique'], '2026-06-01'],
        ['WELDING', 45.78, 4.82, [], '2027-03-01'],
      ];
      let i = 0;
      for (const [trade, lat, lng, skills, availableFrom] of specs) {
        cohort.push(
          await createStudent(
            t,
            staff,
            { trade, location: { lat, lng }, skills, availableFrom, mobilityKm: 20 + 10 * (i % 4) },
            { firstName: `Élève${i}`, lastName: `Tour${i}` },
          ),
        );
        i += 1;
      }
      const promiseSpecs: Record<string, unknown>[] = [
        {
          title: 'Tourneur',
          trade: 'MACHINING',
          positions: 2,
          skills: ['tournage'],
          location: { lat: 45.76, lng: 4.86 },
        },
        {
          title: 'Fraiseur CN',
          trade: 'MACHINING',
          positions: 1,
          skills: ['fraisage', 'commande numérique'],
          location: { lat: 45.88, lng: 4.9 },
        },
        {
          title: 'Soudeur TIG',
          trade: 'WELDING',
          positions: 1,
          skills: ['soudure TIG'],
          location: { lat: 45.74, lng: 4.9 },
        },
        {
          title: 'Chaudronnier',
          trade: 'BOILERMAKING',
          positions: 1,
          skills: ['pliage'],
          location: { lat: 45.62, lng: 4.98 },
        },
        { title: 'Commis', trade: 'CATERING', positions: 3, skills: [], location: { lat: 45.76, lng: 4.86 } },
      ];
      for (const [k, spec] of promiseSpecs.entries()) {
        const jp = await openPromise(t, k % 2 ? c2 : c1, { ...spec, schoolIds: [school] });
        promises.push({ id: jp.id, positions: spec.positions as number });
      }
      outsider = (await openPromise(t, w.companyA, { title: 'Hors école' })).id; // targets school A only
    }, 180_000);

    const propose = async (vars: Record<string, unknown>, token = staff.token) =>
      (await t.ok<{ proposeMatchingRound: Round }>(PROPOSE, vars, token)).proposeMatchingRound;

    it('proposes a stable matching: capacities respected, no unrelated trade, and no blocking pair', async () => {
      const round = await propose({ studentIds: cohort.map((s) => s.studentId) });
      expect(round.status).toBe('PROPOSED');
      expect(round.school.id).toBe(school);
      expect(round.createdBy!.id).toBe(staff.userId);
      expect(round.jobPromiseCount).toBe(4); // the catering promise is of no cohort member's family
      expect(round.pairs.length).toBe(5); // 5 positions in the cohort's families, 8 graduates
      expect(round.unmatchedStudents).toHaveLength(3);
      const catering = promises[4]!.id;
      expect(round.pairs.map((p) => p.jobPromise.id)).not.toContain(catering);
      for (const pair of round.pairs) {
        expect(pair.score).toBeGreaterThan(0);
        expect(pair.reasons.length).toBeGreaterThan(0);
      }

      // The full score table, as the school sees it (same scoring as the round), then a brute-force check.
      const table: Record<string, Record<string, number>> = {};
      for (const jp of promises.slice(0, 4)) {
        for (const m of await graduateMatches(staff.token, jp.id)) (table[m.student.id] ??= {})[jp.id] = m.score;
      }
      const proposers = cohort.map((s) => s.studentId);
      const receivers = promises.slice(0, 4).map((p) => ({ id: p.id, capacity: p.positions }));
      const scores = (s: string, r: string) => table[s]?.[r];
      const pairs = round.pairs.map((p) => ({ proposerId: p.student.id, receiverId: p.jobPromise.id }));
      expect(validateMatching(proposers, receivers, scores, pairs)).toEqual([]);
      expect(findBlockingPairs(proposers, receivers, scores, pairs)).toEqual([]);
      for (const pair of round.pairs) expect(pair.score).toBe(table[pair.student.id]![pair.jobPromise.id]);

      // Deterministic, and stored.
      const again = await propose({ studentIds: [...cohort].reverse().map((s) => s.studentId) });
      expect(again.pairs.map((p) => [p.student.id, p.jobPromise.id])).toEqual(
        round.pairs.map((p) => [p.student.id, p.jobPromise.id]),
      );
      const stored = await t.ok<{ matchingRound: { id: string; status: string } }>(
        ROUND,
        { id: round.id },
        staff.token,
      );
      expect(stored.matchingRound).toEqual({ id: round.id, status: 'PROPOSED' });
      const rounds = await t.ok<{ matchingRounds: { id: string }[] }>(ROUNDS, undefined, staff.token);
      expect(rounds.matchingRounds.map((r) => r.id).slice(0, 2)).toEqual([again.id, round.id]);
    });

    it('minScore and a selection of promises narrow the proposal', async () => {
      const all = await propose({ studentIds: cohort.map((s) => s.studentId), minScore: 1 });
      expect(all.pairs).toEqual([]);
      expect(all.minScore).toBe(1);
      const welding = await propose({ studentIds: cohort.map((s) => s.studentId), jobPromiseIds: [promises[2]!.id] });
      expect(welding.jobPromiseCount).toBe(1);
      expect(welding.pairs).toHaveLength(1);
      expect(welding.pairs[0]!.jobPromise.id).toBe(promises[2]!.id);
    });

    it('refuses bad cohorts and selections, and other roles; refused calls write nothing', async () => {
      const ids = cohort.map((s) => s.studentId);
      const before = await snapshotDatabase(t.connection);
      expect(await t.code(PROPOSE, { studentIds: ids }, w.studentA.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: ids }, c1.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: ids }, w.admin.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: ids })).toBe('UNAUTHENTICATED');
      expect(await t.code(PROPOSE, { studentIds: ids }, otherStaff.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: [...ids, w.studentA.studentId] }, staff.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: ids, jobPromiseIds: [outsider] }, staff.token)).toBe('FORBIDDEN');
      expect(await t.code(PROPOSE, { studentIds: [UNKNOWN_ID] }, staff.token)).toBe('NOT_FOUND');
      expect(await t.code(PROPOSE, { studentIds: ids, jobPromiseIds: [UNKNOWN_ID] }, staff.token)).toBe('NOT_FOUND');
      expect(await t.code(PROPOSE, { studentIds: [] }, staff.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(PROPOSE, { studentIds: [ids[0], ids[0]] }, staff.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(PROPOSE, { studentIds: ['x'] }, staff.token)).toBe('BAD_USER_INPUT');
      expect(await t.code(PROPOSE, { studentIds: ids, minScore: 2 }, staff.token)).toBe('BAD_USER_INPUT');
      expect(await snapshotDatabase(t.connection)).toEqual(before);
    });

    it('confirm creates the recommendations and their notifications in one action, skipping pairs already pending', async () => {
      const round = await propose({ studentIds: cohort.map((s) => s.studentId) });
      expect(round.pairs.length).toBeGreaterThan(1);
      // One pair gets recommended by hand before the confirmation.
      const handPicked = round.pairs[0]!;
      await recommend(t, staff, handPicked.jobPromise.id, handPicked.student.id);
      const recsBefore = await countDocs(t, 'recommendations');

      const refusedBefore = await snapshotDatabase(t.connection);
      expect(await t.code(CONFIRM, { roundId: round.id }, otherStaff.token)).toBe('FORBIDDEN');
      expect(await t.code(CONFIRM, { roundId: round.id }, c1.token)).toBe('FORBIDDEN');
      expect(await t.code(CONFIRM, { roundId: round.id }, cohort[0]!.token)).toBe('FORBIDDEN');
      expect(await t.code(CONFIRM, { roundId: UNKNOWN_ID }, staff.token)).toBe('NOT_FOUND');
      expect(
        await t.code(
          CONFIRM,
          { roundId: round.id, pairs: [{ studentId: cohort[0]!.studentId, jobPromiseId: outsider }] },
          staff.token,
        ),
      ).toBe('BAD_USER_INPUT');
      expect(await snapshotDatabase(t.connection)).toEqual(refusedBefore);

      const confirmed = (
        await t.ok<{ confirmMatchingRound: Round }>(
          CONFIRM,
          { roundId: round.id, note: 'Bon profil pour vous.' },
          staff.token,
        )
      ).confirmMatchingRound;
      expect(confirmed.status).toBe('CONFIRMED');
      expect(confirmed.confirmedBy!.id).toBe(staff.userId);
      expect(confirmed.confirmedAt).not.toBeNull();
      expect(confirmed.note).toBe('Bon profil pour vous.');
      expect(confirmed.skipped).toEqual([
        {
          reason: 'Une recommandation attend déjà sa réponse',
          student: handPicked.student,
          jobPromise: handPicked.jobPromise,
        },
      ]);
      expect(confirmed.recommendations).toHaveLength(round.pairs.length - 1);
      expect(await countDocs(t, 'recommendations')).toBe(recsBefore + round.pairs.length - 1);
      const made = new Set(confirmed.recommendations.map((r) => `${r.student.id}:${r.jobPromise.id}`));
      for (const pair of round.pairs.slice(1)) expect(made.has(`${pair.student.id}:${pair.jobPromise.id}`)).toBe(true);
      for (const r of confirmed.recommendations) expect(r.status).toBe('PENDING');

      // Notifications: each recommended graduate, and the company's recruiters, got RECOMMENDATION_RECEIVED.
      for (const r of confirmed.recommendations) {
        const student = cohort.find((s) => s.studentId === r.student.id)!;
        const mine = await notificationsOf(t, student.token);
        expect(mine.some((n) => n.type === 'RECOMMENDATION_RECEIVED' && n.data['recommendationId'] === r.id)).toBe(
          true,
        );
      }
      const ownerOf = (jobPromiseId: string) => (promises.findIndex((p) => p.id === jobPromiseId) % 2 ? c2 : c1);
      for (const r of confirmed.recommendations) {
        const notes = await notificationsOf(t, ownerOf(r.jobPromise.id).token);
        expect(notes.some((n) => n.type === 'RECOMMENDATION_RECEIVED' && n.data['recommendationId'] === r.id)).toBe(
          true,
        );
      }

      // Once recommended, the company sees the graduate's name (privacy rule).
      const r0 = confirmed.recommendations[0]!;
      const seen = (await graduateMatches(ownerOf(r0.jobPromise.id).token, r0.jobPromise.id)).find(
        (m) => m.student.id === r0.student.id,
      )!;
      expect(seen.student.contactVisible).toBe(true);
      expect(seen.student.lastName).not.toBeNull();

      // A retried confirmation creates nothing more and answers the same round.
      const again = (await t.ok<{ confirmMatchingRound: Round }>(CONFIRM, { roundId: round.id }, staff.token))
        .confirmMatchingRound;
      expect(again.recommendations.map((r) => r.id)).toEqual(confirmed.recommendations.map((r) => r.id));
      expect(await countDocs(t, 'recommendations')).toBe(recsBefore + round.pairs.length - 1);

      // The next proposal leaves out pairs already pending.
      const next = await propose({ studentIds: cohort.map((s) => s.studentId) });
      const pending = new Set([...made, `${handPicked.student.id}:${handPicked.jobPromise.id}`]);
      for (const pair of next.pairs) expect(pending.has(`${pair.student.id}:${pair.jobPromise.id}`)).toBe(false);
    });

    it('two simultaneous confirmations create each recommendation once and answer the same round', async () => {
      const a = await createStudent(
        t,
        staff,
        { trade: 'WELDING', skills: ['soudure TIG'] },
        { firstName: 'Ana', lastName: 'Simul' },
      );
      const b = await createStudent(
        t,
        staff,
        { trade: 'MACHINING', skills: ['tournage'] },
        { firstName: 'Bob', lastName: 'Simul' },
      );
      const round = await propose({ studentIds: [a.studentId, b.studentId] });
      expect(round.pairs).toHaveLength(2);
      const before = await countDocs(t, 'recommendations');
      const [r1, r2] = await Promise.all([
        t.ok<{ confirmMatchingRound: Round }>(CONFIRM, { roundId: round.id }, staff.token),
        t.ok<{ confirmMatchingRound: Round }>(CONFIRM, { roundId: round.id }, staff.token),
      ]);
      const ids = (r: { confirmMatchingRound: Round }) =>
        r.confirmMatchingRound.recommendations.map((x) => x.id).sort();
      expect(ids(r1)).toEqual(ids(r2));
      expect(ids(r1)).toHaveLength(2);
      expect(await countDocs(t, 'recommendations')).toBe(before + 2);
      expect(await countDocs(t, 'notifications', { 'data.recommendationId': ids(r1)[0] })).toBeGreaterThanOrEqual(1);
    });

    it('confirms only the chosen subset of pairs', async () => {
      const fresh = await createStudent(
        t,
        staff,
        { trade: 'BOILERMAKING', skills: ['pliage'] },
        { firstName: 'Zoé', lastName: 'Nouvelle' },
      );
      const other = await createStudent(
        t,
        staff,
        { trade: 'MACHINING', skills: ['tournage'] },
        { firstName: 'Yann', lastName: 'Autre' },
      );
      const round = await propose({ studentIds: [fresh.studentId, other.studentId] });
      expect(round.pairs).toHaveLength(2);
      const chosen = round.pairs.find((p) => p.student.id === fresh.studentId)!;
      const confirmed = (
        await t.ok<{ confirmMatchingRound: Round }>(
          CONFIRM,
          { roundId: round.id, pairs: [{ studentId: chosen.student.id, jobPromiseId: chosen.jobPromise.id }] },
          staff.token,
        )
      ).confirmMatchingRound;
      expect(confirmed.recommendations.map((r) => r.student.id)).toEqual([fresh.studentId]);
      expect(confirmed.skipped).toEqual([]);
    });
  });
});
