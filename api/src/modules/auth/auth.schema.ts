import { ROLES } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import type { UserDoc } from './auth.model';
import { logIn } from './auth.service';

export const RoleEnum = builder.enumType('Role', { values: ROLES });

export const UserRef = builder.objectRef<UserDoc>('User').implement({
  fields: (t) => ({
    id: t.id({ resolve: (user) => user._id }),
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    displayName: t.exposeString('displayName'),
  }),
});

export const AuthPayloadRef = builder.objectRef<{ token: string; user: UserDoc }>('AuthPayload').implement({
  fields: (t) => ({
    token: t.exposeString('token'),
    user: t.field({ type: UserRef, resolve: (payload) => payload.user }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: 'The logged-in user; null when anonymous.',
    resolve: (_root, _args, ctx) => (ctx.actor ? ctx.loaders.userById.load(ctx.actor.userId) : null),
  }),
);

builder.mutationField('logIn', (t) =>
  t.field({
    type: AuthPayloadRef,
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => logIn(ctx.deps.connection, ctx.deps.env.JWT_SECRET, args.email, args.password),
  }),
);
