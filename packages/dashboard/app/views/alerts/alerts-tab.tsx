import { StatusNote } from "../../components/status-note.js";
import { useRunAlerts } from "../../data/run-alerts.js";
import { AlertFilters } from "./alert-filters.js";
import { AlertList } from "./alert-list.js";
import { AlertTimeline } from "./alert-timeline.js";

/** A run's alerts: filters (they also pick the markers on the charts), the timeline, the list. */
export function AlertsTab({
  run,
  functions,
  lastStep,
}: {
  run: string;
  functions: readonly string[];
  lastStep: number | null;
}) {
  const { alerts, total, loading, error, filter, setFilter } = useRunAlerts();
  return (
    <section className="panel">
      <AlertFilters filter={filter} functions={functions} onChange={setFilter} />
      <StatusNote loading={loading && alerts.length === 0} error={error} />
      <p className="note">
        {total.toLocaleString("en-US")} alert{total === 1 ? "" : "s"}
        {total > alerts.length ? `, the newest ${alerts.length} shown` : ""}. The filter also picks the
        markers on the charts.
      </p>
      {alerts.length > 0 && <AlertTimeline run={run} alerts={alerts} lastStep={lastStep ?? 0} />}
      <AlertList run={run} alerts={alerts} />
    </section>
  );
}
