import type { ThresholdRule } from "../config/types.js";
import type { AlertDraft } from "../detectors/detector.js";

/** Per rule (by index): consecutive steps its condition has held. */
export type ThresholdRuleState = number[];

/**
 * Evaluates the user's threshold rules on one step's series (see `seriesOf`). A rule fires once its condition has
 * held for `forSteps` consecutive steps in which the series was present. Mutates `state`.
 * @example
 * evaluateRules([{ series: "memory_mb", above: 8000, severity: "high" }], state, { memory_mb: 8100 });
 */
export function evaluateRules(
  rules: readonly ThresholdRule[],
  state: ThresholdRuleState,
  series: Record<string, number>,
): AlertDraft[] {
  const drafts: AlertDraft[] = [];
  rules.forEach((rule, i) => {
    const value = series[rule.series];
    if (value === undefined) return;
    const tooHigh = rule.above !== undefined && value > rule.above;
    const tooLow = rule.below !== undefined && value < rule.below;
    state[i] = tooHigh || tooLow ? (state[i] ?? 0) + 1 : 0;
    const forSteps = rule.forSteps ?? 1;
    if ((state[i] ?? 0) < forSteps) return;
    const threshold = (tooHigh ? rule.above : rule.below) as number;
    const relation = tooHigh ? "above" : "below";
    drafts.push({
      type: "threshold",
      severity: rule.severity,
      metric: rule.series,
      message: rule.message ?? `${rule.series} = ${formatNumber(value)} is ${relation} ${threshold}`,
      value,
      threshold,
      window: forSteps,
      action: rule.action ?? `Check why ${rule.series} went ${relation} the limit set in the configuration.`,
      evidence: { consecutiveSteps: state[i] ?? 0 },
    });
  });
  return drafts;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
