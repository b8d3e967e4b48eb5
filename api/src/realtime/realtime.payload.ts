import { mongo, type Types } from 'mongoose';
import type { Locale, MessageNewPayload, NotificationPayload, NotificationType } from '@promesse/shared';
import { plainData, renderNotification } from '../modules/notification/notification.queries';

/** What both a change event's fullDocument and a lean/hydrated notification document provide. */
export interface NotificationSource {
  _id: Types.ObjectId | mongo.ObjectId | string;
  type: NotificationType | string;
  data?: unknown;
  createdAt?: Date | string | null;
}

/**
 * The `notification:new` payload: the fields the GraphQL `Notification` type gives, same id, the text rendered in
 * the recipient's language.
 */
export function toNotificationPayload(n: NotificationSource, locale: Locale): NotificationPayload {
  const id = String(n._id);
  const createdAt = n.createdAt ? new Date(n.createdAt) : new mongo.ObjectId(id).getTimestamp();
  const { title, body } = renderNotification(n, locale);
  return {
    id,
    type: n.type as NotificationType,
    title,
    body,
    createdAt: createdAt.toISOString(),
    data: plainData(n.data),
  };
}

/** The `message:new` payload of a MESSAGE_RECEIVED notification (which conversation, which message). */
export function toMessageNewPayload(n: NotificationSource): MessageNewPayload | null {
  const data = plainData(n.data);
  const applicationId = data['applicationId'];
  const messageId = data['messageId'];
  if (typeof applicationId !== 'string' || typeof messageId !== 'string') return null;
  const id = String(n._id);
  const createdAt = n.createdAt ? new Date(n.createdAt) : new mongo.ObjectId(id).getTimestamp();
  return {
    applicationId,
    messageId,
    notificationId: id,
    ...(typeof data['authorName'] === 'string' ? { authorName: data['authorName'] } : {}),
    ...(typeof data['excerpt'] === 'string' ? { excerpt: data['excerpt'] } : {}),
    createdAt: createdAt.toISOString(),
  };
}
