import type { AnyBulkWriteOperation, ClientSession, PipelineStage, Types } from 'mongoose';
import { graduateOutcomeFacts, type CellSums, type ExitOutcome, type OutcomeCell, type Trade } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { inTransaction } from '../../core/transactions';
import { graduationFactsOf, type GraduateFacts } from '../student/student.queries';
import {
  examResultModel,
  exitOutcomeModel,
  graduateOutcomeModel,
  ledgerEntryModel,
  outcomeCellModel,
  outcomeCellsStateModel,
  type ExamResult,
  type ExitOutcomeRecord,
  type GraduateOutcome,
} from './outcome.model';

// The per-graduate summaries (graduateOutcomeModel) and their sums per school, trade and graduation date, the cells
// (outcomeCellModel) every figure reads. A summary is only ever recomputed from the student and their records
// (refreshGraduateOutcomes), never edited: every write that changes a fact calls it for the graduates concerned, in
// its own transaction, and the cells move by the difference in that same transaction. So a query costs a read of
// a few cells whatever the number of graduates, and reads a committed state where records, summaries and cells
// agree.

type Deps = Pick<DataDeps, 'connection'>;
type Summary = GraduateOutcome & { _id: Types.ObjectId };

export type LatestOutcome = ExitOutcomeRecord & { _id: Types.ObjectId };
export type LatestExam = ExamResult & { _id: Types.ObjectId };

