import * as z from 'zod';
import {
  badUserInput,
  classifyGraduate,
  computeOutcomeStatsFromCells,
  forbidden,
  isOutcomeOverdue,
  makeRecordExitOutcomeSchema,
  makeRecordOffPlatformPromiseSchema,
  notFound,
  optionalInput,
  outcomeFilterSchema,
  parseInput,
  recordExamResultSchema,
  recordExitOutcomeSchema,
  recordOffPlatformPromiseSchema,
  type GraduateClassification,
  type OutcomeFilter,
  type OutcomeStats,
  type Trade,
} from '@promesse/shared';
import { isStaff, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { validObjectIds } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { findCompany } from '../company/company.queries';
import { regionOfTown } from '../place/place.queries';
import { schoolCities } from '../school/school.queries';
import type { StudentDoc } from '../student/student.model';
import { findStudent } from '../student/student.queries';
import { examResultModel, exitOutcomeModel, ledgerEntryModel } from './outcome.model';
import {
  outcomeCells,
  refreshGraduateOutcomes,
  schoolGraduateOutcomes,
  type LatestExam,
  type LatestOutcome,
} from './outcome.records';
import { canRecordOutcomes } from './outcome.policy';

/** The student, if the actor is staff of their school (NOT_FOUND, FORBIDDEN otherwise). */
async function ownGraduate(deps: DataDeps, actor: Actor, studentId: string): Promise<StudentDoc> {
  const student = await findStudent(deps, studentId);
  if (!student) throw notFound('Student', studentId);
  if (!canRecordOutcomes(actor, student.schoolId)) throw forbidden('outcome.ownSchoolStaffOnly');
  return student;
}

/**
 * Staff of the graduate's school record their exit outcome; every call adds a record (the latest counts), so a
 * correction keeps the history. An app company given by id lends its name.
 */
export const recordExitOutcome = defineUseCase({
  name: 'recordExitOutcome',
  input: recordExitOutcomeSchema,
  inputPath: 'input',
  access: ['SCHOOL_STAFF'],
  run: async (raw, { actor, deps }): Promise<StudentDoc> => {
    // The date rule reads the deps' clock (tests and replays move it).
    const input = parseInput(makeRecordExitOutcomeSchema(deps.clock.now()), raw, 'input');
    const student = await ownGraduate(deps, actor, input.studentId);
    let companyName = input.companyName;
    if (input.companyId) {
      const company = await findCompany(deps, input.companyId);
      if (!company) throw notFound('Company', input.companyId);
      companyName ??= company.name;
    }
    const record = {
      studentId: student._id,
      schoolId: student.schoolId,
      outcome: input.outcome,
      ...(input.companyId ? { companyId: input.companyId } : {}),
      ...(companyName ? { companyName } : {}),
      ...(input.contractType ? { contractType: input.contractType } : {}),
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.note ? { note: input.note } : {}),
      source: 'STAFF' as const,
      recordedBy: actor.userId,
      recordedAt: deps.clock.now(),
    };
    await inTransaction(deps, async (session) => {
      await exitOutcomeModel(deps.connection).create([record], { session });
      await refreshGraduateOutcomes(deps, [student._id], session);
    });
    return student;
  },
});

/** Staff of the graduate's school record an exam result; the latest recorded is the graduate's result. */
export const recordExamResult = defineUseCase({
  name: 'recordExamResult',
  input: recordExamResultSchema,
  access: ['SCHOOL_STAFF'],
  run: async (input, { actor, deps }): Promise<StudentDoc> => {
    const student = await ownGraduate(deps, actor, input.studentId);
    const record = {
      studentId: student._id,
      schoolId: student.schoolId,
      diploma: input.diploma,
      passed: input.passed,
      recordedBy: actor.userId,
      recordedAt: deps.clock.now(),
    };
    await inTransaction(deps, async (session) => {
      await examResultModel(deps.connection).create([record], { session });
      await refreshGraduateOutcomes(deps, [student._id], session);
    });
    return student;
  },
});

/** Staff of the graduate's school add a promise of hire received outside the app to the graduate's ledger. */
export const recordOffPlatformPromise = defineUseCase({
  name: 'recordOffPlatformPromise',
  input: recordOffPlatformPromiseSchema,
  access: ['SCHOOL_STAFF'],
  run: async (raw, { actor, deps }): Promise<StudentDoc> => {
    const input = parseInput(makeRecordOffPlatformPromiseSchema(deps.clock.now()), raw);
    const student = await ownGraduate(deps, actor, input.studentId);
    const entry = {
      studentId: student._id,
      schoolId: student.schoolId,
      source: 'OFF_PLATFORM' as const,
      companyName: input.companyName,
      date: input.date,
      ...(input.note ? { note: input.note } : {}),
      recordedBy: actor.userId,
    };
    await inTransaction(deps, async (session) => {
      await ledgerEntryModel(deps.connection).create([entry], { session });
      await refreshGraduateOutcomes(deps, [student._id], session);
    });
    return student;
  },
});

const statsInputSchema = z.object({ filter: optionalInput(outcomeFilterSchema) });

// Region of each school city, computed once per city (the INSEE lists take a second to parse, once per process).
const regionOfCity = new Map<string, string | null>();

/** The schools of a region (through their cities), so that the figures' query matches school ids. */
async function schoolsOfRegion(deps: DataDeps, region: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [id, city] of await schoolCities(deps)) {
    if (!regionOfCity.has(city)) regionOfCity.set(city, regionOfTown(city));
    if (regionOfCity.get(city) === region) ids.push(id);
  }
  return ids;
}

