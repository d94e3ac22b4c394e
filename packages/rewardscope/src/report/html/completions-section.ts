import { formatNumber } from "../../console/format.js";
import type { CompletionRecord } from "../../store/store.js";
import type { ReportData } from "../report-data.js";
import { html, type SafeHtml, table } from "./escape.js";

/** Characters of a completion or prompt shown; the rest is cut (the store and the dashboard hold it whole). */
const SHOWN_CHARS = 4000;

function clip(text: string): string {
  return text.length > SHOWN_CHARS
    ? `${text.slice(0, SHOWN_CHARS)}\n[… ${text.length - SHOWN_CHARS} more characters]`
    : text;
}

function card(c: CompletionRecord): SafeHtml {
  const breakdown = table(
    ["function", "reward"],
    [
      ...Object.entries(c.rewards).map(([fn, v]) => [fn, formatNumber(v)]),
      [html`<strong>total</strong>`, formatNumber(c.total)],
    ],
    "breakdown",
  );
  const flags = c.flags.length > 0 ? html` · flags: ${c.flags.join(", ")}` : html``;
  const prompt =
    c.prompt === null
      ? html``
      : html`<details><summary>prompt</summary><pre>${clip(c.prompt)}</pre></details>`;
  return html`<div class="completion"><p class="meta">step ${c.step} · completion ${c.index} · total ${formatNumber(c.total)}${c.length === null ? "" : ` · ${c.length} tokens`}${c.truncated ? " · truncated" : ""}${flags}</p>
<div class="completion-body">${breakdown}<div class="text">${prompt}<pre>${clip(c.completion)}</pre></div></div></div>`;
}

/** The best and worst kept completions by total reward, as text, with their reward breakdowns. */
export function completionsSection(data: ReportData): SafeHtml {
  if (data.best.length === 0)
    return html`<section id="completions"><h2>Best and worst completions</h2><p class="muted">No completion text was sent for this run.</p></section>`;
  return html`<section id="completions"><h2>Best and worst completions</h2>
<p class="muted">By total reward, among the completions the server kept (every flagged one, the best and worst of each step, and a sample).</p>
<h3>Best</h3>${data.best.map(card)}
<h3>Worst</h3>${data.worst.map(card)}
</section>`;
}
