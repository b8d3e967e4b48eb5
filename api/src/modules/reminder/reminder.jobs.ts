import type { Types } from 'mongoose';
import { DAY_MS } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { markApplicationsReminded, unansweredApplications } from '../application/application.queries';
import { markExpiryReminded, promisesExpiringUnreminded, jobPromisesByIds } from '../job-promise/job-promise.queries';
import { notifyRecruiters } from '../notification/notification.queries';
import type { ScheduledJob } from '../scheduler/scheduler.runtime';

// Reminders to companies, run by the shared scheduler (one instance per occurrence). Each reminder is also marked on
// its subject in the same transaction as its notification, with a conditional update, so two runs that overlap (or
// a run retried after a crash) remind once.

/** A company hears this many days before its promise expires. */
export const EXPIRY_REMINDER_DAYS = 7;
/** An application waiting this many days without an answer (still SUBMITTED) is reminded to its company. */
export const WAITING_REMINDER_DAYS = 10;
const BATCH = 500;

/** JOB_PROMISE_EXPIRING to the recruiters of each OPEN promise expiring within 7 days, once per promise. */
export async function remindExpiringPromises(deps: DataDeps, now: Date = deps.clock.now()): Promise<number> {
  const due = await promisesExpiringUnreminded(
    deps,
    now,
    new Date(now.getTime() + EXPIRY_REMINDER_DAYS * DAY_MS),
    BATCH,
  );
  let reminded = 0;
  for (const jp of due) {
    const done = await inTransaction(deps, async (session) => {
      if (!(await markExpiryReminded(deps, session, jp._id, now))) return false;
      await notifyRecruiters(deps, session, jp.companyId, 'JOB_PROMISE_EXPIRING', {
        jobPromiseId: String(jp._id),
        jobPromiseTitle: jp.title,
        expiresAt: jp.expiresAt.toISOString(),
      });
      return true;
    });
    if (done) reminded += 1;
  }
  return reminded;
}

/**
 * APPLICATIONS_WAITING to the recruiters of each promise with applications SUBMITTED 10 days ago or more and not yet
 * reminded: one notification per promise and run (with the count), each application reminded once.
 */
export async function remindWaitingApplications(deps: DataDeps, now: Date = deps.clock.now()): Promise<number> {
  const waiting = await unansweredApplications(deps, new Date(now.getTime() - WAITING_REMINDER_DAYS * DAY_MS), BATCH);
  const byPromise = new Map<string, { companyId: Types.ObjectId; ids: Types.ObjectId[] }>();
  for (const a of waiting) {
    const key = String(a.jobPromiseId);
    const entry = byPromise.get(key) ?? { companyId: a.companyId, ids: [] };
    entry.ids.push(a._id);
    byPromise.set(key, entry);
  }
  if (byPromise.size === 0) return 0;
  const titles = new Map((await jobPromisesByIds(deps, [...byPromise.keys()])).map((jp) => [String(jp._id), jp.title]));
  let reminded = 0;
  for (const [jobPromiseId, { companyId, ids }] of byPromise) {
    reminded += await inTransaction(deps, async (session) => {
      const count = await markApplicationsReminded(deps, session, ids, now);
      if (count === 0) return 0;
      await notifyRecruiters(deps, session, companyId, 'APPLICATIONS_WAITING', {
        jobPromiseId,
        jobPromiseTitle: titles.get(jobPromiseId) ?? '',
        count,
        days: WAITING_REMINDER_DAYS,
      });
      return count;
    });
  }
  return reminded;
}

export const promiseExpiringReminderJob: ScheduledJob = {
  name: 'reminder.promiseExpiring',
  schedule: '10 * * * *',
  run: async (deps) => {
    const count = await remindExpiringPromises(deps);
    if (count) deps.logger.info({ count }, 'expiry reminders sent');
  },
};

export const applicationsWaitingReminderJob: ScheduledJob = {
  name: 'reminder.applicationsWaiting',
  schedule: '20 * * * *',
  run: async (deps) => {
    const count = await remindWaitingApplications(deps);
    if (count) deps.logger.info({ count }, 'waiting-application reminders sent');
  },
};
