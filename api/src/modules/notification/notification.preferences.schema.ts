import { builder } from '../../graphql/builder';
import { NotificationTypeEnum } from './notification.schema';
import {
  getNotificationPreferences,
  updateNotificationPreferences,
  type NotificationPreferences,
} from './notification.preferences';

export const NotificationPreferencesRef = builder
  .objectRef<NotificationPreferences>('NotificationPreferences')
  .implement({
    description: 'How the caller receives notifications live.',
    fields: (t) => ({
      mutedTypes: t.field({
        type: [NotificationTypeEnum],
        description: 'Types stored and listed by `notifications` but not pushed on socket.io (`notification:new`).',
        resolve: (p) => p.mutedTypes,
      }),
    }),
  });

builder.queryField('notificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesRef,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => getNotificationPreferences(ctx.deps, ctx.actor!),
  }),
);

builder.mutationField('updateNotificationPreferences', (t) =>
  t.field({
    type: NotificationPreferencesRef,
    authScopes: { authenticated: true },
    description: 'Replaces the muted types (an empty list unmutes everything). Applies to live connections at once.',
    args: { mutedTypes: t.arg({ type: [NotificationTypeEnum], required: true }) },
    resolve: (_root, args, ctx) => updateNotificationPreferences(ctx.deps, ctx.actor!, { mutedTypes: args.mutedTypes }),
  }),
);
