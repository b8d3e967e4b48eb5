import * as z from 'zod';
import { defineUseCase } from '../../core/use-case';
import { SCHEDULER_COLLECTION } from './scheduler.runtime';

/** One recurring job as agenda stores it (the fields the admin view reads). */
export interface ScheduledJobState {
  name: string;
  repeatInterval?: string | null;
  nextRunAt?: Date | null;
  lastRunAt?: Date | null;
  lastFinishedAt?: Date | null;
  failedAt?: Date | null;
  failCount?: number | null;
  failReason?: string | null;
  lockedAt?: Date | null;
  lastModifiedBy?: string | null;
  disabled?: boolean | null;
}

/** The recurring jobs shared by every API instance, by name (federation admin). */
export const listScheduledJobs = defineUseCase({
  name: 'listScheduledJobs',
  input: z.object({}),
  access: ['FEDERATION_ADMIN'],
  run: async (_input, { deps }): Promise<ScheduledJobState[]> =>
    deps.connection
      .collection<ScheduledJobState & { type: string }>(SCHEDULER_COLLECTION)
      .find({ type: 'single' })
      .sort({ name: 1 })
      .toArray(),
});
