import type { ClientSession, Types } from 'mongoose';
import { notFound, type DiplomaLevel, type GeoJsonPoint, type JobPromiseStatus, type Trade } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { toObjectId, validObjectIds } from '../../core/ids';
import { jobPromiseModel, type JobPromiseDoc, type JobPromiseRow } from './job-promise.model';
import { openNowFilter } from './job-promise.policy';

// What other modules may read or write of job promises (applications, recommendations, matching).

type Deps = Pick<DataDeps, 'connection'>;

/** Unknown and malformed ids are both "not found" (never a cast error). */
export async function findJobPromise(
  deps: Deps,
  id: string | Types.ObjectId,
  session: ClientSession | null = null,
): Promise<JobPromiseDoc> {
  const [jp] = await jobPromisesByIds(deps, [String(id)], session);
  if (!jp) throw notFound('JobPromise', String(id));
  return jp;
}

export async function jobPromisesByIds(
  deps: Deps,
  ids: readonly string[],
  session: ClientSession | null = null,
): Promise<JobPromiseDoc[]> {
  const valid = validObjectIds(ids);
  if (valid.length === 0) return [];
  return jobPromiseModel(deps.connection)
    .find({ _id: { $in: valid } })
    .session(session);
}

/** Some promises as plain rows, to display (no document to save): cheaper than jobPromisesByIds. */
export async function jobPromiseRowsByIds(deps: Deps, ids: readonly string[]): Promise<JobPromiseRow[]> {
  const valid = validObjectIds(ids);
  if (valid.length === 0) return [];
  return jobPromiseModel(deps.connection)
    .find({ _id: { $in: valid } })
    .lean<JobPromiseRow[]>();
}

/**
 * Counts one hire, only while the promise is open at `now`, its positions unchanged and one is left (the status
 * filter makes a concurrent hire on the last position lose). Null when refused.
 */
export function takePosition(
  deps: Deps,
  jp: Pick<JobPromiseDoc, '_id' | 'positions'>,
  now: Date,
  session: ClientSession,
): Promise<JobPromiseDoc | null> {
  return jobPromiseModel(deps.connection).findOneAndUpdate(
    { _id: jp._id, ...openNowFilter(now), positions: jp.positions, hiredCount: { $lt: jp.positions } },
    { $inc: { hiredCount: 1 } },
    { returnDocument: 'after', session },
  );
}

export async function markFilled(deps: Deps, id: Types.ObjectId, now: Date, session: ClientSession): Promise<void> {
  await jobPromiseModel(deps.connection).updateOne(
    { _id: id, status: 'OPEN' },
    { $set: { status: 'FILLED', filledAt: now } },
    { session },
  );
}

/** What scoring (and ranking, capacity) reads of a promise. */
export interface PromiseCandidate {
  _id: Types.ObjectId;
  companyId: Types.ObjectId;
  schoolIds: Types.ObjectId[];
  trade: Trade;
  diplomaLevel?: DiplomaLevel | null;
  location?: GeoJsonPoint | null;
  startDate?: Date | null;
  skills?: string[] | null;
  positions: number;
  hiredCount: number;
}

/** The fields of PromiseCandidate: descriptions and titles stay in the database. */
const PROMISE_FIELDS = {
  _id: 1,
  companyId: 1,
  schoolIds: 1,
  trade: 1,
  diplomaLevel: 1,
  location: 1,
  startDate: 1,
  skills: 1,
  positions: 1,
  hiredCount: 1,
} as const;

/**
 * OPEN promises (not past expiresAt) targeting `schoolId` whose trade is one of `trades`: exactly the entries of
 * the {schoolIds, status, trade} index, with the scoring fields only.
 */
export async function openPromiseCandidates(
  deps: Deps,
  args: { schoolId: string | Types.ObjectId; trades: readonly Trade[]; now: Date },
): Promise<PromiseCandidate[]> {
  if (args.trades.length === 0) return [];
  return jobPromiseModel(deps.connection)
    .find(
      { schoolIds: toObjectId(args.schoolId), ...openNowFilter(args.now), trade: { $in: [...args.trades] } },
      PROMISE_FIELDS,
    )
    .lean<PromiseCandidate[]>();
}

/** Given promises with their scoring fields and what says whether they are open. */
export function promiseCandidatesByIds(
  deps: Deps,
  ids: readonly Types.ObjectId[],
): Promise<(PromiseCandidate & { status: JobPromiseStatus; expiresAt: Date })[]> {
  return jobPromiseModel(deps.connection)
    .find({ _id: { $in: [...ids] } }, { ...PROMISE_FIELDS, status: 1, expiresAt: 1 })
    .lean<(PromiseCandidate & { status: JobPromiseStatus; expiresAt: Date })[]>();
}

/** OPEN promises expiring between now and `until` whose company was not reminded yet. */
export function promisesExpiringUnreminded(
  deps: Deps,
  now: Date,
  until: Date,
  limit: number,
): Promise<Pick<JobPromiseDoc, '_id' | 'companyId' | 'title' | 'expiresAt'>[]> {
  return jobPromiseModel(deps.connection)
    .find(
      { status: 'OPEN', expiresAt: { $gt: now, $lte: until }, expiryReminderAt: null },
      { companyId: 1, title: 1, expiresAt: 1 },
    )
    .limit(limit)
    .lean();
}

/** Marks the expiry reminder of a promise as sent; false when another run did it first. */
export async function markExpiryReminded(
  deps: Deps,
  session: ClientSession,
  id: Types.ObjectId,
  now: Date,
): Promise<boolean> {
  const result = await jobPromiseModel(deps.connection).updateOne(
    { _id: id, status: 'OPEN', expiryReminderAt: null },
    { $set: { expiryReminderAt: now } },
    { session },
  );
  return result.modifiedCount === 1;
}
