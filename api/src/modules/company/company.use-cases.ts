import * as z from 'zod';
import { Types } from 'mongoose';
import {
  assertPartnershipTransition,
  byIdInputSchema,
  conflict,
  decidePartnershipSchema,
  forbidden,
  isObjectId,
  notFound,
  optionalInput,
  parseInput,
  partnershipStatusSchema,
  Role,
  type PartnershipStatus,
} from '@promesse/shared';
import { isAdmin, isRecruiter, isStaff } from '../../core/actor';
import { assertUnderCap, capWindowStart } from '../../core/caps';
import { isDuplicateKeyError } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { loadRecipients } from '../auth/auth.queries';
import { createNotifications } from '../notification/notification.queries';
import { isStaffOf } from '../school/school.policy';
import { findSchool } from '../school/school.queries';
import { partnershipModel, type CompanyDoc, type PartnershipDoc } from './company.model';
import { findCompany } from './company.queries';

/** Unknown or malformed id: NOT_FOUND. Any signed-in user may see a company's public fields. */
export const getCompany = defineUseCase({
  name: 'getCompany',
  input: byIdInputSchema,
  access: 'authenticated',
  run: async ({ id }, { deps }): Promise<CompanyDoc> => {
    const company = await findCompany(deps, id);
    if (!company) throw notFound('Company', id);
    return company;
  },
});

export const getMyCompany = defineUseCase({
  name: 'getMyCompany',
  input: z.object({}),
  access: [Role.COMPANY_RECRUITER],
  run: async (_input, { actor, deps }): Promise<CompanyDoc> => {
    if (!isRecruiter(actor)) throw forbidden();
    const company = await findCompany(deps, actor.companyId);
    if (!company) throw notFound('Company', actor.companyId);
    return company;
  },
});

class RetryRequest extends Error {}

/**
 * A recruiter asks a school for a partnership; the school's staff are notified. Asking again while pending returns
 * the same request; a rejected request is re-opened; an approved one is a CONFLICT. Unknown or malformed school:
 * NOT_FOUND.
 */
export const requestPartnership = defineUseCase({
  name: 'requestPartnership',
  input: z.object({ schoolId: z.string() }),
  access: [Role.COMPANY_RECRUITER],
  run: async (args, { actor, deps }): Promise<PartnershipDoc> => {
    if (!isRecruiter(actor)) throw forbidden();
    if (!isObjectId(args.schoolId)) throw notFound('School', args.schoolId);
    const [school, company] = await Promise.all([findSchool(deps, args.schoolId), findCompany(deps, actor.companyId)]);
    if (!school) throw notFound('School', args.schoolId);
    if (!company) throw notFound('Company', actor.companyId);
    const Partnership = partnershipModel(deps.connection);
    const key = { companyId: company._id, schoolId: school._id };

    for (let attempt = 0; ; attempt++) {
      const existing = await Partnership.findOne(key);
      if (existing?.status === 'PENDING') return existing;
      if (existing?.status === 'APPROVED') {
        throw conflict('company.partnershipApproved', undefined, { entity: 'Partnership', id: String(existing._id) });
      }
      const now = deps.clock.now();
      // Anti-spam: a company's partnership requests (new or re-opened) per day; a pending one returned above is free.
      const since = capWindowStart('partnershipRequestsPerCompany', now);
      const recent = { companyId: company._id, requestedAt: { $gte: since } };
      const [count, oldest] = await Promise.all([
        Partnership.countDocuments(recent),
        Partnership.findOne(recent, { requestedAt: 1 }).sort({ requestedAt: 1 }).lean(),
      ]);
      assertUnderCap('partnershipRequestsPerCompany', { count, oldest: oldest?.requestedAt ?? null }, now);
      try {
        return await inTransaction(deps, async (session) => {
          let partnership: PartnershipDoc | null;
          if (existing) {
            // Re-open a rejected request, unless someone changed it meanwhile.
            partnership = await Partnership.findOneAndUpdate(
              { _id: existing._id, status: 'REJECTED' },
              {
                $set: { status: 'PENDING', requestedBy: actor.userId, requestedAt: now },
                $unset: { decidedBy: 1, decidedAt: 1 },
              },
              { returnDocument: 'after', session },
            );
            if (!partnership) throw new RetryRequest();
          } else {
            const [created] = await Partnership.create(
              [{ ...key, status: 'PENDING', requestedBy: actor.userId, requestedAt: now }],
              { session },
            );
            if (!created) throw new Error('partnership not created');
            partnership = created;
          }
          const recipients = await loadRecipients(deps, { schoolIds: [school._id] }, session);
          await createNotifications(
            deps,
            session,
            recipients.staffOfSchool(school._id).map((userId) => ({
              userId,
              type: 'PARTNERSHIP_REQUESTED' as const,
              data: { partnershipId: String(partnership._id), companyName: company.name, schoolName: school.name },
            })),
          );
          return partnership;
        });
      } catch (error) {
        if ((isDuplicateKeyError(error) || error instanceof RetryRequest) && attempt < 3) continue;
        throw error;
      }
    }
  },
});

