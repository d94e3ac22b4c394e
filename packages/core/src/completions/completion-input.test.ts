import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { type CompletionInput, checkCompletionInput } from "./completion-input.js";

function fieldOf(input: unknown): string | undefined {
  try {
    checkCompletionInput(input as CompletionInput);
  } catch (e) {
    expect(e).toBeInstanceOf(RewardscopeError);
    expect((e as RewardscopeError).code).toBe("invalid_argument");
    return (e as RewardscopeError).field;
  }
  return undefined;
}

describe("checkCompletionInput", () => {
  it("returns the completion count of good input", () => {
    expect(
      checkCompletionInput({
        completions: ["a", null, ""],
        lengths: [1, null, 0],
        truncated: [true, null, false],
        totals: Float64Array.of(1, Number.NaN, 0),
      }),
    ).toBe(3);
    expect(checkCompletionInput({ completions: [] })).toBe(0);
  });

  it("names the bad entry", () => {
    expect(fieldOf(null)).toBe("input");
    expect(fieldOf({})).toBe("completions");
    expect(fieldOf({ completions: ["a", 3] })).toBe("completions[1]");
    expect(fieldOf({ completions: ["a"], lengths: [1, 2] })).toBe("lengths");
    expect(fieldOf({ completions: ["a"], lengths: [-1] })).toBe("lengths[0]");
    expect(fieldOf({ completions: ["a"], lengths: [Number.POSITIVE_INFINITY] })).toBe("lengths[0]");
    expect(fieldOf({ completions: ["a"], truncated: ["yes"] })).toBe("truncated[0]");
    expect(fieldOf({ completions: ["a"], totals: [null] })).toBe("totals[0]");
    expect(fieldOf({ completions: ["a"], totals: "1" })).toBe("totals");
  });
});
