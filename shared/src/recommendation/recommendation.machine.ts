import * as z from 'zod';
import { enumObject, type ActorKind, type EnumLabels } from '../common/common.enum';
import { createStateMachine } from '../common/common.machine';
import { idSchema, noteSchema } from '../common/common.schemas';
import { conflict } from '../errors/errors.app-error';
import { msg } from '../messages/messages.zod';

export const RECOMMENDATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];
export const RecommendationStatus = enumObject(RECOMMENDATION_STATUSES);
export const recommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES, 'Statut de recommandation inconnu');

export const RECOMMENDATION_ACTIONS = ['accept', 'decline'] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

/** The recommended student answers once; accepting creates (or links) an application with source RECOMMENDATION. */
export const recommendationMachine = createStateMachine<RecommendationStatus, RecommendationAction>([
  { action: 'accept', from: 'PENDING', to: 'ACCEPTED', actors: ['STUDENT'] },
  { action: 'decline', from: 'PENDING', to: 'DECLINED', actors: ['STUDENT'] },
]);

export function canTransitionRecommendation(
  from: RecommendationStatus,
  to: RecommendationStatus,
  actor?: ActorKind,
): boolean {
  return recommendationMachine.canTransition(from, to, actor);
}

export function nextRecommendationStatuses(from: RecommendationStatus, actor?: ActorKind): RecommendationStatus[] {
  return recommendationMachine.nextStatuses(from, actor);
}

export function assertRecommendationTransition(
  from: RecommendationStatus,
  to: RecommendationStatus,
  actor?: ActorKind,
): void {
  if (!recommendationMachine.canTransition(from, to, actor)) {
    throw conflict(from === 'PENDING' ? 'recommendation.cannotAnswer' : 'recommendation.alreadyAnswered', undefined, {
      entity: 'Recommendation',
      from,
      to,
      actor,
    });
  }
}

export const RECOMMENDATION_STATUS_LABELS: EnumLabels<RecommendationStatus> = {
  fr: { PENDING: 'En attente de réponse', ACCEPTED: 'Acceptée', DECLINED: 'Déclinée' },
  en: { PENDING: 'Awaiting answer', ACCEPTED: 'Accepted', DECLINED: 'Declined' },
};

export const RECOMMENDATION_ACTION_LABELS: EnumLabels<RecommendationAction> = {
  fr: { accept: 'Accepter et candidater', decline: 'Décliner' },
  en: { accept: 'Accept and apply', decline: 'Decline' },
};

export const recommendGraduateSchema = z.object({
  jobPromiseId: idSchema,
  studentId: idSchema,
  note: noteSchema,
});
export type RecommendGraduateInput = z.infer<typeof recommendGraduateSchema>;

export const respondToRecommendationSchema = z.object({
  id: idSchema,
  accept: z.boolean(msg('validation.booleanExpected')),
});
export type RespondToRecommendationInput = z.infer<typeof respondToRecommendationSchema>;
