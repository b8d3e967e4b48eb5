import type { AppDeps, DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { rejectOpenApplicationsOfPromise } from '../application/application.queries';
import { closePendingRecommendationsOfPromise } from '../recommendation/recommendation.queries';
import { jobPromiseModel } from './job-promise.model';

/**
 * Stores EXPIRED on every OPEN promise whose expiresAt has passed, one transaction per promise with what ends with
 * it (open applications REJECTED "promise expired", pending recommendations DECLINED, people notified); returns how
 * many changed. Safe to run twice at once: each promise moves only while still OPEN.
 */
export async function expireJobPromises(deps: DataDeps, now: Date = deps.clock.now()): Promise<number> {
  const JobPromise = jobPromiseModel(deps.connection);
  const due = await JobPromise.find({ status: 'OPEN', expiresAt: { $lte: now } }, { _id: 1 })
    .limit(500)
    .lean();
  let count = 0;
  for (const { _id } of due) {
    const moved = await inTransaction(deps, async (session) => {
      const updated = await JobPromise.findOneAndUpdate(
        { _id, status: 'OPEN', expiresAt: { $lte: now } },
        { $set: { status: 'EXPIRED' } },
        { returnDocument: 'after', session },
      );
      if (!updated) return false;
      await rejectOpenApplicationsOfPromise(deps, session, updated, 'EXPIRED', now);
      await closePendingRecommendationsOfPromise(deps, session, updated, 'EXPIRED', now);
      return true;
    });
    if (moved) count += 1;
  }
  return count;
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
