import { useState } from 'react';
import { useQuery } from 'urql';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  jobPromiseFilterSchema,
  labelOf,
  TRADE_LABELS,
  TRADES,
  type JobPromiseFilter,
} from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { formatDistance } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyStudentProfileDocument, SearchJobPromisesDocument } from './student.documents';
import { PromiseCard } from './student.promise-card';

const PAGE_SIZE = 20;
const RADII = [10, 25, 50, 100, 200] as const;

/** Open promises for the student's school, narrowed by trade, contract, distance from their town and text. */
export function StudentSearchPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('student.search.title'));
  const [profile] = useQuery({ query: MyStudentProfileDocument });
  const [filter, setFilter] = useState<JobPromiseFilter>({});
  const [after, setAfter] = useState<string | null>(null);
  const [result, reexecute] = useQuery({
    query: SearchJobPromisesDocument,
    variables: { filter, first: PAGE_SIZE, after },
  });
  const home = profile.data?.myStudentProfile;
  const homeLocation = home?.location ?? null;

  const form = useValidatedForm(jobPromiseFilterSchema, async (next) => {
    setAfter(null);
    setFilter(next);
  });
  const read = (data: FormData) => {
    const f = formValues(data);
    const radius = f.number('radius');
    return {
      trade: f.optional('trade'),
      contractType: f.optional('contractType'),
      text: f.optional('text'),
      near: radius && homeLocation ? { lat: homeLocation.lat, lng: homeLocation.lng, radiusKm: radius } : undefined,
    };
  };

  const connection = result.data?.jobPromises;
  const tradeOptions = TRADES.map((v) => ({ value: v, label: labelOf(TRADE_LABELS, v, locale) }));
  const contractOptions = CONTRACT_TYPES.map((v) => ({ value: v, label: labelOf(CONTRACT_TYPE_LABELS, v, locale) }));
  const radiusOptions = RADII.map((km) => ({
    value: String(km),
    label: t('student.search.within', { distance: formatDistance(km, locale) }),
  }));

  return (
    <div className="page">
      <h1>{t('student.search.title')}</h1>
      <p className="page__lead">{t('student.search.lead')}</p>
      <div role="search">
        <form className="card filters" {...form.props(read)} aria-label={t('student.search.filters')}>
          <FormField
            label={t('student.search.text')}
            name="text"
            type="search"
            maxLength={200}
            error={form.errors['text']}
          />
          <SelectField
            label={t('student.search.trade')}
            name="trade"
            options={tradeOptions}
            placeholder={t('student.search.anyTrade')}
            error={form.errors['trade']}
          />
          <SelectField
            label={t('student.search.contract')}
            name="contractType"
            options={contractOptions}
            placeholder={t('student.search.anyContract')}
            error={form.errors['contractType']}
          />
          <SelectField
            label={t('student.search.distance')}
            hint={home?.city ? t('student.search.fromTown', { city: home.city }) : t('student.search.noTown')}
            name="radius"
            options={radiusOptions}
            placeholder={t('student.search.anyDistance')}
            disabled={!homeLocation}
            error={form.errors['near']}
          />
          <SubmitButton form={form} label={t('student.search.submit')} />
          <FormMessage form={form} />
        </form>
      </div>
      <section aria-labelledby="search-results" aria-busy={result.fetching}>
        <h2 id="search-results">{t('student.search.results')}</h2>
        {result.error && !connection ? (
          <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : !connection ? (
          <LoadingState />
        ) : connection.edges.length === 0 ? (
          <EmptyState title={t('student.search.emptyTitle')}>
            <p>{t('student.search.empty')}</p>
          </EmptyState>
        ) : (
          <>
            <ul className="card-list" data-testid="search-results">
              {connection.edges.map(({ node }) => (
                <li key={node.id}>
                  <PromiseCard promise={node} />
                </li>
              ))}
            </ul>
            <div className="toolbar">
              {after ? (
                <button type="button" className="button button--secondary" onClick={() => setAfter(null)}>
                  {t('student.search.firstPage')}
                </button>
              ) : null}
              {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setAfter(connection.pageInfo.endCursor ?? null)}
                >
                  {t('student.search.nextPage')}
                </button>
              ) : null}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
