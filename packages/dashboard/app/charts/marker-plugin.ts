import type uPlot from "uplot";
import type { MarkerSpec } from "./chart-spec.js";

/**
 * A uPlot plugin drawing vertical lines at marker steps (alerts), read from `markers.current` at each draw so
 * new alerts show without rebuilding the chart.
 */
export function markerPlugin(markers: { current: readonly MarkerSpec[] }): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const { ctx } = u;
        const { top, height, left, width } = u.bbox;
        ctx.save();
        ctx.lineWidth = Math.max(1, devicePixelRatio);
        ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
        for (const marker of markers.current) {
          const x = Math.round(u.valToPos(marker.step, "x", true));
          if (x < left || x > left + width) continue;
          ctx.strokeStyle = marker.color;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/** The marker nearest to a cursor position (CSS pixels in the plot area), within `tolerance` pixels. */
export function markerAt(
  u: uPlot,
  markers: readonly MarkerSpec[],
  left: number,
  tolerance = 6,
): MarkerSpec | null {
  let best: MarkerSpec | null = null;
  let bestDistance = tolerance;
  for (const marker of markers) {
    const distance = Math.abs(u.valToPos(marker.step, "x") - left);
    if (distance <= bestDistance) {
      best = marker;
      bestDistance = distance;
    }
  }
  return best;
}
