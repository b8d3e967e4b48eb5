import { useId, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { DIPLOMA_LEVEL_LABELS, EXIT_OUTCOME_LABELS, labelOf, TRADE_LABELS } from '@promesse/shared';
import { formatDate, studentName } from '../../components/format';
import { SelectField } from '../../components/select-field';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import type { OutcomeGraduatesQuery } from '../../gql/__generated__/graphql';
import { useI18n } from '../../lib/i18n/i18n';
import { useDocumentTitle } from '../../lib/i18n/use-document-title';
import { useMySchool } from '../school/school.context';
import { SchoolNav } from '../school/school.nav';
import { OutcomeDefinitions } from './outcome.definitions';
import { OutcomeGraduatesDocument, OutcomeStatsDocument } from './outcome.documents';
import type { AppliedFilter } from './outcome.export';
import { recentCohorts } from './outcome.filters';
import type { DataTable } from './outcome.figures';
import { OutcomeStatsView } from './outcome.stats-view';
import { ExportButtons } from './outcome.table';

type GraduateRow = OutcomeGraduatesQuery['outcomeGraduates'][number];

/** The lists behind the numbers: which graduates count in each figure. */
const LISTS = {
  all: () => true,
  positive: (g: GraduateRow) => g.positive,
  employedWithinTwoMonths: (g: GraduateRow) => g.employedWithinTwoMonths,
  continuing: (g: GraduateRow) => g.continuing,
  notPositive: (g: GraduateRow) => !g.positive,
  missing: (g: GraduateRow) => !g.outcome,
  overdue: (g: GraduateRow) => g.outcomeOverdue,
} as const;
type ListKey = keyof typeof LISTS;
const isListKey = (v: string | null): v is ListKey => v !== null && v in LISTS;

/** A school's own dashboard: its figures, the graduates behind each, and those whose outcome is missing. */
export function SchoolOutcomesPage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('outcome.schoolTitle'));
  const my = useMySchool();
  const [params, setParams] = useSearchParams();
  const cohort = Number(params.get('promotion')) || null;
  const list: ListKey = isListKey(params.get('liste')) ? (params.get('liste') as ListKey) : 'all';
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filter = useMemo(
    () => (my.school ? { schoolIds: [my.school.id], ...(cohort ? { cohort } : {}) } : null),
    [my.school, cohort],
  );
  const [stats, refetchStats] = useQuery({
    query: OutcomeStatsDocument,
    variables: { filter },
    pause: !filter,
    requestPolicy: 'cache-and-network',
  });
  const [graduates, refetchGraduates] = useQuery({
    query: OutcomeGraduatesDocument,
    variables: { cohort },
    requestPolicy: 'cache-and-network',
  });
  const applied: AppliedFilter[] = useMemo(
    () => [
      ...(my.school ? [{ label: t('outcome.filter.schools'), value: my.school.name }] : []),
      ...(cohort ? [{ label: t('outcome.filter.cohort'), value: String(cohort) }] : []),
      ...(list !== 'all' ? [{ label: t('outcome.list.label'), value: t(`outcome.list.${list}`) }] : []),
    ],
    [my.school, cohort, list, t],
  );

  if (my.error) return <ErrorState error={my.error} onRetry={() => my.reexecute()} />;
  if (!my.school) return <LoadingState />;
  const rows = graduates.data?.outcomeGraduates ?? null;
  const overdue = rows?.filter((g) => g.outcomeOverdue) ?? [];

  return (
    <div className="page">
      <p className="page__eyebrow">{my.school.name}</p>
      <h1>{t('outcome.schoolTitle')}</h1>
      <SchoolNav />
      {overdue.length ? (
        <div className="alert alert--error" role="status" data-testid="outcome-overdue">
          <p>{t('outcome.overdue', { count: overdue.length })}</p>
          <button
            type="button"
            className="button button--secondary button--compact"
            onClick={() => setParam('liste', 'overdue')}
          >
            {t('outcome.overdueShow')}
          </button>
        </div>
      ) : null}
      <SelectField
        label={t('outcome.filter.cohort')}
        placeholder={t('outcome.filter.allCohorts')}
        value={cohort ? String(cohort) : ''}
        onChange={(e) => setParam('promotion', e.target.value)}
        options={recentCohorts().map((y) => ({ value: String(y), label: String(y) }))}
      />
      {stats.error ? (
        <ErrorState error={stats.error} onRetry={() => refetchStats({ requestPolicy: 'network-only' })} />
      ) : !stats.data ? (
        <LoadingState />
      ) : (
        <OutcomeStatsView
          stats={stats.data.outcomeStats}
          filters={applied}
          breakdowns={['trade']}
          headlineLabel={t('outcome.schoolFigures', { school: my.school.name })}
        />
      )}
      <section className="card" aria-labelledby="outcome-graduates-title">
        <h2 id="outcome-graduates-title">{t('outcome.graduatesTitle')}</h2>
        <SelectField
          label={t('outcome.list.label')}
          value={list}
          onChange={(e) => setParam('liste', e.target.value === 'all' ? '' : e.target.value)}
          options={(Object.keys(LISTS) as ListKey[]).map((k) => ({ value: k, label: t(`outcome.list.${k}`) }))}
        />
        {graduates.error ? (
          <ErrorState error={graduates.error} onRetry={() => refetchGraduates({ requestPolicy: 'network-only' })} />
        ) : rows === null ? (
          <LoadingState />
        ) : (
          <GraduatesTable rows={rows.filter(LISTS[list])} filters={applied} locale={locale} />
        )}
      </section>
      <OutcomeDefinitions />
    </div>
  );
}

