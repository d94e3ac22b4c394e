import { html, SafeHtml } from "./escape.js";

/**
 * A chart's inline SVG in a figure. The SVG is vega's output, which escapes every text it draws (function and
 * metric names included), so it is inserted as is.
 * @example
 * chartFigure({ dashboard: svg }, "dashboard");
 */
export function chartFigure(charts: Record<string, string>, name: string): SafeHtml {
  const svg = charts[name];
  return svg === undefined
    ? html``
    : html`<figure class="chart" id="chart-${name}">${new SafeHtml(svg)}</figure>`;
}
