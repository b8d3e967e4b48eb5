import { forbidden } from '@promesse/shared';
import { isAdmin } from '../../core/actor';
import { builder } from '../../graphql/builder';
import { JobPromiseRef } from '../../graphql/refs';
import type { JobPromiseEditDoc } from './job-promise.edit.model';
import { editHistoryOf } from './job-promise.edit';
import { isOwnerRecruiter } from './job-promise.policy';

type Change = JobPromiseEditDoc['changes'][number];

const text = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join(', ') : String(v);

const JobPromiseChangeRef = builder.objectRef<Change>('JobPromiseChange').implement({
  description: 'One field of an edit: its value before and after (dates as ISO strings, lists comma-separated).',
  fields: (t) => ({
    field: t.string({ resolve: (c) => c.field }),
    before: t.string({ nullable: true, resolve: (c) => text(c.before) }),
    after: t.string({ nullable: true, resolve: (c) => text(c.after) }),
  }),
});

const JobPromiseEditRef = builder.objectRef<JobPromiseEditDoc>('JobPromiseEdit').implement({
  fields: (t) => ({
    id: t.id({ resolve: (e) => e._id }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    byName: t.string({ description: 'Who edited (name at the time).', resolve: (e) => e.byName }),
    changes: t.field({ type: [JobPromiseChangeRef], resolve: (e) => e.changes }),
    notifiedCount: t.int({
      description: 'Applicants and recommended graduates told of the change.',
      resolve: (e) => e.notified,
    }),
  }),
});

builder.objectFields(JobPromiseRef, (t) => ({
  editHistory: t.field({
    type: [JobPromiseEditRef],
    nullable: true,
    description:
      'Edits made after publication, newest first. The company’s recruiters and the admin; others: FORBIDDEN.',
    resolve: (jp, _args, ctx) => {
      if (!isOwnerRecruiter(ctx.actor, jp) && !isAdmin(ctx.actor)) throw forbidden('jobPromise.otherCompany');
      return editHistoryOf(ctx.deps, jp._id);
    },
  }),
}));
