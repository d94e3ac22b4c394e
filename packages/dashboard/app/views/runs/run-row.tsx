import type { RunRecord } from "../../api/types.js";
import { LiveDot } from "../../components/live-dot.js";
import { SeverityBadges } from "../../components/severity-badges.js";
import { formatAgo } from "../../lib/format.js";
import { Link } from "../../router/link.js";
import { links } from "../../router/links.js";

export interface RunRowProps {
  run: RunRecord;
  live: boolean;
  now: number;
  selected: boolean;
  onToggle: (name: string) => void;
}

/** One run in the runs list. */
export function RunRow({ run, live, now, selected, onToggle }: RunRowProps) {
  return (
    <tr data-run={run.name} className={selected ? "selected" : undefined}>
      <td>
        <input
          type="checkbox"
          checked={selected}
          onChange={() => onToggle(run.name)}
          aria-label={`select ${run.name} to compare`}
        />
      </td>
      <td className="run-name">
        <Link href={links.run(run.name)}>{run.name}</Link>
        {run.project && <span className="muted"> · {run.project}</span>}
      </td>
      <td>
        <span className={`status status-${run.status}`}>{run.status}</span>
      </td>
      <td className="num">{run.lastStep ?? "–"}</td>
      <td className="num">{run.stepCount.toLocaleString("en-US")}</td>
      <td>{run.rewardFunctions.join(", ")}</td>
      <td>
        <SeverityBadges counts={run.alertCounts} />
      </td>
      <td className="muted">{formatAgo(run.updatedAt, now)}</td>
      <td>
        <LiveDot live={live} />
      </td>
    </tr>
  );
}
