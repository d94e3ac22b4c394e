import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { alerts as fetchAlerts } from "../api/client.js";
import type { Alert } from "../api/types.js";
import { useLive } from "../api/use-live.js";
import type { MarkerSpec } from "../charts/chart-spec.js";
import { SEVERITY_COLORS } from "../lib/colors.js";
import { links } from "../router/links.js";
import { navigate } from "../router/location.js";
import { type AlertFilterState, alertKey, matchesFilter, NO_FILTER } from "./alert-filter.js";

/** The alerts of a run: the newest 1,000 matching the filter, kept live. */
export interface RunAlerts {
  alerts: readonly Alert[];
  total: number;
  loading: boolean;
  error: Error | null;
  filter: AlertFilterState;
  setFilter: (filter: AlertFilterState) => void;
  /** Chart markers of the alerts a chart concerns. */
  markersFor: (concerns: (alert: Alert) => boolean) => MarkerSpec[];
  /** Opens the step of the alert with this key. */
  openAlert: (key: string) => void;
}

const LIMIT = 1000;

const Context = createContext<RunAlerts>({
  alerts: [],
  total: 0,
  loading: false,
  error: null,
  filter: NO_FILTER,
  setFilter: () => {},
  markersFor: () => [],
  openAlert: () => {},
});

export function useRunAlerts(): RunAlerts {
  return useContext(Context);
}

/** Loads and follows a run's alerts for every view under it. */
export function RunAlertsProvider({ run, children }: { run: string; children: ReactNode }) {
  const [filter, setFilter] = useState<AlertFilterState>(NO_FILTER);
  const [state, setState] = useState({
    alerts: [] as Alert[],
    total: 0,
    loading: true,
    error: null as Error | null,
  });
  const filterKey = JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `filterKey` stands for `filter`
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    fetchAlerts(
      run,
      { severity: filter.severities, type: filter.types, fn: filter.fn, limit: LIMIT },
      controller.signal,
    ).then(
      ({ alerts, total }) => setState({ alerts, total, loading: false, error: null }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({
            alerts: [],
            total: 0,
            loading: false,
            error: error instanceof Error ? error : new Error(String(error)),
          });
      },
    );
    return () => controller.abort();
  }, [run, filterKey]);

  useLive(run, (message) => {
    if (message.kind !== "alert" || !matchesFilter(message.alert, filter)) return;
    const alert = message.alert;
    setState((s) => ({ ...s, alerts: [alert, ...s.alerts].slice(0, LIMIT), total: s.total + 1 }));
  });

  const markersFor = useCallback(
    (concerns: (alert: Alert) => boolean) =>
      state.alerts
        .filter(concerns)
        .map((a) => ({ step: a.step, color: SEVERITY_COLORS[a.severity], key: alertKey(a) })),
    [state.alerts],
  );
  const openAlert = useCallback(
    (key: string) => {
      const alert = state.alerts.find((a) => alertKey(a) === key);
      if (alert) navigate(links.step(run, alert.step));
    },
    [state.alerts, run],
  );

  const value = useMemo(
    () => ({ ...state, filter, setFilter, markersFor, openAlert }),
    [state, filter, markersFor, openAlert],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}
