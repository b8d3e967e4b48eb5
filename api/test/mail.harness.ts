import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_MEMORY, loadEnv } from '../src/config/env';
import { systemClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { connectDatabase, type Database } from '../src/db/database';
import { createLogger } from '../src/logger';
import '../src/modules/mail/mail.model';
import { startMail, type MailRuntime } from '../src/modules/mail/mail.runtime';
import { MAIL_DELIVERY_DEFAULTS, type MailSettings } from '../src/modules/mail/mail.settings';
import { listStoredMails, type StoredMail } from '../src/modules/mail/mail.store';
import { TEST_JWT_SECRET } from '../src/testing/test-app';

// The mail channel on its own: an in-memory embedded engine, the outbox worker and the in-process SMTP server
// storing `.eml` files in a temporary folder. Delays are short so retries happen within a test.

export interface MailHarness {
  db: Database;
  deps: AppDeps;
  settings: MailSettings;
  mail: MailRuntime;
  storeDir: string;
  close(): Promise<void>;
}

export function testMailSettings(storeDir: string, overrides: Partial<MailSettings> = {}): MailSettings {
  return {
    ...MAIL_DELIVERY_DEFAULTS,
    smtpUrl: undefined,
    from: 'Promesse <no-reply@promesse.test>',
    publicUrl: 'http://localhost:4000',
    storeDir,
    secret: TEST_JWT_SECRET,
    retryBaseMs: 50,
    retryMaxMs: 200,
    pollMs: 50,
    leaseMs: 4_000,
    sendTimeoutMs: 2_000,
    ...overrides,
  };
}

export async function startMailHarness(overrides: Partial<MailSettings> = {}): Promise<MailHarness> {
  const env = loadEnv({ NODE_ENV: 'test', DATA_DIR: IN_MEMORY, LOG_LEVEL: 'silent', JWT_SECRET: TEST_JWT_SECRET });
  const logger = createLogger(env);
  const db = await connectDatabase(env, logger);
  const deps: AppDeps = { env, logger, connection: db.connection, clock: systemClock };
  const storeDir = await mkdtemp(path.join(tmpdir(), 'promesse-mail-'));
  const settings = testMailSettings(storeDir, overrides);
  const mail = await startMail(deps, settings);
  return {
    db,
    deps,
    settings,
    mail,
    storeDir,
    async close() {
      await mail.close();
      await db.close();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the store holds messages matching `accept` (polling the folder), then returns them. */
export async function waitForMails(
  dir: string,
  accept: (mails: StoredMail[]) => boolean,
  timeoutMs = 10_000,
): Promise<StoredMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await listStoredMails(dir);
    if (accept(mails)) return mails;
    if (Date.now() > deadline) {
      throw new Error(
        `mail store: condition not met in ${timeoutMs} ms; ${mails.length} stored: ${mails.map((m) => m.subject).join(' | ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first http(s) link of a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const link = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return link;
}

/** Waits for `count` messages to `address` in the store; returns them, newest first. */
export async function mailsTo(dir: string, address: string, count = 1): Promise<StoredMail[]> {
  const mails = await waitForMails(dir, (all) => all.filter((m) => m.to.includes(address)).length >= count);
  return mails.filter((m) => m.to.includes(address));
}

/** The newest stored message to `address` whose subject is `subject` (waits for it). */
export async function mailWithSubject(dir: string, address: string, subject: string): Promise<StoredMail> {
  const isIt = (m: StoredMail) => m.to.includes(address) && m.subject === subject;
  const found = (await waitForMails(dir, (mails) => mails.some(isIt))).find(isIt);
  if (!found) throw new Error(`no mail to ${address} with subject ${subject}`);
  return found;
}
