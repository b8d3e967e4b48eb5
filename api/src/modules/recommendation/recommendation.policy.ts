import type { Types } from 'mongoose';
import { isAdmin, isStudent, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import { isRecruiterOf } from '../company/company.policy';
import { isStaffOf } from '../school/school.policy';
import type { RecommendationDoc } from './recommendation.model';

type Parties = Pick<RecommendationDoc, 'schoolId' | 'companyId'>;

/** The student (`studentUserId`: the user of the recommended student), staff of their school, the company, the admin. */
export function canSeeRecommendation(
  actor: Actor | null,
  rec: Parties,
  studentUserId?: Types.ObjectId | null,
): boolean {
  if (isAdmin(actor) || isStaffOf(actor, rec.schoolId) || isRecruiterOf(actor, rec.companyId)) return true;
  return isStudent(actor) && sameId(studentUserId, actor.userId);
}

/** Who recommended is shown to the school's staff and the admin only. */
export function canSeeRecommender(actor: Actor | null, rec: Pick<RecommendationDoc, 'schoolId'>): boolean {
  return isAdmin(actor) || isStaffOf(actor, rec.schoolId);
}
