import { SEVERITIES, type Severity } from "../api/types.js";

/** Alert counts by severity, the worst first, each coloured by its severity; "none" without alerts. */
export function SeverityBadges({ counts }: { counts: Partial<Record<Severity, number>> }) {
  const shown = [...SEVERITIES].reverse().filter((s) => (counts[s] ?? 0) > 0);
  if (shown.length === 0) return <span className="muted">none</span>;
  return (
    <span className="badges">
      {shown.map((s) => (
        <span key={s} className={`badge sev-${s}`} title={`${counts[s]} ${s}`}>
          {counts[s]} {s}
        </span>
      ))}
    </span>
  );
}
