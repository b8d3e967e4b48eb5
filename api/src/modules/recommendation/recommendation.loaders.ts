import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { byIds, groupByKey, validObjectIds } from '../../core/ids';
import { recommendationModel, type RecommendationDoc } from './recommendation.model';

export function createRecommendationLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Recommendation = recommendationModel(deps.connection);
  return {
    recommendationById: new DataLoader<string, RecommendationDoc | null>(async (ids) =>
      byIds<RecommendationDoc>(ids, await Recommendation.find({ _id: { $in: validObjectIds(ids) } })),
    ),
    recommendationsByJobPromiseId: new DataLoader<string, RecommendationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Recommendation.find({ jobPromiseId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (r) => r.jobPromiseId,
      ),
    ),
    /** Every recommendation of each student, newest first (roster situations, the staff's student page). */
    recommendationsByStudentId: new DataLoader<string, RecommendationDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Recommendation.find({ studentId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (r) => r.studentId,
      ),
    ),
  };
}
