import type { Types } from 'mongoose';
import { createSchoolSchema, isObjectId, notFound, parseInput, toGeoJsonPoint } from '@promesse/shared';
import type { Actor, AppDeps } from '../../graphql/context';
import { schoolModel, type SchoolDoc } from './school.model';

type Deps = Pick<AppDeps, 'connection'>;

export async function createSchool(deps: Deps, rawInput: unknown, actor: Actor): Promise<SchoolDoc> {
  const input = parseInput(createSchoolSchema, rawInput, 'input');
  return schoolModel(deps.connection).create({
    name: input.name,
    city: input.city,
    location: toGeoJsonPoint(input.location),
    trades: input.trades,
    createdBy: actor.userId,
  });
}

/** Schools are public institutions: the list and each school's name, city, place and trades are public. */
export async function listSchools(deps: Deps): Promise<SchoolDoc[]> {
  return schoolModel(deps.connection).find().sort({ name: 1, _id: 1 });
}

export async function getSchool(deps: Deps, id: string): Promise<SchoolDoc> {
  const school = isObjectId(id) ? await schoolModel(deps.connection).findById(id) : null;
  if (!school) throw notFound('School', id);
  return school;
}

export function sameId(
  a: string | Types.ObjectId | null | undefined,
  b: string | Types.ObjectId | null | undefined,
): boolean {
  return a != null && b != null && String(a) === String(b);
}
