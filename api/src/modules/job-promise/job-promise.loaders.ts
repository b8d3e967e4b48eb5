import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { findByIds } from '../../core/ids';
import { jobPromiseModel, type JobPromiseRow } from './job-promise.model';

export function createJobPromiseLoaders(deps: Pick<AppDeps, 'connection'>) {
  const JobPromise = jobPromiseModel(deps.connection);
  return {
    jobPromiseById: new DataLoader<string, JobPromiseRow | null>(async (ids) =>
      findByIds<JobPromiseRow>(JobPromise, ids),
    ),
  };
}
