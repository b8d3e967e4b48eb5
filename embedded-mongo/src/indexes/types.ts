// Contract between the engine core (storage, commands, transactions) and the index layer.
// The core owns documents; the index layer owns every secondary structure built from them.
import type { Document } from 'bson';

/** Record id: the engine's internal, stable key of a stored document (derived from its _id). */
export type RecordId = string;

export type IndexKeyValue = 1 | -1 | 'text' | '2dsphere';

/** An index as createIndexes receives it and listIndexes returns it (v, key, name and options). */
export interface IndexSpec {
  v?: number;
  key: Record<string, IndexKeyValue>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  // text index options
  weights?: Record<string, number>;
  default_language?: string;
  language_override?: string;
  textIndexVersion?: number;
  // 2dsphere option
  '2dsphereIndexVersion'?: number;
  [option: string]: unknown;
}

/** Thrown on a unique violation; the core turns it into a write error { code: 11000, keyPattern, keyValue }. */
export class DuplicateKeyError extends Error {
  readonly code = 11000;
  constructor(
    readonly ns: string,
    readonly indexName: string,
    readonly keyPattern: Record<string, IndexKeyValue>,
    readonly keyValue: Document,
  ) {
    super(`E11000 duplicate key error collection: ${ns} index: ${indexName} dup key: ${JSON.stringify(keyValue)}`);
  }
}

/** A candidate set chosen from one index for a filter. The core still applies the full filter to each doc. */
export interface QueryPlan {
  indexName: string;
  /** Candidate record ids, possibly with false positives but never missing a matching document. */
  ids: Iterable<RecordId>;
  /** For $near/$nearSphere/$geoNear: ids come sorted by distance and carry it (meters for GeoJSON points). */
  distances?: Map<RecordId, number>;
  /** For $text: the textScore of each candidate (only candidates that match the $text clause are returned). */
  textScores?: Map<RecordId, number>;
}

/** Record ids in the order of a sort, read from an index (after an equality prefix on its leading fields). */
export interface SortedScan {
  indexName: string;
  keyPattern: Record<string, IndexKeyValue>;
  direction: 'forward' | 'backward';
  /** Lazy: reading only the first few ids costs only those. */
  ids: Iterable<RecordId>;
}

/**
 * One collection's indexes. Always contains the `_id_` index (unique on _id).
 * All methods are synchronous: the engine is single-threaded and applies a write only after every check passed.
 */
export interface CollectionIndexes {
  list(): IndexSpec[];
  /** Builds the index over existing docs. Throws DuplicateKeyError when a unique index cannot be built.
   *  Same name and same key/options: no-op (returns false). Same name, other spec: throws an Error with code 86 (IndexKeySpecsConflict)
   *  or 85 (IndexOptionsConflict) as mongod does. Returns true when created. */
  create(spec: IndexSpec, docs: Iterable<[RecordId, Document]>): boolean;
  /** Throws Error with code 27 (IndexNotFound) when absent; `_id_` cannot be dropped (code 72, InvalidOptions). */
  drop(name: string): void;
  dropAll(): void; // all but _id_
  /** Throws DuplicateKeyError if putting `doc` at `rid` (replacing `oldDoc` when given) would violate a unique index. No change made. */
  check(rid: RecordId, doc: Document, oldDoc?: Document): void;
  /** Applies the change to every index; call after check(). oldDoc undefined = insert, doc undefined = delete. */
  apply(rid: RecordId, oldDoc: Document | undefined, doc: Document | undefined): void;
  /** `collation`: the query's; regular indexes qualify only when created with the same one (none: simple).
   *  Best single-index plan for a filter (null as well when every plan would exceed `maxCandidates`) (equality, $in, ranges, prefix of compound, $text, $near/$nearSphere, $geoWithin), or null = full scan. */
  plan(filter: Document, maxCandidates?: number, collation?: Document): QueryPlan | null;
  /** An index that yields the documents the filter may match in `sort` order, or null (then sort in memory). */
  /** `collation`: the query's; only an index created with the same collation qualifies (none: simple indexes). */
  sortedScan(filter: Document, sort: Document, collation?: Document): SortedScan | null;
  /** Record ids whose TTL index date field is older than now - expireAfterSeconds. */
  expired(now: Date): RecordId[];
}

export interface IndexFactory {
  /** `ns` is "db.collection", used in duplicate key messages. */
  (ns: string): CollectionIndexes;
}
