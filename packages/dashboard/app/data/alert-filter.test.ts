import { describe, expect, it } from "vitest";
import type { Alert } from "../api/types.js";
import { alertKey, matchesFilter, NO_FILTER } from "./alert-filter.js";

const alert: Alert = {
  step: 12,
  type: "flatline",
  severity: "high",
  rewardFn: "accuracy",
  message: "stuck",
  value: 5,
  threshold: 5,
  action: "check it",
};

describe("matchesFilter", () => {
  it("passes everything without a filter, and checks severity, type and function", () => {
    expect(matchesFilter(alert, NO_FILTER)).toBe(true);
    expect(matchesFilter(alert, { ...NO_FILTER, severities: ["high", "critical"] })).toBe(true);
    expect(matchesFilter(alert, { ...NO_FILTER, severities: ["low"] })).toBe(false);
    expect(matchesFilter(alert, { ...NO_FILTER, types: ["drop"] })).toBe(false);
    expect(matchesFilter(alert, { ...NO_FILTER, fn: "format" })).toBe(false);
    expect(matchesFilter(alert, { severities: ["high"], types: ["flatline"], fn: "accuracy" })).toBe(true);
  });

  it("keys an alert by step, type and what it concerns", () => {
    expect(alertKey(alert)).toBe("12:flatline:accuracy:");
    expect(alertKey({ ...alert, rewardFn: undefined, metric: "kl" })).toBe("12:flatline::kl");
  });
});
