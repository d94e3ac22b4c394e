import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import type { RewardStats } from "../monitor/report.js";
import { aggregateStats } from "./aggregate.js";
import { createRewardTracker, updateRewardTracker } from "./reward-tracker.js";

function statsOf(rewards: Record<string, (number | null)[]>): Record<string, RewardStats> {
  const out: Record<string, RewardStats> = {};
  for (const [fn, raw] of Object.entries(rewards))
    out[fn] = updateRewardTracker(createRewardTracker(), raw).stats;
  return out;
}

describe("aggregateStats", () => {
  it("sums finite values per completion and averages over functions", () => {
    const rewards = { a: [1, null, 3, null], b: [2, 3, Number.NaN, null], c: [null, null, null, null] };
    const { aggregate, totals } = aggregateStats(rewards, statsOf(rewards), 20);
    expect([...totals]).toEqual([3, 3, 3, Number.NaN]);
    expect(aggregate.total.count).toBe(3);
    expect(aggregate.total.mean).toBe(3);
    expect(aggregate.total.std).toBe(0);
    // a: mean 2, std 1; b: mean 2.5, std 0.5; c has no values and is left out.
    expect(aggregate.meanOfMeans).toBe(2.25);
    expect(aggregate.meanOfStds).toBe(0.75);
    expect(aggregate.sumOfMeans).toBe(4.5);
    expect(aggregate.minMean).toBe(2);
    expect(aggregate.maxMean).toBe(2.5);
  });

  it("gives NaN figures when no function has values, and handles no functions", () => {
    const rewards = { a: [null, null] };
    const { aggregate, totals } = aggregateStats(rewards, statsOf(rewards));
    expect([...totals]).toEqual([Number.NaN, Number.NaN]);
    expect(aggregate.total.count).toBe(0);
    expect(aggregate.meanOfMeans).toBeNaN();
    expect(aggregate.minMean).toBeNaN();
    expect(aggregateStats({}, {}).totals.length).toBe(0);
  });

  it("rejects reward arrays of different lengths", () => {
    expect(() => aggregateStats({ a: [1, 2], b: [1] }, {})).toThrow(RewardscopeError);
    expect(() => aggregateStats({ a: [1, 2], b: [1] }, {})).toThrow(/rewards\.b/);
  });
});
