import type { AlertPolicyConfig } from "../config/types.js";
import { type Alert, severityRank } from "./types.js";

/** JSON-plain state of the alert policy. */
export interface AlertPolicyState {
  /** Per alert key (type|fn|metric): the step and severity rank of its last emission, and repeats folded since. */
  last: Record<string, { step: number; rank: number; repeats: number }>;
  /** Steps at which alerts were emitted within the current rate window. */
  emittedSteps: number[];
  /** Alerts dropped by the rate limit, for the run summary. */
  rateLimited: number;
  /** Alerts folded into an earlier one by de-duplication. */
  deduplicated: number;
}

export function createAlertPolicyState(): AlertPolicyState {
  return { last: {}, emittedSteps: [], rateLimited: 0, deduplicated: 0 };
}

function keyOf(alert: Alert): string {
  return `${alert.type}|${alert.rewardFn ?? ""}|${alert.metric ?? ""}`;
}

/**
 * Filters one step's alerts: drops those below `minSeverity`; folds an alert into the previous one of the same
 * type, function and metric raised within `dedupeSteps` (the aggregation window) unless its severity rose, and
 * reports the folded count as `evidence.repeats` when the alert is next emitted; caps emissions at `maxPerWindow`
 * per `rateWindowSteps`, most severe first. Mutates `state`.
 * @example
 * const emitted = applyAlertPolicy(state, drafts, config.alerts, step);
 */
export function applyAlertPolicy(
  state: AlertPolicyState,
  alerts: Alert[],
  policy: AlertPolicyConfig,
  step: number,
): Alert[] {
  const minRank = severityRank(policy.minSeverity);
  const candidates = alerts
    .filter((alert) => severityRank(alert.severity) >= minRank)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const windowStart = step - policy.rateWindowSteps;
  state.emittedSteps = state.emittedSteps.filter((s) => s > windowStart);
  const out: Alert[] = [];
  for (const alert of candidates) {
    const key = keyOf(alert);
    const rank = severityRank(alert.severity);
    const last = state.last[key];
    if (last && step - last.step < policy.dedupeSteps && rank <= last.rank) {
      last.repeats++;
      state.deduplicated++;
      continue;
    }
    if (state.emittedSteps.length >= policy.maxPerWindow) {
      state.rateLimited++;
      continue;
    }
    const repeats = last?.repeats ?? 0;
    out.push(repeats > 0 ? { ...alert, evidence: { ...alert.evidence, repeats } } : alert);
    state.last[key] = { step, rank, repeats: 0 };
    state.emittedSteps.push(step);
  }
  return out;
}
