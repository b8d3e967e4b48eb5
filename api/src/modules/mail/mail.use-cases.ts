import * as z from 'zod';
import { byIdInputSchema, mailDeadLettersInputSchema, notFound, PAGE_SIZE_DEFAULT } from '@promesse/shared';
import { defineUseCase } from '../../core/use-case';
import { validObjectIds } from '../../core/ids';
import { mailOutboxModel, type MailOutboxDoc, type MailStatus } from './mail.model';

export interface MailQueueStatus {
  pending: number;
  /** Pending messages that failed at least once (waiting for their retry). */
  retrying: number;
  sent: number;
  dead: number;
  suppressed: number;
  oldestPendingAt: Date | null;
}

/** The outbox at a glance, for the federation admin. */
export const getMailQueueStatus = defineUseCase({
  name: 'getMailQueueStatus',
  input: z.object({}),
  access: ['FEDERATION_ADMIN'],
  run: async (_input, { deps }): Promise<MailQueueStatus> => {
    const outbox = mailOutboxModel(deps.connection);
    const count = (status: MailStatus) => outbox.countDocuments({ status });
    const [pending, retrying, sent, dead, suppressed, oldest] = await Promise.all([
      count('PENDING'),
      outbox.countDocuments({ status: 'PENDING', lastError: { $exists: true } }),
      count('SENT'),
      count('DEAD'),
      count('SUPPRESSED'),
      outbox.findOne({ status: 'PENDING' }, { createdAt: 1 }).sort({ createdAt: 1 }).lean(),
    ]);
    return { pending, retrying, sent, dead, suppressed, oldestPendingAt: oldest?.createdAt ?? null };
  },
});

/** Messages given up on (refused by the server, or failing after every retry), most recent first. */
export const listMailDeadLetters = defineUseCase({
  name: 'listMailDeadLetters',
  input: mailDeadLettersInputSchema,
  access: ['FEDERATION_ADMIN'],
  run: async ({ first }, { deps }): Promise<MailOutboxDoc[]> =>
    mailOutboxModel(deps.connection)
      .find({ status: 'DEAD' })
      .sort({ updatedAt: -1, _id: -1 })
      .limit(first ?? PAGE_SIZE_DEFAULT),
});

/** Puts a dead letter back in the queue for a fresh series of attempts (after the cause was fixed). */
export const retryMailDeadLetter = defineUseCase({
  name: 'retryMailDeadLetter',
  input: byIdInputSchema,
  access: ['FEDERATION_ADMIN'],
  run: async ({ id }, { deps }): Promise<MailOutboxDoc> => {
    const [objectId] = validObjectIds([id]);
    const doc = objectId
      ? await mailOutboxModel(deps.connection).findOneAndUpdate(
          { _id: objectId, status: 'DEAD' },
          { $set: { status: 'PENDING', attempts: 0, availableAt: deps.clock.now() } },
          { returnDocument: 'after' },
        )
      : null;
    if (!doc) throw notFound('MailDeadLetter', id);
    return doc;
  },
});
