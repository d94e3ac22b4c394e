import { seriesNames } from "../../api/client.js";
import { useFetch } from "../../api/use-fetch.js";
import { Link } from "../../router/link.js";
import { links } from "../../router/links.js";
import { navigate } from "../../router/location.js";
import { CompareChart } from "./compare-chart.js";

const DEFAULT_METRIC = "total.mean";

/** The names any of the runs has, the most useful first: means, the total, then the rest by name. */
function metricChoices(names: readonly string[]): string[] {
  const rank = (n: string) =>
    n === DEFAULT_METRIC ? 0 : n.endsWith(".batch.mean") ? 1 : n.includes(".") ? 3 : 2;
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Several runs side by side: one metric overlaid, aligned by step; the metric is picked from their series. */
export function ComparePage({ runs, metric }: { runs: readonly string[]; metric: string | null }) {
  const names = useFetch(`names:${runs.join("\u0000")}`, async (signal) =>
    metricChoices((await Promise.all(runs.map((r) => seriesNames(r, signal)))).flat()),
  );
  const current = metric ?? DEFAULT_METRIC;
  if (runs.length === 0)
    return (
      <section className="page">
        <h1>Compare runs</h1>
        <p className="note">
          Pick runs to compare in the <Link href={links.runs()}>runs list</Link>.
        </p>
      </section>
    );
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <Link href={links.runs()}>Runs</Link> /
          </div>
          <h1>Compare {runs.length} runs</h1>
        </div>
        <label>
          <span className="filter-label">Metric</span>
          <select
            value={current}
            onChange={(e) => navigate(links.compare(runs, e.target.value), true)}
            aria-label="metric"
          >
            {!names.data?.includes(current) && <option value={current}>{current}</option>}
            {names.data?.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul className="run-chips">
        {runs.map((run) => (
          <li key={run}>
            <Link href={links.run(run)}>{run}</Link>
          </li>
        ))}
      </ul>
      <CompareChart runs={runs} metric={current} />
    </section>
  );
}
