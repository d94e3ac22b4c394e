import { useLiveConnected } from "../../api/use-live.js";
import { StatusNote } from "../../components/status-note.js";
import { useNow } from "../../components/use-now.js";
import { RunAlertsProvider } from "../../data/run-alerts.js";
import type { RunTab } from "../../router/links.js";
import { AlertsTab } from "../alerts/alerts-tab.js";
import { CorrelationsTab } from "./correlations-tab.js";
import { DistributionsTab } from "./distributions-tab.js";
import { HealthTab } from "./health-tab.js";
import { OverviewTab } from "./overview-tab.js";
import { QualityTab } from "./quality-tab.js";
import { RunHeader } from "./run-header.js";
import { RunTabs } from "./run-tabs.js";
import { TrainingTab } from "./training-tab.js";
import { useCatalog } from "./use-catalog.js";
import { useLiveRun } from "./use-live-run.js";

/** One run, live: its header, and the view picked by the tab. */
export function RunPage({ run, tab }: { run: string; tab: RunTab }) {
  const { record, latest, lastStepAt, error } = useLiveRun(run);
  const catalog = useCatalog(run, record?.rewardFunctions ?? []);
  const connected = useLiveConnected(run);
  const now = useNow();
  if (error) return <StatusNote error={error} />;
  const alertCount = Object.values(record?.alertCounts ?? {}).reduce((n, c) => n + (c ?? 0), 0);
  return (
    <RunAlertsProvider run={run}>
      <section className="page">
        {record ? (
          <RunHeader record={record} live={connected && now - lastStepAt < 10_000} connected={connected} />
        ) : (
          <div className="page-head run-head">
            <h1>{run}</h1>
          </div>
        )}
        <RunTabs run={run} current={tab} alertCount={alertCount} />
        {tab === "overview" && <OverviewTab run={run} catalog={catalog} />}
        {tab !== "overview" && (!catalog || !record) && <StatusNote loading />}
        {tab !== "overview" && catalog && record && (
          <>
            {tab === "training" && <TrainingTab run={run} catalog={catalog} />}
            {tab === "quality" && <QualityTab run={run} catalog={catalog} />}
            {tab === "distributions" && <DistributionsTab run={run} catalog={catalog} />}
            {tab === "health" && (
              <HealthTab run={run} lastStep={record.lastStep} latest={latest} functions={catalog.functions} />
            )}
            {tab === "correlations" && <CorrelationsTab run={run} catalog={catalog} />}
            {tab === "alerts" && (
              <AlertsTab run={run} functions={catalog.functions} lastStep={record.lastStep} />
            )}
          </>
        )}
      </section>
    </RunAlertsProvider>
  );
}
