import type { EnumLabels } from '../common/common.enum';
import type { DiplomaLevel } from '../common/common.enums';

/** The six criteria of a match score, in the order reasons are listed. */
export const MATCHING_CRITERIA = ['trade', 'distance', 'diploma', 'availability', 'skills', 'schoolHistory'] as const;
export type MatchingCriterion = (typeof MATCHING_CRITERIA)[number];

/**
 * Weight of each criterion in the score (they sum to 1; each criterion gives a component in [0, 1]):
 * - trade 0.35: the trade is what an École de Production graduate is trained for. Same trade 1, related trade
 *   of the same ROME family (see TRADE_FAMILY) RELATED_TRADE_COMPONENT, any other 0.
 * - distance 0.2: 15-18 year-olds rarely drive; inside the mobility radius the component goes from 1 (on the
 *   spot) down to 0.5 (at the radius edge). Outside it, see OUT_OF_RADIUS_FACTOR.
 * - diploma 0.15: level held against the level asked (DIPLOMA_RANK); nothing asked gives 1.
 * - availability 0.1: available by the start date gives 1, then linearly down to 0 at AVAILABILITY_GRACE_DAYS
 *   late; unknown gives 0.5.
 * - skills 0.1: share of the asked skills the student has, full marks at SKILLS_FULL_MARKS in common; a
 *   promise asking none gives a neutral 0.5.
 * - schoolHistory 0.1: the company's track record with the student's school: approved partnership 0.5, plus
 *   up to 0.5 for past hires through the school (full at PAST_HIRES_FULL_MARKS).
 */
export const MATCHING_WEIGHTS: { readonly [C in MatchingCriterion]: number } = {
  trade: 0.35,
  distance: 0.2,
  diploma: 0.15,
  availability: 0.1,
  skills: 0.1,
  schoolHistory: 0.1,
};

/**
 * Out of the student's mobility radius, the distance component is 0 AND the whole score is multiplied by 0.5:
 * the promise stays visible (a student may move for the right job) but ranks below every comparable promise
 * inside the radius.
 */
export const OUT_OF_RADIUS_FACTOR = 0.5;
/** Component of a different trade of the same ROME family. */
export const RELATED_TRADE_COMPONENT = 0.5;
/** Inside the radius the distance component is 1 - DISTANCE_DECAY * distance / radius. */
export const DISTANCE_DECAY = 0.5;
/** Radius used when the student has not set one. */
export const DEFAULT_MOBILITY_KM = 30;
/** Radii below this (e.g. 0) are raised to it, so a same-town promise is not "out of radius". */
export const MIN_MOBILITY_KM = 1;
export const AVAILABILITY_GRACE_DAYS = 90;
export const UNKNOWN_AVAILABILITY_COMPONENT = 0.5;
export const NO_SKILLS_ASKED_COMPONENT = 0.5;
export const SKILLS_FULL_MARKS = 5;
export const PARTNERSHIP_COMPONENT = 0.5;
export const PAST_HIRES_FULL_MARKS = 3;

/**
 * RNCP level of each diploma (CAP 3, bac pro 4). CQP and titres professionnels exist at several levels; those
 * the Écoles de Production prepare are level 3, which is what we assume.
 */
export const DIPLOMA_RANK: { readonly [D in DiplomaLevel]: number } = { CAP: 3, CQP: 3, TITRE_PRO: 3, BAC_PRO: 4 };
/** Diploma component: exact or higher level 1, another diploma of the same level 0.75, lower 0.25, none 0. */
export const DIPLOMA_COMPONENTS = { exactOrHigher: 1, sameLevel: 0.75, lower: 0.25, unknown: 0 } as const;

/** Names and one-line explanations of the criteria, for the web app's "why this score" panel. */
export const MATCHING_CRITERION_LABELS: EnumLabels<MatchingCriterion> = {
  fr: {
    trade: 'Métier',
    distance: 'Distance',
    diploma: 'Diplôme',
    availability: 'Disponibilité',
    skills: 'Compétences',
    schoolHistory: 'Lien avec l’école',
  },
  en: {
    trade: 'Trade',
    distance: 'Distance',
    diploma: 'Diploma',
    availability: 'Availability',
    skills: 'Skills',
    schoolHistory: 'Ties with the school',
  },
};

export const MATCHING_CRITERION_DESCRIPTIONS: EnumLabels<MatchingCriterion> = {
  fr: {
    trade: 'Même métier, ou métier proche de la même famille ROME (moitié des points).',
    distance:
      'Distance au lieu de travail, comparée au rayon de mobilité ; hors rayon, le score total est divisé par deux.',
    diploma: 'Niveau de diplôme comparé à celui demandé.',
    availability: 'Disponible à la date de début, ou peu après.',
    skills: 'Compétences demandées que l’élève possède.',
    schoolHistory: 'Entreprise partenaire de l’école et embauches passées via l’école.',
  },
  en: {
    trade: 'Same trade, or a related trade of the same ROME family (half the points).',
    distance: 'Distance to the workplace against the mobility radius; out of radius, the total score is halved.',
    diploma: 'Diploma level against the one asked.',
    availability: 'Available by the start date, or shortly after.',
    skills: 'Asked skills the student has.',
    schoolHistory: 'Company partnered with the school, and past hires through the school.',
  },
};
