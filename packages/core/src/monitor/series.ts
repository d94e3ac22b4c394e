import type { StepReport, Summary } from "./report.js";

const SUMMARY_FIELDS = [
  "count",
  "mean",
  "std",
  "min",
  "max",
  "median",
  "p25",
  "p75",
  "p90",
  "p99",
  "zeroFrac",
  "negativeFrac",
  "positiveFrac",
  "snr",
  "entropy",
] as const satisfies readonly (keyof Summary)[];

function addSummary(out: Record<string, number>, prefix: string, summary: Summary): void {
  for (const field of SUMMARY_FIELDS) out[`${prefix}.${field}`] = summary[field];
}

/**
 * Flattens a step report into named series, the names used by threshold rules, the HTTP API and exports:
 * `<fn>.batch.<field>`, `<fn>.window.<field>`, `<fn>.emaShort`, `<fn>.emaLong`, `<fn>.nullCount`, `<fn>.run.p90`,
 * `total.<field>`, `aggregate.meanOfStds`, `groups.zeroStdFraction`, `groups.zeroStdFraction.<fn>`,
 * `quality.<field>`, `calls.<fn>.errorRate`, and each training metric under its own name (`kl`, `memory_mb`).
 * Non-finite values are left out.
 * @example
 * seriesOf(report)["accuracy.batch.mean"]; // 1.25
 */
export function seriesOf(report: Omit<StepReport, "alerts">): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [fn, stats] of Object.entries(report.rewards)) {
    addSummary(out, `${fn}.batch`, stats.batch);
    addSummary(out, `${fn}.window`, stats.window);
    out[`${fn}.emaShort`] = stats.emaShort;
    out[`${fn}.emaLong`] = stats.emaLong;
    out[`${fn}.nullCount`] = stats.nullCount;
    out[`${fn}.nanCount`] = stats.nanCount;
    for (const [key, value] of Object.entries(stats.run)) out[`${fn}.run.${key}`] = value;
  }
  const { total, ...aggregate } = report.aggregate;
  addSummary(out, "total", total);
  for (const [key, value] of Object.entries(aggregate)) out[`aggregate.${key}`] = value;
  if (report.groups) {
    const { perGroup: _perGroup, zeroStdFractionByFn, advantages, ...groups } = report.groups;
    for (const [key, value] of Object.entries(groups)) out[`groups.${key}`] = value;
    for (const [fn, value] of Object.entries(zeroStdFractionByFn))
      out[`groups.zeroStdFraction.${fn}`] = value;
    if (advantages) for (const [key, value] of Object.entries(advantages)) out[`advantages.${key}`] = value;
  }
  if (report.quality) {
    for (const [key, value] of Object.entries(report.quality))
      if (value !== null) out[`quality.${key}`] = value;
  }
  for (const [fn, calls] of Object.entries(report.calls)) {
    for (const [key, value] of Object.entries(calls)) out[`calls.${fn}.${key}`] = value;
  }
  for (const [name, value] of Object.entries(report.metrics)) out[name] = value;
  for (const key of Object.keys(out)) if (!Number.isFinite(out[key])) delete out[key];
  return out;
}
