import * as z from 'zod';
import { enumObject, type EnumLabels, type Locale } from '../common/common.enum';
import { activeLocale } from '../messages/messages.locale';
import { renderMessage, type MessageParams } from '../messages/messages.render';
import { idSchema, optionalInput } from '../common/common.schemas';
import { APPLICATION_STATUS_LABELS, reasonLabel, type ApplicationStatus } from '../application/application.machine';
import type { PartnershipStatus } from '../company/company.partnership';
import type { ContactSignal } from '../conversation/conversation.contact';
import { parisParts } from '../hiring/hiring.schemas';

export const NOTIFICATION_TYPES = [
  'APPLICATION_RECEIVED',
  'APPLICATION_STATUS_CHANGED',
  'RECOMMENDATION_RECEIVED',
  'JOB_PROMISE_MATCH',
  'PARTNERSHIP_REQUESTED',
  'PARTNERSHIP_DECIDED',
  // Conversations of applications (issue 15).
  'MESSAGE_RECEIVED',
  'CONTACT_REQUEST_FLAGGED',
  // Hiring (interviews, promise edits).
  'INTERVIEW_PROPOSED',
  'INTERVIEW_ANSWERED',
  'INTERVIEW_REMINDER',
  'JOB_PROMISE_UPDATED',
  // The company cancelled an interview (the student and the school staff are told).
  'INTERVIEW_CANCELLED',
  // Issue 14: saved searches, reminders to companies, recommendations closed with their promise.
  'JOB_ALERT_MATCH',
  'JOB_PROMISE_EXPIRING',
  'APPLICATIONS_WAITING',
  'RECOMMENDATION_CLOSED',
  // Issue 17: staff of a school, once per graduate whose exit outcome is still missing two months after graduation.
  'OUTCOME_MISSING',
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
    MESSAGE_RECEIVED: 'Nouveau message',
    CONTACT_REQUEST_FLAGGED: 'Demande de contact hors de l’application',
    INTERVIEW_PROPOSED: 'Proposition d’entretien',
    INTERVIEW_ANSWERED: 'Réponse à un entretien',
    INTERVIEW_REMINDER: 'Rappel d’entretien',
    INTERVIEW_CANCELLED: 'Entretien annulé',
    JOB_PROMISE_UPDATED: 'Promesse modifiée',
    JOB_ALERT_MATCH: 'Alerte de recherche',
    JOB_PROMISE_EXPIRING: 'Promesse bientôt expirée',
    APPLICATIONS_WAITING: 'Candidatures en attente',
    RECOMMENDATION_CLOSED: 'Recommandation close',
    OUTCOME_MISSING: 'Devenir d’un diplômé à renseigner',
  },
  en: {
    APPLICATION_RECEIVED: 'New application',
    APPLICATION_STATUS_CHANGED: 'Application update',
    RECOMMENDATION_RECEIVED: 'Recommendation',
    JOB_PROMISE_MATCH: 'New job promise for you',
    PARTNERSHIP_REQUESTED: 'Partnership request',
    PARTNERSHIP_DECIDED: 'Partnership decision',
    MESSAGE_RECEIVED: 'New message',
    CONTACT_REQUEST_FLAGGED: 'Request for contact outside the app',
    INTERVIEW_PROPOSED: 'Interview proposal',
    INTERVIEW_ANSWERED: 'Interview answer',
    INTERVIEW_REMINDER: 'Interview reminder',
    INTERVIEW_CANCELLED: 'Interview cancelled',
    JOB_PROMISE_UPDATED: 'Job promise updated',
    JOB_ALERT_MATCH: 'Search alert',
    JOB_PROMISE_EXPIRING: 'Job promise expiring soon',
    APPLICATIONS_WAITING: 'Applications waiting',
    RECOMMENDATION_CLOSED: 'Recommendation closed',
    OUTCOME_MISSING: 'Graduate outcome to record',
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
  JOB_ALERT_MATCH: {
    jobPromiseId: string;
    jobAlertId: string;
    jobPromiseTitle?: string;
    companyName?: string;
    city?: string;
    alertName?: string;
  };
  JOB_PROMISE_EXPIRING: { jobPromiseId: string; jobPromiseTitle?: string; expiresAt?: string };
  APPLICATIONS_WAITING: { jobPromiseId: string; jobPromiseTitle?: string; count?: number; days?: number };
  RECOMMENDATION_CLOSED: {
    recommendationId: string;
    jobPromiseId: string;
    jobPromiseTitle?: string;
    companyName?: string;
    /** The promise's status that closed it (CLOSED, EXPIRED, FILLED). */
    status?: string;
  };
  /** To the other side of an application's conversation (the student, or the company's recruiters). */
  MESSAGE_RECEIVED: {
    applicationId: string;
    messageId: string;
    jobPromiseTitle?: string;
    /** "Lina Benali" for a recruiter; the company's name for the student. */
    authorName?: string;
    /** The message's first characters (the thread itself is read from the conversation). */
    excerpt?: string;
  };
  /** To the student's school staff: a recruiter's message seems to ask for contact outside the app. */
  CONTACT_REQUEST_FLAGGED: {
    applicationId: string;
    messageId: string;
    studentId: string;
    studentName?: string;
    companyName?: string;
    signals?: ContactSignal[];
  };
  INTERVIEW_PROPOSED: InterviewNotificationData;
  INTERVIEW_ANSWERED: InterviewNotificationData & { accepted: boolean; message?: string };
  INTERVIEW_REMINDER: InterviewNotificationData;
  /** `reason`: the recruiter's words, when given. */
  INTERVIEW_CANCELLED: InterviewNotificationData & { reason?: string };
  JOB_PROMISE_UPDATED: { jobPromiseId: string; jobPromiseTitle?: string; companyName?: string; fields: string[] };
  /** graduationDate: ISO date-time. */
  OUTCOME_MISSING: { studentId: string; studentName?: string; graduationDate?: string };
}

