import { describe, expect, it } from "vitest";
import { escalate } from "./severity.js";

describe("escalate", () => {
  it("raises by whole levels and caps at critical", () => {
    expect([0, 1, 2, 3, 9].map((levels) => escalate("low", levels))).toEqual([
      "low",
      "medium",
      "high",
      "critical",
      "critical",
    ]);
    expect(escalate("high", -1)).toBe("high");
  });
});
