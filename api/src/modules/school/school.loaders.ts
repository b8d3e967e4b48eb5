import DataLoader from 'dataloader';
import { Types } from 'mongoose';
import { isObjectId } from '@promesse/shared';
import type { AppDeps } from '../../graphql/context';
import { userModel, type UserDoc } from '../auth/auth.model';
import { schoolModel, type SchoolDoc } from './school.model';

function orderByIds<T extends { _id: unknown }>(ids: readonly string[], docs: T[]): (T | null)[] {
  const found = new Map(docs.map((d) => [String(d._id), d]));
  return ids.map((id) => found.get(id) ?? null);
}

export function validObjectIds(ids: readonly string[]): Types.ObjectId[] {
  return ids.filter((id) => isObjectId(id)).map((id) => new Types.ObjectId(id));
}

/** Groups documents by a key field, in the order of the requested keys (empty list when none). */
export function groupByKey<T>(keys: readonly string[], docs: T[], keyOf: (d: T) => unknown): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const d of docs) groups.get(String(keyOf(d)))?.push(d);
  return keys.map((k) => groups.get(k) ?? []);
}

export function createSchoolLoaders(deps: Pick<AppDeps, 'connection'>) {
  const School = schoolModel(deps.connection);
  const User = userModel(deps.connection);
  return {
    schoolById: new DataLoader<string, SchoolDoc | null>(async (ids) =>
      orderByIds<SchoolDoc>(ids, await School.find({ _id: { $in: validObjectIds(ids) } })),
    ),
    staffBySchoolId: new DataLoader<string, UserDoc[]>(async (schoolIds) =>
      groupByKey(
        schoolIds,
        await User.find({ schoolId: { $in: validObjectIds(schoolIds) }, role: 'SCHOOL_STAFF' }).sort({
          displayName: 1,
        }),
        (u) => u.schoolId,
      ),
    ),
  };
}
