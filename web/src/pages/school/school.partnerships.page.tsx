import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { labelOf, nextPartnershipStatuses, PARTNERSHIP_STATUS_LABELS } from '@promesse/shared';
import { ActionError } from '../../components/action-error';
import { errorText } from '../../components/form-errors';
import { formatDate } from '../../components/format';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { graphql } from '../../gql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { SchoolNav } from './school.nav';
import { useLiveRefresh } from '../../components/use-live-refresh';

const SchoolPartnershipsDocument = graphql(`
  query SchoolPartnerships {
    partnerships {
      id
      status
      requestedAt
      decidedAt
      company {
        id
        name
        city
        siret
        contactName
      }
    }
  }
`);

const DecidePartnershipDocument = graphql(`
  mutation DecidePartnership($id: ID!, $approve: Boolean!) {
    decidePartnership(id: $id, approve: $approve) {
      id
      status
      decidedAt
    }
  }
`);

export function SchoolPartnershipsPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('school.partnershipsTitle'));
  const [result, reexecute] = useQuery({ query: SchoolPartnershipsDocument, requestPolicy: 'cache-and-network' });
  // Live, like the bell: a partnership notification pushed over the socket refreshes the list.
  useLiveRefresh(
    (n) => n.type === 'PARTNERSHIP_REQUESTED',
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [decision, decide] = useMutation(DecidePartnershipDocument);
  const [error, setError] = useState<string | null>(null);
  const list = result.data?.partnerships;

  const onDecide = async (id: string, approve: boolean) => {
    const r = await decide({ id, approve });
    setError(r.error ? errorText(r.error, locale) : null);
  };

  return (
    <div className="page">
      <h1>{t('school.partnershipsTitle')}</h1>
      <SchoolNav />
      <ActionError text={error} />
      {result.error ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !list ? (
        <LoadingState />
      ) : list.length === 0 ? (
        <EmptyState title={t('school.partnershipsEmptyTitle')}>
          <p>{t('school.partnershipsEmpty')}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {list.map((p) => (
            <li key={p.id} className="card" data-testid="partnership">
              <h2 className="card__title">{p.company.name}</h2>
              <p>
                {p.company.city}
                {p.company.contactName ? ` · ${p.company.contactName}` : ''}
                {p.company.siret ? ` · SIRET ${p.company.siret}` : ''}
              </p>
              <p>
                <span className="tag">{labelOf(PARTNERSHIP_STATUS_LABELS, p.status, locale)}</span>{' '}
                {t('school.requestedOn', { date: formatDate(p.requestedAt, locale) })}
              </p>
              {nextPartnershipStatuses(p.status, 'SCHOOL').length > 0 ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button button--primary button--compact"
                    disabled={decision.fetching}
                    onClick={() => void onDecide(p.id, true)}
                  >
                    {t('school.approve')}
                    <span className="visually-hidden"> : {p.company.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--compact"
                    disabled={decision.fetching}
                    onClick={() => void onDecide(p.id, false)}
                  >
                    {t('school.reject')}
                    <span className="visually-hidden"> : {p.company.name}</span>
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
