import type { Alert, RewardStats, StepReport, Summary } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { formatAlertLine, formatRaisedAlert } from "./alert-line.js";
import { formatBreakdown } from "./breakdown.js";
import { createStyle } from "./style.js";

function summary(mean: number, std: number, min: number, max: number): Summary {
  const nan = Number.NaN;
  return {
    count: 4,
    mean,
    std,
    min,
    max,
    median: nan,
    p25: nan,
    p75: nan,
    p90: nan,
    p99: nan,
    zeroFrac: nan,
    negativeFrac: nan,
    positiveFrac: nan,
    snr: nan,
    entropy: nan,
  };
}

function stats(batch: Summary, emaShort: number, nullCount: number): RewardStats {
  const run = { count: 4, mean: 0, min: 0, max: 0, p50: 0, p90: 0, p99: 0 };
  return {
    batch,
    window: batch,
    emaShort,
    emaLong: emaShort,
    nullCount,
    nanCount: 0,
    histogram: { min: 0, max: 1, counts: [] },
    run,
  };
}

const ALERT: Alert = {
  step: 40,
  type: "variance_collapse",
  severity: "high",
  rewardFn: "accuracy",
  message: "Reward 'accuracy' variance collapsed: CV=0.008",
  value: 0.008,
  threshold: 0.01,
  action: "Check the reward function.",
};

function report(): StepReport {
  return {
    step: 40,
    count: 4,
    rewards: {
      format: stats(summary(2.5, 0.866, 1, 3), 2.4, 0),
      accuracy: stats(summary(0.5, 0.5, 0, 1), 0.45, 12),
    },
    aggregate: {
      total: summary(3, 1.2247, 1, 4),
      meanOfMeans: 1.5,
      meanOfStds: 0.683,
      sumOfMeans: 3,
      minMean: 0.5,
      maxMean: 2.5,
    },
    groups: {
      groups: 2,
      meanSize: 2,
      zeroStdFraction: 0.5,
      meanGroupStd: 0.25,
      minGroupStd: 0,
      maxGroupStd: 0.5,
      perGroup: [],
      zeroStdFractionByFn: {},
    },
    quality: {
      analysed: 4,
      formatCompliance: 0.75,
      tagBalance: null,
      meanTagCount: null,
      meanReasoningLength: null,
      meanAnswerLength: null,
      meanResponseLength: null,
      emptyRate: null,
      reasoningIndicatorRate: null,
      meanRepetition: 0.0213,
      maxRepetition: null,
      meanCompressionRatio: null,
      repetitiveRate: null,
      uniqueRatio: 1,
      nearDuplicateRatio: null,
      distinct1: null,
      distinct2: 0.612,
      typeTokenRatio: null,
      formatGamingRate: null,
      degenerateRate: null,
      meanLength: 212.44,
      lengthRewardCorrelation: 0.12,
      truncatedRate: null,
    },
    metrics: { kl: 0.03, loss: 0.12 },
    calls: {
      accuracy: { calls: 4, errors: 1, totalMs: 4.8, maxMs: 2.5, nulls: 1, errorRate: 0.25, avgMs: 1.2 },
    },
    flagged: [],
    alerts: [ALERT],
  };
}

describe("formatBreakdown", () => {
  it("lays out every section with aligned columns", () => {
    expect(formatBreakdown(report(), createStyle(false))).toBe(
      [
        "step 40 · 4 completions · 1 alert",
        "  format    2.500 ± 0.866  [1.000, 3.000]  ema 2.400  null  0",
        "  accuracy  0.500 ± 0.500  [0.000, 1.000]  ema 0.450  null 12",
        "  total     3.000 ± 1.225  [1.000, 4.000]",
        "  groups    2 of 2.0 · zero-std 50.0% · mean std 0.250",
        "  quality   format 75.0% · repetition 0.021 · unique 100.0% · distinct-2 0.612 · length 212.4 · length~reward +0.120",
        "  calls     accuracy  calls 4  errors 1 (25.0%)  avg 1.20 ms  max 2.50 ms",
        "  metrics   kl 0.030 · loss 0.120",
        "  alert     HIGH     variance_collapse accuracy: Reward 'accuracy' variance collapsed: CV=0.008",
        "",
      ].join("\n"),
    );
  });

  it("leaves out what a step lacks and prints NaN as -", () => {
    const r = report();
    r.groups = null;
    r.quality = null;
    r.calls = {};
    r.metrics = {};
    r.alerts = [];
    r.rewards = { format: stats(summary(Number.NaN, Number.NaN, Number.NaN, Number.NaN), Number.NaN, 4) };
    expect(formatBreakdown(r, createStyle(false)).split("\n")).toEqual([
      "step 40 · 4 completions",
      "  format        - ±     -  [    -,     -]  ema -  null 4",
      "  total     3.000 ± 1.225  [1.000, 4.000]",
      "",
    ]);
  });

  it("strips control characters from names and messages, and colours only when asked", () => {
    const r = report();
    r.metrics = { "k\u001b[2Jl": 1 };
    r.alerts = [{ ...ALERT, message: "bad\u001b]0;title\u0007 text" }];
    const plain = formatBreakdown(r, createStyle(false));
    expect(plain.includes("\u001b") || plain.includes("\u0007")).toBe(false);
    expect(plain).toContain("k[2Jl 1.000");
    expect(plain).toContain("bad]0;title text");
    expect(formatBreakdown(r, createStyle(true))).toContain("\u001b[31mHIGH");
  });
});

describe("alert lines", () => {
  it("prints an alert with its step and action", () => {
    const style = createStyle(false);
    expect(formatAlertLine({ ...ALERT, rewardFn: undefined, metric: "kl" }, style)).toBe(
      "HIGH     variance_collapse kl: Reward 'accuracy' variance collapsed: CV=0.008",
    );
    expect(formatRaisedAlert(ALERT, style)).toBe(
      "step    40 HIGH     variance_collapse accuracy: Reward 'accuracy' variance collapsed: CV=0.008\n" +
        "           → Check the reward function.\n",
    );
  });
});
