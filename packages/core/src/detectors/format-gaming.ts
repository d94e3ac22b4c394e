import type { RewardStats } from "../monitor/report.js";
import type { DetectorOptions, StepDetector, StepView } from "./detector.js";
import { checkBaseOptions, checkInteger, checkPatterns, checkRange } from "./lib/check-options.js";
import { finiteEvidence, finiteOrNull, percent } from "./lib/evidence.js";
import { advanceStreak, createStreak, type Streak, shouldRaise } from "./lib/streak.js";

const ID = "format_gaming";

/** Options of the format-gaming detector. */
export interface FormatGamingOptions extends DetectorOptions {
  /** A step counts when this fraction of completions has the format but no real content. Default 0.2. */
  rate: number;
  /** Format reward functions: names matching any of these case-insensitive regular expressions. Default ["format", "tag", "xml", "strict", "soft"]. */
  formatFunctions: string[];
  /** Accuracy reward functions (format functions excluded). Default ["acc", "correct", "answer", "math", "exact", "match"]. */
  accuracyFunctions: string[];
  /** "High" for a format function: its short EMA has come this far from its run minimum to its run p90. Default 0.9. */
  formatHigh: number;
  /** A step counts when an accuracy function's short EMA is this fraction below its long EMA. Default 0.2. */
  accuracyDrop: number;
  /** Consecutive counting steps before the alert. Default 3. */
  minSteps: number;
}

/** Steps with input seen, and the current run of counting steps. */
export interface FormatGamingState {
  seen: number;
  streak: Streak;
}

interface Divergence {
  format: string;
  formatEma: number;
  formatP90: number;
  accuracy: string;
  short: number;
  long: number;
  drop: number;
}

const matcher = (patterns: string[]) => {
  const regexes = patterns.map((p) => new RegExp(p, "i"));
  return (fn: string) => regexes.some((r) => r.test(fn));
};

/** How far a function's short EMA has come from its run minimum towards its run p90 (1 = at the p90). */
function height(s: RewardStats): number | null {
  const span = s.run.p90 - s.run.min;
  return span > 0 ? (s.emaShort - s.run.min) / span : null;
}

/** Relative fall of the short EMA under the long one; near a long EMA of 0, relative to a tenth of the range. */
function drop(s: RewardStats): number | null {
  const scale = Math.max(Math.abs(s.emaLong), 0.1 * (s.run.max - s.run.min));
  const d = (s.emaLong - s.emaShort) / scale;
  return scale > 0 && Number.isFinite(d) ? d : null;
}

/** The format function highest in its range, and the accuracy function that fell most. */
function divergence(view: StepView, o: FormatGamingOptions): Divergence | null | undefined {
  const isFormat = matcher(o.formatFunctions);
  const isAccuracy = matcher(o.accuracyFunctions);
  let format: [string, RewardStats, number] | null = null;
  let accuracy: [string, RewardStats, number] | null = null;
  for (const [fn, s] of Object.entries(view.report.rewards)) {
    const h = isFormat(fn) ? height(s) : null;
    const d = !isFormat(fn) && isAccuracy(fn) ? drop(s) : null;
    if (h !== null && (format === null || h > format[2])) format = [fn, s, h];
    if (d !== null && (accuracy === null || d > accuracy[2])) accuracy = [fn, s, d];
  }
  // undefined: this run has no format/accuracy pair to compare; null: it has, and they do not diverge.
  if (format === null || accuracy === null) return undefined;
  if (format[2] < o.formatHigh || accuracy[2] <= o.accuracyDrop) return null;
  const [f, fs] = format;
  const [a, as, d] = accuracy;
  return {
    format: f,
    formatEma: fs.emaShort,
    formatP90: fs.run.p90,
    accuracy: a,
    short: as.emaShort,
    long: as.emaLong,
    drop: d,
  };
}

/**
 * The policy learned the tags, not the answer. Counts a step when quality.formatGamingRate >= `rate`, or when
 * a format reward function stays high (short EMA near its run p90) while an accuracy function falls (short
 * EMA more than `accuracyDrop` below its long EMA); fires after `minSteps` such steps. High when both hold.
 * Functions are told apart by name (`formatFunctions`, `accuracyFunctions`).
 * @example
 * const state = formatGamingDetector.init(formatGamingDetector.defaults);
 * const alerts = formatGamingDetector.check(view, state, formatGamingDetector.defaults);
 */
export const formatGamingDetector: StepDetector<FormatGamingOptions, FormatGamingState> = {
  id: ID,
  scope: "step",
  description:
    "Format rewarded without substance: empty tagged answers, or format reward high while accuracy falls.",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 20,
    rate: 0.2,
    formatFunctions: ["format", "tag", "xml", "strict", "soft"],
    accuracyFunctions: ["acc", "correct", "answer", "math", "exact", "match"],
    formatHigh: 0.9,
    accuracyDrop: 0.2,
    minSteps: 3,
  },

  init(options) {
    checkBaseOptions(ID, options);
    checkRange(ID, "rate", options.rate, 0, 1);
    checkPatterns(ID, "formatFunctions", options.formatFunctions);
    checkPatterns(ID, "accuracyFunctions", options.accuracyFunctions);
    checkRange(ID, "formatHigh", options.formatHigh, 0, 1);
    checkRange(ID, "accuracyDrop", options.accuracyDrop, 0, 1);
    checkInteger(ID, "minSteps", options.minSteps, 1);
    return { seen: 0, streak: createStreak() };
  },

  check(view, state, options) {
    const rate = finiteOrNull(view.report.quality?.formatGamingRate);
    const pair = divergence(view, options);
    if (rate === null && pair === undefined) return [];
    const byRate = rate !== null && rate >= options.rate;
    state.seen++;
    advanceStreak(state.streak, byRate || (pair !== null && pair !== undefined), view.step);
    if (state.seen <= options.warmup || state.streak.count < options.minSteps) return [];
    const severity = pair && byRate ? "high" : options.severity;
    if (!shouldRaise(state.streak, severity)) return [];
    const parts: string[] = [];
    if (pair)
      parts.push(
        `'${pair.format}' stays high (${pair.formatEma.toFixed(2)}, run p90 ${pair.formatP90.toFixed(2)}) while '${pair.accuracy}' fell ${percent(pair.drop)} (short EMA ${pair.short.toFixed(3)} vs long ${pair.long.toFixed(3)})`,
      );
    if (byRate) parts.push(`${percent(rate)} of completions have the format without real content`);
    return [
      {
        type: "format_gaming",
        severity,
        ...(pair ? { rewardFn: pair.format } : { metric: "quality.formatGamingRate" }),
        message: `Format gaming: ${parts.join("; ")} (${state.streak.count} steps in a row)`,
        value: pair ? pair.drop : (rate ?? 0),
        threshold: pair ? options.accuracyDrop : options.rate,
        window: state.streak.count,
        action:
          "Read high-format, low-accuracy completions; make the format reward require content or gate it on correctness.",
        evidence: finiteEvidence({
          formatGamingRate: rate,
          formatEma: pair?.formatEma,
          formatP90: pair?.formatP90,
          accuracyEmaShort: pair?.short,
          accuracyEmaLong: pair?.long,
          accuracyDrop: pair?.drop,
          steps: state.streak.count,
        }),
      },
    ];
  },
};
