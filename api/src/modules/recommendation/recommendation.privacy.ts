import type { ClientSession, Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { recommendationModel } from './recommendation.model';

// What the privacy module (issue 18) may ask of the recommendations' module.

type Deps = Pick<DataDeps, 'connection'>;

/** Every recommendation the student received, with the school's note about them, oldest first. */
export function recommendationsForExport(deps: Deps, studentId: Types.ObjectId) {
  return recommendationModel(deps.connection).find({ studentId }, { __v: 0 }).sort({ createdAt: 1, _id: 1 }).lean();
}

/**
 * Keeps the recommendations as anonymous records (status, dates) and empties the staff's note, which describes the
 * person. Resolves to their ids. Idempotent.
 */
export async function anonymiseRecommendationsOf(
  deps: Deps,
  studentId: Types.ObjectId,
  session: ClientSession,
): Promise<Types.ObjectId[]> {
  const Recommendation = recommendationModel(deps.connection);
  const rows = await Recommendation.find({ studentId }, { _id: 1 }).session(session).lean();
  // The schema requires a note for new recommendations; the anonymous record keeps an empty one.
  await Recommendation.collection.updateMany({ studentId }, { $set: { note: '' } }, { session });
  return rows.map((r) => r._id);
}
