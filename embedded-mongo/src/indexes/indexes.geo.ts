// 2dsphere support: point parsing (GeoJSON and legacy pairs), haversine distances on mongod's earth radius,
// $geoWithin shapes, and a multi-level lng/lat grid that narrows $near / $geoWithin to a few cells.
import type { Document } from 'bson';
import type { Options } from 'mingo/types';
import { codedError, leafValues } from './indexes.keys';
import { isPlainObject, Rank, toNumber, typeRank } from './indexes.order';

/** mongod's kRadiusOfEarthInMeters. */
export const EARTH_RADIUS_M = 6378.1 * 1000;

export type LngLat = [number, number];
/** A document's location(s): each geometry is a list of points (a Point has one). */
export type Geometries = LngLat[][];

const RAD = Math.PI / 180;

/** Great-circle distance in meters (haversine). */
export function distanceMeters(a: LngLat, b: LngLat): number {
  return distanceRadians(a, b) * EARTH_RADIUS_M;
}

export function distanceRadians(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function num(v: unknown): number | undefined {
  if (typeRank(v) !== Rank.Number) return undefined;
  const n = toNumber(v);
  return Number.isFinite(n) ? n : undefined;
}

/** [lng, lat] from a legacy pair ([x, y] or { lng, lat }: the first two numeric fields), else undefined. */
export function legacyPoint(v: unknown): LngLat | undefined {
  let xs: unknown[];
  if (Array.isArray(v)) xs = v;
  else if (isPlainObject(v) && !('type' in v) && !('coordinates' in v)) xs = Object.values(v);
  else return undefined;
  if (xs.length < 2) return undefined;
  const x = num(xs[0]);
  const y = num(xs[1]);
  return x === undefined || y === undefined ? undefined : [x, y];
}

function validLngLat(p: LngLat): boolean {
  return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90;
}

function coordsPoints(c: unknown, depth: number): LngLat[] | undefined {
  if (!Array.isArray(c)) return undefined;
  if (depth === 0) {
    const p = legacyPoint(c);
    return p && Array.isArray(c) ? [p] : undefined;
  }
  const out: LngLat[] = [];
  for (const x of c) {
    const ps = coordsPoints(x, depth - 1);
    if (!ps) return undefined;
    out.push(...ps);
  }
  return out;
}

const GEOJSON_DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  Polygon: 2,
  MultiLineString: 2,
  MultiPolygon: 3,
};

/** Points of a GeoJSON geometry (vertices for lines and polygons), or undefined if it is not valid GeoJSON. */
export function geoJsonPoints(v: unknown): LngLat[] | undefined {
  if (!isPlainObject(v) || typeof v.type !== 'string') return undefined;
  if (v.type === 'GeometryCollection') {
    if (!Array.isArray(v.geometries)) return undefined;
    const out: LngLat[] = [];
    for (const g of v.geometries) {
      const ps = geoJsonPoints(g);
      if (!ps) return undefined;
      out.push(...ps);
    }
    return out;
  }
  const depth = GEOJSON_DEPTH[v.type];
  if (depth === undefined) return undefined;
  const ps = coordsPoints(v.coordinates, depth);
  return ps && ps.length > 0 ? ps : undefined;
}

/** Geometries held at one leaf value, or 'invalid' when mongod would refuse to index it. */
export function parseGeoLeaf(v: unknown): Geometries | 'invalid' {
  let out: Geometries | undefined;
  const gj = geoJsonPoints(v);
  if (gj) out = [gj];
  else {
    const lp = legacyPoint(v);
    if (lp && (Array.isArray(v) ? v.every((x) => typeRank(x) === Rank.Number) : true)) out = [[lp]];
    else if (Array.isArray(v) && v.length > 0) {
      // An array of locations: each element is a separate location (multikey).
      const geoms: Geometries = [];
      for (const el of v) {
        const g = geoJsonPoints(el) ?? (legacyPoint(el) ? [legacyPoint(el)!] : undefined);
        if (!g) return 'invalid';
        geoms.push(g);
      }
      out = geoms;
    } else if (Array.isArray(v)) {
      out = [];
    }
  }
  if (!out || !out.every((g) => g.every(validLngLat))) return 'invalid';
  return out;
}

