import { BacklogBanner } from "./components/backlog-banner.js";
import { Link } from "./router/link.js";
import { links, type RunTab } from "./router/links.js";
import { useLocation } from "./router/location.js";
import { ComparePage } from "./views/compare/compare-page.js";
import { RunPage } from "./views/run/run-page.js";
import { RUN_TABS } from "./views/run/run-tabs.js";
import { RunsPage } from "./views/runs/runs-page.js";
import { StepPage } from "./views/step/step-page.js";

function tabOf(value: string | null): RunTab {
  return RUN_TABS.find((t) => t.tab === value)?.tab ?? "overview";
}

/** The page the URL names. */
function Page() {
  const { path, params } = useLocation();
  const run = params.get("name") ?? params.get("run");
  if (path === "/run" && run) return <RunPage key={run} run={run} tab={tabOf(params.get("tab"))} />;
  const step = Number(params.get("step"));
  if (path === "/step" && run && Number.isInteger(step) && step >= 0)
    return <StepPage key={`${run}:${step}`} run={run} step={step} />;
  if (path === "/compare") {
    const runs = (params.get("runs") ?? "").split(",").filter((r) => r !== "");
    return <ComparePage runs={runs} metric={params.get("metric")} />;
  }
  if (path === "/") return <RunsPage />;
  return (
    <section className="page">
      <h1>Not found</h1>
      <p className="note">
        Nothing here. Back to the <Link href={links.runs()}>runs</Link>.
      </p>
    </section>
  );
}

/** The dashboard: a top bar and the current page. */
export function App() {
  return (
    <>
      <header className="topbar">
        <Link href={links.runs()} className="brand">
          rewardscope
        </Link>
        <nav>
          <Link href={links.runs()}>Runs</Link>
          <a href="/api/v1/openapi.json">API</a>
        </nav>
      </header>
      <BacklogBanner />
      <main>
        <Page />
      </main>
    </>
  );
}
