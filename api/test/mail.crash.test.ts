import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedMongo } from '@promesse/embedded-mongo';
import { loadEnv } from '../src/config/env';
import { systemClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { inTransaction } from '../src/core/transactions';
import { connectDatabase, withDatabaseName, type Database } from '../src/db/database';
import { createLogger } from '../src/logger';
import { startDevSmtpServer, type DevSmtpServer } from '../src/modules/mail/mail.dev-smtp';
import { mailOutboxModel } from '../src/modules/mail/mail.model';
import { enqueueMail, type MailMessage } from '../src/modules/mail/mail.queries';
import { messageIdFor } from '../src/modules/mail/mail.worker';
import { testMailSettings, waitForMails } from './mail.harness';

// A worker process killed (SIGKILL) while sending: the message committed in the outbox is neither lost nor stored
// twice. Two moments: before the SMTP server accepted it, and right after (before the worker could record it).

const ROOT = path.resolve(__dirname, '..', '..');
let engine: Awaited<ReturnType<typeof startEmbeddedMongo>>;
let uri: string;
let db: Database;
let deps: AppDeps;
let smtp: DevSmtpServer;
let storeDir: string;
/** What the SMTP server does with the next message it receives, before storing it. */
let onMessage: (() => Promise<void>) | null = null;

beforeAll(async () => {
  engine = await startEmbeddedMongo({ host: '127.0.0.1', port: 0 });
  uri = withDatabaseName(engine.uri);
  const env = loadEnv({ NODE_ENV: 'test', MONGODB_URI: uri, LOG_LEVEL: 'silent' });
  const logger = createLogger(env);
  db = await connectDatabase(env, logger);
  deps = { env, logger, connection: db.connection, clock: systemClock };
  storeDir = await mkdtemp(path.join(tmpdir(), 'promesse-crash-'));
  smtp = await startDevSmtpServer({
    dir: storeDir,
    logger,
    beforeAccept: async () => {
      const hook = onMessage;
      onMessage = null;
      await hook?.();
    },
  });
});

afterAll(async () => {
  await smtp.close();
  await db.close();
  await engine.stop();
  await rm(storeDir, { recursive: true, force: true });
});

function startWorker(): Promise<ChildProcess> {
  const script = path.join(__dirname, 'mail.worker-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, uri, smtp.url], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('ready')) resolve(child);
    });
    child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}):\n${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function message(key: string): MailMessage {
  return {
    key,
    to: `${key}@promesse.test`,
    locale: 'fr',
    template: 'passwordReset',
    params: { token: `token-of-${key}` },
  };
}

async function outboxRow(key: string) {
  return mailOutboxModel(db.connection).findOne({ key }).lean();
}

async function sentRow(key: string) {
  for (let i = 0; i < 300; i++) {
    const row = await outboxRow(key);
    if (row?.status === 'SENT') return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return outboxRow(key);
}

test('killed before the SMTP server accepted: another process sends it once, after the lease', async () => {
  const key = 'crash-before-accept';
  await inTransaction(deps, (session) => enqueueMail(deps, session, message(key)));
  const first = await startWorker();
  // The server holds the message until the worker is dead, then refuses it (the connection is gone anyway).
  onMessage = async () => {
    await kill(first);
    throw new Error('sender died');
  };
  for (let i = 0; i < 300 && first.exitCode === null && first.signalCode === null; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(first.signalCode).toBe('SIGKILL');
  expect(await outboxRow(key)).toMatchObject({ status: 'PENDING', attempts: 1 });
  expect((await waitForMails(storeDir, () => true)).filter((m) => m.to.includes(`${key}@promesse.test`))).toEqual([]);

  const second = await startWorker();
  try {
    const row = await sentRow(key);
    expect(row).toMatchObject({ status: 'SENT', attempts: 2 });
    const stored = (await waitForMails(storeDir, () => true)).filter((m) => m.to.includes(`${key}@promesse.test`));
    expect(stored).toHaveLength(1);
    expect(stored[0]?.messageId).toBe(messageIdFor(key, testMailSettings('').from));
  } finally {
    await kill(second);
  }
}, 120_000);

test('killed right after the server accepted: the resend has the same Message-ID and is kept once', async () => {
  const key = 'crash-after-accept';
  await inTransaction(deps, (session) => enqueueMail(deps, session, message(key)));
  const first = await startWorker();
  // Accept the message, but kill the sender first, so it cannot record that it was sent.
  onMessage = () => kill(first);
  for (let i = 0; i < 300 && first.signalCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(first.signalCode).toBe('SIGKILL');
  await waitForMails(storeDir, (all) => all.some((m) => m.to.includes(`${key}@promesse.test`)));
  expect((await outboxRow(key))?.status).toBe('PENDING');

  const second = await startWorker();
  try {
    expect(await sentRow(key)).toMatchObject({ status: 'SENT', attempts: 2 });
    const stored = (await waitForMails(storeDir, () => true)).filter((m) => m.to.includes(`${key}@promesse.test`));
    expect(stored).toHaveLength(1);
  } finally {
    await kill(second);
  }
}, 120_000);
