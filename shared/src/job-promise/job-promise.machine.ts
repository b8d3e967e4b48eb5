import * as z from 'zod';
import { enumObject, type ActorKind, type EnumLabels } from '../common/common.enum';
import { createStateMachine } from '../common/common.machine';
import { AppError } from '../errors/errors.app-error';

export const JOB_PROMISE_STATUSES = ['DRAFT', 'OPEN', 'FILLED', 'CLOSED', 'EXPIRED'] as const;
export type JobPromiseStatus = (typeof JOB_PROMISE_STATUSES)[number];
export const JobPromiseStatus = enumObject(JOB_PROMISE_STATUSES);
export const jobPromiseStatusSchema = z.enum(JOB_PROMISE_STATUSES, 'Statut de promesse inconnu');

export const JOB_PROMISE_ACTIONS = ['publish', 'close', 'fill', 'expire'] as const;
export type JobPromiseAction = (typeof JOB_PROMISE_ACTIONS)[number];

/** Only OPEN promises are visible to students and accept applications. */
export const TERMINAL_JOB_PROMISE_STATUSES: readonly JobPromiseStatus[] = ['FILLED', 'CLOSED', 'EXPIRED'];

/**
 * DRAFT -publish(company)-> OPEN; DRAFT|OPEN -close(company)-> CLOSED; OPEN -fill(system: hires reached
 * positions)-> FILLED; OPEN -expire(system: expiresAt passed)-> EXPIRED. FILLED, CLOSED and EXPIRED are final.
 * ADMIN may close (moderation).
 */
export const jobPromiseMachine = createStateMachine<JobPromiseStatus, JobPromiseAction>([
  { action: 'publish', from: 'DRAFT', to: 'OPEN', actors: ['COMPANY'] },
  { action: 'close', from: 'DRAFT', to: 'CLOSED', actors: ['COMPANY', 'ADMIN'] },
  { action: 'close', from: 'OPEN', to: 'CLOSED', actors: ['COMPANY', 'ADMIN'] },
  { action: 'fill', from: 'OPEN', to: 'FILLED', actors: ['SYSTEM'] },
  { action: 'expire', from: 'OPEN', to: 'EXPIRED', actors: ['SYSTEM'] },
]);

export function canTransitionJobPromise(from: JobPromiseStatus, to: JobPromiseStatus, actor?: ActorKind): boolean {
  return jobPromiseMachine.canTransition(from, to, actor);
}

export function nextJobPromiseStatuses(from: JobPromiseStatus, actor?: ActorKind): JobPromiseStatus[] {
  return jobPromiseMachine.nextStatuses(from, actor);
}

/** Actions `actor` may perform on a promise in `status`, in declaration order (the buttons a page offers). */
export function allowedJobPromiseMoves(status: JobPromiseStatus, actor: ActorKind): JobPromiseAction[] {
  return jobPromiseMachine.transitions
    .filter((t) => t.from === status && t.actors.includes(actor))
    .map((t) => t.action);
}

/** Throws CONFLICT (with `details.from/to`) when `from -> to` is not allowed for `actor`. */
export function assertJobPromiseTransition(from: JobPromiseStatus, to: JobPromiseStatus, actor?: ActorKind): void {
  if (!jobPromiseMachine.canTransition(from, to, actor)) {
    throw new AppError(
      'CONFLICT',
      `Impossible de passer la promesse de « ${JOB_PROMISE_STATUS_LABELS.fr[from]} » à « ${JOB_PROMISE_STATUS_LABELS.fr[to]} »`,
      { details: { entity: 'JobPromise', from, to, actor } },
    );
  }
}

/** Short aliases (the names of the brief); prefer the prefixed ones when importing from the package root. */
export const canTransition = canTransitionJobPromise;
export const nextStatuses = nextJobPromiseStatuses;
export const assertTransition = assertJobPromiseTransition;

export const JOB_PROMISE_STATUS_LABELS: EnumLabels<JobPromiseStatus> = {
  fr: { DRAFT: 'Brouillon', OPEN: 'Ouverte', FILLED: 'Pourvue', CLOSED: 'Clôturée', EXPIRED: 'Expirée' },
  en: { DRAFT: 'Draft', OPEN: 'Open', FILLED: 'Filled', CLOSED: 'Closed', EXPIRED: 'Expired' },
};

/** Button labels of the company's actions (system actions have labels for history display). */
export const JOB_PROMISE_ACTION_LABELS: EnumLabels<JobPromiseAction> = {
  fr: { publish: 'Publier', close: 'Clôturer', fill: 'Marquer comme pourvue', expire: 'Expirer' },
  en: { publish: 'Publish', close: 'Close', fill: 'Mark as filled', expire: 'Expire' },
};
