import { formatNumber } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { chartFigure } from "./chart-figure.js";
import { html, type SafeHtml, table } from "./escape.js";

/** The correlation heatmap and the strongest pairs. */
export function correlationsSection(data: ReportData, charts: Record<string, string>): SafeHtml {
  const { names, matrix } = data.correlations;
  const pairs: [string, string, number][] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const r = matrix[i]?.[j] ?? Number.NaN;
      if (Number.isFinite(r)) pairs.push([names[i] as string, names[j] as string, r]);
    }
  pairs.sort((a, b) => Math.abs(b[2]) - Math.abs(a[2]));
  const rows = pairs.slice(0, 10).map(([a, b, r]) => [a, b, formatNumber(r)]);
  return html`<section id="correlations"><h2>Correlations</h2>
<p class="muted">Pearson correlation over every step where both series have a value.</p>
${chartFigure(charts, "correlation_matrix")}
${rows.length > 0 ? table(["series", "series", "r"], rows) : html``}
</section>`;
}
