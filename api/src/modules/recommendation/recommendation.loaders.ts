import DataLoader from 'dataloader';
import type { AppDeps } from '../../graphql/context';
import { validObjectIds } from '../school/school.loaders';
import { recommendationModel, type RecommendationDoc } from './recommendation.model';

export function createRecommendationLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Recommendation = recommendationModel(deps.connection);
  return {
    recommendationById: new DataLoader<string, RecommendationDoc | null>(async (ids) => {
      const docs = await Recommendation.find({ _id: { $in: validObjectIds(ids) } });
      const found = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
