import * as z from 'zod';
import { forbidden, notFound, PROFILE_VIEWS_LIMIT, Role } from '@promesse/shared';
import { isStudent } from '../../core/actor';
import { sameId } from '../../core/ids';
import { defineUseCase } from '../../core/use-case';
import { isStaffOf } from '../school/school.policy';
import { findStudent, findStudentByUserId } from '../student/student.queries';
import type { AccessLogEntry } from './access-log.model';
import { accessLogOfStudent } from './access-log.queries';

/**
 * Who, of a company, saw a student's contact details or CV (newest first): the student (their own, no studentId)
 * and the staff of their school (studentId). Nobody else, the admin included: FORBIDDEN.
 */
export const listProfileViews = defineUseCase({
  name: 'listProfileViews',
  input: z.object({ studentId: z.string().max(100).nullish() }),
  access: [Role.STUDENT, Role.SCHOOL_STAFF],
  run: async ({ studentId }, { actor, deps }): Promise<AccessLogEntry[]> => {
    if (isStudent(actor)) {
      const own = await findStudentByUserId(deps, actor.userId);
      if (!own) throw notFound('Student');
      if (studentId && !sameId(studentId.toLowerCase(), own._id)) throw forbidden('student.ownProfileOnly');
      return accessLogOfStudent(deps, own._id, PROFILE_VIEWS_LIMIT);
    }
    if (!studentId) throw notFound('Student');
    const student = await findStudent(deps, studentId);
    if (!student) throw notFound('Student', studentId);
    if (!isStaffOf(actor, student.schoolId)) throw forbidden('student.notInYourSchool');
    return accessLogOfStudent(deps, student._id, PROFILE_VIEWS_LIMIT);
  },
});
