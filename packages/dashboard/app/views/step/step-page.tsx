import { stepReport } from "../../api/client.js";
import { useFetch } from "../../api/use-fetch.js";
import { StatusNote } from "../../components/status-note.js";
import { Link } from "../../router/link.js";
import { links } from "../../router/links.js";
import { CompletionsExplorer } from "../completions/completions-explorer.js";
import { AlertEvidence } from "./alert-evidence.js";
import { StepSummary } from "./step-summary.js";

/** One step of a run: its alerts with their evidence, its report, and its completions. */
export function StepPage({ run, step }: { run: string; step: number }) {
  const {
    data: report,
    loading,
    error,
  } = useFetch(`${run}:${step}`, (signal) => stepReport(run, step, signal));
  const functions = report ? Object.keys(report.rewards) : [];
  return (
    <section className="page">
      <div className="page-head">
        <div>
          <div className="crumbs">
            <Link href={links.runs()}>Runs</Link> / <Link href={links.run(run)}>{run}</Link> /
          </div>
          <h1>Step {step}</h1>
        </div>
        <nav className="step-nav">
          {step > 0 && <Link href={links.step(run, step - 1)}>← step {step - 1}</Link>}
          <Link href={links.step(run, step + 1)}>step {step + 1} →</Link>
          <Link href={links.run(run, "alerts")}>all alerts</Link>
        </nav>
      </div>
      <StatusNote loading={loading && !report} error={error} />
      {report && (
        <>
          {report.alerts.length > 0 && (
            <section className="panel">
              <h2>
                {report.alerts.length} alert{report.alerts.length === 1 ? "" : "s"} at this step
              </h2>
              <div className="alert-cards">
                {report.alerts.map((alert) => (
                  <AlertEvidence
                    key={`${alert.type}:${alert.rewardFn ?? alert.metric ?? ""}`}
                    alert={alert}
                  />
                ))}
              </div>
            </section>
          )}
          <StepSummary report={report} />
        </>
      )}
      <CompletionsExplorer run={run} step={step} functions={functions} />
    </section>
  );
}
