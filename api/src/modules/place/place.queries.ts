import { haversineKm, type GeoPoint, type Town } from '@promesse/shared';
import { getGazetteer, regionOfCommune } from './place.gazetteer';

/** Reads the gazetteer now (a second or two of CPU) rather than on the first `towns` search. */
export function warmTowns(): void {
  getGazetteer();
}

/** For other modules: the gazetteer's town of this name (in this département when given), or null. */
export function findTown(name: string, departmentCode?: string): Town | null {
  return getGazetteer().find(name, departmentCode);
}

/** For other modules: the region of a town (the most populated commune of that name), or null. */
export function regionOfTown(name: string): string | null {
  return regionOfCommune(name);
}

/** A typed town name and a picked point are taken as the same town when this close (a commune's extent). */
const SAME_TOWN_KM = 20;

/**
 * Where a student is placed (issue 13): the centre of a gazetteer town, never a home address. The named town when
 * it exists (near the point, if one is given), otherwise the town nearest to the point; null when neither helps.
 */
export function studentTown(place: { city?: string | null; location?: GeoPoint | null }): Town | null {
  const gazetteer = getGazetteer();
  const named = place.city ? gazetteer.find(place.city) : null;
  if (!place.location) return named;
  if (named && haversineKm(named.location, place.location) <= SAME_TOWN_KM) return named;
  return gazetteer.nearest(place.location);
}
