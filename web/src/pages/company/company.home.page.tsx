import { Link } from 'react-router';
import { useQuery } from 'urql';
import { CONTRACT_TYPE_LABELS, JOB_PROMISE_STATUS_LABELS, labelOf, TRADE_LABELS } from '@promesse/shared';
import { formatDate } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { CompanyPromisesDocument } from './company.documents';
import { CompanyWaiting } from './company.profile.page';

/** The company's promises (the API returns only its own to a recruiter), drafts included. */
export function CompanyHomePage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('company.promises.title'));
  const [result, reexecute] = useQuery({
    query: CompanyPromisesDocument,
    variables: { first: 100 },
    requestPolicy: 'cache-and-network',
  });
  const promises = result.data?.jobPromises.edges.map((e) => e.node);

  return (
    <div className="page">
      <p className="page__eyebrow">{t('home.company.title')}</p>
      <div className="page__head">
        <h1>{t('company.promises.title')}</h1>
        <Link className="button button--primary" to="/entreprise/promesses/nouvelle">
          {t('company.promises.create')}
        </Link>
      </div>
      {promises ? <CompanyWaiting drafts={promises.filter((p) => p.status === 'DRAFT').length} /> : null}
      {result.error && !promises ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !promises ? (
        <LoadingState />
      ) : promises.length === 0 ? (
        <EmptyState title={t('company.promises.emptyTitle')}>
          <p>{t('company.promises.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="company-promises">
          {promises.map((p) => (
            <li key={p.id}>
              <article className="card promise-card" data-testid="company-promise">
                <h2 className="promise-card__title">
                  <Link to={`/entreprise/promesses/${p.id}`}>{p.title}</Link>
                </h2>
                <p className="promise-card__meta">
                  {labelOf(TRADE_LABELS, p.trade, locale)} · {labelOf(CONTRACT_TYPE_LABELS, p.contractType, locale)} ·{' '}
                  {p.city}
                </p>
                <p className="promise-card__meta">
                  {t('company.promises.counts', {
                    applications: p.applicationCount,
                    hired: p.hiredCount,
                    positions: p.positions,
                  })}{' '}
                  · {t('company.promises.expires', { date: formatDate(p.expiresAt, locale) })}
                </p>
                <p className="status-badge" data-status={p.status}>
                  {labelOf(JOB_PROMISE_STATUS_LABELS, p.status, locale)}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
