import type { SeriesCatalog } from "../../lib/series-catalog.js";
import { DistributionChart } from "./distribution-chart.js";

/**
 * How each function's values spread over time. The server keeps per-step quantiles as series (not
 * histograms), so the distribution is drawn as bands: min–max, P25–P75, and the median, P90, P99 lines.
 */
export function DistributionsTab({ run, catalog }: { run: string; catalog: SeriesCatalog }) {
  return (
    <>
      <p className="note">Bands: min–max (light), P25–P75 (dark); lines: median, P90, P99.</p>
      <div className="chart-grid">
        {catalog.functions.map((fn) => (
          <DistributionChart key={fn} run={run} fn={fn} />
        ))}
      </div>
    </>
  );
}
