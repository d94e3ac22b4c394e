import { RewardscopeError } from "../errors.js";
import type { AggregateStats, RewardStats } from "../monitor/report.js";
import { summarize } from "./summary.js";

/**
 * Statistics across reward functions at one step. `totals[i]` is completion i's sum of finite values
 * over functions (the "total reward"), NaN when no function gave it a finite value; such completions
 * are left out of `total`. The means are taken over the functions whose batch summary has count > 0
 * (NaN when none has).
 * @throws RewardscopeError("invalid_argument") when the reward arrays differ in length.
 * @example
 * const { aggregate, totals } = aggregateStats({ a: [1, null], b: [2, 3] }, stats, 20);
 * totals; // Float64Array [3, 3]
 */
export function aggregateStats(
  rewards: Record<string, ArrayLike<number | null>>,
  stats: Record<string, RewardStats>,
  bins = 20,
): { aggregate: AggregateStats; totals: Float64Array } {
  const fns = Object.keys(rewards);
  const n = fns.length > 0 ? (rewards[fns[0] as string] as ArrayLike<number | null>).length : 0;
  const totals = new Float64Array(n).fill(Number.NaN);
  for (const fn of fns) {
    const arr = rewards[fn] as ArrayLike<number | null>;
    if (arr.length !== n) {
      throw new RewardscopeError(
        "invalid_argument",
        `length ${arr.length} differs from ${n}`,
        `rewards.${fn}`,
      );
    }
    for (let i = 0; i < n; i++) {
      const v = arr[i];
      if (typeof v === "number" && v - v === 0) {
        const t = totals[i] as number;
        totals[i] = Number.isNaN(t) ? v : t + v;
      }
    }
  }
  const finite: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = totals[i] as number;
    if (t - t === 0) finite.push(t);
  }
  let count = 0;
  let sumMeans = 0;
  let sumStds = 0;
  let minMean = Number.POSITIVE_INFINITY;
  let maxMean = Number.NEGATIVE_INFINITY;
  for (const s of Object.values(stats)) {
    if (!(s.batch.count > 0)) continue;
    count++;
    sumMeans += s.batch.mean;
    sumStds += s.batch.std;
    if (s.batch.mean < minMean) minMean = s.batch.mean;
    if (s.batch.mean > maxMean) maxMean = s.batch.mean;
  }
  const none = count === 0;
  const aggregate: AggregateStats = {
    total: summarize(finite, bins).summary,
    meanOfMeans: none ? Number.NaN : sumMeans / count,
    meanOfStds: none ? Number.NaN : sumStds / count,
    sumOfMeans: none ? Number.NaN : sumMeans,
    minMean: none ? Number.NaN : minMean,
    maxMean: none ? Number.NaN : maxMean,
  };
  return { aggregate, totals };
}
