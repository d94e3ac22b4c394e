import type { SeriesPoints } from "../api/types.js";

/** Several series on one step axis: `columns[i][j]` is series i at `steps[j]`, null where it has no value. */
export interface AlignedSeries {
  steps: number[];
  columns: (number | null)[][];
}

/** The sorted union of the steps of every series. */
function unionSteps(series: readonly SeriesPoints[]): number[] {
  const all = new Set<number>();
  for (const s of series) for (const step of s.steps) all.add(step);
  return [...all].sort((a, b) => a - b);
}

/**
 * Puts one series on the given steps: its own points as they are, linear interpolation between them, null
 * outside its range or across a null. Downsampled series keep different steps (each bucket's minimum and
 * maximum), so bands such as mean ± std need the series on common steps.
 */
function resample(points: SeriesPoints, steps: readonly number[]): (number | null)[] {
  const out: (number | null)[] = new Array(steps.length).fill(null);
  let k = 0;
  for (let j = 0; j < steps.length; j++) {
    const step = steps[j] as number;
    while (k < points.steps.length - 1 && (points.steps[k + 1] as number) <= step) k++;
    const s0 = points.steps[k];
    const v0 = points.values[k];
    if (s0 === undefined || v0 === undefined || v0 === null || step < s0) continue;
    if (step === s0) {
      out[j] = v0;
      continue;
    }
    const s1 = points.steps[k + 1];
    const v1 = points.values[k + 1];
    if (s1 === undefined || v1 === undefined || v1 === null) continue;
    out[j] = v0 + ((v1 - v0) * (step - s0)) / (s1 - s0);
  }
  return out;
}

/**
 * Aligns series by step (the union of their steps), interpolating each between its own points.
 * @example
 * alignSeries([{ name: "a", steps: [0, 2], values: [0, 2] }, { name: "b", steps: [1], values: [5] }]);
 * // { steps: [0, 1, 2], columns: [[0, 1, 2], [null, 5, null]] }
 */
export function alignSeries(series: readonly SeriesPoints[]): AlignedSeries {
  const steps = unionSteps(series);
  return { steps, columns: series.map((s) => resample(s, steps)) };
}
