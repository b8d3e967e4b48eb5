import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { byIds, validObjectIds } from '../../core/ids';
import { jobPromiseModel, type JobPromiseDoc } from './job-promise.model';

export function createJobPromiseLoaders(deps: Pick<AppDeps, 'connection'>) {
  const JobPromise = jobPromiseModel(deps.connection);
  return {
    jobPromiseById: new DataLoader<string, JobPromiseDoc | null>(async (ids) =>
      byIds<JobPromiseDoc>(ids, await JobPromise.find({ _id: { $in: validObjectIds(ids) } })),
    ),
  };
}
