import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IN_MEMORY } from '../../config/env';

/**
 * Everything the mail channel needs from the configuration. Built from the environment by the server (config/ owns
 * process.env); tests build it directly to shorten delays.
 */
export interface MailSettings {
  /** The SMTP server to send through; undefined: an SMTP server runs in-process and stores what it receives. */
  smtpUrl: string | undefined;
  /** The From header, e.g. `Promesse <no-reply@example.org>`. */
  from: string;
  /** The web app's address, for the links in messages (no trailing slash). */
  publicUrl: string;
  /** Where the in-process server stores `.eml` files (`<DATA_DIR>/mail`). */
  storeDir: string;
  /** Signs unsubscribe links. */
  secret: string;
  /** After this many failed attempts a message becomes a dead letter. */
  maxAttempts: number;
  /** First retry delay; each next one doubles (plus jitter), up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a worker owns a claimed message; a worker that died leaves it to another after this. */
  leaseMs: number;
  /** How often an idle worker looks for due messages. */
  pollMs: number;
  /** Messages sent in parallel (SMTP connections in the pool). */
  concurrency: number;
  /** Messages one worker loop claims at a time. */
  batchSize: number;
  /** The longest one send may take (the transport's timeouts add up to it); must be well below `leaseMs`. */
  sendTimeoutMs: number;
}

export const DEFAULT_MAIL_FROM = 'Promesse <no-reply@promesse.localhost>';

export const MAIL_DELIVERY_DEFAULTS = {
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
  pollMs: 1_000,
  concurrency: 4,
  batchSize: 20,
  sendTimeoutMs: 60_000,
} as const satisfies Partial<MailSettings>;

/** The configuration fields the mail channel reads (a subset of the parsed Env). */
export interface MailEnv {
  SMTP_URL: string | undefined;
  MAIL_FROM: string | undefined;
  PUBLIC_URL: string;
  /** Absolute path, or ':memory:' (then messages are stored in a temporary folder). */
  DATA_DIR: string;
  JWT_SECRET: string;
  /** Overrides where the in-process server stores messages (default: `DATA_DIR/mail`). */
  MAIL_STORE_DIR?: string | undefined;
}

export async function mailSettingsFromEnv(env: MailEnv): Promise<MailSettings> {
  const storeDir =
    env.MAIL_STORE_DIR ??
    (env.DATA_DIR === IN_MEMORY
      ? await mkdtemp(path.join(tmpdir(), 'promesse-mail-'))
      : path.join(env.DATA_DIR, 'mail'));
  return {
    ...MAIL_DELIVERY_DEFAULTS,
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM ?? DEFAULT_MAIL_FROM,
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    storeDir,
    secret: env.JWT_SECRET,
  };
}
