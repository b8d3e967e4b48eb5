import { DAY_MS } from '../common/common.schemas';

// Issue 18 (RGPD): every retention rule of the platform, in one place. The scheduler's jobs (api modules/retention)
// act on these durations, and the privacy page of the web app lists them from here (its texts are keyed by `code`),
// so a duration is written once.

export const RETENTION_UNITS = ['DAY', 'YEAR'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

export interface RetentionDuration {
  amount: number;
  unit: RetentionUnit;
}

export const RETENTION_CODES = [
  'INACTIVE_ACCOUNT',
  'READ_NOTIFICATION',
  'INVITATION',
  'ACCOUNT_TOKEN',
  'ACCESS_LOG',
] as const;
export type RetentionCode = (typeof RETENTION_CODES)[number];

export const RETENTION_ACTIONS = ['ANONYMISE', 'DELETE'] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

export interface RetentionRule {
  code: RetentionCode;
  /** How long after its reference instant (last activity, creation, expiry) the data is acted on. */
  after: RetentionDuration;
  /** What the reference instant is: the account's last activity, the record's creation, or its expiry. */
  from: 'LAST_ACTIVITY' | 'CREATED' | 'EXPIRED';
  action: RetentionAction;
  /** The person is warned (by e-mail) this long before the action. */
  warnBefore?: RetentionDuration;
}

/** A year counts 365 days: the boundaries are instants, the same in every time zone. */
export function durationMs(d: RetentionDuration): number {
  return d.amount * (d.unit === 'YEAR' ? 365 : 1) * DAY_MS;
}

export const RETENTION_RULES = {
  // Accounts with no log-in or session refresh for two years are anonymised (the statistics keep anonymous records).
  INACTIVE_ACCOUNT: {
    code: 'INACTIVE_ACCOUNT',
    after: { amount: 2, unit: 'YEAR' },
    from: 'LAST_ACTIVITY',
    action: 'ANONYMISE',
    warnBefore: { amount: 30, unit: 'DAY' },
  },
  // Notifications the user has read, once a year old.
  READ_NOTIFICATION: {
    code: 'READ_NOTIFICATION',
    after: { amount: 1, unit: 'YEAR' },
    from: 'CREATED',
    action: 'DELETE',
  },
  // Invitations (used, revoked or not): kept 30 days past their expiry so staff can still see and resend an expired
  // one (the pending-invitations list offers it), then deleted with the e-mail address they name.
  INVITATION: { code: 'INVITATION', after: { amount: 30, unit: 'DAY' }, from: 'EXPIRED', action: 'DELETE' },
  // Password-reset links and company e-mail verifications: deleted as soon as they expire.
  ACCOUNT_TOKEN: { code: 'ACCOUNT_TOKEN', after: { amount: 0, unit: 'DAY' }, from: 'EXPIRED', action: 'DELETE' },
  // Who saw a student's contact details or CV: kept one year.
  ACCESS_LOG: { code: 'ACCESS_LOG', after: { amount: 1, unit: 'YEAR' }, from: 'CREATED', action: 'DELETE' },
} as const satisfies { [C in RetentionCode]: RetentionRule & { code: C } };

/** The rules in the order the privacy page lists them. */
export const RETENTION_RULE_LIST: readonly RetentionRule[] = RETENTION_CODES.map((c) => RETENTION_RULES[c]);

/** Data of this rule whose reference instant is at or before this cutoff is acted on at `now`. */
export function retentionCutoff(rule: RetentionRule, now: Date): Date {
  return new Date(now.getTime() - durationMs(rule.after));
}

/** When an inactive account is warned: the rule's duration minus the warning delay, after the last activity. */
export function inactivityWarningCutoff(now: Date): Date {
  const rule = RETENTION_RULES.INACTIVE_ACCOUNT;
  return new Date(now.getTime() - durationMs(rule.after) + durationMs(rule.warnBefore));
}
