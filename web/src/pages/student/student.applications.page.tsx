import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  APPLICATION_SOURCE_LABELS,
  labelOf,
  moveLabel,
  reasonLabel,
  ROLE_LABELS,
  statusLabelFor,
  type ApplicationStatus,
} from '@promesse/shared';
import { ActionError, useItemErrors } from '../../components/action-error';
import { useConfirm } from '../../components/confirm-dialog';
import { formatDate, formatDateTime } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLiveRefresh } from '../../components/use-live-refresh';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyApplicationsDocument, StudentMoveApplicationDocument } from './student.documents';
import { StudentHiring } from './student.hiring';

/**
 * The moves offered as plain buttons: an offer is accepted or declined with the offer itself (StudentHiring), so
 * neither HIRED nor, while the offer waits, WITHDRAWN is repeated here.
 */
function otherMoves(a: { status: ApplicationStatus; allowedMoves: readonly ApplicationStatus[] }): ApplicationStatus[] {
  return a.allowedMoves.filter((to) => to !== 'HIRED' && !(a.status === 'OFFERED' && to === 'WITHDRAWN'));
}

/** The student's applications, each with its status timeline and the moves the student may make. */
export function StudentApplicationsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('student.applications.title'));
  const [result, reexecute] = useQuery({ query: MyApplicationsDocument, requestPolicy: 'cache-and-network' });
  useLiveRefresh(
    (n) =>
      n.type === 'APPLICATION_STATUS_CHANGED' || n.type === 'INTERVIEW_PROPOSED' || n.type === 'INTERVIEW_CANCELLED',
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [moveState, move] = useMutation(StudentMoveApplicationDocument);
  const itemErrors = useItemErrors();
  const [confirm, confirmDialog] = useConfirm();
  const applications = result.data?.myApplications;

  const onMove = async (id: string, to: ApplicationStatus) => {
    const irreversible =
      to === 'WITHDRAWN' &&
      !(await confirm({
        title: t('student.applications.confirmWithdrawTitle'),
        body: t('student.applications.confirmWithdraw'),
        confirmLabel: moveLabel(to, locale),
        danger: true,
      }));
    if (irreversible) return;
    const res = await move({ id, to });
    itemErrors.report(id, res);
  };

  return (
    <div className="page">
      <h1>{t('student.applications.title')}</h1>
      {confirmDialog}
      {result.error && !applications ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !applications ? (
        <LoadingState />
      ) : applications.length === 0 ? (
        <EmptyState
          title={t('student.applications.emptyTitle')}
          action={
            <Link className="button button--secondary" to="/eleve/recherche">
              {t('student.home.searchAll')}
            </Link>
          }
        >
          <p>{t('student.applications.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="my-applications">
          {applications.map((a) => (
            <li key={a.id}>
              <article className="card" aria-labelledby={`app-${a.id}`}>
                <h2 id={`app-${a.id}`} className="promise-card__title">
                  <Link to={`/eleve/promesses/${a.jobPromise.id}`}>{a.jobPromise.title}</Link>
                </h2>
                <p className="promise-card__meta">
                  {a.jobPromise.company.name} · {a.jobPromise.city} ·{' '}
                  {labelOf(APPLICATION_SOURCE_LABELS, a.source, locale)} · {formatDate(a.createdAt, locale)}
                </p>
                <p className="status-badge" data-status={a.status} data-testid="application-status">
                  {statusLabelFor(a.status, 'STUDENT', locale)}
                </p>
                <StudentHiring application={a} />
                <h3>{t('student.applications.timeline')}</h3>
                <ol className="timeline">
                  {a.history.map((h, i) => (
                    <li key={i} className="timeline__item">
                      <span className="timeline__status">{statusLabelFor(h.to, 'STUDENT', locale)}</span>
                      <span className="timeline__meta">
                        {' '}
                        · {formatDateTime(h.at, locale)} ·{' '}
                        {h.byRole === 'SYSTEM'
                          ? t('student.applications.system')
                          : labelOf(ROLE_LABELS, h.byRole, locale)}
                      </span>
                      {h.reason ? <p className="timeline__reason">{reasonLabel(h.reason, locale)}</p> : null}
                    </li>
                  ))}
                </ol>
                {otherMoves(a).length ? (
                  <div className="toolbar">
                    {otherMoves(a).map((to) => (
                      <button
                        key={to}
                        type="button"
                        className="button button--secondary"
                        disabled={moveState.fetching}
                        onClick={() => void onMove(a.id, to)}
                      >
                        {moveLabel(to, locale)}
                      </button>
                    ))}
                  </div>
                ) : null}
                <p>
                  <Link to={`/eleve/candidatures/${a.id}`} className="button button--secondary button--compact">
                    {a.conversation?.unreadCount
                      ? t('student.applications.messagesUnread', {
                          count: a.conversation.unreadCount,
                          title: a.jobPromise.title,
                        })
                      : t('student.applications.messages', { title: a.jobPromise.title })}
                  </Link>
                </p>
                <ActionError text={itemErrors.errorOf(a.id)} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
