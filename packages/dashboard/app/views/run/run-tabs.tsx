import { Link } from "../../router/link.js";
import { links, type RunTab } from "../../router/links.js";

export const RUN_TABS: readonly { tab: RunTab; label: string }[] = [
  { tab: "overview", label: "Rewards" },
  { tab: "training", label: "Training" },
  { tab: "quality", label: "Quality" },
  { tab: "distributions", label: "Distributions" },
  { tab: "health", label: "Reward-fn health" },
  { tab: "correlations", label: "Correlations" },
  { tab: "alerts", label: "Alerts" },
];

/** The views of a run, as links (so each has its own URL). */
export function RunTabs({ run, current, alertCount }: { run: string; current: RunTab; alertCount: number }) {
  return (
    <nav className="tabs" aria-label="run views">
      {RUN_TABS.map(({ tab, label }) => (
        <Link
          key={tab}
          href={links.run(run, tab)}
          className={tab === current ? "tab active" : "tab"}
          aria-current={tab === current ? "page" : undefined}
        >
          {label}
          {tab === "alerts" && alertCount > 0 && <span className="tab-count">{alertCount}</span>}
        </Link>
      ))}
    </nav>
  );
}
