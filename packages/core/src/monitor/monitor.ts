import { applyAlertPolicy, createAlertPolicyState } from "../alerts/alert-policy.js";
import { evaluateRules } from "../alerts/threshold-rules.js";
import type { Alert } from "../alerts/types.js";
import { detectorOptions, resolveConfig } from "../config/resolve-config.js";
import type { MonitorConfig, MonitorConfigInput } from "../config/types.js";
import type { Detector } from "../detectors/detector.js";
import { DETECTORS } from "../detectors/registry.js";
import { RewardscopeError } from "../errors.js";
import type { RewardscopeEvent, StepBatch } from "../events/types.js";
import { detectorsNotRun, foldNotRun } from "./aggregate-step.js";
import { computeStepStatistics } from "./analyze-step.js";
import type { MonitorState, RunInfo } from "./monitor-state.js";
import type { StepReport } from "./report.js";
import { runDetectors } from "./run-detectors.js";
import { seriesOf } from "./series.js";
import {
  assembleStep,
  flushSteps as closeOpenSteps,
  createStepAssembler,
  waitingRanks,
} from "./step-assembler.js";

/** One analysed step: the batch as assembled from its events, and what the Monitor said about it. */
export interface AnalysedStep {
  batch: StepBatch;
  report: StepReport;
}

export interface MonitorOptions {
  /** Any subset of the configuration; the rest takes the documented defaults. */
  config?: MonitorConfigInput;
  /** The run, when no RunEvent will declare it. */
  run?: Partial<RunInfo>;
  /** A state from `toState()`, to resume a run where it stopped. */
  state?: MonitorState;
  /** The detectors to run (default: all of them). */
  detectors?: readonly Detector[];
  /** How many recent alerts `alerts()` keeps (counts cover all). Default 10,000. */
  maxStoredAlerts?: number;
}

/**
 * Turns the events of one run into step reports: assembles each step from its batches and ranks, computes the
 * statistics, runs every detector and the user's rules, and applies the alert policy. Its whole state is JSON
 * (`toState()`), so a run can be resumed after a restart with its baselines intact.
 * @example
 * const monitor = new Monitor({ config: { window: 500 } });
 * for (const event of events) for (const report of monitor.ingest(event)) console.log(report.step, report.alerts);
 * monitor.flush();
 */
export class Monitor {
  readonly config: MonitorConfig;
  private readonly detectors: readonly Detector[];
  private readonly maxStoredAlerts: number;
  private state: MonitorState;

  constructor(options: MonitorOptions = {}) {
    this.detectors = options.detectors ?? DETECTORS;
    this.config = resolveConfig(options.config, this.detectors);
    this.maxStoredAlerts = options.maxStoredAlerts ?? 10_000;
    this.state = options.state ? checkState(options.state) : initialState(options.run);
  }

  /** The run as declared or seen so far. */
  get run(): RunInfo {
    return this.state.run;
  }

  /** Steps analysed so far. */
  get steps(): number {
    return this.state.steps;
  }

  /** Adds one event; returns the reports of the steps this event completed, oldest first. */
  ingest(event: RewardscopeEvent): StepReport[] {
    return this.ingestSteps(event).map((step) => step.report);
  }

  /** Closes and analyses every open step (end of input), or those up to `throughStep` (a server's timeout). */
  flush(throughStep?: number): StepReport[] {
    return this.flushSteps(throughStep).map((step) => step.report);
  }

  /** As `ingest`, with each completed step's assembled batch beside its report (a server stores both). */
  ingestSteps(event: RewardscopeEvent): AnalysedStep[] {
    if (event.type === "run") {
      this.declareRun(event);
      return [];
    }
    return assembleStep(this.state.assembler, event).map((batch) => ({ batch, report: this.analyze(batch) }));
  }

  /** As `flush`, with each step's batch beside its report. */
  flushSteps(throughStep?: number): AnalysedStep[] {
    return closeOpenSteps(this.state.assembler, throughStep).map((batch) => ({
      batch,
      report: this.analyze(batch),
    }));
  }

  /** The oldest step still open, and the ranks it waits for (null when no step is open). */
  openStep(): { step: number; silentRanks: number[]; unfinishedRanks: number[] } | null {
    const open = this.state.assembler.open[0];
    if (!open) return null;
    const { silent, unfinished } = waitingRanks(this.state.assembler);
    return { step: open.batch.step, silentRanks: silent, unfinishedRanks: unfinished };
  }

