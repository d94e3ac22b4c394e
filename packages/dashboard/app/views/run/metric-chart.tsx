import { useMemo } from "react";
import type { Alert } from "../../api/types.js";
import { SeriesChart } from "../../charts/series-chart.js";
import { paletteColor } from "../../lib/colors.js";

const TITLES: Record<string, string> = {
  loss: "Loss",
  kl: "KL divergence",
  entropy: "Entropy",
  grad_norm: "Gradient norm",
  learning_rate: "Learning rate",
  memory_mb: "Memory (MB)",
  step_time: "Step time (s)",
};

/** One training metric over time, with the alerts about it. */
export function MetricChart({ run, metric, index }: { run: string; metric: string; index: number }) {
  const lines = useMemo(
    () => [{ label: metric, source: metric, color: paletteColor(index), width: 1.5 }],
    [metric, index],
  );
  const concerns = useMemo(() => (alert: Alert) => alert.metric === metric, [metric]);
  return (
    <SeriesChart
      run={run}
      title={TITLES[metric] ?? metric}
      lines={lines}
      alertFilter={concerns}
      height={180}
    />
  );
}
