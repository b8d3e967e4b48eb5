// Apache ECharts, tree-shaken: only the bar and line charts, the grid, tooltip, legend and reference lines/areas,
// drawn in SVG. This module is imported lazily by OutcomeChart, so no route downloads it before drawing a chart.
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from './outcome.chart.spec';

use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

type Option = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

// Colour-blind-safe (Okabe–Ito), each at least 3:1 on white.
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56798f'];
const REFERENCE_COLOR = '#4a5360';

/** Draws `spec` in `element`; returns the function that frees the chart (and its resize listener). */
export function renderChart(element: HTMLElement, spec: ChartSpec, format: (value: number) => string): () => void {
  const chart = init(element, undefined, { renderer: 'svg' });
  const option: Option = {
    color: PALETTE,
    animation: false,
    grid: { left: 8, right: 120, top: 40, bottom: 8, containLabel: true },
    legend: spec.series.length > 1 ? { top: 0 } : { show: false },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? format(v) : '—'),
    },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      ...(spec.max !== undefined ? { max: spec.max } : {}),
      min: 0,
      axisLabel: { formatter: (v: number) => format(v) },
    },
    series: spec.series.map((s): BarSeriesOption | LineSeriesOption => {
      const reference = s.reference;
      const marks = reference
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: REFERENCE_COLOR, type: 'dashed' as const, width: 2 },
              label: { formatter: reference.label, position: 'end' as const, color: REFERENCE_COLOR },
              data: [{ yAxis: (reference.low + reference.high) / 2 }],
            },
            ...(reference.low !== reference.high
              ? {
                  markArea: {
                    silent: true,
                    itemStyle: { color: 'rgba(74, 83, 96, 0.12)' },
                    data: [[{ yAxis: reference.low }, { yAxis: reference.high }]] as [
                      { yAxis: number },
                      { yAxis: number },
                    ][],
                  },
                }
              : {}),
          }
        : {};
      // ECharts reads '-' as "no value": a suppressed or empty group leaves a gap, never a zero.
      const data = s.values.map((v) => (v === null ? '-' : v));
      return spec.kind === 'bar'
        ? { type: 'bar', name: s.name, data, ...marks }
        : { type: 'line', name: s.name, data, connectNulls: false, symbolSize: 8, ...marks };
    }),
  };
  chart.setOption(option);
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
