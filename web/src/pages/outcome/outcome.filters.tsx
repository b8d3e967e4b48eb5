import { useMemo, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { labelOf, TRADE_LABELS, TRADES, type OutcomeFilter, type Trade } from '@promesse/shared';
import { SelectField } from '../../components/select-field';
import { useI18n } from '../../lib/i18n/i18n';
import type { AppliedFilter } from './outcome.export';

const PARAM = { schools: 'ecoles', trades: 'metiers', cohort: 'promotion', region: 'region' } as const;

/** The filter in the page's address (so a filtered dashboard can be bookmarked and shared). */
export function useOutcomeFilter() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo((): OutcomeFilter => {
    const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);
    const trades = list(PARAM.trades).filter((t): t is Trade => (TRADES as readonly string[]).includes(t));
    const cohort = Number(params.get(PARAM.cohort));
    const region = params.get(PARAM.region);
    return {
      ...(list(PARAM.schools).length ? { schoolIds: list(PARAM.schools) } : {}),
      ...(trades.length ? { trades } : {}),
      ...(Number.isInteger(cohort) && cohort > 0 ? { cohort } : {}),
      ...(region ? { region } : {}),
    };
  }, [params]);
  const setFilter = (next: OutcomeFilter) => {
    const out = new URLSearchParams();
    if (next.schoolIds?.length) out.set(PARAM.schools, next.schoolIds.join(','));
    if (next.trades?.length) out.set(PARAM.trades, next.trades.join(','));
    if (next.cohort) out.set(PARAM.cohort, String(next.cohort));
    if (next.region) out.set(PARAM.region, next.region);
    setParams(out);
  };
  return { filter, setFilter };
}

export interface SchoolOption {
  id: string;
  name: string;
  region?: string | null;
}

/** The filters in force, in words, for the exported files. */
export function useAppliedFilters(filter: OutcomeFilter, schools: readonly SchoolOption[]): AppliedFilter[] {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const out: AppliedFilter[] = [];
    if (filter.schoolIds?.length) {
      const names = filter.schoolIds.map((id) => schools.find((s) => s.id === id)?.name ?? id);
      out.push({ label: t('outcome.filter.schools'), value: names.join(', ') });
    }
    if (filter.trades?.length) {
      out.push({
        label: t('outcome.filter.trades'),
        value: filter.trades.map((tr) => labelOf(TRADE_LABELS, tr, locale)).join(', '),
      });
    }
    if (filter.cohort) out.push({ label: t('outcome.filter.cohort'), value: String(filter.cohort) });
    if (filter.region) out.push({ label: t('outcome.filter.region'), value: filter.region });
    return out;
  }, [filter, schools, t, locale]);
}

/** Graduation years offered: the last `span` years up to this one. */
export function recentCohorts(now: Date = new Date(), span = 6): number[] {
  const year = now.getUTCFullYear();
  return Array.from({ length: span }, (_, i) => year - i);
}

/** Schools, trades, graduation year and region; applied on submit (one query per change of mind, not per click). */
export function OutcomeFilterForm({
  filter,
  onChange,
  schools,
  showSchools = true,
}: {
  filter: OutcomeFilter;
  onChange: (next: OutcomeFilter) => void;
  schools: readonly SchoolOption[];
  showSchools?: boolean;
}) {
  const { t, locale } = useI18n();
  const regions = [...new Set(schools.map((s) => s.region).filter((r): r is string => !!r))].sort((a, b) =>
    a.localeCompare(b, locale),
  );
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const cohort = Number(f.get('cohort'));
    const region = String(f.get('region') ?? '');
    onChange({
      schoolIds: f.getAll('schoolIds').map(String),
      trades: f.getAll('trades').map(String) as Trade[],
      ...(cohort ? { cohort } : {}),
      ...(region ? { region } : {}),
    });
  };
  return (
    // Keyed by the filter so its (uncontrolled) inputs show the filter again after a reset or a back navigation.
    <form
      key={JSON.stringify(filter)}
      className="form outcome-filters"
      onSubmit={onSubmit}
      aria-label={t('outcome.filter.title')}
    >
      {showSchools && schools.length ? (
        <fieldset className="checks outcome-filters__list">
          <legend>{t('outcome.filter.schools')}</legend>
          {schools.map((s) => (
            <label key={s.id} className="check">
              <input type="checkbox" name="schoolIds" value={s.id} defaultChecked={filter.schoolIds?.includes(s.id)} />
              {s.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="checks outcome-filters__list">
        <legend>{t('outcome.filter.trades')}</legend>
        {TRADES.map((tr) => (
          <label key={tr} className="check">
            <input type="checkbox" name="trades" value={tr} defaultChecked={filter.trades?.includes(tr)} />
            {labelOf(TRADE_LABELS, tr, locale)}
          </label>
        ))}
      </fieldset>
      <SelectField
        name="cohort"
        label={t('outcome.filter.cohort')}
        placeholder={t('outcome.filter.allCohorts')}
        defaultValue={filter.cohort ? String(filter.cohort) : ''}
        options={recentCohorts().map((y) => ({ value: String(y), label: String(y) }))}
      />
      {regions.length ? (
        <SelectField
          name="region"
          label={t('outcome.filter.region')}
          placeholder={t('outcome.filter.allRegions')}
          defaultValue={filter.region ?? ''}
          options={regions.map((r) => ({ value: r, label: r }))}
        />
      ) : null}
      <div className="outcome-filters__actions">
        <button type="submit" className="button button--primary">
          {t('outcome.filter.apply')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => onChange({})}>
          {t('outcome.filter.reset')}
        </button>
      </div>
    </form>
  );
}
