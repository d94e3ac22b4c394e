import type { RewardscopeEvent } from "@rewardscope/core";

/** The answer to a posted batch, sent once the batch is durable. */
export interface IngestResult {
  run: string;
  /** The batch id was seen before: nothing was stored or analysed again. */
  duplicate: boolean;
  accepted: number;
  /** Steps whose analysis this batch completed. */
  analysedSteps: number[];
}

/** What the HTTP routes call to ingest events; implemented by SessionManager. */
export interface IngestService {
  /** Stores the batch durably (once per batch id), then feeds it to the run's Monitor. */
  ingest(run: string, batchId: string | null, events: RewardscopeEvent[]): Promise<IngestResult>;
  /** The run ended: analyses its open steps and marks it finished. */
  finish(run: string): Promise<void>;
}
