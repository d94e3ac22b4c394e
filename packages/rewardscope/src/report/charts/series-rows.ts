import type { SeriesPoints } from "../../store/store.js";

/** One charted value: the tidy rows vega-lite specs take. */
export type Row = Record<string, string | number | null>;

/**
 * The rows of one series, each tagged with `tags` (which function, which statistic).
 * @example
 * seriesRows({ name: "kl", steps: [1, 2], values: [0.1, 0.2] }, { metric: "kl" });
 * // [{ metric: "kl", step: 1, value: 0.1 }, { metric: "kl", step: 2, value: 0.2 }]
 */
export function seriesRows(series: SeriesPoints | undefined, tags: Row): Row[] {
  if (!series) return [];
  return series.steps.map((step, i) => ({ ...tags, step, value: series.values[i] as number }));
}

/**
 * The value of `series` at the kept step nearest to `step`. The store downsamples each series on its own (each
 * bucket keeps its minimum and maximum), so two series of one run keep different steps; both keep a point in
 * every bucket, so the nearest point is from the same bucket, which is as close as a chart pixel can show.
 */
export function valueNear(series: SeriesPoints | undefined, step: number): number | null {
  if (!series || series.steps.length === 0) return null;
  const steps = series.steps;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((steps[mid] as number) < step) lo = mid + 1;
    else hi = mid;
  }
  const before = lo > 0 ? lo - 1 : lo;
  const at =
    Math.abs((steps[before] as number) - step) < Math.abs((steps[lo] as number) - step) ? before : lo;
  return series.values[at] as number;
}

/**
 * Rows at the steps of `base`, each with base's value under `baseField` and the nearest value of every other
 * series under its field (see valueNear): what a band (mean ± std, p25-p75) needs on one row.
 * @example
 * alignedRows(mean, { value: mean, std }, { fn: "accuracy" });
 */
export function alignedRows(
  base: SeriesPoints | undefined,
  fields: Record<string, SeriesPoints | undefined>,
  tags: Row,
): Row[] {
  if (!base) return [];
  return base.steps.map((step, i) => {
    const row: Row = { ...tags, step };
    for (const [field, series] of Object.entries(fields))
      row[field] = series === base ? (base.values[i] as number) : valueNear(series, step);
    return row;
  });
}
