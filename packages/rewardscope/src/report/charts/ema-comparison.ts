import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { type Row, seriesRows } from "./series-rows.js";
import { CHART_CONFIG, emptyChart, PANEL_WIDTH, STEP_X } from "./theme.js";

const KINDS = ["step mean", "EMA short", "EMA long"];

/** Each function's step mean against its short and long EMAs: where they part, the level moved. */
export function emaComparisonChart(data: ReportData): TopLevelSpec {
  const h = data.history;
  const rows: Row[] = data.catalog.functions.flatMap((fn) => [
    ...seriesRows(h[`${fn}.batch.mean`], { fn, kind: "step mean" }),
    ...seriesRows(h[`${fn}.emaShort`], { fn, kind: "EMA short" }),
    ...seriesRows(h[`${fn}.emaLong`], { fn, kind: "EMA long" }),
  ]);
  if (rows.length === 0) return emptyChart("EMA comparison", "No reward was analysed in this run yet.");
  return {
    title: "Step mean, short EMA and long EMA",
    config: CHART_CONFIG,
    data: { values: rows },
    facet: { row: { field: "fn", type: "nominal", title: null, sort: data.catalog.functions } },
    resolve: { scale: { y: "independent" } },
    spec: {
      width: PANEL_WIDTH,
      height: 110,
      mark: "line",
      encoding: {
        x: STEP_X,
        y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
        color: {
          field: "kind",
          type: "nominal",
          title: null,
          scale: { domain: KINDS, range: ["#cbd5e1", "#2563eb", "#dc2626"] },
        },
      },
    },
  };
}
