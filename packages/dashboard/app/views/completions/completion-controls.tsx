export interface CompletionQueryState {
  sortBy: string;
  order: "asc" | "desc";
  flagged: boolean;
  search: string;
}

export interface CompletionControlsProps {
  query: CompletionQueryState;
  functions: readonly string[];
  onChange: (query: CompletionQueryState) => void;
}

/** Sort by a function (best or worst first), flagged only, text search. */
export function CompletionControls({ query, functions, onChange }: CompletionControlsProps) {
  return (
    <fieldset className="filters" aria-label="completion filters">
      <label>
        <span className="filter-label">Sort by</span>
        <select
          value={query.sortBy}
          onChange={(e) => onChange({ ...query, sortBy: e.target.value })}
          aria-label="sort by"
        >
          <option value="total">total reward</option>
          {functions.map((fn) => (
            <option key={fn} value={fn}>
              {fn}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented">
        <button
          type="button"
          className={query.order === "desc" ? "on" : undefined}
          onClick={() => onChange({ ...query, order: "desc" })}
        >
          best first
        </button>
        <button
          type="button"
          className={query.order === "asc" ? "on" : undefined}
          onClick={() => onChange({ ...query, order: "asc" })}
        >
          worst first
        </button>
      </div>
      <label className="chip">
        <input
          type="checkbox"
          checked={query.flagged}
          onChange={(e) => onChange({ ...query, flagged: e.target.checked })}
        />
        flagged only
      </label>
      <input
        type="search"
        placeholder="search text…"
        value={query.search}
        onChange={(e) => onChange({ ...query, search: e.target.value })}
        aria-label="search completions"
      />
    </fieldset>
  );
}
