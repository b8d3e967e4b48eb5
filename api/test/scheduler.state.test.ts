import { IN_MEMORY, loadEnv } from '../src/config/env';
import type { Actor } from '../src/core/actor';
import { systemClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { connectDatabase, type Database } from '../src/db/database';
import { createLogger } from '../src/logger';
import { mailPurgeJob } from '../src/modules/mail/mail.jobs';
import { mailOutboxModel } from '../src/modules/mail/mail.model';
import { startScheduler, type Scheduler } from '../src/modules/scheduler/scheduler.runtime';
import { listScheduledJobs, type ScheduledJobState } from '../src/modules/scheduler/scheduler.use-cases';

let db: Database;
let deps: AppDeps;
let scheduler: Scheduler;
const admin: Actor = { userId: '6650a0a0a0a0a0a0a0a0a0a0', role: 'FEDERATION_ADMIN', locale: 'fr' };

beforeAll(async () => {
  const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: IN_MEMORY, LOG_LEVEL: 'silent' });
  const logger = createLogger(env);
  db = await connectDatabase(env, logger);
  deps = { env, logger, connection: db.connection, clock: systemClock };
  scheduler = await startScheduler(
    deps,
    [
      mailPurgeJob,
      {
        name: 'test.failing',
        schedule: '1 hour',
        run: async () => {
          throw new Error('the sweep broke');
        },
      },
    ],
    { uri: db.uri, processEveryMs: 100 },
  );
});

afterAll(async () => {
  await scheduler.stop();
  await db.close();
});

async function jobState(
  name: string,
  until: (j: ScheduledJobState) => boolean,
): Promise<ScheduledJobState | undefined> {
  for (let i = 0; i < 100; i++) {
    const job = (await listScheduledJobs({ deps, actor: admin }, {})).find((j) => j.name === name);
    if (job && until(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

test('recurring jobs are listed with their schedule and next run, for the federation admin only', async () => {
  const jobs = await listScheduledJobs({ deps, actor: admin }, {});
  expect(jobs.map((j) => j.name)).toEqual(['mail.purge', 'test.failing']);
  const purge = jobs[0];
  expect(purge?.repeatInterval).toBe('30 3 * * *');
  expect(purge?.nextRunAt?.getTime()).toBeGreaterThan(Date.now());
  expect(purge?.nextRunAt?.getUTCMinutes()).toBe(30);
  await expect(
    listScheduledJobs({ deps, actor: { userId: admin.userId, role: 'SCHOOL_STAFF', locale: 'fr', schoolId: 'x' } }, {}),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('runNow runs a job once: the purge forgets delivered mail past the retention, keeps the rest', async () => {
  const outbox = mailOutboxModel(db.connection);
  const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
  const base = { to: 'x@promesse.test', locale: 'fr', template: 'passwordReset', attempts: 1, availableAt: old };
  await outbox.collection.insertMany([
    { ...base, key: 'old-sent', status: 'SENT', createdAt: old, updatedAt: old },
    { ...base, key: 'old-dead', status: 'DEAD', createdAt: old, updatedAt: old },
    { ...base, key: 'new-sent', status: 'SENT', createdAt: new Date(), updatedAt: new Date() },
  ]);
  await scheduler.runNow('mail.purge');
  await jobState('mail.purge', () => true);
  for (let i = 0; i < 100 && (await outbox.countDocuments({ key: 'old-sent' })) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect((await outbox.find({}, { key: 1 }).lean()).map((m) => m.key).sort()).toEqual(['new-sent', 'old-dead']);
});

test('a failing job is recorded in its state', async () => {
  await scheduler.runNow('test.failing');
  // The occurrence run by runNow is its own (one-off) document; the recurring one keeps its schedule.
  for (let i = 0; i < 100; i++) {
    const failed = await db.connection
      .collection('agendaJobs')
      .findOne({ name: 'test.failing', failCount: { $gte: 1 } });
    if (failed) {
      expect(failed['failReason']).toContain('the sweep broke');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the failure was not recorded');
});
