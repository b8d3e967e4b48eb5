import type { ReactNode } from 'react';

/** Horizontally scrollable table container: a named, focusable region so keyboard users can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A table in its scroll region, named for screen readers by its (hidden) caption, with one column header per label;
 * the rows come as children. A header given as `{ label, hidden: true }` is read, not shown (e.g. an actions column).
 */
export function DataTable({
  label,
  columns,
  testId,
  children,
}: {
  label: string;
  columns: (string | { label: string; hidden: true })[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <TableWrap label={label}>
      <table className="table" data-testid={testId}>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col">
                  <span className="visually-hidden">{column.label}</span>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}
