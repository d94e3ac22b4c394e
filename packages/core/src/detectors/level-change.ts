import { RewardscopeError } from "../errors.js";
import type { AlertDraft, DetectorOptions, RewardDetector, RewardInput } from "./detector.js";
import { checkAbove, checkBaseOptions, checkRange } from "./lib/check-options.js";
import { finiteEvidence, percent } from "./lib/evidence.js";
import { escalate } from "./lib/severity.js";

const ID = "level_change";

/** Options of the level-change detector (alert types "drop" and "spike"). */
export interface LevelChangeOptions extends DetectorOptions {
  /** "cusum" (default): two-sided CUSUM against a trend-following baseline. "naive": the short/long moving-average ratio rule. */
  method: "cusum" | "naive";
  /** CUSUM slack in noise sds: shifts below it are absorbed. Default 0.5 (tuned to detect ~1 sd shifts). */
  k: number;
  /**
   * CUSUM decision interval in noise sds. Default 10, measured by `npm run bench:detection` (bench/src/detection):
   * of lasting drops of 1.5-4 logits in generated runs, h 8 caught 95%, h 10 80%, h 12 75% (median 2-3 steps);
   * but on the core simulator's healthy 5,000-step runs (seeds 11 and 12) h 8 raised 0.3 spike alarms per 1,000
   * steps, h 10 0.1 and h 12 none. A 3 sd shift is found in ~4 steps, 2 sd in ~7.
   */
  h: number;
  /**
   * The decision interval of the downward sum: a lasting drop costs a run more than a spike, so it is called
   * sooner. Default 8, measured by `npm run bench:detection`: drop recall 0.95 against 0.80 at 10, with no more
   * than 0.13 drop alarms per 1,000 healthy steps (the spikes that h 8 would add stay behind `h`).
   */
  dropH: number;
  /**
   * Standardised residuals are clipped to +-clip before they enter the sums (a robust, "Huberised" CUSUM): one
   * heavy-tailed step cannot raise an alarm alone, a real shift still does within a few steps. Default 4.
   */
  clip: number;
  /**
   * Damping of the baseline trend per step (1 = Holt's undamped trend). Default 0.95: at the knee of a learning
   * curve an undamped trend overshoots the plateau and reads the flattening as a drop.
   */
  damping: number;
  /** Gain of the baseline level (Holt's linear smoothing). Default 0.1. */
  alpha: number;
  /** Gain of the baseline trend, relative to `alpha`. Default 0.1. */
  beta: number;
  /** EWMA gain of the noise sd estimate (from step-to-step differences). Default 0.02. */
  scaleAlpha: number;
  /** A change smaller than this fraction of the baseline level is not worth an alert (it re-baselines silently). Default 0.02. */
  minChange: number;
  /**
   * A change smaller than this many within-step stds of the values is not worth an alert. Default 0.2: on a
   * zero-inflated penalty, step means wander by tiny amounts that are large against their own history.
   */
  minEffect: number;
  /** naive: drop when EMA short < dropRatio x EMA long. Default 0.5. */
  dropRatio: number;
  /** naive: spike when EMA short > spikeRatio x EMA long. Default 2. */
  spikeRatio: number;
}

/** Baseline, noise scale and the two CUSUM sums. Plain JSON data. */
export interface LevelChangeState {
  /** Steps since the baseline was (re)started; judging begins after `warmup` of them. */
  quiet: number;
  level: number | null;
  trend: number;
  /** Least-squares sums of the step means since the (re)start (x = steps since it), for the first line. */
  fit: { n: number; sx: number; sy: number; sxy: number; sxx: number };
  /** EWMA of |step mean - previous step mean| (clipped at 4x itself once settled). */
  absDiff: number | null;
  previous: number | null;
  diffs: number;
  up: number;
  down: number;
  /** Step where each sum last left 0, and the baseline then. */
  upOnset: number | null;
  downOnset: number | null;
  upBase: number;
  downBase: number;
  /** naive: the side currently alerted (1 spike, -1 drop, 0 none). */
  naiveSide: number;
  /** EWMA of the within-step std of the values: the sampling noise floor and the yardstick of a worthwhile change. */
  spread: number | null;
}

/** E|X - Y| = 2 sd / sqrt(pi) for two independent normal draws: sd = sqrt(pi) / 2 x mean |difference|. */
const ABS_DIFF_TO_SD = Math.sqrt(Math.PI) / 2;

function initialState(): LevelChangeState {
  return {
    ...{ quiet: 0, level: null, trend: 0, fit: { n: 0, sx: 0, sy: 0, sxy: 0, sxx: 0 } },
    ...{ absDiff: null, previous: null, diffs: 0 },
    ...{ up: 0, down: 0, upOnset: null, downOnset: null, upBase: 0, downBase: 0, naiveSide: 0, spread: null },
  };
}

