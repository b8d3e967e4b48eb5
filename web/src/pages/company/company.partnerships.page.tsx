import { useMutation, useQuery } from 'urql';
import { labelOf, PARTNERSHIP_STATUS_LABELS, TRADE_LABELS } from '@promesse/shared';
import { ActionError, useItemErrors } from '../../components/action-error';
import { formatDate } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { CompanyPartnershipsDocument, RequestPartnershipDocument } from './company.documents';
import { useLiveRefresh } from '../../components/use-live-refresh';

/** Every school with the company's partnership status; a request goes to the school's staff. */
export function CompanyPartnershipsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('company.partnerships.title'));
  const [result, reexecute] = useQuery({ query: CompanyPartnershipsDocument, requestPolicy: 'cache-and-network' });
  // Live, like the bell: a partnership notification pushed over the socket refreshes the list.
  useLiveRefresh(
    (n) => n.type === 'PARTNERSHIP_DECIDED',
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [requestState, request] = useMutation(RequestPartnershipDocument);
  const itemErrors = useItemErrors();
  const data = result.data;

  const onRequest = async (schoolId: string) => {
    const res = await request({ schoolId });
    itemErrors.report(schoolId, res);
    if (!res.error) reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <div className="page">
      <h1>{t('company.partnerships.title')}</h1>
      <p className="page__lead">{t('company.partnerships.lead')}</p>
      {result.error && !data ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <LoadingState />
      ) : data.schools.length === 0 ? (
        <EmptyState title={t('company.partnerships.emptyTitle')} />
      ) : (
        <ul className="card-list">
          {data.schools.map((s) => {
            // Newest first: the latest request decides what the school's card shows.
            const partnership = data.partnerships.find((p) => p.school.id === s.id);
            return (
              <li key={s.id}>
                <article className="card" aria-labelledby={`school-${s.id}`}>
                  <h2 id={`school-${s.id}`} className="promise-card__title">
                    {s.name}
                  </h2>
                  <p className="promise-card__meta">
                    {s.city} · {s.trades.map((tr) => labelOf(TRADE_LABELS, tr, locale)).join(', ')}
                  </p>
                  {partnership ? (
                    <p className="status-badge" data-status={partnership.status}>
                      {labelOf(PARTNERSHIP_STATUS_LABELS, partnership.status, locale)} ·{' '}
                      {formatDate(partnership.decidedAt ?? partnership.requestedAt, locale)}
                    </p>
                  ) : null}
                  {!partnership || partnership.status === 'REJECTED' ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={requestState.fetching}
                      onClick={() => void onRequest(s.id)}
                    >
                      {t('company.partnerships.request')}
                      <span className="visually-hidden"> : {s.name}</span>
                    </button>
                  ) : null}
                  <ActionError text={itemErrors.errorOf(s.id)} />
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
