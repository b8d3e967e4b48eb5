import DataLoader from 'dataloader';
import { Role } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { findByIds, groupByKey, validObjectIds } from '../../core/ids';
import { userModel, type UserDoc, type UserRow } from './auth.model';

export function createAuthLoaders(deps: Pick<DataDeps, 'connection'>) {
  const User = userModel(deps.connection);
  return {
    // Lean: read on every request (authentication), and only ever displayed.
    userById: new DataLoader<string, UserRow | null>(async (ids) => findByIds<UserRow>(User, ids)),
    /** The staff accounts of each school, by name. */
    staffBySchoolId: new DataLoader<string, UserDoc[]>(async (schoolIds) =>
      groupByKey(
        schoolIds,
        await User.find({ role: Role.SCHOOL_STAFF, schoolId: { $in: validObjectIds(schoolIds) } }).sort({
          displayName: 1,
          _id: 1,
        }),
        (u) => u.schoolId,
      ),
    ),
  };
}

export type AuthLoaders = ReturnType<typeof createAuthLoaders>;
