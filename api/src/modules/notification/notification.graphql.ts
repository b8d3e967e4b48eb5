import { NOTIFICATION_CHANNELS, type Locale, type NotificationText } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { NotificationTypeEnum } from '../../graphql/common.types';
import type { NotificationRow } from './notification.model';
import type { NotificationChannelSetting, NotificationPreferences } from './notification.preferences';
import { plainData, renderNotification } from './notification.queries';
import {
  countUnreadNotifications,
  encodeNotificationCursor,
  getNotificationPreferences,
  listNotifications,
  markNotificationsRead,
  updateNotificationChannels,
  updateNotificationPreferences,
} from './notification.use-cases';

const NotificationChannelEnum = builder.enumType('NotificationChannel', {
  values: NOTIFICATION_CHANNELS,
  description:
    'IN_APP: listed in the app only; IMMEDIATE: also e-mailed at once; DIGEST: also in the daily digest e-mail; MUTED: stored as read (no live push, no unread count).',
});

const DATA_FIELDS = [
  'jobPromiseId',
  'jobPromiseTitle',
  'applicationId',
  'recommendationId',
  'partnershipId',
  'companyName',
  'schoolName',
  'studentName',
  'city',
  'from',
  'to',
  'reason',
  'status',
  // Conversations (MESSAGE_RECEIVED, CONTACT_REQUEST_FLAGGED).
  'messageId',
  'authorName',
  'excerpt',
  'studentId',
  // Hiring.
  'interviewId',
  'startsAt',
  'jobAlertId',
  'alertName',
  'expiresAt',
  'count',
  'days',
  // OUTCOME_MISSING (issue 17): the graduate to open, and when they graduated.
  'studentId',
  'graduationDate',
] as const;

// Typed view of `data` (see NotificationDataMap in shared/): ids for links, names used in the text.
const NotificationDataRef = builder.objectRef<Record<string, unknown>>('NotificationData').implement({
  description: 'Ids for deep links and the names used in the text; fields absent for a type are null.',
  fields: (t) =>
    Object.fromEntries(
      DATA_FIELDS.map((name) => [
        name,
        t.string({
          nullable: true,
          resolve: (d) => {
            const v = d[name];
            return v == null ? null : String(v);
          },
        }),
      ]),
    ),
});

// title and body come from one rendering per notification and request (lean rows are new objects on each request).
const rendered = new WeakMap<NotificationRow, NotificationText>();
function textOf(n: NotificationRow, locale: Locale): NotificationText {
  let text = rendered.get(n);
  if (!text) rendered.set(n, (text = renderNotification(n, locale)));
  return text;
}

const NotificationRef = builder.objectRef<NotificationRow>('Notification').implement({
  fields: (t) => ({
    id: t.id({ resolve: (n) => n._id }),
    type: t.field({ type: NotificationTypeEnum, resolve: (n) => n.type }),
    // Rendered at read time in the reader's language (only the owner reads a notification).
    title: t.withAuth({ authenticated: true }).string({
      resolve: (n, _args, ctx) => textOf(n, ctx.actor.locale).title,
    }),
    body: t.withAuth({ authenticated: true }).string({
      resolve: (n, _args, ctx) => textOf(n, ctx.actor.locale).body,
    }),
    data: t.field({ type: NotificationDataRef, resolve: (n) => plainData(n.data) }),
    read: t.boolean({ resolve: (n) => n.readAt != null }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt ?? n._id.getTimestamp() }),
  }),
});

const NotificationConnectionRef = builder.connectionObject({ type: NotificationRef, name: 'NotificationConnection' });

const NotificationChannelSettingRef = builder
  .objectRef<NotificationChannelSetting>('NotificationChannelSetting')
  .implement({
    fields: (t) => ({
      type: t.field({ type: NotificationTypeEnum, resolve: (s) => s.type }),
      channel: t.field({ type: NotificationChannelEnum, resolve: (s) => s.channel }),
      isDefault: t.exposeBoolean('isDefault', { description: 'The role’s default applies (never chosen).' }),
    }),
  });

const NotificationChannelSettingInput = builder.inputType('NotificationChannelSettingInput', {
  fields: (t) => ({
    type: t.field({ type: NotificationTypeEnum, required: true }),
    channel: t.field({ type: NotificationChannelEnum, required: true }),
  }),
});

const NotificationPreferencesRef = builder.objectRef<NotificationPreferences>('NotificationPreferences').implement({
  description: 'How the caller receives notifications: live, by e-mail at once, in the daily digest.',
  fields: (t) => ({
    channels: t.field({
      type: [NotificationChannelSettingRef],
      description: 'One row per notification type the caller’s role receives.',
      resolve: (p) => p.channels,
    }),
    mutedTypes: t.field({
      type: [NotificationTypeEnum],
      description: 'Types stored and listed by `notifications` but not pushed on socket.io (`notification:new`).',
      resolve: (p) => p.mutedTypes,
    }),
  }),
});

builder.queryField('notifications', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: NotificationConnectionRef,
    description: 'The caller’s notifications, newest first (Relay connection; cursors are opaque).',
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      unreadOnly: t.arg.boolean(),
    },
    resolve: async (_root, args, ctx) => {
      const page = await listNotifications(ctx, args);
      const edges = page.nodes.map((node) => ({ cursor: encodeNotificationCursor(node._id), node }));
      return {
        edges,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);

builder.queryField('unreadNotificationCount', (t) =>
  t.withAuth({ authenticated: true }).int({
    resolve: (_root, _args, ctx) => countUnreadNotifications(ctx, {}),
  }),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.withAuth({ authenticated: true }).int({
    description: 'Marks the caller’s notifications read (all of them when ids is omitted); returns how many changed.',
    args: { ids: t.arg.idList() },
    resolve: (_root, args, ctx) => markNotificationsRead(ctx, { ids: args.ids?.map(String) ?? null }),
  }),
);

builder.queryField('notificationPreferences', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: NotificationPreferencesRef,
    resolve: (_root, _args, ctx) => getNotificationPreferences(ctx, {}),
  }),
);

builder.mutationField('updateNotificationPreferences', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: NotificationPreferencesRef,
    description: 'Replaces the muted types (an empty list unmutes everything). Applies to live connections at once.',
    args: { mutedTypes: t.arg({ type: [NotificationTypeEnum], required: true }) },
    resolve: (_root, args, ctx) => updateNotificationPreferences(ctx, { mutedTypes: args.mutedTypes }),
  }),
);

builder.mutationField('updateNotificationChannels', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: NotificationPreferencesRef,
    description: 'Sets the caller’s channel for the given types (others unchanged); MUTED also mutes the live push.',
    args: { settings: t.arg({ type: [NotificationChannelSettingInput], required: true }) },
    resolve: (_root, args, ctx) => updateNotificationChannels(ctx, { settings: args.settings }),
  }),
);
