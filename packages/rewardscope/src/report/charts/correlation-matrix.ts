import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import type { Row } from "./series-rows.js";
import { CHART_CONFIG, emptyChart } from "./theme.js";

/** A short axis label for a series: the function for its mean, the field for a quality measure. */
function labelOf(name: string): string {
  if (name === "total.mean") return "total reward";
  if (name === "groups.zeroStdFraction") return "zero-std groups";
  return name.replace(/\.batch\.mean$/, "").replace(/^quality\./, "");
}

/** Pearson correlations (every step) of reward means, the total, quality and training metrics, as a heatmap. */
export function correlationMatrixChart(data: ReportData): TopLevelSpec {
  const { names, matrix } = data.correlations;
  if (names.length < 2) return emptyChart("Correlations", "Fewer than two series to correlate in this run.");
  const labels = names.map(labelOf);
  const rows: Row[] = labels.flatMap((y, i) =>
    labels.map((x, j) => {
      const r = matrix[i]?.[j] ?? Number.NaN;
      return { x, y, r: Number.isFinite(r) ? r : null, label: Number.isFinite(r) ? r.toFixed(2) : "–" };
    }),
  );
  const side = Math.max(160, Math.min(640, names.length * 44));
  const axis = { field: "", type: "nominal", sort: labels, title: null } as const;
  return {
    title: "Correlations across steps (Pearson)",
    config: CHART_CONFIG,
    data: { values: rows },
    width: side,
    height: side,
    encoding: {
      x: { ...axis, field: "x", axis: { labelAngle: -40, labelLimit: 220 } },
      y: { ...axis, field: "y", axis: { labelLimit: 220 } },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          color: {
            field: "r",
            type: "quantitative",
            title: "r",
            scale: { domain: [-1, 1], scheme: "redblue", reverse: true },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 10 },
        encoding: {
          text: { field: "label", type: "nominal" },
          color: { condition: { test: "abs(datum.r) > 0.6", value: "#ffffff" }, value: "#111827" },
        },
      },
    ],
  };
}
