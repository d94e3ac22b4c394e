import type { ReportData } from "./report-data.js";

/** Version of monitoring_data.json's layout: bumped when a field changes meaning or goes away. */
export const MONITORING_DATA_VERSION = 1;

/**
 * monitoring_data.json: the run, the verdicts, the latest step's statistics, every alert, the charted history
 * (downsampled as the charts are), correlations, call totals and the best and worst completions. Numbers that
 * cannot be computed (NaN) are written as null.
 * @example
 * writeFileSync("monitoring_data.json", monitoringDataJson(data));
 */
export function monitoringDataJson(data: ReportData): string {
  const document = {
    version: MONITORING_DATA_VERSION,
    generatedAt: data.generatedAt,
    run: data.run,
    stepCount: data.stepCount,
    verdicts: data.verdicts,
    stats: {
      step: data.latest?.step ?? null,
      rewards: data.latest?.rewards ?? {},
      aggregate: data.latest?.aggregate ?? null,
      // Per-group detail is the bulk of a step report and of no use without the completions.
      groups: data.latest?.groups ? { ...data.latest.groups, perGroup: undefined } : null,
      quality: data.latest?.quality ?? null,
      metrics: data.latest?.metrics ?? {},
      calls: data.latest?.calls ?? {},
      callTotals: data.callTotals,
    },
    alerts: data.alerts,
    history: {
      maxPoints: data.maxPoints,
      series: Object.fromEntries(
        Object.values(data.history).map((s) => [s.name, { steps: s.steps, values: s.values }]),
      ),
    },
    correlations: data.correlations,
    completions: { best: data.best, worst: data.worst },
  };
  return `${JSON.stringify(document, (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 1)}\n`;
}
