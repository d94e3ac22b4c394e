import type { StepReport, Summary } from "../../api/types.js";
import { formatNumber, formatPercent } from "../../lib/format.js";

/** One distribution; a function known only by aggregates may lack some figures, shown as "–". */
function SummaryRow({ name, s }: { name: string; s: Partial<Summary> | undefined }) {
  return (
    <tr>
      <td>{name}</td>
      <td className="num">{formatNumber(s?.mean)}</td>
      <td className="num">{formatNumber(s?.std)}</td>
      <td className="num">{formatNumber(s?.min)}</td>
      <td className="num">{formatNumber(s?.p25)}</td>
      <td className="num">{formatNumber(s?.median)}</td>
      <td className="num">{formatNumber(s?.p75)}</td>
      <td className="num">{formatNumber(s?.max)}</td>
    </tr>
  );
}

/** The step's numbers: each function's distribution, the total, groups and training metrics. */
export function StepSummary({ report }: { report: StepReport }) {
  const metrics = Object.entries(report.metrics);
  return (
    <section className="panel">
      <h2>Step report</h2>
      <p className="note">
        {report.count} completions
        {report.groups &&
          `, ${report.groups.groups} groups, ${formatPercent(report.groups.zeroStdFraction)} with zero std`}
        {report.flagged.length > 0 && `, ${report.flagged.length} flagged`}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Reward</th>
            <th className="num">mean</th>
            <th className="num">std</th>
            <th className="num">min</th>
            <th className="num">P25</th>
            <th className="num">median</th>
            <th className="num">P75</th>
            <th className="num">max</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.rewards).map(([fn, stats]) => (
            <SummaryRow key={fn} name={fn} s={stats?.batch} />
          ))}
          <SummaryRow name="total" s={report.aggregate?.total} />
        </tbody>
      </table>
      {metrics.length > 0 && (
        <dl className="facts metrics">
          {metrics.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{formatNumber(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
