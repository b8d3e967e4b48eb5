import type { Locale, NotificationText } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { NotificationTypeEnum } from '../../graphql/common.types';
import type { NotificationRow } from './notification.model';
import type { NotificationPreferences } from './notification.preferences';
import { plainData, renderNotification } from './notification.queries';
import {
  countUnreadNotifications,
  encodeNotificationCursor,
  getNotificationPreferences,
  listNotifications,
  markNotificationsRead,
  updateNotificationPreferences,
} from './notification.use-cases';

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
  // Hiring.
  'interviewId',
  'startsAt',
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

const NotificationPreferencesRef = builder.objectRef<NotificationPreferences>('NotificationPreferences').implement({
  description: 'How the caller receives notifications live.',
  fields: (t) => ({
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
