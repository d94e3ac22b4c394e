import { useMemo } from "react";
import { ChartFrame } from "../../charts/chart-frame.js";
import { UplotChart } from "../../charts/uplot-chart.js";
import { alignSeries } from "../../lib/align.js";
import { paletteColor } from "../../lib/colors.js";
import { useCompareSeries } from "./use-compare-series.js";

/** One metric of several runs overlaid, aligned by step. */
export function CompareChart({ runs, metric }: { runs: readonly string[]; metric: string }) {
  const { series, error } = useCompareSeries(runs, metric, 1500);
  const key = runs.join("\u0000");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `runs`
  const lines = useMemo(
    () => runs.map((run, i) => ({ label: run, color: paletteColor(i), width: 1.5 })),
    [key],
  );
  const data = useMemo(() => (series ? alignSeries(series) : null), [series]);
  const title = `${metric} by run`;
  if (error) return <ChartFrame title={title} lastStep={null} state="error" message={error.message} wide />;
  if (!data) return <ChartFrame title={title} lastStep={null} state="loading" message="loading…" wide />;
  if (data.steps.length === 0)
    return <ChartFrame title={title} lastStep={null} state="empty" message={`no run has ${metric}`} wide />;
  return (
    <ChartFrame title={title} lastStep={data.steps[data.steps.length - 1] ?? null} state="ready" wide>
      <UplotChart lines={lines} data={data} height={360} />
    </ChartFrame>
  );
}
