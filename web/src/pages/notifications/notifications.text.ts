import { buildNotificationText, type Locale, type NotificationText, type NotificationType } from '@promesse/shared';

/**
 * Title and body of a notification in the UI language, rebuilt from its type and data (as the API does for its
 * own `title`/`body`), so switching language re-words the list. GraphQL gives absent fields as null.
 */
export function notificationText(type: NotificationType, data: object, locale: Locale): NotificationText {
  const present = Object.fromEntries(
    Object.entries(data).filter(([key, value]) => value !== null && value !== undefined && key !== '__typename'),
  );
  return buildNotificationText(type, present, locale);
}
