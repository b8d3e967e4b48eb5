import { LRUCache } from 'lru-cache';
import { Types, type ClientSession, type PipelineStage } from 'mongoose';
import { graduateOutcomeFacts, type ExitOutcome, type OutcomeCell, type Trade } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { graduationFactsOf, type GraduateFacts } from '../student/student.queries';
import {
  examResultModel,
  exitOutcomeModel,
  graduateOutcomeModel,
  ledgerEntryModel,
  type ExamResult,
  type ExitOutcomeRecord,
  type GraduateOutcome,
} from './outcome.model';

// The per-graduate summaries (graduateOutcomeModel) the figures are summed from. A summary is only ever recomputed
// from the student and their records (refreshGraduateOutcomes), never edited: every write that changes a fact calls
// it for the graduates concerned, in its own transaction, so the figures read a committed state where summaries
// and records agree.

type Deps = Pick<DataDeps, 'connection'>;
/** A summary as computed; `rev` is stamped when it is written. */
type SummaryContent = Omit<GraduateOutcome, 'rev'>;

export type LatestOutcome = ExitOutcomeRecord & { _id: Types.ObjectId };
export type LatestExam = ExamResult & { _id: Types.ObjectId };

/** Bump when the shape or the shared definitions behind the stored facts change: the start-up backfill rebuilds. */
export const GRADUATE_RECORD_VERSION = 2;

interface Latest {
  _id: Types.ObjectId;
  outcome?: ExitOutcome;
  startDate?: Date | null;
  passed?: boolean;
  n?: number;
}

/** The summary of each student, from their profile and their latest records (by the shared definitions). */
async function summariesOf(
  deps: Deps,
  students: readonly GraduateFacts[],
  session: ClientSession | null,
): Promise<SummaryContent[]> {
  if (!students.length) return [];
  const ids = students.map((s) => s._id);
  const latestOf = (fields: Record<string, unknown>): PipelineStage[] => [
    { $match: { studentId: { $in: ids } } },
    // The latest record of each graduate (greatest recordedAt; a tie: the later insert, as the history shows it).
    { $sort: { studentId: 1, recordedAt: -1, _id: -1 } },
    { $group: { _id: '$studentId', ...fields } },
  ];
  const [outcomes, exams, ledger] = await Promise.all([
    exitOutcomeModel(deps.connection)
      .aggregate<Latest>(latestOf({ outcome: { $first: '$outcome' }, startDate: { $first: '$startDate' } }))
      .session(session),
    examResultModel(deps.connection)
      .aggregate<Latest>(latestOf({ passed: { $first: '$passed' } }))
      .session(session),
    ledgerEntryModel(deps.connection)
      .aggregate<Latest>([{ $match: { studentId: { $in: ids } } }, { $group: { _id: '$studentId', n: { $sum: 1 } } }])
      .session(session),
  ]);
  const byId = <T extends Latest>(rows: T[]) => new Map(rows.map((r) => [String(r._id), r]));
  const outcomeOf = byId(outcomes);
  const examOf = byId(exams);
  const ledgerOf = byId(ledger);
  return students.map((s) => {
    const id = String(s._id);
    const outcome = outcomeOf.get(id);
    const exam = examOf.get(id);
    const record = {
      schoolId: String(s.schoolId),
      trade: (s.trade ?? null) as Trade | null,
      graduationDate: s.graduationDate,
      outcome: outcome?.outcome ? { outcome: outcome.outcome, startDate: outcome.startDate ?? null } : null,
      examPassed: exam ? exam.passed === true : null,
      ledgerEntries: ledgerOf.get(id)?.n ?? 0,
    };
    const facts = graduateOutcomeFacts(record);
    return {
      _id: s._id,
      schoolId: s.schoolId,
      trade: record.trade,
      graduationDate: s.graduationDate,
      outcome: record.outcome?.outcome ?? null,
      startDate: record.outcome?.startDate ?? null,
      ...facts,
      version: GRADUATE_RECORD_VERSION,
    };
  });
}

/**
 * Recomputes the summaries of these students from their profile and records, in the caller's transaction (a
 * student without a graduation date has none).
 */
export async function refreshGraduateOutcomes(
  deps: Deps,
  studentIds: readonly Types.ObjectId[],
  session: ClientSession | null = null,
): Promise<void> {
  if (!studentIds.length) return;
  const students = await graduationFactsOf(deps, { ids: studentIds }, session);
  await writeSummaries(deps, await summariesOf(deps, students, session), session);
  const dated = new Set(students.map((s) => String(s._id)));
  const undated = studentIds.filter((id) => !dated.has(String(id)));
  if (undated.length)
    await graduateOutcomeModel(deps.connection).deleteMany(
      { _id: { $in: undated } },
      { session: session ?? undefined },
    );
}

async function writeSummaries(deps: Deps, summaries: SummaryContent[], session: ClientSession | null) {
  if (!summaries.length) return;
  await graduateOutcomeModel(deps.connection).bulkWrite(
    summaries.map((s) => ({
      replaceOne: { filter: { _id: s._id }, replacement: { ...s, rev: new Types.ObjectId() }, upsert: true },
    })),
    { session: session ?? undefined, ordered: false },
  );
}

/**
 * One-off at start-up and after bulk imports, idempotent: every student with a graduation date whose summary is
 * missing or of an older GRADUATE_RECORD_VERSION gets it, in pages of `batch` students. Returns how many were built.
 */
