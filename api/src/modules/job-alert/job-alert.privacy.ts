import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { jobAlertHitModel, jobAlertModel } from './job-alert.model';

// What the privacy module (issue 18) may ask of the job alerts' module.

type Deps = Pick<DataDeps, 'connection'>;

export function jobAlertsForExport(deps: Deps, userId: Types.ObjectId) {
  return jobAlertModel(deps.connection).find({ userId }, { __v: 0 }).sort({ _id: 1 }).lean();
}

/** Deletes the person's saved searches and what they notified. Idempotent. */
export async function eraseJobAlertsOf(deps: Deps, userId: Types.ObjectId, session: ClientSession): Promise<void> {
  await jobAlertHitModel(deps.connection).deleteMany({ userId }, { session });
  await jobAlertModel(deps.connection).deleteMany({ userId }, { session });
}
