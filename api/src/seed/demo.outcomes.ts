import { Types } from 'mongoose';
import { DAY_MS, Role, TRADES, toGeoJsonPoint, type Trade } from '@promesse/shared';
import type { Actor } from '../core/actor';
import type { AppDeps } from '../core/deps';
import { userModel } from '../modules/auth/auth.model';
import {
  drawCohortRates,
  drawGraduate,
  insertOffPlatformPromises,
  type OffPlatformPromise,
  type Random,
} from '../modules/outcome/outcome.seed';
import { recordExamResult, recordExitOutcome } from '../modules/outcome/outcome.use-cases';
import { studentModel } from '../modules/student/student.model';
import type { DemoSchool } from './demo.data';

// Past cohorts of the demo schools (alumni of the last three summers) with outcomes drawn around the network's
// figures, recorded by each school's staff through the outcome use cases (the off-platform promises in one bulk
// write of the outcome module, for a quick start-up), so the dashboards have believable
// numbers to compute. Alumni accounts exist (a student profile needs one) but nobody is told their password.

const COHORTS_BACK = 3;
const FIRST = ['Léo', 'Lou', 'Nina', 'Malo', 'Inès', 'Sami', 'Jules', 'Éva', 'Milo', 'Lana', 'Axel', 'Rose'];
const LAST = ['Roussel', 'Lemaire', 'Colin', 'Perrot', 'Marchal', 'Barbier', 'Renaud', 'Arnaud', 'Aubert', 'Rey'];
const COMPANIES = ['Atelier Durand', 'Mécanique Perrin', 'SAS Lefort', 'Garage du Centre', 'Métallerie Vidal'];

/** mulberry32: the demo draws the same cohorts on every machine. */
function seeded(seed: number): Random {
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

export interface DemoOutcomeSchool {
  spec: DemoSchool;
  schoolId: Types.ObjectId;
  staff: Actor;
}

/** Alumni and their records; an alumnus already there (a seed interrupted half-way) is skipped. */
export async function seedDemoOutcomes(
  deps: AppDeps,
  schools: readonly DemoOutcomeSchool[],
  passwordHash: string,
): Promise<number> {
  const now = deps.clock.now();
  const rand = seeded(17);
  const alumniEmail = (school: DemoSchool, year: number, i: number) =>
    `ancien.${school.key}.${year}.${i}@eleve.promesse.demo`;
  let recorded = 0;
  const ledger: OffPlatformPromise[] = [];
  for (const { spec, schoolId, staff } of schools) {
    const as = { deps, actor: staff };
    for (let back = 1; back <= COHORTS_BACK; back++) {
      const year = now.getUTCFullYear() - back;
      const graduationDate = new Date(Date.UTC(year, 5, 30));
      const rates = drawCohortRates(rand);
      // 8 to 15 graduates: some cohorts fall under the suppression threshold of 10, as small schools do.
      const size = 8 + Math.floor(rand.next() * 8);
      for (let i = 0; i < size; i++) {
        // Every draw happens before the skip, so a re-run draws the same cohorts.
        const firstName = FIRST[Math.floor(rand.next() * FIRST.length)]!;
        const lastName = LAST[Math.floor(rand.next() * LAST.length)]!;
        const trade: Trade = spec.trades[Math.floor(rand.next() * spec.trades.length)] ?? TRADES[0];
        const drawn = drawGraduate(rand, rates, graduationDate);
        const company = () => `${COMPANIES[Math.floor(rand.next() * COMPANIES.length)]!} (${spec.city})`;
        const employer = company();
        const promises = Array.from({ length: drawn.promises }, () => ({
          companyName: company(),
          date: new Date(graduationDate.getTime() - Math.floor(rand.next() * 120) * DAY_MS),
        }));
        const email = alumniEmail(spec, year, i);
        if (await userModel(deps.connection).exists({ email })) continue;
        const userId = new Types.ObjectId();
        await userModel(deps.connection).create({
          _id: userId,
          email,
          passwordHash,
          role: Role.STUDENT,
          displayName: `${firstName} ${lastName}`,
          schoolId,
        });
        const [student] = await studentModel(deps.connection).create([
          {
            userId,
            schoolId,
            firstName,
            lastName,
            email,
            trade,
            diplomaLevel: 'CAP',
            graduationDate,
            skills: [],
            city: spec.city,
            location: toGeoJsonPoint(spec),
            availableFrom: graduationDate,
          },
        ]);
        const studentId = String(student!._id);
        await recordExamResult(as, { studentId, diploma: 'CAP', passed: drawn.examPassed });
        if (drawn.outcome) {
          await recordExitOutcome(as, {
            studentId,
            outcome: drawn.outcome,
            ...(drawn.outcome === 'EMPLOYED'
              ? { companyName: employer, contractType: drawn.contractType, startDate: drawn.startDate }
              : {}),
          });
        }
        // Off-platform promises (5 or 6 each: most of the records) in one bulk write at the end, so that the
        // start-up stays quick; the outcome and the exam result went through the use cases above.
        ledger.push(...promises.map((p) => ({ studentId: student!._id, schoolId, ...p })));
        recorded++;
      }
    }
  }
  await insertOffPlatformPromises(deps, ledger);
  return recorded;
}
