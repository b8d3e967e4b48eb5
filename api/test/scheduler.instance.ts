// One scheduler instance in its own process, for scheduler.multi-instance.test.ts: connects to the database given as
// argv[2] and runs the `test.tick` job (every second), recording each run with its instance name (argv[3]).
import { loadEnv } from '../src/config/env';
import { systemClock } from '../src/core/clock';
import { connectDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';
import { startScheduler } from '../src/modules/scheduler/scheduler.runtime';

async function main(): Promise<void> {
  const [uri = '', instance = 'instance'] = process.argv.slice(2);
  const env = loadEnv({ NODE_ENV: 'test', MONGODB_URI: uri, LOG_LEVEL: 'silent' });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  const deps = { env, logger, connection: db.connection, clock: systemClock };
  const scheduler = await startScheduler(
    deps,
    [
      {
        name: 'test.tick',
        schedule: '1 second',
        run: async ({ connection }) => {
          await connection.collection('schedulerTestRuns').insertOne({ instance, at: new Date() });
        },
      },
    ],
    { uri, processEveryMs: 100 },
  );
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await scheduler.stop();
      await db.close();
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
