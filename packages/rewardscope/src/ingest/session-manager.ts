import { type MonitorConfigInput, RewardscopeError, type RewardscopeEvent } from "@rewardscope/core";
import type { Store } from "../store/store.js";
import { type AnalysisInput, type Analyst, InlineAnalyst } from "./analyst.js";
import type { AnalysisBacklog, IngestOptions, IngestResult, IngestService } from "./ingest-service.js";
import type { LiveBus } from "./live-bus.js";
import { DEFAULT_RETENTION, type RetentionOptions } from "./retention.js";
import type { RunLeases } from "./run-leases.js";
import { RunSession } from "./run-session.js";

/** Batches of one run acknowledged on durability that may wait for analysis at once. */
const MAX_DURABLE_BACKLOG = 64;

export interface SessionManagerOptions {
  store: Store;
  bus: LiveBus;
  /** The Monitor configuration of every run. */
  config?: MonitorConfigInput;
  retention?: Partial<RetentionOptions>;
  /** A step waiting for a rank longer than this is analysed without it. Default 60,000 ms. */
  stepTimeoutMs?: number;
  now?: () => number;
  /** Where runs are analysed. Default: in this thread (InlineAnalyst); `serve` uses a WorkerAnalyst. */
  analyst?: Analyst;
  /** An analysis that failed after its batch was acknowledged (the run reopens from the store). */
  onError?: (run: string, error: unknown) => void;
  /**
   * Run ownership when several servers share the store (PostgreSQL): only a run's owner analyses it, the others
   * store its batches for the owner to take up. Default: none, this server owns every run (SQLite).
   */
  leases?: RunLeases;
}

/**
 * Ingestion: stores each batch durably (once per batch id), then hands it to its run's session; one batch at a
 * time per run (a queue per run), runs in parallel. Sessions are opened lazily, resuming from the store; a
 * session that failed is dropped, and the next batch reopens it from the store, replaying what it missed.
 * @example
 * const sessions = new SessionManager({ store, bus });
 * await sessions.ingest("qwen-1", "batch-17", events);
 */
export class SessionManager implements IngestService {
  private readonly sessions = new Map<string, Promise<RunSession>>();
  /** The sessions of `sessions` that have opened, for the backlog (read without waiting). */
  private readonly opened = new Map<string, RunSession>();
  /** Runs whose end this server has carried out (their open steps closed): a later batch is not closed at once. */
  private readonly ended = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly retention: RetentionOptions;
  private readonly stepTimeoutMs: number;
  private readonly now: () => number;
  private readonly analyst: Analyst;
  private closing = false;
  private overdueRound: Promise<void> | null = null;

  constructor(private readonly options: SessionManagerOptions) {
    this.retention = { ...DEFAULT_RETENTION, ...options.retention };
    this.stepTimeoutMs = options.stepTimeoutMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.analyst = options.analyst ?? new InlineAnalyst();
    options.leases?.watch({
      changed: (run) => void this.catchUp(run).catch((error: unknown) => options.onError?.(run, error)),
      lost: (run) => void this.serialise(run, () => this.forget(run)),
    });
  }

  ingest(
    run: string,
    batchId: string | null,
    events: RewardscopeEvent[],
    options: IngestOptions = {},
  ): Promise<IngestResult> {
    const ack = options.ack ?? "analysed";
    const stored = this.serialise(run, async () => {
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
      if (!(await this.owns(run))) {
        // Another live server analyses this run: the batch is stored durably and its owner takes it up.
        const { duplicate } = await store.appendEvents(run, batchId, events, options.lines);
        return { duplicate, analysed: Promise.resolve([]) };
      }
      // Opened before the append: a session opening replays what the store holds, and must not see this batch.
      const session = await this.session(run);
      const { duplicate, seqs } = await store.appendEvents(run, batchId, events, options.lines);
      if (duplicate) return { duplicate, analysed: Promise.resolve([]) };
      // Another server may have stored events of this run since the session's last one: all go in sequence order.
      const missed = seqs.length > 0 && seqs[0] !== session.lastSeq + 1;
      const input: AnalysisInput = missed
        ? { kind: "events", events: await store.eventsAfter(run, session.lastSeq) }
        : options.lines
          ? { kind: "lines", seqs, lines: options.lines }
          : { kind: "events", events: events.map((event, i) => ({ seq: seqs[i] as number, event })) };
      const analysed = this.watch(run, session, session.apply(input));
      // A durable answer does not wait for analysis, but a writer faster than the analysis must not pile up
      // batches in memory without bound: it waits (and its run's next batches queue) once too many are behind.
      if (ack === "durable") await session.waitForBacklog(MAX_DURABLE_BACKLOG);
      return { duplicate, analysed };
    });
    return stored.then(async ({ duplicate, analysed }) => {
      const result = { run, duplicate, accepted: duplicate ? 0 : events.length, ack };
      if (ack === "durable") {
        analysed.catch(() => {});
        return { ...result, analysedSteps: [] };
      }
      return { ...result, analysedSteps: await analysed };
    });
  }

