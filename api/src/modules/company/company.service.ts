import { Types } from 'mongoose';
import {
  assertPartnershipTransition,
  conflict,
  decidePartnershipSchema,
  forbidden,
  isObjectId,
  notFound,
  parseInput,
  partnershipStatusSchema,
  optionalInput,
  requestPartnershipSchema,
  Role,
  type PartnershipStatus,
} from '@promesse/shared';
import { z } from 'zod';
import type { Actor, AppDeps } from '../../graphql/context';
import { createNotifications, recruiterIdsOfCompany, staffIdsOfSchool } from '../notification/notification.service';
import { schoolModel } from '../school/school.model';
import { isStaffOf } from '../school/school.policy';
import { companyModel, partnershipModel, type CompanyDoc, type PartnershipDoc } from './company.model';

type Deps = Pick<AppDeps, 'connection'>;

export async function getCompany(deps: Deps, id: string): Promise<CompanyDoc> {
  const company = isObjectId(id) ? await companyModel(deps.connection).findById(id) : null;
  if (!company) throw notFound('Company', id);
  return company;
}

export async function getMyCompany(deps: Deps, actor: Actor): Promise<CompanyDoc> {
  if (actor.role !== Role.COMPANY_RECRUITER || !actor.companyId) throw forbidden();
  return getCompany(deps, actor.companyId);
}

/** Ids of the schools a company may post promises for (approved partnerships). */
export async function approvedSchoolIdsOfCompany(
  deps: Deps,
  companyId: string | Types.ObjectId,
  session: import('mongoose').ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const rows = await partnershipModel(deps.connection)
    .find({ companyId, status: 'APPROVED' }, { schoolId: 1 })
    .session(session)
    .lean();
  return rows.map((r) => r.schoolId);
}

/**
 * A recruiter asks a school for a partnership; the school's staff are notified. Asking again while pending returns
 * the same request; a rejected request is re-opened; an approved one is a CONFLICT.
 */
export async function requestPartnership(
  deps: Deps,
  args: { schoolId: string },
  actor: Actor,
): Promise<PartnershipDoc> {
  if (actor.role !== Role.COMPANY_RECRUITER || !actor.companyId) throw forbidden();
  if (!isObjectId(args.schoolId)) throw notFound('School', String(args.schoolId));
  const { schoolId } = parseInput(requestPartnershipSchema, args);
  const [school, company] = await Promise.all([
    schoolModel(deps.connection).findById(schoolId),
    companyModel(deps.connection).findById(actor.companyId),
  ]);
  if (!school) throw notFound('School', schoolId);
  if (!company) throw notFound('Company', actor.companyId);
  const Partnership = partnershipModel(deps.connection);
  const key = { companyId: company._id, schoolId: school._id };

  for (let attempt = 0; ; attempt++) {
    const existing = await Partnership.findOne(key);
    if (existing?.status === 'PENDING') return existing;
    if (existing?.status === 'APPROVED')
      throw conflict('Ce partenariat est déjà approuvé', { entity: 'Partnership', id: String(existing._id) });
    try {
      return await deps.connection.transaction(async (session) => {
        let partnership: PartnershipDoc | null;
        if (existing) {
          // Re-open a rejected request, unless someone changed it meanwhile.
          partnership = await Partnership.findOneAndUpdate(
            { _id: existing._id, status: 'REJECTED' },
            {
              $set: { status: 'PENDING', requestedBy: actor.userId, requestedAt: new Date() },
              $unset: { decidedBy: 1, decidedAt: 1 },
            },
            { returnDocument: 'after', session },
          );
          if (!partnership) throw new RetryRequest();
        } else {
          const created = await Partnership.create(
            [{ ...key, status: 'PENDING', requestedBy: actor.userId, requestedAt: new Date() }],
            { session },
          );
          partnership = created[0] ?? null;
        }
        const staff = await staffIdsOfSchool(deps, school._id, session);
        await createNotifications(
          deps,
          session,
          staff.map((userId) => ({
            userId,
            type: 'PARTNERSHIP_REQUESTED' as const,
            data: { partnershipId: String(partnership!._id), companyName: company.name, schoolName: school.name },
          })),
        );
        return partnership!;
      });
    } catch (error) {
      const duplicate = (error as { code?: unknown }).code === 11000;
      if ((duplicate || error instanceof RetryRequest) && attempt < 3) continue;
      throw error;
    }
  }
}

class RetryRequest extends Error {}

/** Staff of the school approve or reject a PENDING request (anything else: CONFLICT); recruiters are notified. */
export async function decidePartnership(
  deps: Deps,
  args: { id: string; approve: boolean },
  actor: Actor,
  now = new Date(),
): Promise<PartnershipDoc> {
  const Partnership = partnershipModel(deps.connection);
  const current = isObjectId(args.id) ? await Partnership.findById(args.id) : null;
  if (!current) throw notFound('Partnership', args.id);
  const { id, approve } = parseInput(decidePartnershipSchema, args);
  if (!isStaffOf(actor, current.schoolId)) throw forbidden('Seule l’équipe de l’école concernée peut décider');
  const to: PartnershipStatus = approve ? 'APPROVED' : 'REJECTED';
  assertPartnershipTransition(current.status, to, 'SCHOOL');
  const school = await schoolModel(deps.connection).findById(current.schoolId);
  return deps.connection.transaction(async (session) => {
    const updated = await Partnership.findOneAndUpdate(
      { _id: id, status: 'PENDING' },
      { $set: { status: to, decidedBy: actor.userId, decidedAt: now } },
      { returnDocument: 'after', session },
    );
    // Decided by someone else between the read and now.
    if (!updated) throw conflict('Ce partenariat a déjà été décidé', { entity: 'Partnership', id });
    const recruiters = await recruiterIdsOfCompany(deps, updated.companyId, session);
    await createNotifications(
      deps,
      session,
      recruiters.map((userId) => ({
        userId,
        type: 'PARTNERSHIP_DECIDED' as const,
        data: { partnershipId: String(updated._id), schoolName: school?.name, status: to },
      })),
    );
    return updated;
  });
}

export const partnershipsQuerySchema = z.object({ status: optionalInput(partnershipStatusSchema) });

/** Recruiter: their company's; staff: their school's; admin: all. Newest first. */
export async function listPartnerships(
  deps: Deps,
  actor: Actor,
  args: { status?: PartnershipStatus | null },
): Promise<PartnershipDoc[]> {
  const { status } = parseInput(partnershipsQuerySchema, args);
  const filter: Record<string, unknown> = status ? { status } : {};
  if (actor.role === Role.COMPANY_RECRUITER && actor.companyId)
    filter['companyId'] = new Types.ObjectId(actor.companyId);
  else if (actor.role === Role.SCHOOL_STAFF && actor.schoolId) filter['schoolId'] = new Types.ObjectId(actor.schoolId);
  else if (actor.role !== Role.FEDERATION_ADMIN) throw forbidden();
  return partnershipModel(deps.connection).find(filter).sort({ _id: -1 }).limit(500);
}
