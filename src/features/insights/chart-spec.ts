/** What a chart shows, as the Insights screen hands it to the lazily loaded chart. */
export interface ChartSpec {
  /** One label per bar (months). */
  labels: string[];
  series: { label: string; values: number[] }[];
  /** Series stacked into one bar per label, or side by side. */
  stacked: boolean;
  /** The top of the value axis (1 for rates). */
  max?: number;
  /** How a value reads on the axis and in tooltips. */
  format: (value: number) => string;
}
