import type { SeriesPoints } from "../api/types.js";

/**
 * Adds one live step's values to downsampled series: appended after the last point, replacing a point at the
 * same step (a step analysed again), ignored when older than the last point (it arrived during the fetch and
 * the fetched data already has it). Returns the same array when nothing changed, so React skips the render.
 * @example
 * appendStep(points, 120, { "accuracy.batch.mean": 0.4 });
 */
export function appendStep(
  series: readonly SeriesPoints[],
  step: number,
  values: Readonly<Record<string, number>>,
): readonly SeriesPoints[] {
  let changed = false;
  const next = series.map((s) => {
    const value = values[s.name];
    if (value === undefined) return s;
    const last = s.steps.length > 0 ? (s.steps[s.steps.length - 1] as number) : -1;
    if (step < last) return s;
    changed = true;
    if (step === last) return { ...s, values: [...s.values.slice(0, -1), value] };
    return { name: s.name, steps: [...s.steps, step], values: [...s.values, value] };
  });
  return changed ? next : series;
}
