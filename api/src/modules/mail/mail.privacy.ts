import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { mailOutboxModel, mailSuppressionModel } from './mail.model';

// What the privacy module (issue 18) may ask of the mail module: the outbox and the suppression list of a person.

type Deps = Pick<DataDeps, 'connection'>;

/**
 * Deletes every queued or sent message to the person (their address or account), their unsubscriptions, and the
 * messages to others that still carry their name in the parameters (unsent ones: sent ones have dropped them).
 * Idempotent.
 */
export async function eraseMailsOf(
  deps: Deps,
  person: { userId: Types.ObjectId; email: string | null; names: readonly string[] },
  session: ClientSession,
): Promise<void> {
  const Outbox = mailOutboxModel(deps.connection);
  const own: Record<string, unknown>[] = [{ userId: person.userId }];
  if (person.email) own.push({ to: person.email });
  await Outbox.deleteMany({ $or: own }, { session });
  const names = person.names.filter((n) => n.trim().length > 1);
  if (names.length) {
    const carrying = await Outbox.find(
      { $or: [{ params: { $ne: null } }, { recipientName: { $in: names } }] },
      { params: 1, recipientName: 1 },
    )
      .session(session)
      .lean();
    const mentions = carrying
      .filter((m) => {
        const text = `${JSON.stringify(m.params ?? {})} ${m.recipientName ?? ''}`;
        return names.some((n) => text.includes(n));
      })
      .map((m) => m._id);
    if (mentions.length) await Outbox.deleteMany({ _id: { $in: mentions } }, { session });
  }
  await mailSuppressionModel(deps.connection).deleteMany({ userId: person.userId }, { session });
}
