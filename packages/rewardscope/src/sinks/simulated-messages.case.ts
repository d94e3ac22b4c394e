import { Monitor, type StepReport, simulateRun } from "@rewardscope/core";
import type { RunMessage } from "../ingest/live-bus.js";

/** The reports of a real Monitor over a 30-step simulated run whose accuracy flatlines at step 10. */
export function simulatedReports(): StepReport[] {
  const monitor = new Monitor();
  const reports: StepReport[] = [];
  for (const event of simulateRun({ steps: 30, scenario: "flatline", onset: 10 }))
    reports.push(...monitor.ingest(event));
  return [...reports, ...monitor.flush()];
}

/** As the run session publishes them: each step, then each of its alerts. */
export function messagesOf(run: string, reports: StepReport[]): RunMessage[] {
  return reports.flatMap((report): RunMessage[] => [
    { kind: "step", run, report },
    ...report.alerts.map((alert): RunMessage => ({ kind: "alert", run, alert })),
  ]);
}
