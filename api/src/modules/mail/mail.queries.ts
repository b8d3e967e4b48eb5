import type { ClientSession } from 'mongoose';
import type { Locale } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { toObjectId } from '../../core/ids';
import { mailOutboxModel, mailSuppressionModel, type MailStatus } from './mail.model';
import { ESSENTIAL_TEMPLATES, type MailTemplate, type MailTemplateParams } from './mail.templates';

/** The web app's pages that messages link to (notification e-mails link there too). */
export { MAIL_PATHS } from './mail.templates';

// The mail module's door for other modules: enqueue a message inside the caller's transaction, and the suppression
// list that the notification preferences and the one-click unsubscribe share.

interface MailEnvelope {
  /**
   * Idempotency key: one per cause (`invitation:<id>:<n>`, `notification:<id>`, `digest:<user>:<day>`). Enqueuing
   * the same key again does nothing, so a retried transaction or a replayed job cannot send a message twice.
   */
  key: string;
  to: string;
  locale: Locale;
  recipientName?: string | null;
  /** The recipient's account: required for optional messages (their unsubscribe link names it). */
  userId?: string | null;
  /** What an optional message's unsubscribe link stops: `digest`, `jobAlert`, `reminder`, `notification:<TYPE>`. */
  topic?: string | null;
}

export type MailMessage = {
  [K in MailTemplate]: MailEnvelope & { template: K; params: MailTemplateParams[K] };
}[MailTemplate];

function outboxDocument(message: MailMessage, now: Date) {
  if (!ESSENTIAL_TEMPLATES.has(message.template) && (!message.userId || !message.topic)) {
    throw new Error(`mail ${message.key}: an optional message (${message.template}) needs a userId and a topic`);
  }
  return {
    key: message.key,
    to: message.to,
    locale: message.locale,
    recipientName: message.recipientName ?? undefined,
    template: message.template,
    params: message.params,
    userId: message.userId ? toObjectId(message.userId) : undefined,
    topic: message.topic ?? undefined,
    status: 'PENDING' satisfies MailStatus,
    attempts: 0,
    availableAt: now,
  };
}

/**
 * Queues messages in the caller's transaction (pass its session): they exist only if it commits, and a worker sends
 * them after that. Returns how many were new (keys already queued are left as they are).
 */
export async function enqueueMails(
  deps: DataDeps,
  session: ClientSession | null,
  messages: readonly MailMessage[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const now = deps.clock.now();
  const result = await mailOutboxModel(deps.connection).bulkWrite(
    messages.map((message) => ({
      updateOne: {
        filter: { key: message.key },
        update: { $setOnInsert: outboxDocument(message, now) },
        upsert: true,
      },
    })),
    { session: session ?? undefined, ordered: true },
  );
  return result.upsertedCount;
}

export async function enqueueMail(
  deps: DataDeps,
  session: ClientSession | null,
  message: MailMessage,
): Promise<boolean> {
  return (await enqueueMails(deps, session, [message])) === 1;
}

/** The topics a user stopped through an unsubscribe link (notification preferences show and undo them). */
export async function suppressedTopics(deps: DataDeps, userId: string): Promise<string[]> {
  const rows = await mailSuppressionModel(deps.connection)
    .find({ userId: toObjectId(userId) }, { topic: 1 })
    .lean();
  return rows.map((r) => r.topic);
}

export async function suppressTopic(
  deps: DataDeps,
  userId: string,
  topic: string,
  session?: ClientSession,
): Promise<void> {
  await mailSuppressionModel(deps.connection).updateOne(
    { userId: toObjectId(userId), topic },
    { $setOnInsert: { userId: toObjectId(userId), topic } },
    { upsert: true, session },
  );
}

export async function unsuppressTopic(
  deps: DataDeps,
  userId: string,
  topic: string,
  session?: ClientSession,
): Promise<void> {
  await mailSuppressionModel(deps.connection).deleteOne({ userId: toObjectId(userId), topic }, { session });
}
