import { formatMetric } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { chartFigure } from "./chart-figure.js";
import { html, type SafeHtml, table } from "./escape.js";
import { runRange } from "./run-range.js";
/** Training metrics: the latest value and the run's range, with the training and memory charts. */
export function metricsSection(data: ReportData, charts: Record<string, string>): SafeHtml {
  const names = [...data.catalog.metrics, ...data.catalog.memory];
  const rows = names.map((name) => {
    const range = runRange(data.history[name]);
    return [
      name,
      formatMetric(data.latest?.metrics[name]),
      formatMetric(range?.min),
      formatMetric(range?.max),
    ];
  });
  return html`<section id="training"><h2>Training metrics</h2>
${rows.length > 0 ? table(["metric", "latest", "run min", "run max"], rows) : html`<p class="muted">This run logged no training metric.</p>`}
${chartFigure(charts, "training_curves")}${chartFigure(charts, "memory")}
</section>`;
}
