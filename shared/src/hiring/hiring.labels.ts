import type { EnumLabels, Locale } from '../common/common.enum';
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '../application/application.machine';
import type { InterviewStatus } from './hiring.schemas';

/** Whose side a status is shown to: an offer is "made" by the company and "received" by the student. */
export type StatusSide = 'COMPANY' | 'STUDENT';

const SIDE_OVERRIDES: {
  readonly [S in StatusSide]: { readonly [L in Locale]: Partial<Record<ApplicationStatus, string>> };
} = {
  COMPANY: { fr: { OFFERED: 'Offre faite' }, en: { OFFERED: 'Offer made' } },
  STUDENT: { fr: { OFFERED: 'Offre reçue' }, en: { OFFERED: 'Offer received' } },
};

/** The label of a status as one side sees it (school staff read the company's wording). */
export function statusLabelFor(status: ApplicationStatus, side: StatusSide, locale: Locale = 'fr'): string {
  return SIDE_OVERRIDES[side][locale][status] ?? APPLICATION_STATUS_LABELS[locale][status];
}

export const INTERVIEW_STATUS_LABELS: EnumLabels<InterviewStatus> = {
  fr: {
    PROPOSED: 'Proposé',
    ACCEPTED: 'Accepté',
    RESCHEDULE_REQUESTED: 'Autre horaire demandé',
    CANCELLED: 'Annulé',
  },
  en: {
    PROPOSED: 'Proposed',
    ACCEPTED: 'Accepted',
    RESCHEDULE_REQUESTED: 'Another time requested',
    CANCELLED: 'Cancelled',
  },
};
