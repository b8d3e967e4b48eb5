import * as z from 'zod';
import { Types } from 'mongoose';
import {
  badUserInput,
  isObjectId,
  markNotificationsReadSchema,
  notFound,
  notificationChannelsInputSchema,
  notificationPreferencesSchema,
  notificationsQuerySchema,
  PAGE_SIZE_DEFAULT,
  renderMessage,
} from '@promesse/shared';
import { defineUseCase } from '../../core/use-case';
import { notificationSettingsOf, setNotificationPreferences } from '../auth/auth.queries';
import { suppressedTopics, unsuppressTopic } from '../mail/mail.queries';
import { notificationModel, type NotificationRow } from './notification.model';
import { preferencesOf, type NotificationPreferences } from './notification.preferences';

// Cursor = base64url of the notification id (the sort key: ids grow with time).
export function encodeNotificationCursor(id: string | Types.ObjectId): string {
  return Buffer.from(`n:${String(id)}`).toString('base64url');
}

function decodeNotificationCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = raw.startsWith('n:') ? raw.slice(2) : '';
  if (!isObjectId(id)) {
    throw badUserInput('notification.badCursor', undefined, [
      { path: 'after', message: renderMessage('notification.badCursorField') },
    ]);
  }
  return id.toLowerCase();
}

export interface NotificationPage {
  nodes: NotificationRow[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** The caller's notifications, newest first. */
export const listNotifications = defineUseCase({
  name: 'listNotifications',
  input: notificationsQuerySchema,
  access: 'authenticated',
  run: async (input, { actor, deps }): Promise<NotificationPage> => {
    const first = input.first ?? PAGE_SIZE_DEFAULT;
    const filter: Record<string, unknown> = { userId: new Types.ObjectId(actor.userId) };
    if (input.unreadOnly) filter['readAt'] = null;
    if (input.after) filter['_id'] = { $lt: new Types.ObjectId(decodeNotificationCursor(input.after)) };
    const docs = await notificationModel(deps.connection)
      .find(filter)
      .sort({ _id: -1 })
      .limit(first + 1)
      // Plain objects: the list only reads fields (document hydration was a visible share of the profile, issue 19).
      .lean<NotificationRow[]>();
    return { nodes: docs.slice(0, first), hasNextPage: docs.length > first, hasPreviousPage: Boolean(input.after) };
  },
});

export const countUnreadNotifications = defineUseCase({
  name: 'countUnreadNotifications',
  input: z.object({}),
  access: 'authenticated',
  run: (_input, { actor, deps }): Promise<number> =>
    notificationModel(deps.connection).countDocuments({ userId: new Types.ObjectId(actor.userId), readAt: null }),
});

/** Marks the caller's own notifications read (all of them without ids); returns how many changed. */
export const markNotificationsRead = defineUseCase({
  name: 'markNotificationsRead',
  input: markNotificationsReadSchema,
  access: 'authenticated',
  run: async (input, { actor, deps }): Promise<number> => {
    const filter: Record<string, unknown> = { userId: new Types.ObjectId(actor.userId), readAt: null };
    if (input.ids) {
      if (input.ids.length === 0) return 0;
      filter['_id'] = { $in: input.ids.map((id) => new Types.ObjectId(id)) };
    }
    const result = await notificationModel(deps.connection).updateMany(filter, {
      $set: { readAt: deps.clock.now() },
    });
    return result.modifiedCount;
  },
});

export const getNotificationPreferences = defineUseCase({
  name: 'getNotificationPreferences',
  input: z.object({}),
  access: 'authenticated',
  run: async (_input, { actor, deps }): Promise<NotificationPreferences> => {
    const [user, suppressed] = await Promise.all([
      notificationSettingsOf(deps, actor.userId),
      suppressedTopics(deps, actor.userId),
    ]);
    if (!user) throw notFound('User', actor.userId);
    return preferencesOf(user, suppressed);
  },
});

/**
 * Replaces the caller's muted types (the other channels stay). Every API instance's notification feed sees the
 * update through its change stream, so muting takes effect on all of the user's live connections, wherever they
 * are connected.
 */
export const updateNotificationPreferences = defineUseCase({
  name: 'updateNotificationPreferences',
  input: notificationPreferencesSchema,
  access: 'authenticated',
  run: async ({ mutedTypes }, { actor, deps }): Promise<NotificationPreferences> => {
    const current = await notificationSettingsOf(deps, actor.userId);
    if (!current) throw notFound('User', actor.userId);
    const channels = { ...(current.notificationPreferences?.channels ?? {}) };
    const user = await setNotificationPreferences(deps, actor.userId, { mutedTypes, channels });
    if (!user) throw notFound('User', actor.userId);
    return preferencesOf(user, await suppressedTopics(deps, actor.userId));
  },
});

/**
 * Sets the caller's channel for some types. MUTED joins the muted types (live push and unread count stop); any
 * other choice leaves them. Choosing an e-mail channel again undoes an earlier one-click unsubscribe of it.
 */
export const updateNotificationChannels = defineUseCase({
  name: 'updateNotificationChannels',
  input: notificationChannelsInputSchema,
  access: 'authenticated',
  run: async ({ settings }, { actor, deps }): Promise<NotificationPreferences> => {
    const current = await notificationSettingsOf(deps, actor.userId);
    if (!current) throw notFound('User', actor.userId);
    const muted = new Set<string>(current.notificationPreferences?.mutedTypes ?? []);
    const channels: Record<string, string> = { ...(current.notificationPreferences?.channels ?? {}) };
    for (const { type, channel } of settings) {
      if (channel === 'MUTED') {
        muted.add(type);
        delete channels[type];
      } else {
        muted.delete(type);
        channels[type] = channel;
      }
    }
    const user = await setNotificationPreferences(deps, actor.userId, { mutedTypes: [...muted], channels });
    if (!user) throw notFound('User', actor.userId);
    for (const { type, channel } of settings) {
      if (channel === 'IMMEDIATE') await unsuppressTopic(deps, actor.userId, `notification:${type}`);
      if (channel === 'DIGEST') await unsuppressTopic(deps, actor.userId, 'digest');
    }
    return preferencesOf(user, await suppressedTopics(deps, actor.userId));
  },
});
