import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DEV_SECRET_FILE, persistentDevSecret } from './dev-secret';
import { findRepoRoot } from './paths';

// The only module that reads process.env: everything else receives a parsed, typed `Env`.

export const IN_MEMORY = ':memory:';
const MIN_PRODUCTION_SECRET_LENGTH = 32;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

// Empty strings count as unset, so `FOO=` in a shell or compose file behaves like no FOO at all.
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const booleanFlag = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (!v) return fallback;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got "${v}"` });
      return z.NEVER;
    });

const rawSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: optionalString,
  MONGODB_URI: optionalString.refine((v) => !v || /^mongodb(\+srv)?:\/\//.test(v), {
    message: 'must start with mongodb:// or mongodb+srv://',
  }),
  DATA_DIR: optionalString,
  EMBEDDED_MONGO_PORT: optionalString
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .pipe(z.number().int().min(0).max(65535).optional()),
  SEED_DEMO: booleanFlag(false),
  BOOTSTRAP_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  BOOTSTRAP_ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
  JWT_SECRET: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: optionalString,
  CORS_ORIGIN: optionalString,
  TRUST_PROXY: booleanFlag(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  SMTP_URL: optionalString.refine((v) => !v || /^smtps?:\/\//.test(v), {
    message: 'must start with smtp:// or smtps://',
  }),
  MAIL_FROM: optionalString,
  PUBLIC_URL: optionalString.refine((v) => !v || /^https?:\/\/[^/]+/.test(v), {
    message: 'must be an http(s) address, e.g. https://promesse.example.org',
  }),
  PROMESSE_TEST_CRASH_AFTER_NOTIFICATION_COMMIT: booleanFlag(false),
  SIGNUPS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
  MAIL_STORE_DIR: optionalString,
});

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = z.infer<typeof rawSchema>['LOG_LEVEL'];

export interface Env {
  NODE_ENV: NodeEnv;
  PORT: number;
  /** Interface to listen on; undefined = all interfaces (Node's default). */
  HOST: string | undefined;
  /** When set, the MongoDB to use; when undefined the embedded engine starts in-process. */
  MONGODB_URI: string | undefined;
  /** Absolute path of the embedded engine's data, or ':memory:' for a throw-away in-memory engine. */
  DATA_DIR: string;
  /**
   * The in-process engine is reached over a Unix socket only its user can open; this TCP port (127.0.0.1, no
   * authentication) is opened too only when set, e.g. for a database tool. Ignored with MONGODB_URI.
   */
  EMBEDDED_MONGO_PORT: number | undefined;
  SEED_DEMO: boolean;
  /** Both set or both undefined. */
  BOOTSTRAP_ADMIN_EMAIL: string | undefined;
  BOOTSTRAP_ADMIN_PASSWORD: string | undefined;
  JWT_SECRET: string;
  /**
   * True when no JWT_SECRET was given: a random one was generated (kept in DATA_DIR/jwt-secret in development, so
   * sessions survive a restart; otherwise tokens die with the process).
   */
  JWT_SECRET_GENERATED: boolean;
  /** Where the generated development secret is kept (DATA_DIR/jwt-secret), or null when it lives with the process. */
  JWT_SECRET_FILE: string | null;
  LOG_LEVEL: LogLevel;
  /** Absolute path of the built web app. */
  WEB_DIST_DIR: string;
  /** Origins allowed to call the API cross-origin (dev tools); empty in production unless CORS_ORIGIN is set. */
  CORS_ORIGINS: string[];
  TRUST_PROXY: boolean;
  SHUTDOWN_TIMEOUT_MS: number;
  /** Outgoing mail server; undefined: an SMTP server runs in-process and stores messages under DATA_DIR/mail. */
  SMTP_URL: string | undefined;
  /** The From of outgoing mail; undefined: `Promesse <no-reply@promesse.localhost>`. */
  MAIL_FROM: string | undefined;
  /** The web app's address, for links in e-mails (no trailing slash). */
  PUBLIC_URL: string;
  /**
   * Test hook (honoured only when NODE_ENV=test): the process SIGKILLs itself when its notification feed receives a
   * committed notification, before emitting it — the "died between commit and emit" case of the realtime tests.
   */
  TEST_CRASH_AFTER_NOTIFICATION_COMMIT: boolean;
  /** Company sign-ups accepted per client IP and hour (TOO_MANY_REQUESTS past it; issue 13 item 4). */
  SIGNUPS_PER_IP_PER_HOUR: number;
  /**
   * Where the in-process SMTP server stores `.eml` files when SMTP_URL is unset; undefined: `DATA_DIR/mail` (a
   * temporary folder with an in-memory engine). The end-to-end harness sets it to read the links it needs.
   */
  MAIL_STORE_DIR: string | undefined;
}

const DEV_CORS_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = rawSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const raw = parsed.data;
  const problems: string[] = [];
  const isProduction = raw.NODE_ENV === 'production';

  let jwtSecret = raw.JWT_SECRET;
  let generated = false;
  if (isProduction && (!jwtSecret || jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH)) {
    problems.push(
      `JWT_SECRET: required in production and at least ${MIN_PRODUCTION_SECRET_LENGTH} characters long ` +
        `(generate one with: node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))")`,
    );
  }
  if (!jwtSecret) {
    jwtSecret = randomBytes(48).toString('base64url');
    generated = true;
  }

  if (Boolean(raw.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(raw.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) throw new EnvError(problems);

  const root = findRepoRoot();
  const dataDir = raw.DATA_DIR ?? './.data';
  const dataPath = dataDir === IN_MEMORY ? IN_MEMORY : path.resolve(root, dataDir);
  // In development the unset secret survives restarts (kept in DATA_DIR); elsewhere it lives with the process.
  const keepSecret = generated && raw.NODE_ENV === 'development' && dataPath !== IN_MEMORY;
  if (keepSecret) jwtSecret = persistentDevSecret(dataPath);
  return {
    NODE_ENV: raw.NODE_ENV,
    PORT: raw.PORT,
    HOST: raw.HOST,
    MONGODB_URI: raw.MONGODB_URI,
    DATA_DIR: dataPath,
    EMBEDDED_MONGO_PORT: raw.EMBEDDED_MONGO_PORT,
    SEED_DEMO: raw.SEED_DEMO,
    BOOTSTRAP_ADMIN_EMAIL: raw.BOOTSTRAP_ADMIN_EMAIL?.toLowerCase(),
    BOOTSTRAP_ADMIN_PASSWORD: raw.BOOTSTRAP_ADMIN_PASSWORD,
    JWT_SECRET: jwtSecret,
    JWT_SECRET_GENERATED: generated,
    JWT_SECRET_FILE: keepSecret ? path.join(dataPath, DEV_SECRET_FILE) : null,
    LOG_LEVEL: raw.LOG_LEVEL,
    WEB_DIST_DIR: path.resolve(root, raw.WEB_DIST_DIR ?? 'web/dist'),
    CORS_ORIGINS: raw.CORS_ORIGIN
      ? raw.CORS_ORIGIN.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : isProduction
        ? []
        : DEV_CORS_ORIGINS,
    TRUST_PROXY: raw.TRUST_PROXY,
    SHUTDOWN_TIMEOUT_MS: raw.SHUTDOWN_TIMEOUT_MS,
    SMTP_URL: raw.SMTP_URL,
    MAIL_FROM: raw.MAIL_FROM,
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT || 4000}`).replace(/\/+$/, ''),
    TEST_CRASH_AFTER_NOTIFICATION_COMMIT: raw.NODE_ENV === 'test' && raw.PROMESSE_TEST_CRASH_AFTER_NOTIFICATION_COMMIT,
    SIGNUPS_PER_IP_PER_HOUR: raw.SIGNUPS_PER_IP_PER_HOUR,
    MAIL_STORE_DIR: raw.MAIL_STORE_DIR ? path.resolve(root, raw.MAIL_STORE_DIR) : undefined,
  };
}
