import { Types } from 'mongoose';
import {
  NOTIFICATION_TYPES,
  notFound,
  notificationPreferencesSchema,
  parseInput,
  type NotificationType,
} from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { userModel } from '../auth/auth.model';

export interface NotificationPreferences {
  /** Types stored and listed but not pushed live (`notification:new`). */
  mutedTypes: NotificationType[];
}

const KNOWN = new Set<string>(NOTIFICATION_TYPES);

/** The preferences stored on a user document (a document written before the field existed has none). */
export function preferencesOf(
  user: { notificationPreferences?: { mutedTypes?: readonly string[] | null } | null } | null | undefined,
): NotificationPreferences {
  const muted = user?.notificationPreferences?.mutedTypes ?? [];
  return { mutedTypes: muted.filter((t): t is NotificationType => KNOWN.has(t)) };
}

export async function getNotificationPreferences(
  deps: Pick<AppDeps, 'connection'>,
  actor: Actor,
): Promise<NotificationPreferences> {
  const user = await userModel(deps.connection).findById(actor.userId, { notificationPreferences: 1 }).lean();
  if (!user) throw notFound('User', actor.userId);
  return preferencesOf(user);
}

/**
 * Replaces the actor's muted types. Every API instance's notification feed sees the update through its change
 * stream, so muting takes effect on all of the user's live connections, wherever they are connected.
 */
export async function updateNotificationPreferences(
  deps: Pick<AppDeps, 'connection'>,
  actor: Actor,
  args: { mutedTypes: readonly string[] },
): Promise<NotificationPreferences> {
  const { mutedTypes } = parseInput(notificationPreferencesSchema, args);
  const user = await userModel(deps.connection)
    .findOneAndUpdate(
      { _id: new Types.ObjectId(actor.userId) },
      // The whole sub-document, so the change event's updatedFields names it whatever the previous value.
      { $set: { notificationPreferences: { mutedTypes } } },
      { returnDocument: 'after', projection: { notificationPreferences: 1 } },
    )
    .lean();
  if (!user) throw notFound('User', actor.userId);
  return preferencesOf(user);
}
