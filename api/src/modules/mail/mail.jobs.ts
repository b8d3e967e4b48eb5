import { DAY_MS } from '@promesse/shared';
import type { ScheduledJob } from '../scheduler/scheduler.runtime';
import { mailOutboxModel } from './mail.model';

/** How long sent and suppressed messages stay in the outbox (for the admin's counts and support questions). */
export const MAIL_RETENTION_DAYS = 30;

/** Daily: forgets delivered messages past the retention; dead letters stay until retried or handled. */
export const mailPurgeJob: ScheduledJob = {
  name: 'mail.purge',
  schedule: '30 3 * * *',
  run: async (deps) => {
    const before = new Date(deps.clock.now().getTime() - MAIL_RETENTION_DAYS * DAY_MS);
    await mailOutboxModel(deps.connection).deleteMany({
      status: { $in: ['SENT', 'SUPPRESSED'] },
      updatedAt: { $lt: before },
    });
  },
};
