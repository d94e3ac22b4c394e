import type { Alert } from "../../api/types.js";
import { formatNumber } from "../../lib/format.js";

/** One alert with everything behind it: message, what to do, value against threshold, the evidence numbers. */
export function AlertEvidence({ alert }: { alert: Alert }) {
  const evidence = Object.entries(alert.evidence ?? {});
  return (
    <article className={`alert-card sev-border-${alert.severity}`} data-alert={alert.type}>
      <header>
        <span className={`badge sev-${alert.severity}`}>{alert.severity}</span>
        <strong>{alert.type}</strong>
        {(alert.rewardFn ?? alert.metric) && <span className="muted">{alert.rewardFn ?? alert.metric}</span>}
      </header>
      <p>{alert.message}</p>
      <p className="action">
        <span className="filter-label">What to do</span> {alert.action}
      </p>
      <dl className="evidence">
        <div>
          <dt>value</dt>
          <dd>{formatNumber(alert.value)}</dd>
        </div>
        <div>
          <dt>threshold</dt>
          <dd>{formatNumber(alert.threshold)}</dd>
        </div>
        {alert.window !== undefined && (
          <div>
            <dt>window</dt>
            <dd>{alert.window} steps</dd>
          </div>
        )}
        {evidence.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
