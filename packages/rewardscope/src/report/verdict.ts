import { type Alert, type StepReport, severityRank } from "@rewardscope/core";
import { formatPercent } from "../console/format.js";

export type Verdict = "healthy" | "watch" | "failing";

export interface FunctionVerdict {
  /** The reward function, or null for the run as a whole (alerts that name no function). */
  fn: string | null;
  verdict: Verdict;
  /** Why, most serious first; empty for a healthy function with no alert at all. */
  reasons: string[];
}

/** Steps counted as "now": an alert in the last max(100, 10% of the run) steps is current, earlier ones history. */
export function recentWindow(stepCount: number): number {
  return Math.max(100, Math.ceil(stepCount * 0.1));
}

const RANK: Record<Verdict, number> = { healthy: 0, watch: 1, failing: 2 };

function worse(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The verdict on one reward function (or on the run, fn null) from its alerts and its latest statistics:
 * - failing: a high or critical alert in the recent window, or, in the latest step, every value null or an error
 *   rate of 50% or more;
 * - watch: a medium alert in the recent window, a high or critical one earlier, or, in the latest step, any error
 *   or a constant reward (std 0: no gradient from it);
 * - healthy otherwise (low alerts are listed as reasons but change nothing).
 * @example
 * verdictOf("accuracy", alerts, latest, { lastStep: 999, stepCount: 1000 }).verdict; // "watch"
 */
export function verdictOf(
  fn: string | null,
  alerts: readonly Alert[],
  latest: StepReport | null,
  run: { lastStep: number | null; stepCount: number },
): FunctionVerdict {
  const own = alerts.filter((a) => (a.rewardFn ?? null) === fn);
  const recentFrom = (run.lastStep ?? 0) - recentWindow(run.stepCount) + 1;
  let verdict: Verdict = "healthy";
  const reasons: { rank: number; text: string }[] = [];
  const byType = new Map<string, Alert[]>();
  for (const alert of own) byType.set(alert.type, [...(byType.get(alert.type) ?? []), alert]);
  for (const [type, list] of byType) {
    const top = list.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    const last = Math.max(...list.map((a) => a.step));
    const recentTop = list
      .filter((a) => a.step >= recentFrom)
      .reduce<Alert | null>(
        (a, b) => (a && severityRank(a.severity) >= severityRank(b.severity) ? a : b),
        null,
      );
    const rank = severityRank(top.severity);
    if (recentTop && severityRank(recentTop.severity) >= severityRank("high")) verdict = "failing";
    else if (rank >= severityRank("high") || (recentTop && recentTop.severity === "medium"))
      verdict = worse(verdict, "watch");
    const count = list.length === 1 ? "1 alert" : `${list.length} alerts`;
    reasons.push({
      rank,
      text: `${type}: ${count}, up to ${top.severity}, last at step ${last}${last >= recentFrom ? " (recent)" : ""}`,
    });
  }
  if (fn !== null && latest) {
    const stats = latest.rewards[fn];
    const calls = latest.calls[fn];
    if (stats && stats.batch.count === 0 && stats.nullCount > 0) {
      verdict = "failing";
      reasons.push({ rank: 4, text: `every value of the latest step (${latest.step}) was null` });
    } else if (stats && stats.batch.count > 1 && stats.batch.std === 0) {
      verdict = worse(verdict, "watch");
      reasons.push({ rank: 1.5, text: `constant in the latest step (${latest.step}): no gradient from it` });
    }
    if (calls && calls.errors > 0) {
      verdict = worse(verdict, calls.errorRate >= 0.5 ? "failing" : "watch");
      reasons.push({
        rank: calls.errorRate >= 0.5 ? 4 : 1.5,
        text: `error rate ${formatPercent(calls.errorRate)} in the latest step (${calls.errors} of ${calls.calls} calls)`,
      });
    }
  }
  reasons.sort((a, b) => b.rank - a.rank);
  return { fn, verdict, reasons: reasons.map((r) => r.text) };
}
