import type { SeriesPoints } from "../../store/store.js";

/**
 * The smallest and largest value of a charted series over the whole run. Exact although the series is
 * downsampled: min-max downsampling keeps each bucket's minimum and maximum.
 */
export function runRange(series: SeriesPoints | undefined): { min: number; max: number } | null {
  if (!series || series.values.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of series.values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
