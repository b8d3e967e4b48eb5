import { LRUCache } from 'lru-cache';
import { Schema } from 'mongoose';
import { tooManyRequests } from '@promesse/shared';
import { defineModel } from '../../db/model-registry';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';

/**
 * Failed log-ins allowed per window. From a client where the account never signed in: per account (all such clients
 * together) and per IP (a school's NAT shares one IP: higher). From a client where it signed in before ("known"):
 * per (account, client) and per IP, so failures from elsewhere cannot lock the owner out of their own devices.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Per account, from clients it never signed in from (together): brute force stays as hard as before. */
  maxPerEmail: 5,
  /** Per account and known client: only that client's own failures hold it. */
  maxPerAccountAndClient: 5,
  maxPerIp: 30,
  /** How long a client stays known after a successful log-in. */
  knownClientMs: 30 * 24 * 60 * 60 * 1000,
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

async function reserve(
  deps: Pick<DataDeps, 'connection'>,
  key: string,
  now: Date,
  windowMs: number = LOGIN_THROTTLE.windowMs,
): Promise<number> {
  const Throttle = loginThrottleModel(deps.connection);
  const expiresAt = new Date(now.getTime() + windowMs);
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

async function isKnownClient(deps: DataDeps, key: string, now: Date): Promise<boolean> {
  return (await loginThrottleModel(deps.connection).exists({ key, expiresAt: { $gt: now } })) !== null;
}

/**
 * Counts an attempt before the password is checked (atomically, so parallel guesses cannot slip past the limit);
 * a successful attempt is given back with release(), which also makes the client known for this account.
 * Throws TOO_MANY_REQUESTS once a counter that applies is over.
 */
export async function reserveLoginAttempt(deps: DataDeps, email: string, ip: string): Promise<ThrottleReservation> {
  const now = deps.clock.now();
  const client = ip || 'unknown';
  const knownKey = `known:${email}:${client}`;
  const known = await isKnownClient(deps, knownKey, now);
  // The account's counter first: a success clears it (release).
  const limits: [string, number][] = [
    known
      ? [`pair:${email}:${client}`, LOGIN_THROTTLE.maxPerAccountAndClient]
      : [`email:${email}`, LOGIN_THROTTLE.maxPerEmail],
    [`ip:${client}`, LOGIN_THROTTLE.maxPerIp],
  ];
  const keys = limits.map(([key]) => key);
  const counts = await Promise.all(keys.map((k) => reserve(deps, k, now)));
  const Throttle = loginThrottleModel(deps.connection);
  const giveBack = async () => {
    await Throttle.updateMany({ key: { $in: keys }, count: { $gt: 0 } }, { $inc: { count: -1 } });
  };
  const over = limits.filter(([, max], i) => (counts[i] ?? 0) > max).map(([key]) => key);
  if (over.length) {
    // Refused attempts are not failures of their own: give the slot back so the window can end.
    await giveBack();
    const doc = await Throttle.findOne({ key: { $in: over } })
      .sort({ expiresAt: -1 })
      .lean();
    const retryAfter = doc ? Math.max(1, Math.ceil((doc.expiresAt.getTime() - now.getTime()) / 1000)) : undefined;
    throw tooManyRequests('auth.tooManyLogins', retryAfter);
  }
  return {
    // Success clears the account's failures (from this known client, or from unknown ones) and makes the client
    // known; the IP only gets this attempt back (others share it).
    release: async () => {
      await Throttle.deleteOne({ key: keys[0] });
      await Throttle.updateMany({ key: { $in: keys.slice(1) }, count: { $gt: 0 } }, { $inc: { count: -1 } });
      await Throttle.updateOne(
        { key: knownKey },
        {
          $set: { count: 0, windowStart: now, expiresAt: new Date(now.getTime() + LOGIN_THROTTLE.knownClientMs) },
        },
        { upsert: true },
      );
    },
  };
}

/** Wrong invitation codes allowed per client IP and window (in this instance's memory: nothing written on failure). */
export const INVITATION_THROTTLE = { windowMs: 15 * 60 * 1000, maxFailuresPerIp: 20 } as const;

const invitationFailures = new LRUCache<string, number>({ max: 50_000, ttl: INVITATION_THROTTLE.windowMs });

/** Refuses a client that sent too many wrong invitation codes (TOO_MANY_REQUESTS), before any work is done. */
export function checkInvitationAttempts(ip: string): void {
  const failures = invitationFailures.get(ip || 'unknown') ?? 0;
  if (failures >= INVITATION_THROTTLE.maxFailuresPerIp) {
    const remainingMs = invitationFailures.getRemainingTTL(ip || 'unknown');
    throw tooManyRequests('auth.tooManyLogins', Math.max(1, Math.ceil(remainingMs / 1000)));
  }
}

/** Counts a wrong (unknown, used, revoked or expired) invitation code from this client. */
export function recordInvitationFailure(ip: string): void {
  const key = ip || 'unknown';
  // noUpdateTTL: the window starts at the first failure, it is not extended by later ones.
  invitationFailures.set(key, (invitationFailures.get(key) ?? 0) + 1, { noUpdateTTL: invitationFailures.has(key) });
}

/** Company sign-ups allowed per client IP and window (the count per IP comes from the configuration). */
export const SIGNUP_THROTTLE_WINDOW_MS = 60 * 60 * 1000;

/**
 * Counts a sign-up from this client (in the database, shared by every instance) and refuses it with
 * TOO_MANY_REQUESTS (and when to retry) past `maxPerIp` within the window: sign-ups cannot probe or flood.
 */
export async function reserveSignup(deps: DataDeps, ip: string, maxPerIp: number): Promise<void> {
  const now = deps.clock.now();
  const key = `signup:${ip || 'unknown'}`;
  const count = await reserve(deps, key, now, SIGNUP_THROTTLE_WINDOW_MS);
  if (count <= maxPerIp) return;
  const doc = await loginThrottleModel(deps.connection).findOne({ key }).lean();
  const retryAfter = doc ? Math.max(1, Math.ceil((doc.expiresAt.getTime() - now.getTime()) / 1000)) : 60;
  throw tooManyRequests('auth.tooManySignups', retryAfter);
}
