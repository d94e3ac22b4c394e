import { createHash } from "node:crypto";
import {
  foldNotRun,
  type RewardscopeEvent,
  type Severity,
  type StepEvent,
  type StepReport,
} from "@rewardscope/core";
import type { IngestService } from "../ingest/ingest-service.js";
import type { LiveBus } from "../ingest/live-bus.js";

/** Events per stored batch: large enough to be quick, small enough for one SQLite transaction. */
export const IMPORT_BATCH_EVENTS = 2000;

/**
 * The events of several logs of one run in one sequence: the Monitor analyses steps in increasing order, so a
 * trainer_state.json and the completions parquet files of the same run interleave by step (a stable sort: the
 * order within a step is kept). Run events go first; their name becomes `run`.
 */
export function mergeRunEvents(run: string, logs: readonly RewardscopeEvent[][]): RewardscopeEvent[] {
  const declared: RewardscopeEvent[] = [];
  const steps: StepEvent[] = [];
  for (const events of logs)
    for (const event of events) {
      if (event.type === "run") declared.push({ ...event, name: run });
      else steps.push(event);
    }
  if (logs.length > 1) steps.sort((a, b) => a.step - b.step);
  return [...declared, ...steps];
}

/**
 * Stores events into a run through the same ingestion the server uses (durable batches, the run's Monitor,
 * step reports, alerts and state in the store), in batches whose ids derive from the events themselves: the
 * same log imported twice into the same run is stored once. Returns how many events were new.
 * @example
 * await ingestInBatches(sessions, "qwen-1", events, "import");
 */
export async function ingestInBatches(
  ingest: IngestService,
  run: string,
  events: readonly RewardscopeEvent[],
  key: string,
): Promise<number> {
  let accepted = 0;
  for (let start = 0; start < events.length; start += IMPORT_BATCH_EVENTS) {
    const batch = events.slice(start, start + IMPORT_BATCH_EVENTS);
    const digest = createHash("sha256").update(JSON.stringify(batch)).digest("hex").slice(0, 24);
    const result = await ingest.ingest(run, `${key}:${digest}`, batch);
    accepted += result.accepted;
  }
  return accepted;
}

/** What the steps of a run said while they were imported or watched. */
export interface RunTally {
  steps: number;
  lastStep: number | null;
  alertsByType: Record<string, number>;
  alertsBySeverity: Partial<Record<Severity, number>>;
  /** Detectors that could not run on any step for lack of completions (undefined before the first step). */
  notRun: string[] | undefined;
}

/**
 * Counts the steps and alerts of one run as the ingestion publishes them (what `import` and `watch` print).
 * Returns the tally, updated live, and the function that stops counting.
 * @example
 * const { tally, stop } = tallyRun(bus, "qwen-1");
 */
export function tallyRun(bus: LiveBus, run: string): { tally: RunTally; stop: () => void } {
  const tally: RunTally = {
    steps: 0,
    lastStep: null,
    alertsByType: {},
    alertsBySeverity: {},
    notRun: undefined,
  };
  const stop = bus.subscribeRun(run, (message) => {
    if (message.kind !== "step") return;
    countStep(tally, message.report);
  });
  return { tally, stop };
}

function countStep(tally: RunTally, report: StepReport): void {
  tally.steps++;
  tally.lastStep = report.step;
  tally.notRun = foldNotRun(tally.notRun, report);
  for (const alert of report.alerts) {
    tally.alertsByType[alert.type] = (tally.alertsByType[alert.type] ?? 0) + 1;
    tally.alertsBySeverity[alert.severity] = (tally.alertsBySeverity[alert.severity] ?? 0) + 1;
  }
}
