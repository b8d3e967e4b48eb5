import type { Types } from 'mongoose';
import { isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isRecruiterOf } from '../company/company.policy';
import { isStaffOf } from '../school/school.policy';

/**
 * The part an actor plays in an application's conversation: the student and the company's recruiters write; the
 * staff of the student's school read (safeguarding of minors); nobody else, the admin included, reads it.
 */
export type ConversationSide = 'STUDENT' | 'COMPANY' | 'STAFF';

export function conversationSide(
  actor: Actor | null,
  app: { companyId: Types.ObjectId; schoolId: Types.ObjectId },
  studentUserId: Types.ObjectId | null | undefined,
): ConversationSide | null {
  if (isRecruiterOf(actor, app.companyId)) return 'COMPANY';
  if (isStudent(actor) && sameId(studentUserId, actor.userId)) return 'STUDENT';
  if (isStaffOf(actor, app.schoolId)) return 'STAFF';
  return null;
}

export function canWrite(side: ConversationSide | null): side is 'STUDENT' | 'COMPANY' {
  return side === 'STUDENT' || side === 'COMPANY';
}
