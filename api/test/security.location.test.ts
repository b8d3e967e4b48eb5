import { Types } from 'mongoose';
import { distanceBandBetween, distanceKm, haversineKm, type DistanceBand, type GeoPoint } from '@promesse/shared';
import { MATCHING_THROTTLE } from '../src/modules/matching/matching.throttle';
import { findTown } from '../src/modules/place/place.queries';
import { migrateStudentLocations } from '../src/modules/student/student.queries';
import { createStudent, createWorld, startTestApp, type StudentFixture, type TestApp, type World } from './helpers';
import { APPLY, CREATE_PROMISE, promiseInput, PUBLISH_PROMISE, UPDATE_PROMISE } from './marketplace.fixtures';

// Issue 13, item 1: a recruiter bisected where the distance label of `matchingGraduates` flipped, moving a DRAFT
// promise, and located a minor's home to within metres in ~150 requests. Now a student is stored at their town's
// centre only, companies see a coarse band computed against published promises whose place cannot move, drafts
// are refused and matching is throttled. The attack is replayed (≥ 500 requests) and must not get within 5 km.

const GRADUATES = `query($id: ID!) { matchingGraduates(jobPromiseId: $id, first: 100) {
  score reasons outOfRadius distanceBand distanceKm components { distance } student { id } } }`;
const STUDENT_MATCHES = `{ matchingJobPromises(first: 100) { distanceKm reasons jobPromise { id } } }`;

interface GraduateMatch {
  score: number;
  reasons: string[];
  outOfRadius: boolean;
  distanceBand: DistanceBand | null;
  distanceKm: number | null;
  student: { id: string };
}

/** A home in Villeurbanne (not the town's centre): what a student would once have typed as a point. */
const HOME: GeoPoint = { lat: 45.7598, lng: 4.9113 };
const SCHOOL: GeoPoint = { lat: 45.764, lng: 4.8357 }; // createSchool's default place (Lyon)

let t: TestApp;
let w: World;
let victim: StudentFixture;
let requests = 0;

async function gql(query: string, variables: Record<string, unknown>, token: string) {
  requests += 1;
  return t.gql(query, variables, token);
}

async function storedLocation(studentId: string): Promise<{ point: GeoPoint; precision: unknown; city: unknown }> {
  const doc = await t.connection.collection('students').findOne({ _id: new Types.ObjectId(studentId) });
  const [lng, lat] = (doc?.['location'] as { coordinates: number[] }).coordinates;
  return { point: { lat: lat!, lng: lng! }, precision: doc?.['locationPrecision'], city: doc?.['city'] };
}

