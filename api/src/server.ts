import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { jwtSecretWarning } from './config/dev-secret';
import { EnvError, loadEnv, type Env } from './config/env';
import { connectDatabase } from './db/database';
import { createLogger } from './logger';
import { systemClock } from './core/clock';
import type { AppDeps } from './core/deps';
import { ensureBootstrapAdmin } from './modules/auth/auth.queries';
import { migrateStudentLocations } from './modules/student/student.queries';
import { backfillGraduateOutcomes, ensureOutcomeCells } from './modules/outcome/outcome.records';
import { DEV_MAIL_PATH } from './modules/mail/mail.http';
import { startMail } from './modules/mail/mail.runtime';
import { warmTowns } from './modules/place/place.queries';
import { mailSettingsFromEnv } from './modules/mail/mail.settings';
import { SCHEDULED_JOBS } from './modules/scheduler/scheduler.jobs';
import { startScheduler } from './modules/scheduler/scheduler.runtime';
import { seedDemo, type DemoAccount } from './seed/demo.seed';

function readEnv(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function banner(url: string, accounts: readonly DemoAccount[], devMail: boolean): string {
  const lines = [``, `  Promesse is running at ${url}`, `  GraphQL: ${url}/graphql   health: ${url}/healthz`];
  if (devMail) lines.push(`  E-mails (stored, not sent): ${url}${DEV_MAIL_PATH}`);
  if (accounts.length) {
    lines.push(``, `  Demo accounts:`);
    for (const a of accounts) lines.push(`    ${a.role.padEnd(18)} ${a.email.padEnd(34)} ${a.password}   ${a.label}`);
  }
  lines.push(``, `  Stop with Ctrl-C.`, ``);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger(env);
  const secretWarning = jwtSecretWarning(env);
  if (secretWarning) logger.warn(secretWarning);

  const db = await connectDatabase(env, logger);
  const deps: AppDeps = { env, logger, connection: db.connection, clock: systemClock };

  if (env.BOOTSTRAP_ADMIN_EMAIL && env.BOOTSTRAP_ADMIN_PASSWORD) {
    const admin = await ensureBootstrapAdmin(deps, {
      email: env.BOOTSTRAP_ADMIN_EMAIL,
      password: env.BOOTSTRAP_ADMIN_PASSWORD,
    });
    if (admin) logger.info({ email: admin.email }, 'bootstrap federation admin created');
  }
  const demoAccounts = env.SEED_DEMO ? (await seedDemo(deps)).accounts : [];
  // Students stored before town granularity (issue 13) are placed at their town's centre before anyone reads them.
  const migrated = await migrateStudentLocations(deps);
  if (migrated > 0) logger.info({ students: migrated }, 'student locations placed at their town centre');
  // Outcome figures read cells summed from per-graduate summaries: build the summaries missing or of an older version
  // (first start after issue 17's summaries, data imported by scripts), then the cells when those or their version
  // changed, before anyone reads a figure.
  const summaries = await backfillGraduateOutcomes(deps);
  if (summaries > 0) logger.info({ graduates: summaries }, 'graduate outcome summaries built');
  const cells = await ensureOutcomeCells(deps, { rebuild: summaries > 0 });
  if (cells !== null) logger.info({ cells }, 'outcome cells rebuilt');

  const mail = await startMail(deps, await mailSettingsFromEnv(env));
  const scheduler = await startScheduler(deps, SCHEDULED_JOBS, { uri: db.uri });
  const app = buildApp(deps, { mail });
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(env.PORT, env.HOST, () => {
      app.httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = app.httpServer.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info({ port, url }, 'listening');
  process.stdout.write(`${banner(url, demoAccounts, mail.devServer !== null && env.NODE_ENV !== 'production')}\n`);
  // The town picker's gazetteer, read once listening (rather than during the first person's search), unless the
  // migration above read it already.
  setImmediate(warmTowns);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A launcher may forward the terminal's signal that we already got: one shutdown, bounded by its own timeout.
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS + 10_000);
    deadline.unref();
    (async () => {
      await app.close();
      await scheduler.stop();
      await mail.close();
      await db.close();
      logger.info('stopped cleanly');
      logger.flush();
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'error during shutdown');
      logger.flush();
      process.exit(1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Promesse failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
