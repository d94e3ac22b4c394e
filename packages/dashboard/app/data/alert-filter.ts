import type { Alert, Severity } from "../api/types.js";

/** What the alerts view, the timeline and the chart markers show. Empty lists mean "all". */
export interface AlertFilterState {
  severities: Severity[];
  types: string[];
  fn: string;
}

export const NO_FILTER: AlertFilterState = { severities: [], types: [], fn: "" };

/** Whether a live alert passes the filter the server applied to the fetched ones. */
export function matchesFilter(alert: Alert, filter: AlertFilterState): boolean {
  if (filter.severities.length > 0 && !filter.severities.includes(alert.severity)) return false;
  if (filter.types.length > 0 && !filter.types.includes(alert.type)) return false;
  return filter.fn === "" || alert.rewardFn === filter.fn;
}

/** A stable key of an alert within its run. */
export function alertKey(alert: Alert): string {
  return `${alert.step}:${alert.type}:${alert.rewardFn ?? ""}:${alert.metric ?? ""}`;
}
