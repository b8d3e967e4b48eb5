import DataLoader from 'dataloader';
import type { AppDeps } from '../../graphql/context';
import { applicationModel, type ApplicationDoc } from '../application/application.model';
import { recommendationModel, type RecommendationDoc } from '../recommendation/recommendation.model';
import { groupByKey, validObjectIds } from '../school/school.loaders';
import { jobPromiseModel, type JobPromiseDoc } from './job-promise.model';

export function createJobPromiseLoaders(deps: Pick<AppDeps, 'connection'>) {
  const JobPromise = jobPromiseModel(deps.connection);
  const Application = applicationModel(deps.connection);
  const Recommendation = recommendationModel(deps.connection);
  return {
    jobPromiseById: new DataLoader<string, JobPromiseDoc | null>(async (ids) => {
      const docs = await JobPromise.find({ _id: { $in: validObjectIds(ids) } });
      const found = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Every application of each promise, whatever its status, counted in one aggregation. */
    applicationCountByJobPromiseId: new DataLoader<string, number>(async (ids) => {
      const rows = await Application.aggregate<{ _id: unknown; n: number }>([
        { $match: { jobPromiseId: { $in: validObjectIds(ids) } } },
        { $group: { _id: '$jobPromiseId', n: { $sum: 1 } } },
      ]);
      const counts = new Map(rows.map((r) => [String(r._id), r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    applicationsByJobPromiseId: new DataLoader<string, ApplicationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Application.find({ jobPromiseId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (a) => a.jobPromiseId,
      ),
    ),
    recommendationsByJobPromiseId: new DataLoader<string, RecommendationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Recommendation.find({ jobPromiseId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (r) => r.jobPromiseId,
      ),
    ),
  };
}
