import { useMemo } from "react";
import type { Alert } from "../../api/types.js";
import { SeriesChart } from "../../charts/series-chart.js";
import { plainLines } from "./chart-lines.js";

/** Some `quality.*` fields of a run drawn together. */
export function QualityChart({
  run,
  title,
  fields,
}: {
  run: string;
  title: string;
  fields: readonly string[];
}) {
  const key = fields.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `fields`
  const lines = useMemo(() => plainLines(fields.map((f) => ({ label: f, source: `quality.${f}` }))), [key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `fields`
  const concerns = useMemo(
    () => (alert: Alert) => fields.some((f) => alert.metric === `quality.${f}`),
    [key],
  );
  return <SeriesChart run={run} title={title} lines={lines} alertFilter={concerns} height={200} />;
}
