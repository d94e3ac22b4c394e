import { type MonitorConfigInput, RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import type { Store } from "../store/store.js";
import type { IngestResult, IngestService } from "./ingest-service.js";
import type { LiveBus } from "./live-bus.js";
import { DEFAULT_RETENTION, type RetentionOptions } from "./retention.js";
import { RunSession } from "./run-session.js";

export interface SessionManagerOptions {
  store: Store;
  bus: LiveBus;
  /** The Monitor configuration of every run. */
  config?: MonitorConfigInput;
  retention?: Partial<RetentionOptions>;
  /** A step waiting for a rank longer than this is analysed without it. Default 60,000 ms. */
  stepTimeoutMs?: number;
  now?: () => number;
}

/**
 * Ingestion: stores each batch durably (once per batch id), then feeds it to its run's session; one run at a time
 * per run (a queue per run), runs in parallel. Sessions are opened lazily, resuming from the store.
 * @example
 * const sessions = new SessionManager({ store, bus });
 * await sessions.ingest("qwen-1", "batch-17", events);
 */
export class SessionManager implements IngestService {
  private readonly sessions = new Map<string, Promise<RunSession>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly retention: RetentionOptions;
  private readonly stepTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionManagerOptions) {
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.stepTimeoutMs = options.stepTimeoutMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  ingest(run: string, batchId: string | null, events: RewardscopeEvent[]): Promise<IngestResult> {
    return this.serialise(run, async () => {
      const declared = events.find((e) => e.type === "run");
      if (declared && declared.name !== run)
        throw new RewardscopeError(
          "invalid_event",
          `names run "${declared.name}", but the batch is for "${run}"`,
          "name",
        );
      const { store, bus } = this.options;
      const existing = await store.getRun(run);
      if (!existing || declared) {
        const record = await store.upsertRun({
          name: run,
          ...(declared?.project !== undefined && { project: declared.project }),
          ...(declared?.rewardFunctions !== undefined && { rewardFunctions: declared.rewardFunctions }),
          ...(declared?.worldSize !== undefined && { worldSize: declared.worldSize }),
          ...(declared?.config !== undefined && { config: declared.config }),
        });
        bus.publish({ kind: "run", run, record });
      }
      // Opened before the append: a session opening replays what the store holds, and must not see this batch.
      const session = await this.session(run);
      const { duplicate, seqs } = await store.appendEvents(run, batchId, events);
      if (duplicate) return { run, duplicate, accepted: 0, analysedSteps: [] };
      const analysedSteps = await session.apply(
        events.map((event, i) => ({ seq: seqs[i] as number, event })),
      );
      if (analysedSteps.length > 0) await this.publishRun(run);
      return { run, duplicate, accepted: events.length, analysedSteps };
    });
  }

  /** Analyses steps that waited longer than the rank timeout for a missing rank. Call it periodically. */
  async closeOverdue(): Promise<void> {
    for (const run of this.sessions.keys()) {
      await this.serialise(run, async () => {
        const closed = await (await this.session(run)).closeOverdue(this.stepTimeoutMs);
        if (closed !== null) await this.publishRun(run);
      });
    }
  }

  /** The run ended: analyses its open steps and marks it finished. */
  finish(run: string): Promise<void> {
    return this.serialise(run, async () => {
      if (!(await this.options.store.getRun(run)))
        throw new RewardscopeError("not_found", `no run "${run}"`, "run");
      await (await this.session(run)).finish();
      await this.options.store.setRunStatus(run, "finished");
      await this.publishRun(run);
    });
  }

  private session(run: string): Promise<RunSession> {
    let session = this.sessions.get(run);
    if (!session) {
      const { store, bus, config } = this.options;
      session = RunSession.open(run, config, { store, bus, retention: this.retention, now: this.now });
      session.catch(() => this.sessions.delete(run));
      this.sessions.set(run, session);
    }
    return session;
  }

  private async publishRun(run: string): Promise<void> {
    const record = await this.options.store.getRun(run);
    if (record) this.options.bus.publish({ kind: "run", run, record });
  }

  /** Runs `task` after every earlier task of the same run: one batch at a time per run, in arrival order. */
  private serialise<T>(run: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(run) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => {});
    this.queues.set(run, settled);
    void settled.then(() => {
      if (this.queues.get(run) === settled) this.queues.delete(run);
    });
    return next;
  }
}
