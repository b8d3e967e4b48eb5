import type { Connection, Types } from 'mongoose';
import type { GraduateOutcomeRecord } from '@promesse/shared';
import type { DataDeps } from '../../core/deps';
import { regionOfTown } from '../place/place.queries';
import { schoolCities } from '../school/school.queries';
import { graduatesAt } from '../student/student.queries';
import {
  examResultModel,
  exitOutcomeModel,
  ledgerEntryModel,
  type ExamResult,
  type ExitOutcomeRecord,
} from './outcome.model';

/** A graduate as the figures see them, with what the school's lists show. */
export interface GraduateRow extends GraduateOutcomeRecord {
  studentId: string;
  latestOutcome: LatestOutcome | null;
  latestExam: LatestExam | null;
}

export type LatestOutcome = ExitOutcomeRecord & { _id: Types.ObjectId };
export type LatestExam = ExamResult & { _id: Types.ObjectId };

export interface OutcomeDataset {
  /** Every graduate of the network. */
  rows: GraduateRow[];
  /** The same rows per school id (a school's figures never scan the network). */
  bySchool: Map<string, GraduateRow[]>;
  /** Region of a school (read on first use: the INSEE lists take a second to parse, once per process). */
  regionOf(schoolId: string): string | null;
  /** `deps.clock` time of the load. */
  at: Date;
}

/**
 * How long a loaded dataset answers. Writes of this module drop it at once (a school sees its own record in its
 * figures immediately); what other processes or modules change (a graduation date edited) shows within this time.
 */
export const OUTCOME_DATASET_TTL_MS = 10_000;

const cache = new WeakMap<Connection, { at: number; dataset: Promise<OutcomeDataset> }>();

/** Drops the loaded dataset: the next figures are computed from the database again. */
export function invalidateOutcomeDataset(connection: Connection): void {
  cache.delete(connection);
}

/**
 * The per-graduate records every figure is computed from (shared computeOutcomeStats), read in five queries and
 * kept for OUTCOME_DATASET_TTL_MS: a dashboard costs one pass over memory, not a scan of four collections.
 */
export function outcomeDataset(deps: DataDeps): Promise<OutcomeDataset> {
  const now = deps.clock.now().getTime();
  const cached = cache.get(deps.connection);
  if (cached && now >= cached.at && now - cached.at < OUTCOME_DATASET_TTL_MS) return cached.dataset;
  const dataset = loadDataset(deps);
  cache.set(deps.connection, { at: now, dataset });
  // A failed load must not stick.
  dataset.catch(() => {
    if (cache.get(deps.connection)?.dataset === dataset) cache.delete(deps.connection);
  });
  return dataset;
}

async function loadDataset(deps: DataDeps): Promise<OutcomeDataset> {
  const at = deps.clock.now();
  const graduates = await graduatesAt(deps, at);
  // Oldest first, so the last record seen for a student is their latest (a tie: the later insert).
  const outcomes = await exitOutcomeModel(deps.connection)
    .find({})
    .sort({ recordedAt: 1, _id: 1 })
    .lean<LatestOutcome[]>();
  const exams = await examResultModel(deps.connection).find({}).sort({ recordedAt: 1, _id: 1 }).lean<LatestExam[]>();
  const ledger = await ledgerEntryModel(deps.connection).aggregate<{ _id: unknown; n: number }>([
    { $group: { _id: '$studentId', n: { $sum: 1 } } },
  ]);
  const cities = await schoolCities(deps);

  const latestOutcome = new Map<string, LatestOutcome>();
  for (const o of outcomes) latestOutcome.set(String(o.studentId), o);
  const latestExam = new Map<string, LatestExam>();
  for (const e of exams) latestExam.set(String(e.studentId), e);
  const ledgerCount = new Map(ledger.map((l) => [String(l._id), l.n]));
  const regions = new Map<string, string | null>();
  const regionOf = (schoolId: string) => {
    if (!regions.has(schoolId)) regions.set(schoolId, regionOfTown(cities.get(schoolId) ?? ''));
    return regions.get(schoolId) ?? null;
  };

  const rows: GraduateRow[] = [];
  const bySchool = new Map<string, GraduateRow[]>();
  for (const g of graduates) {
    const studentId = String(g._id);
    const schoolId = String(g.schoolId);
    const outcome = latestOutcome.get(studentId) ?? null;
    const exam = latestExam.get(studentId) ?? null;
    const row: GraduateRow = {
      studentId,
      schoolId,
      trade: g.trade ?? null,
      graduationDate: g.graduationDate,
      outcome: outcome && { outcome: outcome.outcome, startDate: outcome.startDate ?? null },
      examPassed: exam ? exam.passed : null,
      ledgerEntries: ledgerCount.get(studentId) ?? 0,
      latestOutcome: outcome,
      latestExam: exam,
    };
    rows.push(row);
    let list = bySchool.get(schoolId);
    if (!list) bySchool.set(schoolId, (list = []));
    list.push(row);
  }
  return { rows, bySchool, regionOf, at };
}
