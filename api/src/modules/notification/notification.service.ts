import { Types, type ClientSession } from 'mongoose';
import {
  buildNotificationText,
  isObjectId,
  notFound,
  parseInput,
  markNotificationsReadSchema,
  notificationsQuerySchema,
  PAGE_SIZE_DEFAULT,
  badUserInput,
  type NotificationType,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { newNotificationId } from '../../realtime/realtime.ids';
import { userModel } from '../auth/auth.model';
import { notificationModel, type NotificationDoc } from './notification.model';

export interface NotificationItem {
  userId: string | Types.ObjectId;
  type: NotificationType;
  data: Record<string, unknown>;
}

/**
 * Stores notifications in the caller's session, so they commit (or vanish) with the change they announce.
 * Live delivery (issue 5) reads what is committed: documents start with `emittedAt: null` (the outbox).
 * Duplicate (userId, type) pairs with identical data in one call are written once.
 */
export async function createNotifications(
  deps: Pick<AppDeps, 'connection'>,
  session: ClientSession | null,
  items: NotificationItem[],
): Promise<NotificationDoc[]> {
  const seen = new Set<string>();
  const docs = [];
  for (const item of items) {
    const userId = String(item.userId);
    const key = `${userId}|${item.type}|${JSON.stringify(item.data)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const { title, body } = buildNotificationText(item.type, item.data);
    docs.push({
      // Millisecond-ordered across API instances: the list and catch-up order by id (see realtime.ids.ts).
      _id: newNotificationId(),
      userId: new Types.ObjectId(userId),
      type: item.type,
      title,
      body,
      data: item.data,
      readAt: null,
      emittedAt: null,
    });
  }
  if (docs.length === 0) return [];
  const Notification = notificationModel(deps.connection);
  return (await Notification.insertMany(docs, { session: session ?? undefined })) as unknown as NotificationDoc[];
}

/** Ids of the recruiters of a company (recipients of APPLICATION_RECEIVED, PARTNERSHIP_DECIDED...). */
export async function recruiterIdsOfCompany(
  deps: Pick<AppDeps, 'connection'>,
  companyId: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const users = await userModel(deps.connection)
    .find({ companyId, role: 'COMPANY_RECRUITER' }, { _id: 1 })
    .session(session)
    .lean();
  return users.map((u) => u._id);
}

/** Ids of the staff of a school (recipients of PARTNERSHIP_REQUESTED, APPLICATION_STATUS_CHANGED...). */
export async function staffIdsOfSchool(
  deps: Pick<AppDeps, 'connection'>,
  schoolId: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<Types.ObjectId[]> {
  const users = await userModel(deps.connection)
    .find({ schoolId, role: 'SCHOOL_STAFF' }, { _id: 1 })
    .session(session)
    .lean();
  return users.map((u) => u._id);
}

// Cursor = base64url of the notification id (the sort key: ids grow with time).
export function encodeNotificationCursor(id: string | Types.ObjectId): string {
  return Buffer.from(`n:${String(id)}`).toString('base64url');
}

export function decodeNotificationCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = raw.startsWith('n:') ? raw.slice(2) : '';
  if (!isObjectId(id)) throw badUserInput('after : curseur invalide', [{ path: 'after', message: 'Curseur invalide' }]);
  return id.toLowerCase();
}

export interface NotificationPage {
  nodes: NotificationDoc[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** The actor's notifications, newest first. */
export async function listNotifications(
  deps: Pick<AppDeps, 'connection'>,
  actor: Actor,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<NotificationPage> {
  const input = parseInput(notificationsQuerySchema, args);
  const first = input.first ?? PAGE_SIZE_DEFAULT;
  const filter: Record<string, unknown> = { userId: new Types.ObjectId(actor.userId) };
  if (input.unreadOnly) filter['readAt'] = null;
  if (input.after) filter['_id'] = { $lt: new Types.ObjectId(decodeNotificationCursor(input.after)) };
  const docs = await notificationModel(deps.connection)
    .find(filter)
    .sort({ _id: -1 })
    .limit(first + 1);
  return { nodes: docs.slice(0, first), hasNextPage: docs.length > first, hasPreviousPage: Boolean(input.after) };
}

export async function countUnreadNotifications(deps: Pick<AppDeps, 'connection'>, actor: Actor): Promise<number> {
  return notificationModel(deps.connection).countDocuments({
    userId: new Types.ObjectId(actor.userId),
    readAt: null,
  });
}

/** Marks the actor's own notifications read (all of them without ids); returns how many changed. */
export async function markNotificationsRead(
  deps: Pick<AppDeps, 'connection'>,
  actor: Actor,
  args: { ids?: readonly string[] | null },
  now = new Date(),
): Promise<number> {
  const input = parseInput(markNotificationsReadSchema, args);
  const filter: Record<string, unknown> = { userId: new Types.ObjectId(actor.userId), readAt: null };
  if (input.ids) {
    if (input.ids.length === 0) return 0;
    filter['_id'] = { $in: input.ids.map((id) => new Types.ObjectId(id)) };
  }
  const result = await notificationModel(deps.connection).updateMany(filter, { $set: { readAt: now } });
  return result.modifiedCount;
}

export async function getOwnNotification(
  deps: Pick<AppDeps, 'connection'>,
  actor: Actor,
  id: string,
): Promise<NotificationDoc> {
  const doc = isObjectId(id)
    ? await notificationModel(deps.connection).findOne({ _id: id, userId: actor.userId })
    : null;
  if (!doc) throw notFound('Notification', id);
  return doc;
}
