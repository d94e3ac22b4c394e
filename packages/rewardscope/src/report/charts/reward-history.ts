import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { alignedRows, type Row } from "./series-rows.js";
import { CHART_CONFIG, emptyChart, PANEL_WIDTH, STEP_X } from "./theme.js";

/** Per reward function and for the total: the step mean with a ±1 std band, and a red tick at each high or critical alert. */
export function rewardHistoryChart(data: ReportData): TopLevelSpec {
  const h = data.history;
  const panels = [
    { label: "total reward", mean: h["total.mean"], std: h["total.std"], fn: null as string | null },
    ...data.catalog.functions.map((fn) => ({
      label: fn,
      mean: h[`${fn}.batch.mean`],
      std: h[`${fn}.batch.std`],
      fn,
    })),
  ];
  const rows: Row[] = [];
  for (const panel of panels) {
    for (const row of alignedRows(panel.mean, { mean: panel.mean, std: panel.std }, { panel: panel.label })) {
      const mean = row.mean as number;
      const std = typeof row.std === "number" ? row.std : 0;
      rows.push({ ...row, lo: mean - std, hi: mean + std });
    }
  }
  if (rows.length === 0) return emptyChart("Reward history", "No reward was analysed in this run yet.");
  for (const alert of data.alerts)
    if (alert.severity === "high" || alert.severity === "critical")
      rows.push({ panel: alert.rewardFn ?? "total reward", alertStep: alert.step });
  return {
    title: "Reward history: step mean ± std; red ticks: high and critical alerts",
    config: CHART_CONFIG,
    data: { values: rows },
    facet: { row: { field: "panel", type: "nominal", title: null, sort: panels.map((p) => p.label) } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH,
      height: 110,
      layer: [
        {
          transform: [{ filter: "isValid(datum.mean)" }],
          mark: { type: "area", opacity: 0.22, color: "#2563eb" },
          encoding: {
            x: STEP_X,
            y: { field: "lo", type: "quantitative", title: null, scale: { zero: false } },
            y2: { field: "hi" },
          },
        },
        {
          transform: [{ filter: "isValid(datum.mean)" }],
          mark: { type: "line", color: "#1d4ed8" },
          encoding: {
            x: STEP_X,
            y: { field: "mean", type: "quantitative" },
          },
        },
        {
          transform: [{ filter: "isValid(datum.alertStep)" }],
          // A short tick along the top edge, not a full-height rule: a run with thousands of alerts stays readable.
          mark: { type: "rule", color: "#ef4444", opacity: 0.6, strokeWidth: 1.5 },
          encoding: { x: { field: "alertStep", type: "quantitative" }, y: { value: 0 }, y2: { value: 10 } },
        },
      ],
    },
  };
}