/**
 * The figures of the graduates a filter reaches: a read of their cells (outcome.records.ts), the figures derived by
 * shared computeOutcomeStatsFromCells. A region narrows the schools.
 */
async function statsOf(
  deps: DataDeps,
  filter: OutcomeFilter | undefined,
  viewerSchoolId: string | null,
): Promise<OutcomeStats> {
  let schoolIds = filter?.schoolIds?.length ? filter.schoolIds : null;
  if (filter?.region !== undefined && filter.region !== null) {
    const inRegion = await schoolsOfRegion(deps, filter.region);
    schoolIds = schoolIds ? schoolIds.filter((id) => inRegion.includes(id)) : inRegion;
  }
  const cells = await outcomeCells(deps, {
    at: deps.clock.now(),
    schoolIds: schoolIds && validObjectIds(schoolIds),
    trades: (filter?.trades ?? null) as Trade[] | null,
    cohort: filter?.cohort ?? null,
  });
  return computeOutcomeStatsFromCells(cells, { viewerSchoolId });
}

/**
 * School staff see their own school (any other school named: FORBIDDEN), never suppressed; the federation admin
 * sees the network, each school and trade, groups under 10 graduates suppressed.
 */
export const getOutcomeStats = defineUseCase({
  name: 'outcomeStats',
  input: statsInputSchema,
  access: ['SCHOOL_STAFF', 'FEDERATION_ADMIN'],
  run: async ({ filter }, { actor, deps }): Promise<OutcomeStats> => {
    if (isStaff(actor)) {
      if (filter?.schoolIds?.some((id) => id !== actor.schoolId)) throw forbidden('outcome.ownSchoolOnly');
      return statsOf(deps, { ...filter, schoolIds: [actor.schoolId] }, actor.schoolId);
    }
    return statsOf(deps, filter, null);
  },
});

/** Anyone, signed in or not: the same aggregates as the federation's, groups under 10 graduates suppressed. */
export const getPublicOutcomeStats = defineUseCase({
  name: 'publicOutcomeStats',
  input: statsInputSchema,
  access: 'public',
  run: async ({ filter }, { deps }): Promise<OutcomeStats> => {
    return statsOf(deps, filter, null);
  },
});

/** A graduate as the school's list shows them: how they count and their latest records. */
export interface GraduateOutcomeRow extends GraduateClassification {
  studentId: string;
  graduationDate: Date;
  ledgerEntries: number;
  latestOutcome: LatestOutcome | null;
  latestExam: LatestExam | null;
  outcomeOverdue: boolean;
}

/** The last record of each student of a history read oldest first. */
function latestByStudent<T extends { studentId: unknown }>(history: T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const r of history) latest.set(String(r.studentId), r);
  return latest;
}

/**
 * The graduates of a school with how each counts (the list behind every figure) and whether their outcome is
 * overdue (missing two months after graduation), oldest graduation first. Staff: their school; admin: the school
 * named.
 */
export const listOutcomeGraduates = defineUseCase({
  name: 'outcomeGraduates',
  input: z.object({
    schoolId: optionalInput(z.string()),
    cohort: outcomeFilterSchema.shape.cohort,
  }),
  access: ['SCHOOL_STAFF', 'FEDERATION_ADMIN'],
  run: async (input, { actor, deps }): Promise<GraduateOutcomeRow[]> => {
    let schoolId = input.schoolId;
    if (isStaff(actor)) {
      if (schoolId && schoolId !== actor.schoolId) throw forbidden('outcome.ownSchoolOnly');
      schoolId = actor.schoolId;
    }
    if (!schoolId) throw badUserInput('outcome.schoolRequired');
    const now = deps.clock.now();
    const [school] = validObjectIds([schoolId]);
    if (!school) return [];
    const summaries = await schoolGraduateOutcomes(deps, school, now, input.cohort ?? null);
    const ids = summaries.map((g) => g._id);
    // Oldest first (a tie: the later insert), so the last record of a student is their latest.
    const [outcomes, exams] = await Promise.all([
      exitOutcomeModel(deps.connection)
        .find({ studentId: { $in: ids } })
        .sort({ recordedAt: 1, _id: 1 })
        .lean<LatestOutcome[]>(),
      examResultModel(deps.connection)
        .find({ studentId: { $in: ids } })
        .sort({ recordedAt: 1, _id: 1 })
        .lean<LatestExam[]>(),
    ]);
    const latestOutcome = latestByStudent(outcomes);
    const latestExam = latestByStudent(exams);
    return summaries
      .map((g): GraduateOutcomeRow => {
        const studentId = String(g._id);
        const outcome = latestOutcome.get(studentId) ?? null;
        return {
          studentId,
          graduationDate: g.graduationDate,
          ledgerEntries: g.ledgerEntries,
          latestOutcome: outcome,
          latestExam: latestExam.get(studentId) ?? null,
          ...classifyGraduate({
            graduationDate: g.graduationDate,
            outcome: outcome && { outcome: outcome.outcome, startDate: outcome.startDate ?? null },
          }),
          outcomeOverdue: isOutcomeOverdue(g.graduationDate, outcome !== null, now),
        };
      })
      .sort((a, b) => a.graduationDate.getTime() - b.graduationDate.getTime());
  },
});
