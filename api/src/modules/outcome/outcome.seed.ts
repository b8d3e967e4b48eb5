import {
  CONTRACT_TYPES,
  DAY_MS,
  OUTCOME_REFERENCE,
  referenceValue,
  type ContractType,
  type ExitOutcome,
} from '@promesse/shared';

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
