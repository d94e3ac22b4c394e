import { SEVERITIES, type Severity, severityRank } from "../../alerts/types.js";

/**
 * `base` raised by `levels` steps of the scale low < medium < high < critical, capped at critical.
 * Detectors use it to escalate above their configured severity when the evidence is strong.
 * @example
 * escalate("medium", 1); // "high"
 * escalate("high", 3); // "critical"
 */
export function escalate(base: Severity, levels: number): Severity {
  const rank = Math.min(SEVERITIES.length - 1, severityRank(base) + Math.max(0, Math.floor(levels)));
  return SEVERITIES[rank] ?? base;
}
