import { type Alert, SEVERITIES, severityRank } from "@rewardscope/core";
import { formatNumber } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { html, type SafeHtml, table } from "./escape.js";

/** Alerts listed in the HTML; all of them are in monitoring_data.json. */
export const ALERTS_SHOWN = 200;

/** Counts and steps as integers, the rest as the console shows numbers. */
function formatValue(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e15 ? String(value) : formatNumber(value);
}

function evidenceOf(alert: Alert): SafeHtml {
  const items = Object.entries(alert.evidence ?? {}).map(
    ([key, value]) => html`<li><code>${key}</code> ${formatValue(value)}</li>`,
  );
  const head = html`<li>value ${formatValue(alert.value)} vs threshold ${formatValue(alert.threshold)}${alert.window ? ` over ${alert.window} steps` : ""}</li>`;
  return html`<ul class="evidence">${head}${items}</ul>`;
}

/** Alerts by severity and type, then the most severe and most recent ones with their evidence and what to do. */
export function alertsSection(data: ReportData): SafeHtml {
  const counts = SEVERITIES.map((s) => [s, data.alerts.filter((a) => a.severity === s).length] as const);
  const byType = new Map<string, number>();
  for (const a of data.alerts) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
  const shown = [...data.alerts]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.step - a.step)
    .slice(0, ALERTS_SHOWN);
  const rows = shown.map((a) => [
    a.step,
    html`<span class="badge severity-${a.severity}">${a.severity}</span>`,
    a.type,
    a.rewardFn ?? a.metric ?? "",
    a.message,
    evidenceOf(a),
    a.action,
  ]);
  const more =
    data.alerts.length > shown.length
      ? html`<p class="muted">Showing the ${shown.length} most severe of ${data.alerts.length} alerts; monitoring_data.json holds all.</p>`
      : html``;
  return html`<section id="alerts"><h2>Alerts</h2>
<p>${counts.map(([s, n]) => html`<span class="badge severity-${s}">${s}: ${n}</span> `)}</p>
${
  byType.size > 0
    ? table(
        ["type", "alerts"],
        [...byType].sort((a, b) => b[1] - a[1]),
      )
    : html`<p class="muted">No alert was raised.</p>`
}
${shown.length > 0 ? table(["step", "severity", "type", "function / metric", "message", "evidence", "what to do"], rows, "alerts") : html``}
${more}
</section>`;
}
