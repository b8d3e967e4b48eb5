import type { Types } from 'mongoose';
import { isAdmin, isRecruiter, isStaff, type Actor } from '../../core/actor';
import { sameId } from '../../core/ids';
import type { PartnershipDoc } from './company.model';

export function isRecruiterOf(actor: Actor | null, companyId: string | Types.ObjectId): boolean {
  return isRecruiter(actor) && sameId(actor.companyId, companyId);
}

/**
 * SIRET and contact: the company's recruiters, the admin, and staff of a school it asked to partner with
 * (`partnerships`: the company's, any status).
 */
export function canSeeCompanyDetails(
  actor: Actor | null,
  companyId: string | Types.ObjectId,
  partnerships: readonly Pick<PartnershipDoc, 'schoolId'>[],
): boolean {
  if (isAdmin(actor) || isRecruiterOf(actor, companyId)) return true;
  return isStaff(actor) && partnerships.some((p) => sameId(p.schoolId, actor.schoolId));
}

/** Which of a company's partnerships the actor sees: all for its recruiters and the admin, their school's for staff. */
export function visiblePartnerships<P extends Pick<PartnershipDoc, 'schoolId'>>(
  actor: Actor | null,
  companyId: string | Types.ObjectId,
  partnerships: readonly P[],
): P[] {
  if (isAdmin(actor) || isRecruiterOf(actor, companyId)) return [...partnerships];
  if (isStaff(actor)) return partnerships.filter((p) => sameId(p.schoolId, actor.schoolId));
  return [];
}
