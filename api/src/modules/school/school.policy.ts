import type { Types } from 'mongoose';
import { isAdmin, isStaff, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';

/** Staff of this school or the federation admin: who may see a school's students and staff. */
export function canSeeSchoolMembers(actor: Actor | null, schoolId: string | Types.ObjectId): boolean {
  return isAdmin(actor) || isStaffOf(actor, schoolId);
}

export function isStaffOf(actor: Actor | null, schoolId: string | Types.ObjectId): boolean {
  return isStaff(actor) && sameId(actor.schoolId, schoolId);
}
