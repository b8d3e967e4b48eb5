import { haversineKm, type GeoPoint } from '../common/common.geo';

// One distance for one pair of places, wherever it shows: the student, the staff and the search see the same
// whole kilometres between the student's town centre (where a student is placed: never a home address) and the
// promise; a company sees only the band that contains that same figure (never a finer one, issue 13).

/** Great-circle distance rounded to the kilometre. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return Math.round(haversineKm(a, b));
}

/**
 * The bands a company sees instead of a distance, defined once: `maxKm` is the band's inclusive upper bound on the
 * rounded distance (null: no bound), `representativeKm` what scoring and ranking use for the company (a function
 * of the band alone, so no score, order or "out of radius" flag tells more than the band).
 */
export const DISTANCE_BANDS = [
  { band: 'UNDER_10_KM', maxKm: 9, representativeKm: 5, key: 'place.band.under10' },
  { band: 'FROM_10_TO_25_KM', maxKm: 25, representativeKm: 17.5, key: 'place.band.from10to25' },
  { band: 'FROM_25_TO_50_KM', maxKm: 50, representativeKm: 37.5, key: 'place.band.from25to50' },
  { band: 'OVER_50_KM', maxKm: null, representativeKm: 75, key: 'place.band.over50' },
] as const;

export type DistanceBand = (typeof DISTANCE_BANDS)[number]['band'];
export const DISTANCE_BAND_VALUES = DISTANCE_BANDS.map((b) => b.band) as [DistanceBand, ...DistanceBand[]];

/** The band containing a distance (rounded to the kilometre first, like every distance shown). */
export function distanceBand(km: number): DistanceBand {
  const rounded = Math.round(km);
  const found = DISTANCE_BANDS.find((b) => b.maxKm === null || rounded <= b.maxKm);
  return found ? found.band : 'OVER_50_KM';
}

/** The band between two places (same rounding as distanceKm). */
export function distanceBandBetween(a: GeoPoint, b: GeoPoint): DistanceBand {
  return distanceBand(distanceKm(a, b));
}

/** What a company's score and ranking use for a band. */
export function bandRepresentativeKm(band: DistanceBand): number {
  return DISTANCE_BANDS.find((b) => b.band === band)?.representativeKm ?? 75;
}

/** The message key of a band's wording ("moins de 10 km", "de 10 à 25 km"…). */
export function distanceBandKey(band: DistanceBand): (typeof DISTANCE_BANDS)[number]['key'] {
  return DISTANCE_BANDS.find((b) => b.band === band)?.key ?? 'place.band.over50';
}
