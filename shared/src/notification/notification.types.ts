import * as z from 'zod';
import { enumObject, type EnumLabels, type Locale } from '../common/common.enum';
import { idSchema, optionalInput } from '../common/common.schemas';
import { APPLICATION_STATUS_LABELS, reasonLabel, type ApplicationStatus } from '../application/application.machine';
import type { PartnershipStatus } from '../company/company.partnership';

export const NOTIFICATION_TYPES = [
  'APPLICATION_RECEIVED',
  'APPLICATION_STATUS_CHANGED',
  'RECOMMENDATION_RECEIVED',
  'JOB_PROMISE_MATCH',
  'PARTNERSHIP_REQUESTED',
  'PARTNERSHIP_DECIDED',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const NotificationType = enumObject(NOTIFICATION_TYPES);
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES, 'Type de notification inconnu');

export const NOTIFICATION_TYPE_LABELS: EnumLabels<NotificationType> = {
  fr: {
    APPLICATION_RECEIVED: 'Nouvelle candidature',
    APPLICATION_STATUS_CHANGED: 'Suivi de candidature',
    RECOMMENDATION_RECEIVED: 'Recommandation',
    JOB_PROMISE_MATCH: 'Nouvelle promesse pour vous',
    PARTNERSHIP_REQUESTED: 'Demande de partenariat',
    PARTNERSHIP_DECIDED: 'Décision de partenariat',
  },
  en: {
    APPLICATION_RECEIVED: 'New application',
    APPLICATION_STATUS_CHANGED: 'Application update',
    RECOMMENDATION_RECEIVED: 'Recommendation',
    JOB_PROMISE_MATCH: 'New job promise for you',
    PARTNERSHIP_REQUESTED: 'Partnership request',
    PARTNERSHIP_DECIDED: 'Partnership decision',
  },
};

/**
 * The `data` stored with each notification type: ids for navigation plus the names needed to write the text
 * (denormalised so the text can be rebuilt in another locale without queries). Every name is optional: the
 * builders fall back to neutral wording.
 */
export interface NotificationDataMap {
  APPLICATION_RECEIVED: { applicationId: string; jobPromiseId: string; jobPromiseTitle?: string; studentName?: string };
  APPLICATION_STATUS_CHANGED: {
    applicationId: string;
    jobPromiseId: string;
    jobPromiseTitle?: string;
    companyName?: string;
    /** Set when the recipient is school staff (they follow their students). */
    studentName?: string;
    from?: ApplicationStatus;
    to: ApplicationStatus;
    reason?: string;
  };
  RECOMMENDATION_RECEIVED: {
    recommendationId: string;
    jobPromiseId: string;
    jobPromiseTitle?: string;
    schoolName?: string;
    /** Set when the recipient is a recruiter. */
    studentName?: string;
  };
  JOB_PROMISE_MATCH: { jobPromiseId: string; jobPromiseTitle?: string; companyName?: string; city?: string };
  PARTNERSHIP_REQUESTED: { partnershipId: string; companyName?: string; schoolName?: string };
  PARTNERSHIP_DECIDED: { partnershipId: string; schoolName?: string; status: PartnershipStatus };
}
export type NotificationData<T extends NotificationType = NotificationType> = NotificationDataMap[T];

export interface NotificationText {
  title: string;
  body: string;
}

const q = (s: string | undefined, fallback: string) => (s ? `« ${s} »` : fallback);

