import {
  OUTCOME_REFERENCE,
  type Locale,
  type OutcomeReferenceFigure,
  type PromisesPerGraduate,
} from '@promesse/shared';

/**
 * The figures of one group as the API returns them (`OutcomeStats` and its `bySchool`/`byTrade`/`byCohort`
 * entries, CONTRACT.md names). Rates are in [0, 1]; null when the group is suppressed or empty.
 */
export interface OutcomeFiguresView {
  graduates: number;
  suppressed?: boolean | null;
  examSuccessRate: number | null;
  positiveOutcomeRate: number | null;
  employedWithinTwoMonthsRate: number | null;
  continuingStudiesRate: number | null;
  promisesPerGraduate: PromisesPerGraduate;
  medianDaysToHire: number | null;
}

/** How a value is read and written: a rate (0..1, shown as %), a count, a decimal, a number of days, text. */
export type ValueKind = 'rate' | 'count' | 'decimal' | 'days' | 'text';

/** One column of figures: its i18n key, how to read it from a group, its kind and its reference figure. */
export interface FigureColumn {
  key: string;
  labelKey:
    | 'outcome.figure.graduates'
    | 'outcome.figure.examSuccessRate'
    | 'outcome.figure.positiveOutcomeRate'
    | 'outcome.figure.employedWithinTwoMonthsRate'
    | 'outcome.figure.continuingStudiesRate'
    | 'outcome.figure.promisesPerGraduateMean'
    | 'outcome.figure.promisesPerGraduateMedian'
    | 'outcome.figure.medianDaysToHire';
  kind: ValueKind;
  read: (f: OutcomeFiguresView) => number | null;
  reference?: OutcomeReferenceFigure;
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { key: 'graduates', labelKey: 'outcome.figure.graduates', kind: 'count', read: (f) => f.graduates },
  {
    key: 'examSuccessRate',
    labelKey: 'outcome.figure.examSuccessRate',
    kind: 'rate',
    read: (f) => f.examSuccessRate,
    reference: 'examSuccessRate',
  },
  {
    key: 'positiveOutcomeRate',
    labelKey: 'outcome.figure.positiveOutcomeRate',
    kind: 'rate',
    read: (f) => f.positiveOutcomeRate,
    reference: 'positiveOutcomeRate',
  },
  {
    key: 'employedWithinTwoMonthsRate',
    labelKey: 'outcome.figure.employedWithinTwoMonthsRate',
    kind: 'rate',
    read: (f) => f.employedWithinTwoMonthsRate,
    reference: 'employedWithinTwoMonthsRate',
  },
  {
    key: 'continuingStudiesRate',
    labelKey: 'outcome.figure.continuingStudiesRate',
    kind: 'rate',
    read: (f) => f.continuingStudiesRate,
    reference: 'continuingStudiesRate',
  },
  {
    key: 'promisesPerGraduateMean',
    labelKey: 'outcome.figure.promisesPerGraduateMean',
    kind: 'decimal',
    read: (f) => f.promisesPerGraduate.mean,
    reference: 'promisesPerGraduate',
  },
  {
    key: 'promisesPerGraduateMedian',
    labelKey: 'outcome.figure.promisesPerGraduateMedian',
    kind: 'decimal',
    read: (f) => f.promisesPerGraduate.median,
  },
  {
    key: 'medianDaysToHire',
    labelKey: 'outcome.figure.medianDaysToHire',
    kind: 'days',
    read: (f) => f.medianDaysToHire,
  },
];

export function figureColumn(key: string): FigureColumn {
  const column = FIGURE_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`Unknown outcome figure ${key}`);
  return column;
}

/** A cell: a number (or text), or null with the reason it is empty. */
export type Cell = string | number | null;

/** A table as shown on screen, offered as a chart's alternative and exported as CSV or XLSX. */
export interface DataTable {
  title: string;
  columns: { key: string; label: string; kind: ValueKind }[];
  rows: { cells: Record<string, Cell>; suppressed: boolean }[];
}

/** A row per group (a school, a trade, a cohort), its name first, then every figure. */
export function figuresTable(
  title: string,
  group: { key: string; label: string },
  groups: readonly { label: string; figures: OutcomeFiguresView }[],
  t: (key: FigureColumn['labelKey']) => string,
): DataTable {
  return {
    title,
    columns: [
      { key: group.key, label: group.label, kind: 'text' },
      ...FIGURE_COLUMNS.map((c) => ({ key: c.key, label: t(c.labelKey), kind: c.kind })),
    ],
    rows: groups.map(({ label, figures }) => ({
      cells: Object.fromEntries([[group.key, label], ...FIGURE_COLUMNS.map((c) => [c.key, c.read(figures)])]),
      suppressed: isSuppressed(figures),
    })),
  };
}

/** Suppressed: said by the API, or (older answers) a non-empty group whose every rate is null. */
export function isSuppressed(f: OutcomeFiguresView): boolean {
  if (f.suppressed !== undefined && f.suppressed !== null) return f.suppressed;
  return f.graduates > 0 && f.positiveOutcomeRate === null;
}

const TAGS: { readonly [L in Locale]: string } = { fr: 'fr-FR', en: 'en-GB' };

/** A value for the screen: "87,5 %", "5,2", "34 j"; empty cells are handled by the caller. */
export function formatValue(value: number | string, kind: ValueKind, locale: Locale): string {
  if (typeof value === 'string') return value;
  const tag = TAGS[locale];
  switch (kind) {
    case 'rate':
      return new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 1 }).format(value);
    case 'decimal':
      return new Intl.NumberFormat(tag, { maximumFractionDigits: 1 }).format(value);
    case 'days':
      return new Intl.NumberFormat(tag, {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(value);
    case 'count':
    case 'text':
      return new Intl.NumberFormat(tag).format(value);
  }
}

/** The reference of a figure, as a range to draw and a label ("Réseau : 90–93 %"). */
export function referenceOf(figure: OutcomeReferenceFigure, kind: ValueKind, locale: Locale) {
  const { low, high } = OUTCOME_REFERENCE[figure];
  const text =
    low === high
      ? formatValue(low, kind, locale)
      : `${formatValue(low, kind, locale)}–${formatValue(high, kind, locale)}`;
  return { low, high, text };
}
