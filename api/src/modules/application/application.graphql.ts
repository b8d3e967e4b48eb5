import { allowedMoves, APPLICATION_SOURCES, APPLICATION_STATUSES, ROLES, Role } from '@promesse/shared';
import { builder } from '../../graphql/builder';
import { isRecruiterOf } from '../company/company.policy';
import { CompanyRef } from '../company/company.schema';
import { ApplicationRef, JobPromiseRef, RecommendationRef } from '../job-promise/job-promise.ref';
import { SchoolRef } from '../school/school.schema';
import { sameId } from '../school/school.service';
import { StudentRef } from '../student/student.ref';
import type { HistoryEntry } from './application.service';
import { applyToJobPromise, getApplication, listMyApplications, moveApplication } from './application.service';

export { ApplicationRef };

export const ApplicationStatusEnum = builder.enumType('ApplicationStatus', { values: APPLICATION_STATUSES });
export const ApplicationSourceEnum = builder.enumType('ApplicationSource', { values: APPLICATION_SOURCES });
export const HistoryActorEnum = builder.enumType('ApplicationHistoryActor', {
  description: 'The role that made a move, or SYSTEM for automatic ones (position filled, hired elsewhere).',
  values: [...ROLES, 'SYSTEM'] as const,
});

const HistoryEntryRef = builder.objectRef<HistoryEntry>('ApplicationHistoryEntry').implement({
  fields: (t) => ({
    from: t.field({ type: ApplicationStatusEnum, nullable: true, resolve: (h) => h.from ?? null }),
    to: t.field({ type: ApplicationStatusEnum, resolve: (h) => h.to }),
    byRole: t.field({ type: HistoryActorEnum, resolve: (h) => h.byRole }),
    at: t.field({ type: 'DateTime', resolve: (h) => h.at }),
    reason: t.string({ nullable: true, resolve: (h) => h.reason ?? null }),
  }),
});

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`dangling reference: ${what}`);
  return value;
}

ApplicationRef.implement({
  description:
    'A student’s application to a promise. Visible to the student, the company’s recruiters, the staff of the ' +
    'student’s school and the admin.',
  fields: (t) => ({
    id: t.id({ resolve: (a) => a._id }),
    status: t.field({ type: ApplicationStatusEnum, resolve: (a) => a.status }),
    source: t.field({ type: ApplicationSourceEnum, resolve: (a) => a.source }),
    message: t.string({ nullable: true, resolve: (a) => a.message ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (a) => (a as unknown as { createdAt: Date }).createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (a) => (a as unknown as { updatedAt: Date }).updatedAt }),
    history: t.field({
      type: [HistoryEntryRef],
      description: 'Every move, oldest first (the first entry is the creation, from = null).',
      resolve: (a) => a.history as unknown as HistoryEntry[],
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
        if (isRecruiterOf(ctx.actor, a.companyId)) return allowedMoves(a.status, 'COMPANY');
        if (ctx.actor?.role === Role.STUDENT) {
          const student = await ctx.loaders.studentById.load(String(a.studentId));
          if (student && sameId(student.userId, ctx.actor.userId)) return allowedMoves(a.status, 'STUDENT');
        }
        return [];
      },
    }),
  }),
});

builder.queryField('myApplications', (t) =>
  t.field({
    type: [ApplicationRef],
    authScopes: { student: true },
    description: 'The student’s applications, newest first.',
    resolve: (_root, _args, ctx) => listMyApplications(ctx.deps, ctx.actor!),
  }),
);

builder.queryField('application', (t) =>
  t.field({
    type: ApplicationRef,
    nullable: true,
    authScopes: { authenticated: true },
    description: 'The student, the company’s recruiters, the student’s school staff, the admin. Unknown id: NOT_FOUND.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => getApplication(ctx.deps, String(args.id), ctx.actor!),
  }),
);

builder.mutationField('applyToJobPromise', (t) =>
  t.field({
    type: ApplicationRef,
    authScopes: { student: true },
    description:
      'Applies to an OPEN promise targeting the student’s school. A repeat (even concurrent) returns the same application.',
    args: { jobPromiseId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: (_root, args, ctx) =>
      applyToJobPromise(ctx.deps, { jobPromiseId: String(args.jobPromiseId), message: args.message }, ctx.actor!),
  }),
);

builder.mutationField('moveApplication', (t) =>
  t.field({
    type: ApplicationRef,
    authScopes: { companyRecruiter: true, student: true },
    description:
      'Recruiter: SHORTLISTED, INTERVIEW, OFFERED (one step at a time) or REJECTED (reason required). Student: HIRED ' +
      '(from OFFERED; CONFLICT when no position is left) or WITHDRAWN. Other moves: CONFLICT.',
    args: {
      id: t.arg.id({ required: true }),
      to: t.arg({ type: ApplicationStatusEnum, required: true }),
      reason: t.arg.string(),
    },
    resolve: (_root, args, ctx) =>
      moveApplication(ctx.deps, { id: String(args.id), to: args.to, reason: args.reason }, ctx.actor!),
  }),
);
