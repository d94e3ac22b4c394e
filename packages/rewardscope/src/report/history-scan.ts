import type { Store } from "../store/store.js";

/** One step of a run's history: its step number and the value of each scanned series (NaN when absent). */
export interface HistoryRow {
  step: number;
  values: Float64Array;
}

/** Steps read per store query: bounds the memory of a scan of a 100,000-step run to one window. */
export const SCAN_WINDOW_STEPS = 5000;

/**
 * Every analysed step of a run, in order. Every saved step has the series `total.count` (a count is always
 * finite, so `seriesOf` never leaves it out), which makes it the run's step index.
 * @example
 * await runSteps(store, "qwen-1"); // [0, 1, 2, ...]
 */
export async function runSteps(store: Store, run: string): Promise<number[]> {
  const [index] = await store.series(run, { names: ["total.count"] });
  return index?.steps ?? [];
}

/**
 * Walks a run's full-resolution history step by step, window by window, so a 100,000-step run with hundreds of
 * series never sits in memory at once. `names` fixes the column order of `row.values`.
 * @example
 * for await (const row of scanHistory(store, "qwen-1", ["accuracy.batch.mean", "kl"])) console.log(row.step, row.values[1]);
 */
export async function* scanHistory(
  store: Store,
  run: string,
  names: readonly string[],
  options: { steps?: readonly number[]; windowSteps?: number } = {},
): AsyncGenerator<HistoryRow> {
  const index = options.steps ?? (await runSteps(store, run));
  const size = options.windowSteps ?? SCAN_WINDOW_STEPS;
  for (let start = 0; start < index.length; start += size) {
    const window = index.slice(start, start + size);
    const fromStep = window[0] as number;
    const toStep = window.at(-1) as number;
    const points = await store.series(run, { names: [...names], fromStep, toStep });
    // Rows are the union of the steps of every series in the window (the index, plus any a series adds).
    const rows = new Map<number, Float64Array>();
    for (const step of window) rows.set(step, new Float64Array(names.length).fill(Number.NaN));
    points.forEach((series, column) => {
      for (let i = 0; i < series.steps.length; i++) {
        const step = series.steps[i] as number;
        let row = rows.get(step);
        if (!row) {
          row = new Float64Array(names.length).fill(Number.NaN);
          rows.set(step, row);
        }
        row[column] = series.values[i] as number;
      }
    });
    for (const step of [...rows.keys()].sort((a, b) => a - b))
      yield { step, values: rows.get(step) as Float64Array };
  }
}
