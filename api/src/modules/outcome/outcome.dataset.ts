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
 * How long a loaded dataset answers as it is. Writes of this module drop it at once (a school sees its own record in
 * its figures immediately); what other processes or modules change (a graduation date edited) shows within this
 * time plus one load.
 */
export const OUTCOME_DATASET_TTL_MS = 10_000;

/**
 * Past OUTCOME_DATASET_TTL_MS and up to this age, a loaded dataset still answers while the next one loads in the
 * background (one load at a time): at 50,000 graduates a load takes seconds, and callers no longer wait for it every
 * ten seconds. Older than this, callers wait for a fresh load.
 */
export const OUTCOME_DATASET_STALE_MS = 60_000;

interface Cached {
  at: number;
  dataset: Promise<OutcomeDataset>;
  /** The dataset has loaded (a stale one may answer only then). */
  loaded: boolean;
  refreshing: boolean;
}

const cache = new WeakMap<Connection, Cached>();
/** Bumped by every invalidation: a background load started before a write never replaces what the write dropped. */
const generations = new WeakMap<Connection, number>();

/** Drops the loaded dataset: the next figures are computed from the database again. */
export function invalidateOutcomeDataset(connection: Connection): void {
  generations.set(connection, (generations.get(connection) ?? 0) + 1);
  cache.delete(connection);
}

function startLoad(deps: DataDeps, now: number): Cached {
  const entry: Cached = { at: now, dataset: loadDataset(deps), loaded: false, refreshing: false };
  entry.dataset.then(
    () => {
      entry.loaded = true;
    },
    // A failed load must not stick.
    () => {
      if (cache.get(deps.connection) === entry) cache.delete(deps.connection);
    },
  );
  return entry;
}

/**
 * The per-graduate records every figure is computed from (shared computeOutcomeStats), read in five queries and
 * kept for OUTCOME_DATASET_TTL_MS: a dashboard costs one pass over memory, not a scan of four collections.
 */
export function outcomeDataset(deps: DataDeps): Promise<OutcomeDataset> {
  const now = deps.clock.now().getTime();
  const cached = cache.get(deps.connection);
  if (cached && now >= cached.at) {
    const age = now - cached.at;
    if (age < OUTCOME_DATASET_TTL_MS) return cached.dataset;
    if (age < OUTCOME_DATASET_STALE_MS && cached.loaded) {
      if (!cached.refreshing) refreshInBackground(deps, cached, now);
      return cached.dataset;
    }
  }
  const entry = startLoad(deps, now);
  cache.set(deps.connection, entry);
  return entry.dataset;
}

function refreshInBackground(deps: DataDeps, stale: Cached, now: number): void {
  stale.refreshing = true;
  const generation = generations.get(deps.connection) ?? 0;
  const next = startLoad(deps, now);
  next.dataset.then(
    () => {
      // Installed only if nothing was written (invalidated) or loaded meanwhile.
      if ((generations.get(deps.connection) ?? 0) === generation && cache.get(deps.connection) === stale) {
        cache.set(deps.connection, next);
      }
    },
    () => {
      stale.refreshing = false;
    },
  );
}

async function loadDataset(deps: DataDeps): Promise<OutcomeDataset> {
  const at = deps.clock.now();
  const graduates = await graduatesAt(deps, at);
  // Every read is a plain scan returned in batches (each getMore its own command): no sort or group in the engine,
  // whose per-command time budget a 50,000-graduate network outgrew. The latest record of each student is picked
  // here: greatest recordedAt, on a tie the later insert (greater _id), as latestRecord() does.
  const outcomes = await exitOutcomeModel(deps.connection).find({}).lean<LatestOutcome[]>();
  const exams = await examResultModel(deps.connection).find({}).lean<LatestExam[]>();
  const ledger = await ledgerEntryModel(deps.connection)
    .find({}, { _id: 0, studentId: 1 })
    .lean<{ studentId: unknown }[]>();
  const cities = await schoolCities(deps);

  const latestOutcome = latestByStudent(outcomes);
  const latestExam = latestByStudent(exams);
  const ledgerCount = new Map<string, number>();
  for (const l of ledger) {
    const id = String(l.studentId);
    ledgerCount.set(id, (ledgerCount.get(id) ?? 0) + 1);
  }
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

/** Each student's latest record: greatest recordedAt, on a tie the greater _id (the later insert). */
function latestByStudent<T extends { studentId: unknown; recordedAt: Date; _id: Types.ObjectId }>(
  records: readonly T[],
): Map<string, T> {
  const latest = new Map<string, T>();
  for (const r of records) {
    const id = String(r.studentId);
    const current = latest.get(id);
    const later =
      !current ||
      r.recordedAt.getTime() > current.recordedAt.getTime() ||
      (r.recordedAt.getTime() === current.recordedAt.getTime() && String(r._id) > String(current._id));
    if (later) latest.set(id, r);
  }
  return latest;
}
