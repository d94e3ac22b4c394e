import {
  type Alert,
  type AnalysedStep,
  Monitor,
  type MonitorConfigInput,
  type MonitorState,
  seriesOf,
} from "@rewardscope/core";
import type { StepWrite, StoredEvent } from "../store/store.js";
import { type RetentionOptions, selectCompletions } from "./retention.js";

/** What a run's analysis starts from: its saved state, or the run's declared fields for a fresh Monitor. */
export interface RunAnalysisInit {
  run: string;
  /** The session this analysis belongs to (a run reopened after a failure gets a new key). */
  key: string;
  config: MonitorConfigInput | undefined;
  retention: RetentionOptions;
  saved: { state: MonitorState; appliedSeq: number } | null;
  rewardFunctions: string[];
  worldSize: number;
  /**
   * How each write carries the state, which moves on while the write waits for the store: "copy" (default), or
   * "json", its JSON text (the analysis worker: cheaper to post, and the store writes it as it is).
   */
  stateAs?: "copy" | "json";
}

/**
 * One run's Monitor and the bookkeeping that makes its saved state resumable: the last event consumed, and
 * where each open step began (a restart must replay from there). Turns events into the StepWrites the store
 * saves. No I/O: it runs in the server's thread or in the analysis worker alike.
 */
export class RunAnalysis {
  private appliedSeq: number;
  /** When the oldest open step was first seen waiting (ms), for the rank timeout. */
  private waitingSince: { step: number; since: number } | null = null;
  /** Per step still open: the sequence number of its first event (where a replay must start to rebuild it). */
  private readonly firstSeqOfOpenStep = new Map<number, number>();
  private readonly monitor: Monitor;

  constructor(private readonly init: RunAnalysisInit) {
    const { config, saved, run } = init;
    // The store keeps every alert; a copy in the state, saved with every step, would grow with the run.
    const maxStoredAlerts = 0;
    this.monitor = saved
      ? new Monitor({ config, state: { ...saved.state, alerts: [] }, maxStoredAlerts })
      : new Monitor({
          config,
          run: { name: run, rewardFunctions: init.rewardFunctions, worldSize: init.worldSize },
          maxStoredAlerts,
        });
    this.appliedSeq = saved?.appliedSeq ?? 0;
  }

  /** The last event sequence number consumed. */
  get lastSeq(): number {
    return this.appliedSeq;
  }

  /** Feeds stored events to the Monitor; returns the writes of every step they complete, in order. */
  apply(events: readonly StoredEvent[], now: number): StepWrite[] {
    const writes: StepWrite[] = [];
    for (const { seq, event } of events) {
      if (event.type !== "run" && !this.firstSeqOfOpenStep.has(event.step))
        this.firstSeqOfOpenStep.set(event.step, seq);
      const steps = this.monitor.ingestSteps(event);
      this.appliedSeq = seq;
      for (const step of steps) writes.push(this.write(step));
    }
    this.trackWaiting(now);
    return writes;
  }

  /**
   * Closes the oldest open step when it has waited longer than `timeoutMs` for a rank, with a low alert naming
   * the missing ranks.
   */
  closeOverdue(timeoutMs: number, now: number): StepWrite | null {
    const open = this.monitor.openStep();
    if (!open || !this.waitingSince || now - this.waitingSince.since < timeoutMs) return null;
    const [step] = this.monitor.flushSteps(open.step);
    if (!step) return null;
    step.report.alerts.push(
      missingRankAlert(step.report.step, open.silentRanks, open.unfinishedRanks, timeoutMs),
    );
    const write = this.write(step);
    this.trackWaiting(now);
    return write;
  }

  /** Closes every open step (the run ended). */
  finish(now: number): StepWrite[] {
    const writes = this.monitor.flushSteps().map((step) => this.write(step));
    this.trackWaiting(now);
    return writes;
  }

  private trackWaiting(now: number): void {
    const open = this.monitor.openStep();
    if (!open) this.waitingSince = null;
    else if (this.waitingSince?.step !== open.step) this.waitingSince = { step: open.step, since: now };
  }

  /**
   * The step with the Monitor state after it. Open steps are left out of the saved state (a step of 256
   * completions is most of its size): the saved sequence number stops before their first event, so a restart
   * replays them.
   */
  private write(step: AnalysedStep): StepWrite {
    for (const openStep of this.firstSeqOfOpenStep.keys())
      if (openStep <= step.report.step) this.firstSeqOfOpenStep.delete(openStep);
    const state = this.monitor.stateView();
    const savedState = { ...state, assembler: { ...state.assembler, open: [] } };
    const firstOpenSeq = Math.min(...this.firstSeqOfOpenStep.values());
    return {
      report: step.report,
      rewards: step.batch.rewards,
      series: seriesOf(step.report),
      completions: selectCompletions(step, this.init.retention),
      state: this.init.stateAs === "json" ? JSON.stringify(savedState) : structuredClone(savedState),
      appliedSeq: Number.isFinite(firstOpenSeq)
        ? Math.min(this.appliedSeq, firstOpenSeq - 1)
        : this.appliedSeq,
    };
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
