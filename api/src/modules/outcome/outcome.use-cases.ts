import * as z from 'zod';
import {
  badUserInput,
  classifyGraduate,
  cohortOf,
  computeOutcomeStats,
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
} from '@promesse/shared';
import { isStaff, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { defineUseCase } from '../../core/use-case';
import { findCompany } from '../company/company.queries';
import type { StudentDoc } from '../student/student.model';
import { findStudent } from '../student/student.queries';
import { invalidateOutcomeDataset, outcomeDataset, type GraduateRow, type OutcomeDataset } from './outcome.dataset';
import { examResultModel, exitOutcomeModel, ledgerEntryModel } from './outcome.model';
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
    await exitOutcomeModel(deps.connection).create({
      studentId: student._id,
      schoolId: student.schoolId,
      outcome: input.outcome,
      ...(input.companyId ? { companyId: input.companyId } : {}),
      ...(companyName ? { companyName } : {}),
      ...(input.contractType ? { contractType: input.contractType } : {}),
      ...(input.startDate ? { startDate: input.startDate } : {}),
      ...(input.note ? { note: input.note } : {}),
      source: 'STAFF',
      recordedBy: actor.userId,
      recordedAt: deps.clock.now(),
    });
    invalidateOutcomeDataset(deps.connection);
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
    await examResultModel(deps.connection).create({
      studentId: student._id,
      schoolId: student.schoolId,
      diploma: input.diploma,
      passed: input.passed,
      recordedBy: actor.userId,
      recordedAt: deps.clock.now(),
    });
    invalidateOutcomeDataset(deps.connection);
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
    await ledgerEntryModel(deps.connection).create({
      studentId: student._id,
      schoolId: student.schoolId,
      source: 'OFF_PLATFORM',
      companyName: input.companyName,
      date: input.date,
      ...(input.note ? { note: input.note } : {}),
      recordedBy: actor.userId,
    });
    invalidateOutcomeDataset(deps.connection);
    return student;
  },
});

const statsInputSchema = z.object({ filter: optionalInput(outcomeFilterSchema) });

/**
 * The rows a filter can reach (only the listed schools' when it names schools: no network scan) and the filter
 * left for computeOutcomeStats: the region is matched here, through the schools' cities, so a dashboard without a
 * region filter never parses the INSEE lists.
 */
function select(data: OutcomeDataset, filter: OutcomeFilter | undefined): [GraduateRow[], OutcomeFilter | null] {
  if (!filter) return [data.rows, null];
  const { region, ...rest } = filter;
  const rows = rest.schoolIds?.length ? rest.schoolIds.flatMap((id) => data.bySchool.get(id) ?? []) : data.rows;
  return [region === undefined ? rows : rows.filter((r) => data.regionOf(r.schoolId) === region), rest];
}

function statsOf(data: OutcomeDataset, filter: OutcomeFilter | undefined, viewerSchoolId: string | null) {
  const [rows, rest] = select(data, filter);
  return computeOutcomeStats(rows, { filter: rest, viewerSchoolId });
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
    const data = await outcomeDataset(deps);
    if (isStaff(actor)) {
      if (filter?.schoolIds?.some((id) => id !== actor.schoolId)) throw forbidden('outcome.ownSchoolOnly');
      return statsOf(data, { ...filter, schoolIds: [actor.schoolId] }, actor.schoolId);
    }
    return statsOf(data, filter, null);
  },
});

/** Anyone, signed in or not: the same aggregates as the federation's, groups under 10 graduates suppressed. */
export const getPublicOutcomeStats = defineUseCase({
  name: 'publicOutcomeStats',
  input: statsInputSchema,
  access: 'public',
  run: async ({ filter }, { deps }): Promise<OutcomeStats> => {
    return statsOf(await outcomeDataset(deps), filter, null);
  },
});

export type GraduateOutcomeRow = GraduateRow & GraduateClassification & { outcomeOverdue: boolean };

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
    const data = await outcomeDataset(deps);
    const now = deps.clock.now();
    return (data.bySchool.get(schoolId) ?? [])
      .filter((r) => input.cohort === undefined || cohortOf(r.graduationDate) === input.cohort)
      .map((r) => ({
        ...r,
        ...classifyGraduate(r),
        outcomeOverdue: isOutcomeOverdue(r.graduationDate, r.outcome !== null, now),
      }))
      .sort((a, b) => a.graduationDate.getTime() - b.graduationDate.getTime());
  },
});
