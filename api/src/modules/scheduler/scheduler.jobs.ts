import { expireJobPromises } from '../job-promise/job-promise.expiry';
import { mailPurgeJob } from '../mail/mail.jobs';
import { outcomeReminderJob } from '../outcome/outcome.reminders';
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

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [jobPromiseExpiryJob, mailPurgeJob, outcomeReminderJob];
