import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n';
import type { ChartSpec } from './outcome.chart.spec';
import { formatValue, type DataTable, type ValueKind } from './outcome.figures';
import { DataTableView } from './outcome.table';

/**
 * A chart with its table alternative: the drawing is hidden from assistive technologies (the table, one click
 * away, says the same thing), and ECharts is fetched only when a chart is first shown.
 */
export function OutcomeChart({
  title,
  spec,
  kind,
  table,
}: {
  title: string;
  spec: ChartSpec;
  kind: ValueKind;
  table: DataTable;
}) {
  const { t, locale } = useI18n();
  const canvas = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let dispose: (() => void) | null = null;
    let cancelled = false;
    import('./outcome.echarts')
      .then(({ renderChart }) => {
        if (!cancelled) dispose = renderChart(element, spec, (v) => formatValue(v, kind, locale));
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [spec, kind, locale]);

  return (
    <figure className="outcome-chart">
      <figcaption className="outcome-chart__title">{title}</figcaption>
      {failed ? (
        <p className="outcome-chart__failed">{t('outcome.chart.failed')}</p>
      ) : (
        <div ref={canvas} className="outcome-chart__canvas" aria-hidden="true" data-testid="outcome-chart" />
      )}
      <details className="outcome-chart__table" open={failed}>
        <summary>{t('outcome.chart.showTable', { title })}</summary>
        <DataTableView table={table} caption={false} />
      </details>
    </figure>
  );
}
