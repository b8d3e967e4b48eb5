import { expireJobPromises } from '../job-promise/job-promise.expiry';
import { mailPurgeJob } from '../mail/mail.jobs';
import { sendInterviewReminders } from '../interview/interview.use-cases';
import { notificationDigestJob } from '../notification/notification.digest';
import { applicationsWaitingReminderJob, promiseExpiringReminderJob } from '../reminder/reminder.jobs';
import { outcomeReminderJob } from '../outcome/outcome.reminders';
import { anonymisePortFor } from '../retention/retention.anonymise-port';
import { inactiveAccountsJob, retentionPurgeJob } from '../retention/retention.jobs';
import type { ScheduledJob } from './scheduler.runtime';

// Every recurring job of the application: `npm start` (and the Docker image) starts the scheduler with this list.

const jobPromiseExpiryJob: ScheduledJob = {
  name: 'jobPromise.expire',
  schedule: '1 minute',
  run: async (deps) => {
    const count = await expireJobPromises(deps);
    if (count) deps.logger.info({ count }, 'job promises expired');
  },
};

/** Every 15 minutes: reminds both sides of the interviews of the next 24 hours, once each (see the use case). */
export const interviewReminderJob: ScheduledJob = {
  name: 'interview.remind',
  schedule: '15 minutes',
  run: async (deps) => {
    const count = await sendInterviewReminders(deps);
    if (count) deps.logger.info({ count }, 'interview reminders sent');
  },
};

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  jobPromiseExpiryJob,
  mailPurgeJob,
  notificationDigestJob,
  promiseExpiringReminderJob,
  applicationsWaitingReminderJob,
  interviewReminderJob,
  outcomeReminderJob,
  // Issue 18: the retention rules (shared/src/privacy/privacy.retention.ts).
  inactiveAccountsJob(anonymisePortFor),
  retentionPurgeJob,
];
