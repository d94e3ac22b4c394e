import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { parseEvent } from "./validate.js";

function fieldOf(raw: unknown): { field: string | undefined; message: string } {
  try {
    parseEvent(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(RewardscopeError);
    return { field: (error as RewardscopeError).field, message: (error as Error).message };
  }
  throw new Error(`expected parseEvent to reject ${JSON.stringify(raw)}`);
}

const base = { type: "reward_stats", step: 4, fn: "accuracy", mean: 0.5 };

describe("parseEvent: reward_stats", () => {
  it("keeps the known fields only", () => {
    expect(
      parseEvent({ ...base, std: 0.1, min: 0, max: 1, count: 8, rank: 1, batchId: "b", extra: true }),
    ).toEqual({ ...base, std: 0.1, min: 0, max: 1, count: 8, rank: 1, batchId: "b" });
    expect(parseEvent(base)).toEqual(base);
  });

  it("names the bad field", () => {
    expect(fieldOf({ ...base, mean: undefined })).toMatchObject({ field: "mean" });
    expect(fieldOf({ ...base, mean: "NaN" }).message).toMatch(/NaN and Infinity are not allowed/);
    expect(fieldOf({ ...base, fn: "" })).toMatchObject({ field: "fn" });
    expect(fieldOf({ ...base, std: -0.1 })).toMatchObject({ field: "std" });
    expect(fieldOf({ ...base, count: 2.5 })).toMatchObject({ field: "count" });
    expect(fieldOf({ ...base, min: 0.6 })).toMatchObject({ field: "mean" });
    expect(fieldOf({ ...base, min: 0.6 }).message).toMatch(/must not be below min \(0.6\), got 0.5/);
    expect(fieldOf({ ...base, max: 0.4 })).toMatchObject({ field: "mean" });
    expect(fieldOf({ ...base, step: -1 })).toMatchObject({ field: "step" });
  });

  it("lets a float32 mean pass its bound by rounding", () => {
    expect(() => parseEvent({ ...base, mean: 0.1 + 1e-9, max: 0.1, min: 0.1 })).not.toThrow();
  });
});
