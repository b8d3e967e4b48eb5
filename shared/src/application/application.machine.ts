import * as z from 'zod';
import { enumObject, type ActorKind, type EnumLabels } from '../common/common.enum';
import { appError, badUserInput } from '../errors/errors.app-error';
import { activeLocale } from '../messages/messages.locale';
import { renderMessage } from '../messages/messages.render';

export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'SHORTLISTED',
  'INTERVIEW',
  'OFFERED',
  'HIRED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const ApplicationStatus = enumObject(APPLICATION_STATUSES);
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES, 'Statut de candidature inconnu');

export const APPLICATION_SOURCES = ['STUDENT', 'RECOMMENDATION'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];
export const ApplicationSource = enumObject(APPLICATION_SOURCES);
export const applicationSourceSchema = z.enum(APPLICATION_SOURCES, 'Origine de candidature inconnue');

/** Statuses in which the application is still alive (it can still move). */
export const OPEN_APPLICATION_STATUSES = ['SUBMITTED', 'SHORTLISTED', 'INTERVIEW', 'OFFERED'] as const;
export type OpenApplicationStatus = (typeof OPEN_APPLICATION_STATUSES)[number];
/** Final statuses: no move leaves them. */
export const TERMINAL_APPLICATION_STATUSES = ['HIRED', 'REJECTED', 'WITHDRAWN'] as const;
export type TerminalApplicationStatus = (typeof TERMINAL_APPLICATION_STATUSES)[number];

export function isOpenApplicationStatus(s: ApplicationStatus): s is OpenApplicationStatus {
  return (OPEN_APPLICATION_STATUSES as readonly string[]).includes(s);
}
export function isTerminalApplicationStatus(s: ApplicationStatus): s is TerminalApplicationStatus {
  return (TERMINAL_APPLICATION_STATUSES as readonly string[]).includes(s);
}

/** Who moves applications. Other actor kinds (SCHOOL, ADMIN) have no moves. */
export type ApplicationActorKind = 'COMPANY' | 'STUDENT' | 'SYSTEM';

/** Reasons the API writes for system moves (kept in English in the history, shown translated). */
export const SYSTEM_MOVE_REASONS = {
  POSITION_FILLED: 'position filled',
  HIRED_ELSEWHERE: 'hired elsewhere',
  PROMISE_CLOSED: 'promise closed',
  PROMISE_EXPIRED: 'promise expired',
  ACCOUNT_DELETED: 'account deleted',
} as const;

export interface ApplicationMove {
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: ApplicationActorKind;
  /** A non-blank reason must be given (company rejections). */
  reasonRequired: boolean;
}

const OPEN: readonly ApplicationStatus[] = OPEN_APPLICATION_STATUSES;

/**
 * Company (recruiter): SUBMITTED -> SHORTLISTED -> INTERVIEW -> OFFERED, one step at a time, and REJECTED (with a
 * reason) from any open state. Student: OFFERED -> HIRED (accepting the offer) and WITHDRAWN from any open state.
 * System: REJECTED ("position filled") and WITHDRAWN ("hired elsewhere", "account deleted") from any open state.
 */
export const APPLICATION_MOVES: readonly ApplicationMove[] = [
  { from: 'SUBMITTED', to: 'SHORTLISTED', actor: 'COMPANY', reasonRequired: false },
  { from: 'SHORTLISTED', to: 'INTERVIEW', actor: 'COMPANY', reasonRequired: false },
  { from: 'INTERVIEW', to: 'OFFERED', actor: 'COMPANY', reasonRequired: false },
  ...OPEN.map((from) => ({ from, to: 'REJECTED' as const, actor: 'COMPANY' as const, reasonRequired: true })),
  { from: 'OFFERED', to: 'HIRED', actor: 'STUDENT', reasonRequired: false },
  ...OPEN.map((from) => ({ from, to: 'WITHDRAWN' as const, actor: 'STUDENT' as const, reasonRequired: false })),
  ...OPEN.map((from) => ({ from, to: 'REJECTED' as const, actor: 'SYSTEM' as const, reasonRequired: false })),
  ...OPEN.map((from) => ({ from, to: 'WITHDRAWN' as const, actor: 'SYSTEM' as const, reasonRequired: false })),
];

/** Target statuses `actorKind` may move an application to from `from`, in pipeline order. */
export function allowedMoves(from: ApplicationStatus, actorKind: ActorKind): ApplicationStatus[] {
  return APPLICATION_MOVES.filter((m) => m.from === from && m.actor === actorKind).map((m) => m.to);
}

export function canMove(from: ApplicationStatus, to: ApplicationStatus, actorKind: ActorKind): boolean {
  return APPLICATION_MOVES.some((m) => m.from === from && m.to === to && m.actor === actorKind);
}

