import { Types } from 'mongoose';
import type { NotificationPayload, NotificationType } from '@promesse/shared';

/** What both a change event's fullDocument and a lean/hydrated notification document provide. */
export interface NotificationSource {
  _id: Types.ObjectId | string;
  type: NotificationType | string;
  title: string;
  body: string;
  data?: unknown;
  createdAt?: Date | string | null;
}

/** The `notification:new` payload: the fields the GraphQL `Notification` type gives, same id. */
export function toNotificationPayload(n: NotificationSource): NotificationPayload {
  const id = String(n._id);
  const createdAt = n.createdAt ? new Date(n.createdAt) : new Types.ObjectId(id).getTimestamp();
  return {
    id,
    type: n.type as NotificationType,
    title: n.title,
    body: n.body,
    createdAt: createdAt.toISOString(),
    data: plainData(n.data),
  };
}

// `data` is a Mixed field: ObjectIds or Dates in it would reach socket.io as binary attachments or objects; the
// JSON form is what the GraphQL `data` field shows.
function plainData(data: unknown): Record<string, unknown> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
