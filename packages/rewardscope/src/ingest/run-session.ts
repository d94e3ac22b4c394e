import { type Alert, type AnalysedStep, Monitor, type MonitorConfigInput, seriesOf } from "@rewardscope/core";
import type { Store, StoredEvent } from "../store/store.js";
import type { LiveBus } from "./live-bus.js";
import { type RetentionOptions, selectCompletions } from "./retention.js";

/**
 * One run being ingested: its Monitor, the last event it consumed, and when the oldest open step started
 * waiting. Every analysed step is saved with the Monitor state before it is published, so a restart resumes
 * exactly here (`RunSession.open`).
 */
export class RunSession {
  private appliedSeq: number;
  /** When the oldest open step was first seen waiting (ms), for the rank timeout. */
  private waitingSince: { step: number; since: number } | null = null;
  /** Per step still open: the sequence number of its first event (where a replay must start to rebuild it). */
  private readonly firstSeqOfOpenStep = new Map<number, number>();

  private constructor(
    readonly run: string,
    private readonly monitor: Monitor,
    appliedSeq: number,
    private readonly deps: { store: Store; bus: LiveBus; retention: RetentionOptions; now: () => number },
  ) {
    this.appliedSeq = appliedSeq;
  }

  /** Loads the run's saved state (or starts fresh) and replays the events stored after it. */
  static async open(
    run: string,
    config: MonitorConfigInput | undefined,
    deps: { store: Store; bus: LiveBus; retention: RetentionOptions; now: () => number },
  ): Promise<RunSession> {
    const saved = await deps.store.loadState(run);
    const record = await deps.store.getRun(run);
    const monitor = saved
      ? new Monitor({ config, state: saved.state })
      : new Monitor({
          config,
          run: {
            name: run,
            rewardFunctions: record?.rewardFunctions ?? [],
            worldSize: record?.worldSize ?? 1,
          },
        });
    const session = new RunSession(run, monitor, saved?.appliedSeq ?? 0, deps);
    await session.apply(await deps.store.eventsAfter(run, session.appliedSeq));
    return session;
  }

  /** Feeds stored events to the Monitor; saves and publishes every step they complete. Returns those steps. */
  async apply(events: StoredEvent[]): Promise<number[]> {
    const analysed: number[] = [];
    for (const { seq, event } of events) {
      if (event.type !== "run" && !this.firstSeqOfOpenStep.has(event.step))
        this.firstSeqOfOpenStep.set(event.step, seq);
      const steps = this.monitor.ingestSteps(event);
      this.appliedSeq = seq;
      for (const step of steps) {
        await this.save(step);
        analysed.push(step.report.step);
      }
    }
    this.trackWaiting();
    return analysed;
  }

  /**
   * Closes the oldest open step when it has waited longer than `timeoutMs` for a rank, with a low alert naming
   * the missing ranks. Returns the step closed, if any.
   */
  async closeOverdue(timeoutMs: number): Promise<number | null> {
    const open = this.monitor.openStep();
    if (!open || !this.waitingSince || this.deps.now() - this.waitingSince.since < timeoutMs) return null;
    const [step] = this.monitor.flushSteps(open.step);
    if (!step) return null;
    step.report.alerts.push(
      missingRankAlert(step.report.step, open.silentRanks, open.unfinishedRanks, timeoutMs),
    );
    await this.save(step);
    this.trackWaiting();
    return step.report.step;
  }

  /** Closes every open step (the run ended). */
  async finish(): Promise<number[]> {
    const steps = this.monitor.flushSteps();
    for (const step of steps) await this.save(step);
    this.trackWaiting();
    return steps.map((s) => s.report.step);
  }

  private trackWaiting(): void {
    const open = this.monitor.openStep();
    if (!open) this.waitingSince = null;
    else if (this.waitingSince?.step !== open.step)
      this.waitingSince = { step: open.step, since: this.deps.now() };
  }

  /**
   * Saves the step with the Monitor state. Open steps are left out of the saved state (a step of 256 completions is
   * most of its size): the saved sequence number stops before their first event, so a restart replays them.
   */
  private async save(step: AnalysedStep): Promise<void> {
    const { store, bus, retention } = this.deps;
    for (const openStep of this.firstSeqOfOpenStep.keys())
      if (openStep <= step.report.step) this.firstSeqOfOpenStep.delete(openStep);
    const state = this.monitor.stateView();
    const firstOpenSeq = Math.min(...this.firstSeqOfOpenStep.values());
    const series = seriesOf(step.report);
    await store.saveStep(this.run, {
      report: step.report,
      rewards: step.batch.rewards,
      series,
      completions: selectCompletions(step, retention),
      state: { ...state, assembler: { ...state.assembler, open: [] } },
      appliedSeq: Number.isFinite(firstOpenSeq)
        ? Math.min(this.appliedSeq, firstOpenSeq - 1)
        : this.appliedSeq,
    });
    bus.publish({ kind: "step", run: this.run, report: step.report, series });
    for (const alert of step.report.alerts) bus.publish({ kind: "alert", run: this.run, alert });
  }
}

function missingRankAlert(step: number, silent: number[], unfinished: number[], timeoutMs: number): Alert {
  const parts = [];
  if (silent.length > 0) parts.push(`nothing came from rank ${silent.join(", ")}`);
  if (unfinished.length > 0) parts.push(`rank ${unfinished.join(", ")} did not finish it (no step_end)`);
  return {
    step,
    type: "missing_rank",
    severity: "low",
    message: `Step ${step} was analysed after ${Math.round(timeoutMs / 1000)} s without all ranks: ${parts.join("; ")}`,
    value: silent.length + unfinished.length,
    threshold: 0,
    action:
      "Check that every rank sends its rewards and step_end; a crashed or slow rank skews the statistics.",
    evidence: {
      ...Object.fromEntries(silent.map((r) => [`silentRank${r}`, 1])),
      ...Object.fromEntries(unfinished.map((r) => [`unfinishedRank${r}`, 1])),
    },
  };
}
