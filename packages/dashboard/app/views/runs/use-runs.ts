import { useEffect, useState } from "react";
import { listRuns } from "../../api/client.js";
import type { RunRecord } from "../../api/types.js";
import { useLive } from "../../api/use-live.js";
import { advanceRun } from "../../data/advance-run.js";

export interface RunsState {
  runs: RunRecord[];
  /** When a live message of each run last arrived (ms since the epoch). */
  lastSeen: ReadonlyMap<string, number>;
  loading: boolean;
  error: Error | null;
}

/** Every run, kept up to date by the all-runs stream: records replaced as they change, new runs added on top. */
export function useRuns(): RunsState {
  const [state, setState] = useState<RunsState>({
    runs: [],
    lastSeen: new Map(),
    loading: true,
    error: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    listRuns(controller.signal).then(
      (runs) => setState((s) => ({ ...s, runs, loading: false, error: null })),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState((s) => ({
            ...s,
            loading: false,
            error: error instanceof Error ? error : new Error(String(error)),
          }));
      },
    );
    return () => controller.abort();
  }, []);

  useLive(null, (message) => {
    setState((s) => {
      const lastSeen = new Map(s.lastSeen).set(message.run, Date.now());
      if (message.kind === "alert") return { ...s, lastSeen };
      if (message.kind === "step") {
        const { report } = message;
        return {
          ...s,
          lastSeen,
          runs: s.runs.map((r) => (r.name === message.run ? advanceRun(r, report) : r)),
        };
      }
      const others = s.runs.filter((r) => r.name !== message.run);
      const at = s.runs.findIndex((r) => r.name === message.run);
      const runs =
        at < 0
          ? [message.record, ...others]
          : s.runs.map((r) => (r.name === message.run ? message.record : r));
      return { ...s, runs, lastSeen };
    });
  });

  return state;
}
