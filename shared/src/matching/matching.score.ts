import type { DiplomaLevel, Trade } from '../common/common.enums';
import { fromGeoJsonPoint, type GeoJsonPoint, type GeoPoint } from '../common/common.geo';
import { DIPLOMA_LEVEL_LABELS, TRADE_LABELS } from '../common/common.labels';
import type { Locale } from '../common/common.enum';
import type { MessageKey } from '../messages/messages.catalog';
import { activeLocale } from '../messages/messages.locale';
import { renderMessage, type MessageParams } from '../messages/messages.render';
import { normalizeText } from '../common/common.schemas';
import { TRADE_FAMILY } from '../common/common.trades';
import {
  bandRepresentativeKm,
  distanceBandKey,
  distanceKm as roundedDistanceKm,
  type DistanceBand,
} from '../place/place.distance';
import {
  AVAILABILITY_GRACE_DAYS,
  DEFAULT_MOBILITY_KM,
  DIPLOMA_COMPONENTS,
  DIPLOMA_RANK,
  DISTANCE_DECAY,
  MATCHING_WEIGHTS,
  MIN_MOBILITY_KM,
  NO_SKILLS_ASKED_COMPONENT,
  OUT_OF_RADIUS_FACTOR,
  PARTNERSHIP_COMPONENT,
  PAST_HIRES_FULL_MARKS,
  RELATED_TRADE_COMPONENT,
  SKILLS_FULL_MARKS,
  UNKNOWN_AVAILABILITY_COMPONENT,
  type MatchingCriterion,
} from './matching.weights';

type Place = GeoPoint | GeoJsonPoint;
type DateLike = Date | string | number;

/** What scoring needs of a student (a database document fits: extra fields are ignored). */
export interface MatchStudent {
  id: string;
  trade?: Trade | null;
  diplomaLevel?: DiplomaLevel | null;
  location?: Place | null;
  mobilityKm?: number | null;
  availableFrom?: DateLike | null;
  /** Used as availability when availableFrom is not set. */
  graduationDate?: DateLike | null;
  skills?: readonly string[] | null;
}

/** What scoring needs of a job promise. */
export interface MatchPromise {
  id: string;
  trade: Trade;
  diplomaLevel?: DiplomaLevel | null;
  location?: Place | null;
  startDate?: DateLike | null;
  skills?: readonly string[] | null;
}

/** Facts about the (company, student's school) pair, and how to word the reasons. */
export interface MatchContext {
  /** The company has an APPROVED partnership with the student's school. */
  partnershipApproved?: boolean;
  /** Students of this school the company hired before. */
  pastHires?: number;
  /** Distance already known (e.g. from `$geoNear`); computed from the locations otherwise. */
  distanceKm?: number | null;
  /**
   * A company's view (issue 13): only the band of the distance is known; scoring, ranking and the out-of-radius
   * flag use the band's representative distance, so nothing tells more than the band. Wins over distanceKm.
   */
  distanceBand?: DistanceBand | null;
  /** Who reads the reasons: the student ("votre rayon") or the company / school ("son rayon"). Default STUDENT. */
  audience?: 'STUDENT' | 'COMPANY';
}

/** `reasons: false` skips building the reasons (same score and components): for ranking many candidates. */
export interface ScoreOptions {
  reasons?: boolean;
}

/**
 * One reason of a score as a catalog key and raw params (trade and diploma codes, km, an ISO date, counts): stored
 * and sent as is, rendered in the reader's language by renderMatchReason.
 */
export interface MatchReason {
  key: MessageKey;
  params: MessageParams;
}

export interface MatchScore {
  /** In [0, 1], rounded to 4 decimals so that equal inputs tie exactly. */
  score: number;
  /** Human-readable, in the active locale, in MATCHING_CRITERIA order (empty with `reasons: false`). */
  reasons: string[];
  /** Each criterion's component in [0, 1], before weighting. */
  components: { [C in MatchingCriterion]: number };
  distanceKm: number | null;
  outOfRadius: boolean;
}

/** MatchScore with its reasons as codes (what the API stores and renders per reader). */
export type CodedMatchScore = Omit<MatchScore, 'reasons'> & { reasons: MatchReason[] };

