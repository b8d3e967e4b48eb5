import { Types, type ClientSession } from 'mongoose';
import { DAY_MS, type DiplomaLevel, type GeoJsonPoint, type Trade } from '@promesse/shared';
import type { AppDeps } from '../../graphql/context';
import { applicationModel } from '../application/application.model';
import { partnershipModel } from '../company/company.model';
import { jobPromiseModel } from '../job-promise/job-promise.model';
import { openNowFilter } from '../job-promise/job-promise.policy';
import { studentModel } from '../student/student.model';

// Candidate retrieval for matching: index-backed queries that read only the fields scoring needs (lean, projected),
// never a whole collection. Full documents are loaded afterwards for the few results returned.

type Deps = Pick<AppDeps, 'connection'>;

/**
 * "Graduates" offered to a promise: students whose graduationDate lies within GRADUATE_WINDOW_DAYS_PAST before
 * now (recent graduates, still looking) or GRADUATE_WINDOW_DAYS_AHEAD after it (graduating soon). Students with
 * no graduationDate are left out (the school has not said when they finish).
 */
export const GRADUATE_WINDOW_DAYS_PAST = 365;
export const GRADUATE_WINDOW_DAYS_AHEAD = 365;

export function graduateWindow(now: Date): { $gte: Date; $lte: Date } {
  return {
    $gte: new Date(now.getTime() - GRADUATE_WINDOW_DAYS_PAST * DAY_MS),
    $lte: new Date(now.getTime() + GRADUATE_WINDOW_DAYS_AHEAD * DAY_MS),
  };
}

const oid = (id: string | Types.ObjectId) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(id));

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
export const PROMISE_FIELDS = {
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
 * the {schoolIds, status, trade} index, with the scoring fields only. `ids` narrows to given promises.
 */
export async function openPromiseCandidates(
  deps: Deps,
  args: { schoolId: string | Types.ObjectId; trades: readonly Trade[]; now: Date; ids?: readonly Types.ObjectId[] },
): Promise<PromiseCandidate[]> {
  if (args.trades.length === 0) return [];
  const filter: Record<string, unknown> = {
    schoolIds: oid(args.schoolId),
    ...openNowFilter(args.now),
    trade: { $in: [...args.trades] },
  };
  if (args.ids) filter['_id'] = { $in: [...args.ids] };
  return jobPromiseModel(deps.connection).find(filter, PROMISE_FIELDS).lean<PromiseCandidate[]>();
}

/** What scoring reads of a student. */
export interface StudentCandidate {
  _id: Types.ObjectId;
  schoolId: Types.ObjectId;
  trade?: Trade | null;
  diplomaLevel?: DiplomaLevel | null;
  location?: GeoJsonPoint | null;
  mobilityKm?: number | null;
  availableFrom?: Date | null;
  graduationDate?: Date | null;
  skills?: string[] | null;
}

export const STUDENT_FIELDS = {
  _id: 1,
  schoolId: 1,
  trade: 1,
  diplomaLevel: 1,
  location: 1,
  mobilityKm: 1,
  availableFrom: 1,
  graduationDate: 1,
  skills: 1,
} as const;

/**
 * Graduates (see graduateWindow) of `schoolIds` whose trade is one of `trades`: the {schoolId, trade,
 * graduationDate} index. Only the fields scoring reads: their number grows with the schools' size.
 */
export async function graduateCandidates(
  deps: Deps,
  args: { schoolIds: readonly (string | Types.ObjectId)[]; trades: readonly Trade[]; now: Date },
): Promise<StudentCandidate[]> {
  if (args.trades.length === 0 || args.schoolIds.length === 0) return [];
  return studentModel(deps.connection)
    .find(
      {
        schoolId: { $in: args.schoolIds.map(oid) },
        trade: { $in: [...args.trades] },
        graduationDate: graduateWindow(args.now),
      },
      STUDENT_FIELDS,
    )
    .lean<StudentCandidate[]>();
}

export interface SchoolHistory {
  partnershipApproved: boolean;
  pastHires: number;
}

/**
 * The track record of each (company, school) pair among the given ones: approved partnership, and past hires
 * (HIRED applications of the school's students to the company's promises). One query and one aggregation,
 * whatever the number of candidates, on the {schoolId, status} partnership and {schoolId, status, companyId}
 * application indexes.
 */
export async function loadSchoolHistory(
  deps: Deps,
  args: { companyIds?: readonly (string | Types.ObjectId)[]; schoolIds: readonly (string | Types.ObjectId)[] },
  session: ClientSession | null = null,
): Promise<(companyId: unknown, schoolId: unknown) => SchoolHistory> {
  // No companyIds: every company (a school's whole record, for ranking promises of many companies).
  const companyIds = args.companyIds ? [...new Set(args.companyIds.map(String))].map(oid) : null;
  const schoolIds = [...new Set(args.schoolIds.map(String))].map(oid);
  const approved = new Set<string>();
  const hires = new Map<string, number>();
  if ((!companyIds || companyIds.length) && schoolIds.length) {
    const companyFilter: Record<string, unknown> = companyIds ? { companyId: { $in: companyIds } } : {};
    const key = (c: unknown, s: unknown) => `${String(c)}:${String(s)}`;
    const partnershipsQuery = () =>
      partnershipModel(deps.connection)
        .find({ schoolId: { $in: schoolIds }, status: 'APPROVED', ...companyFilter }, { companyId: 1, schoolId: 1 })
        .session(session)
        .lean();
    const hiresQuery = () =>
      applicationModel(deps.connection)
        .aggregate<{ _id: { c: unknown; s: unknown }; n: number }>([
          { $match: { schoolId: { $in: schoolIds }, status: 'HIRED', ...companyFilter } },
          { $group: { _id: { c: '$companyId', s: '$schoolId' }, n: { $sum: 1 } } },
        ])
        .session(session);
    // A transaction's session runs one operation at a time.
    const [partnerships, hired] = session
      ? [await partnershipsQuery(), await hiresQuery()]
      : await Promise.all([partnershipsQuery(), hiresQuery()]);
    for (const p of partnerships) approved.add(key(p.companyId, p.schoolId));
    for (const h of hired) hires.set(key(h._id.c, h._id.s), h.n);
  }
  return (companyId, schoolId) => {
    const k = `${String(companyId)}:${String(schoolId)}`;
    return { partnershipApproved: approved.has(k), pastHires: hires.get(k) ?? 0 };
  };
}
