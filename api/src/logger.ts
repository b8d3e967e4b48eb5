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
// `destination`: where the JSON lines go instead of stdout (tests read them).
export function createLogger(env: Pick<Env, 'LOG_LEVEL' | 'NODE_ENV'>, destination?: pino.DestinationStream): Logger {
  const pretty =
    !destination && env.NODE_ENV !== 'production' && process.stdout.isTTY === true && canResolve('pino-pretty');
  const options: pino.LoggerOptions = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}
