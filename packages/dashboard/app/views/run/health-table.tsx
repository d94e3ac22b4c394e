import type { CallSummary } from "../../api/types.js";
import { formatNumber, formatPercent } from "../../lib/format.js";

/** Reward-function health at one step: calls, errors, error rate, average and maximum time. */
export function HealthTable({ calls, step }: { calls: Record<string, CallSummary>; step: number }) {
  const fns = Object.keys(calls);
  if (fns.length === 0) return <p className="note">Step {step} reported no call statistics.</p>;
  return (
    <table className="table health-table">
      <caption>Reward-function health at step {step}</caption>
      <thead>
        <tr>
          <th>Function</th>
          <th className="num">Calls</th>
          <th className="num">Errors</th>
          <th className="num">Error rate</th>
          <th className="num">Avg ms</th>
          <th className="num">Max ms</th>
        </tr>
      </thead>
      <tbody>
        {fns.map((fn) => {
          const c = calls[fn] as CallSummary;
          return (
            <tr key={fn} className={(c.errorRate ?? 0) > 0 ? "warn" : undefined}>
              <td>{fn}</td>
              <td className="num">{formatNumber(c.calls)}</td>
              <td className="num">{formatNumber(c.errors)}</td>
              <td className="num">{formatPercent(c.errorRate)}</td>
              <td className="num">{formatNumber(c.avgMs)}</td>
              <td className="num">{formatNumber(c.maxMs)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
