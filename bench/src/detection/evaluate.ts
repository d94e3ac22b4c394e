import { Monitor, type MonitorConfigInput } from "@rewardscope/core";
import { generateRun, type RunSpec } from "./generate-run.js";
import { NaiveMonitor } from "./naive-rules.js";
import type { RunOutcome, ScoredAlert } from "./scorer.js";

/** The alerts of the real Monitor and of the naive rules on one run. */
export interface RunResult {
  monitor: RunOutcome;
  naive: RunOutcome;
  /** Steps of the run. */
  steps: number;
}

function outcome(spec: RunSpec, alerts: ScoredAlert[]): RunOutcome {
  const p = spec.pathology;
  return {
    pathology: p ? { kind: p.kind, onset: p.onset, target: p.target, fnSpecific: p.target !== null } : null,
    steps: spec.profile.steps,
    alerts,
  };
}

/**
 * Drives the real core Monitor (default configuration, or `config`) and the naive rules over one generated run.
 * @example
 * const { monitor } = evaluateRun(pathologyRun(1, "drop", 0));
 */
export function evaluateRun(spec: RunSpec, config?: MonitorConfigInput): RunResult {
  const monitor = new Monitor(config ? { config } : {});
  const naive = new NaiveMonitor();
  const monitorAlerts: ScoredAlert[] = [];
  const naiveAlerts: ScoredAlert[] = [];
  for (const batch of generateRun(spec)) {
    for (const a of monitor.analyze(batch).alerts)
      monitorAlerts.push({
        step: a.step,
        type: a.type,
        severity: a.severity,
        ...(a.rewardFn !== undefined ? { rewardFn: a.rewardFn } : {}),
      });
    naiveAlerts.push(...naive.analyze(batch));
  }
  return {
    monitor: outcome(spec, monitorAlerts),
    naive: outcome(spec, naiveAlerts),
    steps: spec.profile.steps,
  };
}