function GraduatesTable({
  rows,
  filters,
  locale,
}: {
  rows: GraduateRow[];
  filters: AppliedFilter[];
  locale: 'fr' | 'en';
}) {
  const { t } = useI18n();
  const captionId = useId();
  const [shown, setShown] = useState(50);
  const exportTable: DataTable = useMemo(
    () => ({
      title: t('outcome.graduatesTitle'),
      columns: [
        { key: 'name', label: t('outcome.col.name'), kind: 'text' },
        { key: 'trade', label: t('outcome.trade'), kind: 'text' },
        { key: 'graduation', label: t('outcome.col.graduation'), kind: 'text' },
        { key: 'outcome', label: t('outcome.col.outcome'), kind: 'text' },
        { key: 'company', label: t('outcome.col.company'), kind: 'text' },
        { key: 'daysToHire', label: t('outcome.col.daysToHire'), kind: 'days' },
        { key: 'exam', label: t('outcome.col.exam'), kind: 'text' },
        { key: 'ledger', label: t('outcome.col.ledger'), kind: 'count' },
      ],
      rows: rows.map((g) => ({
        suppressed: false,
        cells: {
          name: studentName(g.student.displayName, locale),
          trade: g.student.trade ? labelOf(TRADE_LABELS, g.student.trade, locale) : null,
          graduation: g.student.graduationDate?.slice(0, 10) ?? null,
          outcome: g.outcome ? labelOf(EXIT_OUTCOME_LABELS, g.outcome.outcome, locale) : t('outcome.noOutcome'),
          company: g.outcome?.companyName ?? null,
          daysToHire: g.daysToHire ?? null,
          exam: g.examResult
            ? `${labelOf(DIPLOMA_LEVEL_LABELS, g.examResult.diploma, locale)} : ${t(g.examResult.passed ? 'outcome.exam.passed' : 'outcome.exam.failed')}`
            : null,
          ledger: g.ledgerEntries,
        },
      })),
    }),
    [rows, t, locale],
  );
  if (rows.length === 0) return <EmptyState title={t('outcome.graduatesEmpty')} />;
  return (
    <>
      <ExportButtons tables={[exportTable]} filters={filters} title={t('outcome.graduatesTitle')} />
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table" data-testid="outcome-graduates">
          <caption id={captionId} className="visually-hidden">
            {t('outcome.graduatesTitle')}
          </caption>
          <thead>
            <tr>
              {exportTable.columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((g, i) => {
              const cells = exportTable.rows[i]!.cells;
              return (
                <tr key={g.student.id} data-overdue={g.outcomeOverdue || undefined}>
                  <th scope="row">
                    <Link to={`/ecole/resultats/diplomes/${g.student.id}`}>
                      {studentName(g.student.displayName, locale)}
                    </Link>
                  </th>
                  <td>{cells['trade'] ?? '—'}</td>
                  <td>{formatDate(g.student.graduationDate, locale)}</td>
                  <td>
                    {cells['outcome']}
                    {g.outcomeOverdue ? <span className="status-badge"> {t('outcome.overdueBadge')}</span> : null}
                  </td>
                  <td>{cells['company'] ?? '—'}</td>
                  <td>{g.daysToHire ?? '—'}</td>
                  <td>{cells['exam'] ?? '—'}</td>
                  <td>{g.ledgerEntries}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown ? (
        <button type="button" className="button button--secondary" onClick={() => setShown((n) => n + 50)}>
          {t('outcome.showMore', { count: rows.length - shown })}
        </button>
      ) : null}
    </>
  );
}
