import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { BandSpec, ChartData, LineSpec, MarkerSpec } from "./chart-spec.js";
import { markerAt, markerPlugin } from "./marker-plugin.js";
import { lineChartOptions } from "./uplot-options.js";

export interface UplotChartProps {
  lines: readonly LineSpec[];
  bands?: readonly BandSpec[];
  data: ChartData;
  markers?: readonly MarkerSpec[];
  onMarkerClick?: (marker: MarkerSpec) => void;
  height?: number;
  syncKey?: string;
}

/** Removes the legend rows of lines that asked for none (row 0 is the step). */
function hideLegendEntries(u: uPlot, lines: readonly LineSpec[]): void {
  const rows = u.root.querySelectorAll<HTMLElement>(".u-legend .u-series");
  lines.forEach((line, i) => {
    const row = rows[i + 1];
    if (line.legend === false && row) row.style.display = "none";
  });
}

function toAligned(data: ChartData): uPlot.AlignedData {
  return [data.steps, ...data.columns];
}

/**
 * A uPlot chart in React: built when its lines change, fed new data in place (live steps), resized with its
 * container. Canvas drawing, so 10,000s of points stay fast.
 */
export function UplotChart({
  lines,
  bands = [],
  data,
  markers = [],
  onMarkerClick,
  height = 220,
  syncKey,
}: UplotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markerRef = useRef(markers);
  const clickRef = useRef(onMarkerClick);
  clickRef.current = onMarkerClick;
  const dataRef = useRef(data);
  dataRef.current = data;
  const structure = JSON.stringify([lines, bands, height, syncKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `structure` stands for lines, bands, height, syncKey
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const size = { width: Math.max(200, element.clientWidth), height };
    const u = new uPlot(
      lineChartOptions(lines, bands, size, syncKey, [markerPlugin(markerRef)]),
      toAligned(dataRef.current),
      element,
    );
    plot.current = u;
    hideLegendEntries(u, lines);
    const click = () => {
      const left = u.cursor.left ?? -1;
      const hit = left >= 0 ? markerAt(u, markerRef.current, left) : null;
      if (hit) clickRef.current?.(hit);
    };
    u.over.addEventListener("click", click);
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, element.clientWidth);
      if (width !== u.width) u.setSize({ width, height });
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      u.over.removeEventListener("click", click);
      u.destroy();
      plot.current = null;
    };
  }, [structure]);

  useEffect(() => {
    plot.current?.setData(toAligned(data));
  }, [data]);

  useEffect(() => {
    markerRef.current = markers;
    plot.current?.redraw(false, false);
  }, [markers]);

  return <div className="uplot-host" ref={container} />;
}
