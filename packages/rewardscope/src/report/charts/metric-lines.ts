import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { type Row, seriesRows } from "./series-rows.js";
import { CHART_CONFIG, emptyChart, PANEL_WIDTH, STEP_X } from "./theme.js";

/** Training metrics (loss, KL, entropy, grad norm, learning rate, step time...), one panel each. */
export function trainingCurvesChart(data: ReportData): TopLevelSpec {
  const names = data.catalog.metrics;
  const rows: Row[] = names.flatMap((metric) => seriesRows(data.history[metric], { metric }));
  if (rows.length === 0)
    return emptyChart("Training curves", "This run logged no training metric (loss, kl, entropy...).");
  return {
    title: "Training metrics",
    config: CHART_CONFIG,
    data: { values: rows },
    facet: { field: "metric", type: "nominal", title: null, sort: names },
    columns: 2,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH / 2 - 30,
      height: 110,
      mark: { type: "line", color: "#0f766e" },
      encoding: {
        x: STEP_X,
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
      },
    },
  };
}

/** Memory metrics (memory_mb, rss, vram...) on one panel: a leak is a line that only climbs. */
export function memoryChart(data: ReportData): TopLevelSpec {
  const names = data.catalog.memory;
  const rows: Row[] = names.flatMap((metric) => seriesRows(data.history[metric], { metric }));
  if (rows.length === 0)
    return emptyChart("Memory", "This run logged no memory metric (memory_mb, rss, vram...).");
  return {
    title: "Memory",
    config: CHART_CONFIG,
    data: { values: rows },
    width: PANEL_WIDTH,
    height: 200,
    mark: "line",
    encoding: {
      x: STEP_X,
      y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
      color: { field: "metric", type: "nominal", title: "metric", sort: names },
    },
  };
}
