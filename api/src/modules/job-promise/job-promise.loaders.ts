import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { byIds, validObjectIds } from '../../core/ids';
import { jobPromiseModel, type JobPromiseRow } from './job-promise.model';

export function createJobPromiseLoaders(deps: Pick<AppDeps, 'connection'>) {
  const JobPromise = jobPromiseModel(deps.connection);
  return {
    jobPromiseById: new DataLoader<string, JobPromiseRow | null>(async (ids) =>
      byIds<JobPromiseRow>(ids, await JobPromise.find({ _id: { $in: validObjectIds(ids) } }).lean<JobPromiseRow[]>()),
    ),
  };
}
