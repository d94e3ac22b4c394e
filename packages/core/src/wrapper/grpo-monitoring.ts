import type { Alert } from "../alerts/types.js";
import type { MonitorConfigInput } from "../config/types.js";
import { RewardscopeError } from "../errors.js";
import type { RewardsEvent } from "../events/types.js";
import { Monitor } from "../monitor/monitor.js";
import type { MonitorState } from "../monitor/monitor-state.js";
import type { StepReport } from "../monitor/report.js";
import type { RewardFunctionStats } from "./call-recorder.js";
import { completionText, groupsFromPrompts } from "./completion-text.js";
import {
  type RewardFunction,
  type RewardFunctionArgs,
  type RewardValues,
  type WrappedRewardFunction,
  wrapRewardFunction,
} from "./wrap-reward-function.js";

export interface GrpoMonitoringOptions {
  /** The reward functions, as a list (named by their function names) or by name. */
  rewardFunctions: readonly RewardFunction[] | Record<string, RewardFunction>;
  config?: MonitorConfigInput;
  runName?: string;
  /** On a reward-function exception: "rethrow" (default) or "null" (record it, return nulls). */
  onError?: "rethrow" | "null";
  /** Called with each step's report, e.g. to log alerts. */
  onReport?: (report: StepReport) => void;
}

export interface GrpoMonitoring {
  /** Pass these to the trainer in place of the originals. */
  rewardFunctions: WrappedRewardFunction[];
  monitor: Monitor;
  /** Ends a training step: analyses what the reward functions saw since the last call, with the step's metrics. */
  updateStep(step: number, metrics?: Record<string, number>): StepReport;
  /** The run's summary: steps, alerts, and each reward function's call statistics. */
  finalize(): {
    steps: number;
    alerts: Alert[];
    alertCounts: MonitorState["alertCounts"];
    functions: RewardFunctionStats[];
  };
}

/** One reward-function call batch: the completions it was called on, and each function's values. */
interface Segment {
  completions: readonly unknown[];
  prompts?: readonly unknown[];
  rewards: Record<string, RewardValues>;
}

/**
 * Monitoring for a GRPO loop in one call, in the spirit of the Python monitors: wraps the reward functions so
 * every call is recorded, and analyses one step per `updateStep`.
 * @example
 * const { rewardFunctions, updateStep, finalize } = setupGrpoMonitoring({ rewardFunctions: [format, accuracy] });
 * // trainer calls rewardFunctions[i]({ prompts, completions }) ...
 * const report = updateStep(step, { loss, kl });
 */
export function setupGrpoMonitoring(options: GrpoMonitoringOptions): GrpoMonitoring {
  const entries = Array.isArray(options.rewardFunctions)
    ? (options.rewardFunctions as readonly RewardFunction[]).map(
        (fn, i) => [fn.name || `reward_${i}`, fn] as const,
      )
    : Object.entries(options.rewardFunctions as Record<string, RewardFunction>);
  if (entries.length === 0)
    throw new RewardscopeError("invalid_argument", "needs at least one function", "rewardFunctions");
  const names = entries.map(([name]) => name);
  if (new Set(names).size !== names.length)
    throw new RewardscopeError(
      "invalid_argument",
      `names must be unique, got ${names.join(", ")}`,
      "rewardFunctions",
    );
  const monitor = new Monitor({
    config: options.config,
    run: { name: options.runName ?? "grpo", rewardFunctions: names },
  });
  let segments: Segment[] = [];

  const collect = (name: string) => (args: RewardFunctionArgs, values: RewardValues) => {
    let segment = segments.find((s) => s.completions === args.completions);
    if (!segment) {
      segment = { completions: args.completions, prompts: args.prompts, rewards: {} };
      segments.push(segment);
    }
    segment.rewards[name] = values;
  };
  const wrapped = entries.map(([name, fn]) =>
    wrapRewardFunction(fn, { name, onError: options.onError, onResult: collect(name) }),
  );

  const updateStep = (step: number, metrics?: Record<string, number>): StepReport => {
    const reports: StepReport[] = [];
    for (const segment of segments) reports.push(...monitor.ingest(toRewardsEvent(step, segment, names)));
    segments = [];
    for (const fn of wrapped) {
      const calls = fn.recorder.drain();
      if (calls.calls > 0) monitor.ingest({ type: "calls", step, fn: fn.rewardName, ...calls });
    }
    if (metrics) monitor.ingest({ type: "metrics", step, values: metrics });
    reports.push(...monitor.ingest({ type: "step_end", step }));
    const report = reports.find((r) => r.step === step);
    if (!report)
      throw new RewardscopeError("invalid_argument", `step ${step} is not after the last step`, "step");
    options.onReport?.(report);
    return report;
  };

  return {
    rewardFunctions: wrapped,
    monitor,
    updateStep,
    finalize: () => ({
      steps: monitor.steps,
      alerts: monitor.alerts(),
      alertCounts: monitor.alertCounts(),
      functions: wrapped.map((fn) => fn.stats()),
    }),
  };
}

function toRewardsEvent(step: number, segment: Segment, names: readonly string[]): RewardsEvent {
  const n = segment.completions.length;
  const rewards: Record<string, (number | null)[]> = {};
  for (const name of names) {
    const values = segment.rewards[name];
    rewards[name] = Array.from({ length: n }, (_, i) => {
      const v = values?.[i];
      return typeof v === "number" ? v : null;
    });
  }
  const completions = segment.completions.map((c) => completionText(c) ?? "");
  const event: RewardsEvent = { type: "rewards", step, rewards, completions };
  if (segment.prompts && segment.prompts.length === n) {
    const prompts = segment.prompts.map((p) => completionText(p));
    event.prompts = prompts.map((p) => p ?? "");
    event.groups = groupsFromPrompts(prompts);
  }
  return event;
}
