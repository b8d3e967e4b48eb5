import {
  CONTRACT_TYPES,
  DAY_MS,
  OUTCOME_REFERENCE,
  referenceValue,
  type ContractType,
  type ExitOutcome,
} from '@promesse/shared';
import type { Types } from 'mongoose';
import type { DataDeps } from '../../core/deps';
import { refreshGraduateOutcomes } from './outcome.records';
import { examResultModel, exitOutcomeModel, ledgerEntryModel } from './outcome.model';

// Demo and benchmark cohorts: outcomes drawn at random AROUND the network's headline figures (never copied from
// them), so the dashboards show believable numbers that they computed themselves.

export interface Random {
  next(): number;
}

/** A school's own rates for a cohort, drawn around the network's figures. */
export interface CohortRates {
  exam: number;
  employed: number;
  apprenticeship: number;
  furtherStudies: number;
  /** Share of graduates whose outcome the school has not recorded yet. */
  missing: number;
  promisesMean: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Uniform noise in [-spread, spread]. */
const noise = (rand: Random, spread: number) => (rand.next() * 2 - 1) * spread;

export function drawCohortRates(rand: Random): CohortRates {
  const exam = OUTCOME_REFERENCE.examSuccessRate;
  const employed = clamp(referenceValue('employedWithinTwoMonthsRate') + noise(rand, 0.08), 0.35, 0.75);
  const missing = clamp(0.02 + noise(rand, 0.02), 0, 0.05);
  // Nearly everyone else continues (the network reports 100 % positive): a few SEEKING or OTHER remain.
  const continuing = clamp(1 - employed - missing - Math.abs(noise(rand, 0.04)), 0, 1);
  const apprenticeshipShare = 0.75 + noise(rand, 0.1);
  return {
    exam: clamp(exam.low + rand.next() * (exam.high - exam.low) + noise(rand, 0.02), 0.8, 0.99),
    employed,
    apprenticeship: continuing * apprenticeshipShare,
    furtherStudies: continuing * (1 - apprenticeshipShare),
    missing,
    promisesMean: clamp(referenceValue('promisesPerGraduate') + noise(rand, 1), 3, 8),
  };
}

export interface DrawnGraduate {
  /** null: no outcome recorded. */
  outcome: ExitOutcome | null;
  contractType?: ContractType;
  /** For EMPLOYED: a start mostly within two months of graduation, sometimes later. */
  startDate?: Date;
  examPassed: boolean;
  /** Off-platform promises received. */
  promises: number;
}

/** Poisson(mean) by inversion (small means). */
function poisson(rand: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand.next();
  while (p > limit) {
    k++;
    p *= rand.next();
  }
  return k;
}

export function drawGraduate(rand: Random, rates: CohortRates, graduationDate: Date): DrawnGraduate {
  const examPassed = rand.next() < rates.exam;
  const promises = poisson(rand, rates.promisesMean);
  const u = rand.next();
  if (u < rates.missing) return { outcome: null, examPassed, promises };
  let cut = rates.missing + rates.employed;
  if (u < cut) {
    // Nearly all start within the two months; a few later (they count as employed, not within two months).
    const days = rand.next() < 0.96 ? Math.floor(rand.next() * 61) : 61 + Math.floor(rand.next() * 120);
    const contracts = CONTRACT_TYPES.filter((c) => c !== 'APPRENTICESHIP');
    return {
      outcome: 'EMPLOYED',
      contractType: rand.next() < 0.7 ? 'CDI' : contracts[Math.floor(rand.next() * contracts.length)]!,
      startDate: new Date(graduationDate.getTime() + days * DAY_MS),
      examPassed,
      promises,
    };
  }
  cut += rates.apprenticeship;
  if (u < cut) return { outcome: 'APPRENTICESHIP', examPassed, promises };
  cut += rates.furtherStudies;
  if (u < cut) return { outcome: 'FURTHER_STUDIES', examPassed, promises };
  return { outcome: rand.next() < 0.7 ? 'SEEKING' : 'OTHER', examPassed, promises };
}

export interface DrawnFor extends DrawnGraduate {
  studentId: Types.ObjectId;
  schoolId: Types.ObjectId;
  graduationDate: Date;
}

const COMPANY_NAMES = ['Atelier Durand', 'Mécanique Perrin', 'SAS Lefort', 'Garage du Centre', 'Métallerie Vidal'];

/**
 * Bulk writes of drawn records for synthetic data sets (`npm run seed:large`, benchmarks: tens of thousands of
 * graduates, where one use case per record would take minutes). The documents have the exact shapes the use cases
 * write (source STAFF, recordedBy null: "imported").
 */
export async function insertDrawnOutcomes(
  deps: Pick<DataDeps, 'connection'>,
  drawn: readonly DrawnFor[],
  rand: Random,
  batchSize = 2000,
): Promise<{ outcomes: number; exams: number; ledger: number }> {
  const outcomes: Record<string, unknown>[] = [];
  const exams: Record<string, unknown>[] = [];
  const ledger: Record<string, unknown>[] = [];
  const name = () => COMPANY_NAMES[Math.floor(rand.next() * COMPANY_NAMES.length)]!;
  for (const d of drawn) {
    const recordedAt = new Date(d.graduationDate.getTime() + 30 * DAY_MS);
    const base = { studentId: d.studentId, schoolId: d.schoolId, recordedBy: null };
    exams.push({ ...base, diploma: 'CAP', passed: d.examPassed, recordedAt: d.graduationDate });
    if (d.outcome) {
      outcomes.push({
        ...base,
        outcome: d.outcome,
        source: 'STAFF',
        recordedAt,
        ...(d.outcome === 'EMPLOYED'
          ? { companyName: name(), contractType: d.contractType, startDate: d.startDate }
          : {}),
      });
    }
    for (let p = 0; p < d.promises; p++) {
      const date = new Date(d.graduationDate.getTime() - Math.floor(rand.next() * 120) * DAY_MS);
      ledger.push({ ...base, source: 'OFF_PLATFORM', companyName: name(), date, createdAt: date, updatedAt: date });
    }
  }
  const write = async (
    model: { insertMany(docs: Record<string, unknown>[], o: object): Promise<unknown> },
    docs: Record<string, unknown>[],
  ) => {
    for (let i = 0; i < docs.length; i += batchSize)
      await model.insertMany(docs.slice(i, i + batchSize), { ordered: false });
  };
  await write(exitOutcomeModel(deps.connection), outcomes);
  await write(examResultModel(deps.connection), exams);
  await write(ledgerEntryModel(deps.connection), ledger);
  for (let i = 0; i < drawn.length; i += batchSize) {
    await refreshGraduateOutcomes(
      deps,
      drawn.slice(i, i + batchSize).map((d) => d.studentId),
    );
  }
  return { outcomes: outcomes.length, exams: exams.length, ledger: ledger.length };
}

export interface OffPlatformPromise {
  studentId: Types.ObjectId;
  schoolId: Types.ObjectId;
  companyName: string;
  date: Date;
}

/** Off-platform promises in one bulk write, in the shape recordOffPlatformPromise writes (recordedBy null: imported). */
export async function insertOffPlatformPromises(
  deps: Pick<DataDeps, 'connection'>,
  promises: readonly OffPlatformPromise[],
): Promise<void> {
  if (!promises.length) return;
  await ledgerEntryModel(deps.connection).insertMany(
    promises.map((p) => ({ ...p, source: 'OFF_PLATFORM', recordedBy: null, createdAt: p.date, updatedAt: p.date })),
    { ordered: false },
  );
  const students = [...new Map(promises.map((p) => [String(p.studentId), p.studentId])).values()];
  for (let i = 0; i < students.length; i += 1000) await refreshGraduateOutcomes(deps, students.slice(i, i + 1000));
}