const builders: {
  [L in Locale]: { [T in NotificationType]: (d: Partial<NotificationDataMap[T]>) => NotificationText };
} = {
  fr: {
    APPLICATION_RECEIVED: (d) => ({
      title: 'Nouvelle candidature',
      body: `${d.studentName ?? 'Un·e élève'} a candidaté à votre promesse ${q(d.jobPromiseTitle, 'd’embauche')}.`,
    }),
    APPLICATION_STATUS_CHANGED: (d) => {
      const status = d.to ? APPLICATION_STATUS_LABELS.fr[d.to].toLowerCase() : 'mise à jour';
      const who = d.studentName ? `La candidature de ${d.studentName}` : 'Votre candidature';
      const reason = d.reason ? ` Motif : ${reasonLabel(d.reason, 'fr')}.` : '';
      const title =
        d.to === 'OFFERED' && !d.studentName
          ? 'Vous avez reçu une offre !'
          : d.to === 'HIRED' && !d.studentName
            ? 'Félicitations, vous êtes embauché·e !'
            : 'Candidature mise à jour';
      return {
        title,
        body: `${who} à ${q(d.jobPromiseTitle, 'la promesse d’embauche')}${d.companyName ? ` (${d.companyName})` : ''} est maintenant : ${status}.${reason}`,
      };
    },
    RECOMMENDATION_RECEIVED: (d) =>
      d.studentName
        ? {
            title: 'Élève recommandé·e',
            body: `${d.schoolName ?? 'Une école'} vous recommande ${d.studentName} pour ${q(d.jobPromiseTitle, 'votre promesse d’embauche')}.`,
          }
        : {
            title: 'Votre école vous recommande',
            body: `${d.schoolName ?? 'Votre école'} vous a recommandé·e pour ${q(d.jobPromiseTitle, 'une promesse d’embauche')}. Acceptez pour envoyer votre candidature.`,
          },
    JOB_PROMISE_MATCH: (d) => ({
      title: 'Une promesse d’embauche pour vous',
      body: `${d.companyName ?? 'Une entreprise'} propose ${q(d.jobPromiseTitle, 'un poste')}${d.city ? ` à ${d.city}` : ''}, dans votre métier.`,
    }),
    PARTNERSHIP_REQUESTED: (d) => ({
      title: 'Demande de partenariat',
      body: `${d.companyName ?? 'Une entreprise'} demande à devenir partenaire de ${d.schoolName ?? 'votre école'}.`,
    }),
    PARTNERSHIP_DECIDED: (d) => ({
      title: d.status === 'APPROVED' ? 'Partenariat accepté' : 'Partenariat refusé',
      body:
        d.status === 'APPROVED'
          ? `${d.schoolName ?? 'L’école'} a accepté votre partenariat. Vous pouvez publier des promesses pour ses élèves.`
          : `${d.schoolName ?? 'L’école'} a refusé votre demande de partenariat.`,
    }),
  },
  en: {
    APPLICATION_RECEIVED: (d) => ({
      title: 'New application',
      body: `${d.studentName ?? 'A student'} applied to your job promise${d.jobPromiseTitle ? ` "${d.jobPromiseTitle}"` : ''}.`,
    }),
    APPLICATION_STATUS_CHANGED: (d) => {
      const status = d.to ? APPLICATION_STATUS_LABELS.en[d.to].toLowerCase() : 'updated';
      const who = d.studentName ? `${d.studentName}'s application` : 'Your application';
      const reason = d.reason ? ` Reason: ${reasonLabel(d.reason, 'en')}.` : '';
      return {
        title: 'Application updated',
        body: `${who} to ${d.jobPromiseTitle ? `"${d.jobPromiseTitle}"` : 'the job promise'}${d.companyName ? ` (${d.companyName})` : ''} is now: ${status}.${reason}`,
      };
    },
    RECOMMENDATION_RECEIVED: (d) =>
      d.studentName
        ? {
            title: 'Recommended student',
            body: `${d.schoolName ?? 'A school'} recommends ${d.studentName} for ${d.jobPromiseTitle ? `"${d.jobPromiseTitle}"` : 'your job promise'}.`,
          }
        : {
            title: 'Your school recommends you',
            body: `${d.schoolName ?? 'Your school'} recommended you for ${d.jobPromiseTitle ? `"${d.jobPromiseTitle}"` : 'a job promise'}. Accept to apply.`,
          },
    JOB_PROMISE_MATCH: (d) => ({
      title: 'A job promise for you',
      body: `${d.companyName ?? 'A company'} offers ${d.jobPromiseTitle ? `"${d.jobPromiseTitle}"` : 'a position'}${d.city ? ` in ${d.city}` : ''}, in your trade.`,
    }),
    PARTNERSHIP_REQUESTED: (d) => ({
      title: 'Partnership request',
      body: `${d.companyName ?? 'A company'} asks to partner with ${d.schoolName ?? 'your school'}.`,
    }),
    PARTNERSHIP_DECIDED: (d) => ({
      title: d.status === 'APPROVED' ? 'Partnership approved' : 'Partnership rejected',
      body:
        d.status === 'APPROVED'
          ? `${d.schoolName ?? 'The school'} approved your partnership. You can now post job promises for its students.`
          : `${d.schoolName ?? 'The school'} rejected your partnership request.`,
    }),
  },
};

/** Default title and body of a notification, in French unless told otherwise. */
export function buildNotificationText<T extends NotificationType>(
  type: T,
  data: Partial<NotificationDataMap[T]> | Record<string, unknown>,
  locale: Locale = 'fr',
): NotificationText {
  const build = (builders[locale] ?? builders.fr)[type] as (d: Partial<NotificationDataMap[T]>) => NotificationText;
  return build(data as Partial<NotificationDataMap[T]>);
}

/** No ids: mark all as read. */
export const markNotificationsReadSchema = z.object({
  ids: optionalInput(z.array(idSchema).max(500, '500 notifications maximum')),
});
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadSchema>;

export const notificationsQuerySchema = z.object({
  first: optionalInput(z.number().int().min(1).max(100)),
  after: optionalInput(z.string().max(200)),
  unreadOnly: optionalInput(z.boolean()),
});

/** Types a user chose not to receive live (still stored, still listed). */
export const notificationPreferencesSchema = z.object({
  mutedTypes: z.array(notificationTypeSchema).transform((ts) => [...new Set(ts)]),
});
export type NotificationPreferencesInput = z.infer<typeof notificationPreferencesSchema>;
