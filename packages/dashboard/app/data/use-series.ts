import { useEffect, useRef, useState } from "react";
import { series as fetchSeries } from "../api/client.js";
import type { SeriesPoints } from "../api/types.js";
import { useLive, useLiveConnected } from "../api/use-live.js";
import { appendStep } from "./append-step.js";

export interface SeriesState {
  series: readonly SeriesPoints[] | null;
  error: Error | null;
}

interface LiveStep {
  step: number;
  values: Readonly<Record<string, number>>;
}

function applySteps(series: readonly SeriesPoints[], steps: readonly LiveStep[]): readonly SeriesPoints[] {
  return steps.reduce((s, { step, values }) => appendStep(s, step, values), series);
}

/**
 * Series of a run, downsampled by the server to `maxPoints`, then followed live: each step the run's stream
 * delivers is appended (steps arriving during a fetch are kept and applied to its answer). Once live points
 * have doubled the budget, or the stream reconnects after a drop, the series are fetched again.
 * @example
 * const { series } = useSeries("qwen-1", ["accuracy.batch.mean"], 1000);
 */
export function useSeries(run: string, names: readonly string[], maxPoints: number): SeriesState {
  const [state, setState] = useState<SeriesState>({ series: null, error: null });
  const [generation, setGeneration] = useState(0);
  /** Live steps received while a fetch is in flight; null when none is. */
  const pending = useRef<LiveStep[] | null>(null);
  const key = names.join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `names`; `generation` forces a refetch
  useEffect(() => {
    if (names.length === 0) {
      setState({ series: [], error: null });
      return;
    }
    const controller = new AbortController();
    pending.current = [];
    fetchSeries(run, { names, maxPoints }, controller.signal).then(
      (series) => {
        const live = pending.current ?? [];
        pending.current = null;
        setState({ series: applySteps(series, live), error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        pending.current = null;
        setState({ series: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [run, key, maxPoints, generation]);

  useLive(run, (message) => {
    if (message.kind !== "step" || !message.series) return;
    const live = { step: message.report.step, values: message.series };
    if (pending.current) pending.current.push(live);
    setState((current) => {
      if (!current.series) return current;
      const next = appendStep(current.series, live.step, live.values);
      return next === current.series ? current : { series: next, error: null };
    });
  });

  // Steps that arrived while the stream was down are fetched again once it reconnects.
  const connected = useLiveConnected(run);
  const everConnected = useRef(false);
  useEffect(() => {
    if (!connected) return;
    if (everConnected.current) setGeneration((g) => g + 1);
    everConnected.current = true;
  }, [connected]);

  const tooLong = (state.series?.reduce((n, s) => Math.max(n, s.steps.length), 0) ?? 0) > 2 * maxPoints;
  useEffect(() => {
    if (tooLong && pending.current === null) setGeneration((g) => g + 1);
  }, [tooLong]);

  return state;
}
