import type { MonitorConfigInput } from "@rewardscope/core";
import type { StepWrite, Store } from "../store/store.js";
import type { AnalysisInput, Analyst } from "./analyst.js";
import type { LiveBus } from "./live-bus.js";
import type { RetentionOptions } from "./retention.js";

export interface RunSessionDeps {
  store: Store;
  bus: LiveBus;
  analyst: Analyst;
  retention: RetentionOptions;
  now: () => number;
}

let sessionCount = 0;

/**
 * One run being ingested: its analysis (in this thread or the analysis worker) and the chain that saves and
 * publishes the steps it completes, in order. Every analysed step is saved with the Monitor state before it is
 * published, so a restart resumes exactly there (`RunSession.open`). After any failure the session is broken:
 * its owner drops it and opens a new one, which replays from the store.
 */
export class RunSession {
  private saving: Promise<unknown> = Promise.resolve();
  /** The chain's links not yet settled, oldest first (they settle in order), with when each was handed over. */
  private readonly pending: { done: Promise<unknown>; since: number }[] = [];
  private failure: unknown = null;
  private handedSeq = 0;

  private constructor(
    readonly run: string,
    /** The session's name at the analyst: a reopened run gets a new one, so stale calls cannot reach it. */
    readonly key: string,
    private readonly deps: RunSessionDeps,
  ) {}

  /** Loads the run's saved state (or starts fresh) and replays the events stored after it. */
  static async open(
    run: string,
    config: MonitorConfigInput | undefined,
    deps: RunSessionDeps,
  ): Promise<RunSession> {
    const { store, analyst, retention } = deps;
    const saved = await store.loadState(run);
    const record = await store.getRun(run);
    const session = new RunSession(run, `${run}#${++sessionCount}`, deps);
    await analyst.open({
      run,
      key: session.key,
      config,
      retention,
      saved,
      rewardFunctions: record?.rewardFunctions ?? [],
      worldSize: record?.worldSize ?? 1,
    });
    session.handedSeq = saved?.appliedSeq ?? 0;
    const events = await store.eventsAfter(run, session.handedSeq);
    if (events.length > 0) await session.apply({ kind: "events", events });
    return session;
  }

  /**
   * The sequence number of the last event handed to the analysis. Events are analysed in sequence order: when
   * several servers share the store, the run's owner takes events others stored from the store after this one.
   */
  get lastSeq(): number {
    return this.handedSeq;
  }

  /** The error that broke the session, if any. */
  get failed(): unknown {
    return this.failure;
  }

  /**
   * Hands stored events to the analysis at once (calls reach it in order); resolves with the steps they
   * complete once those are saved and published.
   */
  apply(input: AnalysisInput): Promise<number[]> {
    this.handedSeq =
      (input.kind === "events" ? input.events.at(-1)?.seq : input.seqs.at(-1)) ?? this.handedSeq;
    return this.chain(this.deps.analyst.apply(this.key, input, this.deps.now()));
  }

  /**
   * Closes the oldest open step when it has waited longer than `timeoutMs` for a rank, with a low alert naming
   * the missing ranks. Resolves with the step closed, if any.
   */
  async closeOverdue(timeoutMs: number): Promise<number | null> {
    const [step] = await this.chain(
      this.deps.analyst
        .closeOverdue(this.key, timeoutMs, this.deps.now())
        .then((write) => (write ? [write] : [])),
    );
    return step ?? null;
  }

  /** Closes every open step (the run ended). */
  finish(): Promise<number[]> {
    return this.chain(this.deps.analyst.finish(this.key, this.deps.now()));
  }

  /** Resolves once every step analysed so far is saved and published. */
  async settled(): Promise<void> {
    await this.saving.catch(() => {});
  }

  /** Saves the writes after every earlier one; the first failure breaks the session. */
  private chain(writes: Promise<StepWrite[]>): Promise<number[]> {
    if (this.failure !== null) {
      writes.catch(() => {});
      return Promise.reject(this.failure);
    }
    const saved = this.saving.then(async () => {
      if (this.failure !== null) throw this.failure;
      const steps: number[] = [];
      for (const write of await writes) {
        await this.save(write);
        steps.push(write.report.step);
      }
      return steps;
    });
    saved.catch((error: unknown) => {
      this.failure ??= error;
    });
    this.saving = saved.catch(() => {});
    this.pending.push({ done: this.saving, since: this.deps.now() });
    void this.saving.then(() => this.pending.shift());
    return saved;
  }

  /** How many handed batches are not yet analysed and saved. */
  get backlog(): number {
    return this.pending.length;
  }

  /** When the oldest batch still waiting for analysis was handed over (ms, the deps' clock); null when none waits. */
  get waitingSince(): number | null {
    return this.pending[0]?.since ?? null;
  }

  /** Resolves once at most `limit` handed batches wait for analysis. */
  async waitForBacklog(limit: number): Promise<void> {
    while (this.pending.length > limit) await this.pending[0]?.done;
  }

  private async save(write: StepWrite): Promise<void> {
    const { store, bus } = this.deps;
    await store.saveStep(this.run, write);
    bus.publish({ kind: "step", run: this.run, report: write.report, series: write.series });
    for (const alert of write.report.alerts) bus.publish({ kind: "alert", run: this.run, alert });
  }
}
