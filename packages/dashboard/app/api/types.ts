// The shapes of the HTTP API as they arrive over the wire (GET /api/v1/openapi.json describes them). Non-finite
// numbers of the server's reports arrive as null, so every statistic here may be null.

// The alert vocabulary is core's own: one list for the detectors, the server and the dashboard.
export { ALERT_TYPES, type AlertType, SEVERITIES, type Severity } from "@rewardscope/core";

import type { Severity } from "@rewardscope/core";

export interface RunRecord {
  name: string;
  project: string | null;
  rewardFunctions: string[];
  worldSize: number;
  config: Record<string, unknown>;
  status: "running" | "finished" | "stale";
  createdAt: string;
  updatedAt: string;
  lastStep: number | null;
  stepCount: number;
  alertCounts: Partial<Record<Severity, number>>;
}

export interface Alert {
  step: number;
  type: string;
  severity: Severity;
  rewardFn?: string;
  metric?: string;
  message: string;
  value: number | null;
  threshold: number | null;
  window?: number;
  action: string;
  evidence?: Record<string, number | null>;
}

export interface SeriesPoints {
  name: string;
  steps: number[];
  values: (number | null)[];
}

export interface CompletionRecord {
  step: number;
  index: number;
  prompt: string | null;
  completion: string;
  rewards: Record<string, number | null>;
  total: number | null;
  group: number | null;
  length: number | null;
  truncated: boolean | null;
  advantage: number | null;
  flags: string[];
}

export interface Summary {
  count: number;
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  median: number | null;
  p25: number | null;
  p75: number | null;
  p90: number | null;
  p99: number | null;
}

export interface CallSummary {
  calls: number;
  errors: number;
  totalMs: number;
  maxMs: number;
  nulls: number;
  errorRate: number | null;
  avgMs: number | null;
}

/** The parts of a step report the dashboard shows; the server sends more. */
export interface StepReport {
  step: number;
  count: number;
  rewards: Record<string, { batch: Summary; emaShort: number | null; emaLong: number | null }>;
  aggregate: { total: Summary };
  groups: { groups: number; zeroStdFraction: number | null } | null;
  quality: Record<string, number | null> | null;
  metrics: Record<string, number | null>;
  calls: Record<string, CallSummary>;
  flagged: { index: number; flags: string[] }[];
  alerts: Alert[];
}

/** What the live streams carry (`event: step|alert|run`). */
export type LiveMessage =
  | { kind: "step"; run: string; report: StepReport; series?: Record<string, number> }
  | { kind: "alert"; run: string; alert: Alert }
  | { kind: "run"; run: string; record: RunRecord };
