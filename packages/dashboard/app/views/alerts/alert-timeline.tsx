import { type Alert, SEVERITIES } from "../../api/types.js";
import { SEVERITY_COLORS } from "../../lib/colors.js";
import { links } from "../../router/links.js";
import { navigate } from "../../router/location.js";

const WIDTH = 1000;
const ROW = 22;
const LEFT = 70;

/** Alerts on a step axis, one row per severity; a click opens the alert's step. */
export function AlertTimeline({
  run,
  alerts,
  lastStep,
}: {
  run: string;
  alerts: readonly Alert[];
  lastStep: number;
}) {
  const first = Math.min(0, ...alerts.map((a) => a.step));
  const span = Math.max(1, lastStep - first);
  const x = (step: number) => LEFT + ((step - first) / span) * (WIDTH - LEFT - 10);
  const rows = [...SEVERITIES].reverse();
  const height = rows.length * ROW + 24;
  return (
    <svg className="timeline" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label="alert timeline">
      {rows.map((severity, i) => (
        <g key={severity}>
          <text x={4} y={i * ROW + 15} className="timeline-label">
            {severity}
          </text>
          <line x1={LEFT} x2={WIDTH - 10} y1={i * ROW + 11} y2={i * ROW + 11} className="timeline-rule" />
        </g>
      ))}
      {alerts.map((alert) => (
        // biome-ignore lint/a11y/useSemanticElements: an SVG mark; the alert list below has the same links
        <circle
          key={`${alert.step}:${alert.type}:${alert.rewardFn ?? alert.metric ?? ""}`}
          role="button"
          tabIndex={-1}
          cx={x(alert.step)}
          cy={rows.indexOf(alert.severity) * ROW + 11}
          r={5}
          fill={SEVERITY_COLORS[alert.severity]}
          className="timeline-mark"
          onClick={() => navigate(links.step(run, alert.step))}
        >
          <title>{`step ${alert.step}: ${alert.type}${alert.rewardFn ? ` (${alert.rewardFn})` : ""}`}</title>
        </circle>
      ))}
      <text x={LEFT} y={height - 4} className="timeline-label">
        step {first}
      </text>
      <text x={WIDTH - 10} y={height - 4} textAnchor="end" className="timeline-label">
        step {lastStep}
      </text>
    </svg>
  );
}
