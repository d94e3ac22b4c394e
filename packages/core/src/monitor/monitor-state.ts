import type { AlertPolicyState } from "../alerts/alert-policy.js";
import type { ThresholdRuleState } from "../alerts/threshold-rules.js";
import type { Alert, AlertType, Severity } from "../alerts/types.js";
import type { RewardTrackerState } from "../stats/reward-tracker.js";
import type { StepAssemblerState } from "./step-assembler.js";

/** What the Monitor knows of the run it watches. */
export interface RunInfo {
  name: string;
  project?: string;
  /** Declared or seen reward functions, in first-seen order. */
  rewardFunctions: string[];
  worldSize: number;
  config?: Record<string, unknown>;
}

/** The Monitor's whole state: plain JSON, so a server can persist it with each step and resume the run. */
export interface MonitorState {
  version: 1;
  run: RunInfo;
  steps: number;
  lastStep: number | null;
  trackers: Record<string, RewardTrackerState>;
  /** Reward detectors' state per function, then per detector id. */
  rewardDetectors: Record<string, Record<string, unknown>>;
  stepDetectors: Record<string, unknown>;
  rules: ThresholdRuleState;
  policy: AlertPolicyState;
  assembler: StepAssemblerState;
  /** The most recent alerts (at most `maxStoredAlerts`) and the counts of all of them. */
  alerts: Alert[];
  alertCounts: { bySeverity: Partial<Record<Severity, number>>; byType: Partial<Record<AlertType, number>> };
  /** Detectors no step so far could run for lack of completions (see foldNotRun); absent before the first. */
  notRun?: string[];
}
