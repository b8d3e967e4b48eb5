import { DAY_MS, isOutcomeOverdue, OUTCOME_REMINDER_AFTER_DAYS } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { isDuplicateKeyError } from '../../core/ids';
import { inTransaction } from '../../core/transactions';
import { loadRecipients } from '../auth/auth.queries';
import { createNotifications } from '../notification/notification.queries';
import type { ScheduledJob } from '../scheduler/scheduler.runtime';
import { findStudents, graduatesAt } from '../student/student.queries';
import { exitOutcomeModel, outcomeReminderModel } from './outcome.model';

export interface OutcomeReminderRun {
  /** Graduates whose outcome is overdue and who had not been reminded of yet. */
  overdue: number;
  /** Graduates reminded of by this run (one marker each). */
  reminded: number;
  notifications: number;
}

/**
 * Reminds each school's staff (OUTCOME_MISSING, in-app; e-mail follows the notification preferences) of every
 * graduate whose exit outcome is still missing OUTCOME_REMINDER_AFTER_DAYS days after graduation: once per graduate
 * (a unique marker written in the same transaction as the notifications, so concurrent or retried runs cannot
 * remind twice). A graduate of a school without staff yet is left for a later run.
 */
export async function remindMissingOutcomes(deps: DataDeps): Promise<OutcomeReminderRun> {
  const now = deps.clock.now();
  // Graduated at least the reminder delay ago; isOutcomeOverdue settles the exact day (the figures' rule).
  const graduates = (await graduatesAt(deps, new Date(now.getTime() - OUTCOME_REMINDER_AFTER_DAYS * DAY_MS))).filter(
    (g) => isOutcomeOverdue(g.graduationDate, false, now),
  );
  if (!graduates.length) return { overdue: 0, reminded: 0, notifications: 0 };
  const ids = graduates.map((g) => g._id);
  const [withOutcome, reminded] = await Promise.all([
    exitOutcomeModel(deps.connection)
      .find({ studentId: { $in: ids } }, { _id: 0, studentId: 1 })
      .lean(),
    outcomeReminderModel(deps.connection)
      .find({ studentId: { $in: ids } }, { _id: 0, studentId: 1 })
      .lean(),
  ]);
  const skip = new Set([...withOutcome, ...reminded].map((r) => String(r.studentId)));
  const due = graduates.filter((g) => !skip.has(String(g._id)));
  if (!due.length) return { overdue: 0, reminded: 0, notifications: 0 };

  const [students, recipients] = await Promise.all([
    findStudents(
      deps,
      due.map((g) => g._id),
    ),
    loadRecipients(deps, { schoolIds: due.map((g) => g.schoolId) }),
  ]);
  const nameOf = new Map(students.map((s) => [String(s._id), `${s.firstName} ${s.lastName}`]));
  let remindedNow = 0;
  let notifications = 0;
  for (const g of due) {
    const staff = recipients.staffOfSchool(g.schoolId);
    if (!staff.length) continue;
    try {
      await inTransaction(deps, async (session) => {
        await outcomeReminderModel(deps.connection).create(
          [{ studentId: g._id, schoolId: g.schoolId, remindedAt: now, recipients: staff.length }],
          { session },
        );
        await createNotifications(
          deps,
          session,
          staff.map((userId) => ({
            userId,
            type: 'OUTCOME_MISSING' as const,
            data: {
              studentId: String(g._id),
              studentName: nameOf.get(String(g._id)),
              graduationDate: g.graduationDate.toISOString(),
            },
          })),
        );
      });
      remindedNow += 1;
      notifications += staff.length;
    } catch (error) {
      // Another run reminded of this graduate first.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return { overdue: due.length, reminded: remindedNow, notifications };
}

/** Daily, in the morning (Europe/Paris): the reminders of missing outcomes. */
export const outcomeReminderJob: ScheduledJob = {
  name: 'outcome.remindMissing',
  schedule: '0 8 * * *',
  run: async (deps) => {
    const run = await remindMissingOutcomes(deps);
    if (run.reminded) deps.logger.info(run, 'missing outcomes reminded');
  },
};
