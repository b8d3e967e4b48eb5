import { useId, useMemo, useState } from 'react';
import { labelOf, TRADE_LABELS, type Trade } from '@promesse/shared';
import { SelectField } from '../../components/select-field';
import { useI18n } from '../../lib/i18n/i18n';
import { OutcomeChart } from './outcome.chart';
import { cohortTrendChart, figureByGroupChart } from './outcome.charts';
import type { AppliedFilter } from './outcome.export';
import { FIGURE_COLUMNS, figuresTable, type DataTable, type OutcomeFiguresView } from './outcome.figures';
import { OutcomeHeadline } from './outcome.headline';
import { DataTableView, ExportButtons } from './outcome.table';

/** OutcomeStats as the API returns it (see outcome.documents.ts). */
export interface OutcomeStatsView extends OutcomeFiguresView {
  bySchool: (OutcomeFiguresView & { school: { id: string; name: string } })[];
  byTrade: (OutcomeFiguresView & { trade: Trade })[];
  byCohort: (OutcomeFiguresView & { cohort: number })[];
}

type Breakdown = 'school' | 'trade';
const CHARTABLE = FIGURE_COLUMNS.filter((c) => c.key !== 'graduates');

interface Group {
  label: string;
  figures: OutcomeFiguresView;
}

/** The groups and tables of a dashboard (memoised: charts redraw only when the figures change). */
function useBreakdowns(stats: OutcomeStatsView, breakdowns: readonly Breakdown[]) {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const label = (key: (typeof FIGURE_COLUMNS)[number]['labelKey']) => t(key);
    const schools: Group[] = breakdowns.includes('school')
      ? stats.bySchool.map((s) => ({ label: s.school.name, figures: s }))
      : [];
    const trades: Group[] = breakdowns.includes('trade')
      ? stats.byTrade.map((s) => ({ label: labelOf(TRADE_LABELS, s.trade, locale), figures: s }))
      : [];
    const schoolColumn = { key: 'school', label: t('outcome.school') };
    const tradeColumn = { key: 'trade', label: t('outcome.trade') };
    const cohortTable = figuresTable(
      t('outcome.byCohort'),
      { key: 'cohort', label: t('outcome.cohort') },
      stats.byCohort.map((s) => ({ label: String(s.cohort), figures: s })),
      label,
    );
    return {
      schools: schools.length
        ? {
            groups: schools,
            column: schoolColumn,
            table: figuresTable(t('outcome.bySchool'), schoolColumn, schools, label),
          }
        : null,
      trades: trades.length
        ? { groups: trades, column: tradeColumn, table: figuresTable(t('outcome.byTrade'), tradeColumn, trades, label) }
        : null,
      cohorts: stats.byCohort.length ? cohortTable : null,
    };
  }, [stats, breakdowns, t, locale]);
}

/**
 * A dashboard of outcome figures: the headline with the network's reference figures, then each breakdown as a
 * chart of the chosen figure (with its table alternative), the full table and its exports; one XLSX of them all.
 */
export function OutcomeStatsView({
  stats,
  filters,
  breakdowns,
  headlineLabel,
}: {
  stats: OutcomeStatsView;
  filters: readonly AppliedFilter[];
  breakdowns: readonly Breakdown[];
  headlineLabel: string;
}) {
  const { t } = useI18n();
  const { schools, trades, cohorts } = useBreakdowns(stats, breakdowns);
  const all = [schools?.table, trades?.table, cohorts].filter((x): x is DataTable => !!x);
  return (
    <>
      <OutcomeHeadline figures={stats} label={headlineLabel} />
      {all.length ? <ExportButtons tables={all} filters={filters} title={t('outcome.title')} /> : null}
      {schools ? <BreakdownSection title={t('outcome.bySchool')} {...schools} filters={filters} /> : null}
      {trades ? <BreakdownSection title={t('outcome.byTrade')} {...trades} filters={filters} /> : null}
      {cohorts ? <CohortSection stats={stats} table={cohorts} filters={filters} /> : null}
    </>
  );
}

function BreakdownSection({
  title,
  table,
  groups,
  column,
  filters,
}: {
  title: string;
  table: DataTable;
  groups: Group[];
  column: { key: string; label: string };
  filters: readonly AppliedFilter[];
}) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const [figure, setFigure] = useState('employedWithinTwoMonthsRate');
  const chart = useMemo(
    () => figureByGroupChart(figure, groups, column, (key, options) => t(key, options ?? {}), locale),
    [figure, groups, column, t, locale],
  );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <SelectField
        label={t('outcome.chartFigure')}
        value={figure}
        onChange={(e) => setFigure(e.target.value)}
        options={CHARTABLE.map((c) => ({ value: c.key, label: t(c.labelKey) }))}
      />
      <OutcomeChart
        title={`${chart.title} — ${title}`}
        spec={chart.spec}
        kind={chart.kind}
        table={{ ...chart.table, title: `${chart.title} — ${title}` }}
      />
      <DataTableView table={table} />
      <ExportButtons tables={[table]} filters={filters} title={title} />
    </section>
  );
}

function CohortSection({
  stats,
  table,
  filters,
}: {
  stats: OutcomeStatsView;
  table: DataTable;
  filters: readonly AppliedFilter[];
}) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const chart = useMemo(
    () =>
      cohortTrendChart(
        stats.byCohort.map((c) => ({ cohort: c.cohort, figures: c })),
        t('outcome.cohortTrend'),
        t('outcome.cohort'),
        (key, options) => t(key, options ?? {}),
        locale,
      ),
    [stats, t, locale],
  );
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('outcome.byCohort')}</h2>
      <OutcomeChart title={chart.title} spec={chart.spec} kind={chart.kind} table={chart.table} />
      <DataTableView table={table} />
      <ExportButtons tables={[table]} filters={filters} title={t('outcome.byCohort')} />
    </section>
  );
}
