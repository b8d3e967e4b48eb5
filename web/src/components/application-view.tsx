import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { APPLICATION_STATUS_LABELS, labelOf } from '@promesse/shared';
import { useI18n } from '../lib/i18n/i18n';
import { useDocumentTitle } from '../lib/i18n/use-document-title';
import { errorCodeOf } from '../lib/errors/errors.map';
import { NotFoundPage } from '../pages/errors/not-found.page';
import { ApplicantContact } from './applicant-contact';
import { ConversationPanel } from './conversation-panel';
import { ApplicationViewDocument } from './conversation.documents';
import { formatDate, studentNameOrNull } from './format';
import { ErrorState, LoadingState } from './states';

/**
 * One application and its conversation, as each side sees it: the company (contact of the applicant, writes), the
 * student (writes), the school staff (reads). An unknown or malformed id shows the not-found page.
 */
export function ApplicationView({ side, back }: { side: 'COMPANY' | 'STUDENT' | 'STAFF'; back: string }) {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: ApplicationViewDocument, variables: { id } });
  const application = result.data?.application;
  const title =
    side === 'STUDENT'
      ? (application?.jobPromise.title ?? t('application.view.title'))
      : (studentNameOrNull(application?.student.displayName, locale) ?? t('application.view.title'));
  useDocumentTitle(title);

  if (result.error && !application) {
    const code = errorCodeOf(result.error);
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') return <NotFoundPage />;
    return (
      <div className="page">
        <h1>{t('application.view.title')}</h1>
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (result.data && !application) return <NotFoundPage />;
  if (!application) return <LoadingState />;

  return (
    <div className="page">
      <p className="page__eyebrow">
        <Link to={back}>{t('application.view.back')}</Link>
      </p>
      <div className="page__head">
        <h1>{title}</h1>
        <p className="status-badge" data-status={application.status}>
          {labelOf(APPLICATION_STATUS_LABELS, application.status, locale)}
        </p>
      </div>
      <p className="page__lead">
        {side === 'STUDENT'
          ? `${application.company.name} · ${application.jobPromise.city}`
          : `${application.jobPromise.title} · ${application.company.name} · ${application.student.school.name}`}{' '}
        · {t('application.view.since', { date: formatDate(application.createdAt, locale) })}
      </p>
      {side === 'COMPANY' ? (
        <section className="card" aria-labelledby="applicant-contact">
          <h2 id="applicant-contact">{t('contact.heading')}</h2>
          <ApplicantContact student={application.student} />
        </section>
      ) : null}
      {application.message ? (
        <section className="card" aria-labelledby="application-message">
          <h2 id="application-message">{t('application.view.message')}</h2>
          <blockquote className="note">{application.message}</blockquote>
        </section>
      ) : null}
      <ConversationPanel applicationId={application.id} />
    </div>
  );
}
