import { builder } from '../../graphql/builder';
import { RecommendationStatusEnum, required } from '../../graphql/common.types';
import {
  ApplicationRef,
  CompanyRef,
  JobPromiseRef,
  RecommendationRef,
  SchoolRef,
  StudentRef,
  UserRef,
} from '../../graphql/refs';
import { canSeeRecommender } from './recommendation.policy';
import {
  getRecommendation,
  listMyRecommendations,
  recommendGraduate,
  respondToRecommendation,
} from './recommendation.use-cases';

RecommendationRef.implement({
  description:
    'A school recommending one of its graduates for a promise, with a note. Visible to the student, the company’s ' +
    'recruiters (note and school included), the school’s staff and the admin.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => r._id }),
    status: t.field({ type: RecommendationStatusEnum, resolve: (r) => r.status }),
    note: t.exposeString('note'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
    respondedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.respondedAt ?? null }),
    jobPromise: t.field({
      type: JobPromiseRef,
      resolve: async (r, _args, ctx) =>
        required(await ctx.loaders.jobPromiseById.load(String(r.jobPromiseId)), 'jobPromise'),
    }),
    student: t.field({
      type: StudentRef,
      resolve: async (r, _args, ctx) => required(await ctx.loaders.studentById.load(String(r.studentId)), 'student'),
    }),
    school: t.field({
      type: SchoolRef,
      description: 'The recommending school.',
      resolve: async (r, _args, ctx) => required(await ctx.loaders.schoolById.load(String(r.schoolId)), 'school'),
    }),
    company: t.field({
      type: CompanyRef,
      resolve: async (r, _args, ctx) => required(await ctx.loaders.companyById.load(String(r.companyId)), 'company'),
    }),
    recommendedBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'The staff member who recommended: visible to the school’s staff and the admin (null otherwise).',
      resolve: (r, _args, ctx) =>
        canSeeRecommender(ctx.actor, r) ? ctx.loaders.userById.load(String(r.recommendedBy)) : null,
    }),
    application: t.field({
      type: ApplicationRef,
      nullable: true,
      description: 'The application created (or linked) when the student accepted.',
      resolve: (r, _args, ctx) => (r.applicationId ? ctx.loaders.applicationById.load(String(r.applicationId)) : null),
    }),
  }),
});

builder.queryField('myRecommendations', (t) =>
  t.withAuth({ student: true, schoolStaff: true, companyRecruiter: true, federationAdmin: true }).field({
    type: [RecommendationRef],
    description:
      'Student: received. Staff: made by their school. Recruiter: received by their company. Admin: all. Newest first.',
    resolve: (_root, _args, ctx) => listMyRecommendations(ctx, {}),
  }),
);

builder.queryField('recommendation', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: RecommendationRef,
    nullable: true,
    description: 'Unknown id: NOT_FOUND; not a party to it: FORBIDDEN.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getRecommendation(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('recommendGraduate', (t) =>
  t.withAuth({ schoolStaff: true }).field({
    type: RecommendationRef,
    description:
      'Staff of the student’s school, for an OPEN promise targeting that school. One PENDING per (student, promise): ' +
      'CONFLICT otherwise. Notifies the graduate and the company’s recruiters.',
    args: {
      jobPromiseId: t.arg.id({ required: true }),
      studentId: t.arg.id({ required: true }),
      note: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      recommendGraduate(ctx, {
        jobPromiseId: String(args.jobPromiseId),
        studentId: String(args.studentId),
        note: args.note,
      }),
  }),
);

builder.mutationField('respondToRecommendation', (t) =>
  t.withAuth({ student: true }).field({
    type: RecommendationRef,
    description:
      'The recommended student accepts (an application with source RECOMMENDATION is created, or the existing one is ' +
      'linked) or declines. Answering twice: CONFLICT.',
    args: { id: t.arg.id({ required: true }), accept: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => respondToRecommendation(ctx, { id: String(args.id), accept: args.accept }),
  }),
);
