import { RewardscopeError } from "../errors.js";
import type { AlertDraft, DetectorOptions, RewardDetector, RewardInput } from "./detector.js";
import { checkBaseOptions, checkInteger } from "./lib/check-options.js";
import { finiteEvidence } from "./lib/evidence.js";
import { escalate } from "./lib/severity.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "flatline";

/** Options of the flatline detector. */
export interface FlatlineOptions extends DetectorOptions {
  /** Consecutive steps stuck before the alert. Default 5. */
  minSteps: number;
  /** true (default): any constant counts (every value equal to the same number); false: only exactly 0. */
  constant: boolean;
}

/** The current run of stuck steps and what is known of the function's past. */
export interface FlatlineState {
  streak: Streak;
  /** The value every completion got at the previous step; null when they differed. */
  last: number | null;
  /** The function has produced different values (false: one value since its first step). */
  varied: boolean;
  /** Nulls, NaN or call errors were seen during the current run of stuck steps. */
  troubled: boolean;
  seen: number;
}

/** Equal within 1e-9 relative (absolute below magnitude 1): float noise is not variation. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Whether the step had nulls, NaN values or failed calls for this function. */
function troubledStep(input: RewardInput): boolean {
  const errors = input.view.report.calls[input.fn]?.errors ?? 0;
  return input.stats.nullCount > 0 || input.stats.nanCount > 0 || errors > 0;
}

/**
 * A reward function that is stuck: every value of a step equal to the same number (or exactly 0 with
 * `constant: false`) for `minSteps` consecutive steps, whether it varied before or has been stuck since its
 * first step. A step with no values neither extends nor ends the run (it does count as trouble).
 * Severity: `severity` (default high); critical when stuck at 0 while nulls, NaN or call errors are seen:
 * the function is most likely failing and its failures are read as zero reward. Raised once per run of stuck
 * steps, again if it escalates.
 * @example
 * const state = flatlineDetector.init(flatlineDetector.defaults);
 * const alerts = flatlineDetector.check(input, state, flatlineDetector.defaults);
 */
export const flatlineDetector: RewardDetector<FlatlineOptions, FlatlineState> = {
  id: ID,
  scope: "reward",
  description:
    "A reward function returning the same value (or 0) for every completion, several steps in a row.",
  defaults: { enabled: true, severity: "high", warmup: 0, minSteps: 5, constant: true },

  init(options) {
    checkBaseOptions(ID, options);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    if (typeof options.constant !== "boolean")
      throw new RewardscopeError(
        "invalid_config",
        `must be a boolean, got ${String(options.constant)}`,
        `detectors.${ID}.constant`,
      );
    return { streak: createStreak(), last: null, varied: false, troubled: false, seen: 0 };
  },

  check(input, state, options) {
    const { batch } = input.stats;
    if (batch.count === 0) {
      if (state.streak.count > 0) state.troubled = true;
      return [];
    }
    state.seen++;
    const constant = same(batch.min, batch.max);
    const repeats = constant && state.last !== null && same(batch.min, state.last);
    if (state.seen > 1 && !repeats) state.varied = true;
    state.last = constant ? batch.min : null;
    const eligible = constant && (options.constant || same(batch.min, 0));
    // A different constant starts a new run: end the old one first.
    if (!repeats) advanceStreak(state.streak, false, input.step);
    advanceStreak(state.streak, eligible, input.step);
    state.troubled = (state.streak.count > 1 && state.troubled) || troubledStep(input);
    if (state.streak.count < options.minSteps || state.seen <= options.warmup) return [];
    const severity = escalate(options.severity, same(batch.min, 0) && state.troubled ? 3 : 0);
    if (!shouldRaise(state.streak, severity)) return [];
    return [alert(input, state, options, severity, batch.min)];
  },
};

function alert(
  input: RewardInput,
  state: FlatlineState,
  options: FlatlineOptions,
  severity: AlertDraft["severity"],
  value: number,
): AlertDraft {
  const onset = state.streak.onset ?? input.step;
  const since = state.varied ? `since step ${onset}` : "since its first step";
  const failing = state.troubled ? " while some calls fail or return null" : "";
  return {
    type: "flatline",
    severity,
    message: `Reward '${input.fn}' is stuck at ${value} for every completion, ${state.streak.count} steps ${since}${failing}`,
    value: state.streak.count,
    threshold: options.minSteps,
    window: state.streak.count,
    action: state.troubled
      ? "The reward function is probably failing: check its errors and logs, and call it on a known-good completion."
      : "Call the reward function on known-good and known-bad completions: it gives no learning signal as it is.",
    evidence: finiteEvidence({
      ...{
        value,
        steps: state.streak.count,
        onset,
        varied: state.varied ? 1 : 0,
        troubled: state.troubled ? 1 : 0,
      },
      ...{ nullCount: input.stats.nullCount, nanCount: input.stats.nanCount, count: input.stats.batch.count },
    }),
  };
}
