import { Role } from '@promesse/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../../graphql/context';
import { sameId } from './school.service';

/** Staff of this school or the federation admin: who may see a school's students and staff. */
export function canSeeSchoolMembers(actor: Actor | null, schoolId: string | Types.ObjectId): boolean {
  if (!actor) return false;
  if (actor.role === Role.FEDERATION_ADMIN) return true;
  return actor.role === Role.SCHOOL_STAFF && sameId(actor.schoolId, schoolId);
}

export function isStaffOf(actor: Actor | null, schoolId: string | Types.ObjectId): boolean {
  return actor?.role === Role.SCHOOL_STAFF && sameId(actor.schoolId, schoolId);
}
