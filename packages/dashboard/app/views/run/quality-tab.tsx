import { QUALITY_GROUPS, type SeriesCatalog } from "../../lib/series-catalog.js";
import { QualityChart } from "./quality-chart.js";

/** Generation quality: format compliance, repetition, diversity, lengths, length–reward correlation. */
export function QualityTab({ run, catalog }: { run: string; catalog: SeriesCatalog }) {
  const groups = QUALITY_GROUPS.map((g) => ({
    ...g,
    fields: g.fields.filter((f) => catalog.quality.has(f)),
  })).filter((g) => g.fields.length > 0);
  if (groups.length === 0) return <p className="note">No quality metrics: this run sent no completions.</p>;
  return (
    <div className="chart-grid">
      {groups.map((g) => (
        <QualityChart key={g.title} run={run} title={g.title} fields={g.fields} />
      ))}
    </div>
  );
}
