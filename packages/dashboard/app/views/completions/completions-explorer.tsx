import { useState } from "react";
import { completions } from "../../api/client.js";
import { useFetch } from "../../api/use-fetch.js";
import { StatusNote } from "../../components/status-note.js";
import { CompletionCard } from "./completion-card.js";
import { CompletionControls, type CompletionQueryState } from "./completion-controls.js";
import { useDebounced } from "./use-debounced.js";

const PAGE = 50;

/** A step's kept completions: sorted by any function, best or worst first, flagged only, searched. */
export function CompletionsExplorer({
  run,
  step,
  functions,
}: {
  run: string;
  step: number;
  functions: readonly string[];
}) {
  const [query, setQuery] = useState<CompletionQueryState>({
    sortBy: "total",
    order: "desc",
    flagged: false,
    search: "",
  });
  const [limit, setLimit] = useState(PAGE);
  const search = useDebounced(query.search.trim(), 250);
  const key = JSON.stringify([run, step, query.sortBy, query.order, query.flagged, search, limit]);
  const { data, loading, error } = useFetch(key, (signal) =>
    completions(
      run,
      {
        step,
        sortBy: query.sortBy,
        order: query.order,
        flagged: query.flagged || undefined,
        q: search,
        limit,
      },
      signal,
    ),
  );
  const change = (next: CompletionQueryState) => {
    setQuery(next);
    setLimit(PAGE);
  };
  return (
    <section className="panel completions-panel">
      <h2>Completions</h2>
      <CompletionControls query={query} functions={functions} onChange={change} />
      <StatusNote loading={loading && !data} error={error} />
      {data && (
        <>
          <p className="note" data-testid="completion-count">
            {data.total} completion{data.total === 1 ? "" : "s"} kept at step {step}
            {search && ` matching “${search}”`}
          </p>
          <div className="completion-list">
            {data.completions.map((c) => (
              <CompletionCard key={c.index} completion={c} search={search} sortBy={query.sortBy} />
            ))}
          </div>
          {data.total > data.completions.length && (
            <button type="button" onClick={() => setLimit((n) => Math.min(1000, n + PAGE))}>
              show more ({data.total - data.completions.length} left)
            </button>
          )}
        </>
      )}
    </section>
  );
}
