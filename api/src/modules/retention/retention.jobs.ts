import {
  DEFAULT_LOCALE,
  durationMs,
  inactivityWarningCutoff,
  LOCALES,
  RETENTION_RULES,
  retentionCutoff,
  type Locale,
} from '@promesse/shared';
import type { AppDeps, DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { purgeAccessLog } from '../access-log/access-log.queries';
import { accountsInactiveSince, purgeExpiredAccountTokens, purgeExpiredInvitations } from '../auth/auth.queries';
import { enqueueMail } from '../mail/mail.queries';
import { purgeReadNotifications } from '../notification/notification.queries';
import type { ScheduledJob } from '../scheduler/scheduler.runtime';
import { inactivityWarningModel } from './retention.model';

// Issue 18: the retention rules of shared/src/privacy/privacy.retention.ts, applied. Each function reads the time
// from deps.clock and is safe to run again (or on two instances at once): the scheduler runs them daily.

/** How an account is anonymised: the erasure of modules/privacy, injected (retention.anonymise-port.ts). */
export interface AnonymisePort {
  anonymise(userId: string, reason: string): Promise<void>;
}

type Deps = DataDeps & Partial<Pick<AppDeps, 'logger'>>;

const localeOf = (l: string | null | undefined): Locale =>
  (LOCALES as readonly string[]).includes(l ?? '') ? (l as Locale) : DEFAULT_LOCALE;
const periodKey = (userId: unknown, lastActiveAt: Date) => `${String(userId)}:${lastActiveAt.getTime()}`;

/**
 * Warns (essential e-mail `inactivityWarning`) every account inactive for the rule's duration minus its warning
 * delay, once per period of inactivity. The anonymisation date is the end of the inactivity period, or 30 days after
 * the warning if that is later (an account found late still gets its full notice). Returns how many were warned.
 */
export async function warnInactiveAccounts(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const accounts = await accountsInactiveSince(deps, inactivityWarningCutoff(now));
  if (!accounts.length) return 0;
  const Warning = inactivityWarningModel(deps.connection);
  const warnings = await Warning.find(
    { userId: { $in: accounts.map((a) => a._id) } },
    { userId: 1, lastActiveAt: 1, anonymisedAt: 1 },
  ).lean();
  const known = new Set(warnings.map((w) => periodKey(w.userId, w.lastActiveAt)));
  // An account this job already anonymised is never warned again, whatever the erasure left of it.
  const anonymised = new Set(warnings.filter((w) => w.anonymisedAt).map((w) => String(w.userId)));
  const rule = RETENTION_RULES.INACTIVE_ACCOUNT;
  let warned = 0;
  for (const account of accounts) {
    if (known.has(periodKey(account._id, account.lastActiveAt)) || anonymised.has(String(account._id))) continue;
    const anonymiseAt = new Date(
      Math.max(account.lastActiveAt.getTime() + durationMs(rule.after), now.getTime() + durationMs(rule.warnBefore)),
    );
    try {
      await inTransaction(deps, async (session) => {
        await Warning.create(
          [{ userId: account._id, lastActiveAt: account.lastActiveAt, warnedAt: now, anonymiseAt }],
          { session },
        );
        await enqueueMail(deps, session, {
          key: `inactivityWarning:${periodKey(account._id, account.lastActiveAt)}`,
          to: account.email,
          locale: localeOf(account.locale),
          recipientName: account.displayName,
          template: 'inactivityWarning',
          params: { anonymiseAt: anonymiseAt.toISOString() },
        });
      });
      warned += 1;
    } catch (error) {
      // Another run warned this period first.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return warned;
}

export interface AnonymiseRun {
  anonymised: number;
  failed: number;
}

/**
 * Anonymises, through the injected erasure, every account inactive for the rule's duration whose warning of this
 * period of inactivity is due (never one that was not warned). A failure is logged and retried on the next run.
 */
export async function anonymiseInactiveAccounts(deps: Deps, port: AnonymisePort): Promise<AnonymiseRun> {
  const now = deps.clock.now();
  const accounts = await accountsInactiveSince(deps, retentionCutoff(RETENTION_RULES.INACTIVE_ACCOUNT, now));
  if (!accounts.length) return { anonymised: 0, failed: 0 };
  const Warning = inactivityWarningModel(deps.connection);
  const due = new Map(
    (
      await Warning.find(
        { userId: { $in: accounts.map((a) => a._id) }, anonymiseAt: { $lte: now }, anonymisedAt: null },
        { userId: 1, lastActiveAt: 1 },
      ).lean()
    ).map((w) => [periodKey(w.userId, w.lastActiveAt), w._id]),
  );
  const run: AnonymiseRun = { anonymised: 0, failed: 0 };
  for (const account of accounts) {
    const warningId = due.get(periodKey(account._id, account.lastActiveAt));
    if (!warningId) continue;
    try {
      await port.anonymise(String(account._id), RETENTION_RULES.INACTIVE_ACCOUNT.code);
      await Warning.updateOne({ _id: warningId }, { $set: { anonymisedAt: now } });
      run.anonymised += 1;
    } catch (error) {
      run.failed += 1;
      deps.logger?.error({ err: error, userId: String(account._id) }, 'retention: anonymisation failed');
    }
  }
  return run;
}

export interface PurgeRun {
  notifications: number;
  invitations: number;
  tokens: number;
  accessLog: number;
}

/** Deletes what the deletion rules say is past its time (read notifications, invitations, tokens, access log). */
export async function purgeExpiredData(deps: DataDeps): Promise<PurgeRun> {
  const now = deps.clock.now();
  const [notifications, invitations, tokens, accessLog] = await Promise.all([
    purgeReadNotifications(deps, retentionCutoff(RETENTION_RULES.READ_NOTIFICATION, now)),
    purgeExpiredInvitations(deps, retentionCutoff(RETENTION_RULES.INVITATION, now)),
    purgeExpiredAccountTokens(deps, retentionCutoff(RETENTION_RULES.ACCOUNT_TOKEN, now)),
    purgeAccessLog(deps, retentionCutoff(RETENTION_RULES.ACCESS_LOG, now)),
  ]);
  return { notifications, invitations, tokens, accessLog };
}

/** Daily (night, Europe/Paris): warnings of inactive accounts, then the anonymisation of those due. */
export function inactiveAccountsJob(port: (deps: AppDeps) => AnonymisePort): ScheduledJob {
  return {
    name: 'retention.inactiveAccounts',
    schedule: '0 4 * * *',
    // A first run on an old database may anonymise many accounts.
    lockLifetimeMs: 60 * 60_000,
    run: async (deps) => {
      const warned = await warnInactiveAccounts(deps);
      const run = await anonymiseInactiveAccounts(deps, port(deps));
      if (warned || run.anonymised || run.failed) deps.logger.info({ warned, ...run }, 'inactive accounts');
    },
  };
}

/** Daily (night, Europe/Paris): the deletions of the retention rules. */
export const retentionPurgeJob: ScheduledJob = {
  name: 'retention.purge',
  schedule: '15 4 * * *',
  run: async (deps) => {
    const run = await purgeExpiredData(deps);
    if (Object.values(run).some((n) => n > 0)) deps.logger.info(run, 'retention purge');
  },
};
