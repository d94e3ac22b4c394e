import { formatNumber, formatPercent } from "../../console/format.js";
import type { ReportData } from "../report-data.js";
import { html, type SafeHtml, table } from "./escape.js";
import { runRange } from "./run-range.js";

const QUALITY_ROWS: [label: string, field: string, percent: boolean][] = [
  ["format compliance", "formatCompliance", true],
  ["format gaming", "formatGamingRate", true],
  ["unique ratio", "uniqueRatio", true],
  ["near-duplicates", "nearDuplicateRatio", true],
  ["distinct-2", "distinct2", false],
  ["mean repetition (3-grams)", "meanRepetition", false],
  ["repetitive completions", "repetitiveRate", true],
  ["degenerate completions", "degenerateRate", true],
  ["empty completions", "emptyRate", true],
  ["truncated", "truncatedRate", true],
  ["mean length", "meanLength", false],
  ["length-reward correlation", "lengthRewardCorrelation", false],
];

/** Generation quality: the latest step's measures and each one's range over the run. */
export function qualitySection(data: ReportData): SafeHtml {
  const quality = data.latest?.quality;
  if (!quality)
    return html`<section id="quality"><h2>Generation quality</h2><p class="muted">No completion text in the latest step: nothing to measure.</p>${notRunNote(data)}</section>`;
  const values = quality as unknown as Record<string, number | null>;
  const show = (percent: boolean, v: number | null | undefined): string =>
    percent ? formatPercent(v) : formatNumber(v);
  const rows = QUALITY_ROWS.map(([label, field, percent]) => {
    const range = runRange(data.history[`quality.${field}`]);
    return [
      label,
      show(percent, values[field]),
      range ? `${show(percent, range.min)} – ${show(percent, range.max)}` : "-",
    ];
  });
  return html`<section id="quality"><h2>Generation quality</h2>
<p class="muted">Latest step, ${quality.analysed} completions analysed.</p>
${table(["measure", "latest", "run range"], rows)}
${notRunNote(data)}
</section>`;
}

/** The detectors the latest step could not run: a log of per-step aggregates has no completions to read. */
function notRunNote(data: ReportData): SafeHtml {
  const notRun = data.latest?.notRun ?? [];
  if (notRun.length === 0) return html``;
  return html`<p class="not-run">Not run for lack of completions (the log holds per-step aggregates only): ${notRun.join(", ")}.</p>`;
}
