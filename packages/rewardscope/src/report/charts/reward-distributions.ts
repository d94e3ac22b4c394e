import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { alignedRows, type Row } from "./series-rows.js";
import { CHART_CONFIG, emptyChart, PANEL_WIDTH, STEP_X } from "./theme.js";

/** Each reward function's distribution over time: min-max band, P25-P75 band, and the median. */
export function rewardDistributionsChart(data: ReportData): TopLevelSpec {
  const h = data.history;
  const rows: Row[] = data.catalog.functions.flatMap((fn) => {
    const median = h[`${fn}.batch.median`];
    return alignedRows(
      median,
      {
        median,
        min: h[`${fn}.batch.min`],
        max: h[`${fn}.batch.max`],
        p25: h[`${fn}.batch.p25`],
        p75: h[`${fn}.batch.p75`],
      },
      { fn },
    );
  });
  if (rows.length === 0) return emptyChart("Reward distributions", "No reward was analysed in this run yet.");
  const x = STEP_X;
  return {
    title: "Reward distributions per step: min-max (light), P25-P75 (dark), median (line)",
    config: CHART_CONFIG,
    data: { values: rows },
    transform: [{ filter: "isValid(datum.median)" }],
    facet: { row: { field: "fn", type: "nominal", title: null, sort: data.catalog.functions } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH,
      height: 110,
      layer: [
        {
          mark: { type: "area", opacity: 0.15, color: "#7c3aed" },
          encoding: {
            x,
            y: { field: "min", type: "quantitative", title: null, scale: { zero: false } },
            y2: { field: "max" },
          },
        },
        {
          mark: { type: "area", opacity: 0.35, color: "#7c3aed" },
          encoding: { x, y: { field: "p25", type: "quantitative" }, y2: { field: "p75" } },
        },
        {
          mark: { type: "line", color: "#4c1d95" },
          encoding: { x, y: { field: "median", type: "quantitative" } },
        },
      ],
    },
  };
}
