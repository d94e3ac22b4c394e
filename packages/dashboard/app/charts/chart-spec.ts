/** One line of a chart. */
export interface LineSpec {
  label: string;
  color: string;
  width?: number;
  dash?: number[];
  /** Hidden until its legend entry is clicked. */
  hidden?: boolean;
  /** false: no legend entry (the edges of a band, which the band's centre line already names). */
  legend?: boolean;
}

/** A filled area between two lines (indices into the chart's lines). */
export interface BandSpec {
  upper: number;
  lower: number;
  fill: string;
}

/** A vertical marker at a step: an alert. */
export interface MarkerSpec {
  step: number;
  color: string;
  key: string;
}

/** What a chart draws: the step axis and one column per line, aligned. */
export interface ChartData {
  steps: number[];
  columns: (number | null)[][];
}
