/** What a chart shows, independent of the charting library (OutcomeChart draws it and tabulates it). */
export interface ChartSpec {
  kind: 'bar' | 'line';
  /** The x axis: groups (schools, trades) or cohorts (years). */
  categories: string[];
  series: ChartSeries[];
  /** Upper bound of the value axis (1 for rates). */
  max?: number;
}

export interface ChartSeries {
  name: string;
  /** One value per category; null where the group is suppressed or empty. */
  values: (number | null)[];
  /** The network's headline figure, drawn as a dashed line (and a band for a range). */
  reference?: { low: number; high: number; label: string };
}
