import { builder } from '../../graphql/builder';
import { listScheduledJobs, type ScheduledJobState } from './scheduler.use-cases';

const ScheduledJobRef = builder.objectRef<ScheduledJobState>('ScheduledJob').implement({
  description: 'A recurring job (expiry sweeps, digests, reminders), run once per occurrence by one API instance.',
  fields: (t) => ({
    name: t.exposeString('name'),
    schedule: t.string({
      nullable: true,
      description: 'Cron expression (Europe/Paris) or interval.',
      resolve: (j) => j.repeatInterval ?? null,
    }),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.nextRunAt ?? null }),
    lastRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.lastRunAt ?? null }),
    lastFinishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.lastFinishedAt ?? null }),
    lastFailedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.failedAt ?? null }),
    failCount: t.int({ resolve: (j) => j.failCount ?? 0 }),
    failReason: t.string({ nullable: true, resolve: (j) => j.failReason ?? null }),
    running: t.boolean({
      description: 'An instance holds the job right now.',
      resolve: (j) => j.lockedAt != null,
    }),
    lastRunBy: t.string({
      nullable: true,
      description: 'The instance (host:pid) that last ran it.',
      resolve: (j) => j.lastModifiedBy ?? null,
    }),
  }),
});

builder.queryField('scheduledJobs', (t) =>
  t.withAuth({ federationAdmin: true }).field({
    type: [ScheduledJobRef],
    description: 'Federation admin only: the shared scheduler’s recurring jobs and their state.',
    resolve: (_root, _args, ctx) => listScheduledJobs(ctx, {}),
  }),
);
