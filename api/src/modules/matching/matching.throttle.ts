import { Schema } from 'mongoose';
import { tooManyRequests } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';

/**
 * How often a company may ask for graduate matches (issue 13). Each answer tells the band of distance between a
 * promise's fixed place and each graduate's town: the information a company can gather grows with the number of
 * distinct places it probes, so distinct promises are counted per company and day; calls are counted per recruiter
 * (asking again about the same promise tells nothing new, but costs the server).
 */
export const MATCHING_THROTTLE = {
  callWindowMs: 10 * 60 * 1000,
  maxCallsPerRecruiter: 60,
  promiseWindowMs: 24 * 60 * 60 * 1000,
  maxDistinctPromisesPerCompany: 8,
} as const;

// Counters in the database, so that every API instance sees the same ones; the TTL index drops ended windows.
const matchingThrottleSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    count: { type: Number, required: true, default: 0 },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'matchingthrottles', versionKey: false },
);
matchingThrottleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const matchingThrottleModel = defineModel('MatchingThrottle', matchingThrottleSchema);

type Deps = Pick<DataDeps, 'connection' | 'clock'>;

/** Adds one to a window's counter (a new window once the last one ended) and returns the count and its end. */
async function bump(deps: Deps, key: string, windowMs: number, now: Date): Promise<{ count: number; end: Date }> {
  const Throttle = matchingThrottleModel(deps.connection);
  const expiresAt = new Date(now.getTime() + windowMs);
  await Throttle.updateOne({ key, expiresAt: { $lte: now } }, { $set: { count: 0, expiresAt } });
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await Throttle.findOneAndUpdate(
        { key },
        { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return { count: doc?.count ?? 1, end: doc?.expiresAt ?? expiresAt };
    } catch (error) {
      if (isDuplicateKeyError(error) && attempt < 3) continue;
      throw error;
    }
  }
}

const refuse = (end: Date, now: Date) =>
  tooManyRequests('place.tooManyMatchingRequests', Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)));

/**
 * Counts a recruiter's graduate-matching call on a promise; throws TOO_MANY_REQUESTS (with retryAfterSeconds) when
 * the recruiter's calls or the company's distinct promises of the window are used up. A refused call is not counted.
 */
export async function reserveGraduateMatching(
  deps: Deps,
  args: { userId: string; companyId: string; jobPromiseId: string },
): Promise<void> {
  const now = deps.clock.now();
  const Throttle = matchingThrottleModel(deps.connection);
  const calls = await bump(deps, `calls:${args.userId}`, MATCHING_THROTTLE.callWindowMs, now);
  if (calls.count > MATCHING_THROTTLE.maxCallsPerRecruiter) {
    await Throttle.updateOne({ key: `calls:${args.userId}`, count: { $gt: 0 } }, { $inc: { count: -1 } });
    throw refuse(calls.end, now);
  }
  const promiseKey = `promise:${args.companyId}:${args.jobPromiseId}`;
  if (await Throttle.exists({ key: promiseKey, expiresAt: { $gt: now } })) return;
  const companyKey = `company:${args.companyId}`;
  const distinct = await bump(deps, companyKey, MATCHING_THROTTLE.promiseWindowMs, now);
  if (distinct.count > MATCHING_THROTTLE.maxDistinctPromisesPerCompany) {
    await Throttle.updateOne({ key: companyKey, count: { $gt: 0 } }, { $inc: { count: -1 } });
    await Throttle.updateOne({ key: `calls:${args.userId}`, count: { $gt: 0 } }, { $inc: { count: -1 } });
    throw refuse(distinct.end, now);
  }
  // The promise stays counted for as long as the company's window.
  await Throttle.updateOne({ key: promiseKey }, { $set: { count: 1, expiresAt: distinct.end } }, { upsert: true });
}
