import type { BandSpec } from "../../charts/chart-spec.js";
import type { ChartLine } from "../../charts/series-chart.js";
import { paletteColor } from "../../lib/colors.js";

// The lines of the run view's charts, built from series names. Built once per function name (the callers
// memoise), so charts are not rebuilt on every render.

/** Mean with a ±std band, EMAs, min/max; quantiles P25–P99 hidden until picked in the legend. */
export function rewardLines(
  prefix: string,
  emaPrefix: string | null,
  color: string,
): { lines: ChartLine[]; bands: BandSpec[] } {
  const lines: ChartLine[] = [
    { label: "mean ± std", source: `${prefix}.mean`, color, width: 2 },
    {
      label: "+std",
      source: { center: `${prefix}.mean`, offset: `${prefix}.std`, sign: 1 },
      color: `${color}55`,
      width: 0.5,
      legend: false,
    },
    {
      label: "−std",
      source: { center: `${prefix}.mean`, offset: `${prefix}.std`, sign: -1 },
      color: `${color}55`,
      width: 0.5,
      legend: false,
    },
    { label: "min", source: `${prefix}.min`, color: "#94a3b8", width: 1, dash: [2, 3] },
    { label: "max", source: `${prefix}.max`, color: "#64748b", width: 1, dash: [2, 3] },
  ];
  if (emaPrefix) {
    lines.push(
      { label: "EMA short", source: `${emaPrefix}.emaShort`, color: "#ea580c", width: 1.5 },
      { label: "EMA long", source: `${emaPrefix}.emaLong`, color: "#7c3aed", width: 1.5 },
    );
  }
  for (const q of ["p25", "median", "p75", "p90", "p99"] as const)
    lines.push({
      label: q.toUpperCase().replace("MEDIAN", "P50"),
      source: `${prefix}.${q}`,
      color: "#0891b2",
      width: 1,
      hidden: true,
    });
  return { lines, bands: [{ upper: 1, lower: 2, fill: `${color}22` }] };
}

/** The distribution over time as nested quantile bands: min–max, P25–P75, with the median, P90 and P99. */
export function quantileLines(fn: string): { lines: ChartLine[]; bands: BandSpec[] } {
  const p = `${fn}.batch`;
  const lines: ChartLine[] = [
    { label: "max", source: `${p}.max`, color: "#93c5fd", width: 0.5 },
    { label: "min", source: `${p}.min`, color: "#93c5fd", width: 0.5 },
    { label: "P75", source: `${p}.p75`, color: "#3b82f6", width: 0.5 },
    { label: "P25", source: `${p}.p25`, color: "#3b82f6", width: 0.5 },
    { label: "median", source: `${p}.median`, color: "#1e3a8a", width: 2 },
    { label: "P90", source: `${p}.p90`, color: "#ea580c", width: 1, dash: [4, 3] },
    { label: "P99", source: `${p}.p99`, color: "#dc2626", width: 1, dash: [2, 2] },
  ];
  return {
    lines,
    bands: [
      { upper: 0, lower: 1, fill: "#3b82f61f" },
      { upper: 2, lower: 3, fill: "#3b82f655" },
    ],
  };
}

/** One line per series name, coloured in palette order. */
export function plainLines(entries: readonly { label: string; source: string }[]): ChartLine[] {
  return entries.map((e, i) => ({ ...e, color: paletteColor(i) }));
}
