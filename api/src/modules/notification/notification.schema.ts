import { NOTIFICATION_TYPES } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import type { NotificationDoc } from './notification.model';
import {
  countUnreadNotifications,
  encodeNotificationCursor,
  listNotifications,
  markNotificationsRead,
} from './notification.service';

export const NotificationTypeEnum = builder.enumType('NotificationType', { values: NOTIFICATION_TYPES });

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
] as const;

// Typed view of `data` (see NotificationDataMap in shared/): ids for links, names used in the text.
export const NotificationDataRef = builder.objectRef<Record<string, unknown>>('NotificationData').implement({
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

export const NotificationRef = builder.objectRef<NotificationDoc>('Notification').implement({
  fields: (t) => ({
    id: t.id({ resolve: (n) => n._id }),
    type: t.field({ type: NotificationTypeEnum, resolve: (n) => n.type }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    data: t.field({ type: NotificationDataRef, resolve: (n) => (n.data ?? {}) as Record<string, unknown> }),
    read: t.boolean({ resolve: (n) => n.readAt != null }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => (n as unknown as { createdAt: Date }).createdAt }),
  }),
});

const NotificationConnectionRef = builder.connectionObject({ type: NotificationRef, name: 'NotificationConnection' });

builder.queryField('notifications', (t) =>
  t.field({
    type: NotificationConnectionRef,
    authScopes: { authenticated: true },
    description: 'The caller’s notifications, newest first (Relay connection; cursors are opaque).',
    args: {
      first: t.arg.int(),
      after: t.arg.string(),
      unreadOnly: t.arg.boolean(),
    },
    resolve: async (_root, args, ctx) => {
      const page = await listNotifications(ctx.deps, ctx.actor!, args);
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
  t.int({
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => countUnreadNotifications(ctx.deps, ctx.actor!),
  }),
);

builder.mutationField('markNotificationsRead', (t) =>
  t.int({
    authScopes: { authenticated: true },
    description: 'Marks the caller’s notifications read (all of them when ids is omitted); returns how many changed.',
    args: { ids: t.arg.idList() },
    resolve: (_root, args, ctx) => markNotificationsRead(ctx.deps, ctx.actor!, { ids: args.ids?.map(String) ?? null }),
  }),
);
