import { describe, expect, it } from "vitest";
import { aggregateSummary, updateRewardTrackerFromAggregate } from "./aggregate-tracker.js";
import { createRewardTracker } from "./reward-tracker.js";

describe("aggregateSummary", () => {
  it("keeps what the aggregate gives and derives only what the bounds decide", () => {
    const s = aggregateSummary({ mean: 0.5, std: 0.2, min: 0.1, max: 0.9, count: 16 });
    expect(s).toMatchObject({
      count: 16,
      mean: 0.5,
      std: 0.2,
      min: 0.1,
      max: 0.9,
      zeroFrac: 0,
      negativeFrac: 0,
    });
    expect(s.positiveFrac).toBe(1);
    expect(s.median).toBeNaN();
    expect(s.snr).toBeCloseTo(2.5);
  });

  it("reads a std of 0 as every value equal to the mean", () => {
    expect(aggregateSummary({ mean: 0, std: 0 })).toMatchObject({
      count: 2,
      min: 0,
      max: 0,
      median: 0,
      zeroFrac: 1,
      entropy: 0,
    });
  });

  it("leaves the spread unknown for a mean alone", () => {
    const s = aggregateSummary({ mean: -0.3 });
    expect(s.count).toBe(1);
    expect(s.std).toBeNaN();
    expect(s.min).toBeNaN();
    expect(s.negativeFrac).toBeNaN();
  });
});

describe("updateRewardTrackerFromAggregate", () => {
  it("follows the mean with the EMAs and marks the statistics as aggregate", () => {
    const state = createRewardTracker();
    const first = updateRewardTrackerFromAggregate(state, { mean: 1, std: 0.5 });
    const second = updateRewardTrackerFromAggregate(state, { mean: 2, std: 0.5 });
    expect(first.source).toBe("aggregate");
    expect(first.emaShort).toBe(1);
    expect(second.emaShort).toBeCloseTo(1.1);
    expect(second.window.count).toBe(0);
    expect(state.steps).toBe(2);
  });

  it("reads a mean-only function repeating its extreme exactly as constant, and nothing else", () => {
    const stuck = createRewardTracker();
    expect(updateRewardTrackerFromAggregate(stuck, { mean: 0 }).batch.std).toBeNaN();
    expect(updateRewardTrackerFromAggregate(stuck, { mean: 0 }).batch).toMatchObject({
      std: 0,
      min: 0,
      max: 0,
    });

    const moving = createRewardTracker();
    for (const mean of [0, 1, 0.5, 0.5]) updateRewardTrackerFromAggregate(moving, { mean });
    // 0.5 repeated, but inside the range of means seen: a mean of varied values.
    expect(moving.aggregateMeans).toEqual({ last: 0.5, min: 0, max: 1 });
    expect(updateRewardTrackerFromAggregate(moving, { mean: 0.5 }).batch.std).toBeNaN();
  });
});
