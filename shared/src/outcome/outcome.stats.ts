import { TRADES, type Trade } from '../common/common.enums';
import { DAY_MS } from '../common/common.schemas';
import type { ExitOutcome } from './outcome.enums';
import type { OutcomeFilter } from './outcome.schemas';

/*
 * DEFINITIONS (CONTRACT.md, Outcomes; the README repeats them). Every figure is computed here from the records;
 * none is ever stored.
 *
 * - Graduate: a student whose graduation date has passed (the API selects them). Cohort: the graduates whose
 *   graduation date falls in one calendar year (UTC).
 * - A graduate's exit outcome is the LATEST record of their history (a correction is a new record); their exam
 *   result likewise. No record = no outcome.
 * - Denominator: every rate is over the group's graduates, those without a recorded outcome included (they count
 *   as not positive), except `examSuccessRate`, which is over the graduates with a recorded exam result.
 * - Employed within two months: outcome EMPLOYED with a start date at most 60 days after the graduation date
 *   (day 60 counts, day 61 does not; a start before graduation counts).
 * - Continuing: APPRENTICESHIP or FURTHER_STUDIES. Positive: EMPLOYED (any start date) or continuing.
 * - Days to hire: start date of the EMPLOYED outcome minus graduation date, in whole UTC days; its median is
 *   over the group's EMPLOYED graduates with a start date.
 * - Promises per graduate: ledger entries (offers made in the app, once per application, plus promises received
 *   off the platform that staff recorded) over the group's graduates: `mean` = entries / graduates, `median` =
 *   median of the per-graduate counts (graduates with none count as 0).
 * - Median of an even number of values: the mean of the two middle ones.
 * - Suppression (minors): outside a graduate's own school, a group of fewer than 10 graduates shows no figure but
 *   its size: every rate, mean and median is null and `suppressed` is true. A group made only of the viewer's own
 *   school's graduates is never suppressed. An empty group has every figure null (nothing to divide by).
 */

/** Employed within two months: a start at most this many days after the graduation date. */
export const EMPLOYED_WITHIN_DAYS = 60;
/** Groups smaller than this are suppressed outside the graduates' own school. */
export const SUPPRESSION_MIN_GRADUATES = 10;
/** A graduate without an outcome this many days after graduation is flagged to their school. */
export const OUTCOME_REMINDER_AFTER_DAYS = 60;

/** What the statistics need of one graduate (built by the API from the student and their records). */
export interface GraduateOutcomeRecord {
  schoolId: string;
  /** Null when the profile names no trade: the graduate counts everywhere but in `byTrade`. */
  trade: Trade | null;
  graduationDate: Date;
  region?: string | null;
  /** The latest exit-outcome record (see `latestRecord`), null when none was recorded. */
  outcome: { outcome: ExitOutcome; startDate?: Date | null } | null;
  /** The latest exam result: passed or not; null when none was recorded. */
  examPassed: boolean | null;
  /** Number of entries of the graduate's promise ledger. */
  ledgerEntries: number;
}

export interface OutcomeStatsOptions {
  filter?: OutcomeFilter | null;
  /** The school of the viewer (school staff): groups made only of its graduates are never suppressed. */
  viewerSchoolId?: string | null;
  /** Defaults to SUPPRESSION_MIN_GRADUATES. */
  minGroupSize?: number;
}

export interface PromisesPerGraduate {
  mean: number | null;
  median: number | null;
}

/** The figures of one group of graduates. Rates are in [0, 1]; null when the group is suppressed or empty. */
export interface OutcomeFigures {
  graduates: number;
  /** True when the group has fewer than 10 graduates and is seen from outside their school. */
  suppressed: boolean;
  /** Denominator of `examSuccessRate`: graduates with a recorded exam result. */
  examResults: number;
  /** Graduates with a recorded exit outcome (the others count as not positive). */
  outcomesRecorded: number;
  examSuccessRate: number | null;
  positiveOutcomeRate: number | null;
  employedWithinTwoMonthsRate: number | null;
  continuingStudiesRate: number | null;
  promisesPerGraduate: PromisesPerGraduate;
  medianDaysToHire: number | null;
}

export interface OutcomeStats extends OutcomeFigures {
  /** One entry per school with graduates in the filter, ordered by school id. */
  bySchool: (OutcomeFigures & { schoolId: string })[];
  /** One entry per trade with graduates, in TRADES order. */
  byTrade: (OutcomeFigures & { trade: Trade })[];
  /** One entry per graduation year with graduates, oldest first. */
  byCohort: (OutcomeFigures & { cohort: number })[];
}

