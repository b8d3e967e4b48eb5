import { enumObject, type EnumLabels } from '../common/common.enum';
import type { ApplicationStatus } from '../application/application.machine';
import type { ExitOutcome } from '../outcome/outcome.enums';
import type { RecommendationStatus } from '../recommendation/recommendation.machine';

/** Where a student stands, as the school roster shows it (CONTRACT: StudentSituation). */
export const STUDENT_SITUATIONS = ['SEARCHING', 'APPLIED', 'OFFER_RECEIVED', 'HIRED', 'CONTINUING_STUDIES'] as const;
export type StudentSituation = (typeof STUDENT_SITUATIONS)[number];
export const StudentSituation = enumObject(STUDENT_SITUATIONS);

export interface StudentSituationInput {
  applications: readonly { status: ApplicationStatus }[];
  recommendations: readonly { status: RecommendationStatus }[];
  /** The latest exit-outcome record, if any (it says what the graduate does now). */
  exitOutcome: ExitOutcome | null | undefined;
}

/**
 * One rule for every screen. The latest exit outcome wins for studies (a graduate who went on studying is no longer
 * on the market); a hire (through the app or recorded) beats an offer, an offer beats an application in progress;
 * an accepted recommendation is an application. Nothing alive: searching.
 */
export function studentSituation({
  applications,
  recommendations,
  exitOutcome,
}: StudentSituationInput): StudentSituation {
  if (exitOutcome === 'APPRENTICESHIP' || exitOutcome === 'FURTHER_STUDIES') return 'CONTINUING_STUDIES';
  if (exitOutcome === 'EMPLOYED' || applications.some((a) => a.status === 'HIRED')) return 'HIRED';
  if (applications.some((a) => a.status === 'OFFERED')) return 'OFFER_RECEIVED';
  const open = (s: ApplicationStatus) => s === 'SUBMITTED' || s === 'SHORTLISTED' || s === 'INTERVIEW';
  if (applications.some((a) => open(a.status)) || recommendations.some((r) => r.status === 'ACCEPTED')) {
    return 'APPLIED';
  }
  return 'SEARCHING';
}

/** A hired student is not recommended any more (the roster and the recommending rule share this). */
export function isHiredSituation(situation: StudentSituation): boolean {
  return situation === 'HIRED';
}

export const STUDENT_SITUATION_LABELS: EnumLabels<StudentSituation> = {
  fr: {
    SEARCHING: 'En recherche',
    APPLIED: 'A candidaté',
    OFFER_RECEIVED: 'Offre reçue',
    HIRED: 'Embauché·e',
    CONTINUING_STUDIES: 'Poursuit ses études',
  },
  en: {
    SEARCHING: 'Searching',
    APPLIED: 'Applied',
    OFFER_RECEIVED: 'Offer received',
    HIRED: 'Hired',
    CONTINUING_STUDIES: 'Continuing studies',
  },
};

export type RecommendationBlocker =
  | 'recommendation.studentHired'
  | 'recommendation.alreadyPending'
  | 'recommendation.alreadyRecommended'
  | 'recommendation.alreadyApplied';

/**
 * Why a student cannot be recommended for a promise now (null: they can). The API refuses with this key (CONFLICT)
 * and the screens disable the action and say the same reason. A declined recommendation may be renewed.
 */
export function recommendationBlocker(input: {
  situation: StudentSituation;
  /** The student's recommendations for THIS promise. */
  recommendationsForPromise: readonly { status: RecommendationStatus }[];
  appliedToPromise: boolean;
}): RecommendationBlocker | null {
  if (isHiredSituation(input.situation)) return 'recommendation.studentHired';
  if (input.recommendationsForPromise.some((r) => r.status === 'PENDING')) return 'recommendation.alreadyPending';
  if (input.recommendationsForPromise.some((r) => r.status === 'ACCEPTED')) return 'recommendation.alreadyRecommended';
  // An applicant may still be recommended: accepting links the recommendation to the existing application.
  return null;
}