/** True when `actorKind` must give a reason for this move. */
export function moveRequiresReason(from: ApplicationStatus, to: ApplicationStatus, actorKind: ActorKind): boolean {
  return APPLICATION_MOVES.some((m) => m.from === from && m.to === to && m.actor === actorKind && m.reasonRequired);
}

/**
 * Throws AppError CONFLICT when the move is not allowed for this actor from the current status (including a
 * move to the same status or out of a final one), and BAD_USER_INPUT (field `reason`) when a required reason is
 * missing or blank. Returns the trimmed reason (undefined when none).
 */
export function assertMove(
  from: ApplicationStatus,
  to: ApplicationStatus,
  actorKind: ActorKind,
  reason?: string | null,
): string | undefined {
  const move = APPLICATION_MOVES.find((m) => m.from === from && m.to === to && m.actor === actorKind);
  if (!move) {
    const labels = APPLICATION_STATUS_LABELS[activeLocale()];
    throw appError(
      'CONFLICT',
      'application.impossibleMove',
      { from, to, fromLabel: labels[from], toLabel: labels[to] },
      { details: { entity: 'Application', from, to, actor: actorKind, allowed: allowedMoves(from, actorKind) } },
    );
  }
  const trimmed = reason?.trim() || undefined;
  if (move.reasonRequired && !trimmed) {
    throw badUserInput('application.reasonRequired', undefined, [
      { path: 'reason', message: renderMessage('application.reasonRequired') },
    ]);
  }
  return trimmed;
}

export const APPLICATION_STATUS_LABELS: EnumLabels<ApplicationStatus> = {
  fr: {
    SUBMITTED: 'Envoyée',
    SHORTLISTED: 'Présélectionnée',
    INTERVIEW: 'Entretien',
    OFFERED: 'Offre reçue',
    HIRED: 'Embauché·e',
    REJECTED: 'Refusée',
    WITHDRAWN: 'Retirée',
  },
  en: {
    SUBMITTED: 'Submitted',
    SHORTLISTED: 'Shortlisted',
    INTERVIEW: 'Interview',
    OFFERED: 'Offer made',
    HIRED: 'Hired',
    REJECTED: 'Rejected',
    WITHDRAWN: 'Withdrawn',
  },
};

export const APPLICATION_SOURCE_LABELS: EnumLabels<ApplicationSource> = {
  fr: { STUDENT: 'Candidature directe', RECOMMENDATION: 'Recommandation de l’école' },
  en: { STUDENT: 'Direct application', RECOMMENDATION: 'School recommendation' },
};

/**
 * Button label of a human move, keyed by target status (company and student targets never overlap).
 * SUBMITTED is never a target.
 */
export const APPLICATION_MOVE_LABELS: {
  readonly [L in 'fr' | 'en']: { readonly [S in Exclude<ApplicationStatus, 'SUBMITTED'>]: string };
} = {
  fr: {
    SHORTLISTED: 'Présélectionner',
    INTERVIEW: 'Proposer un entretien',
    OFFERED: 'Faire une offre',
    REJECTED: 'Refuser',
    HIRED: 'Accepter l’offre',
    WITHDRAWN: 'Retirer ma candidature',
  },
  en: {
    SHORTLISTED: 'Shortlist',
    INTERVIEW: 'Invite to interview',
    OFFERED: 'Make an offer',
    REJECTED: 'Reject',
    HIRED: 'Accept the offer',
    WITHDRAWN: 'Withdraw my application',
  },
};

export function moveLabel(to: ApplicationStatus, locale: 'fr' | 'en' = 'fr'): string {
  return to === 'SUBMITTED' ? APPLICATION_STATUS_LABELS[locale].SUBMITTED : APPLICATION_MOVE_LABELS[locale][to];
}

/** French/English text of the system reasons, for history display. */
export const SYSTEM_MOVE_REASON_LABELS = {
  fr: {
    'position filled': 'Poste pourvu',
    'hired elsewhere': 'Embauché·e ailleurs',
    'promise closed': 'Promesse clôturée',
    'promise expired': 'Promesse expirée',
    'account deleted': 'Compte supprimé',
  },
  en: {
    'position filled': 'Position filled',
    'hired elsewhere': 'Hired elsewhere',
    'promise closed': 'Job promise closed',
    'promise expired': 'Job promise expired',
    'account deleted': 'Account deleted',
  },
} as const;

/** A stored reason as shown to people: system reasons translated, others as written. */
export function reasonLabel(reason: string, locale: 'fr' | 'en' = 'fr'): string {
  return (SYSTEM_MOVE_REASON_LABELS[locale] as Record<string, string>)[reason] ?? reason;
}
