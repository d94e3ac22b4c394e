import { formatNumber } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { recentWindow, type Verdict } from "../verdict.js";
import { html, type SafeHtml, table } from "./escape.js";

/** A verdict as a coloured badge. */
export function verdictBadge(verdict: Verdict): SafeHtml {
  return html`<span class="badge verdict-${verdict}">${verdict}</span>`;
}

function reasonList(reasons: readonly string[]): SafeHtml {
  if (reasons.length === 0) return html`<span class="muted">no alert</span>`;
  return html`<ul class="reasons">${reasons.map((r) => html`<li>${r}</li>`)}</ul>`;
}

/** Per reward function: the verdict and its reasons, and the latest statistics; then the run's own verdict. */
export function summarySection(data: ReportData): SafeHtml {
  const latest = data.latest;
  const rows = data.verdicts.map((v) => {
    if (v.fn === null)
      return [html`<em>the run</em>`, verdictBadge(v.verdict), reasonList(v.reasons), "", "", "", "", ""];
    const s = latest?.rewards[v.fn];
    return [
      v.fn,
      verdictBadge(v.verdict),
      reasonList(v.reasons),
      s ? `${formatNumber(s.batch.mean)} ± ${formatNumber(s.batch.std)}` : "-",
      s ? `[${formatNumber(s.batch.min)}, ${formatNumber(s.batch.max)}]` : "-",
      s ? formatNumber(s.window.mean) : "-",
      s ? `${formatNumber(s.emaShort)} / ${formatNumber(s.emaLong)}` : "-",
      s ? `${formatNumber(s.run.p50)} / ${formatNumber(s.run.p90)}` : "-",
    ];
  });
  const step = latest ? `latest step ${latest.step}` : "no step analysed yet";
  return html`<section id="summary"><h2>Summary per reward function</h2>
<p class="muted">Statistics of the ${step}; verdicts from the alerts (recent = the last ${recentWindow(data.stepCount)} steps) and the latest statistics.</p>
${table(["function", "verdict", "reasons", "mean ± std", "[min, max]", "window mean", "EMA short / long", "run P50 / P90"], rows, "summary")}
</section>`;
}
