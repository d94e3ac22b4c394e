import { useMemo } from "react";
import { Heatmap } from "../../charts/heatmap.js";
import { StatusNote } from "../../components/status-note.js";
import { useSeries } from "../../data/use-series.js";
import { alignSeries } from "../../lib/align.js";
import { correlationMatrix } from "../../lib/correlation.js";
import type { SeriesCatalog } from "../../lib/series-catalog.js";

const QUALITY_PICKS = ["formatCompliance", "meanLength", "meanRepetition", "distinct2", "truncatedRate"];

/** The series correlated: each function's mean, the total, the zero-std fraction, metrics, some quality fields. */
function correlatedSeries(catalog: SeriesCatalog): { label: string; name: string }[] {
  return [
    ...catalog.functions.map((fn) => ({ label: fn, name: `${fn}.batch.mean` })),
    { label: "total", name: "total.mean" },
    { label: "zero-std groups", name: "groups.zeroStdFraction" },
    ...catalog.metrics.map((m) => ({ label: m, name: m })),
    ...QUALITY_PICKS.filter((q) => catalog.quality.has(q)).map((q) => ({ label: q, name: `quality.${q}` })),
  ].filter((s) => catalog.has(s.name));
}

/**
 * Pearson correlations over the run's steps between reward functions and metrics, computed here from the
 * (downsampled) series: a reward rising with length or falling with KL shows at a glance.
 */
export function CorrelationsTab({ run, catalog }: { run: string; catalog: SeriesCatalog }) {
  const picked = useMemo(() => correlatedSeries(catalog), [catalog]);
  const names = useMemo(() => picked.map((p) => p.name), [picked]);
  const { series, error } = useSeries(run, names, 1000);
  const matrix = useMemo(() => (series ? correlationMatrix(alignSeries(series).columns) : null), [series]);
  if (!matrix) return <StatusNote loading error={error} />;
  return (
    <section className="panel" data-chart="correlations" data-state="ready">
      <h2>Correlations over steps</h2>
      <p className="note">
        Pearson r between the series, over all steps (downsampled to 1,000 points). Red: rise together; blue:
        one rises as the other falls.
      </p>
      <Heatmap labels={picked.map((p) => p.label)} matrix={matrix} />
    </section>
  );
}
