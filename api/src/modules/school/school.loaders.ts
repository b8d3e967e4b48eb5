import DataLoader from 'dataloader';
import type { AppDeps } from '../../core/deps';
import { findByIds } from '../../core/ids';
import { schoolModel, type SchoolRow } from './school.model';

export function createSchoolLoaders(deps: Pick<AppDeps, 'connection'>) {
  const School = schoolModel(deps.connection);
  return {
    schoolById: new DataLoader<string, SchoolRow | null>(async (ids) => findByIds<SchoolRow>(School, ids)),
  };
}
