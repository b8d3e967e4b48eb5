import { ACCESS_KINDS } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import type { AccessLogEntry } from './access-log.model';
import { listProfileViews } from './access-log.use-cases';

export const AccessKindEnum = builder.enumType('AccessKind', {
  values: ACCESS_KINDS,
  description: 'What a company user saw of a student: CONTACT (e-mail, phone) or CV.',
});

const ProfileViewRef = builder.objectRef<AccessLogEntry>('ProfileView').implement({
  description:
    'A company user who saw the student’s contact details or CV, one entry per viewer, kind and day (kept one year).',
  fields: (t) => ({
    id: t.id({ resolve: (e) => e._id }),
    kind: t.field({ type: AccessKindEnum, resolve: (e) => e.kind }),
    viewerName: t.string({
      nullable: true,
      description: 'The recruiter’s name; null once their account is gone.',
      resolve: async (e, _args, ctx) => (await ctx.loaders.userById.load(String(e.viewerId)))?.displayName ?? null,
    }),
    companyName: t.string({
      nullable: true,
      resolve: async (e, _args, ctx) => (await ctx.loaders.companyById.load(String(e.companyId)))?.name ?? null,
    }),
    firstViewedAt: t.field({ type: 'DateTime', resolve: (e) => e.firstAt }),
    lastViewedAt: t.field({ type: 'DateTime', resolve: (e) => e.lastAt }),
    count: t.int({ description: 'How many requests showed it that day.', resolve: (e) => e.count }),
  }),
});

builder.queryField('profileViews', (t) =>
  t.withAuth({ student: true, schoolStaff: true }).field({
    type: [ProfileViewRef],
    description:
      'Who of a company saw the student’s contact details or CV, newest first (at most 200). A student: their own ' +
      '(no studentId). Staff: a student of their school (studentId). Others: FORBIDDEN.',
    args: { studentId: t.arg.id() },
    resolve: (_root, args, ctx) => listProfileViews(ctx, { studentId: args.studentId?.toString() ?? null }),
  }),
);
