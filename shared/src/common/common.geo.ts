import * as z from 'zod';
import { msg } from '../messages/messages.zod';

export const geoPointSchema = z.object({
  lat: z
    .number(msg('validation.latitudeInvalid'))
    .min(-90, msg('validation.latitudeRange'))
    .max(90, msg('validation.latitudeRange')),
  lng: z
    .number(msg('validation.longitudeInvalid'))
    .min(-180, msg('validation.longitudeRange'))
    .max(180, msg('validation.longitudeRange')),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

/** GeoJSON point as MongoDB 2dsphere indexes want it: coordinates are [longitude, latitude]. */
export interface GeoJsonPoint {
  type: 'Point';
  coordinates: [number, number];
}

export function toGeoJsonPoint(p: GeoPoint): GeoJsonPoint {
  return { type: 'Point', coordinates: [p.lng, p.lat] };
}

export function fromGeoJsonPoint(p: GeoJsonPoint): GeoPoint {
  return { lat: p.coordinates[1], lng: p.coordinates[0] };
}

/** Mean Earth radius (IUGG), the value MongoDB-style km/radian conversions use. */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A radius in km as radians, for `$centerSphere`. */
export function kmToRadians(km: number): number {
  return km / EARTH_RADIUS_KM;
}
