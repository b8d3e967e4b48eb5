import DataLoader from 'dataloader';
import { isValidObjectId } from 'mongoose';
import type { AppDeps } from './context';
import { userModel, type UserDoc } from '../modules/auth/auth.model';
import { createCompanyLoaders } from '../modules/company/company.loaders';
import { createSchoolLoaders } from '../modules/school/school.loaders';
import { createStudentLoaders } from '../modules/student/student.loaders';
import { createJobPromiseLoaders } from '../modules/job-promise/job-promise.loaders';
import { createApplicationLoaders } from '../modules/application/application.loaders';
import { createRecommendationLoaders } from '../modules/recommendation/recommendation.loaders';

/** Orders loaded documents like the requested ids (DataLoader's contract), null for missing ones. */
export function byIds<T extends { _id: unknown }>(ids: readonly string[], docs: T[]): (T | null)[] {
  const found = new Map(docs.map((d) => [String(d._id), d]));
  return ids.map((id) => found.get(id) ?? null);
}

// Per-request batch loaders: one query per relation per tick, whatever the shape of the GraphQL query.
export function createLoaders(deps: AppDeps) {
  const User = userModel(deps.connection);
  return {
    userById: new DataLoader<string, UserDoc | null>(async (ids) =>
      byIds<UserDoc>(ids, await User.find({ _id: { $in: ids.filter((id) => isValidObjectId(id)) } })),
    ),
    ...createSchoolLoaders(deps),
    ...createCompanyLoaders(deps),
    ...createStudentLoaders(deps),
    ...createJobPromiseLoaders(deps),
    ...createApplicationLoaders(deps),
    ...createRecommendationLoaders(deps),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
