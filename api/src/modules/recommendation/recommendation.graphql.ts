import { RECOMMENDATION_STATUSES, Role } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { UserRef } from '../auth/auth.schema';
import { CompanyRef } from '../company/company.schema';
import { ApplicationRef, JobPromiseRef, RecommendationRef } from '../job-promise/job-promise.ref';
import { SchoolRef } from '../school/school.schema';
import { isStaffOf } from '../school/school.policy';
import { StudentRef } from '../student/student.ref';
import {
  getRecommendation,
  listMyRecommendations,
  recommendGraduate,
  respondToRecommendation,
} from './recommendation.service';

export { RecommendationRef };

export const RecommendationStatusEnum = builder.enumType('RecommendationStatus', { values: RECOMMENDATION_STATUSES });

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`dangling reference: ${what}`);
  return value;
}

RecommendationRef.implement({
  description:
    'A school recommending one of its graduates for a promise, with a note. Visible to the student, the company’s ' +
    'recruiters (note and school included), the school’s staff and the admin.',
  fields: (t) => ({
    id: t.id({ resolve: (r) => r._id }),
    status: t.field({ type: RecommendationStatusEnum, resolve: (r) => r.status }),
    note: t.exposeString('note'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => (r as unknown as { createdAt: Date }).createdAt }),
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
        ctx.actor?.role === Role.FEDERATION_ADMIN || isStaffOf(ctx.actor, r.schoolId)
          ? ctx.loaders.userById.load(String(r.recommendedBy))
          : null,
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
  t.field({
    type: [RecommendationRef],
    authScopes: { student: true, schoolStaff: true, companyRecruiter: true, federationAdmin: true },
    description:
      'Student: received. Staff: made by their school. Recruiter: received by their company. Admin: all. Newest first.',
    resolve: (_root, _args, ctx) => listMyRecommendations(ctx.deps, ctx.actor!),
  }),
);

builder.queryField('recommendation', (t) =>
  t.field({
    type: RecommendationRef,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'Unknown id: NOT_FOUND; not a party to it: FORBIDDEN.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getRecommendation(ctx.deps, String(args.id), ctx.actor!),
  }),
);

builder.mutationField('recommendGraduate', (t) =>
  t.field({
    type: RecommendationRef,
    authScopes: { schoolStaff: true },
    description:
      'Staff of the student’s school, for an OPEN promise targeting that school. One PENDING per (student, promise): ' +
      'CONFLICT otherwise. Notifies the graduate and the company’s recruiters.',
    args: {
      jobPromiseId: t.arg.id({ required: true }),
      studentId: t.arg.id({ required: true }),
      note: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      recommendGraduate(
        ctx.deps,
        { jobPromiseId: String(args.jobPromiseId), studentId: String(args.studentId), note: args.note },
        ctx.actor!,
      ),
  }),
);

builder.mutationField('respondToRecommendation', (t) =>
  t.field({
    type: RecommendationRef,
    authScopes: { student: true },
    description:
      'The recommended student accepts (an application with source RECOMMENDATION is created, or the existing one is ' +
      'linked) or declines. Answering twice: CONFLICT.',
    args: { id: t.arg.id({ required: true }), accept: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) =>
      respondToRecommendation(ctx.deps, { id: String(args.id), accept: args.accept }, ctx.actor!),
  }),
);
