import type { AppDeps, DataDeps } from '../../core/deps';
import { jobPromiseModel } from './job-promise.model';

/** Stores EXPIRED on every OPEN promise whose expiresAt has passed; returns how many changed. */
export async function expireJobPromises(deps: DataDeps, now: Date = deps.clock.now()): Promise<number> {
  const result = await jobPromiseModel(deps.connection).updateMany(
    { status: 'OPEN', expiresAt: { $lte: now } },
    { $set: { status: 'EXPIRED' } },
  );
  return result.modifiedCount;
}

export const EXPIRY_SWEEP_INTERVAL_MS = 60_000;

/**
 * Runs expireJobPromises periodically. Reads never depend on it (an overdue OPEN promise already reads as
 * EXPIRED); it keeps stored statuses, indexes and exports honest. The timer never keeps the process alive.
 */
export function startJobPromiseExpirySweep(
  deps: Pick<AppDeps, 'connection' | 'clock' | 'logger'>,
  intervalMs = EXPIRY_SWEEP_INTERVAL_MS,
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running || deps.connection.readyState !== 1) return;
    running = true;
    expireJobPromises(deps)
      .then((count) => {
        if (count) deps.logger.info({ count }, 'job promises expired');
      })
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'job promise expiry sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
