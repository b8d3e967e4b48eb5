import type { DataDeps } from '../../core/deps';
import { assertUnderCap, capWindowStart } from '../../core/caps';
import { invitationModel } from './auth.invitation.model';

/**
 * Anti-spam: the invitations an inviter sent within the hour (new ones and resends: an invitation counts once in
 * the window, at its last sending). TOO_MANY_REQUESTS past the cap.
 */
export async function assertInvitationCap(deps: DataDeps, inviterId: string, now: Date): Promise<void> {
  const recent = { invitedBy: inviterId, lastSentAt: { $gte: capWindowStart('invitationsPerInviter', now) } };
  const Invitation = invitationModel(deps.connection);
  const [count, oldest] = await Promise.all([
    Invitation.countDocuments(recent),
    Invitation.findOne(recent, { lastSentAt: 1 }).sort({ lastSentAt: 1 }).lean(),
  ]);
  assertUnderCap('invitationsPerInviter', { count, oldest: oldest?.lastSentAt ?? null }, now);
}
