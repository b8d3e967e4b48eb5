import * as z from 'zod';
import {
  badUserInput,
  byIdInputSchema,
  forbidden,
  notFound,
  parseInput,
  renderMessage,
  Role,
  studentProfileSchema,
  toGeoJsonPoint,
} from '@promesse/shared';
import { isRecruiter, isStudent, type Actor } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { sameId } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { approvedPartnerships } from '../company/company.queries';
import { graduationFactsChanged } from '../outcome/outcome.queries';
import { isStaffOf } from '../school/school.policy';
import { studentModel, type StudentDoc } from './student.model';
import { canLookUpStudent, type CompanyLinks } from './student.policy';
import { findStudent, findStudentByUserId, knownCompanyStudentPairs } from './student.queries';

async function ownProfile(deps: DataDeps, actor: Actor): Promise<StudentDoc> {
  const student = await findStudentByUserId(deps, actor.userId);
  if (!student) throw notFound('Student');
  return student;
}

export const getMyStudentProfile = defineUseCase({
  name: 'getMyStudentProfile',
  input: z.object({}),
  access: [Role.STUDENT],
  run: (_input, { actor, deps }) => ownProfile(deps, actor),
});

/** The links between the actor's company and a student, read once (a single look-up needs no batching). */
function companyLinks(deps: DataDeps, actor: Actor, student: StudentDoc): CompanyLinks {
  const companyId = actor.companyId ?? '';
  return {
    knowsStudent: async () => (await knownCompanyStudentPairs(deps, [`${companyId}:${String(student._id)}`])).size > 0,
    partnersWithSchool: async () =>
      (await approvedPartnerships(deps, { schoolIds: [student.schoolId], companyIds: [companyId] })).length > 0,
  };
}

/**
 * The student, their school's staff, the admin, and recruiters of a partner company (or one that already knows
 * the student). Unknown or malformed id: NOT_FOUND.
 */
export const getStudent = defineUseCase({
  name: 'getStudent',
  input: byIdInputSchema,
  access: 'authenticated',
  run: async ({ id }, { actor, deps }): Promise<StudentDoc> => {
    const student = await findStudent(deps, id);
    if (!student) throw notFound('Student', id);
    const links = isRecruiter(actor) ? companyLinks(deps, actor, student) : null;
    const allowed = await canLookUpStudent(actor, student, links ?? noLinks);
    if (!allowed) throw forbidden('student.notAccessible');
    return student;
  },
});

const noLinks: CompanyLinks = { knowsStudent: async () => false, partnersWithSchool: async () => false };

/** Which profile the actor edits: their own (student) or the one they name (staff of its school). */
async function profileToEdit(deps: DataDeps, actor: Actor, studentId: string | undefined): Promise<StudentDoc> {
  if (isStudent(actor)) {
    const student = await ownProfile(deps, actor);
    if (studentId && !sameId(studentId.toLowerCase(), student._id)) throw forbidden('student.ownProfileOnly');
    return student;
  }
  if (!studentId) {
    throw badUserInput('student.studentRequired', undefined, [
      { path: 'input.studentId', message: renderMessage('student.studentRequiredField') },
    ]);
  }
  const student = await findStudent(deps, studentId);
  if (!student) throw notFound('Student', studentId);
  if (!isStaffOf(actor, student.schoolId)) throw forbidden('student.notInYourSchool');
  return student;
}

/**
 * Partial update: absent fields are kept. A student edits their own profile (no studentId, or their own); staff
 * edit a student of their school by studentId. The target is resolved before the rest is validated: an unknown
 * student is NOT_FOUND whatever the other fields.
 */
export const updateStudentProfile = defineUseCase({
  name: 'updateStudentProfile',
  input: z.looseObject({ studentId: z.string().nullish() }),
  access: [Role.STUDENT, Role.SCHOOL_STAFF],
  run: async (raw, { actor, deps }): Promise<StudentDoc> => {
    const student = await profileToEdit(deps, actor, raw.studentId || undefined);
    const input = parseInput(studentProfileSchema, raw, 'input');
    const set: Record<string, unknown> = {};
    if (input.trade !== undefined) set['trade'] = input.trade;
    if (input.diplomaLevel !== undefined) set['diplomaLevel'] = input.diplomaLevel;
    if (input.graduationDate !== undefined) set['graduationDate'] = input.graduationDate;
    if (input.skills !== undefined) set['skills'] = input.skills;
    if (input.city !== undefined) set['city'] = input.city;
    if (input.location !== undefined) set['location'] = toGeoJsonPoint(input.location);
    if (input.mobilityKm !== undefined) set['mobilityKm'] = input.mobilityKm;
    if (input.availableFrom !== undefined) set['availableFrom'] = input.availableFrom;
    if (input.phone !== undefined) set['phone'] = input.phone;
    const unset = input.removePhone && input.phone === undefined ? { phone: 1 } : null;
    if (Object.keys(set).length === 0 && !unset) return student;
    const update = { ...(Object.keys(set).length ? { $set: set } : {}), ...(unset ? { $unset: unset } : {}) };
    const options = { returnDocument: 'after', runValidators: true } as const;
    // An erased student's anonymous record is not edited (NOT_FOUND below).
    const filter = { _id: student._id, erasedAt: null };
    // The outcome figures are summed from a per-graduate summary holding the trade and graduation date: it changes
    // with them, in the same transaction.
    const updated =
      input.trade !== undefined || input.graduationDate !== undefined
        ? await inTransaction(deps, async (session) => {
            const after = await studentModel(deps.connection).findOneAndUpdate(filter, update, {
              ...options,
              session,
            });
            if (after) await graduationFactsChanged(deps, session, after._id);
            return after;
          })
        : await studentModel(deps.connection).findOneAndUpdate(filter, update, options);
    if (!updated) throw notFound('Student', String(student._id));
    return updated;
  },
});

/** The student's own choice to stay out of the companies' matching (issue 18). */
export const setHiddenFromMatching = defineUseCase({
  name: 'setHiddenFromMatching',
  input: z.object({ hidden: z.boolean() }),
  access: [Role.STUDENT],
  run: async ({ hidden }, { actor, deps }): Promise<StudentDoc> => {
    const student = await ownProfile(deps, actor);
    const updated = await studentModel(deps.connection).findOneAndUpdate(
      { _id: student._id },
      { $set: { hiddenFromMatching: hidden } },
      { returnDocument: 'after' },
    );
    if (!updated) throw notFound('Student', String(student._id));
    return updated;
  },
});
