import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { CONTRACT_TYPE_LABELS, labelOf, TRADE_LABELS } from '@promesse/shared';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { toUserFacingError } from '../../lib/errors/errors.map';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { DeleteJobAlertDocument, MyJobAlertsDocument } from './student.documents';

/** The student's saved searches, with what each looks for, and delete. */
export function StudentAlertsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('student.alerts.title'));
  const [result, reexecute] = useQuery({ query: MyJobAlertsDocument, requestPolicy: 'cache-and-network' });
  const [removing, remove] = useMutation(DeleteJobAlertDocument);
  const [status, setStatus] = useState<string | null>(null);
  const onDelete = async (id: string, name: string) => {
    const r = await remove({ id });
    setStatus(r.error ? toUserFacingError(r.error, locale).message : t('student.alerts.deleted', { name }));
    reexecute({ requestPolicy: 'network-only' });
  };
  return (
    <div className="page">
      <h1>{t('student.alerts.title')}</h1>
      <p className="page__lead">{t('student.alerts.lead')}</p>
      {result.error && !result.data ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !result.data ? (
        <LoadingState />
      ) : result.data.myJobAlerts.length === 0 ? (
        <EmptyState title={t('student.alerts.emptyTitle')}>
          <p>
            {t('student.alerts.empty')} <Link to="/eleve/recherche">{t('student.alerts.toSearch')}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list" data-testid="job-alerts">
          {result.data.myJobAlerts.map((a) => {
            const criteria = [
              a.trade ? labelOf(TRADE_LABELS, a.trade, locale) : null,
              a.contractType ? labelOf(CONTRACT_TYPE_LABELS, a.contractType, locale) : null,
              a.near ? t('student.alerts.within', { km: a.near.radiusKm }) : null,
              a.text ? `« ${a.text} »` : null,
            ].filter(Boolean);
            return (
              <li key={a.id} className="card">
                <h2>{a.name}</h2>
                <p>{criteria.join(' · ')}</p>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={removing.fetching}
                  onClick={() => void onDelete(a.id, a.name)}
                >
                  {t('student.alerts.delete')}
                  <span className="visually-hidden"> : {a.name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p role="status">{status}</p>
    </div>
  );
}
