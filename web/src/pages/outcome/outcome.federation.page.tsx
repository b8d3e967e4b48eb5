import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { OutcomeDefinitions } from './outcome.definitions';
import { OutcomeFilterOptionsDocument, OutcomeStatsDocument } from './outcome.documents';
import { OutcomeFilterForm, useAppliedFilters, useOutcomeFilter } from './outcome.filters';
import { OutcomeStatsView } from './outcome.stats-view';

/** The federation's dashboard: the network, each school and trade side by side, cohorts over time. */
export function FederationOutcomesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('outcome.federationTitle'));
  const { filter, setFilter } = useOutcomeFilter();
  const [options] = useQuery({ query: OutcomeFilterOptionsDocument });
  const schools = options.data?.schools ?? [];
  const [result, reexecute] = useQuery({ query: OutcomeStatsDocument, variables: { filter } });
  const applied = useAppliedFilters(filter, schools);
  const stats = result.data?.outcomeStats;
  return (
    <div className="page">
      <p className="page__eyebrow">{t('outcome.title')}</p>
      <h1>{t('outcome.federationTitle')}</h1>
      <p>{t('outcome.federationIntro')}</p>
      <OutcomeFilterForm filter={filter} onChange={setFilter} schools={schools} />
      {result.error ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !stats ? (
        <LoadingState />
      ) : (
        <div aria-busy={result.fetching}>
          <OutcomeStatsView
            stats={stats}
            filters={applied}
            breakdowns={['school', 'trade']}
            headlineLabel={t('outcome.networkFigures')}
          />
        </div>
      )}
      <OutcomeDefinitions />
    </div>
  );
}
