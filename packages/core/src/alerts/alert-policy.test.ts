import { describe, expect, it } from "vitest";
import type { AlertPolicyConfig } from "../config/types.js";
import { applyAlertPolicy, createAlertPolicyState } from "./alert-policy.js";
import type { Alert, Severity } from "./types.js";

const policy: AlertPolicyConfig = {
  minSeverity: "low",
  dedupeSteps: 10,
  maxPerWindow: 3,
  rateWindowSteps: 20,
};
const alert = (step: number, severity: Severity = "medium", rewardFn = "acc"): Alert => ({
  step,
  type: "drop",
  severity,
  rewardFn,
  message: "m",
  value: 1,
  threshold: 0,
  action: "a",
});

describe("applyAlertPolicy", () => {
  it("drops alerts below the minimum severity", () => {
    const state = createAlertPolicyState();
    expect(applyAlertPolicy(state, [alert(0, "low")], { ...policy, minSeverity: "medium" }, 0)).toEqual([]);
  });

  it("folds repeats within the aggregation window and reports them on the next emission", () => {
    const state = createAlertPolicyState();
    expect(applyAlertPolicy(state, [alert(0)], policy, 0)).toHaveLength(1);
    for (let s = 1; s < 10; s++) expect(applyAlertPolicy(state, [alert(s)], policy, s)).toEqual([]);
    const [again] = applyAlertPolicy(state, [alert(10)], policy, 10);
    expect(again?.evidence?.repeats).toBe(9);
    expect(state.deduplicated).toBe(9);
  });

  it("lets a repeat through when its severity rises", () => {
    const state = createAlertPolicyState();
    applyAlertPolicy(state, [alert(0, "medium")], policy, 0);
    expect(applyAlertPolicy(state, [alert(1, "critical")], policy, 1)).toHaveLength(1);
  });

  it("keeps different functions apart", () => {
    const state = createAlertPolicyState();
    expect(applyAlertPolicy(state, [alert(0, "high", "a"), alert(0, "high", "b")], policy, 0)).toHaveLength(
      2,
    );
  });

  it("rate-limits per window, most severe first", () => {
    const state = createAlertPolicyState();
    const many = ["a", "b", "c", "d", "e"].map((fn, i) => alert(0, i === 4 ? "critical" : "low", fn));
    const out = applyAlertPolicy(state, many, policy, 0);
    expect(out).toHaveLength(3);
    expect(out[0]?.severity).toBe("critical");
    expect(state.rateLimited).toBe(2);
    expect(applyAlertPolicy(state, [alert(25, "low", "z")], policy, 25)).toHaveLength(1);
  });
});
