import { builder } from '../../graphql/builder';
import { GeoPointInputRef, InvitableRoleEnum, LocaleEnum, RoleEnum } from '../../graphql/common.types';
import type { GraphQLContext } from '../../graphql/context';
import { SchoolRef, UserRef } from '../../graphql/refs';
import type { InvitationDoc } from './auth.invitation.model';
import type { UserRow } from './auth.model';
import {
  acceptInvitation,
  inviteUser,
  listPendingInvitations,
  requestPasswordReset,
  resetPassword,
  resendInvitation,
  revokeInvitation,
  logIn,
  logOut,
  refreshSession,
  registerCompany,
  setMyLocale,
  verifyEmail,
  type AuthPayload,
  type InvitationResult,
  type SignUpAnswer,
} from './auth.use-cases';

UserRef.implement({
  fields: (t) => ({
    id: t.id({ resolve: (user) => user._id }),
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (user) => user.role }),
    displayName: t.exposeString('displayName'),
    locale: t.field({
      type: LocaleEnum,
      description: 'The language of the app, errors and notifications for this user (fr by default).',
      resolve: (user) => user.locale ?? 'fr',
    }),
  }),
});

/** A session was opened or renewed: its refresh token goes to the HttpOnly cookie, the access token in the body. */
async function withSessionCookie(ctx: GraphQLContext, payload: Promise<AuthPayload>): Promise<AuthPayload> {
  const done = await payload;
  ctx.sessionCookie.set(done.refresh.refreshToken, done.refresh.expiresAt);
  return done;
}

const AuthPayloadRef = builder.objectRef<SignUpAnswer>('AuthPayload').implement({
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
    resolve: (_root, _args, ctx): Promise<UserRow | null> | null =>
      ctx.actor ? ctx.loaders.userById.load(ctx.actor.userId) : null,
  }),
);

builder.mutationField('logIn', (t) =>
  t.field({
    type: AuthPayloadRef,
    description:
      'Same UNAUTHENTICATED answer for an unknown e-mail and a wrong password; TOO_MANY_REQUESTS after 5 failures ' +
      'per e-mail or 30 per IP within 15 minutes.',
    args: {
      email: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => withSessionCookie(ctx, logIn(ctx, args)),
  }),
);

const RegisterCompanyInputRef = builder.inputType('RegisterCompanyInput', {
  fields: (t) => ({
    companyName: t.string({ required: true }),
    siret: t.string({ required: true, description: '14 digits, Luhn-valid; spaces allowed' }),
    email: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 10 characters' }),
    contactName: t.string({ required: true }),
    city: t.string({ required: true }),
    location: t.field({ type: GeoPointInputRef, required: true }),
  }),
});

builder.mutationField('registerCompany', (t) =>
  t.field({
    type: AuthPayloadRef,
    description:
      'Signs a company up: a single-use link to confirm the e-mail address is e-mailed, and the company and its ' +
      'first recruiter exist once it is followed (verifyEmail). No session: `token` is empty. The answer is the ' +
      'same whether the address already has an account (which is told by e-mail instead). Known SIRET: CONFLICT. ' +
      'TOO_MANY_REQUESTS past the sign-ups allowed per client and hour.',
    args: { input: t.arg({ type: RegisterCompanyInputRef, required: true }) },
    resolve: (_root, args, ctx) => registerCompany(ctx, args.input),
  }),
);

builder.mutationField('verifyEmail', (t) =>
  t.field({
    type: AuthPayloadRef,
    description:
      'Follows the e-mailed sign-up link: creates the company and its recruiter and logs them in. Unknown, used ' +
      'or expired token: BAD_USER_INPUT; the address got an account meanwhile, or the SIRET is taken: CONFLICT.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => withSessionCookie(ctx, verifyEmail(ctx, args)),
  }),
);

const InviteUserInputRef = builder.inputType('InviteUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    role: t.field({ type: InvitableRoleEnum, required: true }),
    schoolId: t.id({ description: 'Required for the admin; staff may omit it (their school).' }),
  }),
});

const InvitationRef = builder.objectRef<InvitationResult>('Invitation').implement({
  description: 'An invitation. `code` is shown once, at creation: only its hash is stored.',
  fields: (t) => ({
    code: t.exposeString('code'),
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (i) => i.role }),
    expiresAt: t.field({ type: 'DateTime', resolve: (i) => i.expiresAt }),
    school: t.field({ type: SchoolRef, resolve: (i) => i.school }),
  }),
});

builder.mutationField('inviteUser', (t) =>
  t.withAuth({ federationAdmin: true, schoolStaff: true }).field({
    type: InvitationRef,
    description: 'Admin: SCHOOL_STAFF of any school. Staff: STUDENT of their own school. Valid 14 days, single use.',
    args: { input: t.arg({ type: InviteUserInputRef, required: true }) },
    resolve: (_root, args, ctx) => inviteUser(ctx, { ...args.input, schoolId: args.input.schoolId ?? null }),
  }),
);

