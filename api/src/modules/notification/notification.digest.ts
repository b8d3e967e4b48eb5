import type { Types } from 'mongoose';
import { DEFAULT_LOCALE, type NotificationType } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { notificationSettingsOfUsers } from '../auth/auth.queries';
import { enqueueMail } from '../mail/mail.queries';
import type { ScheduledJob } from '../scheduler/scheduler.runtime';
import { notificationModel } from './notification.model';
import { channelOf } from './notification.preferences';
import { notificationPath, plainData } from './notification.queries';

// The daily digest: one e-mail per user gathering what they have not read since the last digest, among the types
// they chose (or default) to receive that way. Every unread notification a digest run looks at is marked
// `digestedAt` in the same transaction as the e-mail is queued, so the next digest starts after it, and a run
// repeated after a crash finds nothing left to send.

/** At most this many items in one e-mail (the newest); the rest are marked too (the e-mail links to the list). */
export const DIGEST_ITEMS_MAX = 50;
const USERS_BATCH = 200;

/** Queues the digests due now; returns how many e-mails were queued. */
export async function sendNotificationDigests(deps: DataDeps): Promise<number> {
  const Notification = notificationModel(deps.connection);
  const userIds = (await Notification.distinct('userId', { readAt: null, digestedAt: null })) as Types.ObjectId[];
  let queued = 0;
  for (let i = 0; i < userIds.length; i += USERS_BATCH) {
    const users = await notificationSettingsOfUsers(deps, userIds.slice(i, i + USERS_BATCH));
    for (const user of users) {
      const sent = await inTransaction(deps, async (session) => {
        const now = deps.clock.now();
        const rows = await Notification.find({ userId: user._id, readAt: null, digestedAt: null }, { type: 1, data: 1 })
          .sort({ _id: 1 })
          .session(session)
          .lean();
        if (rows.length === 0) return false;
        await Notification.updateMany(
          { _id: { $in: rows.map((r) => r._id) }, digestedAt: null },
          { $set: { digestedAt: now } },
          { session },
        );
        const items = rows.filter((r) => channelOf(user, r.type as NotificationType) === 'DIGEST');
        const last = items.at(-1);
        if (!last) return false;
        await enqueueMail(deps, session, {
          // The last item's id: the same digest is never queued twice, whatever the day or the run.
          key: `digest:${String(user._id)}:${String(last._id)}`,
          to: user.email,
          locale: user.locale ?? DEFAULT_LOCALE,
          recipientName: user.displayName,
          userId: String(user._id),
          topic: 'digest',
          template: 'digest',
          params: {
            items: items.slice(-DIGEST_ITEMS_MAX).map((r) => {
              const data = plainData(r.data);
              const type = r.type as NotificationType;
              return { type, data, path: notificationPath(type, data, user.role) };
            }),
          },
        });
        return true;
      });
      if (sent) queued += 1;
    }
  }
  return queued;
}

export const notificationDigestJob: ScheduledJob = {
  name: 'notification.digest',
  schedule: '0 7 * * *',
  lockLifetimeMs: 30 * 60_000,
  run: async (deps) => {
    const count = await sendNotificationDigests(deps);
    if (count) deps.logger.info({ count }, 'notification digests queued');
  },
};
