import { Types, type ClientSession } from 'mongoose';
import { buildNotificationText, type Locale, type NotificationText, type NotificationType } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { newNotificationId } from './notification.ids';
import { notificationModel, type NotificationDoc } from './notification.model';

export interface NotificationItem {
  userId: string | Types.ObjectId;
  type: NotificationType;
  data: Record<string, unknown>;
}

/**
 * Stores notifications in the caller's session, so they commit (or vanish) with the change they announce; live
 * delivery follows the commit (realtime/realtime.feed.ts). Only type + data are stored: the text is rendered when
 * read, in the reader's language. Duplicate (userId, type) pairs with identical data in one call are written once.
 */
export async function createNotifications(
  deps: Pick<DataDeps, 'connection'>,
  session: ClientSession | null,
  items: readonly NotificationItem[],
): Promise<NotificationDoc[]> {
  const seen = new Set<string>();
  const docs = [];
  for (const item of items) {
    const userId = String(item.userId);
    const key = `${userId}|${item.type}|${JSON.stringify(item.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    docs.push({
      // Millisecond-ordered across API instances: the list and catch-up order by id (see notification.ids.ts).
      _id: newNotificationId(),
      userId: new Types.ObjectId(userId),
      type: item.type,
      data: item.data,
      readAt: null,
    });
  }
  if (docs.length === 0) return [];
  return notificationModel(deps.connection).insertMany(docs, { session: session ?? undefined });
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
