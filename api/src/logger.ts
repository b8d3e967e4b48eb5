import { createRequire } from 'node:module';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { Env } from './config/env';

export type { Logger };

function canResolve(name: string): boolean {
  try {
    createRequire(path.join(process.cwd(), 'noop.js')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

// JSON lines for machines (production, pipes, files); a readable line when a person watches a terminal (any
// non-production run with a TTY), through pino-pretty (a dev dependency) when it is installed.
export function createLogger(env: Pick<Env, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  const pretty = env.NODE_ENV !== 'production' && process.stdout.isTTY === true && canResolve('pino-pretty');
  return pino({
    level: env.LOG_LEVEL,
    base: { service: 'promesse-api' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
          },
        }
      : {}),
  });
}
