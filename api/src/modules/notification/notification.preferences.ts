import { NOTIFICATION_TYPES, type NotificationType } from '@promesse/shared';

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