  /** How far the analysis of every open run is behind what was acknowledged. */
  backlog(): AnalysisBacklog {
    let waitingBatches = 0;
    let oldest: number | null = null;
    for (const session of this.opened.values()) {
      waitingBatches += session.backlog;
      const since = session.waitingSince;
      if (since !== null && (oldest === null || since < oldest)) oldest = since;
    }
    return { waitingBatches, oldestWaitMs: oldest === null ? 0 : Math.max(0, this.now() - oldest) };
  }

  /** Analyses steps that waited longer than the rank timeout for a missing rank. Call it periodically. */
  closeOverdue(): Promise<void> {
    // One round at a time: a round waits for the analysis of every run, which may be behind.
    this.overdueRound ??= this.closeOverdueRound().finally(() => {
      this.overdueRound = null;
    });
    return this.overdueRound;
  }

  private async closeOverdueRound(): Promise<void> {
    for (const run of this.sessions.keys()) {
      if (this.closing) return;
      // The run's queue only waits for the request to be handed to the analysis, in order after the batches
      // before it; waiting for the analysis itself would hold up the run's next batches.
      const closing = await this.serialise(run, async () => {
        if (this.options.leases && !this.options.leases.holds(run)) {
          await this.forget(run);
          return null;
        }
        const session = await this.session(run);
        return { done: this.watch(run, session, session.closeOverdue(this.stepTimeoutMs)) };
      });
      await closing?.done.catch(() => {});
    }
  }

  /** The run ended: analyses its open steps and marks it finished. */
  finish(run: string): Promise<void> {
    return this.serialise(run, async () => {
      if (!(await this.options.store.getRun(run)))
        throw new RewardscopeError("not_found", `no run "${run}"`, "run");
      if (!(await this.owns(run))) {
        // The owner sees the status (catchUp) and closes the open steps.
        await this.options.store.setRunStatus(run, "finished");
        return this.publishRun(run);
      }
      const session = await this.session(run);
      this.ended.add(run);
      await this.watch(run, session, session.finish());
      await this.options.store.setRunStatus(run, "finished");
      await this.publishRun(run);
    });
  }

  /** Waits for every acknowledged batch to be analysed and saved, then stops the analyst. */
  async close(): Promise<void> {
    this.closing = true;
    // A closeOverdue round started before may still be queueing its runs.
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
    for (const session of this.sessions.values()) await (await session.catch(() => null))?.settled();
    await this.analyst.close();
  }

  /**
   * Publishes the run's counters once the work completed steps; on failure, drops the session so the next batch
   * reopens it from the store.
   */
  private async watch<T>(run: string, session: RunSession, work: Promise<T>): Promise<T> {
    try {
      const result = await work;
      if (result !== null && !(Array.isArray(result) && result.length === 0)) await this.publishRun(run);
      return result;
    } catch (error) {
      const current = this.sessions.get(run);
      if (current && (await current.catch(() => null)) === session) {
        this.sessions.delete(run);
        this.opened.delete(run);
        void this.analyst.drop(session.key).catch(() => {});
      }
      this.options.onError?.(run, error);
      throw error;
    }
  }

  /**
   * Analyses what other servers stored for a run this server owns, or takes the run over when its owner is gone
   * (RunLeases: a new session loads the saved state and replays every event after it). A run marked finished
   * meanwhile has its open steps closed.
   */
  private catchUp(run: string): Promise<void> {
    return this.serialise(run, async () => {
      if (!(await this.owns(run))) return;
      const { store } = this.options;
      const session = await this.session(run);
      const events = await store.eventsAfter(run, session.lastSeq);
      if (events.length > 0) await this.watch(run, session, session.apply({ kind: "events", events }));
      if ((await store.getRun(run))?.status === "finished" && !this.ended.has(run)) {
        this.ended.add(run);
        await this.watch(run, session, session.finish());
      }
    });
  }

  /** Whether this server owns the run, taking it when no live server does. Always true without leases. */
  private async owns(run: string): Promise<boolean> {
    const { leases } = this.options;
    if (!leases || leases.holds(run)) return true;
    // A session left from a lease lost earlier is stale: the run is reopened from the store if taken again.
    await this.forget(run);
    return leases.acquire(run);
  }

  /** Drops the run's session (its lease ended), after the steps it analysed are saved. */
  private async forget(run: string): Promise<void> {
    const session = await this.sessions.get(run)?.catch(() => null);
    this.sessions.delete(run);
    if (this.opened.get(run) === session) this.opened.delete(run);
    if (!session) return;
    await session.settled();
    await this.analyst.drop(session.key).catch(() => {});
  }

  private session(run: string): Promise<RunSession> {
    let session = this.sessions.get(run);
    if (!session) {
      const { store, bus, config } = this.options;
      const deps = { store, bus, analyst: this.analyst, retention: this.retention, now: this.now };
      const opening = RunSession.open(run, config, deps);
      opening.then(
        (opened) => {
          if (this.sessions.get(run) === opening) this.opened.set(run, opened);
        },
        () => this.sessions.delete(run),
      );
      this.sessions.set(run, opening);
      session = opening;
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
