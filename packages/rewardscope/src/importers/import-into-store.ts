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

/** Events per stored batch at most: large enough to be quick, small enough for one SQLite transaction. */
export const IMPORT_BATCH_EVENTS = 2000;
/**
 * Reward values and completions per stored batch at most (a batch closes at the event that reaches it): a log of
 * large steps (256 completions each) is stored ~15 steps at a time, so importing holds a few MB, not hundreds.
 */
export const IMPORT_BATCH_VALUES = 20_000;

/** What an event weighs against IMPORT_BATCH_VALUES: its reward values and completions, at least 1. */
function weightOf(event: RewardscopeEvent): number {
  if (event.type !== "rewards") return 1;
  let weight = 1 + (event.completions?.length ?? 0);
  for (const values of Object.values(event.rewards)) weight += values.length;
  return weight;
}

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
 * Stores a run's events, handed over in any pieces, through the same ingestion the server uses (durable batches,
 * the run's Monitor, step reports, alerts and state in the store), in batches (IMPORT_BATCH_EVENTS, IMPORT_BATCH_VALUES) whose ids
 * derive from the events themselves: the same log imported twice into the same run is stored once, however it was
 * read. Counts what it stored and the reward functions it saw.
 * @example
 * const batches = new ImportBatches(sessions, "qwen-1", "import");
 * await batches.add(events);
 * await batches.end();
 */
export class ImportBatches {
  /** Events stored now (0 when every batch had been imported before). */
  accepted = 0;
  /** Events handed over. */
  events = 0;
  readonly rewardFunctions = new Set<string>();
  private pending: RewardscopeEvent[] = [];
  private weight = 0;

  constructor(
    private readonly ingest: IngestService,
    private readonly run: string,
    private readonly key: string,
  ) {}

  /** Takes events in order; stores every full batch. */
  async add(events: readonly RewardscopeEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === "rewards") for (const fn of Object.keys(event.rewards)) this.rewardFunctions.add(fn);
      else if (event.type === "reward_stats") this.rewardFunctions.add(event.fn);
      this.events++;
      this.pending.push(event);
      this.weight += weightOf(event);
      if (this.pending.length >= IMPORT_BATCH_EVENTS || this.weight >= IMPORT_BATCH_VALUES)
        await this.flush();
    }
  }

  /** Stores what is left. */
  async end(): Promise<void> {
    if (this.pending.length > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.weight = 0;
    await this.store(batch);
  }

  private async store(batch: RewardscopeEvent[]): Promise<void> {
    const digest = createHash("sha256").update(JSON.stringify(batch)).digest("hex").slice(0, 24);
    const result = await this.ingest.ingest(this.run, `${this.key}:${digest}`, batch);
    this.accepted += result.accepted;
  }
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
