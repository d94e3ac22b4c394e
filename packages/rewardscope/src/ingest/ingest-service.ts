import type { RewardscopeEvent } from "@rewardscope/core";

/**
 * When a posted batch is answered: once it is durable ("durable": its analysis follows, in order, and its
 * steps reach the API and the live stream moments later), or once the steps it completes are analysed and
 * saved too ("analysed", the default: what is read next includes them).
 */
export type AckMode = "durable" | "analysed";

/** The answer to a posted batch. */
export interface IngestResult {
  run: string;
  /** The batch id was seen before: nothing was stored or analysed again. */
  duplicate: boolean;
  accepted: number;
  /** What the answer waited for. */
  ack: AckMode;
  /** Steps whose analysis this batch completed (always empty when ack is "durable"). */
  analysedSteps: number[];
}

export interface IngestOptions {
  ack?: AckMode;
  /** The events as the JSON lines they were parsed from, one per event: stored and analysed without re-encoding. */
  lines?: string[];
}

/** How far the analysis is behind what was acknowledged: a stuck or overloaded analysis shows here first. */
export interface AnalysisBacklog {
  /** Batches acknowledged and not yet analysed and saved, over all runs. */
  waitingBatches: number;
  /** How long the oldest of them has waited, in ms (0 when none waits). */
  oldestWaitMs: number;
}

/** What the HTTP routes call to ingest events; implemented by SessionManager. */
export interface IngestService {
  /** Stores the batch durably (once per batch id), then feeds it to the run's Monitor. */
  ingest(
    run: string,
    batchId: string | null,
    events: RewardscopeEvent[],
    options?: IngestOptions,
  ): Promise<IngestResult>;
  /** The run ended: analyses its open steps and marks it finished. */
  finish(run: string): Promise<void>;
  /** The analysis backlog, when the service analyses (SessionManager does). */
  backlog?(): AnalysisBacklog;
}
