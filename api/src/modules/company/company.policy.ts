import { Role } from '@promesse/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../../graphql/context';
import type { Loaders } from '../../graphql/loaders';
import { sameId } from '../school/school.service';

export function isRecruiterOf(actor: Actor | null, companyId: string | Types.ObjectId): boolean {
  return actor?.role === Role.COMPANY_RECRUITER && sameId(actor.companyId, companyId);
}

/** SIRET and contact: the company's recruiters, the admin, and staff of a school it asked to partner with. */
export async function canSeeCompanyDetails(
  actor: Actor | null,
  companyId: string | Types.ObjectId,
  loaders: Pick<Loaders, 'partnershipsByCompanyId'>,
): Promise<boolean> {
  if (!actor) return false;
  if (actor.role === Role.FEDERATION_ADMIN || isRecruiterOf(actor, companyId)) return true;
  if (actor.role === Role.SCHOOL_STAFF && actor.schoolId) {
    const partnerships = await loaders.partnershipsByCompanyId.load(String(companyId));
    return partnerships.some((p) => sameId(p.schoolId, actor.schoolId));
  }
  return false;
}
