import type { Locale } from '@promesse/shared';
import { type Cell, type DataTable, type ValueKind } from './outcome.figures';

/** A filter in force, as the user chose it ("Métiers" → "Soudure, Usinage"). Exports carry them. */
export interface AppliedFilter {
  label: string;
  value: string;
}

export interface ExportTexts {
  /** Written in the cells of a suppressed group ("moins de 10 diplômés"). */
  suppressed: string;
  /** Name of the XLSX sheet that lists the filters. */
  filtersSheet: string;
  filterColumn: string;
  valueColumn: string;
  /** Line written when no filter is in force. */
  noFilter: string;
}

/** `promesse-<title>-<yyyy-mm-dd>.<ext>`, ASCII only so every file system keeps it. */
export function exportFileName(title: string, ext: 'csv' | 'xlsx', now: Date = new Date()): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `promesse-${slug}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/** A cell as CSV text: rates as percentages, decimals with the locale's separator, suppressed cells said so. */
function csvCell(value: Cell, kind: ValueKind, suppressed: boolean, locale: Locale, texts: ExportTexts): string {
  if (value === null) return suppressed && kind !== 'text' && kind !== 'count' ? texts.suppressed : '';
  if (typeof value === 'string') return value;
  const number = kind === 'rate' ? Math.round(value * 1000) / 10 : Math.round(value * 10) / 10;
  return locale === 'fr' ? String(number).replace('.', ',') : String(number);
}

/**
 * CSV of a table, the filters in force as the first lines (`# Filtre ; valeur`), then the header and the rows.
 * French files use `;` and the decimal comma, as French spreadsheets expect; a BOM makes them read it as UTF-8.
 */
export async function tableToCsv(
  table: DataTable,
  filters: readonly AppliedFilter[],
  locale: Locale,
  texts: ExportTexts,
): Promise<string> {
  const { unparse } = await import('papaparse');
  const delimiter = locale === 'fr' ? ';' : ',';
  const header = table.columns.map((c) => (c.kind === 'rate' ? `${c.label} (%)` : c.label));
  const rows = table.rows.map((row) =>
    table.columns.map((c) => csvCell(row.cells[c.key] ?? null, c.kind, row.suppressed, locale, texts)),
  );
  const filterLines = (filters.length ? filters : [{ label: texts.noFilter, value: '' }]).map((f) => [
    `# ${f.label}`,
    f.value,
  ]);
  const meta = unparse(filterLines, { delimiter, newline: '\r\n' });
  return `\uFEFF${meta}\r\n${unparse([header, ...rows], { delimiter, newline: '\r\n' })}\r\n`;
}

const NUMBER_FORMATS: { readonly [K in ValueKind]: string | undefined } = {
  rate: '0.0%',
  decimal: '0.0',
  days: '0',
  count: '0',
  text: undefined,
};

/**
 * An XLSX workbook: one sheet per table (header row frozen, real numbers with their format, suppressed cells
 * said so), then a sheet of the filters in force. exceljs is loaded only when a user exports.
 */
export async function tablesToXlsx(
  tables: readonly DataTable[],
  filters: readonly AppliedFilter[],
  texts: ExportTexts,
): Promise<Blob> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Promesse';
  const usedNames = new Set<string>();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, usedNames), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = table.columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.max(12, Math.min(40, c.label.length + 2)),
      style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(
        Object.fromEntries(
          table.columns.map((c) => {
            const value = row.cells[c.key] ?? null;
            const hidden = value === null && row.suppressed && c.kind !== 'text' && c.kind !== 'count';
            return [c.key, hidden ? texts.suppressed : value];
          }),
        ),
      );
    }
  }
  const filterSheet = workbook.addWorksheet(sheetName(texts.filtersSheet, usedNames));
  filterSheet.columns = [
    { header: texts.filterColumn, key: 'label', width: 24 },
    { header: texts.valueColumn, key: 'value', width: 60 },
  ];
  filterSheet.getRow(1).font = { bold: true };
  for (const f of filters.length ? filters : [{ label: texts.noFilter, value: '' }]) filterSheet.addRow(f);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** Excel sheet names: 31 characters at most, none of `[]:*?/\`, unique in the workbook. */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Feuille';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/** exceljs ships a CommonJS browser bundle: its classes come as the module's default export once bundled. */
async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const mod: typeof import('exceljs') & { default?: typeof import('exceljs') } = await import('exceljs');
  return mod.default ?? mod;
}

/** Saves a file through a temporary link (the only way a browser page can offer a download). */
export function saveFile(content: Blob | string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is revoked.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
