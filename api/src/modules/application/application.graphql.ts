import { ROLES } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { ApplicationSourceEnum, ApplicationStatusEnum, required } from '../../graphql/common.types';
import {
  ApplicationRef,
  CompanyRef,
  JobPromiseRef,
  RecommendationRef,
  SchoolRef,
  StudentRef,
} from '../../graphql/refs';
import { allowedMovesFor } from './application.policy';
import type { ApplicationDoc } from './application.model';
import { applyToJobPromise, getApplication, listMyApplications, moveApplication } from './application.use-cases';

export const HistoryActorEnum = builder.enumType('ApplicationHistoryActor', {
  description: 'The role that made a move, or SYSTEM for automatic ones (position filled, hired elsewhere).',
  values: [...ROLES, 'SYSTEM'] as const,
});

const HistoryEntryRef = builder.objectRef<ApplicationDoc['history'][number]>('ApplicationHistoryEntry').implement({
  fields: (t) => ({
    from: t.field({ type: ApplicationStatusEnum, nullable: true, resolve: (h) => h.from ?? null }),
    to: t.field({ type: ApplicationStatusEnum, resolve: (h) => h.to }),
    byRole: t.field({ type: HistoryActorEnum, resolve: (h) => h.byRole }),
    at: t.field({ type: 'DateTime', resolve: (h) => h.at }),
    reason: t.string({ nullable: true, resolve: (h) => h.reason ?? null }),
  }),
});

ApplicationRef.implement({
  description:
    'A student’s application to a promise. Visible to the student, the company’s recruiters, the staff of the ' +
    'student’s school and the admin.',
  fields: (t) => ({
    id: t.id({ resolve: (a) => a._id }),
    status: t.field({ type: ApplicationStatusEnum, resolve: (a) => a.status }),
    source: t.field({ type: ApplicationSourceEnum, resolve: (a) => a.source }),
    message: t.string({ nullable: true, resolve: (a) => a.message ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => a.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (a) => a.updatedAt }),
    history: t.field({
      type: [HistoryEntryRef],
      description: 'Every move, oldest first (the first entry is the creation, from = null).',
      resolve: (a) => a.history,
    }),
    jobPromise: t.field({
      type: JobPromiseRef,
      resolve: async (a, _args, ctx) =>
        required(await ctx.loaders.jobPromiseById.load(String(a.jobPromiseId)), 'jobPromise'),
    }),
    student: t.field({
      type: StudentRef,
      resolve: async (a, _args, ctx) => required(await ctx.loaders.studentById.load(String(a.studentId)), 'student'),
    }),
    company: t.field({
      type: CompanyRef,
      resolve: async (a, _args, ctx) => required(await ctx.loaders.companyById.load(String(a.companyId)), 'company'),
    }),
    school: t.field({
      type: SchoolRef,
      description: 'The student’s school.',
      resolve: async (a, _args, ctx) => required(await ctx.loaders.schoolById.load(String(a.schoolId)), 'school'),
    }),
    recommendation: t.field({
      type: RecommendationRef,
      nullable: true,
      resolve: (a, _args, ctx) =>
        a.recommendationId ? ctx.loaders.recommendationById.load(String(a.recommendationId)) : null,
    }),
    allowedMoves: t.field({
      type: [ApplicationStatusEnum],
      description: 'Statuses the caller may move this application to now (shared state machine).',
      resolve: async (a, _args, ctx) => {
        // Only a student needs their profile read (to tell their own application from another's).
        const student = ctx.actor?.role === 'STUDENT' ? await ctx.loaders.studentById.load(String(a.studentId)) : null;
        return allowedMovesFor(ctx.actor, a, student?.userId);
      },
    }),
  }),
});

builder.queryField('myApplications', (t) =>
  t.withAuth({ student: true }).field({
    type: [ApplicationRef],
    description: 'The student’s applications, newest first.',
    resolve: (_root, _args, ctx) => listMyApplications(ctx, {}),
  }),
);

builder.queryField('application', (t) =>
  t.withAuth({ authenticated: true }).field({
    type: ApplicationRef,
    nullable: true,
    description: 'The student, the company’s recruiters, the student’s school staff, the admin. Unknown id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getApplication(ctx, { id: String(args.id) }),
  }),
);

builder.mutationField('applyToJobPromise', (t) =>
  t.withAuth({ student: true }).field({
    type: ApplicationRef,
    description:
      'Applies to an OPEN promise targeting the student’s school. A repeat (even concurrent) returns the same application.',
    args: { jobPromiseId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: (_root, args, ctx) =>
      applyToJobPromise(ctx, { jobPromiseId: String(args.jobPromiseId), message: args.message }),
  }),
);

builder.mutationField('moveApplication', (t) =>
  t.withAuth({ companyRecruiter: true, student: true }).field({
    type: ApplicationRef,
    description:
      'Recruiter: SHORTLISTED, INTERVIEW, OFFERED (one step at a time) or REJECTED (reason required). Student: HIRED ' +
      '(from OFFERED; CONFLICT when no position is left) or WITHDRAWN. Other moves: CONFLICT.',
    args: {
      id: t.arg.id({ required: true }),
      to: t.arg({ type: ApplicationStatusEnum, required: true }),
      reason: t.arg.string(),
    },
    resolve: (_root, args, ctx) => moveApplication(ctx, { id: String(args.id), to: args.to, reason: args.reason }),
  }),
);
