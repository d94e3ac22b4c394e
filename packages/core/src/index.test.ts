import { expect, it } from "vitest";
import * as core from "./index.js";

it("exports exactly the public API", () => {
  expect(Object.keys(core).sort()).toEqual([
    "ALERT_TYPES",
    "DEFAULT_COMPLETION_CONFIG",
    "DEFAULT_CONFIG",
    "DETECTORS",
    "Monitor",
    "RewardscopeError",
    "SCENARIOS",
    "SEVERITIES",
    "addAllToSketch",
    "addToSketch",
    "aggregateStats",
    "analyzeCompletions",
    "applyAlertPolicy",
    "completionText",
    "createAlertPolicyState",
    "createRewardTracker",
    "createSketch",
    "detectorOptions",
    "evaluateRules",
    "foldNotRun",
    "groupStats",
    "groupsFromPrompts",
    "histogram",
    "histogramEntropy",
    "linearTrend",
    "mergeSketches",
    "parseEvent",
    "parseEventLine",
    "quantileSorted",
    "resolveConfig",
    "seriesOf",
    "setupGrpoMonitoring",
    "severityRank",
    "simulateRun",
    "simulateSteps",
    "sketchQuantile",
    "spearman",
    "summarize",
    "updateEma",
    "updateRewardTracker",
    "wrapRewardFunction",
    "wrapRewardFunctions",
  ]);
});

it("lists every alert type a detector can raise, and every detector once", () => {
  const ids = core.DETECTORS.map((d) => d.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(core.ALERT_TYPES).toContain("threshold");
});
