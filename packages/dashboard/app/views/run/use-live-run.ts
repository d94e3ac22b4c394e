import { useEffect, useState } from "react";
import { getRun } from "../../api/client.js";
import type { RunRecord, StepReport } from "../../api/types.js";
import { useLive } from "../../api/use-live.js";
import { advanceRun } from "../../data/advance-run.js";

export interface LiveRun {
  record: RunRecord | null;
  /** The newest step report the stream delivered since the page opened. */
  latest: StepReport | null;
  /** When the last step arrived (ms since the epoch), 0 before any. */
  lastStepAt: number;
  error: Error | null;
}

/** A run's record, kept current by its live stream. */
export function useLiveRun(run: string): LiveRun {
  const [state, setState] = useState<LiveRun>({ record: null, latest: null, lastStepAt: 0, error: null });

  useEffect(() => {
    const controller = new AbortController();
    setState({ record: null, latest: null, lastStepAt: 0, error: null });
    getRun(run, controller.signal).then(
      (record) => setState((s) => ({ ...s, record })),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)) }));
      },
    );
    return () => controller.abort();
  }, [run]);

  useLive(run, (message) => {
    if (message.kind === "run") setState((s) => ({ ...s, record: message.record }));
    if (message.kind === "step") {
      const report = message.report;
      setState((s) => ({
        ...s,
        latest: report,
        lastStepAt: Date.now(),
        record: s.record && advanceRun(s.record, report),
      }));
    }
  });
  return state;
}