/** Whole UTC days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor(to.getTime() / DAY_MS) - Math.floor(from.getTime() / DAY_MS);
}

/** The graduation year a graduate belongs to. */
export function cohortOf(graduationDate: Date): number {
  return graduationDate.getUTCFullYear();
}

/** The latest of a history (greatest `recordedAt`; on a tie, the one recorded last in the array). */
export function latestRecord<T extends { recordedAt: Date }>(history: readonly T[]): T | null {
  let latest: T | null = null;
  for (const r of history) if (!latest || r.recordedAt.getTime() >= latest.recordedAt.getTime()) latest = r;
  return latest;
}

/** A graduate whose outcome is still missing `OUTCOME_REMINDER_AFTER_DAYS` days after graduation. */
export function isOutcomeOverdue(graduationDate: Date, hasOutcome: boolean, now: Date): boolean {
  return !hasOutcome && daysBetween(graduationDate, now) > OUTCOME_REMINDER_AFTER_DAYS;
}

/** How one graduate counts, by the definitions above. */
export interface GraduateClassification {
  positive: boolean;
  continuing: boolean;
  employed: boolean;
  employedWithinTwoMonths: boolean;
  /** Days from graduation to the start of the EMPLOYED outcome; null when not employed or no start date. */
  daysToHire: number | null;
}

export function classifyGraduate(
  record: Pick<GraduateOutcomeRecord, 'graduationDate' | 'outcome'>,
): GraduateClassification {
  const outcome = record.outcome?.outcome;
  const employed = outcome === 'EMPLOYED';
  const continuing = outcome === 'APPRENTICESHIP' || outcome === 'FURTHER_STUDIES';
  const start = employed ? record.outcome?.startDate : null;
  const daysToHire = start ? daysBetween(record.graduationDate, start) : null;
  return {
    positive: employed || continuing,
    continuing,
    employed,
    employedWithinTwoMonths: daysToHire !== null && daysToHire <= EMPLOYED_WITHIN_DAYS,
    daysToHire,
  };
}

/** Running sums of one group; figures are derived once, at the end. */
class GroupAccumulator {
  graduates = 0;
  own = 0;
  examResults = 0;
  examPassed = 0;
  outcomesRecorded = 0;
  positive = 0;
  continuing = 0;
  employedWithinTwoMonths = 0;
  ledgerEntries = 0;
  /** Graduates per number of ledger entries. */
  readonly ledgerHistogram = new Map<number, number>();
  /** EMPLOYED graduates with a start date per days to hire (negative: started before graduating). */
  readonly daysToHire = new Map<number, number>();
  hired = 0;

  /** A cell of graduates already summed (see OutcomeCell): the same sums as adding each of them. */
  addCell(cell: OutcomeCell, own: boolean): void {
    this.graduates += cell.graduates;
    if (own) this.own += cell.graduates;
    this.examResults += cell.examResults;
    this.examPassed += cell.examPassed;
    this.outcomesRecorded += cell.outcomesRecorded;
    this.positive += cell.positive;
    this.continuing += cell.continuing;
    this.employedWithinTwoMonths += cell.employedWithinTwoMonths;
    for (const [days, count] of Object.entries(cell.daysToHire)) this.hire(Number(days), count);
    for (const [entries, count] of Object.entries(cell.ledgerEntries)) this.ledger(Number(entries), count);
  }

  private hire(days: number, count: number): void {
    this.hired += count;
    this.daysToHire.set(days, (this.daysToHire.get(days) ?? 0) + count);
  }

  private ledger(entries: number, count: number): void {
    this.ledgerEntries += entries * count;
    this.ledgerHistogram.set(entries, (this.ledgerHistogram.get(entries) ?? 0) + count);
  }

  add(r: GraduateOutcomeRecord, c: GraduateClassification, own: boolean): void {
    this.graduates++;
    if (own) this.own++;
    if (r.examPassed !== null) {
      this.examResults++;
      if (r.examPassed) this.examPassed++;
    }
    if (r.outcome) this.outcomesRecorded++;
    if (c.positive) this.positive++;
    if (c.continuing) this.continuing++;
    if (c.employedWithinTwoMonths) this.employedWithinTwoMonths++;
    if (c.daysToHire !== null) this.hire(c.daysToHire, 1);
    this.ledger(r.ledgerEntries, 1);
  }

