import {
  byIdInputSchema,
  conflict,
  DEFAULT_LOCALE,
  forbidden,
  INVITATION_VALIDITY_MS,
  inviteColleagueSchema,
  notFound,
  Role,
} from '@promesse/shared';
import type { ClientSession } from 'mongoose';
import { isRecruiter } from '../../core/actor';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { defineUseCase } from '../../core/use-case';
import { findCompany } from '../company/company.queries';
import { enqueueMail } from '../mail/mail.queries';
import { hashInvitationCode, newInvitationCode } from './auth.invitation-code';
import { invitationModel, type InvitationDoc } from './auth.invitation.model';
import { userModel } from './auth.model';
import { emailIsTaken } from './auth.queries';
import { reissueInvitation } from './auth.use-cases';

export interface ColleagueInvitationResult {
  code: string;
  email: string;
  expiresAt: Date;
}

/**
 * A recruiter invites a colleague into their company: the same single-use invitation as for schools (only the code's
 * hash kept, accepted with acceptInvitation), its e-mail queued through the outbox in the same transaction. Once the
 * account exists, the colleague sees the company's promises and applications like any of its recruiters.
 */
export const inviteColleague = defineUseCase({
  name: 'inviteColleague',
  input: inviteColleagueSchema,
  access: [Role.COMPANY_RECRUITER],
  run: async (input, { actor, deps }): Promise<ColleagueInvitationResult> => {
    if (!isRecruiter(actor)) throw forbidden();
    const company = await findCompany(deps, actor.companyId);
    if (!company) throw notFound('Company', actor.companyId);
    if (await emailIsTaken(deps, input.email)) {
      throw conflict('auth.emailTaken', undefined, { fields: ['email'] });
    }
    const code = newInvitationCode();
    const now = deps.clock.now();
    const expiresAt = new Date(now.getTime() + INVITATION_VALIDITY_MS);
    await inTransaction(deps, async (session) => {
      const [invitation] = await invitationModel(deps.connection).create(
        [
          {
            codeHash: hashInvitationCode(code),
            email: input.email,
            role: Role.COMPANY_RECRUITER,
            companyId: company._id,
            invitedBy: actor.userId,
            expiresAt,
            sentCount: 1,
            lastSentAt: now,
          },
        ],
        { session },
      );
      if (!invitation) throw new Error('invitation not created');
      await queueColleagueMail(deps, session, invitation, company.name, code);
    });
    return { code, email: input.email, expiresAt };
  },
});

/** The colleague invitation e-mail, in the inviter's language (the invitee has no account yet); one key a sending. */
async function queueColleagueMail(
  deps: DataDeps,
  session: ClientSession,
  invitation: InvitationDoc,
  companyName: string,
  code: string,
): Promise<void> {
  const inviter = await userModel(deps.connection)
    .findById(invitation.invitedBy, { displayName: 1, locale: 1 })
    .session(session)
    .lean();
  await enqueueMail(deps, session, {
    key: `invitation:${String(invitation._id)}:${invitation.sentCount}`,
    to: invitation.email,
    locale: inviter?.locale ?? DEFAULT_LOCALE,
    template: 'colleagueInvitation',
    params: {
      inviterName: inviter?.displayName ?? '',
      companyName,
      code,
      expiresAt: invitation.expiresAt.toISOString(),
    },
  });
}

/**
 * Sends one of the company's colleague invitations again (the schools' resend, shared): a new code and validity,
 * the previous link stops working. Another company's invitation: NOT_FOUND.
 */
export const resendColleagueInvitation = defineUseCase({
  name: 'resendColleagueInvitation',
  input: byIdInputSchema,
  access: [Role.COMPANY_RECRUITER],
  run: async ({ id }, { actor, deps }): Promise<ColleagueInvitationResult> => {
    if (!isRecruiter(actor)) throw forbidden();
    const company = await findCompany(deps, actor.companyId);
    if (!company) throw notFound('Company', actor.companyId);
    const { code, invitation } = await reissueInvitation(deps, actor, id, (session, updated, newCode) =>
      queueColleagueMail(deps, session, updated, company.name, newCode),
    );
    return { code, email: invitation.email, expiresAt: invitation.expiresAt };
  },
});