  /** Analyses one complete step. Steps must come in increasing order. */
  analyze(batch: StepBatch): StepReport {
    const state = this.state;
    if (state.lastStep !== null && batch.step <= state.lastStep)
      throw new RewardscopeError(
        "invalid_argument",
        `step ${batch.step} is not after ${state.lastStep}`,
        "step",
      );
    for (const fn of [...Object.keys(batch.rewards), ...Object.keys(batch.rewardStats ?? {})])
      if (!state.run.rewardFunctions.includes(fn)) state.run.rewardFunctions.push(fn);
    const { report, values } = computeStepStatistics(batch, state.trackers, this.config);
    const view = { step: batch.step, batch, report, values };
    const drafts = runDetectors(view, state, this.detectors, this.config);
    if (this.config.rules.length > 0)
      drafts.push(...evaluateRules(this.config.rules, state.rules, seriesOf(report)));
    const stamped: Alert[] = drafts.map((draft) => ({ step: batch.step, ...draft }));
    const alerts = applyAlertPolicy(state.policy, stamped, this.config.alerts, batch.step);
    this.record(alerts);
    state.steps++;
    state.lastStep = batch.step;
    const notRun = detectorsNotRun(batch, report, this.enabledDetectors());
    const done: StepReport = notRun.length > 0 ? { ...report, alerts, notRun } : { ...report, alerts };
    const folded = foldNotRun(state.notRun, done);
    if (folded !== undefined) state.notRun = folded;
    return done;
  }

  /** The most recent alerts raised (after the alert policy), oldest first. */
  alerts(): Alert[] {
    return this.state.alerts.slice();
  }

  /** Counts of every alert raised, by severity and by type. */
  alertCounts(): MonitorState["alertCounts"] {
    return cloneJson(this.state.alertCounts);
  }

  /** Detectors that no step so far could run for lack of completions (a log of aggregates only). */
  get detectorsNotRun(): string[] {
    return [...(this.state.notRun ?? [])];
  }

  /** Events that arrived for a step already analysed, and were dropped. */
  get lateEvents(): number {
    return this.state.assembler.lateEvents;
  }

  /** A deep copy of the whole state, plain JSON. */
  toState(): MonitorState {
    return cloneJson(this.state);
  }

  /**
   * The live state, not a copy: for a store that serialises it at once (saves a deep copy per step). It must not
   * be changed, nor kept past the next call that changes the Monitor.
   */
  stateView(): Readonly<MonitorState> {
    return this.state;
  }

  /** Ids of the detectors enabled for the run as a whole (per-function overrides aside). */
  private enabledDetectors(): string[] {
    return this.detectors.filter((d) => detectorOptions(this.config, d).enabled).map((d) => d.id);
  }

  private declareRun(event: Extract<RewardscopeEvent, { type: "run" }>): void {
    const run = this.state.run;
    run.name = event.name;
    if (event.project !== undefined) run.project = event.project;
    if (event.config !== undefined) run.config = event.config;
    for (const fn of event.rewardFunctions ?? [])
      if (!run.rewardFunctions.includes(fn)) run.rewardFunctions.push(fn);
    if (event.worldSize !== undefined && event.worldSize !== run.worldSize) {
      if (this.state.steps > 0 || this.state.assembler.open.length > 0)
        throw new RewardscopeError("invalid_event", "cannot change once steps have arrived", "worldSize");
      run.worldSize = event.worldSize;
      this.state.assembler = createStepAssembler(event.worldSize);
    }
  }

  private record(alerts: Alert[]): void {
    const { alertCounts } = this.state;
    for (const alert of alerts) {
      alertCounts.bySeverity[alert.severity] = (alertCounts.bySeverity[alert.severity] ?? 0) + 1;
      alertCounts.byType[alert.type] = (alertCounts.byType[alert.type] ?? 0) + 1;
      this.state.alerts.push(alert);
    }
    const excess = this.state.alerts.length - this.maxStoredAlerts;
    if (excess > 0) this.state.alerts.splice(0, excess);
  }
}

function initialState(run: Partial<RunInfo> = {}): MonitorState {
  const worldSize = run.worldSize ?? 1;
  return {
    version: 1,
    run: {
      name: run.name ?? "run",
      rewardFunctions: [...(run.rewardFunctions ?? [])],
      worldSize,
      ...pick(run),
    },
    steps: 0,
    lastStep: null,
    trackers: {},
    rewardDetectors: {},
    stepDetectors: {},
    rules: [],
    policy: createAlertPolicyState(),
    assembler: createStepAssembler(worldSize),
    alerts: [],
    alertCounts: { bySeverity: {}, byType: {} },
  };
}

function pick(run: Partial<RunInfo>): Partial<RunInfo> {
  const out: Partial<RunInfo> = {};
  if (run.project !== undefined) out.project = run.project;
  if (run.config !== undefined) out.config = run.config;
  return out;
}

/** The state is plain JSON by contract, so a JSON round trip is an exact deep copy. */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function checkState(state: MonitorState): MonitorState {
  if (typeof state !== "object" || state === null || state.version !== 1)
    throw new RewardscopeError(
      "invalid_state",
      "not a rewardscope monitor state of version 1",
      "state.version",
    );
  return cloneJson(state);
}
