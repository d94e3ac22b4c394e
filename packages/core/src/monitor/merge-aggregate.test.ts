import { describe, expect, it } from "vitest";
import { mergeRewardAggregate } from "./merge-aggregate.js";

describe("mergeRewardAggregate", () => {
  it("pools two ranks as if their values came together", () => {
    // Values [1, 1] and [3, 3]: together mean 2, population std 1.
    const merged = mergeRewardAggregate(
      { mean: 1, std: 0, min: 1, max: 1, count: 2 },
      { mean: 3, std: 0, min: 3, max: 3, count: 2 },
    );
    expect(merged).toEqual({ mean: 2, std: 1, min: 1, max: 3, count: 4 });
  });

  it("weighs an aggregate without a count as 1 and leaves what either side lacks out", () => {
    expect(mergeRewardAggregate({ mean: 0, std: 1 }, { mean: 1, count: 3 })).toEqual({ mean: 0.75 });
  });

  it("takes the first aggregate as it is", () => {
    expect(mergeRewardAggregate(undefined, { mean: 1, std: 0.5 })).toEqual({ mean: 1, std: 0.5 });
  });
});
