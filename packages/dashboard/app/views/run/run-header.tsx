import type { RunRecord } from "../../api/types.js";
import { LiveDot } from "../../components/live-dot.js";
import { SeverityBadges } from "../../components/severity-badges.js";
import { Link } from "../../router/link.js";
import { links } from "../../router/links.js";

export interface RunHeaderProps {
  record: RunRecord;
  live: boolean;
  connected: boolean;
}

/** The run's name, status, last step, alert counts and whether steps are arriving. */
export function RunHeader({ record, live, connected }: RunHeaderProps) {
  return (
    <div className="page-head run-head">
      <div>
        <div className="crumbs">
          <Link href={links.runs()}>Runs</Link> /
        </div>
        <h1>{record.name}</h1>
      </div>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${record.status}`}>{record.status}</span>
          </dd>
        </div>
        <div>
          <dt>Last step</dt>
          <dd data-testid="last-step">{record.lastStep ?? "–"}</dd>
        </div>
        <div>
          <dt>Alerts</dt>
          <dd>
            <SeverityBadges counts={record.alertCounts} />
          </dd>
        </div>
        <div>
          <dt>Stream</dt>
          <dd>
            <LiveDot live={live} label={connected ? (live ? "live" : "connected") : "offline"} />
          </dd>
        </div>
      </dl>
    </div>
  );
}
