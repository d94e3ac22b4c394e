import type { SeriesCatalog } from "../../lib/series-catalog.js";
import { MetricChart } from "./metric-chart.js";

/** Training metrics: loss, KL, entropy, gradient norm, learning rate, memory, step time, and any others logged. */
export function TrainingTab({ run, catalog }: { run: string; catalog: SeriesCatalog }) {
  if (catalog.metrics.length === 0) return <p className="note">This run logged no training metrics.</p>;
  return (
    <div className="chart-grid three">
      {catalog.metrics.map((metric, i) => (
        <MetricChart key={metric} run={run} metric={metric} index={i} />
      ))}
    </div>
  );
}
