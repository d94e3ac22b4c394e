import { useMemo } from "react";
import type { Alert } from "../../api/types.js";
import { SeriesChart } from "../../charts/series-chart.js";
import type { SeriesCatalog } from "../../lib/series-catalog.js";
import { plainLines, rewardLines } from "./chart-lines.js";
import { RewardFnChart } from "./reward-fn-chart.js";

const NO_FUNCTIONS: readonly string[] = [];

const aboutTotal = (alert: Alert) => alert.rewardFn === undefined && alert.metric === undefined;
const aboutGroups = (alert: Alert) => alert.type === "zero_std_groups";

/**
 * The first view of a run: the total reward, each reward function, and the zero-std group fraction. The total
 * needs no catalog, so it is fetched at once, while the run's series names are still on their way.
 */
export function OverviewTab({ run, catalog }: { run: string; catalog: SeriesCatalog | null }) {
  const functions = catalog?.functions ?? NO_FUNCTIONS;
  const total = useMemo(() => rewardLines("total", null, "#0f172a"), []);
  const zeroStd = useMemo(
    () =>
      plainLines([
        { label: "all functions", source: "groups.zeroStdFraction" },
        ...functions.map((fn) => ({ label: fn, source: `groups.zeroStdFraction.${fn}` })),
      ]),
    [functions],
  );
  return (
    <div className="chart-grid">
      <SeriesChart
        run={run}
        title="Total reward"
        lines={total.lines}
        bands={total.bands}
        alertFilter={aboutTotal}
      />
      {catalog?.has("groups.zeroStdFraction") && (
        <SeriesChart run={run} title="Zero-std group fraction" lines={zeroStd} alertFilter={aboutGroups} />
      )}
      {functions.map((fn, i) => (
        <RewardFnChart key={fn} run={run} fn={fn} index={i} />
      ))}
    </div>
  );
}
