import { useState } from 'react';
import { TableWrap } from '../../components/table-wrap';
import { useI18n } from '../../lib/i18n/i18n';
import {
  exportFileName,
  saveFile,
  tablesToXlsx,
  tableToCsv,
  type AppliedFilter,
  type ExportTexts,
} from './outcome.export';
import { formatValue, type DataTable } from './outcome.figures';
import './outcome.css';

/**
 * A table of figures. A suppressed group shows its name and size, then "moins de 10 diplômés" across its
 * figures: nothing else of a group under 10 graduates leaves its school.
 */
export function DataTableView({ table, caption = true }: { table: DataTable; caption?: boolean }) {
  const { t, locale } = useI18n();
  const [first, second, ...rest] = table.columns;
  return (
    <TableWrap label={table.title}>
      <table className="table outcome-table">
        {caption ? <caption className="outcome-table__caption">{table.title}</caption> : null}
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind === 'text' ? undefined : 'outcome-table__number'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {table.columns.map((c, j) => {
                if (row.suppressed && first && second && j > 1) {
                  return j === 2 ? (
                    <td key={c.key} colSpan={rest.length} className="outcome-table__suppressed">
                      {t('outcome.suppressed')}
                    </td>
                  ) : null;
                }
                const value = row.cells[c.key] ?? null;
                const text = value === null ? '—' : formatValue(value, c.kind, locale);
                return j === 0 ? (
                  <th key={c.key} scope="row">
                    {text}
                  </th>
                ) : (
                  <td key={c.key} className="outcome-table__number">
                    {value === null ? <span aria-label={t('outcome.noValue')}>—</span> : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** CSV of one table and XLSX of the given tables, with the filters in force written into the files. */
export function ExportButtons({
  tables,
  filters,
  title,
}: {
  tables: readonly DataTable[];
  filters: readonly AppliedFilter[];
  title: string;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState(false);
  const texts: ExportTexts = {
    suppressed: t('outcome.suppressed'),
    filtersSheet: t('outcome.export.filtersSheet'),
    filterColumn: t('outcome.export.filterColumn'),
    valueColumn: t('outcome.export.valueColumn'),
    noFilter: t('outcome.export.noFilter'),
  };
  const run = async (kind: 'csv' | 'xlsx') => {
    setBusy(kind);
    setFailed(false);
    try {
      if (kind === 'csv' && tables[0])
        saveFile(await tableToCsv(tables[0], filters, locale, texts), exportFileName(title, 'csv'));
      if (kind === 'xlsx') saveFile(await tablesToXlsx(tables, filters, texts), exportFileName(title, 'xlsx'));
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="outcome-export" role="group" aria-label={t('outcome.export.group', { title })}>
      {tables.length === 1 ? (
        <button
          type="button"
          className="button button--secondary button--compact"
          disabled={busy !== null}
          onClick={() => void run('csv')}
        >
          {busy === 'csv' ? t('outcome.export.preparing') : t('outcome.export.csv')}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--compact"
        disabled={busy !== null}
        onClick={() => void run('xlsx')}
      >
        {busy === 'xlsx' ? t('outcome.export.preparing') : t('outcome.export.xlsx')}
      </button>
      {failed ? (
        <p role="alert" className="outcome-export__error">
          {t('outcome.export.failed')}
        </p>
      ) : null}
    </div>
  );
}
