import { Types, type ClientSession } from 'mongoose';
import {
  buildNotificationText,
  DEFAULT_LOCALE,
  type Locale,
  type NotificationText,
  type NotificationType,
  type Role,
} from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { loadRecipients, notificationSettingsOfUsers } from '../auth/auth.queries';
import { enqueueMails, MAIL_PATHS, type MailMessage } from '../mail/mail.queries';
import { newNotificationId } from './notification.ids';
import { notificationModel, type NotificationDoc } from './notification.model';
import { channelOf } from './notification.preferences';

export interface NotificationItem {
  userId: string | Types.ObjectId;
  type: NotificationType;
  data: Record<string, unknown>;
}

/** The page of the web app a notification leads to, for the recipient's role (null: the notifications page). */
export function notificationPath(type: NotificationType, data: Record<string, unknown>, role: Role): string | null {
  const promiseId = typeof data['jobPromiseId'] === 'string' ? data['jobPromiseId'] : null;
  switch (role) {
    case 'STUDENT':
      if (type === 'RECOMMENDATION_RECEIVED' || type === 'RECOMMENDATION_CLOSED') return '/eleve/recommandations';
      if (type === 'APPLICATION_STATUS_CHANGED') return '/eleve/candidatures';
      return promiseId ? MAIL_PATHS.studentPromise(promiseId) : null;
    case 'COMPANY_RECRUITER':
      if (type === 'PARTNERSHIP_DECIDED') return '/entreprise/partenariats';
      return promiseId ? MAIL_PATHS.companyPromise(promiseId) : null;
    case 'SCHOOL_STAFF':
      if (type === 'PARTNERSHIP_REQUESTED') return '/ecole/partenariats';
      if (type === 'APPLICATION_STATUS_CHANGED') return '/ecole/candidatures';
      return promiseId ? `/ecole/promesses/${promiseId}` : null;
    default:
      return null;
  }
}

/**
 * Stores notifications in the caller's session, so they commit (or vanish) with the change they announce; live
 * delivery follows the commit (realtime/realtime.feed.ts). Only type + data are stored: the text is rendered when
 * read, in the reader's language. Duplicate (userId, type) pairs with identical data in one call are written once.
 *
 * Each recipient's channel for the type applies here: MUTED is stored already read (no push, no unread count);
 * IMMEDIATE queues an e-mail in the same transaction, keyed by the notification's id (sent once, even if the
 * transaction is retried: the id is drawn again, and the aborted attempt's message never existed); DIGEST waits for
 * the daily digest job.
 */
export async function createNotifications(
  deps: DataDeps,
  session: ClientSession | null,
  items: readonly NotificationItem[],
): Promise<NotificationDoc[]> {
  const seen = new Set<string>();
  const unique: NotificationItem[] = [];
  for (const item of items) {
    const key = `${String(item.userId)}|${item.type}|${JSON.stringify(item.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  if (unique.length === 0) return [];
  const recipients = new Map(
    (await notificationSettingsOfUsers(deps, [...new Set(unique.map((i) => String(i.userId)))], session)).map((u) => [
      String(u._id),
      u,
    ]),
  );
  const now = deps.clock.now();
  const docs = [];
  const mails: MailMessage[] = [];
  for (const item of unique) {
    const userId = String(item.userId);
    const user = recipients.get(userId);
    const channel = user ? channelOf(user, item.type) : 'IN_APP';
    // Millisecond-ordered across API instances: the list and catch-up order by id (see notification.ids.ts).
    const _id = newNotificationId();
    docs.push({
      _id,
      userId: new Types.ObjectId(userId),
      type: item.type,
      data: item.data,
      readAt: channel === 'MUTED' ? now : null,
      digestedAt: null,
    });
    if (channel === 'IMMEDIATE' && user) {
      mails.push({
        key: `notification:${String(_id)}`,
        to: user.email,
        locale: user.locale ?? DEFAULT_LOCALE,
        recipientName: user.displayName,
        userId,
        // The preferences read unsubscribes per type (`notification:<TYPE>`), whatever the template.
        topic: `notification:${item.type}`,
        ...notificationMail(item, notificationPath(item.type, item.data, user.role)),
      });
    }
  }
  const inserted = await notificationModel(deps.connection).insertMany(docs, { session: session ?? undefined });
  await enqueueMails(deps, session, mails);
  return inserted;
}

/** One notification of `type` to every recruiter of a company, in the caller's transaction. */
export async function notifyRecruiters(
  deps: DataDeps,
  session: ClientSession,
  companyId: Types.ObjectId,
  type: NotificationType,
  data: Record<string, unknown>,
): Promise<void> {
  const recipients = await loadRecipients(deps, { companyIds: [companyId] }, session);
  await createNotifications(
    deps,
    session,
    recipients.recruitersOfCompany(companyId).map((userId) => ({ userId, type, data })),
  );
}

type MailContentOf<M> = M extends MailMessage ? Pick<M, 'template' | 'params'> : never;

/**
 * The e-mail sent at once for a notification. The types with a message of their own (a saved-search alert, the
 * reminders to companies) use their template, which says more than the notification's title and body; every other
 * type uses the generic one, rendered from the notification's text.
 */
function notificationMail(item: NotificationItem, path: string | null): MailContentOf<MailMessage> {
  const data = plainData(item.data);
  const text = (key: string) => (typeof data[key] === 'string' ? data[key] : '');
  switch (item.type) {
    case 'JOB_ALERT_MATCH':
      return {
        template: 'jobAlert',
        params: {
          jobPromiseId: text('jobPromiseId'),
          title: text('jobPromiseTitle'),
          companyName: text('companyName'),
          city: text('city'),
          searchName: text('alertName'),
        },
      };
    case 'JOB_PROMISE_EXPIRING':
      return {
        template: 'promiseExpiring',
        params: { jobPromiseId: text('jobPromiseId'), title: text('jobPromiseTitle'), expiresAt: text('expiresAt') },
      };
    case 'APPLICATIONS_WAITING':
      return {
        template: 'applicationsWaiting',
        params: {
          jobPromiseId: text('jobPromiseId'),
          title: text('jobPromiseTitle'),
          count: Number(data['count'] ?? 0),
          days: Number(data['days'] ?? 0),
        },
      };
    default:
      return { template: 'notification', params: { type: item.type, data, path } };
  }
}

/** What a stored notification (hydrated, lean, or from a change event) needs to be shown. */
export interface NotificationSource {
  type: NotificationType | string;
  data?: unknown;
}

/** Title and body of a stored notification in the reader's language. */
export function renderNotification(n: NotificationSource, locale: Locale): NotificationText {
  return buildNotificationText(n.type as NotificationType, plainData(n.data), locale);
}

// `data` is a Mixed field: ObjectIds or Dates in it would reach clients as objects; the JSON form is what the
// GraphQL `data` field and the socket payload show.
export function plainData(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/** Retention (issue 18): deletes the read notifications created at or before `before`. */
export async function purgeReadNotifications(deps: Pick<DataDeps, 'connection'>, before: Date): Promise<number> {
  const result = await notificationModel(deps.connection).deleteMany({
    readAt: { $ne: null },
    createdAt: { $lte: before },
  });
  return result.deletedCount;
}
