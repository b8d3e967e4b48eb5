import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { byIds, validObjectIds } from '../../core/ids';
import { schoolModel, type SchoolRow } from './school.model';

export function createSchoolLoaders(deps: Pick<AppDeps, 'connection'>) {
  const School = schoolModel(deps.connection);
  return {
    schoolById: new DataLoader<string, SchoolRow | null>(async (ids) =>
      byIds(ids, await School.find({ _id: { $in: validObjectIds(ids) } }).lean<SchoolRow[]>()),
    ),
  };
}