/** What every interview notification carries; `studentName` is set when the recipient is a recruiter. */
export interface InterviewNotificationData {
  interviewId: string;
  applicationId: string;
  jobPromiseId: string;
  jobPromiseTitle?: string;
  companyName?: string;
  studentName?: string;
  /** ISO instant; texts show it in Paris time. */
  startsAt: string;
  place?: string;
  videoUrl?: string;
}
export type NotificationData<T extends NotificationType = NotificationType> = NotificationDataMap[T];

export interface NotificationText {
  title: string;
  body: string;
}

type Texts = (key: string, params?: MessageParams) => string;
type Builder<T extends NotificationType> = (
  d: Partial<NotificationDataMap[T]>,
  t: Texts,
  locale: Locale,
) => NotificationText;

// Every word comes from the catalog (`notification.*` keys): the builders only choose keys and fill in the data.
const builders: { [T in NotificationType]: Builder<T> } = {
  APPLICATION_RECEIVED: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      studentName: d.studentName ?? t('studentFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
    }),
  }),
  APPLICATION_STATUS_CHANGED: (d, t, locale) => {
    const forStudent = !d.studentName;
    return {
      title: t(
        forStudent && d.to === 'OFFERED' ? 'titleOffered' : forStudent && d.to === 'HIRED' ? 'titleHired' : 'title',
      ),
      body: t('body', {
        who: d.studentName ? t('whoStaff', { studentName: d.studentName }) : t('whoStudent'),
        jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
        company: d.companyName ? t('company', { companyName: d.companyName }) : '',
        status: d.to ? APPLICATION_STATUS_LABELS[locale][d.to].toLowerCase() : t('statusFallback'),
        reason: d.reason ? t('reason', { reason: reasonLabel(d.reason, locale) }) : '',
      }),
    };
  },
  RECOMMENDATION_RECEIVED: (d, t, locale) => {
    // With a student's name the recipient is a recruiter; without, the student themself.
    const who = d.studentName ? 'Recruiter' : 'Student';
    return {
      title: t(`title${who}`),
      body: t(`body${who}`, {
        schoolName: d.schoolName ?? t(`schoolFallback${who}`),
        studentName: d.studentName ?? '',
        jobPromise: quoted(d.jobPromiseTitle, locale) ?? t(`jobPromiseFallback${who}`),
      }),
    };
  },
  JOB_PROMISE_MATCH: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      city: d.city ? t('city', { city: d.city }) : '',
    }),
  }),
  PARTNERSHIP_REQUESTED: (d, t) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      schoolName: d.schoolName ?? t('schoolFallback'),
    }),
  }),
  PARTNERSHIP_DECIDED: (d, t) => {
    const outcome = d.status === 'APPROVED' ? 'Approved' : 'Rejected';
    return {
      title: t(`title${outcome}`),
      body: t(`body${outcome}`, { schoolName: d.schoolName ?? t('schoolFallback') }),
    };
  },
  MESSAGE_RECEIVED: (d, t, locale) => ({
    title: t('title', { authorName: d.authorName ?? t('authorFallback') }),
    body: t('body', {
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      excerpt: d.excerpt ? (quoted(d.excerpt, locale) ?? '') : t('attachmentOnly'),
    }),
  }),
  CONTACT_REQUEST_FLAGGED: (d, t) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      studentName: d.studentName ?? t('studentFallback'),
    }),
  }),
  INTERVIEW_PROPOSED: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      when: interviewWhen(d.startsAt, t),
    }),
  }),
  INTERVIEW_ANSWERED: (d, t, locale) => ({
    title: t(d.accepted ? 'titleAccepted' : 'titleReschedule'),
    body: t(d.accepted ? 'bodyAccepted' : 'bodyReschedule', {
      studentName: d.studentName ?? t('studentFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      when: interviewWhen(d.startsAt, t),
      message: d.message ? t('message', { message: d.message }) : '',
    }),
  }),
  INTERVIEW_REMINDER: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      who: d.studentName ?? d.companyName ?? t('whoFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      when: interviewWhen(d.startsAt, t),
    }),
  }),
  INTERVIEW_CANCELLED: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      who: d.studentName ? t('whoStaff', { studentName: d.studentName }) : t('whoStudent'),
      companyName: d.companyName ?? t('companyFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      when: interviewWhen(d.startsAt, t),
      reason: d.reason ? t('reason', { reason: d.reason }) : '',
    }),
  }),
  JOB_PROMISE_UPDATED: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      fields: (d.fields ?? []).map((f) => t(`field.${f}`)).join(', '),
    }),
  }),
  JOB_ALERT_MATCH: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      companyName: d.companyName ?? t('companyFallback'),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      city: d.city ? t('city', { city: d.city }) : '',
      alertName: d.alertName ? (quoted(d.alertName, locale) ?? '') : t('alertFallback'),
    }),
  }),
  JOB_PROMISE_EXPIRING: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
      date: d.expiresAt ?? '',
    }),
  }),
  APPLICATIONS_WAITING: (d, t, locale) => ({
    title: t('title'),
    body: t('body', {
      // Numbers (GraphQL's NotificationData gives them as strings): i18next picks the plural from a number.
      count: Number(d.count ?? 1),
      days: Number(d.days ?? 10),
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
    }),
  }),
  RECOMMENDATION_CLOSED: (d, t, locale) => ({
    title: t('title'),
    body: t(d.status === 'FILLED' ? 'bodyFilled' : d.status === 'EXPIRED' ? 'bodyExpired' : 'bodyClosed', {
      jobPromise: quoted(d.jobPromiseTitle, locale) ?? t('jobPromiseFallback'),
    }),
  }),
  OUTCOME_MISSING: (d, t) => ({
    title: t('title'),
    body: t(d.graduationDate ? 'body' : 'bodyUndated', {
      studentName: d.studentName ?? t('studentFallback'),
      date: d.graduationDate ?? '',
    }),
  }),
};

function interviewWhen(startsAt: string | undefined, t: Texts): string {
  if (!startsAt) return t('whenFallback');
  const { date, time } = parisParts(new Date(startsAt));
  return t('when', { date, time });
}

function quoted(text: string | undefined, locale: Locale): string | undefined {
  return text ? renderMessage('notification.quoted', { text }, locale) : undefined;
}

/** Title and body of a notification in `locale` (default: the active locale), from its type and stored data. */
export function buildNotificationText<T extends NotificationType>(
  type: T,
  data: Partial<NotificationDataMap[T]> | Record<string, unknown>,
  locale: Locale = activeLocale(),
): NotificationText {
  const t: Texts = (key, params) => renderMessage(`notification.${type}.${key}`, params, locale);
  const build = builders[type] as Builder<T>;
  return build(data as Partial<NotificationDataMap[T]>, t, locale);
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
