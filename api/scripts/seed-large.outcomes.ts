import { Types, type Connection } from 'mongoose';
import { Role, type Trade } from '@promesse/shared';
import { userModel } from '../src/modules/auth/auth.model';
import { hashPassword } from '../src/modules/auth/auth.password';
import {
  drawCohortRates,
  drawGraduate,
  insertDrawnOutcomes,
  type CohortRates,
  type DrawnFor,
} from '../src/modules/outcome/outcome.seed';
import { schoolModel } from '../src/modules/school/school.model';
import { studentModel } from '../src/modules/student/student.model';
import { SEED_LARGE_PASSWORD } from './seed-large.generator';

// Outcomes for `npm run seed:large` and the outcome bench: `alumni` more graduates of the last five summers (with
// their accounts), then, for every graduate that has no record yet, an exam result, an exit outcome and off-platform
// promises drawn around the network's figures (per school and cohort rates, see outcome.seed.ts).

export interface SeedOutcomesOptions {
  alumni: number;
  seed?: number;
  now?: Date;
  batchSize?: number;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

export async function seedLargeOutcomes(connection: Connection, options: SeedOutcomesOptions) {
  const rand = prng(options.seed ?? 17);
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 2000;
  const schools = await schoolModel(connection).find({}, { trades: 1, city: 1, location: 1 }).lean();
  if (!schools.length) throw new Error('seed:large outcomes: no school (run the student seed first)');

  if (options.alumni > 0) {
    const passwordHash = await hashPassword(SEED_LARGE_PASSWORD);
    const tag = Date.now().toString(36);
    const users: Record<string, unknown>[] = [];
    const students: Record<string, unknown>[] = [];
    for (let i = 0; i < options.alumni; i++) {
      const school = schools[Math.floor(rand.next() * schools.length)]!;
      const trade: Trade | undefined = school.trades[Math.floor(rand.next() * school.trades.length)];
      const year = now.getUTCFullYear() - 1 - Math.floor(rand.next() * 5);
      const graduationDate = new Date(Date.UTC(year, 5, 30));
      const userId = new Types.ObjectId();
      const email = `ancien${i}.${tag}@promesse.bench`;
      users.push({
        _id: userId,
        email,
        passwordHash,
        role: Role.STUDENT,
        displayName: `Ancien ${i}`,
        schoolId: school._id,
        notificationPreferences: { mutedTypes: [] },
      });
      students.push({
        userId,
        schoolId: school._id,
        firstName: 'Ancien',
        lastName: String(i),
        email,
        ...(trade ? { trade } : {}),
        diplomaLevel: 'CAP',
        graduationDate,
        skills: [],
        city: school.city,
        location: school.location,
        mobilityKm: 30,
        availableFrom: graduationDate,
        createdAt: now,
        updatedAt: now,
      });
    }
    for (let i = 0; i < users.length; i += batchSize) {
      await userModel(connection).insertMany(users.slice(i, i + batchSize), { ordered: false });
      await studentModel(connection).insertMany(students.slice(i, i + batchSize), { ordered: false });
    }
  }

  // Every graduate without a record yet: draw around the rates of their school and cohort.
  const recorded = new Set(
    (await connection.collection('examresults').distinct('studentId')).map((id: unknown) => String(id)),
  );
  const graduates = await studentModel(connection)
    .find({ graduationDate: { $lte: now } }, { schoolId: 1, graduationDate: 1 })
    .lean();
  const rates = new Map<string, CohortRates>();
  const drawn: DrawnFor[] = [];
  for (const g of graduates) {
    if (recorded.has(String(g._id)) || !g.graduationDate) continue;
    const key = `${String(g.schoolId)}|${g.graduationDate.getUTCFullYear()}`;
    let r = rates.get(key);
    if (!r) rates.set(key, (r = drawCohortRates(rand)));
    drawn.push({
      studentId: g._id,
      schoolId: g.schoolId,
      graduationDate: g.graduationDate,
      ...drawGraduate(rand, r, g.graduationDate),
    });
  }
  const written = await insertDrawnOutcomes({ connection }, drawn, rand, batchSize);
  return { graduates: drawn.length, ...written };
}
