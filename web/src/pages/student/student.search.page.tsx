import { useQuery } from 'urql';
import { useSearchParams } from 'react-router';
import {
  CONTRACT_TYPE_LABELS,
  CONTRACT_TYPES,
  jobPromiseFilterSchema,
  labelOf,
  SEARCH_SORTS,
  TRADE_LABELS,
  TRADES,
  isSearchSort,
  type ContractType,
  type SearchSort,
  type Trade,
} from '@promesse/shared';
import { FormField } from '../../components/form-field';
import { formValues } from '../../components/form-values';
import { formatDistance } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { pickedTown, TownSelect, type Town } from '../../components/town-select';
import { FormMessage, SubmitButton, useValidatedForm } from '../../components/use-validated-form';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { MyStudentProfileDocument, SearchJobPromisesDocument } from './student.documents';
import { CreateJobAlertForm } from './student.alerts';
import { PromiseCard } from './student.promise-card';

const PAGE_SIZE = 20;
const RADII = [10, 25, 50, 100, 200] as const;

/** The search as the URL keeps it (so Back and a shared link show the same results). */
interface SearchState {
  text?: string | undefined;
  trade?: Trade | undefined;
  contractType?: ContractType | undefined;
  radius?: number | undefined;
  sort?: SearchSort | undefined;
  place?: Town | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

function readSearch(params: URLSearchParams): SearchState {
  const get = (k: string) => params.get(k) || undefined;
  const lat = Number(params.get('lat'));
  const lng = Number(params.get('lng'));
  const from = get('from');
  const sort = get('sort');
  const radius = Number(params.get('radius'));
  return {
    text: get('q'),
    trade: TRADES.find((x) => x === get('trade')),
    contractType: CONTRACT_TYPES.find((x) => x === get('contract')),
    radius: Number.isFinite(radius) && radius > 0 ? radius : undefined,
    sort: isSearchSort(sort) ? sort : undefined,
    place: from && Number.isFinite(lat) && Number.isFinite(lng) ? { name: from, location: { lat, lng } } : undefined,
    after: get('after'),
    before: get('before'),
  };
}

function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (k: string, v: string | number | undefined) =>
    v === undefined || v === '' ? null : params.set(k, String(v));
  set('q', state.text);
  set('trade', state.trade);
  set('contract', state.contractType);
  set('radius', state.radius);
  set('sort', state.sort);
  if (state.place) {
    set('from', state.place.name);
    set('lat', state.place.location.lat);
    set('lng', state.place.location.lng);
  }
  set('after', state.after);
  set('before', state.before);
  return params;
}

/**
 * Open promises for the student's school: words (inclusive forms and both genders found), trade, contract,
 * distance from a town (theirs by default), with the count, each promise's distance, four orders and pages both
 * ways. Everything lives in the URL.
 */
