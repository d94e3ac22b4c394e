import type { TopLevelSpec } from "vega-lite";

/**
 * The font every chart names: DejaVu Sans ships with Debian (fonts-dejavu-core), so the PNGs rendered by
 * resvg from system fonts and the SVGs a browser shows look alike.
 */
export const CHART_FONT = "DejaVu Sans";

/** Width of a full-width chart panel, in CSS pixels. */
export const PANEL_WIDTH = 640;

/** The look shared by every chart: white background, the report's font, quiet axes. */
export const CHART_CONFIG: TopLevelSpec["config"] = {
  font: CHART_FONT,
  background: "#ffffff",
  padding: 8,
  view: { stroke: "#e5e7eb" },
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: "#eef0f3" },
  // "~g": 0 rather than 0.000000 on a constant series, 1e-6 rather than a row of zeros for a learning rate.
  axisQuantitative: { format: "~g" },
  // Steps read best as 20k, 100k (~s); set on each step axis (STEP_X), which overrides the line above.
  legend: { labelFontSize: 10, titleFontSize: 11, orient: "right" },
  header: { labelFontSize: 11, titleFontSize: 11 },
  title: { fontSize: 13, anchor: "start" },
  line: { strokeWidth: 1.25 },
};

/** The step axis of every time chart: 500, 1.5k, 100k. */
export const STEP_X = { field: "step", type: "quantitative", title: "step", axis: { format: "~s" } } as const;

/** Colours of alert severities, mildest first (the same as the report's badges). */
export const SEVERITY_COLORS = {
  domain: ["low", "medium", "high", "critical"],
  range: ["#9ca3af", "#f59e0b", "#ef4444", "#7f1d1d"],
};

/**
 * A chart that says there is nothing to draw, so every file of the report exists and shows why it is empty.
 * @example
 * emptyChart("Memory", "This run logged no memory metric (memory_mb, rss...).");
 */
export function emptyChart(title: string, message: string): TopLevelSpec {
  return {
    title,
    config: CHART_CONFIG,
    width: PANEL_WIDTH,
    height: 80,
    data: { values: [{ message }] },
    mark: { type: "text", fontSize: 13, color: "#6b7280", align: "center" },
    encoding: { text: { field: "message", type: "nominal" } },
  };
}
