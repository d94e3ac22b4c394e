import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { type Row, seriesRows } from "./series-rows.js";
import { CHART_CONFIG, emptyChart, PANEL_WIDTH, STEP_X } from "./theme.js";

/** The statistics that warn of a reward giving no signal, per function over time. */
const STATISTICS = [
  { label: "std within the step", series: (fn: string) => `${fn}.batch.std` },
  { label: "fraction of zeros", series: (fn: string) => `${fn}.batch.zeroFrac` },
  { label: "zero-std groups", series: (fn: string) => `groups.zeroStdFraction.${fn}` },
  { label: "null values", series: (fn: string) => `${fn}.nullCount` },
];

/** Std, fraction of zeros, zero-std GRPO groups and nulls of each reward function, over time. */
export function rewardStatisticsChart(data: ReportData): TopLevelSpec {
  const rows: Row[] = STATISTICS.flatMap((stat) =>
    data.catalog.functions.flatMap((fn) =>
      seriesRows(data.history[stat.series(fn)], { statistic: stat.label, fn }),
    ),
  );
  if (rows.length === 0) return emptyChart("Reward statistics", "No reward was analysed in this run yet.");
  return {
    title: "Reward statistics per function",
    config: CHART_CONFIG,
    data: { values: rows },
    facet: {
      row: { field: "statistic", type: "nominal", title: null, sort: STATISTICS.map((s) => s.label) },
    },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH,
      height: 100,
      mark: "line",
      encoding: {
        x: STEP_X,
        y: { field: "value", type: "quantitative", title: null },
        color: { field: "fn", type: "nominal", title: "function", sort: data.catalog.functions },
      },
    },
  };
}
