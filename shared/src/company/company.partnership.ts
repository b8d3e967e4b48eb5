import * as z from 'zod';
import { enumObject, type ActorKind, type EnumLabels } from '../common/common.enum';
import { createStateMachine } from '../common/common.machine';
import { idSchema } from '../common/common.schemas';
import { AppError } from '../errors/errors.app-error';

export const PARTNERSHIP_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];
export const PartnershipStatus = enumObject(PARTNERSHIP_STATUSES);
export const partnershipStatusSchema = z.enum(PARTNERSHIP_STATUSES, 'Statut de partenariat inconnu');

export const PARTNERSHIP_ACTIONS = ['approve', 'reject'] as const;
export type PartnershipAction = (typeof PARTNERSHIP_ACTIONS)[number];

/** A company asks (creates PENDING); the school's staff decide. A decision is final. */
export const partnershipMachine = createStateMachine<PartnershipStatus, PartnershipAction>([
  { action: 'approve', from: 'PENDING', to: 'APPROVED', actors: ['SCHOOL'] },
  { action: 'reject', from: 'PENDING', to: 'REJECTED', actors: ['SCHOOL'] },
]);

export function canTransitionPartnership(from: PartnershipStatus, to: PartnershipStatus, actor?: ActorKind): boolean {
  return partnershipMachine.canTransition(from, to, actor);
}

export function nextPartnershipStatuses(from: PartnershipStatus, actor?: ActorKind): PartnershipStatus[] {
  return partnershipMachine.nextStatuses(from, actor);
}

/** Throws CONFLICT when the partnership cannot move (already decided, or not this actor's decision). */
export function assertPartnershipTransition(from: PartnershipStatus, to: PartnershipStatus, actor?: ActorKind): void {
  if (!partnershipMachine.canTransition(from, to, actor)) {
    throw new AppError(
      'CONFLICT',
      from === 'PENDING' ? 'Décision de partenariat impossible' : 'Ce partenariat a déjà été décidé',
      { details: { entity: 'Partnership', from, to, actor } },
    );
  }
}

export const PARTNERSHIP_STATUS_LABELS: EnumLabels<PartnershipStatus> = {
  fr: { PENDING: 'En attente', APPROVED: 'Approuvé', REJECTED: 'Refusé' },
  en: { PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected' },
};

export const requestPartnershipSchema = z.object({ schoolId: idSchema });
export const decidePartnershipSchema = z.object({ id: idSchema, approve: z.boolean('Booléen attendu') });
export type DecidePartnershipInput = z.infer<typeof decidePartnershipSchema>;
