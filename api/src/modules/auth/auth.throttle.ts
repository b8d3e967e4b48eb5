import { Schema } from 'mongoose';
import { tooManyRequests } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';

/** Failed log-ins allowed per window, per e-mail and per client IP (a school's NAT shares one IP: higher). */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxPerEmail: 5,
  maxPerIp: 30,
} as const;

// Counters live in the database (not in memory) so every API instance sees the same ones; the TTL index drops a
// window once it has ended.
const loginThrottleSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    count: { type: Number, required: true, default: 0 },
    windowStart: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'loginthrottles', versionKey: false },
);
loginThrottleSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const loginThrottleModel = defineModel('LoginThrottle', loginThrottleSchema);

export interface ThrottleReservation {
  /** Call when the attempt succeeded: it then does not count as a failure. */
  release(): Promise<void>;
}

async function reserve(deps: Pick<DataDeps, 'connection'>, key: string, now: Date): Promise<number> {
  const Throttle = loginThrottleModel(deps.connection);
  const expiresAt = new Date(now.getTime() + LOGIN_THROTTLE.windowMs);
  // A window that ended but was not swept yet by the TTL monitor starts over.
  await Throttle.updateOne({ key, expiresAt: { $lte: now } }, { $set: { count: 0, windowStart: now, expiresAt } });
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await Throttle.findOneAndUpdate(
        { key },
        { $inc: { count: 1 }, $setOnInsert: { windowStart: now, expiresAt } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return doc?.count ?? 1;
    } catch (error) {
      // Two first attempts raced on the upsert: the loser retries as an update.
      if (isDuplicateKeyError(error) && attempt < 3) continue;
      throw error;
    }
  }
}

/**
 * Counts an attempt before the password is checked (atomically, so parallel guesses cannot slip past the limit);
 * a successful attempt is given back with release(). Throws TOO_MANY_REQUESTS once either counter is over.
 */
export async function reserveLoginAttempt(deps: DataDeps, email: string, ip: string): Promise<ThrottleReservation> {
  const now = deps.clock.now();
  const keys = [`email:${email}`, `ip:${ip || 'unknown'}`] as const;
  const [emailCount, ipCount] = await Promise.all(keys.map((k) => reserve(deps, k, now)));
  const Throttle = loginThrottleModel(deps.connection);
  const giveBack = async () => {
    await Throttle.updateMany({ key: { $in: [...keys] }, count: { $gt: 0 } }, { $inc: { count: -1 } });
  };
  if ((emailCount ?? 0) > LOGIN_THROTTLE.maxPerEmail || (ipCount ?? 0) > LOGIN_THROTTLE.maxPerIp) {
    // Refused attempts are not failures of their own: give the slot back so the window can end.
    await giveBack();
    const doc = await Throttle.findOne({ key: { $in: [...keys] } })
      .sort({ expiresAt: -1 })
      .lean();
    const retryAfter = doc ? Math.max(1, Math.ceil((doc.expiresAt.getTime() - now.getTime()) / 1000)) : undefined;
    throw tooManyRequests('auth.tooManyLogins', retryAfter);
  }
  return {
    // A successful log-in clears the e-mail's failures; the IP only gets this attempt back (others share it).
    release: async () => {
      await Throttle.deleteOne({ key: keys[0] });
      await Throttle.updateOne({ key: keys[1], count: { $gt: 0 } }, { $inc: { count: -1 } });
    },
  };
}
