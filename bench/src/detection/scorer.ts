import { type AlertType, type Severity, severityRank } from "@rewardscope/core";
import type { PathologyKind } from "./pathologies.js";

/** What the scorer needs of an alert. */
export interface ScoredAlert {
  step: number;
  type: AlertType;
  severity: Severity;
  rewardFn?: string;
}

/** One run as the scorer sees it: its ground truth and the alerts raised on it. */
export interface RunOutcome {
  /** null: a healthy run. */
  pathology: { kind: PathologyKind; onset: number; target: string | null; fnSpecific: boolean } | null;
  steps: number;
  alerts: readonly ScoredAlert[];
}

/** Recall and delay of one pathology. */
export interface PathologyScore {
  runs: number;
  detected: number;
  recall: number;
  /** Steps from onset to the first matching alert, over the detected runs (null: none detected). */
  medianDelay: number | null;
  p90Delay: number | null;
  /** Runs where the pathology's alert type fired before the onset (at any severity). */
  early: number;
}

/** Alerts of one type on healthy runs. */
export interface FalseAlarmScore {
  /** Severity medium or worse. */
  alarms: number;
  low: number;
  alarmsPer1k: number;
  lowPer1k: number;
}

export interface DetectionScore {
  pathologies: Partial<Record<PathologyKind, PathologyScore>>;
  healthySteps: number;
  falseAlarms: Partial<Record<AlertType, FalseAlarmScore>>;
}

/**
 * The q-quantile by the nearest-rank method (the smallest value with at least q of the values at or below it).
 * @example
 * nearestRank([1, 2, 3, 4], 0.5); // 2
 */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

/**
 * The first alert that catches a run's pathology: its type, at or after the onset, and on the target
 * function when the pathology acts on one function and the alert names one.
 */
export function firstDetection(run: RunOutcome): ScoredAlert | null {
  const p = run.pathology;
  if (p === null) return null;
  for (const a of run.alerts) {
    if (a.type !== p.kind || a.step < p.onset) continue;
    if (p.fnSpecific && p.target !== null && a.rewardFn !== undefined && a.rewardFn !== p.target) continue;
    return a;
  }
  return null;
}

function scorePathology(runs: readonly RunOutcome[]): PathologyScore {
  const delays: number[] = [];
  let early = 0;
  for (const run of runs) {
    const p = run.pathology!;
    const hit = firstDetection(run);
    if (hit) delays.push(hit.step - p.onset);
    if (run.alerts.some((a) => a.type === p.kind && a.step < p.onset)) early++;
  }
  delays.sort((a, b) => a - b);
  return {
    runs: runs.length,
    detected: delays.length,
    recall: runs.length === 0 ? 0 : delays.length / runs.length,
    medianDelay: nearestRank(delays, 0.5),
    p90Delay: nearestRank(delays, 0.9),
    early,
  };
}

/**
 * Scores runs: per pathology recall, delay (median, P90) and early firing; on healthy runs, alerts per 1,000
 * steps by type, medium-or-worse ("alarms") apart from low.
 * @example
 * scoreDetection([{ pathology: null, steps: 1000, alerts: [{ step: 5, type: "drop", severity: "high" }] }])
 *   .falseAlarms.drop?.alarmsPer1k; // 1
 */
export function scoreDetection(runs: readonly RunOutcome[]): DetectionScore {
  const byKind = new Map<PathologyKind, RunOutcome[]>();
  let healthySteps = 0;
  const falseAlarms: Partial<Record<AlertType, FalseAlarmScore>> = {};
  for (const run of runs) {
    if (run.pathology) {
      const list = byKind.get(run.pathology.kind) ?? [];
      list.push(run);
      byKind.set(run.pathology.kind, list);
      continue;
    }
    healthySteps += run.steps;
    for (const a of run.alerts) {
      const score = falseAlarms[a.type] ?? { alarms: 0, low: 0, alarmsPer1k: 0, lowPer1k: 0 };
      falseAlarms[a.type] = score;
      if (severityRank(a.severity) >= severityRank("medium")) score.alarms++;
      else score.low++;
    }
  }
  for (const score of Object.values(falseAlarms)) {
    score.alarmsPer1k = healthySteps === 0 ? 0 : (1000 * score.alarms) / healthySteps;
    score.lowPer1k = healthySteps === 0 ? 0 : (1000 * score.low) / healthySteps;
  }
  const pathologies: Partial<Record<PathologyKind, PathologyScore>> = {};
  for (const [kind, list] of byKind) pathologies[kind] = scorePathology(list);
  return { pathologies, healthySteps, falseAlarms };
}
