import { Types, type Collection, type Schema } from 'mongoose';
import { isObjectId } from '@promesse/shared';

type IdLike = string | Types.ObjectId | null | undefined;

/** Two ids (strings or ObjectIds) designate the same document; null/undefined never match. */
export function sameId(a: IdLike, b: IdLike): boolean {
  return a != null && b != null && String(a) === String(b);
}

export function toObjectId(id: string | Types.ObjectId): Types.ObjectId {
  return typeof id === 'string' ? new Types.ObjectId(id) : id;
}

/** The well-formed ids of a list, as ObjectIds (malformed ones can only designate nothing). */
export function validObjectIds(ids: readonly string[]): Types.ObjectId[] {
  return ids.filter((id) => isObjectId(id)).map((id) => new Types.ObjectId(id));
}

/** Orders loaded documents like the requested ids (DataLoader's contract), null for missing ones. */
export function byIds<T extends { _id: unknown }>(ids: readonly string[], docs: readonly T[]): (NoInfer<T> | null)[] {
  const found = new Map(docs.map((d) => [String(d._id), d]));
  return ids.map((id) => found.get(id) ?? null);
}

// The fields a schema hides (`select: false`), as a projection: what a mongoose find leaves out by default.
interface StoredModel {
  collection: Collection;
  schema: Schema;
}
const hiddenFields = new WeakMap<StoredModel, Record<string, 0>>();
function hiddenOf(model: StoredModel): Record<string, 0> {
  let hidden = hiddenFields.get(model);
  if (!hidden) {
    hidden = {};
    model.schema.eachPath((path, type) => {
      if ((type.options as { select?: unknown }).select === false) hidden![path] = 0;
    });
    hiddenFields.set(model, hidden);
  }
  return hidden;
}

/**
 * The documents with these ids as stored (plain objects, like a lean find), in DataLoader's order. The by-id loaders
 * run on every list request, and a mongoose Query (building, casting, options) cost more than the read itself
 * (profile of issue 19): the ids are ObjectIds already, so this asks the driver directly, leaving out the fields
 * the schema hides as mongoose would.
 */
export async function findByIds<T extends { _id: unknown }>(
  model: StoredModel,
  ids: readonly string[],
): Promise<(T | null)[]> {
  const docs = await model.collection
    .find({ _id: { $in: validObjectIds(ids) } }, { projection: hiddenOf(model) })
    .toArray();
  return byIds(ids, docs as unknown as T[]);
}

/** Groups documents by a key, in the order of the requested keys (an empty list when none). */
export function groupByKey<T>(keys: readonly string[], docs: readonly T[], keyOf: (d: T) => unknown): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const d of docs) groups.get(String(keyOf(d)))?.push(d);
  return keys.map((k) => groups.get(k) ?? []);
}

/** A write refused by a unique index (E11000), whatever the driver's error class. */
export function isDuplicateKeyError(error: unknown): error is Error & { keyValue?: Record<string, unknown> } {
  return error instanceof Error && (error as { code?: unknown }).code === 11000;
}