export function StudentSearchPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('student.search.title'));
  const [params, setParams] = useSearchParams();
  const [profile] = useQuery({ query: MyStudentProfileDocument });
  const home = profile.data?.myStudentProfile;
  const state = readSearch(params);
  const homeTown: Town | undefined =
    home?.city && home.location
      ? { name: home.city, location: { lat: home.location.lat, lng: home.location.lng } }
      : undefined;
  const place = state.place ?? homeTown;
  // Plain { lat, lng }: the cached profile's location also carries __typename, which an input type refuses.
  const origin = place ? { lat: place.location.lat, lng: place.location.lng } : undefined;
  const filter = {
    trade: state.trade,
    contractType: state.contractType,
    text: state.text,
    origin,
    near: origin && state.radius ? { ...origin, radiusKm: state.radius } : undefined,
  };
  const [result, reexecute] = useQuery({
    query: SearchJobPromisesDocument,
    variables: {
      filter,
      sort: state.sort,
      ...(state.before ? { last: PAGE_SIZE, before: state.before } : { first: PAGE_SIZE, after: state.after }),
    },
    pause: profile.fetching,
  });

  const form = useValidatedForm(jobPromiseFilterSchema, async (_values, element) => {
    const f = formValues(new FormData(element));
    const sort = f.optional('sort');
    setParams(
      writeSearch({
        text: f.optional('text'),
        trade: TRADES.find((x) => x === f.optional('trade')),
        contractType: CONTRACT_TYPES.find((x) => x === f.optional('contractType')),
        radius: f.number('radius'),
        sort: isSearchSort(sort) ? sort : undefined,
        place: pickedTown(new FormData(element), 'from') ?? place,
      }),
    );
  });
  const read = (data: FormData) => {
    const f = formValues(data);
    return { trade: f.optional('trade'), contractType: f.optional('contractType'), text: f.optional('text') };
  };
  const goTo = (cursor: { after?: string | undefined; before?: string | undefined }) =>
    setParams(writeSearch({ ...state, after: undefined, before: undefined, ...cursor }));

  const connection = result.data?.jobPromises;
  const tradeOptions = TRADES.map((v) => ({ value: v, label: labelOf(TRADE_LABELS, v, locale) }));
  const contractOptions = CONTRACT_TYPES.map((v) => ({ value: v, label: labelOf(CONTRACT_TYPE_LABELS, v, locale) }));
  const radiusOptions = RADII.map((km) => ({
    value: String(km),
    label: t('student.search.within', { distance: formatDistance(km, locale) }),
  }));
  const sortOptions = SEARCH_SORTS.map((s) => ({ value: s, label: t(`student.search.sort.${s}`) }));

  return (
    <div className="page">
      <h1>{t('student.search.title')}</h1>
      <p className="page__lead">{t('student.search.lead')}</p>
      <div role="search">
        <form
          // A new URL (Back, a page) or the profile's town once loaded: the fields show them again.
          key={`${params.toString()}|${place?.name ?? ''}`}
          className="card filters"
          {...form.props(read)}
          aria-label={t('student.search.filters')}
        >
          <FormField
            label={t('student.search.text')}
            name="text"
            type="search"
            maxLength={200}
            defaultValue={state.text ?? ''}
            error={form.errors['text']}
          />
          <SelectField
            label={t('student.search.trade')}
            name="trade"
            options={tradeOptions}
            placeholder={t('student.search.anyTrade')}
            defaultValue={state.trade ?? ''}
            error={form.errors['trade']}
          />
          <SelectField
            label={t('student.search.contract')}
            name="contractType"
            options={contractOptions}
            placeholder={t('student.search.anyContract')}
            defaultValue={state.contractType ?? ''}
            error={form.errors['contractType']}
          />
          <TownSelect
            label={t('student.search.from')}
            hint={place ? undefined : t('student.search.noTown')}
            name="from"
            defaultTown={place ?? null}
          />
          <SelectField
            label={t('student.search.distance')}
            name="radius"
            options={radiusOptions}
            placeholder={t('student.search.anyDistance')}
            defaultValue={state.radius ? String(state.radius) : ''}
            error={form.errors['near']}
          />
          <SelectField
            label={t('student.search.sortLabel')}
            name="sort"
            options={sortOptions}
            placeholder={t('student.search.sortDefault')}
            defaultValue={state.sort ?? ''}
          />
          <SubmitButton form={form} label={t('student.search.submit')} />
          <FormMessage form={form} />
        </form>
      </div>
      <CreateJobAlertForm
        key={params.toString()}
        filter={{
          trade: state.trade,
          contractType: state.contractType,
          text: state.text,
          near: filter.near,
        }}
      />
      <section aria-labelledby="search-results" aria-busy={result.fetching}>
        <h2 id="search-results">{t('student.search.results')}</h2>
        {result.error && !connection ? (
          <ErrorState error={result.error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />
        ) : !connection ? (
          <LoadingState />
        ) : connection.totalCount === 0 ? (
          <EmptyState title={t('student.search.emptyTitle')}>
            <p>{t('student.search.empty')}</p>
          </EmptyState>
        ) : (
          <>
            <p role="status" data-testid="search-count">
              {t('student.search.count', { count: connection.totalCount })}
              {' · '}
              {t('student.search.sortedBy', { sort: t(`student.search.sort.${connection.sort}`) })}
            </p>
            <ul className="card-list" data-testid="search-results">
              {connection.edges.map(({ node, distanceKm }) => (
                <li key={node.id}>
                  <PromiseCard promise={node} distanceKm={distanceKm} />
                </li>
              ))}
            </ul>
            <nav className="toolbar" aria-label={t('student.search.pages')}>
              {connection.pageInfo.hasPreviousPage && connection.pageInfo.startCursor ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => goTo({ before: connection.pageInfo.startCursor ?? undefined })}
                >
                  {t('student.search.previousPage')}
                </button>
              ) : null}
              {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => goTo({ after: connection.pageInfo.endCursor ?? undefined })}
                >
                  {t('student.search.nextPage')}
                </button>
              ) : null}
            </nav>
          </>
        )}
      </section>
    </div>
  );
}
