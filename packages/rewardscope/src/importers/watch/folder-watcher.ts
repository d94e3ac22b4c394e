import { createHash } from "node:crypto";
import { relative } from "node:path";
import type { RewardscopeEvent } from "@rewardscope/core";
import type { ImportOutput, LogFormat } from "../log-format.js";
import { listLogs } from "../scan-folder.js";
import { CheckpointsFollower } from "./checkpoints-follower.js";
import { CsvFollower, type Follower, JsonlFollower, ParquetFollower, TfEventsFollower } from "./followers.js";

/** The new events of one step from one file: stored as one batch, with an id that depends only on them. */
export interface WatchBatch {
  id: string;
  step: number | null;
  events: RewardscopeEvent[];
}

/** What one pass over the folder found. */
export interface WatchPoll {
  batches: WatchBatch[];
  /** Problems of the logs (`FILE:LINE: problem`). */
  problems: string[];
}

/**
 * Follows a training output folder: TensorBoard event files from their last read offset (else each new
 * checkpoint's trainer_state.json, its new rows only), new TRL completions parquet files, growing JSONL and CSV
 * logs. Each `poll` reads what is new and returns it as batches, one per file and step in step order, whose ids
 * derive from their content (a watch restarted on the same folder stores a step it already stored once).
 * @example
 * const watcher = new FolderWatcher("outputs/qwen");
 * const { batches } = await watcher.poll();
 */
export class FolderWatcher {
  /** Each file followed and its format (the last one its importer reported). */
  readonly sources = new Map<string, LogFormat>();
  private readonly followers = new Map<string, Follower>();
  private readonly checkpoints = new CheckpointsFollower();

  constructor(private readonly dir: string) {}

  /** Reads what is new; `final` (the watch ends) also what was held back waiting for more. */
  async poll(final = false): Promise<WatchPoll> {
    const logs = await listLogs(this.dir);
    const found: { path: string; output: ImportOutput }[] = [];
    if (logs.tfevents.length > 0) for (const path of logs.tfevents) this.follow(path, TfEventsFollower);
    else {
      const checkpoint = await this.checkpoints.poll(logs.trainerStates);
      if (checkpoint) found.push(checkpoint);
    }
    for (const path of logs.parquet) this.follow(path, ParquetFollower);
    for (const path of logs.jsonl) this.follow(path, JsonlFollower);
    for (const path of logs.csv) this.follow(path, CsvFollower);
    for (const follower of this.followers.values()) {
      const output = await follower.poll(final);
      if (output) found.push({ path: follower.path, output });
    }
    const batches: WatchBatch[] = [];
    const problems: string[] = [];
    for (const { path, output } of found) {
      if (output.events.length > 0) this.sources.set(path, output.format);
      problems.push(...output.problems);
      batches.push(...this.batchesOf(path, output.events));
    }
    batches.sort((a, b) => (a.step ?? -1) - (b.step ?? -1));
    return { batches, problems };
  }

  private follow(path: string, Kind: new (path: string) => Follower): void {
    if (!this.followers.has(path)) this.followers.set(path, new Kind(path));
  }

  private batchesOf(path: string, events: readonly RewardscopeEvent[]): WatchBatch[] {
    const bySteps = new Map<number | null, RewardscopeEvent[]>();
    for (const event of events) {
      const step = event.type === "run" ? null : event.step;
      const list = bySteps.get(step);
      if (list) list.push(event);
      else bySteps.set(step, [event]);
    }
    const where = relative(this.dir, path);
    return [...bySteps].map(([step, stepEvents]) => ({
      id: `watch:${createHash("sha256")
        .update(`${where}\n${step}\n${JSON.stringify(stepEvents)}`)
        .digest("hex")
        .slice(0, 32)}`,
      step,
      events: stepEvents,
    }));
  }
}