/** Locations of `doc` at `path`; throws code 16755 like mongod for values that are not geo data. */
export function docGeometries(doc: Document, path: string, strict: boolean): Geometries {
  const out: Geometries = [];
  for (const leaf of leafValues(doc, path)) {
    const g = parseGeoLeaf(leaf);
    if (g === 'invalid') {
      if (strict) {
        throw codedError(
          16755,
          'Location16755',
          `Can't extract geo keys: ${safeJson(doc)}  Point must only contain numeric elements, with longitude in [-180, 180] and latitude in [-90, 90]: ${safeJson(leaf)}`,
        );
      }
      continue;
    }
    out.push(...g);
  }
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

// ---------- regions for $geoWithin ----------

export type Region =
  | { kind: 'sphere'; center: LngLat; radiusM: number }
  | { kind: 'center'; center: LngLat; radius: number }
  | { kind: 'box'; min: LngLat; max: LngLat }
  | { kind: 'polygons'; polygons: LngLat[][][] };

function badGeo(msg: string): Error {
  return codedError(2, 'BadValue', msg);
}

function pointOrThrow(v: unknown, what: string): LngLat {
  const p = legacyPoint(v) ?? (isPlainObject(v) && v.type === 'Point' ? geoJsonPoints(v)?.[0] : undefined);
  if (!p) throw badGeo(`${what}: expected a point, got ${safeJson(v)}`);
  return p;
}

function ring(v: unknown): LngLat[] {
  if (!Array.isArray(v) || v.length < 3) throw badGeo(`Polygon ring must have at least 3 points: ${safeJson(v)}`);
  return v.map((p) => pointOrThrow(p, 'polygon vertex'));
}

/** Parses the value of $geoWithin / $within / $geoIntersects. */
export function parseRegion(spec: unknown): Region {
  if (!isPlainObject(spec)) throw badGeo(`$geoWithin needs an object, got ${safeJson(spec)}`);
  if (spec.$centerSphere !== undefined) {
    const cs = spec.$centerSphere;
    if (!Array.isArray(cs) || cs.length !== 2) throw badGeo('$centerSphere needs [[lng, lat], radiusInRadians]');
    const r = num(cs[1]);
    if (r === undefined || r < 0) throw badGeo('$centerSphere radius must be a non-negative number');
    return { kind: 'sphere', center: pointOrThrow(cs[0], '$centerSphere'), radiusM: r * EARTH_RADIUS_M };
  }
  if (spec.$center !== undefined) {
    const c = spec.$center;
    if (!Array.isArray(c) || c.length !== 2) throw badGeo('$center needs [[x, y], radius]');
    const r = num(c[1]);
    if (r === undefined || r < 0) throw badGeo('$center radius must be a non-negative number');
    return { kind: 'center', center: pointOrThrow(c[0], '$center'), radius: r };
  }
  if (spec.$box !== undefined) {
    const b = spec.$box;
    if (!Array.isArray(b) || b.length !== 2) throw badGeo('$box needs [[x1, y1], [x2, y2]]');
    const p = pointOrThrow(b[0], '$box');
    const q = pointOrThrow(b[1], '$box');
    return {
      kind: 'box',
      min: [Math.min(p[0], q[0]), Math.min(p[1], q[1])],
      max: [Math.max(p[0], q[0]), Math.max(p[1], q[1])],
    };
  }
  if (spec.$polygon !== undefined) return { kind: 'polygons', polygons: [[ring(spec.$polygon)]] };
  if (spec.$geometry !== undefined) {
    const g = spec.$geometry;
    if (isPlainObject(g) && g.type === 'Polygon' && Array.isArray(g.coordinates)) {
      return { kind: 'polygons', polygons: [g.coordinates.map(ring)] };
    }
    if (isPlainObject(g) && g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
      return { kind: 'polygons', polygons: g.coordinates.map((poly) => (Array.isArray(poly) ? poly.map(ring) : [])) };
    }
    if (isPlainObject(g) && g.type === 'Point') {
      // Only meaningful for $geoIntersects: the exact point.
      const p = pointOrThrow(g, '$geometry');
      return { kind: 'box', min: p, max: p };
    }
    throw badGeo(`unsupported $geometry for $geoWithin: ${safeJson(g)}`);
  }
  throw badGeo(`unknown geo specifier: ${safeJson(spec)}`);
}

function onSegment(p: LngLat, a: LngLat, b: LngLat): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  return (
    p[0] >= Math.min(a[0], b[0]) &&
    p[0] <= Math.max(a[0], b[0]) &&
    p[1] >= Math.min(a[1], b[1]) &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Ray casting; points on the boundary count as inside (mongod's $geoWithin includes the boundary). */
function inRing(p: LngLat, r: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const a = r[i]!;
    const b = r[j]!;
    if (onSegment(p, a, b)) return true;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

export function pointInRegion(p: LngLat, region: Region): boolean {
  switch (region.kind) {
    case 'sphere':
      return distanceMeters(region.center, p) <= region.radiusM;
    case 'center':
      return Math.hypot(p[0] - region.center[0], p[1] - region.center[1]) <= region.radius;
    case 'box':
      return p[0] >= region.min[0] && p[0] <= region.max[0] && p[1] >= region.min[1] && p[1] <= region.max[1];
    case 'polygons':
      return region.polygons.some(
        ([outer, ...holes]) =>
          outer !== undefined &&
          inRing(p, outer) &&
          !holes.some((h) => inRing(p, h) && !h.some((v, i) => onSegment(p, v, h[(i + 1) % h.length]!))),
      );
  }
}

/** A location is within when all its points are; a document matches when one of its locations is. */
export function geometriesWithin(geoms: Geometries, region: Region): boolean {
  return geoms.some((g) => g.length > 0 && g.every((p) => pointInRegion(p, region)));
}

/** Pure check of `{ [path]: { $geoWithin: spec } }` against a document (no index needed). */
export function matchesGeoWithin(doc: Document, path: string, spec: unknown): boolean {
  return geometriesWithin(docGeometries(doc, path, false), parseRegion(spec));
}

// ---------- $near / $nearSphere ----------

export interface NearQuery {
  center: LngLat;
  /** 'meters' for a GeoJSON point, 'radians' for a legacy pair (mongod's units). */
  unit: 'meters' | 'radians';
  maxDistance?: number;
  minDistance?: number;
}

/** Parses `{ $near | $nearSphere: ..., $maxDistance?, $minDistance? }` (GeoJSON or legacy form). */
export function parseNear(cond: Record<string, unknown>): NearQuery {
  const v = cond.$near ?? cond.$nearSphere ?? cond.$geoNear;
  let center: LngLat;
  let unit: NearQuery['unit'];
  let maxD = cond.$maxDistance;
  let minD = cond.$minDistance;
  if (isPlainObject(v) && v.$geometry !== undefined) {
    const g = v.$geometry;
    if (!isPlainObject(g) || g.type !== 'Point') throw badGeo('$near requires a GeoJSON Point $geometry');
    center = pointOrThrow(g, '$geometry');
    unit = 'meters';
    maxD = v.$maxDistance ?? maxD;
    minD = v.$minDistance ?? minD;
  } else if (isPlainObject(v) && v.type === 'Point') {
    center = pointOrThrow(v, '$near');
    unit = 'meters';
  } else {
    center = pointOrThrow(v, '$near');
    unit = 'radians';
  }
  if (!validLngLat(center)) throw badGeo(`invalid point in geo near query: ${safeJson(center)}`);
  const q: NearQuery = { center, unit };
  if (maxD !== undefined && maxD !== null) {
    const m = num(maxD);
    if (m === undefined || m < 0) throw badGeo('$maxDistance must be a non-negative number');
    q.maxDistance = m;
  }
  if (minD !== undefined && minD !== null) {
    const m = num(minD);
    if (m === undefined || m < 0) throw badGeo('$minDistance must be a non-negative number');
    q.minDistance = m;
  }
  return q;
}

/** Distance from the query center to the nearest point of the locations, in the query's unit. */
export function nearDistance(geoms: Geometries, q: NearQuery): number {
  let best = Infinity;
  for (const g of geoms) for (const p of g) best = Math.min(best, distanceRadians(q.center, p));
  return q.unit === 'meters' ? best * EARTH_RADIUS_M : best;
}

function nearMatches(d: number, q: NearQuery): boolean {
  return (
    Number.isFinite(d) &&
    (q.maxDistance === undefined || d <= q.maxDistance) &&
    (q.minDistance === undefined || d >= q.minDistance)
  );
}

// ---------- grid index ----------

/** Cell sizes in degrees, coarse to fine (the finest is ~7 km). */
const LEVELS = [4, 0.5, 1 / 16];
const MAX_CELLS = 400;

type Box = [number, number, number, number]; // minLng, minLat, maxLng, maxLat (minLng may exceed maxLng across the antimeridian: split first)

/** Cell ids are small integers: level, then x and y offset into [0, 8192). */
function cellId(level: number, x: number, y: number): number {
  return (level * 8192 + (x + 4096)) * 8192 + (y + 4096);
}

function cellKey(level: number, lng: number, lat: number): number {
  const s = LEVELS[level]!;
  return cellId(level, Math.floor(lng / s), Math.floor(lat / s));
}

function circleBoxes(center: LngLat, radiusRad: number): Box[] | 'world' {
  if (radiusRad >= Math.PI / 2) return 'world';
  const dLat = radiusRad / RAD;
  const minLat = center[1] - dLat;
  const maxLat = center[1] + dLat;
  if (minLat <= -90 || maxLat >= 90) return [[-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)]];
  const dLng = Math.asin(Math.min(1, Math.sin(radiusRad) / Math.cos(center[1] * RAD))) / RAD;
  return splitLng(center[0] - dLng, minLat, center[0] + dLng, maxLat);
}

function splitLng(minLng: number, minLat: number, maxLng: number, maxLat: number): Box[] {
  if (maxLng - minLng >= 360) return [[-180, minLat, 180, maxLat]];
  if (minLng < -180)
    return [
      [-180, minLat, maxLng, maxLat],
      [minLng + 360, minLat, 180, maxLat],
    ];
  if (maxLng > 180)
    return [
      [minLng, minLat, 180, maxLat],
      [-180, minLat, maxLng - 360, maxLat],
    ];
  return [[minLng, minLat, maxLng, maxLat]];
}

function regionBoxes(region: Region): Box[] | 'world' {
  switch (region.kind) {
    case 'sphere':
      return circleBoxes(region.center, region.radiusM / EARTH_RADIUS_M);
    case 'center':
      return [
        [
          region.center[0] - region.radius,
          region.center[1] - region.radius,
          region.center[0] + region.radius,
          region.center[1] + region.radius,
        ],
      ];
    case 'box':
      return [[region.min[0], region.min[1], region.max[0], region.max[1]]];
    case 'polygons': {
      const pts = region.polygons.flatMap((p) => p[0] ?? []);
      const lngs = pts.map((p) => p[0]);
      const lats = pts.map((p) => p[1]);
      return [[Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)]];
    }
  }
}

interface GeoDoc {
  rid: string;
  geoms: Geometries;
  cells: number[];
}

export class GeoIndex {
  private readonly docs = new Map<string, GeoDoc>();
  /** Cell -> documents with a point in it; the objects are shared so candidates need no id lookup. */
  private readonly cells = new Map<number, Set<GeoDoc>>();
  /** Documents spanning several cells of a level (several points): candidates then need deduplication. */
  private multiCell = 0;

  constructor(readonly field: string) {}

  get size(): number {
    return this.docs.size;
  }

  validate(doc: Document): void {
    docGeometries(doc, this.field, true);
  }

  add(rid: string, doc: Document): void {
    const geoms = docGeometries(doc, this.field, false);
    const points = geoms.flat();
    if (points.length === 0) return;
    const keys = new Set<number>();
    for (const p of points) for (let l = 0; l < LEVELS.length; l++) keys.add(cellKey(l, p[0], p[1]));
    const d: GeoDoc = { rid, geoms, cells: [...keys] };
    for (const k of d.cells) {
      let set = this.cells.get(k);
      if (!set) this.cells.set(k, (set = new Set()));
      set.add(d);
    }
    if (d.cells.length > LEVELS.length) this.multiCell++;
    this.docs.set(rid, d);
  }

  remove(rid: string): void {
    const d = this.docs.get(rid);
    if (!d) return;
    for (const k of d.cells) {
      const set = this.cells.get(k);
      set?.delete(d);
      if (set && set.size === 0) this.cells.delete(k);
    }
    if (d.cells.length > LEVELS.length) this.multiCell--;
    this.docs.delete(rid);
  }

  clear(): void {
    this.docs.clear();
    this.cells.clear();
    this.multiCell = 0;
  }

  /** Documents in the cells covering the boxes (a superset of the points inside). */
  private candidates(unclamped: Box[] | 'world', visit: (d: GeoDoc) => void): void {
    if (unclamped === 'world') {
      for (const d of this.docs.values()) visit(d);
      return;
    }
    const boxes = unclamped.map(([a, b, c, d]): Box => [
      Math.max(-180, a),
      Math.max(-90, b),
      Math.min(180, c),
      Math.min(90, d),
    ]);
    for (let l = LEVELS.length - 1; l >= 0; l--) {
      const s = LEVELS[l]!;
      let n = 0;
      for (const b of boxes)
        n += (Math.floor(b[2] / s) - Math.floor(b[0] / s) + 1) * (Math.floor(b[3] / s) - Math.floor(b[1] / s) + 1);
      if (n > MAX_CELLS) continue;
      const seen = this.multiCell > 0 || boxes.length > 1 ? new Set<GeoDoc>() : undefined;
      for (const b of boxes) {
        for (let x = Math.floor(b[0] / s); x <= Math.floor(b[2] / s); x++) {
          for (let y = Math.floor(b[1] / s); y <= Math.floor(b[3] / s); y++) {
            const set = this.cells.get(cellId(l, x, y));
            if (!set) continue;
            for (const d of set) {
              if (seen) {
                if (seen.has(d)) continue;
                seen.add(d);
              }
              visit(d);
            }
          }
        }
      }
      return;
    }
    for (const d of this.docs.values()) visit(d);
  }

  /** Records within [min, max] distance, nearest first, with their distance in the query's unit. */
  near(q: NearQuery): { ids: string[]; distances: Map<string, number> } {
    let boxes: Box[] | 'world' = 'world';
    if (q.maxDistance !== undefined) {
      const rad = q.unit === 'meters' ? q.maxDistance / EARTH_RADIUS_M : q.maxDistance;
      boxes = circleBoxes(q.center, rad * (1 + 1e-9));
    }
    const hits: [string, number][] = [];
    this.candidates(boxes, (d) => {
      const dist = nearDistance(d.geoms, q);
      if (nearMatches(dist, q)) hits.push([d.rid, dist]);
    });
    hits.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return { ids: hits.map((h) => h[0]), distances: new Map(hits) };
  }

  /** Records with a location inside the region (exact for points). */
  within(region: Region): string[] {
    const out: string[] = [];
    this.candidates(regionBoxes(region), (d) => {
      if (geometriesWithin(d.geoms, region)) out.push(d.rid);
    });
    return out;
  }

  /** Records with a point inside the region ($geoIntersects against point data). */
  intersects(region: Region): string[] {
    const out: string[] = [];
    this.candidates(regionBoxes(region), (d) => {
      if (d.geoms.some((g) => g.some((p) => pointInRegion(p, region)))) out.push(d.rid);
    });
    return out;
  }
}

type GeoQueryOp = (selector: string, value: unknown, options: Options) => (obj: Record<string, unknown>) => boolean;

/**
 * mingo query operators so the core's matcher understands geo predicates on any candidate
 * (register them with `Context.init().addQueryOps(geoQueryOperators)` or equivalent).
 * $near/$nearSphere only check the distance bounds: ordering comes from plan().
 */
export const geoQueryOperators: Record<`$${string}`, GeoQueryOp> = {
  $geoWithin: (selector: string, value: unknown) => {
    const region = parseRegion(value);
    return (obj: Record<string, unknown>) => geometriesWithin(docGeometries(obj, selector, false), region);
  },
  $within: (selector: string, value: unknown, options: Options) =>
    geoQueryOperators.$geoWithin!(selector, value, options),
  $geoIntersects: (selector: string, value: unknown) => {
    const region = parseRegion(value);
    return (obj: Record<string, unknown>) =>
      docGeometries(obj, selector, false).some((g) => g.some((p) => pointInRegion(p, region)));
  },
  $near: (selector: string, value: unknown) => nearOperator(selector, { $near: value }),
  $nearSphere: (selector: string, value: unknown) => nearOperator(selector, { $nearSphere: value }),
  // Siblings of a legacy $near; the distance bounds are enforced by plan().
  $maxDistance: () => () => true,
  $minDistance: () => () => true,
};

function nearOperator(selector: string, cond: Record<string, unknown>): (obj: Record<string, unknown>) => boolean {
  const q = parseNear(cond);
  return (obj) => {
    const g = docGeometries(obj, selector, false);
    return g.some((x) => x.length > 0) && nearMatches(nearDistance(g, q), q);
  };
}
