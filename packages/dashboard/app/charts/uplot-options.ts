import type uPlot from "uplot";
import { formatNumber } from "../lib/format.js";
import type { BandSpec, LineSpec } from "./chart-spec.js";

// Steps are integers: the step axis never ticks at 2.5.
const STEP_INCREMENTS = [1, 2, 5]
  .flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((p) => m * p))
  .sort((a, b) => a - b);

const AXIS = {
  stroke: "#475569",
  grid: { stroke: "#e2e8f0", width: 1 },
  ticks: { stroke: "#cbd5e1", width: 1 },
};

/** Wide enough for the longest tick label ("2.00e-6", "18,000"), at about 7 px a character. */
function valueAxisSize(_u: uPlot, values: string[] | null): number {
  const longest = (values ?? []).reduce((n, v) => Math.max(n, v.length), 0);
  return Math.max(40, 16 + 7 * longest);
}

/** The y range with a little room; a flat series (an error rate of 0) gets a small range around its value. */
function valueRange(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null) return [0, 1];
  if (min === max) return min === 0 ? [0, 1] : [min - Math.abs(min) * 0.1, max + Math.abs(max) * 0.1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** uPlot options for lines over steps, with optional bands; one cursor shared by the charts of a sync key. */
export function lineChartOptions(
  lines: readonly LineSpec[],
  bands: readonly BandSpec[],
  size: { width: number; height: number },
  syncKey: string | undefined,
  plugins: uPlot.Plugin[],
): uPlot.Options {
  return {
    ...size,
    plugins,
    scales: { x: { time: false }, y: { range: valueRange } },
    cursor: { sync: syncKey ? { key: syncKey } : undefined, drag: { x: true, y: false } },
    legend: { live: true },
    axes: [
      { ...AXIS, label: "step", labelSize: 18, size: 36, incrs: STEP_INCREMENTS },
      { ...AXIS, size: valueAxisSize, values: (_u, splits) => splits.map((v) => formatNumber(v)) },
    ],
    series: [
      { label: "step", value: (_u, v) => (v == null ? "–" : String(Math.round(v))) },
      ...lines.map(
        (line): uPlot.Series => ({
          label: line.label,
          stroke: line.color,
          width: line.width ?? 1.5,
          dash: line.dash,
          show: !line.hidden,
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => formatNumber(v),
        }),
      ),
    ],
    bands: bands.map((b) => ({ series: [b.upper + 1, b.lower + 1], fill: b.fill })),
  };
}