  figures(minGroupSize: number, ownSchoolSeen: boolean): OutcomeFigures {
    const n = this.graduates;
    const suppressed = n > 0 && n < minGroupSize && !(ownSchoolSeen && this.own === n);
    const hidden = suppressed || n === 0;
    const rate = (count: number, over: number) => (hidden || over === 0 ? null : count / over);
    return {
      graduates: n,
      suppressed,
      examResults: this.examResults,
      outcomesRecorded: this.outcomesRecorded,
      examSuccessRate: rate(this.examPassed, this.examResults),
      positiveOutcomeRate: rate(this.positive, n),
      employedWithinTwoMonthsRate: rate(this.employedWithinTwoMonths, n),
      continuingStudiesRate: rate(this.continuing, n),
      promisesPerGraduate: {
        mean: rate(this.ledgerEntries, n),
        median: hidden ? null : histogramMedian(this.ledgerHistogram, n),
      },
      medianDaysToHire: hidden ? null : histogramMedian(this.daysToHire, this.hired),
    };
  }
}

/** Median of numbers (mean of the two middle values when their count is even); null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of `n` numbers given as a histogram (value → how many equal it); the same as `median` of the values. */
function histogramMedian(histogram: ReadonlyMap<number, number>, n: number): number | null {
  if (n === 0) return null;
  // The values of sorted ranks lo and hi (0-based); equal when n is odd.
  const lo = (n - 1) >> 1;
  const hi = n >> 1;
  let seen = 0;
  let loValue: number | null = null;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value)!;
    if (loValue === null && seen > lo) loValue = value;
    if (seen > hi) return (loValue! + value) / 2;
  }
  return null;
}

/** The whole selection and each school, trade and cohort in it, each summed as graduates or cells are added. */
class Breakdown {
  private readonly total = new GroupAccumulator();
  private readonly bySchool = new Map<string, GroupAccumulator>();
  private readonly byTrade = new Map<Trade, GroupAccumulator>();
  private readonly byCohort = new Map<number, GroupAccumulator>();

  /** The groups a graduate (or a cell) of this school, trade and cohort counts in. */
  groupsOf(schoolId: string, trade: Trade | null, cohort: number): GroupAccumulator[] {
    const groupOf = <K>(map: Map<K, GroupAccumulator>, key: K) => {
      let group = map.get(key);
      if (!group) map.set(key, (group = new GroupAccumulator()));
      return group;
    };
    const groups = [this.total, groupOf(this.bySchool, schoolId), groupOf(this.byCohort, cohort)];
    if (trade) groups.push(groupOf(this.byTrade, trade));
    return groups;
  }

  stats(minGroupSize: number, ownSeen: boolean): OutcomeStats {
    const figures = (group: GroupAccumulator) => group.figures(minGroupSize, ownSeen);
    return {
      ...figures(this.total),
      bySchool: [...this.bySchool.keys()].sort().map((schoolId) => ({
        schoolId,
        ...figures(this.bySchool.get(schoolId)!),
      })),
      byTrade: TRADES.filter((t) => this.byTrade.has(t)).map((trade) => ({
        trade,
        ...figures(this.byTrade.get(trade)!),
      })),
      byCohort: [...this.byCohort.keys()]
        .sort((a, b) => a - b)
        .map((cohort) => ({ cohort, ...figures(this.byCohort.get(cohort)!) })),
    };
  }
}

/**
 * The OutcomeStats of the records that pass the filter, in one pass: the whole selection and each school,
 * trade and cohort in it. See DEFINITIONS above.
 */
export function computeOutcomeStats(
  records: Iterable<GraduateOutcomeRecord>,
  options: OutcomeStatsOptions = {},
): OutcomeStats {
  const { filter, viewerSchoolId = null } = options;
  const minGroupSize = options.minGroupSize ?? SUPPRESSION_MIN_GRADUATES;
  const schoolIds = filter?.schoolIds?.length ? new Set(filter.schoolIds) : null;
  const trades = filter?.trades?.length ? new Set(filter.trades) : null;
  const cohort = filter?.cohort ?? null;
  const region = filter?.region ?? null;

  const breakdown = new Breakdown();
  for (const r of records) {
    if (schoolIds && !schoolIds.has(r.schoolId)) continue;
    if (trades && (!r.trade || !trades.has(r.trade))) continue;
    const year = cohortOf(r.graduationDate);
    if (cohort !== null && year !== cohort) continue;
    if (region !== null && r.region !== region) continue;
    const c = classifyGraduate(r);
    const own = r.schoolId === viewerSchoolId;
    for (const group of breakdown.groupsOf(r.schoolId, r.trade, year)) group.add(r, c, own);
  }
  return breakdown.stats(minGroupSize, viewerSchoolId !== null);
}

/**
 * What the figures need of one graduate, as 0/1 counts (a per-graduate summary the API keeps up to date in the
 * database, so that a database can sum it: see OutcomeCell). Computed here only, by the definitions above.
 */
