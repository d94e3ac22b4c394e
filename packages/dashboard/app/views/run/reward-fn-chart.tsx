import { useMemo } from "react";
import type { Alert } from "../../api/types.js";
import { SeriesChart } from "../../charts/series-chart.js";
import { functionColor } from "../../lib/colors.js";
import { rewardLines } from "./chart-lines.js";

/** One reward function over time: mean ± std, EMA short and long, min/max, quantiles; its alerts marked. */
export function RewardFnChart({ run, fn, index }: { run: string; fn: string; index: number }) {
  const { lines, bands } = useMemo(() => rewardLines(`${fn}.batch`, fn, functionColor(index)), [fn, index]);
  const concerns = useMemo(() => (alert: Alert) => alert.rewardFn === fn, [fn]);
  return <SeriesChart run={run} title={`Reward: ${fn}`} lines={lines} bands={bands} alertFilter={concerns} />;
}
