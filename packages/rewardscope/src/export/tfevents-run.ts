import { histogram } from "@rewardscope/core";
import type { TfEvent, TfHistogram, TfScalar } from "../formats/tfevents/index.js";
import { scanHistory } from "../report/history-scan.js";
import type { Store } from "../store/store.js";

/** Buckets of each reward histogram: the default of TensorFlow's summary histograms. */
export const HISTOGRAM_BUCKETS = 30;

/**
 * The TensorBoard tag of a series: the reward function (or the first name part) becomes the tag's group, so
 * TensorBoard shows one section per function: `accuracy.batch.mean` → `accuracy/batch.mean`,
 * `quality.repetition` → `quality/repetition`. Names that already hold a slash (`train/kl`) stay as they are.
 * @example
 * seriesTag("my.fn.batch.mean", ["my.fn"]); // "my.fn/batch.mean"
 */
export function seriesTag(name: string, rewardFunctions: readonly string[]): string {
  if (name.includes("/")) return name;
  const fn = rewardFunctions.filter((f) => name.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
  if (fn !== undefined) return `${fn}/${name.slice(fn.length + 1)}`;
  const dot = name.indexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}/${name.slice(dot + 1)}` : name;
}

/**
 * A HistogramProto-shaped histogram of one step's values of a reward function: exact count, sum, sum of squares,
 * min and max, and HISTOGRAM_BUCKETS equal-width buckets; null when no value is finite (a step known only by its
 * aggregates, or all nulls).
 */
export function rewardHistogram(tag: string, values: readonly (number | null)[]): TfHistogram | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  const binned = histogram(finite, HISTOGRAM_BUCKETS);
  const span = binned.max - binned.min;
  const single = span === 0;
  return {
    tag,
    min: binned.min,
    max: binned.max,
    num: finite.length,
    sum: finite.reduce((s, v) => s + v, 0),
    sumSquares: finite.reduce((s, v) => s + v * v, 0),
    bucketLimits: single
      ? [binned.max]
      : binned.counts.map((_, i) =>
          i === binned.counts.length - 1 ? binned.max : binned.min + (span * (i + 1)) / binned.counts.length,
        ),
    buckets: single ? [finite.length] : binned.counts,
  };
}

/**
 * A stored run as TensorBoard events, one per analysed step: every series as a scalar (tagged by seriesTag) and,
 * when the store kept the step's raw rewards, one histogram per reward function (`<fn>/values`). The store keeps
 * no time per step, so every event carries `wallTime`.
 * @example
 * for await (const event of runTfEvents(store, "qwen-1", Date.now() / 1000)) sink.write(tfEventRecord(event));
 */
export async function* runTfEvents(store: Store, run: string, wallTime: number): AsyncGenerator<TfEvent> {
  const record = await store.getRun(run);
  if (!record) return;
  const names = await store.seriesNames(run);
  const tags = names.map((name) => seriesTag(name, record.rewardFunctions));
  for await (const row of scanHistory(store, run, names)) {
    const scalars: TfScalar[] = [];
    for (let i = 0; i < tags.length; i++) {
      const value = row.values[i] as number;
      if (!Number.isNaN(value)) scalars.push({ tag: tags[i] as string, value });
    }
    const histograms: TfHistogram[] = [];
    for (const [fn, values] of Object.entries((await store.stepRewards(run, row.step)) ?? {})) {
      const h = rewardHistogram(`${fn}/values`, values);
      if (h) histograms.push(h);
    }
    yield { step: row.step, wallTime, scalars, histograms };
  }
}