export interface GraduateOutcomeFacts {
  cohort: number;
  outcomeRecorded: 0 | 1;
  examResult: 0 | 1;
  examPassed: 0 | 1;
  positive: 0 | 1;
  continuing: 0 | 1;
  employedWithinTwoMonths: 0 | 1;
  /** Null when not EMPLOYED with a start date. */
  daysToHire: number | null;
  ledgerEntries: number;
}

export function graduateOutcomeFacts(record: GraduateOutcomeRecord): GraduateOutcomeFacts {
  const c = classifyGraduate(record);
  const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);
  return {
    cohort: cohortOf(record.graduationDate),
    outcomeRecorded: bit(record.outcome !== null),
    examResult: bit(record.examPassed !== null),
    examPassed: bit(record.examPassed === true),
    positive: bit(c.positive),
    continuing: bit(c.continuing),
    employedWithinTwoMonths: bit(c.employedWithinTwoMonths),
    daysToHire: c.daysToHire,
    ledgerEntries: record.ledgerEntries,
  };
}

/** How many graduates have each value: `{ "<value>": count }` (a count of 0 is the same as no key). */
export type OutcomeHistogram = Readonly<Record<string, number>>;

/**
 * Graduates of one school and trade (null: none named) within one cohort, summed: the sums of their
 * GraduateOutcomeFacts and the histograms the medians need (daysToHire: the EMPLOYED ones with a start date, by
 * whole days, possibly negative; ledgerEntries: every graduate, by number of entries). Every group of OutcomeStats
 * is a union of cells, so the figures of cells are those of the graduates (computeOutcomeStatsFromCells); a
 * cohort may be split into several cells (the API keeps one per graduation date).
 */
export interface OutcomeCell {
  schoolId: string;
  trade: Trade | null;
  cohort: number;
  graduates: number;
  examResults: number;
  examPassed: number;
  outcomesRecorded: number;
  positive: number;
  continuing: number;
  employedWithinTwoMonths: number;
  daysToHire: OutcomeHistogram;
  ledgerEntries: OutcomeHistogram;
}

/** computeOutcomeStats over cells instead of graduates (same definitions, same result); filters already applied. */
export function computeOutcomeStatsFromCells(
  cells: Iterable<OutcomeCell>,
  options: Omit<OutcomeStatsOptions, 'filter'> = {},
): OutcomeStats {
  const { viewerSchoolId = null } = options;
  const minGroupSize = options.minGroupSize ?? SUPPRESSION_MIN_GRADUATES;
  const breakdown = new Breakdown();
  for (const cell of cells) {
    if (cell.graduates === 0) continue;
    const own = cell.schoolId === viewerSchoolId;
    for (const group of breakdown.groupsOf(cell.schoolId, cell.trade, cell.cohort)) group.addCell(cell, own);
  }
  return breakdown.stats(minGroupSize, viewerSchoolId !== null);
}

/** A cell's sums and histograms, mutable while they are counted. */
export type CellSums = Omit<OutcomeCell, 'schoolId' | 'trade' | 'cohort' | 'daysToHire' | 'ledgerEntries'> & {
  daysToHire: Record<string, number>;
  ledgerEntries: Record<string, number>;
};

/** The sums of no graduate: where every cell starts. */
export function emptyCellSums(): CellSums {
  return {
    graduates: 0,
    examResults: 0,
    examPassed: 0,
    outcomesRecorded: 0,
    positive: 0,
    continuing: 0,
    employedWithinTwoMonths: 0,
    daysToHire: {},
    ledgerEntries: {},
  };
}

/** Counts one graduate's facts in a cell. */
export function addToCell(cell: CellSums, f: GraduateOutcomeFacts): void {
  const count = (histogram: Record<string, number>, value: number) => (histogram[value] = (histogram[value] ?? 0) + 1);
  cell.graduates++;
  cell.examResults += f.examResult;
  cell.examPassed += f.examPassed;
  cell.outcomesRecorded += f.outcomeRecorded;
  cell.positive += f.positive;
  cell.continuing += f.continuing;
  cell.employedWithinTwoMonths += f.employedWithinTwoMonths;
  if (f.daysToHire !== null) count(cell.daysToHire, f.daysToHire);
  count(cell.ledgerEntries, f.ledgerEntries);
}

/** The cells of graduates (one per school × trade × cohort), for tests and tools. */
export function outcomeCellsOf(records: Iterable<GraduateOutcomeRecord>): OutcomeCell[] {
  const cells = new Map<string, OutcomeCell & CellSums>();
  for (const r of records) {
    const f = graduateOutcomeFacts(r);
    const key = `${r.schoolId}|${r.trade ?? ''}|${f.cohort}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { schoolId: r.schoolId, trade: r.trade, cohort: f.cohort, ...emptyCellSums() }));
    addToCell(cell, f);
  }
  return [...cells.values()];
}
