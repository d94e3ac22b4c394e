import { describe, expect, it } from "vitest";
import { appendStep } from "./append-step.js";

describe("appendStep", () => {
  const series = [
    { name: "a", steps: [0, 5], values: [1, 2] },
    { name: "b", steps: [], values: [] },
  ];

  it("appends new steps, replaces the same step, ignores older ones", () => {
    const next = appendStep(series, 6, { a: 3, b: 9 });
    expect(next).toEqual([
      { name: "a", steps: [0, 5, 6], values: [1, 2, 3] },
      { name: "b", steps: [6], values: [9] },
    ]);
    expect(appendStep(series, 5, { a: 7 })[0]).toEqual({ name: "a", steps: [0, 5], values: [1, 7] });
    expect(appendStep(series, 4, { a: 7 })).toBe(series);
    expect(appendStep(series, 9, { c: 1 })).toBe(series);
  });
});
