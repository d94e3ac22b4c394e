import { useEffect, useState } from "react";
import { series as fetchSeries } from "../../api/client.js";
import type { SeriesPoints } from "../../api/types.js";
import { useLive } from "../../api/use-live.js";
import { appendStep } from "../../data/append-step.js";

/**
 * The same series of several runs, one entry per run (named by the run), followed live through the all-runs
 * stream.
 */
export function useCompareSeries(runs: readonly string[], metric: string, maxPoints: number) {
  const [state, setState] = useState<{ series: readonly SeriesPoints[] | null; error: Error | null }>({
    series: null,
    error: null,
  });
  const key = runs.join("\u0000");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `runs`
  useEffect(() => {
    const controller = new AbortController();
    setState({ series: null, error: null });
    Promise.all(
      runs.map(async (run) => {
        const [points] = await fetchSeries(run, { names: [metric], maxPoints }, controller.signal);
        return { name: run, steps: points?.steps ?? [], values: points?.values ?? [] };
      }),
    ).then(
      (series) => setState({ series, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ series: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [key, metric, maxPoints]);

  useLive(null, (message) => {
    if (message.kind !== "step" || !message.series || !runs.includes(message.run)) return;
    const value = message.series[metric];
    if (value === undefined) return;
    setState((s) =>
      s.series ? { ...s, series: appendStep(s.series, message.report.step, { [message.run]: value }) } : s,
    );
  });

  return state;
}
