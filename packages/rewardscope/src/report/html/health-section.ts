import { formatMs, formatPercent } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { html, type SafeHtml, table } from "./escape.js";
import { runRange } from "./run-range.js";

/** Reward-function health: calls, errors, error rate and time over the run, and the latest step's error rate. */
export function healthSection(data: ReportData): SafeHtml {
  const rows = data.catalog.functions.map((fn) => {
    const t = data.callTotals[fn];
    const latest = data.latest?.calls[fn];
    const peak = runRange(data.history[`calls.${fn}.errorRate`])?.max;
    return [
      fn,
      t ? t.calls : "-",
      t ? t.errors : "-",
      t && t.calls > 0 ? formatPercent(t.errors / t.calls) : "-",
      formatPercent(latest?.errorRate),
      formatPercent(peak),
      t && t.calls > 0 ? formatMs(t.totalMs / t.calls) : "-",
      t ? formatMs(t.maxMs) : "-",
    ];
  });
  return html`<section id="health"><h2>Reward-function health</h2>
${table(["function", "calls", "errors", "error rate", "latest step", "worst step", "avg ms / call", "max ms"], rows)}
${data.catalog.functions.some((fn) => data.callTotals[fn]) ? html`` : html`<p class="muted">No call statistics were sent (the <code>calls</code> event).</p>`}
</section>`;
}