/** The robust running estimate of the noise of the step mean, from step-to-step differences (slow drift barely moves them). */
function updateScale(state: LevelChangeState, mean: number, options: LevelChangeOptions): void {
  if (state.previous !== null) {
    const diff = Math.abs(mean - state.previous);
    state.diffs++;
    // Clip (so a level change barely inflates the noise) only once the estimate has settled and is not 0.
    const settled = state.absDiff !== null && state.absDiff > 0 && state.diffs > 10;
    const clipped = settled ? Math.min(diff, 4 * state.absDiff!) : diff;
    const gain = Math.max(options.scaleAlpha, 1 / state.diffs);
    state.absDiff = state.absDiff === null ? diff : state.absDiff + gain * (clipped - state.absDiff);
  }
  state.previous = mean;
}

/**
 * Restarts the baseline at `mean` with no trend, and the noise estimate from scratch (at the start and after
 * an alarm: a reward whose level jumped x5 often has x5 the noise too).
 */
function rebaseline(state: LevelChangeState, mean: number): void {
  Object.assign(state, { quiet: 0, level: mean, trend: 0, up: 0, down: 0, upOnset: null, downOnset: null });
  Object.assign(state, { absDiff: null, diffs: 0 });
  state.fit = { n: 1, sx: 0, sy: mean, sxy: 0, sxx: 0 };
}

/**
 * During the warm-up the baseline is the least-squares line through the step means since the (re)start:
 * a run whose reward climbs from its first step starts with the right slope instead of a lagging level.
 */
function fitLine(state: LevelChangeState, mean: number): void {
  const x = state.quiet;
  const f = state.fit;
  Object.assign(f, { n: f.n + 1, sx: f.sx + x, sy: f.sy + mean, sxy: f.sxy + x * mean, sxx: f.sxx + x * x });
  const slope = (f.n * f.sxy - f.sx * f.sy) / (f.n * f.sxx - f.sx * f.sx);
  state.trend = slope;
  state.level = (f.sy - slope * f.sx) / f.n + slope * x;
}

/**
 * A sudden, lasting change of a function's step mean: "drop" or "spike".
 *
 * cusum (default): the baseline is Holt's linear smoothing of the step means (level + trend, gains `alpha` and
 * alpha x `beta`; the first `warmup` steps after a (re)start fit a least-squares line instead) so that a learning
 * curve rising smoothly over hundreds of steps is followed, not flagged. Residuals are standardised by a robust noise sd (from |step-to-step differences|) and fed to a two-sided
 * CUSUM with slack `k` and decision interval `h`. After an alarm both sums reset and the baseline restarts from
 * the new level (re-arm). Evidence holds the onset: the step where the alarming sum last left 0.
 * Severity: `severity` (default medium), +1 when the change is >= 25% of the baseline, +1 more for a drop >= 75%.
 *
 * naive: drop when emaShort < dropRatio x emaLong, spike when > spikeRatio x emaLong (only for a positive
 * emaLong); once per crossing. Common, scale-dependent, blind to slow or small changes: available, not default.
 * @example
 * const state = levelChangeDetector.init(levelChangeDetector.defaults);
 * const alerts = levelChangeDetector.check(input, state, levelChangeDetector.defaults);
 */
export const levelChangeDetector: RewardDetector<LevelChangeOptions, LevelChangeState> = {
  id: ID,
  scope: "reward",
  description:
    "A sudden lasting drop or spike of a function's step mean (CUSUM against a trend-following baseline).",
  defaults: {
    enabled: true,
    severity: "medium",
    warmup: 20,
    method: "cusum",
    k: 0.5,
    h: 10,
    dropH: 8,
    clip: 4,
    damping: 0.95,
    alpha: 0.1,
    beta: 0.1,
    scaleAlpha: 0.02,
    minChange: 0.02,
    minEffect: 0.2,
    dropRatio: 0.5,
    spikeRatio: 2,
  },

  init(options) {
    checkBaseOptions(ID, options);
    if (options.method !== "cusum" && options.method !== "naive")
      throw new RewardscopeError(
        "invalid_config",
        `must be "cusum" or "naive", got ${String(options.method)}`,
        `detectors.${ID}.method`,
      );
    checkRange(ID, "k", options.k, 0);
    checkAbove(ID, "h", options.h, 0);
    checkAbove(ID, "dropH", options.dropH, 0);
    checkAbove(ID, "clip", options.clip, 0);
    checkRange(ID, "damping", options.damping, 0, 1);
    for (const name of ["alpha", "beta", "scaleAlpha"] as const) checkRange(ID, name, options[name], 1e-6, 1);
    checkRange(ID, "minChange", options.minChange, 0);
    checkRange(ID, "minEffect", options.minEffect, 0);
    checkRange(ID, "dropRatio", options.dropRatio, 0, 1);
    checkAbove(ID, "spikeRatio", options.spikeRatio, 1);
    return initialState();
  },

  check(input, state, options) {
    const mean = input.stats.batch.mean;
    if (input.stats.batch.count === 0 || !Number.isFinite(mean)) return [];
    return options.method === "naive"
      ? checkNaive(input, state, options)
      : checkCusum(input, mean, state, options);
  },
};

