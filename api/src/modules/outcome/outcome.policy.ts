import type { Types } from 'mongoose';
import { isAdmin, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isStaffOf } from '../school/school.policy';

type SchoolId = string | Types.ObjectId;

/** Exit outcomes, exam results and off-platform promises are recorded by the staff of the graduate's school. */
export function canRecordOutcomes(actor: Actor | null, schoolId: SchoolId): boolean {
  return isStaffOf(actor, schoolId);
}

/**
 * A graduate's outcome detail (outcome and its history, exam result, ledger of promises): their school's staff,
 * the federation admin and the graduate themself. Never a company.
 */
export function canSeeOutcomeDetail(actor: Actor | null, student: { schoolId: SchoolId; userId: SchoolId }): boolean {
  return (
    isAdmin(actor) || isStaffOf(actor, student.schoolId) || (isStudent(actor) && sameId(actor.userId, student.userId))
  );
}
