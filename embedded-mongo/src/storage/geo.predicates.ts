// Geometry used by $geoWithin/$geoIntersects when mingo evaluates a filter (the 2dsphere index plans $near).
const EARTH_RADIUS_M = 6378100;

export type LngLat = [number, number];

/** A point from GeoJSON {type:'Point'}, a legacy [x, y] pair or a {x, y}-like object. */
export function toPoint(v: unknown): LngLat | null {
  if (Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o.type === 'Point' && Array.isArray(o.coordinates)) return toPoint(o.coordinates);
    const vals = Object.values(o);
    if (vals.length === 2 && typeof vals[0] === 'number' && typeof vals[1] === 'number') return [vals[0], vals[1]];
  }
  return null;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in radians. */
export function sphericalDistance(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1]);
  const dLng = rad(b[0] - a[0]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function distanceMeters(a: LngLat, b: LngLat): number {
  return sphericalDistance(a, b) * EARTH_RADIUS_M;
}

function inRing(p: LngLat, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: LngLat, rings: number[][][]): boolean {
  if (!rings.length || !inRing(p, rings[0]!)) return false;
  return !rings.slice(1).some((hole) => inRing(p, hole));
}

/** Compiles a $geoWithin / $geoIntersects shape into a point predicate. Throws on an unknown shape. */
export function shapePredicate(shape: Record<string, unknown>): (p: LngLat) => boolean {
  if (shape.$centerSphere) {
    const [center, r] = shape.$centerSphere as [unknown, number];
    const c = toPoint(center);
    if (!c || typeof r !== 'number') throw new Error('$centerSphere expects [[x, y], radius]');
    return (p) => sphericalDistance(c, p) <= r;
  }
  if (shape.$center) {
    const [center, r] = shape.$center as [unknown, number];
    const c = toPoint(center);
    if (!c || typeof r !== 'number') throw new Error('$center expects [[x, y], radius]');
    return (p) => Math.hypot(p[0] - c[0], p[1] - c[1]) <= r;
  }
  if (shape.$box) {
    const [a, b] = (shape.$box as unknown[]).map(toPoint);
    if (!a || !b) throw new Error('$box expects [[x1, y1], [x2, y2]]');
    const [x1, x2] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
    const [y1, y2] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    return (p) => p[0] >= x1 && p[0] <= x2 && p[1] >= y1 && p[1] <= y2;
  }
  if (shape.$polygon) {
    const ring = shape.$polygon as number[][];
    return (p) => inRing(p, ring);
  }
  if (shape.$geometry) {
    const g = shape.$geometry as { type?: string; coordinates?: unknown };
    if (g.type === 'Polygon') return (p) => inPolygon(p, g.coordinates as number[][][]);
    if (g.type === 'MultiPolygon') return (p) => (g.coordinates as number[][][][]).some((poly) => inPolygon(p, poly));
    if (g.type === 'Point') {
      const c = toPoint(g);
      return (p) => !!c && c[0] === p[0] && c[1] === p[1];
    }
    throw new Error(`unsupported $geometry type ${String(g.type)}`);
  }
  throw new Error(`unknown geo specifier: ${JSON.stringify(Object.keys(shape))}`);
}