function checkCusum(
  input: RewardInput,
  mean: number,
  state: LevelChangeState,
  options: LevelChangeOptions,
): AlertDraft[] {
  const { std, count } = input.stats.batch;
  if (Number.isFinite(std))
    state.spread = state.spread === null ? std : state.spread + 0.05 * (std - state.spread);
  if (state.level === null) {
    rebaseline(state, mean);
    updateScale(state, mean, options);
    return [];
  }
  state.quiet++;
  if (state.quiet <= options.warmup) {
    fitLine(state, mean);
    updateScale(state, mean, options);
    return [];
  }
  const trend = options.damping * state.trend;
  const predicted = state.level + trend;
  const residual = mean - predicted;
  state.level = predicted + options.alpha * residual;
  state.trend = trend + options.alpha * options.beta * residual;

  // The noise before this step: a jump must not widen the yardstick it is measured with.
  // Floored by the sampling noise of a mean of `count` values: a series that barely moved for a while must not
  // turn ordinary sampling noise into a large z.
  const samplingSd = (state.spread ?? 0) / Math.sqrt(Math.max(1, count));
  const sd = Math.max(
    (state.absDiff ?? 0) * ABS_DIFF_TO_SD,
    samplingSd,
    1e-9 * Math.max(1, Math.abs(predicted)),
  );
  updateScale(state, mean, options);
  const z = Math.max(-options.clip, Math.min(options.clip, residual / sd));
  if (state.up === 0 && z > options.k) [state.upOnset, state.upBase] = [input.step, predicted];
  if (state.down === 0 && -z > options.k) [state.downOnset, state.downBase] = [input.step, predicted];
  state.up = Math.max(0, state.up + z - options.k);
  state.down = Math.max(0, state.down - z - options.k);
  if (state.up <= options.h && state.down <= options.dropH) return [];

  const spike = state.up > options.h;
  const base = spike ? state.upBase : state.downBase;
  const onset = (spike ? state.upOnset : state.downOnset) ?? input.step;
  const cusum = spike ? state.up : state.down;
  rebaseline(state, mean);
  // Relative to the level, or to the spread of the values when the level is near 0 (a penalty mostly at 0).
  const change = (mean - base) / Math.max(Math.abs(base), state.spread ?? 0, 1e-12);
  if (Math.abs(change) < options.minChange) return [];
  if (Math.abs(mean - base) < options.minEffect * (state.spread ?? 0)) return [];
  const levels = (Math.abs(change) >= 0.25 ? 1 : 0) + (!spike && change <= -0.75 ? 1 : 0);
  return [
    {
      type: spike ? "spike" : "drop",
      severity: escalate(options.severity, levels),
      message:
        `Reward '${input.fn}' ${spike ? "jumped" : "dropped"}: step mean ${mean.toPrecision(4)} vs baseline ` +
        `${base.toPrecision(4)} (${change > 0 ? "+" : ""}${percent(change)}) since step ${onset}`,
      value: cusum,
      threshold: spike ? options.h : options.dropH,
      window: input.step - onset + 1,
      action: spike
        ? "Check for reward hacking or a reward-function change: read completions from before and after the onset."
        : "Check the reward function and the data around the onset: a broken function, a data shift or a policy collapse.",
      evidence: finiteEvidence({
        mean,
        baseline: base,
        change,
        onset,
        cusum,
        sd,
        z,
        k: options.k,
        spread: state.spread,
      }),
    },
  ];
}

function checkNaive(input: RewardInput, state: LevelChangeState, options: LevelChangeOptions): AlertDraft[] {
  const { emaShort, emaLong } = input.stats;
  state.quiet++;
  if (state.quiet <= options.warmup || !Number.isFinite(emaShort) || !(emaLong > 0)) return [];
  const ratio = emaShort / emaLong;
  const side = ratio < options.dropRatio ? -1 : ratio > options.spikeRatio ? 1 : 0;
  const crossed = side !== 0 && side !== state.naiveSide;
  state.naiveSide = side;
  if (!crossed) return [];
  const spike = side > 0;
  return [
    {
      type: spike ? "spike" : "drop",
      severity: options.severity,
      message: `Reward '${input.fn}' short EMA ${emaShort.toPrecision(4)} is ${ratio.toFixed(2)}x its long EMA ${emaLong.toPrecision(4)}`,
      value: ratio,
      threshold: spike ? options.spikeRatio : options.dropRatio,
      window: state.quiet,
      action: spike
        ? "Check for reward hacking or a reward-function change around this step."
        : "Check the reward function and the data around this step.",
      evidence: finiteEvidence({ emaShort, emaLong, ratio }),
    },
  ];
}
