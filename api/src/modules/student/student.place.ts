import type { Schema } from 'mongoose';
import { fromGeoJsonPoint, toGeoJsonPoint, type GeoJsonPoint, type GeoPoint } from '@promesse/shared';
import { studentTown } from '../place/place.queries';

// A student is placed at their town's centre, never at a home address (issue 13: a recruiter could locate a minor
// to within metres). Enforced in the model itself, so that every write path (profile, staff edit, roster import,
// invitation, seeds) stores the town: a point becomes the centre of its town (the named one when near), a town
// name alone gives its centre. `locationPrecision: 'TOWN'` marks documents so placed (see migrateStudentLocations).

export const TOWN_PRECISION = 'TOWN';

type LocationValue = GeoJsonPoint | GeoPoint | null | undefined;

function asPoint(value: LocationValue): GeoPoint | null {
  if (!value) return null;
  if ('coordinates' in value) {
    const [lng, lat] = value.coordinates;
    return typeof lat === 'number' && typeof lng === 'number' ? fromGeoJsonPoint(value) : null;
  }
  return typeof value.lat === 'number' && typeof value.lng === 'number' ? value : null;
}

/**
 * The fields to store for a student's place, given what is written (`location` and/or `city`): the town centre
 * (and the town's name when no city was typed). `location` absent from the result: nothing to change.
 */
export function placedAtTown(write: { city?: string | null; location?: LocationValue }): {
  city?: string;
  location?: GeoJsonPoint | null;
  locationPrecision?: string;
} {
  const point = asPoint(write.location);
  if (write.location !== undefined && write.location !== null && !point) return {}; // malformed: validators refuse
  if (!point && !write.city) return write.location === null ? { location: null } : {};
  const town = studentTown({ city: write.city ?? null, location: point });
  if (!town) {
    // A point always has a nearest town; a typed name that is no known town leaves the location as it was.
    return point ? { location: null } : {};
  }
  return {
    ...(write.city ? {} : { city: town.name }),
    location: toGeoJsonPoint(town.location),
    locationPrecision: TOWN_PRECISION,
  };
}

const UPDATE_HOOKS = ['findOneAndUpdate', 'updateOne', 'updateMany', 'replaceOne'] as const;

type UpdateDoc = Record<string, unknown> & { $set?: Record<string, unknown>; $setOnInsert?: Record<string, unknown> };

function placeInUpdate(target: Record<string, unknown>): void {
  if (!('location' in target) && !('city' in target)) return;
  const placed = placedAtTown({
    city: (target['city'] as string | null | undefined) ?? null,
    location: target['location'] as LocationValue,
  });
  if (placed.city !== undefined && !target['city']) target['city'] = placed.city;
  if (placed.location !== undefined) target['location'] = placed.location;
  if (placed.locationPrecision) target['locationPrecision'] = placed.locationPrecision;
}

/** Registers the hooks that place every written student location at its town's centre. */
export function placeStudentsAtTowns(schema: Schema): void {
  schema.pre('save', function placeOnSave() {
    if (!this.isNew && !this.isModified('location') && !this.isModified('city')) return;
    const doc = this as unknown as { city?: string | null; location?: LocationValue; locationPrecision?: string };
    const placed = placedAtTown({ city: doc.city ?? null, location: doc.location ?? undefined });
    if (placed.city !== undefined && !doc.city) doc.city = placed.city;
    if (placed.location !== undefined) doc.location = placed.location;
    if (placed.locationPrecision) doc.locationPrecision = placed.locationPrecision;
  });
  // Mongoose 9 calls insertMany's pre hooks with the documents (no `next`).
  schema.pre('insertMany', function placeOnInsertMany(this: unknown, docs: unknown) {
    for (const doc of Array.isArray(docs) ? (docs as Record<string, unknown>[]) : []) placeInUpdate(doc);
  });
  for (const hook of UPDATE_HOOKS) {
    schema.pre(hook, function placeOnUpdate() {
      const update = this.getUpdate() as UpdateDoc | null;
      if (!update || Array.isArray(update)) return;
      // Top-level fields are $set by mongoose; $set and $setOnInsert are placed each.
      placeInUpdate(update);
      if (update.$set) placeInUpdate(update.$set);
      if (update.$setOnInsert) placeInUpdate(update.$setOnInsert);
    });
  }
}
