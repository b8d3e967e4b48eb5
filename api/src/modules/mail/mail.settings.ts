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
}

export const DEFAULT_MAIL_FROM = 'Promesse <no-reply@promesse.localhost>';

export const MAIL_DELIVERY_DEFAULTS = {
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  leaseMs: 2 * 60_000,
  pollMs: 1_000,
  concurrency: 4,
} as const satisfies Partial<MailSettings>;
