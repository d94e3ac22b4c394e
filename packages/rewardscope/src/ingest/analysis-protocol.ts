import type { StepWrite } from "../store/store.js";
import type { WorkerError } from "../workers/worker-error.js";
import type { AnalysisInput } from "./analyst.js";
import type { RunAnalysisInit } from "./run-analysis.js";

/** A call from the server's thread to the analysis worker. */
export type AnalysisRequest = { id: number } & (
  | { op: "open"; init: RunAnalysisInit }
  | { op: "apply"; key: string; input: AnalysisInput; now: number }
  | { op: "closeOverdue"; key: string; timeoutMs: number; now: number }
  | { op: "finish"; key: string; now: number }
  | { op: "drop"; key: string }
);

/** The worker's answer to one request, in request order. */
export type AnalysisResponse =
  | { id: number; ok: true; value: StepWrite[] | StepWrite | null }
  | { id: number; ok: false; error: WorkerError };
