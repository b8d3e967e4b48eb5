import { Types } from 'mongoose';
import { isAdmin, isStaff, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import type { JobPromiseDoc } from '../job-promise/job-promise.model';
import { isOwnerRecruiter, targetsSchool } from '../job-promise/job-promise.policy';
import type { MatchingRoundDoc } from './matching.model';

/** Who reads graduate matches of a promise, and over which schools' students. */
export interface GraduateMatchScope {
  schoolIds: Types.ObjectId[];
  /**
   * Companies get distances rounded up to COMPANY_DISTANCE_STEP_KM before scoring: a minor's home must not be
   * triangulated from exact distances (or scores) to several promises.
   */
  coarseDistances: boolean;
}

/**
 * matchingGraduates: recruiters of the owner company (students of every targeted school), staff of a targeted
 * school once the promise is published (their own school's students only), the federation admin (all targeted
 * schools). Everyone else: null (FORBIDDEN).
 */
export function graduateMatchScope(
  actor: Actor,
  jp: Pick<JobPromiseDoc, 'companyId' | 'schoolIds' | 'status'>,
): GraduateMatchScope | null {
  if (isAdmin(actor)) return { schoolIds: [...jp.schoolIds], coarseDistances: false };
  if (isOwnerRecruiter(actor, jp)) return { schoolIds: [...jp.schoolIds], coarseDistances: true };
  if (isStaff(actor) && jp.status !== 'DRAFT' && targetsSchool(jp, actor.schoolId)) {
    return { schoolIds: [new Types.ObjectId(actor.schoolId)], coarseDistances: false };
  }
  return null;
}

/** A round is read and confirmed by the staff of its school (and read by the admin). */
export function canSeeMatchingRound(actor: Actor, round: Pick<MatchingRoundDoc, 'schoolId'>): boolean {
  return isAdmin(actor) || (isStaff(actor) && sameId(actor.schoolId, round.schoolId));
}
