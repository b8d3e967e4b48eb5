import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  labelOf,
  nextRecommendationStatuses,
  RECOMMENDATION_STATUS_LABELS,
} from '@promesse/shared';
import { ActionError, useItemErrors } from '../../components/action-error';
import { useConfirm } from '../../components/confirm-dialog';
import { formatDate } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useLiveRefresh } from '../../components/use-live-refresh';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyRecommendationsDocument, RespondToRecommendationDocument } from './student.documents';

/** Recommendations the student's school made for them: accept (creates the application) or decline. */
export function StudentRecommendationsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('student.recommendations.title'));
  const [result, reexecute] = useQuery({ query: MyRecommendationsDocument, requestPolicy: 'cache-and-network' });
  useLiveRefresh(
    (n) => n.type === 'RECOMMENDATION_RECEIVED',
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [respondState, respond] = useMutation(RespondToRecommendationDocument);
  const [confirm, confirmDialog] = useConfirm();
  const itemErrors = useItemErrors();
  const recommendations = result.data?.myRecommendations;

  const onRespond = async (id: string, accept: boolean) => {
    // Declining cannot be undone: asked in the app's confirmation dialog.
    if (
      !accept &&
      !(await confirm({
        title: t('student.recommendations.confirmDeclineTitle'),
        body: t('student.recommendations.confirmDecline'),
        confirmLabel: t('student.recommendations.decline'),
        danger: true,
      }))
    )
      return;
    const res = await respond({ id, accept });
    itemErrors.report(id, res);
  };

  return (
    <div className="page">
      <h1>{t('student.recommendations.title')}</h1>
      <p className="page__lead">{t('student.recommendations.lead')}</p>
      {confirmDialog}
      {result.error && !recommendations ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !recommendations ? (
        <LoadingState />
      ) : recommendations.length === 0 ? (
        <EmptyState title={t('student.recommendations.emptyTitle')}>
          <p>{t('student.recommendations.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {recommendations.map((r) => (
            <li key={r.id}>
              <article className="card" aria-labelledby={`rec-${r.id}`}>
                <h2 id={`rec-${r.id}`} className="promise-card__title">
                  <Link to={`/eleve/promesses/${r.jobPromise.id}`}>{r.jobPromise.title}</Link>
                </h2>
                <p className="promise-card__meta">
                  {r.jobPromise.company.name} · {r.jobPromise.city} ·{' '}
                  {labelOf(CONTRACT_TYPE_LABELS, r.jobPromise.contractType, locale)}
                </p>
                <p>
                  {t('student.recommendations.by', { school: r.school.name, date: formatDate(r.createdAt, locale) })}
                </p>
                <blockquote className="note">{r.note}</blockquote>
                <p className="status-badge" data-status={r.status}>
                  {labelOf(RECOMMENDATION_STATUS_LABELS, r.status, locale)}
                </p>
                {nextRecommendationStatuses(r.status, 'STUDENT').length > 0 ? (
                  <div className="toolbar">
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={respondState.fetching}
                      onClick={() => void onRespond(r.id, true)}
                    >
                      {t('student.recommendations.accept')}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={respondState.fetching}
                      onClick={() => void onRespond(r.id, false)}
                    >
                      {t('student.recommendations.decline')}
                    </button>
                  </div>
                ) : null}
                <ActionError text={itemErrors.errorOf(r.id)} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
