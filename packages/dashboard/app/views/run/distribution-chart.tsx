import { useMemo } from "react";
import { SeriesChart } from "../../charts/series-chart.js";
import { quantileLines } from "./chart-lines.js";

/** The distribution of one reward function over time, as nested quantile bands. */
export function DistributionChart({ run, fn }: { run: string; fn: string }) {
  const { lines, bands } = useMemo(() => quantileLines(fn), [fn]);
  return <SeriesChart run={run} title={`Distribution: ${fn}`} lines={lines} bands={bands} />;
}
