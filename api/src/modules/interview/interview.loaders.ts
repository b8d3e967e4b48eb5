import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { groupByKey, validObjectIds } from '../../core/ids';
import { interviewModel, type InterviewDoc } from './interview.model';

export function createInterviewLoaders(deps: Pick<AppDeps, 'connection'>) {
  const Interview = interviewModel(deps.connection);
  return {
    /** Every interview of each application, newest first, in one query. */
    interviewsByApplicationId: new DataLoader<string, InterviewDoc[]>(async (ids) =>
      groupByKey(
        ids,
        await Interview.find({ applicationId: { $in: validObjectIds(ids) } }).sort({ createdAt: -1, _id: -1 }),
        (i) => i.applicationId,
      ),
    ),
  };
}
