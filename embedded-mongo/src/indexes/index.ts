// Index layer of the embedded engine. The core calls createCollectionIndexes(ns) once per collection.
//
// How the core uses plan() results:
// - Regular indexes: `ids` is a candidate superset; apply the full filter to each candidate.
// - $text: `ids` are exactly the matching documents, best score first, with `textScores` ({ $meta: "textScore" }).
//   mingo has no $text: evaluate `residualFilter(filter)` (the filter without $text) on the candidates.
// - $near / $nearSphere: `ids` are exactly the documents within the distance bounds, nearest first, with
//   `distances` (meters for a GeoJSON point, radians for a legacy [lng, lat] point). Keep that order.
//   residualFilter() drops the $near clause too.
// - $geoWithin / $geoIntersects: with a 2dsphere index, `ids` are exact. Register `geoQueryOperators`
//   with mingo so filters that hold geo predicates can be evaluated on any candidate.
// - $geoNear stage: call geoNear(indexes, stageSpec); it turns the stage into a $nearSphere plan.
// - plan() throws code 27 for $text without a text index and code 291 for $near without a 2dsphere index.
import type { Document } from 'bson';
import { createIndexSet } from './indexes.collection';
import { isPlainObject } from './indexes.order';
import type { CollectionIndexes, IndexFactory, QueryPlan } from './types';
import { codedError } from './indexes.keys';

export * from './types';
export { compareValues, typeRank } from './indexes.order';
export { normalizeSpec, defaultIndexName } from './indexes.collection';
export { distanceMeters, EARTH_RADIUS_M, geoQueryOperators, matchesGeoWithin } from './indexes.geo';

export const createCollectionIndexes: IndexFactory = (ns: string) => createIndexSet(ns);

export interface GeoNearOptions {
  /** GeoJSON Point (distances in meters) or legacy [lng, lat] pair (distances in radians). */
  near: unknown;
  maxDistance?: number;
  minDistance?: number;
  /** Extra filter: the core applies it to the returned ids (keeping their order). */
  query?: Document;
  /** Geo field to use; required when several 2dsphere fields exist. */
  key?: string;
  spherical?: boolean;
}

/**
 * $geoNear stage support: ids of documents with a location, nearest first, with `distances`.
 * The core then applies `query`, `distanceMultiplier`, `distanceField`, `includeLocs` itself.
 */
export function geoNear(indexes: CollectionIndexes, opts: GeoNearOptions): QueryPlan {
  let key = opts.key;
  if (key === undefined) {
    const fields = indexes.list().flatMap((s) =>
      Object.entries(s.key)
        .filter(([, v]) => v === '2dsphere')
        .map(([f]) => f),
    );
    if (fields.length === 0)
      throw codedError(291, 'NoQueryExecutionPlans', '$geoNear requires a 2d or 2dsphere index, but none were found');
    if (new Set(fields).size > 1)
      throw codedError(2, 'BadValue', 'There is more than one 2dsphere index; unsure which to use for $geoNear');
    key = fields[0]!;
  }
  const cond: Record<string, unknown> = {};
  if (isPlainObject(opts.near) && opts.near.type === 'Point') {
    cond.$nearSphere = { $geometry: opts.near, $maxDistance: opts.maxDistance, $minDistance: opts.minDistance };
  } else {
    cond.$nearSphere = opts.near;
    if (opts.maxDistance !== undefined) cond.$maxDistance = opts.maxDistance;
    if (opts.minDistance !== undefined) cond.$minDistance = opts.minDistance;
  }
  const plan = indexes.plan({ [key]: cond });
  if (!plan)
    throw codedError(291, 'NoQueryExecutionPlans', `unable to find index for $geoNear query on field '${key}'`);
  return plan;
}

/** The filter without the clauses plan() evaluates exactly and mingo cannot: $text and $near/$nearSphere. */
export function residualFilter(filter: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$text') continue;
    if (k === '$and' && Array.isArray(v)) {
      const parts = v
        .map((x) => (isPlainObject(x) ? residualFilter(x) : x))
        .filter((x) => !isPlainObject(x) || Object.keys(x).length > 0);
      if (parts.length > 0) out.$and = parts;
      continue;
    }
    if (isPlainObject(v) && (v.$near !== undefined || v.$nearSphere !== undefined)) {
      const rest = Object.fromEntries(
        Object.entries(v).filter(([op]) => !['$near', '$nearSphere', '$maxDistance', '$minDistance'].includes(op)),
      );
      if (Object.keys(rest).length > 0) out[k] = rest;
      continue;
    }
    out[k] = v;
  }
  return out;
}
