import type { StepReport } from "@rewardscope/core";
import { formatAlertLine } from "./alert-line.js";
import {
  formatMetric,
  formatMs,
  formatNumber,
  formatPercent,
  formatSigned,
  NONE,
  padColumns,
} from "./format.js";
import { type Style, stripControl } from "./style.js";

/** At most this many training metrics on the metrics line; the rest are counted. */
const MAX_METRICS = 8;

function rewardRows(report: StepReport): string[][] {
  const rows: string[][] = [];
  for (const [fn, stats] of Object.entries(report.rewards)) {
    const b = stats.batch;
    rows.push([
      stripControl(fn),
      formatNumber(b.mean),
      formatNumber(b.std),
      formatNumber(b.min),
      formatNumber(b.max),
      formatNumber(stats.emaShort),
      String(stats.nullCount),
    ]);
  }
  const t = report.aggregate.total;
  rows.push(["total", formatNumber(t.mean), formatNumber(t.std), formatNumber(t.min), formatNumber(t.max)]);
  return rows;
}

function groupsLine(report: StepReport): string | null {
  const g = report.groups;
  if (g === null) return null;
  // A log of aggregates gives only the zero-std fraction: the group count and sizes are unknown (NaN).
  return [
    ...(Number.isFinite(g.groups) ? [`${g.groups} of ${formatNumber(g.meanSize, 1)}`] : []),
    `zero-std ${formatPercent(g.zeroStdFraction)}`,
    `mean std ${formatNumber(g.meanGroupStd)}`,
  ].join(" · ");
}

function qualityLine(report: StepReport): string | null {
  const q = report.quality;
  if (q === null) return null;
  const parts: string[] = [];
  const add = (label: string, text: string) => {
    if (text !== NONE) parts.push(`${label} ${text}`);
  };
  add("format", formatPercent(q.formatCompliance));
  add("repetition", formatNumber(q.meanRepetition));
  add("unique", formatPercent(q.uniqueRatio));
  add("distinct-2", formatNumber(q.distinct2));
  add("length", formatNumber(q.meanLength, 1));
  add("length~reward", formatSigned(q.lengthRewardCorrelation));
  return parts.length > 0 ? parts.join(" · ") : null;
}

function callLines(report: StepReport): string[][] {
  return Object.entries(report.calls).map(([fn, c]) => [
    stripControl(fn),
    `calls ${c.calls}`,
    `errors ${c.errors} (${formatPercent(c.errorRate)})`,
    `avg ${formatMs(c.avgMs)} ms`,
    `max ${formatMs(c.maxMs)} ms`,
  ]);
}

function metricsLine(report: StepReport): string | null {
  const entries = Object.entries(report.metrics);
  if (entries.length === 0) return null;
  const shown = entries
    .slice(0, MAX_METRICS)
    .map(([key, value]) => `${stripControl(key)} ${formatMetric(value)}`);
  if (entries.length > MAX_METRICS) shown.push(`+${entries.length - MAX_METRICS} more`);
  return shown.join(" · ");
}

/**
 * The console breakdown of one step: per reward function `mean ± std [min, max] ema null`, the total,
 * GRPO groups, generation quality, reward-function calls, training metrics, and the step's alerts.
 * Sections with nothing to show are left out. Text from the run is stripped of control characters;
 * completions are never printed.
 * @example
 * process.stdout.write(formatBreakdown(report, createStyle(false)));
 */
export function formatBreakdown(report: StepReport, style: Style): string {
  const lines: string[] = [];
  const alertCount = report.alerts.length;
  const title = `step ${report.step} · ${report.count} completions`;
  lines.push(
    style.bold(title) +
      (alertCount > 0 ? style.dim(` · ${alertCount} alert${alertCount === 1 ? "" : "s"}`) : ""),
  );

  const rewards = rewardRows(report);
  // [label, text, whether the label is a section name (dimmed) rather than a reward function's name]
  const sections: [string, string, boolean][] = [];
  const padded = padColumns(rewards);
  const labelWidth = Math.max(8, ...padded.map((r) => (r[0] ?? "").length));
  for (const [name, mean, std, min, max, ema, nulls] of padded) {
    const range = `${mean} ± ${std}  [${min}, ${max}]`;
    const rest = ema === undefined ? "" : `  ema ${ema}  null ${nulls}`;
    sections.push([name ?? "", range + rest, false]);
  }
  const groups = groupsLine(report);
  if (groups !== null) sections.push(["groups", groups, true]);
  const quality = qualityLine(report);
  if (quality !== null) sections.push(["quality", quality, true]);
  for (const [i, row] of padColumns(callLines(report)).entries())
    sections.push([i === 0 ? "calls" : "", row.join("  "), true]);
  const metrics = metricsLine(report);
  if (metrics !== null) sections.push(["metrics", metrics, true]);

  for (const [label, text, isSection] of sections) {
    const cell = label.padEnd(labelWidth);
    lines.push(`  ${isSection ? style.dim(cell) : cell}  ${text.trimEnd()}`);
  }
  for (const alert of report.alerts)
    lines.push(`  ${style.dim("alert".padEnd(labelWidth))}  ${formatAlertLine(alert, style)}`);
  return `${lines.join("\n")}\n`;
}
