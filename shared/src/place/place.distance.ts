import { haversineKm, type GeoPoint } from '../common/common.geo';

// One distance for one pair of places, wherever it shows: the student, the staff and the search see the same
// whole kilometres; a company sees only the band it falls in (never finer than the student's town, whose centre is
// where the student is placed, and never a figure that contradicts the student's: 5 km is "up to 5 km").

/** Great-circle distance rounded to the kilometre. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return Math.round(haversineKm(a, b));
}

/** Upper bounds of the bands a company sees, in km. */
export const DISTANCE_BANDS_KM = [5, 10, 20, 30, 50, 100] as const;

/** The band of a distance shown to a company: its upper bound in km, or null beyond the last band. */
export function distanceBandKm(km: number): number | null {
  return DISTANCE_BANDS_KM.find((bound) => Math.round(km) <= bound) ?? null;
}
