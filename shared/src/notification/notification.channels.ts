import * as z from 'zod';
import { enumObject } from '../common/common.enum';
import type { Role } from '../common/common.enums';
import { NOTIFICATION_TYPES, notificationTypeSchema, type NotificationType } from './notification.types';

/**
 * How a user receives one type of notification: always stored and listed in the app; IMMEDIATE adds an e-mail at
 * once, DIGEST adds it to the daily summary e-mail; MUTED stores it as already read (no live push, no unread count).
 */
export const NOTIFICATION_CHANNELS = ['IN_APP', 'IMMEDIATE', 'DIGEST', 'MUTED'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const NotificationChannel = enumObject(NOTIFICATION_CHANNELS);
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);

type Defaults = Partial<Record<NotificationType, NotificationChannel>>;

// What matters to act at once goes by e-mail at once (a recruiter's new applications, a student's offers,
// recommendations and alerts); the rest waits for the daily digest. The federation admin gets nothing by e-mail.
const DEFAULTS: Record<Role, Defaults> = {
  STUDENT: {
    JOB_PROMISE_MATCH: 'IMMEDIATE',
    JOB_ALERT_MATCH: 'IMMEDIATE',
    RECOMMENDATION_RECEIVED: 'IMMEDIATE',
    APPLICATION_STATUS_CHANGED: 'IMMEDIATE',
    RECOMMENDATION_CLOSED: 'DIGEST',
  },
  COMPANY_RECRUITER: {
    APPLICATION_RECEIVED: 'IMMEDIATE',
    RECOMMENDATION_RECEIVED: 'IMMEDIATE',
    PARTNERSHIP_DECIDED: 'IMMEDIATE',
    JOB_PROMISE_EXPIRING: 'IMMEDIATE',
    APPLICATIONS_WAITING: 'IMMEDIATE',
  },
  SCHOOL_STAFF: {
    PARTNERSHIP_REQUESTED: 'IMMEDIATE',
    APPLICATION_STATUS_CHANGED: 'DIGEST',
  },
  FEDERATION_ADMIN: {},
};

/** The channel of a type for a role when the user never chose one. */
export function defaultNotificationChannel(role: Role, type: NotificationType): NotificationChannel {
  return DEFAULTS[role][type] ?? (role === 'FEDERATION_ADMIN' ? 'IN_APP' : 'DIGEST');
}

/** The types a role can receive (the rows of its preferences page). */
export const NOTIFICATION_TYPES_BY_ROLE: Record<Role, readonly NotificationType[]> = {
  STUDENT: [
    'JOB_PROMISE_MATCH',
    'JOB_ALERT_MATCH',
    'RECOMMENDATION_RECEIVED',
    'RECOMMENDATION_CLOSED',
    'APPLICATION_STATUS_CHANGED',
  ],
  COMPANY_RECRUITER: [
    'APPLICATION_RECEIVED',
    'RECOMMENDATION_RECEIVED',
    'PARTNERSHIP_DECIDED',
    'JOB_PROMISE_EXPIRING',
    'APPLICATIONS_WAITING',
  ],
  SCHOOL_STAFF: ['PARTNERSHIP_REQUESTED', 'APPLICATION_STATUS_CHANGED'],
  FEDERATION_ADMIN: [...NOTIFICATION_TYPES],
};

/** The stored choice wins; else the role's default. */
export function effectiveNotificationChannel(
  role: Role,
  type: NotificationType,
  chosen: Partial<Record<string, string>> | null | undefined,
  mutedTypes: readonly string[] = [],
): NotificationChannel {
  if (mutedTypes.includes(type)) return 'MUTED';
  const stored = chosen?.[type];
  return stored && (NOTIFICATION_CHANNELS as readonly string[]).includes(stored)
    ? (stored as NotificationChannel)
    : defaultNotificationChannel(role, type);
}

/** `updateNotificationChannels`: the rows to change (others keep their value). */
export const notificationChannelsInputSchema = z.object({
  settings: z
    .array(z.object({ type: notificationTypeSchema, channel: notificationChannelSchema }))
    .min(1)
    .max(NOTIFICATION_TYPES.length),
});
export type NotificationChannelsInput = z.infer<typeof notificationChannelsInputSchema>;
