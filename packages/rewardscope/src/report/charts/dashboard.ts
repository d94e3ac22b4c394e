import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "../report-data.js";
import { alignedRows, type Row, seriesRows } from "./series-rows.js";
import { CHART_CONFIG, SEVERITY_COLORS, STEP_X } from "./theme.js";

const WIDTH = 300;
const HEIGHT = 130;

/** One panel of the dashboard: any vega-lite view a vconcat may hold. */
type Panel = Extract<TopLevelSpec, { vconcat: unknown }>["vconcat"][number];

const x = STEP_X;

function placeholder(title: string, message: string): Panel {
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: [{ message }] },
    mark: { type: "text", color: "#6b7280" },
    encoding: { text: { field: "message", type: "nominal" } },
  };
}

function lines(title: string, rows: Row[], empty: string, color = "series"): Panel {
  if (rows.length === 0) return placeholder(title, empty);
  return {
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    mark: "line",
    encoding: {
      x,
      y: { field: "value", type: "quantitative", title: null, scale: { zero: false } },
      color: { field: color, type: "nominal", title: null, legend: { orient: "bottom", columns: 2 } },
    },
  };
}

function totalPanel(data: ReportData): Panel {
  const mean = data.history["total.mean"];
  const rows = alignedRows(mean, { mean, std: data.history["total.std"] }, {}).map((row) => {
    const std = typeof row.std === "number" ? row.std : 0;
    return { ...row, lo: (row.mean as number) - std, hi: (row.mean as number) + std };
  });
  if (rows.length === 0) return placeholder("Total reward", "no reward analysed yet");
  return {
    title: "Total reward (mean ± std)",
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    layer: [
      {
        mark: { type: "area", opacity: 0.22, color: "#2563eb" },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative", title: null, scale: { zero: false } },
          y2: { field: "hi" },
        },
      },
      {
        mark: { type: "line", color: "#1d4ed8" },
        encoding: { x, y: { field: "mean", type: "quantitative" } },
      },
    ],
  };
}

function alertsPanel(data: ReportData): Panel {
  if (data.alerts.length === 0) return placeholder("Alerts", "no alert raised");
  return {
    title: `Alerts (${data.alerts.length})`,
    width: WIDTH,
    height: HEIGHT,
    data: { values: data.alerts.map((a) => ({ step: a.step, severity: a.severity, type: a.type })) },
    mark: { type: "tick", thickness: 2 },
    encoding: {
      x,
      y: { field: "severity", type: "ordinal", title: null, sort: [...SEVERITY_COLORS.domain].reverse() },
      color: {
        field: "severity",
        type: "nominal",
        scale: SEVERITY_COLORS,
        title: null,
        legend: { orient: "bottom" },
      },
    },
  };
}

/** The overview: total reward, function means, zero-std groups, quality, two training metrics, alerts. */
export function dashboardChart(data: ReportData): TopLevelSpec {
  const h = data.history;
  const quality = [
    ["format compliance", "quality.formatCompliance"],
    ["unique ratio", "quality.uniqueRatio"],
    ["repetitive", "quality.repetitiveRate"],
    ["degenerate", "quality.degenerateRate"],
  ];
  const preferred = ["kl", "entropy", "loss"].filter((m) => data.catalog.metrics.includes(m));
  const training = [...new Set([...preferred, ...data.catalog.metrics])].slice(0, 2);
  const panels: Panel[] = [
    totalPanel(data),
    lines(
      "Reward function means",
      data.catalog.functions.flatMap((fn) => seriesRows(h[`${fn}.batch.mean`], { series: fn })),
      "no reward analysed yet",
    ),
    lines(
      "Zero-std GRPO groups (fraction)",
      seriesRows(h["groups.zeroStdFraction"], { series: "all functions" }),
      "no groups in this run",
    ),
    lines(
      "Generation quality",
      quality.flatMap(([label, name]) => seriesRows(h[name as string], { series: label as string })),
      "no completions in this run",
    ),
    lines(
      `Training: ${training.join(", ") || "metrics"}`,
      training.flatMap((metric) => seriesRows(h[metric], { series: metric })),
      "no training metric logged",
    ),
    alertsPanel(data),
  ];
  // Each panel colours its own series: a shared colour scale would force the severity colours on all.
  const independent = { scale: { color: "independent" }, legend: { color: "independent" } } as const;
  const rows = [0, 2, 4].map((i) => ({ hconcat: panels.slice(i, i + 2), resolve: independent }));
  return {
    title: `rewardscope: ${data.run.name}`,
    config: CHART_CONFIG,
    resolve: independent,
    vconcat: rows,
  };
}