/** Staff of the school approve or reject a PENDING request (anything else: CONFLICT); recruiters are notified. */
export const decidePartnership = defineUseCase({
  name: 'decidePartnership',
  // The id is looked up before the rest is validated: an unknown or malformed one is NOT_FOUND.
  input: byIdInputSchema.extend({ approve: z.unknown() }),
  access: [Role.SCHOOL_STAFF],
  run: async (args, { actor, deps }): Promise<PartnershipDoc> => {
    const Partnership = partnershipModel(deps.connection);
    const current = isObjectId(args.id) ? await Partnership.findById(args.id) : null;
    if (!current) throw notFound('Partnership', args.id);
    const { id, approve } = parseInput(decidePartnershipSchema, args);
    if (!isStaffOf(actor, current.schoolId)) throw forbidden('company.schoolStaffDecides');
    const to: PartnershipStatus = approve ? 'APPROVED' : 'REJECTED';
    assertPartnershipTransition(current.status, to, 'SCHOOL');
    const school = await findSchool(deps, current.schoolId);
    const now = deps.clock.now();
    return inTransaction(deps, async (session) => {
      const updated = await Partnership.findOneAndUpdate(
        { _id: id, status: 'PENDING' },
        { $set: { status: to, decidedBy: actor.userId, decidedAt: now } },
        { returnDocument: 'after', session },
      );
      // Decided by someone else between the read and now.
      if (!updated) throw conflict('company.partnershipDecided', undefined, { entity: 'Partnership', id });
      const recipients = await loadRecipients(deps, { companyIds: [updated.companyId] }, session);
      await createNotifications(
        deps,
        session,
        recipients.recruitersOfCompany(updated.companyId).map((userId) => ({
          userId,
          type: 'PARTNERSHIP_DECIDED' as const,
          data: { partnershipId: String(updated._id), schoolName: school?.name, status: to },
        })),
      );
      return updated;
    });
  },
});

/** Recruiter: their company's; staff: their school's; admin: all. Newest first. */
export const listPartnerships = defineUseCase({
  name: 'listPartnerships',
  input: z.object({ status: optionalInput(partnershipStatusSchema) }),
  access: [Role.COMPANY_RECRUITER, Role.SCHOOL_STAFF, Role.FEDERATION_ADMIN],
  run: async ({ status }, { actor, deps }): Promise<PartnershipDoc[]> => {
    const filter: Record<string, unknown> = status ? { status } : {};
    if (isRecruiter(actor)) filter['companyId'] = new Types.ObjectId(actor.companyId);
    else if (isStaff(actor)) filter['schoolId'] = new Types.ObjectId(actor.schoolId);
    else if (!isAdmin(actor)) throw forbidden();
    return partnershipModel(deps.connection).find(filter).sort({ _id: -1 }).limit(500);
  },
});
