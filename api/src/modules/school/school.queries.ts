import type { ClientSession, Types } from 'mongoose';
import { isObjectId } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { validObjectIds } from '../../core/ids';
import { schoolModel, type SchoolDoc } from './school.model';

// What other modules may ask of the schools' module.

/** The school, or null for an unknown or malformed id. */
export async function findSchool(
  deps: Pick<DataDeps, 'connection'>,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<SchoolDoc | null> {
  if (typeof id === 'string' && !isObjectId(id)) return null;
  return schoolModel(deps.connection).findById(id).session(session);
}

/** Names of some schools, by id (unknown ids are absent). */
export async function schoolNames(
  deps: Pick<DataDeps, 'connection'>,
  ids: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<Map<string, string>> {
  const rows = await schoolModel(deps.connection)
    .find({ _id: { $in: validObjectIds(ids.map(String)) } }, { name: 1 })
    .session(session)
    .lean();
  return new Map(rows.map((s) => [String(s._id), s.name]));
}

/** Which of these ids designate existing schools (as lowercase hex strings). */
export async function existingSchoolIds(
  deps: Pick<DataDeps, 'connection'>,
  ids: readonly (string | Types.ObjectId)[],
  session: ClientSession | null = null,
): Promise<string[]> {
  const rows = await schoolModel(deps.connection)
    .find({ _id: { $in: validObjectIds(ids.map(String)) } }, { _id: 1 })
    .session(session)
    .lean();
  return rows.map((s) => String(s._id));
}

/** Every school's id and city (outcome figures group schools by the region of their city). */
export async function schoolCities(deps: Pick<DataDeps, 'connection'>): Promise<Map<string, string>> {
  const rows = await schoolModel(deps.connection).find({}, { city: 1 }).lean();
  return new Map(rows.map((s) => [String(s._id), s.city]));
}
