import {
  CONTRACT_TYPE_LABELS,
  INTERVIEW_STATUS_LABELS,
  labelOf,
  type ContractType,
  type InterviewStatus,
  type Locale,
} from '@promesse/shared';
import { useI18n } from '../lib/i18n/i18n';
import { formatDate } from './format';

// What both sides read of an interview and an offer: the same words for the recruiter and the student.

export interface InterviewView {
  id: string;
  status: InterviewStatus;
  startsAt: string;
  durationMinutes: number;
  place?: string | null;
  videoUrl?: string | null;
  message?: string | null;
  responseMessage?: string | null;
  cancelReason?: string | null;
}

export interface OfferView {
  contractType: ContractType;
  startDate: string;
  weeklyHours: number;
  grossMonthlySalary?: number | null;
  apprenticeshipPercent?: number | null;
  message?: string | null;
}

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** "mardi 8 décembre 2026 à 14:00" in Paris time, whatever the browser's zone. */
export function interviewWhen(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

export function InterviewSummary({ interview }: { interview: InterviewView }) {
  const { t, locale } = useI18n();
  return (
    <div className="hiring-item" data-testid="interview" data-status={interview.status}>
      <p>
        <strong>{t('hiring.interview.when', { when: interviewWhen(interview.startsAt, locale) })}</strong> ·{' '}
        {t('hiring.interview.duration', { minutes: interview.durationMinutes })} ·{' '}
        <span className="status-badge" data-status={interview.status}>
          {labelOf(INTERVIEW_STATUS_LABELS, interview.status, locale)}
        </span>
      </p>
      {interview.place ? <p>{t('hiring.interview.placeIs', { place: interview.place })}</p> : null}
      {interview.videoUrl ? (
        <p>
          {t('hiring.interview.video')}{' '}
          <a href={interview.videoUrl} target="_blank" rel="noreferrer">
            {interview.videoUrl}
          </a>
        </p>
      ) : null}
      {interview.message ? <blockquote className="note">{interview.message}</blockquote> : null}
      {interview.responseMessage ? (
        <p className="note">{t('hiring.interview.studentAnswer', { message: interview.responseMessage })}</p>
      ) : null}
      {interview.cancelReason ? (
        <p className="note">{t('hiring.interview.cancelReasonIs', { reason: interview.cancelReason })}</p>
      ) : null}
    </div>
  );
}

export function OfferSummary({ offer }: { offer: OfferView }) {
  const { t, locale } = useI18n();
  const money = new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
  return (
    <dl className="offer" data-testid="offer">
      <dt>{t('hiring.offer.contract')}</dt>
      <dd>{labelOf(CONTRACT_TYPE_LABELS, offer.contractType, locale)}</dd>
      <dt>{t('hiring.offer.startDate')}</dt>
      <dd>{formatDate(offer.startDate, locale)}</dd>
      <dt>{t('hiring.offer.weeklyHours')}</dt>
      <dd>{t('hiring.offer.hours', { hours: offer.weeklyHours })}</dd>
      {offer.grossMonthlySalary != null ? (
        <>
          <dt>{t('hiring.offer.salary')}</dt>
          <dd>{money.format(offer.grossMonthlySalary)}</dd>
        </>
      ) : null}
      {offer.apprenticeshipPercent != null ? (
        <>
          <dt>{t('hiring.offer.percent')}</dt>
          <dd>{t('hiring.offer.percentValue', { percent: offer.apprenticeshipPercent })}</dd>
        </>
      ) : null}
      {offer.message ? (
        <>
          <dt>{t('hiring.offer.message')}</dt>
          <dd>{offer.message}</dd>
        </>
      ) : null}
    </dl>
  );
}