export async function backfillGraduateOutcomes(deps: Deps, batch = 1000): Promise<number> {
  let built = 0;
  let after: Types.ObjectId | null = null;
  for (;;) {
    const page = await graduationFactsOf(deps, { after, limit: batch });
    if (!page.length) return built;
    after = page.at(-1)!._id;
    const current = new Set(
      (
        await graduateOutcomeModel(deps.connection)
          .find({ _id: { $in: page.map((s) => s._id) }, version: GRADUATE_RECORD_VERSION }, { _id: 1 })
          .lean()
      ).map((r) => String(r._id)),
    );
    const stale = page.filter((s) => !current.has(String(s._id)));
    await writeSummaries(deps, await summariesOf(deps, stale, null), null);
    built += stale.length;
  }
}

/** The summaries a filter reaches (the caller resolved the region to schools). */
export interface SummaryFilter {
  /** Graduated at this date or earlier. */
  at: Date;
  schoolIds?: readonly Types.ObjectId[] | null;
  trades?: readonly Trade[] | null;
  cohort?: number | null;
}

function matchOf(filter: SummaryFilter): Record<string, unknown> {
  return {
    ...(filter.schoolIds ? { schoolId: { $in: [...filter.schoolIds] } } : {}),
    graduationDate: { $lte: filter.at },
    ...(filter.trades?.length ? { trade: { $in: [...filter.trades] } } : {}),
    ...(filter.cohort != null ? { cohort: filter.cohort } : {}),
  };
}

// Summing every summary costs a pass over all graduates (about 2 s at 50,000 on the embedded engine); dashboards
// read far more often than outcomes change. So each instance keeps the summed cells per filter and, on every
// request, asks the database whether any summary changed since: the highest `rev` (a new ObjectId at each write,
// by index) and the count (a removed summary). Unchanged: the same cells a new sum would give. A graduation date
// passing adds a graduate without any write: an entry holds only until the next graduation date after the instant
// it was summed at. Two writes committing out of their ObjectIds' order (two instances, skewed clocks) could hide
// the later one: entries also expire after CELLS_TTL_MS, which bounds that.
const CELLS_TTL_MS = 30_000;
interface CachedCells {
  stamp: string;
  /** Valid for `at` in [from, until). */
  from: number;
  until: number;
  cells: OutcomeCell[];
}
const cellsCache = new LRUCache<string, CachedCells>({ max: 500, ttl: CELLS_TTL_MS });

/** What changes whenever a summary is written or removed (two small reads, whatever the number of graduates). */
async function summariesStamp(deps: Deps): Promise<string> {
  const Summary = graduateOutcomeModel(deps.connection);
  const [latest, count] = await Promise.all([
    Summary.findOne({}, { rev: 1 }).sort({ rev: -1 }).lean(),
    Summary.estimatedDocumentCount(),
  ]);
  return `${latest?.rev ? String(latest.rev) : '-'}:${count}`;
}

/**
 * The cells (school × trade × cohort sums, shared OutcomeCell) of the graduates a filter reaches: one aggregation
 * over the summaries (the database sums the stored 0/1 facts and returns only the values the medians need), or
 * the same cells from this instance's cache when no summary changed since (see above).
 */
export async function outcomeCells(deps: Deps, filter: SummaryFilter): Promise<OutcomeCell[]> {
  // The stamp is read before summing: a write landing during the sum changes it, so the next request sums again.
  const stamp = await summariesStamp(deps);
  const key = `${deps.connection.id}|${JSON.stringify({
    s: filter.schoolIds?.map(String).sort() ?? null,
    t: filter.trades ? [...filter.trades].sort() : null,
    c: filter.cohort ?? null,
  })}`;
  const at = filter.at.getTime();
  const cached = cellsCache.get(key);
  if (cached && cached.stamp === stamp && cached.from <= at && at < cached.until) return cached.cells;
  const [cells, next] = await Promise.all([
    sumCells(deps, filter),
    graduateOutcomeModel(deps.connection)
      .findOne({ graduationDate: { $gt: filter.at } }, { graduationDate: 1 })
      .sort({ graduationDate: 1 })
      .lean(),
  ]);
  cellsCache.set(key, { stamp, from: at, until: next ? next.graduationDate.getTime() : Infinity, cells });
  return cells;
}

async function sumCells(deps: Deps, filter: SummaryFilter): Promise<OutcomeCell[]> {
  const rows = await graduateOutcomeModel(deps.connection).aggregate<{
    _id: { s: Types.ObjectId; t: Trade | null; c: number };
    graduates: number;
    examResults: number;
    examPassed: number;
    outcomesRecorded: number;
    positive: number;
    continuing: number;
    employedWithinTwoMonths: number;
    daysToHire: (number | null)[];
    ledgerEntries: number[];
  }>([
    { $match: matchOf(filter) },
    {
      $group: {
        _id: { s: '$schoolId', t: '$trade', c: '$cohort' },
        graduates: { $sum: 1 },
        examResults: { $sum: '$examResult' },
        examPassed: { $sum: '$examPassed' },
        outcomesRecorded: { $sum: '$outcomeRecorded' },
        positive: { $sum: '$positive' },
        continuing: { $sum: '$continuing' },
        employedWithinTwoMonths: { $sum: '$employedWithinTwoMonths' },
        daysToHire: { $push: '$daysToHire' },
        ledgerEntries: { $push: '$ledgerEntries' },
      },
    },
  ]);
  return rows.map(({ _id, daysToHire, ...sums }) => ({
    ...sums,
    schoolId: String(_id.s),
    trade: _id.t ?? null,
    cohort: _id.c,
    daysToHire: daysToHire.filter((d): d is number => typeof d === 'number'),
  }));
}

/** The summaries of a school's graduates (the list behind its figures). */
export function schoolGraduateOutcomes(deps: Deps, schoolId: Types.ObjectId, at: Date, cohort: number | null) {
  return graduateOutcomeModel(deps.connection)
    .find(matchOf({ at, schoolIds: [schoolId], cohort }))
    .lean<GraduateOutcome[]>();
}
