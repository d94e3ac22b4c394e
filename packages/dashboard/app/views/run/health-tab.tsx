import { useMemo, useState } from "react";
import { stepReport } from "../../api/client.js";
import type { Alert, StepReport } from "../../api/types.js";
import { useFetch } from "../../api/use-fetch.js";
import { SeriesChart } from "../../charts/series-chart.js";
import { StatusNote } from "../../components/status-note.js";
import { plainLines } from "./chart-lines.js";
import { HealthTable } from "./health-table.js";

const aboutCalls = (alert: Alert) => alert.type === "error_rate" || alert.type === "slow_reward_fn";

/** Reward-function health: the latest step's table (live), and error rate and timings over time. */
export function HealthTab({
  run,
  lastStep,
  latest,
  functions,
}: {
  run: string;
  lastStep: number | null;
  latest: StepReport | null;
  functions: readonly string[];
}) {
  // The step at opening is fetched once; later steps come with the live stream.
  const [firstStep] = useState(lastStep);
  const fetched = useFetch(`health:${run}:${firstStep}`, (signal) =>
    firstStep === null ? Promise.resolve(null) : stepReport(run, firstStep, signal),
  );
  const report = latest ?? fetched.data;
  const key = functions.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `functions`
  const errorLines = useMemo(
    () => plainLines(functions.map((fn) => ({ label: fn, source: `calls.${fn}.errorRate` }))),
    [key],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `functions`
  const timeLines = useMemo(
    () =>
      plainLines(
        functions.flatMap((fn) => [
          { label: `${fn} avg`, source: `calls.${fn}.avgMs` },
          { label: `${fn} max`, source: `calls.${fn}.maxMs` },
        ]),
      ),
    [key],
  );
  return (
    <>
      {report ? (
        <HealthTable calls={report.calls} step={report.step} />
      ) : (
        <StatusNote loading={fetched.loading} error={fetched.error} />
      )}
      <div className="chart-grid">
        <SeriesChart run={run} title="Error rate" lines={errorLines} alertFilter={aboutCalls} height={200} />
        <SeriesChart
          run={run}
          title="Call time (ms)"
          lines={timeLines}
          alertFilter={aboutCalls}
          height={200}
        />
      </div>
    </>
  );
}
