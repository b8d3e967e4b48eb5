import type { NotificationType, Role } from '@promesse/shared';

/** The ids a notification carries for deep links (NotificationData, fields absent for a type are null). */
export interface NotificationLinkData {
  jobPromiseId?: string | null;
  applicationId?: string | null;
  recommendationId?: string | null;
  partnershipId?: string | null;
  studentId?: string | null;
}

/**
 * Where a notification leads, for the reader's role. Paths agreed between the web areas: student promise
 * page `/eleve/promesses/:id`, recommendations `/eleve/recommandations`, applications `/eleve/candidatures`;
 * company promise board `/entreprise/promesses/:id`, partnerships `/entreprise/partenariats`; school pages under `/ecole`. null: nothing to open.
 */
export function notificationTarget(role: Role, type: NotificationType, data: NotificationLinkData): string | null {
  const promise = data.jobPromiseId ?? null;
  // A message (or, for staff, a contact request to check) opens the application's conversation.
  const application = data.applicationId ?? null;
  if (application && (type === 'MESSAGE_RECEIVED' || type === 'CONTACT_REQUEST_FLAGGED')) {
    if (role === 'STUDENT') return `/eleve/candidatures/${application}`;
    if (role === 'COMPANY_RECRUITER') return `/entreprise/candidatures/${application}`;
    if (role === 'SCHOOL_STAFF') return `/ecole/candidatures/${application}`;
  }
  switch (role) {
    case 'STUDENT':
      if (type === 'RECOMMENDATION_RECEIVED' || type === 'RECOMMENDATION_CLOSED') return '/eleve/recommandations';
      if (type === 'APPLICATION_STATUS_CHANGED') return '/eleve/candidatures';
      if (type === 'INTERVIEW_PROPOSED' || type === 'INTERVIEW_REMINDER' || type === 'INTERVIEW_CANCELLED')
        return '/eleve/candidatures';
      return promise ? `/eleve/promesses/${promise}` : null;
    case 'COMPANY_RECRUITER':
      if (type === 'PARTNERSHIP_DECIDED') return '/entreprise/partenariats';
      return promise ? `/entreprise/promesses/${promise}` : '/entreprise';
    case 'SCHOOL_STAFF':
      if (type === 'PARTNERSHIP_REQUESTED' || type === 'PARTNERSHIP_DECIDED') return '/ecole/partenariats';
      if (type === 'OUTCOME_MISSING')
        return data.studentId ? `/ecole/resultats/diplomes/${data.studentId}` : '/ecole/resultats';
      return promise ? `/ecole/promesses/${promise}` : '/ecole';
    case 'FEDERATION_ADMIN':
      return null;
  }
}
