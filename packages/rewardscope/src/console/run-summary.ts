import { type AlertType, SEVERITIES, type Severity } from "@rewardscope/core";
import { paintSeverity, type Style, stripControl } from "./style.js";

/** The figures of a finished analysis that the summary shows. */
export interface RunSummaryInput {
  run: string;
  steps: number;
  /** Input lines (or array elements) that were malformed and skipped. */
  skipped: number;
  /** Events for steps already analysed, dropped by the Monitor. */
  lateEvents: number;
  alertCounts: { bySeverity: Partial<Record<Severity, number>>; byType: Partial<Record<AlertType, number>> };
  /** Detectors that could not run on any step for lack of completions (a log of aggregates only). */
  notRun?: readonly string[];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * The closing summary of an analysis: steps, skipped lines, alerts by severity and by type.
 * @example
 * stdout(formatRunSummary({ run: "qwen", steps: 300, skipped: 0, lateEvents: 0, alertCounts }, style));
 */
export function formatRunSummary(input: RunSummaryInput, style: Style): string {
  const { bySeverity, byType } = input.alertCounts;
  let total = 0;
  for (const severity of SEVERITIES) total += bySeverity[severity] ?? 0;
  const head = [
    plural(input.steps, "step"),
    plural(total, "alert"),
    `${plural(input.skipped, "line")} skipped`,
  ];
  if (input.lateEvents > 0) head.push(`${plural(input.lateEvents, "late event")} dropped`);
  const lines = [`${style.bold(`run ${stripControl(input.run)}`)}: ${head.join(", ")}`];
  if (total > 0) {
    const severities = [...SEVERITIES]
      .reverse()
      .filter((s) => (bySeverity[s] ?? 0) > 0)
      .map((s) => paintSeverity(style, s, `${s} ${bySeverity[s]}`));
    lines.push(`  by severity  ${severities.join(" · ")}`);
    const types = Object.entries(byType)
      .filter(([, count]) => (count ?? 0) > 0)
      .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || a.localeCompare(b))
      .map(([type, count]) => `${type} ${count}`);
    lines.push(`  by type      ${types.join(" · ")}`);
  }
  if (input.notRun && input.notRun.length > 0)
    lines.push(`  not run      ${input.notRun.join(", ")} (no completions in the log)`);
  return `${lines.join("\n")}\n`;
}
