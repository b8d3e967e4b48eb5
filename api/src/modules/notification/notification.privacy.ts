import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { notificationModel } from './notification.model';

// What the privacy module (issue 18) may ask of the notifications' module.

type Deps = Pick<DataDeps, 'connection'>;

/** The person's own notifications, oldest first, as stored (type + data; the text is rendered from them). */
export function notificationsForExport(deps: Deps, userId: Types.ObjectId) {
  return notificationModel(deps.connection).find({ userId }, { __v: 0 }).sort({ _id: 1 }).lean();
}

const asKeys = (ids: readonly Types.ObjectId[]) => ids.flatMap((id) => [String(id), id]);

/**
 * Deletes the person's notifications and, in other people's, those about them (their applications,
 * recommendations, profile, or carrying their name): a recruiter's "Lina Benali applied" goes with Lina's data.
 * Idempotent.
 */
export async function eraseNotificationsOf(
  deps: Deps,
  person: {
    userId: Types.ObjectId;
    studentId?: Types.ObjectId | null;
    applicationIds?: readonly Types.ObjectId[];
    recommendationIds?: readonly Types.ObjectId[];
    names?: readonly string[];
  },
  session: ClientSession,
): Promise<void> {
  const about: Record<string, unknown>[] = [{ userId: person.userId }];
  if (person.studentId) about.push({ 'data.studentId': { $in: asKeys([person.studentId]) } });
  if (person.applicationIds?.length) about.push({ 'data.applicationId': { $in: asKeys(person.applicationIds) } });
  if (person.recommendationIds?.length) {
    about.push({ 'data.recommendationId': { $in: asKeys(person.recommendationIds) } });
  }
  const names = (person.names ?? []).filter((n) => n.trim().length > 1);
  if (names.length) {
    about.push({ 'data.studentName': { $in: names } }, { 'data.authorName': { $in: names } });
  }
  await notificationModel(deps.connection).deleteMany({ $or: about }, { session });
}
