import { describe, expect, it } from "vitest";
import { alignSeries } from "./align.js";

describe("alignSeries", () => {
  it("interpolates each series on the union of steps and leaves nulls outside its range", () => {
    const aligned = alignSeries([
      { name: "a", steps: [0, 4], values: [0, 8] },
      { name: "b", steps: [2, 3], values: [5, 7] },
    ]);
    expect(aligned.steps).toEqual([0, 2, 3, 4]);
    expect(aligned.columns).toEqual([
      [0, 4, 6, 8],
      [null, 5, 7, null],
    ]);
  });

  it("does not bridge a null and handles empty series", () => {
    const aligned = alignSeries([
      { name: "a", steps: [0, 1, 2], values: [1, null, 3] },
      { name: "b", steps: [], values: [] },
    ]);
    expect(aligned.columns).toEqual([
      [1, null, 3],
      [null, null, null],
    ]);
  });
});
