import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { resolveSimulation, type SimulationOptions } from "./options.js";

function fieldOf(options: unknown): string | undefined {
  try {
    resolveSimulation(options as SimulationOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(RewardscopeError);
    expect((e as RewardscopeError).code).toBe("invalid_argument");
    return (e as RewardscopeError).field;
  }
  return "no error";
}

describe("resolveSimulation", () => {
  it("applies the documented defaults", () => {
    expect(resolveSimulation()).toEqual({
      steps: 200,
      scenario: "healthy",
      seed: 1,
      promptsPerStep: 8,
      groupSize: 8,
      onset: 100,
      rewardFunctions: ["format", "accuracy", "reasoning_steps", "length_penalty"],
      completionChars: 800,
      runName: "sim-healthy-1",
      batchesPerStep: 1,
      maxChars: 3200,
    });
  });

  it("starts stagnation at step 0 and other pathologies at half the run", () => {
    expect(resolveSimulation({ scenario: "stagnation", steps: 90 }).onset).toBe(0);
    expect(resolveSimulation({ scenario: "flatline", steps: 91 }).onset).toBe(45);
    expect(resolveSimulation({ scenario: "flatline", steps: 91, onset: 3 }).onset).toBe(3);
  });

  it("takes reward functions as a count or as names", () => {
    expect(resolveSimulation({ rewardFunctions: 6 }).rewardFunctions).toEqual([
      "format",
      "accuracy",
      "reasoning_steps",
      "length_penalty",
      "xmlcount",
      "conciseness",
    ]);
    expect(resolveSimulation({ rewardFunctions: ["partial_credit", "format"] }).rewardFunctions).toEqual([
      "partial_credit",
      "format",
    ]);
  });

  it("names the bad option", () => {
    expect(fieldOf({ steps: 0 })).toBe("steps");
    expect(fieldOf({ steps: 2.5 })).toBe("steps");
    expect(fieldOf({ steps: "10" })).toBe("steps");
    expect(fieldOf({ scenario: "nope" })).toBe("scenario");
    expect(fieldOf({ seed: Number.NaN })).toBe("seed");
    expect(fieldOf({ promptsPerStep: 0 })).toBe("promptsPerStep");
    expect(fieldOf({ groupSize: -1 })).toBe("groupSize");
    expect(fieldOf({ steps: 10, onset: 10 })).toBe("onset");
    expect(fieldOf({ onset: -1 })).toBe("onset");
    expect(fieldOf({ rewardFunctions: 9 })).toBe("rewardFunctions");
    expect(fieldOf({ rewardFunctions: [] })).toBe("rewardFunctions");
    expect(fieldOf({ rewardFunctions: ["format", "bogus"] })).toBe("rewardFunctions[1]");
    expect(fieldOf({ rewardFunctions: ["format", "format"] })).toBe("rewardFunctions[1]");
    expect(fieldOf({ completionChars: 10 })).toBe("completionChars");
    expect(fieldOf({ runName: " " })).toBe("runName");
    expect(fieldOf({ promptsPerStep: 2, batchesPerStep: 3 })).toBe("batchesPerStep");
    expect(fieldOf(null)).toBe("options");
  });
});
