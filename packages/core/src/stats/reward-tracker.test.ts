import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { createRewardTracker, type RewardTrackerState, updateRewardTracker } from "./reward-tracker.js";

describe("reward tracker", () => {
  it("summarises the step's finite values and counts nulls and NaN", () => {
    const state = createRewardTracker();
    const { stats, values } = updateRewardTracker(state, [
      1,
      null,
      3,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      2,
    ]);
    expect([...values]).toEqual([1, 3, 2]);
    expect(stats.nullCount).toBe(1);
    expect(stats.nanCount).toBe(2);
    expect(stats.batch.count).toBe(3);
    expect(stats.batch.mean).toBe(2);
    expect(stats.batch.std).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(stats.histogram.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(stats.histogram.counts.length).toBe(20);
    expect([stats.emaShort, stats.emaLong]).toEqual([2, 2]);
    expect(stats.run).toMatchObject({ count: 3, mean: 2, min: 1, max: 3 });
    expect(Math.abs(stats.run.p50 - 2)).toBeLessThanOrEqual(0.02);
    expect(state.steps).toBe(1);
  });

  it("rolls the window, updates the EMAs with step means and keeps run-long figures", () => {
    const state = createRewardTracker({ window: 4 });
    updateRewardTracker(state, [0, 2], { emaShortAlpha: 0.5, emaLongAlpha: 0.25 });
    const { stats } = updateRewardTracker(state, [4, 6, 8], {
      emaShortAlpha: 0.5,
      emaLongAlpha: 0.25,
      bins: 4,
    });
    // Window keeps the last 4 values: 2, 4, 6, 8.
    expect(stats.window.count).toBe(4);
    expect(stats.window.mean).toBe(5);
    expect(stats.window.min).toBe(2);
    // Step means 1 then 6: short 1 + 0.5 * 5, long 1 + 0.25 * 5.
    expect(stats.emaShort).toBe(3.5);
    expect(stats.emaLong).toBe(2.25);
    expect(stats.histogram.counts).toEqual([1, 0, 1, 1]);
    expect(stats.run).toMatchObject({ count: 5, mean: 4, min: 0, max: 8 });
  });

  it("leaves the EMAs alone on a step without finite values", () => {
    const state = createRewardTracker();
    const first = updateRewardTracker(state, [null, Number.NaN]);
    expect(first.stats.emaShort).toBeNaN();
    expect(first.stats.batch.count).toBe(0);
    expect(first.stats.window.count).toBe(0);
    expect(first.stats.run.p50).toBeNaN();
    expect(state.emaShort).toBeNull();
    updateRewardTracker(state, [5]);
    const third = updateRewardTracker(state, [null]);
    expect(third.stats.emaShort).toBe(5);
    expect(third.stats.window.count).toBe(1);
    expect(state.steps).toBe(3);
  });

  it("keeps its state JSON-safe: a round-tripped state gives the same answers", () => {
    const a = createRewardTracker({ window: 50 });
    let b: RewardTrackerState = JSON.parse(JSON.stringify(a));
    for (let step = 0; step < 30; step++) {
      const raw = Array.from({ length: 8 }, (_, i) => (i === 3 ? null : Math.sin(step * 8 + i) * 10));
      const x = updateRewardTracker(a, raw);
      const y = updateRewardTracker(b, raw);
      expect(y.stats).toEqual(x.stats);
      b = JSON.parse(JSON.stringify(b));
    }
    expect(b).toEqual(JSON.parse(JSON.stringify(a)));
  });

  it("rejects values that are neither numbers nor null", () => {
    const state = createRewardTracker();
    const raw = [1, "2"] as unknown as number[];
    expect(() => updateRewardTracker(state, raw)).toThrow(RewardscopeError);
    expect(() => createRewardTracker({ window: 0 })).toThrow(/capacity/);
  });
});
