import { hostname } from 'node:os';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { AppDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';

// Scheduled work (expiry sweeps, digests, reminders, purges) runs through agenda on the application's own database:
// every API instance starts a scheduler, and agenda's lock on each job document (findOneAndUpdate on `lockedAt`)
// lets exactly one of them run each occurrence. Works on MongoDB and on the embedded engine alike.

export const SCHEDULER_COLLECTION = 'agendaJobs';
export const SCHEDULER_TIMEZONE = 'Europe/Paris';

export interface ScheduledJob {
  /** Unique, stable name (`domain.what`): the job document's key. */
  name: string;
  /** A cron expression (`0 7 * * *`, in Europe/Paris) or an interval (`5 minutes`). */
  schedule: string;
  /** What one occurrence does; it must be safe to run again (a crashed instance's job is retried by another). */
  run(deps: AppDeps): Promise<void>;
  /** How long an occurrence may run before another instance may take it over. Default 10 minutes. */
  lockLifetimeMs?: number;
}

export interface Scheduler {
  /** Runs a job now (once, on whichever instance takes it). */
  runNow(name: string): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** The database's URI: agenda keeps its own client (its driver is not mongoose's copy). */
  uri: string;
  /** How often each instance looks for due jobs. */
  processEveryMs?: number;
}

/** Starts this instance's scheduler and (re)declares the recurring jobs; declaring twice keeps one document each. */
export async function startScheduler(
  deps: AppDeps,
  jobs: readonly ScheduledJob[],
  options: SchedulerOptions,
): Promise<Scheduler> {
  const log = deps.logger.child({ component: 'scheduler' });
  const db = deps.connection.db;
  if (!db) throw new Error('scheduler: the database connection is not open');
  const agenda = new Agenda({
    backend: new MongoBackend({ address: options.uri, collection: SCHEDULER_COLLECTION }),
    // Recorded as the job's lastModifiedBy: which instance ran it.
    name: `${hostname()}:${process.pid}`,
    processEvery: options.processEveryMs ?? 30_000,
  });
  agenda.on('error', (error: unknown) => log.error({ err: error }, 'scheduler error'));
  agenda.on('fail', (error: unknown, job: { attrs: { name: string } }) =>
    log.error({ err: error, job: job.attrs.name }, 'scheduled job failed'),
  );
  for (const job of jobs) {
    agenda.define(
      job.name,
      async () => {
        const started = Date.now();
        await job.run(deps);
        log.info({ job: job.name, ms: Date.now() - started }, 'scheduled job done');
      },
      { lockLifetime: job.lockLifetimeMs ?? 10 * 60_000, concurrency: 1 },
    );
  }
  // Several instances starting together would each upsert the same recurring job: a unique index on the name of
  // recurring ("single") jobs turns the race into one document and a duplicate-key error for the others.
  await db
    .collection(SCHEDULER_COLLECTION)
    .createIndex({ name: 1 }, { unique: true, partialFilterExpression: { type: 'single' }, name: 'single_job_name' });
  await agenda.start();
  for (const job of jobs) {
    try {
      await agenda.every(job.schedule, job.name, undefined, { timezone: SCHEDULER_TIMEZONE, skipImmediate: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  log.info({ jobs: jobs.map((j) => j.name) }, 'scheduler started');
  return {
    async runNow(name) {
      await agenda.now(name);
    },
    async stop() {
      await agenda.stop();
    },
  };
}