const PendingInvitationRef = builder.objectRef<InvitationDoc>('PendingInvitation').implement({
  description: 'An invitation sent and not used yet (still valid, or expired and waiting for a resend).',
  fields: (t) => ({
    id: t.id({ resolve: (i) => i._id }),
    email: t.exposeString('email'),
    role: t.field({ type: RoleEnum, resolve: (i) => i.role }),
    expired: t.boolean({ resolve: (i, _args, ctx) => i.expiresAt.getTime() <= ctx.deps.clock.now().getTime() }),
    expiresAt: t.field({ type: 'DateTime', resolve: (i) => i.expiresAt }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    lastSentAt: t.field({ type: 'DateTime', resolve: (i) => i.lastSentAt ?? i.createdAt }),
    sentCount: t.int({
      description: 'E-mails sent for it (the first and each resend).',
      resolve: (i) => i.sentCount ?? 0,
    }),
  }),
});

builder.queryField('pendingInvitations', (t) =>
  t.withAuth({ federationAdmin: true, schoolStaff: true, companyRecruiter: true }).field({
    type: [PendingInvitationRef],
    description:
      'Staff: their school’s unused invitations; admin: the ones they sent; recruiter: their company’s colleague ' +
      'invitations. Newest first.',
    resolve: (_root, _args, ctx) => listPendingInvitations(ctx, {}),
  }),
);

builder.mutationField('resendInvitation', (t) =>
  t.withAuth({ federationAdmin: true, schoolStaff: true }).field({
    type: InvitationRef,
    description: 'E-mails the invitation again with a new code and validity (the previous link stops working).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => resendInvitation(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('revokeInvitation', (t) =>
  t.withAuth({ federationAdmin: true, schoolStaff: true, companyRecruiter: true }).field({
    type: PendingInvitationRef,
    description: 'Withdraws an unused invitation: its link and code stop working.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => revokeInvitation(ctx, { id: String(args.id) }),
  }),
);

const AcceptInvitationInputRef = builder.inputType('AcceptInvitationInput', {
  fields: (t) => ({
    code: t.string({ required: true }),
    password: t.string({ required: true, description: 'At least 10 characters' }),
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
  }),
});

builder.mutationField('acceptInvitation', (t) =>
  t.field({
    type: AuthPayloadRef,
    description: 'Creates the invited account. Unknown code: NOT_FOUND; used or expired: BAD_USER_INPUT.',
    args: { input: t.arg({ type: AcceptInvitationInputRef, required: true }) },
    resolve: (_root, args, ctx) => withSessionCookie(ctx, acceptInvitation(ctx, args.input)),
  }),
);

builder.mutationField('requestPasswordReset', (t) =>
  t.field({
    type: 'Boolean',
    description:
      'E-mails a single-use link (valid one hour) to reset the password. Always true: the answer is the same ' +
      'whether the address has an account or not.',
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => requestPasswordReset(ctx, args),
  }),
);

builder.mutationField('resetPassword', (t) =>
  t.field({
    type: 'Boolean',
    description:
      'Sets a new password with the e-mailed token and ends every session of the account. Unknown, used or ' +
      'expired token: BAD_USER_INPUT.',
    args: { token: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => resetPassword(ctx, args),
  }),
);

builder.mutationField('setMyLocale', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: UserRef,
    description: 'The caller’s language (fr or en): the app, error messages and notifications follow it.',
    args: { locale: t.arg({ type: LocaleEnum, required: true }) },
    resolve: (_root, args, ctx) => setMyLocale(ctx, args),
  }),
);

builder.mutationField('refreshSession', (t) =>
  t.field({
    type: AuthPayloadRef,
    description:
      'A new short-lived access token (15 minutes) from the HttpOnly refresh cookie, which rotates. No cookie, ' +
      'an expired or revoked session, or a replayed (already used) refresh token: UNAUTHENTICATED "Session expirée" ' +
      '(a replay also ends that session).',
    resolve: async (_root, _args, ctx) => {
      const refreshToken = ctx.sessionCookie.read();
      try {
        return await withSessionCookie(ctx, refreshSession(ctx, refreshToken ? { refreshToken } : {}));
      } catch (error) {
        ctx.sessionCookie.clear();
        throw error;
      }
    },
  }),
);

builder.mutationField('logOut', (t) =>
  t.field({
    type: 'Boolean',
    description:
      'Ends this device’s session (its refresh cookie and access token), or with allDevices every session of the ' +
      'signed-in user (their access tokens and sockets stop too). Always true; clears the cookie.',
    args: { allDevices: t.arg.boolean({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const refreshToken = ctx.sessionCookie.read();
      const done = await logOut(ctx, {
        allDevices: args.allDevices ?? false,
        ...(refreshToken ? { refreshToken } : {}),
      });
      ctx.sessionCookie.clear();
      return done;
    },
  }),
);