/** Bump when the shape or the shared definitions behind the stored facts change: the start-up backfill rebuilds. */
export const GRADUATE_RECORD_VERSION = 2;
/** Bump when the shape of the cells changes: the start-up rebuilds them from the summaries. */
export const OUTCOME_CELLS_VERSION = 1;

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
): Promise<Summary[]> {
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
 * Recomputes the summaries of these students from their profile and records, and moves the cells by the
 * difference, in the caller's transaction (a student without a graduation date has no summary). Without a session
 * (seeds, one page after another) the three writes are not atomic: callers must not run concurrently.
 */
export async function refreshGraduateOutcomes(
  deps: Deps,
  studentIds: readonly Types.ObjectId[],
  session: ClientSession | null = null,
): Promise<void> {
  if (!studentIds.length) return;
  const students = await graduationFactsOf(deps, { ids: studentIds }, session);
  const summaries = await summariesOf(deps, students, session);
  const Summary = graduateOutcomeModel(deps.connection);
  const before = await Summary.find({ _id: { $in: [...studentIds] } })
    .session(session)
    .lean<Summary[]>();
  await writeSummaries(deps, summaries, session);
  const dated = new Set(students.map((s) => String(s._id)));
  const undated = before.filter((s) => !dated.has(String(s._id)));
  if (undated.length)
    await Summary.deleteMany({ _id: { $in: undated.map((s) => s._id) } }, { session: session ?? undefined });
  await moveCells(deps, before, summaries, session);
}

function writeSummaries(deps: Deps, summaries: Summary[], session: ClientSession | null) {
  if (!summaries.length) return;
  return graduateOutcomeModel(deps.connection).bulkWrite(
    summaries.map((s) => ({ replaceOne: { filter: { _id: s._id }, replacement: s, upsert: true } })),
    { session: session ?? undefined, ordered: false },
  );
}

/** Adds a summary to the increments of its cell (`sign` -1: takes it away). */
function addTo(inc: Record<string, number>, s: Summary, sign: 1 | -1): void {
  const add = (field: string, n: number) => (inc[field] = (inc[field] ?? 0) + sign * n);
  add('graduates', 1);
  add('examResults', s.examResult);
  add('examPassed', s.examPassed);
  add('outcomesRecorded', s.outcomeRecorded);
  add('positive', s.positive);
  add('continuing', s.continuing);
  add('employedWithinTwoMonths', s.employedWithinTwoMonths);
  // Integers (whole days, possibly negative; entry counts): valid field names, no dot, no leading $.
  if (s.daysToHire !== null && s.daysToHire !== undefined) add(`daysToHire.${s.daysToHire}`, 1);
  add(`ledgerEntries.${s.ledgerEntries}`, 1);
}

/** Takes `before` out of the cells and puts `after` in: one $inc upsert per cell that changes. */
async function moveCells(deps: Deps, before: Summary[], after: Summary[], session: ClientSession | null) {
  const moves = new Map<string, { cell: Summary; inc: Record<string, number> }>();
  const move = (s: Summary, sign: 1 | -1) => {
    const key = `${String(s.schoolId)}|${s.trade}|${s.graduationDate.getTime()}`;
    if (!moves.has(key)) moves.set(key, { cell: s, inc: {} });
    addTo(moves.get(key)!.inc, s, sign);
  };
  for (const s of before) move(s, -1);
  for (const s of after) move(s, 1);
  const ops: AnyBulkWriteOperation[] = [];
  for (const { cell, inc } of moves.values()) {
    // A summary rewritten unchanged (most refreshes) moves nothing. The sums are always named (a new cell has them
    // all), the histograms only by the values that move.
    if (Object.values(inc).every((n) => n === 0)) continue;
    const $inc = Object.fromEntries(Object.entries(inc).filter(([field, n]) => n !== 0 || !field.includes('.')));
    const keys = { schoolId: cell.schoolId, trade: cell.trade ?? null, graduationDate: cell.graduationDate };
    ops.push({ updateOne: { filter: keys, update: { $inc, $setOnInsert: { cohort: cell.cohort } }, upsert: true } });
  }
  if (ops.length)
    await outcomeCellModel(deps.connection).bulkWrite(ops, { session: session ?? undefined, ordered: false });
}

/**
 * One-off at start-up, idempotent: every student with a graduation date whose summary is missing or of an older
 * GRADUATE_RECORD_VERSION gets it, in pages of `batch` students. Returns how many were built. The cells do not
 * follow (an outdated summary is no sound base for a difference): when any was built, rebuild them
 * (ensureOutcomeCells).
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

/**
 * At start-up, after backfillGraduateOutcomes: rebuilds every cell from the summaries when they were built by
 * another OUTCOME_CELLS_VERSION (or never) or when `rebuild` (the backfill built summaries). Returns the number of
 * cells rebuilt, null when they were current.
 */
export async function ensureOutcomeCells(deps: Deps, { rebuild = false } = {}): Promise<number | null> {
  const state = await outcomeCellsStateModel(deps.connection).findById('cells').lean();
  if (!rebuild && state?.version === OUTCOME_CELLS_VERSION) return null;
  return rebuildOutcomeCells(deps);
}

/**
 * Replaces every cell by the sums of the summaries, in one transaction: the sum reads the snapshot the replacement
 * commits on, and a summary write committing meanwhile moves a cell this deletes or inserts, a write conflict that
 * makes one of the two transactions retry. A write without a session (a seed) must not run at the same time.
 */
export function rebuildOutcomeCells(deps: Deps): Promise<number> {
  return inTransaction(deps, async (session) => {
    const rows = await graduateOutcomeModel(deps.connection)
      .aggregate<
        Omit<CellSums, 'daysToHire' | 'ledgerEntries'> & {
          _id: { s: Types.ObjectId; t: Trade | null; d: Date };
          cohort: number;
          daysToHire: (number | null)[];
          ledgerEntries: number[];
        }
      >([
        {
          $group: {
            _id: { s: '$schoolId', t: '$trade', d: '$graduationDate' },
            cohort: { $first: '$cohort' },
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
      ])
      .session(session);
    const histogram = (values: (number | null)[]) => {
      const counts: Record<string, number> = {};
      for (const v of values) if (typeof v === 'number') counts[v] = (counts[v] ?? 0) + 1;
      return counts;
    };
    const Cell = outcomeCellModel(deps.connection);
    await Cell.deleteMany({}, { session });
    await Cell.insertMany(
      rows.map(({ _id, daysToHire, ledgerEntries, ...sums }) => ({
        schoolId: _id.s,
        trade: _id.t ?? null,
        graduationDate: _id.d,
        ...sums,
        daysToHire: histogram(daysToHire),
        ledgerEntries: histogram(ledgerEntries),
      })),
      { session },
    );
    await outcomeCellsStateModel(deps.connection).updateOne(
      { _id: 'cells' },
      { $set: { version: OUTCOME_CELLS_VERSION } },
      { upsert: true, session },
    );
    return rows.length;
  });
}

/** The summaries (or cells) a filter reaches (the caller resolved the region to schools). */
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

/** The cells (shared OutcomeCell, one per school × trade × graduation date) of the graduates a filter reaches. */
export async function outcomeCells(deps: Deps, filter: SummaryFilter): Promise<OutcomeCell[]> {
  const cells = await outcomeCellModel(deps.connection)
    .find({ ...matchOf(filter), graduates: { $gt: 0 } }, { _id: 0, graduationDate: 0 })
    .lean();
  return cells.map((c) => ({
    ...c,
    schoolId: String(c.schoolId),
    trade: (c.trade ?? null) as Trade | null,
    daysToHire: (c.daysToHire ?? {}) as Record<string, number>,
    ledgerEntries: (c.ledgerEntries ?? {}) as Record<string, number>,
  }));
}

/** The summaries of a school's graduates (the list behind its figures). */
export function schoolGraduateOutcomes(deps: Deps, schoolId: Types.ObjectId, at: Date, cohort: number | null) {
  return graduateOutcomeModel(deps.connection)
    .find(matchOf({ at, schoolIds: [schoolId], cohort }))
    .lean<GraduateOutcome[]>();
}
