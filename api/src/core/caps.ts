import { ACTION_CAPS, appError, type ActionCap } from '@promesse/shared';

/** What an action's cap is checked against: how many the actor did in the window, and when the oldest was. */
export interface CapUsage {
  count: number;
  oldest: Date | null;
}

/** The start of the cap's sliding window. */
export function capWindowStart(cap: ActionCap, now: Date): Date {
  return new Date(now.getTime() - ACTION_CAPS[cap].windowMs);
}

/**
 * TOO_MANY_REQUESTS when the actor reached the cap (shared/src/security/security.caps.ts); `retryAfterSeconds` is
 * when the oldest counted action leaves the window, so one more becomes possible.
 */
export function assertUnderCap(cap: ActionCap, usage: CapUsage, now: Date): void {
  const { max, windowMs } = ACTION_CAPS[cap];
  if (usage.count < max) return;
  const freeAt = (usage.oldest?.getTime() ?? now.getTime()) + windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw appError(
    'TOO_MANY_REQUESTS',
    `security.cap.${cap}`,
    { max, retryAfterSeconds },
    { details: { retryAfterSeconds } },
  );
}
