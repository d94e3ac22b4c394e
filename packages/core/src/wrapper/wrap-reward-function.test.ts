import { describe, expect, it } from "vitest";
import { RewardscopeError } from "../errors.js";
import { wrapRewardFunction, wrapRewardFunctions } from "./wrap-reward-function.js";

const args = { prompts: ["p", "p"], completions: ["a", "b"] };

describe("wrapRewardFunction", () => {
  it("returns the results unchanged and counts calls and nulls", () => {
    const fn = wrapRewardFunction(({ completions }) => completions.map((c) => (c === "a" ? 1 : null)), {
      name: "acc",
    });
    expect(fn(args)).toEqual([1, null]);
    fn(args);
    expect(fn.stats()).toMatchObject({ name: "acc", calls: 2, errors: 0, nulls: 2, errorRate: 0 });
    expect(fn.rewardName).toBe("acc");
  });

  it("keeps the function's own name by default", () => {
    function formatReward() {
      return [0, 0];
    }
    expect(wrapRewardFunction(formatReward).rewardName).toBe("formatReward");
  });

  it("records an exception and rethrows it by default", () => {
    const fn = wrapRewardFunction(() => {
      throw new Error("boom");
    });
    expect(() => fn(args)).toThrow("boom");
    expect(fn.stats()).toMatchObject({ calls: 1, errors: 1, errorRate: 1, lastError: "boom" });
  });

  it("turns an exception into nulls when asked", () => {
    const fn = wrapRewardFunction(
      () => {
        throw new Error("boom");
      },
      { onError: "null" },
    );
    expect(fn(args)).toEqual([null, null]);
    expect(fn.stats()).toMatchObject({ errors: 1, nulls: 2 });
  });

  it("handles async functions, resolved and rejected", async () => {
    const ok = wrapRewardFunction(async () => [0.5, 1]);
    await expect(ok(args)).resolves.toEqual([0.5, 1]);
    const bad = wrapRewardFunction(async () => Promise.reject(new Error("late")), { onError: "null" });
    await expect(bad(args)).resolves.toEqual([null, null]);
    expect(ok.stats().calls).toBe(1);
    expect(bad.stats()).toMatchObject({ errors: 1, lastError: "late" });
  });

  it("measures time: avg, p95 and max", async () => {
    const fn = wrapRewardFunction(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return [1, 1];
    });
    await fn(args);
    const stats = fn.stats();
    expect(stats.maxMs).toBeGreaterThanOrEqual(15);
    expect(stats.p95Ms).toBe(stats.maxMs);
    expect(stats.avgMs).toBe(stats.totalMs);
  });

  it("drains per-step call statistics", () => {
    const fn = wrapRewardFunction(() => [1, 1]);
    fn(args);
    fn(args);
    expect(fn.recorder.drain()).toMatchObject({ calls: 2, errors: 0 });
    expect(fn.recorder.drain().calls).toBe(0);
    expect(fn.stats().calls).toBe(2);
  });

  it("rejects what is not a function, and an unknown onError", () => {
    expect(() => wrapRewardFunction(42 as never)).toThrow(RewardscopeError);
    expect(() => wrapRewardFunction(() => [], { onError: "ignore" as never })).toThrow(/onError/);
  });

  it("wraps several functions keeping order", () => {
    const [a, b] = wrapRewardFunctions([
      function a() {
        return [1];
      },
      function b() {
        return [2];
      },
    ]);
    expect([a?.rewardName, b?.rewardName]).toEqual(["a", "b"]);
  });
});