// Skills repeat across thousands of candidates: normalize each distinct one once.
const NORMALIZED = new Map<string, string>();
function normalizedSkill(s: string): string {
  let n = NORMALIZED.get(s);
  if (n === undefined) {
    if (NORMALIZED.size >= 10_000) NORMALIZED.clear();
    n = normalizeText(s);
    NORMALIZED.set(s, n);
  }
  return n;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const toPoint = (p: Place): GeoPoint => ('type' in p ? fromGeoJsonPoint(p) : p);
const toTime = (d: DateLike | null | undefined): number | null => {
  if (d === null || d === undefined) return null;
  const t = d instanceof Date ? d.getTime() : new Date(d).getTime();
  return Number.isNaN(t) ? null : t;
};
const reason = (key: MessageKey, params: MessageParams = {}): MatchReason => ({ key, params });

/** A UTC calendar date in the reader's usual form (French: 01/10/2025; English: 2025-10-01). */
function localDate(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (locale === 'en') return d.toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The text of a reason in `locale` (default: the active one): codes become labels, distances are rounded. */
export function renderMatchReason(r: MatchReason, locale: Locale = activeLocale()): string {
  const p = r.params;
  const shown: MessageParams = { ...p };
  if (typeof p['trade'] === 'string') shown['trade'] = lower(TRADE_LABELS[locale][p['trade'] as Trade]);
  for (const k of ['asked', 'held'] as const) {
    if (typeof p[k] === 'string') shown[k] = DIPLOMA_LEVEL_LABELS[locale][p[k] as DiplomaLevel];
  }
  const band = p['band'];
  if (typeof band === 'string') shown['band'] = renderMessage(distanceBandKey(band as DistanceBand), {}, locale);
  const d = p['distanceKm'];
  if (typeof d === 'number') {
    shown['distanceKm'] = Math.round(d);
    shown['distance'] =
      Math.round(d) < 1
        ? renderMessage('matching.lessThanOneKm', {}, locale)
        : renderMessage('matching.km', { km: Math.round(d) }, locale);
  }
  if (typeof p['radiusKm'] === 'number') shown['radiusKm'] = Math.round(p['radiusKm']);
  if (typeof p['date'] === 'string') shown['date'] = localDate(p['date'], locale);
  return renderMessage(r.key, shown, locale);
}

/**
 * Score of a student for a job promise (the same function serves both directions), with its reasons rendered in the
 * active locale. See scoreMatchCoded.
 */
export function scoreMatch(
  student: MatchStudent,
  promise: MatchPromise,
  context: MatchContext = {},
  options: ScoreOptions = {},
): MatchScore {
  const coded = scoreMatchCoded(student, promise, context, options);
  return { ...coded, reasons: coded.reasons.map((r) => renderMatchReason(r)) };
}

/**
 * Score of a student for a job promise, with its reasons as codes (rendered later, in each reader's language).
 * See MATCHING_WEIGHTS for the criteria and OUT_OF_RADIUS_FACTOR for the out-of-radius penalty.
 * Pure and deterministic: no clock, no randomness.
 */
export function scoreMatchCoded(
  student: MatchStudent,
  promise: MatchPromise,
  context: MatchContext = {},
  options: ScoreOptions = {},
): CodedMatchScore {
  const theirs = context.audience === 'COMPANY';
  const reasons: Partial<Record<MatchingCriterion, MatchReason[]>> = {};
  const wanted = options.reasons !== false;
  // Reasons are built only when wanted (ranking thousands of candidates needs scores only).
  const add = (c: MatchingCriterion, r: () => MatchReason) => {
    if (wanted) (reasons[c] ??= []).push(r());
  };

  // Trade
  let trade = 0;
  if (!student.trade) add('trade', () => reason('matching.reason.tradeUnknown'));
  else if (student.trade === promise.trade) {
    trade = 1;
    add('trade', () => reason('matching.reason.sameTrade', { trade: promise.trade }));
  } else if (TRADE_FAMILY[student.trade] === TRADE_FAMILY[promise.trade]) {
    trade = RELATED_TRADE_COMPONENT;
    add('trade', () =>
      reason('matching.reason.relatedTrade', { trade: promise.trade, family: TRADE_FAMILY[promise.trade] }),
    );
  } else {
    add('trade', () => reason('matching.reason.otherTrade', { trade: promise.trade }));
  }

  // Distance
  let distance = 0;
  let outOfRadius = false;
  let distanceKm: number | null =
    typeof context.distanceKm === 'number' && Number.isFinite(context.distanceKm) ? context.distanceKm : null;
  if (distanceKm === null && student.location && promise.location) {
    // Whole kilometres, like every distance shown for this pair (place.distance.ts).
    distanceKm = roundedDistanceKm(toPoint(student.location), toPoint(promise.location));
  }
  const band = context.distanceBand ?? null;
  if (band) distanceKm = bandRepresentativeKm(band);
  if (distanceKm === null) add('distance', () => reason('matching.reason.distanceUnknown'));
  else if (band) {
    const radius = Math.max(MIN_MOBILITY_KM, student.mobilityKm ?? DEFAULT_MOBILITY_KM);
    if (distanceKm <= radius) {
      distance = 1 - (DISTANCE_DECAY * distanceKm) / radius;
      add('distance', () => reason('place.reason.withinBand', { band, radiusKm: radius }));
    } else {
      outOfRadius = true;
      add('distance', () => reason('place.reason.outOfBand', { band, radiusKm: radius }));
    }
  } else {
    const radius = Math.max(MIN_MOBILITY_KM, student.mobilityKm ?? DEFAULT_MOBILITY_KM);
    if (distanceKm <= radius) {
      distance = 1 - (DISTANCE_DECAY * distanceKm) / radius;
      add('distance', () => reason('matching.reason.withinRadius', { distanceKm, radiusKm: radius }));
    } else {
      outOfRadius = true;
      add('distance', () =>
        reason(theirs ? 'matching.reason.outOfTheirRadius' : 'matching.reason.outOfYourRadius', {
          distanceKm,
          radiusKm: radius,
        }),
      );
    }
  }

  // Diploma
  let diploma: number = DIPLOMA_COMPONENTS.exactOrHigher;
  if (promise.diplomaLevel) {
    const asked = promise.diplomaLevel;
    const held = student.diplomaLevel;
    if (!held) {
      diploma = DIPLOMA_COMPONENTS.unknown;
      add('diploma', () => reason('matching.reason.diplomaUnknown', { asked }));
    } else if (held === asked) {
      add('diploma', () => reason('matching.reason.diplomaAsked', { asked }));
    } else {
      if (DIPLOMA_RANK[held] > DIPLOMA_RANK[asked]) {
        add('diploma', () => reason('matching.reason.diplomaHigher', { held, asked }));
      } else if (DIPLOMA_RANK[held] === DIPLOMA_RANK[asked]) {
        diploma = DIPLOMA_COMPONENTS.sameLevel;
        add('diploma', () => reason('matching.reason.diplomaSameLevel', { held, asked }));
      } else {
        diploma = DIPLOMA_COMPONENTS.lower;
        add('diploma', () => reason('matching.reason.diplomaLower', { held, asked }));
      }
    }
  }

  // Availability
  let availability = 1;
  const start = toTime(promise.startDate);
  const available = toTime(student.availableFrom) ?? toTime(student.graduationDate);
  if (start !== null) {
    if (available === null) {
      availability = UNKNOWN_AVAILABILITY_COMPONENT;
      add('availability', () => reason('matching.reason.availabilityUnknown'));
    } else if (available <= start) {
      add('availability', () => reason('matching.reason.availableBeforeStart'));
    } else {
      const lateDays = Math.ceil((available - start) / 86_400_000);
      availability = Math.max(0, 1 - lateDays / AVAILABILITY_GRACE_DAYS);
      add('availability', () =>
        reason('matching.reason.availableLate', { date: new Date(available).toISOString(), count: lateDays }),
      );
    }
  }

  // Skills
  let skills = NO_SKILLS_ASKED_COMPONENT;
  const asked = promise.skills ?? [];
  if (asked.length > 0) {
    const had = new Set((student.skills ?? []).map(normalizedSkill));
    const seen = new Set<string>();
    const common: string[] = [];
    for (const s of asked) {
      const key = normalizedSkill(s);
      if (had.has(key) && !seen.has(key)) common.push(s.trim());
      seen.add(key);
    }
    skills = Math.min(1, common.length / Math.min(seen.size, SKILLS_FULL_MARKS));
    add('skills', () =>
      common.length === 0
        ? reason('matching.reason.noSkillInCommon')
        : reason('matching.reason.skillsInCommon', { count: common.length, skills: common.join(', ') }),
    );
  }

  // School history
  let schoolHistory = 0;
  if (context.partnershipApproved) {
    schoolHistory += PARTNERSHIP_COMPONENT;
    add('schoolHistory', () =>
      reason(theirs ? 'matching.reason.partnerOfTheirSchool' : 'matching.reason.partnerOfYourSchool'),
    );
  }
  const hires = Math.max(0, Math.floor(context.pastHires ?? 0));
  if (hires > 0) {
    schoolHistory += (1 - PARTNERSHIP_COMPONENT) * Math.min(1, hires / PAST_HIRES_FULL_MARKS);
    add('schoolHistory', () => reason('matching.reason.pastHires', { count: hires }));
  }

  const components = { trade, distance, diploma, availability, skills, schoolHistory };
  let raw = 0;
  for (const c of Object.keys(MATCHING_WEIGHTS) as MatchingCriterion[]) raw += MATCHING_WEIGHTS[c] * components[c];
  if (outOfRadius) raw *= OUT_OF_RADIUS_FACTOR;
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 10_000) / 10_000;

  const ordered: MatchReason[] = [];
  for (const c of ['trade', 'distance', 'diploma', 'availability', 'skills', 'schoolHistory'] as const)
    ordered.push(...(reasons[c] ?? []));
  return { score, reasons: ordered, components, distanceKm, outOfRadius };
}

/** What compareMatches sorts on. */
export interface RankedMatch {
  id: string;
  score: number;
  distanceKm?: number | null;
}

/** Best first: score descending, then distance ascending (unknown last), then id ascending. */
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A sorted copy, best first (see compareMatches). */
export function rankMatches<T extends RankedMatch>(matches: readonly T[]): T[] {
  return [...matches].sort(compareMatches);
}
