import { useMemo } from "react";
import type { Alert } from "../api/types.js";
import { useRunAlerts } from "../data/run-alerts.js";
import { useSeries } from "../data/use-series.js";
import { alignSeries } from "../lib/align.js";
import { ChartFrame } from "./chart-frame.js";
import type { BandSpec, LineSpec } from "./chart-spec.js";
import { UplotChart } from "./uplot-chart.js";
import { useSeen } from "./use-seen.js";

const NONE: readonly string[] = [];

/** A line's values: a series by name, or a series offset by another (mean + std, mean - std). */
export type LineSource = string | { center: string; offset: string; sign: 1 | -1 };

export interface ChartLine extends LineSpec {
  source: LineSource;
}

export interface SeriesChartProps {
  run: string;
  title: string;
  lines: readonly ChartLine[];
  bands?: readonly BandSpec[];
  /** Which of the run's alerts are marked on this chart. */
  alertFilter?: (alert: Alert) => boolean;
  maxPoints?: number;
  height?: number;
  wide?: boolean;
}

function namesOf(lines: readonly ChartLine[]): string[] {
  const names = new Set<string>();
  for (const { source } of lines) {
    if (typeof source === "string") names.add(source);
    else names.add(source.center).add(source.offset);
  }
  return [...names];
}

/** The names of the shown lines, then those only hidden lines need (fetched second, so a chart draws sooner). */
function splitNames(lines: readonly ChartLine[]): { shown: string[]; hidden: string[] } {
  const shown = namesOf(lines.filter((l) => !l.hidden));
  return { shown, hidden: namesOf(lines).filter((n) => !shown.includes(n)) };
}

/**
 * Points a chart at a run's series: fetched downsampled once the chart is scrolled near (charts in view get
 * the server first), followed live, with the run's alerts as markers.
 */
export function SeriesChart(props: SeriesChartProps) {
  const [frame, seen] = useSeen<HTMLElement>();
  if (!seen)
    return (
      <ChartFrame ref={frame} title={props.title} lastStep={null} state="idle" message="" wide={props.wide} />
    );
  return <LoadedSeriesChart {...props} />;
}

function LoadedSeriesChart({
  run,
  title,
  lines,
  bands,
  alertFilter,
  maxPoints = 1000,
  height,
  wide,
}: SeriesChartProps) {
  const { shown, hidden } = useMemo(() => splitNames(lines), [lines]);
  const first = useSeries(run, shown, maxPoints);
  const second = useSeries(run, first.series ? hidden : NONE, maxPoints);
  const error = first.error ?? second.error;
  const series = useMemo(
    () => (first.series ? [...first.series, ...(second.series ?? [])] : null),
    [first.series, second.series],
  );
  const { markersFor, openAlert } = useRunAlerts();
  const markers = useMemo(() => (alertFilter ? markersFor(alertFilter) : []), [markersFor, alertFilter]);

  const data = useMemo(() => {
    if (!series) return null;
    const aligned = alignSeries(series);
    const byName = new Map(series.map((s, i) => [s.name, aligned.columns[i] ?? []]));
    const columns = lines.map(({ source }) => {
      if (typeof source === "string") return byName.get(source) ?? [];
      const center = byName.get(source.center) ?? [];
      const offset = byName.get(source.offset) ?? [];
      return center.map((c, j) => {
        const o = offset[j];
        return c === null || o === null || o === undefined ? null : c + source.sign * o;
      });
    });
    return { steps: aligned.steps, columns };
  }, [series, lines]);

  const lastStep = data && data.steps.length > 0 ? (data.steps[data.steps.length - 1] as number) : null;
  if (error)
    return <ChartFrame title={title} lastStep={null} state="error" message={error.message} wide={wide} />;
  if (!data)
    return <ChartFrame title={title} lastStep={null} state="loading" message="loading…" wide={wide} />;
  if (data.steps.length === 0)
    return <ChartFrame title={title} lastStep={null} state="empty" message="no data yet" wide={wide} />;
  return (
    <ChartFrame title={title} lastStep={lastStep} state="ready" wide={wide}>
      <UplotChart
        lines={lines}
        bands={bands}
        data={data}
        markers={markers}
        onMarkerClick={(marker) => openAlert(marker.key)}
        height={height}
        syncKey={run}
      />
    </ChartFrame>
  );
}
