import { ALERT_TYPES, SEVERITIES, type Severity } from "../../api/types.js";
import type { AlertFilterState } from "../../data/alert-filter.js";

export interface AlertFiltersProps {
  filter: AlertFilterState;
  functions: readonly string[];
  onChange: (filter: AlertFilterState) => void;
}

/** Severity toggles, a type and a function picker. */
export function AlertFilters({ filter, functions, onChange }: AlertFiltersProps) {
  const toggle = (s: Severity) =>
    onChange({
      ...filter,
      severities: filter.severities.includes(s)
        ? filter.severities.filter((x) => x !== s)
        : [...filter.severities, s],
    });
  return (
    <fieldset className="filters" aria-label="alert filters">
      <span className="filter-label">Severity</span>
      {SEVERITIES.map((s) => (
        <label key={s} className={`chip sev-${s}${filter.severities.includes(s) ? " on" : ""}`}>
          <input type="checkbox" checked={filter.severities.includes(s)} onChange={() => toggle(s)} />
          {s}
        </label>
      ))}
      <label>
        <span className="filter-label">Type</span>
        <select
          value={filter.types[0] ?? ""}
          onChange={(e) => onChange({ ...filter, types: e.target.value ? [e.target.value] : [] })}
        >
          <option value="">all types</option>
          {ALERT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">Function</span>
        <select value={filter.fn} onChange={(e) => onChange({ ...filter, fn: e.target.value })}>
          <option value="">all functions</option>
          {functions.map((fn) => (
            <option key={fn} value={fn}>
              {fn}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
