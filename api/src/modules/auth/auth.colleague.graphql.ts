import { builder } from '../../graphql/builder';
import { inviteColleague, resendColleagueInvitation } from './auth.colleague';

const ColleagueInvitationRef = builder
  .objectRef<{ code: string; email: string; expiresAt: Date }>('ColleagueInvitation')
  .implement({
    fields: (t) => ({
      code: t.string({ resolve: (i) => i.code }),
      email: t.string({ resolve: (i) => i.email }),
      expiresAt: t.field({ type: 'DateTime', resolve: (i) => i.expiresAt }),
    }),
  });

builder.mutationField('inviteColleague', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: ColleagueInvitationRef,
    description:
      'A recruiter invites a colleague into their company (e-mail with a single-use code; acceptInvitation creates ' +
      'the account). An address that already has an account: CONFLICT.',
    args: { email: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => inviteColleague(ctx, { email: args.email }),
  }),
);

builder.mutationField('resendColleagueInvitation', (t) =>
  t.withAuth({ companyRecruiter: true }).field({
    type: ColleagueInvitationRef,
    description:
      'E-mails one of the company’s colleague invitations again with a new code and validity (the previous link ' +
      'stops working). They are listed by pendingInvitations and withdrawn by revokeInvitation.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => resendColleagueInvitation(ctx, { id: String(args.id) }),
  }),
);
