import { describe, expect, it } from "vitest";
import { resolveAlertQuery, resolveCompletionQuery, resolveSeriesQuery } from "./query-options.js";

describe("query options", () => {
  it("merges the documented defaults", () => {
    expect(resolveAlertQuery({})).toEqual({
      severities: null,
      minRank: 0,
      types: null,
      rewardFn: null,
      fromStep: Number.MIN_SAFE_INTEGER,
      toStep: Number.MAX_SAFE_INTEGER,
      limit: 100,
      offset: 0,
    });
    expect(resolveCompletionQuery({ search: "" })).toMatchObject({
      search: null,
      order: "desc",
      sortBy: null,
    });
    expect(resolveSeriesQuery({ names: ["a"] }).maxPoints).toBeNull();
  });

  it("lowers a large limit to 1,000 and narrows a range to one step", () => {
    expect(resolveAlertQuery({ limit: 10_000 }).limit).toBe(1000);
    expect(resolveCompletionQuery({ step: 5, fromStep: 0, toStep: 9 })).toMatchObject({
      fromStep: 5,
      toStep: 5,
    });
    expect(resolveCompletionQuery({ step: 5, fromStep: 6 })).toMatchObject({ fromStep: 6, toStep: 5 });
    expect(resolveAlertQuery({ minSeverity: "critical" }).minRank).toBe(3);
  });

  it("names the bad field", () => {
    expect(() => resolveAlertQuery({ types: [3 as unknown as "drop"] })).toThrow(
      "types[0]: must be a string",
    );
    expect(() => resolveSeriesQuery({ names: [], maxPoints: 0 })).toThrow(
      /^maxPoints: must be an integer >= 2/,
    );
    expect(() => resolveCompletionQuery({ toStep: Number.POSITIVE_INFINITY })).toThrow(/^toStep:/);
  });
});
