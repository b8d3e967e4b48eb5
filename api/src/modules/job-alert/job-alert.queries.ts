import { Types, type ClientSession } from 'mongoose';
import { jobAlertMatches, type JobAlertFilter } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { createNotifications, type NotificationItem } from '../notification/notification.queries';
import { jobAlertHitModel, jobAlertModel, type JobAlertRow } from './job-alert.model';

// The job-alert module's door: a published promise notifies the saved searches it matches.

/** What of a promise being published the alerts need (its stored document fits). */
export interface PublishedPromise {
  _id: Types.ObjectId;
  schoolIds: readonly Types.ObjectId[];
  trade: string;
  contractType: string;
  title: string;
  description: string;
  skills: readonly string[];
  city: string;
  location: { coordinates: readonly number[] } | { lat: number; lng: number };
}

function pointOf(location: PublishedPromise['location']): { lat: number; lng: number } {
  if (!('coordinates' in location)) return location;
  const [lng = 0, lat = 0] = location.coordinates;
  return { lat, lng };
}

export function filterOf(alert: Pick<JobAlertRow, 'filter'>): JobAlertFilter {
  const f = alert.filter ?? {};
  return {
    ...(f.trade ? { trade: f.trade } : {}),
    ...(f.contractType ? { contractType: f.contractType } : {}),
    ...(f.text ? { text: f.text } : {}),
    ...(f.near && f.near.lat != null && f.near.lng != null && f.near.radiusKm != null
      ? { near: { lat: f.near.lat, lng: f.near.lng, radiusKm: f.near.radiusKm } }
      : {}),
  } as JobAlertFilter;
}

/** What notifyJobAlerts did. */
export interface JobAlertsNotified {
  /** Students notified now (0 when every matching alert had its hit already). */
  notified: number;
  /** User ids of every student with an alert matching the promise, notified now or before. */
  alertedUserIds: ReadonlySet<string>;
}

/**
 * In the publishing transaction: the alerts of the targeted schools' students that the promise matches get a hit
 * (unique per alert and promise) and their student one JOB_ALERT_MATCH notification (one per student, whatever the
 * number of their alerts that matched; e-mailed according to their preferences).
 */
export async function notifyJobAlerts(
  deps: DataDeps,
  session: ClientSession,
  promise: PublishedPromise,
  extra: { companyName?: string | null; now: Date },
): Promise<JobAlertsNotified> {
  // The targeted schools' alerts (at most JOB_ALERTS_MAX per student), every criterion checked here.
  const candidates = await jobAlertModel(deps.connection)
    .find({ schoolId: { $in: [...promise.schoolIds] } })
    .session(session)
    .lean<JobAlertRow[]>();
  // Plain fields (a hydrated document does not spread).
  const facts = {
    trade: promise.trade,
    contractType: promise.contractType,
    title: promise.title,
    description: promise.description,
    skills: [...promise.skills],
    location: pointOf(promise.location),
  };
  const matching = candidates.filter((a) => jobAlertMatches(filterOf(a), facts));
  const alertedUserIds = new Set(matching.map((a) => String(a.userId)));
  if (matching.length === 0) return { notified: 0, alertedUserIds };
  const Hit = jobAlertHitModel(deps.connection);
  const already = new Set(
    (
      await Hit.find({ jobPromiseId: promise._id, alertId: { $in: matching.map((a) => a._id) } }, { alertId: 1 })
        .session(session)
        .lean()
    ).map((h) => String(h.alertId)),
  );
  const fresh = matching.filter((a) => !already.has(String(a._id)));
  if (fresh.length === 0) return { notified: 0, alertedUserIds };
  await Hit.insertMany(
    fresh.map((a) => ({ alertId: a._id, jobPromiseId: promise._id, userId: a.userId, at: extra.now })),
    { session },
  );
  const byUser = new Map<string, JobAlertRow>();
  for (const a of fresh) if (!byUser.has(String(a.userId))) byUser.set(String(a.userId), a);
  const items: NotificationItem[] = [...byUser.values()].map((a) => ({
    userId: a.userId,
    type: 'JOB_ALERT_MATCH',
    data: {
      jobPromiseId: String(promise._id),
      jobAlertId: String(a._id),
      jobPromiseTitle: promise.title,
      city: promise.city,
      alertName: a.name,
      ...(extra.companyName ? { companyName: extra.companyName } : {}),
    },
  }));
  await createNotifications(deps, session, items);
  return { notified: items.length, alertedUserIds };
}
