import { useState } from "react";
import { StatusNote } from "../../components/status-note.js";
import { useNow } from "../../components/use-now.js";
import { links } from "../../router/links.js";
import { navigate } from "../../router/location.js";
import { RunRow } from "./run-row.js";
import { useRuns } from "./use-runs.js";

/** A run counts as live while it is running and a message came in the last 10 s (or it was updated then). */
const LIVE_MS = 10_000;

/** The runs list: every run with its status, last step and alerts; several can be picked to compare. */
export function RunsPage() {
  const { runs, lastSeen, loading, error } = useRuns();
  const [selected, setSelected] = useState<string[]>([]);
  const now = useNow();
  const toggle = (name: string) =>
    setSelected((s) => (s.includes(name) ? s.filter((n) => n !== name) : [...s, name]));
  const isLive = (name: string, status: string, updatedAt: string) =>
    status === "running" && now - Math.max(lastSeen.get(name) ?? 0, Date.parse(updatedAt)) < LIVE_MS;

  return (
    <section className="page">
      <div className="page-head">
        <h1>Runs</h1>
        <button
          type="button"
          className="primary"
          disabled={selected.length < 2}
          onClick={() => navigate(links.compare(selected))}
        >
          Compare selected ({selected.length})
        </button>
      </div>
      <StatusNote loading={loading && runs.length === 0} error={error} />
      {!loading && runs.length === 0 && !error && (
        <p className="note">No runs yet. Post events to /api/v1/runs/NAME/events, or start with --demo.</p>
      )}
      {runs.length > 0 && (
        <table className="table runs-table">
          <thead>
            <tr>
              <th />
              <th>Run</th>
              <th>Status</th>
              <th className="num">Last step</th>
              <th className="num">Steps</th>
              <th>Reward functions</th>
              <th>Alerts</th>
              <th>Updated</th>
              <th>Live</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow
                key={run.name}
                run={run}
                live={isLive(run.name, run.status, run.updatedAt)}
                now={now}
                selected={selected.includes(run.name)}
                onToggle={toggle}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
