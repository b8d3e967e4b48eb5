import { isStaff, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import type { StudentDoc } from '../student/student.model';

type StudentRefs = Pick<StudentDoc, 'userId' | 'schoolId'>;

/** A student's export: the student, and the staff of their school. Not the admin, not companies, not others. */
export function canExportStudent(actor: Actor, student: StudentRefs): boolean {
  if (isStudent(actor)) return sameId(actor.userId, student.userId);
  return isStaff(actor) && sameId(actor.schoolId, student.schoolId);
}

/** Staff delete the students of their school only. */
export function canEraseStudent(actor: Actor, student: StudentRefs): boolean {
  return isStaff(actor) && sameId(actor.schoolId, student.schoolId);
}
