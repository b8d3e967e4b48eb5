import type { Locale } from '@promesse/shared';
import type { ChartSpec } from './outcome.chart.spec';
import {
  FIGURE_COLUMNS,
  figureColumn,
  isSuppressed,
  referenceOf,
  type DataTable,
  type FigureColumn,
  type OutcomeFiguresView,
  type ValueKind,
} from './outcome.figures';

type Translate = (key: FigureColumn['labelKey'] | 'outcome.reference', options?: { value: string }) => string;

export interface ChartModel {
  title: string;
  spec: ChartSpec;
  kind: ValueKind;
  table: DataTable;
}

/** One figure side by side across groups (schools or trades), with the network's reference line. */
export function figureByGroupChart(
  figureKey: string,
  groups: readonly { label: string; figures: OutcomeFiguresView }[],
  groupColumn: { key: string; label: string },
  t: Translate,
  locale: Locale,
): ChartModel {
  const column = figureColumn(figureKey);
  const name = t(column.labelKey);
  const reference = column.reference ? referenceOf(column.reference, column.kind, locale) : null;
  const values = groups.map((g) => column.read(g.figures));
  return {
    title: name,
    kind: column.kind,
    spec: {
      kind: 'bar',
      categories: groups.map((g) => g.label),
      series: [
        {
          name,
          values,
          ...(reference
            ? { reference: { ...reference, label: t('outcome.reference', { value: reference.text }) } }
            : {}),
        },
      ],
      ...(column.kind === 'rate' ? { max: 1 } : {}),
    },
    table: {
      title: name,
      columns: [
        { key: groupColumn.key, label: groupColumn.label, kind: 'text' },
        { key: 'graduates', label: t('outcome.figure.graduates'), kind: 'count' },
        { key: column.key, label: name, kind: column.kind },
      ],
      rows: groups.map((g, i) => ({
        cells: { [groupColumn.key]: g.label, graduates: g.figures.graduates, [column.key]: values[i] ?? null },
        suppressed: isSuppressed(g.figures),
      })),
    },
  };
}

const TREND_FIGURES = [
  'examSuccessRate',
  'positiveOutcomeRate',
  'employedWithinTwoMonthsRate',
  'continuingStudiesRate',
];

/** The four rates over graduation years, each with its reference line. */
export function cohortTrendChart(
  byCohort: readonly { cohort: number; figures: OutcomeFiguresView }[],
  title: string,
  cohortLabel: string,
  t: Translate,
  locale: Locale,
): ChartModel {
  const columns = FIGURE_COLUMNS.filter((c) => TREND_FIGURES.includes(c.key));
  return {
    title,
    kind: 'rate',
    spec: {
      kind: 'line',
      categories: byCohort.map((c) => String(c.cohort)),
      max: 1,
      series: columns.map((c) => {
        const reference = c.reference ? referenceOf(c.reference, c.kind, locale) : null;
        return {
          name: t(c.labelKey),
          values: byCohort.map((g) => c.read(g.figures)),
          ...(reference
            ? { reference: { ...reference, label: t('outcome.reference', { value: reference.text }) } }
            : {}),
        };
      }),
    },
    table: {
      title,
      columns: [
        { key: 'cohort', label: cohortLabel, kind: 'text' },
        { key: 'graduates', label: t('outcome.figure.graduates'), kind: 'count' },
        ...columns.map((c) => ({ key: c.key, label: t(c.labelKey), kind: c.kind })),
      ],
      rows: byCohort.map((g) => ({
        cells: {
          cohort: String(g.cohort),
          graduates: g.figures.graduates,
          ...Object.fromEntries(columns.map((c) => [c.key, c.read(g.figures)])),
        },
        suppressed: isSuppressed(g.figures),
      })),
    },
  };
}
