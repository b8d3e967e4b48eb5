import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorState, LoadingState } from '../../components/states';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { OutcomeDefinitions } from './outcome.definitions';
import { OutcomeFilterOptionsDocument, PublicOutcomeStatsDocument } from './outcome.documents';
import { OutcomeFilterForm, useAppliedFilters, useOutcomeFilter } from './outcome.filters';
import { OutcomeStatsView } from './outcome.stats-view';

/**
 * The network's figures for everyone, no log-in: aggregates only, by trade and graduation year; a group of
 * fewer than 10 graduates shows its size and "moins de 10 diplômés".
 */
export function PublicOutcomesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('outcome.publicTitle'));
  const { filter, setFilter } = useOutcomeFilter();
  const [options] = useQuery({ query: OutcomeFilterOptionsDocument });
  const schools = options.data?.schools ?? [];
  const [result, reexecute] = useQuery({ query: PublicOutcomeStatsDocument, variables: { filter } });
  const applied = useAppliedFilters(filter, schools);
  const stats = result.data?.publicOutcomeStats;
  return (
    <div className="page">
      <p className="page__eyebrow">{t('outcome.title')}</p>
      <h1>{t('outcome.publicTitle')}</h1>
      <p>{t('outcome.publicIntro')}</p>
      <OutcomeFilterForm filter={filter} onChange={setFilter} schools={schools} showSchools={false} />
      {result.error ? (
        <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
      ) : !stats ? (
        <LoadingState />
      ) : (
        <div aria-busy={result.fetching}>
          <OutcomeStatsView
            stats={stats}
            filters={applied}
            breakdowns={['trade']}
            headlineLabel={t('outcome.networkFigures')}
          />
        </div>
      )}
      <OutcomeDefinitions />
      <p>
        <Link to="/">{t('outcome.backHome')}</Link>
      </p>
    </div>
  );
}
