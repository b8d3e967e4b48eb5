import type { Types } from 'mongoose';
import { isAdmin, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isStaffOf } from '../school/school.policy';

type Id = string | Types.ObjectId;

/**
 * A student's follow-up (situation, applications, recommendations as the roster and the student page show them):
 * the staff of their school, the federation admin and the student themself. Never a company or another student.
 */
export function canFollowStudent(actor: Actor | null, student: { schoolId: Id; userId: Id }): boolean {
  return (
    isAdmin(actor) || isStaffOf(actor, student.schoolId) || (isStudent(actor) && sameId(actor.userId, student.userId))
  );
}
