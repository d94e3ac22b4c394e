import type { Alert } from "../../api/types.js";
import { alertKey } from "../../data/alert-filter.js";
import { formatNumber } from "../../lib/format.js";
import { Link } from "../../router/link.js";
import { links } from "../../router/links.js";

/** Alerts newest first; each opens its step (report, evidence, completions). */
export function AlertList({ run, alerts }: { run: string; alerts: readonly Alert[] }) {
  if (alerts.length === 0) return <p className="note">No alerts match.</p>;
  return (
    <table className="table alert-table">
      <thead>
        <tr>
          <th className="num">Step</th>
          <th>Severity</th>
          <th>Type</th>
          <th>Concerns</th>
          <th>Message</th>
          <th className="num">Value</th>
          <th className="num">Threshold</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((alert) => (
          <tr key={alertKey(alert)} data-alert={alert.type}>
            <td className="num">
              <Link href={links.step(run, alert.step)}>{alert.step}</Link>
            </td>
            <td>
              <span className={`badge sev-${alert.severity}`}>{alert.severity}</span>
            </td>
            <td>
              <Link href={links.step(run, alert.step)} className="alert-link">
                {alert.type}
              </Link>
            </td>
            <td>{alert.rewardFn ?? alert.metric ?? "–"}</td>
            <td className="message">{alert.message}</td>
            <td className="num">{formatNumber(alert.value)}</td>
            <td className="num">{formatNumber(alert.threshold)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
