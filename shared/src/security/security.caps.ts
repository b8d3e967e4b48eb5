import { defineMessages } from '../messages/messages.define';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Caps against spam (issue 14): how many of an action one actor may take in a sliding window. Counted from the
 * records the action creates, so they hold across API instances; past the cap the API answers TOO_MANY_REQUESTS with
 * `extensions.retryAfterSeconds` (when the oldest counted record leaves the window).
 */
export const ACTION_CAPS = {
  /** Recommendations one graduate may receive per day: a school recommends a few targeted promises, not a mailing. */
  recommendationsPerGraduate: { max: 10, windowMs: DAY_MS },
  /** Applications one student may send per day: enough for a serious search, not for applying to everything. */
  applicationsPerStudent: { max: 20, windowMs: DAY_MS },
  /** Partnership requests one company may send per day: schools review each by hand. */
  partnershipRequestsPerCompany: { max: 10, windowMs: DAY_MS },
  /** Invitations (and resends) one inviter may send per hour: each one is an e-mail to a person. */
  invitationsPerInviter: { max: 50, windowMs: HOUR_MS },
} as const;
export type ActionCap = keyof typeof ACTION_CAPS;

export const securityCapMessages = defineMessages({
  fr: {
    'security.cap.recommendationsPerGraduate':
      'Cet·te élève a déjà reçu {{max}} recommandations aujourd’hui. Réessayez plus tard.',
    'security.cap.applicationsPerStudent': 'Vous avez déjà envoyé {{max}} candidatures aujourd’hui. Réessayez demain.',
    'security.cap.partnershipRequestsPerCompany':
      'Votre entreprise a déjà envoyé {{max}} demandes de partenariat aujourd’hui. Réessayez demain.',
    'security.cap.invitationsPerInviter':
      'Vous avez déjà envoyé {{max}} invitations cette heure-ci. Réessayez plus tard.',
  },
  en: {
    'security.cap.recommendationsPerGraduate':
      'This student has already received {{max}} recommendations today. Try again later.',
    'security.cap.applicationsPerStudent': 'You have already sent {{max}} applications today. Try again tomorrow.',
    'security.cap.partnershipRequestsPerCompany':
      'Your company has already sent {{max}} partnership requests today. Try again tomorrow.',
    'security.cap.invitationsPerInviter': 'You have already sent {{max}} invitations this hour. Try again later.',
  },
});
