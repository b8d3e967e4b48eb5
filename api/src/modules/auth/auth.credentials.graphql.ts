import { builder } from '../../graphql/builder';
import { UserRef } from '../../graphql/refs';
import { changeMyEmail, changeMyPassword } from './auth.credentials';

builder.mutationField('changeMyPassword', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: 'Boolean',
    description:
      'The caller’s new password, confirmed with the current one (wrong: BAD_USER_INPUT on currentPassword; ' +
      'counted like log-in failures, TOO_MANY_REQUESTS past the limit). Same policy as sign-up. Every other session ' +
      'of the account ends; this one stays. The account’s address is told by e-mail. Always true.',
    args: {
      currentPassword: t.arg.string({ required: true }),
      newPassword: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => changeMyPassword(ctx, args),
  }),
);

builder.mutationField('changeMyEmail', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: UserRef,
    description:
      'The caller’s new e-mail address (log-in and mail), confirmed with the current password (wrong: BAD_USER_INPUT ' +
      'on currentPassword). An address another account has: CONFLICT. The previous address is told by e-mail.',
    args: {
      currentPassword: t.arg.string({ required: true }),
      newEmail: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => changeMyEmail(ctx, args),
  }),
);
