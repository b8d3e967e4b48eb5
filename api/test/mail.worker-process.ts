// An outbox worker in its own process, for mail.crash.test.ts (which kills it mid-send): argv = database URI, SMTP URL.
import { loadEnv } from '../src/config/env';
import { systemClock } from '../src/core/clock';
import { connectDatabase } from '../src/db/database';
import { createLogger } from '../src/logger';
import { startMail } from '../src/modules/mail/mail.runtime';
import { testMailSettings } from './mail.harness';

async function main(): Promise<void> {
  const [uri = '', smtpUrl = ''] = process.argv.slice(2);
  const env = loadEnv({ NODE_ENV: 'test', MONGODB_URI: uri, LOG_LEVEL: 'silent' });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  await startMail(
    { logger, connection: db.connection, clock: systemClock },
    testMailSettings('', { smtpUrl, leaseMs: 2_000, sendTimeoutMs: 1_000, concurrency: 1 }),
  );
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
