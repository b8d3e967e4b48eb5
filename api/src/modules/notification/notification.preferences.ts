import {
  defaultNotificationChannel,
  effectiveNotificationChannel,
  NOTIFICATION_TYPES,
  NOTIFICATION_TYPES_BY_ROLE,
  type NotificationChannel,
  type NotificationType,
  type Role,
} from '@promesse/shared';

export interface NotificationChannelSetting {
  type: NotificationType;
  channel: NotificationChannel;
  /** True when the user never chose (the role's default applies). */
  isDefault: boolean;
}

export interface NotificationPreferences {
  /** Types stored and listed but not pushed live (`notification:new`), nor counted unread. */
  mutedTypes: NotificationType[];
  /** One row per type the user's role receives. */
  channels: NotificationChannelSetting[];
}

const KNOWN = new Set<string>(NOTIFICATION_TYPES);

type StoredPreferences =
  { mutedTypes?: readonly string[] | null; channels?: Record<string, string> | null } | null | undefined;

/** Muted types stored on a user document (a document written before the field existed has none). */
export function mutedTypesOf(
  user: { notificationPreferences?: StoredPreferences } | null | undefined,
): NotificationType[] {
  const muted = user?.notificationPreferences?.mutedTypes ?? [];
  return muted.filter((t): t is NotificationType => KNOWN.has(t));
}

/** The channel each type reaches a user through (their choice, else their role's default). */
export function channelOf(
  user: { role: Role; notificationPreferences?: StoredPreferences },
  type: NotificationType,
): NotificationChannel {
  const prefs = user.notificationPreferences;
  return effectiveNotificationChannel(user.role, type, prefs?.channels, prefs?.mutedTypes ?? []);
}

/**
 * The preferences stored on a user document. `suppressed` are the mail topics the user stopped through an
 * unsubscribe link: an e-mail channel they stopped reads as IN_APP.
 */
export function preferencesOf(
  user: { role?: Role | null; notificationPreferences?: StoredPreferences } | null | undefined,
  suppressed: readonly string[] = [],
): NotificationPreferences {
  const mutedTypes = mutedTypesOf(user);
  const role = user?.role;
  if (!role) return { mutedTypes, channels: [] };
  const stored = user.notificationPreferences?.channels ?? {};
  const channels = NOTIFICATION_TYPES_BY_ROLE[role].map((type) => {
    let channel = channelOf({ role, notificationPreferences: user.notificationPreferences }, type);
    if (
      (channel === 'IMMEDIATE' && suppressed.includes(`notification:${type}`)) ||
      (channel === 'DIGEST' && suppressed.includes('digest'))
    ) {
      channel = 'IN_APP';
    }
    const isDefault = !mutedTypes.includes(type) && !stored[type] && channel === defaultNotificationChannel(role, type);
    return { type, channel, isDefault };
  });
  return { mutedTypes, channels };
}
