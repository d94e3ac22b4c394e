import { downsampleMinMax } from "../store/downsample.js";
import type { SeriesPoints } from "../store/store.js";
import type { HistoryRow } from "./history-scan.js";

/**
 * Collects the charted series from the one full-resolution pass over a run's history and downsamples each with the
 * store's own rule (downsampleMinMax: each bucket's minimum and maximum kept), so the charts cost no second read
 * of the store. Holds the charted series' points until `result` (a 100,000-step run: ~1.6 MB per series).
 * @example
 * const history = new ChartHistory(["kl"], allNames);
 * for await (const row of scanHistory(store, run, allNames)) history.add(row);
 * history.result(1000).kl; // at most 1,000 points
 */
export class ChartHistory {
  private readonly series: { name: string; column: number; steps: number[]; values: number[] }[];

  constructor(names: readonly string[], columns: readonly string[]) {
    this.series = names
      .map((name) => ({ name, column: columns.indexOf(name), steps: [], values: [] }))
      .filter((s) => s.column >= 0);
  }

  add(row: HistoryRow): void {
    for (const s of this.series) {
      const value = row.values[s.column] as number;
      if (Number.isNaN(value)) continue;
      s.steps.push(row.step);
      s.values.push(value);
    }
  }

  /** Each series with at most `maxPoints` points, by name. */
  result(maxPoints: number): Record<string, SeriesPoints> {
    const out: Record<string, SeriesPoints> = {};
    for (const { name, steps, values } of this.series) {
      if (steps.length === 0) continue;
      const extent = { count: steps.length, lo: steps[0] as number, hi: steps.at(-1) as number };
      const points = (function* () {
        for (let i = 0; i < steps.length; i++) yield [steps[i] as number, values[i] as number] as const;
      })();
      out[name] = { name, ...downsampleMinMax(points, extent, maxPoints) };
    }
    return out;
  }
}