/** A point `km` from `from` towards `bearingDeg` (flat approximation: fine at 30 km). */
function towards(from: GeoPoint, bearingDeg: number, km: number): GeoPoint {
  const rad = (bearingDeg * Math.PI) / 180;
  return {
    lat: from.lat + (km * Math.cos(rad)) / 111.2,
    lng: from.lng + (km * Math.sin(rad)) / (111.2 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

/** The centre of the circle through three points (flat approximation). */
function circumcentre(a: GeoPoint, b: GeoPoint, c: GeoPoint): GeoPoint {
  const k = Math.cos((a.lat * Math.PI) / 180);
  const [ax, ay, bx, by, cx, cy] = [a.lng * k, a.lat, b.lng * k, b.lat, c.lng * k, c.lat];
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
  const ux = ((ax ** 2 + ay ** 2) * (by - cy) + (bx ** 2 + by ** 2) * (cy - ay) + (cx ** 2 + cy ** 2) * (ay - by)) / d;
  const uy = ((ax ** 2 + ay ** 2) * (cx - bx) + (bx ** 2 + by ** 2) * (ax - cx) + (cx ** 2 + cy ** 2) * (bx - ax)) / d;
  return { lat: uy, lng: ux / k };
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createWorld(t);
  victim = await createStudent(
    t,
    w.staffA,
    { city: 'Villeurbanne', location: HOME, mobilityKm: 30 },
    { firstName: 'Emma', lastName: 'Cible' },
  );
});

afterAll(async () => {
  await t.close();
});

describe('a student is placed at their town’s centre, whatever the write path', () => {
  it('profile: a typed point becomes the centre of the named town', async () => {
    const villeurbanne = findTown('Villeurbanne')!;
    const stored = await storedLocation(victim.studentId);
    expect(stored.precision).toBe('TOWN');
    expect(stored.point).toEqual(villeurbanne.location);
    expect(haversineKm(stored.point, HOME)).toBeGreaterThan(0.5);
  });

  it('a point alone becomes the nearest town; staff editing the town moves the location with it', async () => {
    const other = await createStudent(t, w.staffA, { city: null, location: { lat: 48.0501, lng: 6.4179 } });
    const near = await storedLocation(other.studentId);
    expect(near.point).toEqual(findTown('Xertigny')!.location);
    expect(near.city).toBe('Xertigny');
    await t.ok(
      `mutation($input: StudentProfileInput!) { updateStudentProfile(input: $input) { id } }`,
      { input: { studentId: other.studentId, city: 'Vénissieux' } },
      w.staffA.token,
    );
    expect((await storedLocation(other.studentId)).point).toEqual(findTown('Vénissieux')!.location);
  });

  it('locations stored before are migrated (run at start and after seeding), once', async () => {
    const legacy = await createStudent(t, w.staffA);
    await t.connection.collection('students').updateOne(
      { _id: new Types.ObjectId(legacy.studentId) },
      {
        $set: { location: { type: 'Point', coordinates: [HOME.lng, HOME.lat] }, city: 'Villeurbanne' },
        $unset: { locationPrecision: '' },
      },
    );
    expect(await migrateStudentLocations({ connection: t.connection })).toBe(1);
    expect((await storedLocation(legacy.studentId)).point).toEqual(findTown('Villeurbanne')!.location);
    expect(await migrateStudentLocations({ connection: t.connection })).toBe(0);
  });
});

describe('one distance everywhere, a band for companies', () => {
  it('the student and the staff see the same whole kilometres; the company the band containing them', async () => {
    const created = await t.ok<{ createJobPromise: { id: string } }>(
      CREATE_PROMISE,
      { input: promiseInput({ title: 'Tourneur à Bron', city: 'Bron', location: { lat: 45.7386, lng: 4.9128 } }) },
      w.companyA.token,
    );
    const id = created.createJobPromise.id;
    await t.ok(PUBLISH_PROMISE, { id }, w.companyA.token);
    // This student applies (shows their town to the company); the attack's target below never does.
    const applicant = await createStudent(t, w.staffA, { city: 'Villeurbanne', location: HOME, mobilityKm: 30 });
    const town = findTown('Villeurbanne')!.location;
    const km = distanceKm(town, { lat: 45.7386, lng: 4.9128 });

    const mine = await t.ok<{
      matchingJobPromises: { distanceKm: number; reasons: string[]; jobPromise: { id: string } }[];
    }>(STUDENT_MATCHES, {}, victim.token);
    const forStudent = mine.matchingJobPromises.find((m) => m.jobPromise.id === id)!;
    expect(forStudent.distanceKm).toBe(km);
    expect(forStudent.reasons.join(' ')).toContain(`À ${km} km`);

    const staff = (await t.ok<{ matchingGraduates: GraduateMatch[] }>(GRADUATES, { id }, w.staffA.token))
      .matchingGraduates;
    const forStaff = staff.find((m) => m.student.id === applicant.studentId)!;
    expect(forStaff.distanceKm).toBe(km);
    expect(forStaff.reasons.join(' ')).toContain(`À ${km} km`);

    const before = (await t.ok<{ matchingGraduates: GraduateMatch[] }>(GRADUATES, { id }, w.companyA.token))
      .matchingGraduates;
    // Before any application or recommendation: no band, and no distance in the score either.
    const hidden = before.find((m) => m.student.id === applicant.studentId)!;
    expect(hidden.distanceBand).toBeNull();
    expect(hidden.reasons.join(' ')).toContain('Distance indiquée une fois');
    await t.ok(APPLY, { jobPromiseId: id, message: null }, applicant.token);
    const company = (await t.ok<{ matchingGraduates: GraduateMatch[] }>(GRADUATES, { id }, w.companyA.token))
      .matchingGraduates;
    const forCompany = company.find((m) => m.student.id === applicant.studentId)!;
    expect(forCompany.distanceKm).toBeNull();
    expect(forCompany.distanceBand).toBe(distanceBandBetween(town, { lat: 45.7386, lng: 4.9128 }));
    expect(forCompany.reasons.join(' ')).toContain('À moins de 10 km');
    expect(forCompany.reasons.join(' ')).not.toMatch(/À \d+ km/);
  });
});

describe('the bisection attack, replayed', () => {
  it('≥ 500 requests: drafts refused, published places fixed, probes throttled; the home stays > 5 km away', async () => {
    const token = w.companyA.token;
    const refusals: Record<string, number> = {};
    const refused = (code: unknown, reason: unknown) => {
      const k = `${String(code)}:${String(reason)}`;
      refusals[k] = (refusals[k] ?? 0) + 1;
    };
    const bandOf = async (id: string): Promise<DistanceBand | null | 'REFUSED'> => {
      const res = await gql(GRADUATES, { id }, token);
      const error = res.errors?.[0];
      if (error) {
        refused(error.extensions?.['code'], error.extensions?.['reason']);
        if (error.extensions?.['code'] === 'TOO_MANY_REQUESTS') {
          expect(error.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
        }
        return 'REFUSED';
      }
      const m = (res.data as { matchingGraduates: GraduateMatch[] }).matchingGraduates.find(
        (g) => g.student.id === victim.studentId,
      );
      expect(m?.distanceKm ?? null).toBeNull();
      return m?.distanceBand ?? null;
    };
    const create = async (at: GeoPoint) => {
      const res = await gql(CREATE_PROMISE, { input: promiseInput({ title: 'Sonde', location: at }) }, token);
      return (res.data as { createJobPromise: { id: string } }).createJobPromise.id;
    };

    // 1. The original attack: one DRAFT moved at will. Moving works (a draft is the company's), matching does not.
    const draft = await create(SCHOOL);
    for (let i = 0; i < 100; i++) {
      const at = towards(SCHOOL, (i * 37) % 360, 2 + (i % 20));
      const moved = await gql(UPDATE_PROMISE, { input: { id: draft, location: at } }, token);
      expect(moved.errors).toBeUndefined();
      expect(await bandOf(draft)).toBe('REFUSED');
    }
    expect(refusals['CONFLICT:place.matchingOnDraft']).toBe(100);

    // 2. Publish it, then try to move it: its place is fixed once published.
    await gql(PUBLISH_PROMISE, { id: draft }, token);
    for (let i = 0; i < 50; i++) {
      const res = await gql(UPDATE_PROMISE, { input: { id: draft, location: towards(SCHOOL, i * 7, 5) } }, token);
      expect(res.errors?.[0]?.extensions?.['code']).toBe('CONFLICT');
    }

    // 3. Bisection by publishing new promises at chosen points: on three rays from the school, where does the band
    // flip from "moins de 10 km" to "de 10 à 25 km"?
    const rays = [0, 120, 240].map((bearing) => ({ bearing, near: 0, far: 30 }));
    let probes = 0;
    let answered = 0;
    for (let step = 0; step < 12; step++) {
      for (const ray of rays) {
        const mid = (ray.near + ray.far) / 2;
        const id = await create(towards(SCHOOL, ray.bearing, mid));
        await gql(PUBLISH_PROMISE, { id }, token);
        const band = await bandOf(id);
        probes += 1;
        if (band === 'REFUSED' || band === null) continue;
        answered += 1;
        if (band === 'UNDER_10_KM') ray.near = mid;
        else ray.far = mid;
      }
    }
    // 4. Asking again and again about the same promise.
    let extra = 0;
    while (requests < 520) {
      await bandOf(draft);
      extra += 1;
    }

    const guess = circumcentre(
      ...(rays.map((r) => towards(SCHOOL, r.bearing, (r.near + r.far) / 2)) as [GeoPoint, GeoPoint, GeoPoint]),
    );
    const errorKm = haversineKm(guess, HOME);
    const stored = (await storedLocation(victim.studentId)).point;
    // What the attack learns at best is the town's centre: never the home itself.
    expect(haversineKm(stored, HOME)).toBeGreaterThan(0.5);
    process.stdout.write(
      `bisection attack: ${requests} requests, ${probes} probes (${answered} answered, limit ` +
        `${MATCHING_THROTTLE.maxDistinctPromisesPerCompany} places a day), ${extra} repeated calls; refusals ` +
        `${JSON.stringify(refusals)}; inferred position ${errorKm.toFixed(1)} km from the home ` +
        `(${haversineKm(guess, stored).toFixed(1)} km from the town centre)\n`,
    );
    expect(requests).toBeGreaterThanOrEqual(500);
    expect(answered).toBeLessThanOrEqual(MATCHING_THROTTLE.maxDistinctPromisesPerCompany);
    expect(refusals['TOO_MANY_REQUESTS:place.tooManyMatchingRequests']).toBeGreaterThan(0);
    expect(errorKm).toBeGreaterThan(5);
  }, 900_000);
});
