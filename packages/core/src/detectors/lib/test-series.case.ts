import type { Histogram, RewardStats, RunQuantiles, Summary } from "../../monitor/report.js";
import type { AlertDraft, DetectorOptions, RewardDetector, RewardInput, StepView } from "../detector.js";

/**
 * Test fixtures for reward detectors: a seeded random source, synthetic reward series (healthy and
 * pathological), RewardInput built from raw values with every statistic computed naively here (so the
 * detectors' tests do not depend on stats/), and a runner that can round-trip the state through JSON.
 */

/**
 * A seeded uniform random source in [0, 1) (mulberry32): the same seed gives the same series.
 * @example
 * const rand = seededRandom(1);
 * rand(); // always the same first number for seed 1
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from a uniform source (Box-Muller). */
export function normalDraw(rand: () => number): number {
  let u = rand();
  while (u === 0) u = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** The shape of a synthetic healthy run. */
export interface HealthyOptions {
  steps: number;
  /** Values per step. Default 64. */
  batch?: number;
  seed?: number;
  /** "normal": level + N(0, sd); "bernoulli": 0/1 with p = level; "penalty": -|N(0, sd)| on half the completions, else 0. */
  kind?: "normal" | "bernoulli" | "penalty";
  /** Level at step 0 and after the rise. Default 0.2 -> 0.8. */
  start?: number;
  end?: number;
  /** The level rises smoothly (1 - e^(-3t/rise)) over about this many steps. Default steps / 3. */
  rise?: number;
  /** Noise sd of one value ("normal", "penalty"). Default 0.3. */
  sd?: number;
}

/** The level of a healthy run at `step`: a smooth learning curve from `start` to `end`. */
export function healthyLevel(step: number, options: HealthyOptions): number {
  const { start = 0.2, end = 0.8, rise = options.steps / 3 } = options;
  return start + (end - start) * (1 - Math.exp((-3 * step) / rise));
}

/**
 * The values of every step of a healthy run: seeded noise around a slowly rising level.
 * @example
 * const steps = healthyRun({ steps: 5000, seed: 7 }); // 5,000 arrays of 64 values
 */
export function healthyRun(options: HealthyOptions): number[][] {
  const { batch = 64, seed = 1, kind = "normal", sd = 0.3 } = options;
  const rand = seededRandom(seed);
  const out: number[][] = [];
  for (let step = 0; step < options.steps; step++) {
    const level = healthyLevel(step, options);
    const values: number[] = [];
    for (let i = 0; i < batch; i++) {
      if (kind === "bernoulli") values.push(rand() < level ? 1 : 0);
      else if (kind === "penalty") values.push(rand() < 0.5 ? -Math.abs(sd * normalDraw(rand)) : 0);
      else values.push(level + sd * normalDraw(rand));
    }
    out.push(values);
  }
  return out;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** A naive Summary of finite values (population std, linear quantiles, 10-bin entropy). */
export function naiveSummary(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) {
    const nan = Number.NaN;
    return {
      ...{ count: 0, mean: nan, std: nan, min: nan, max: nan, median: nan, p25: nan, p75: nan, p90: nan },
      ...{ p99: nan, zeroFrac: nan, negativeFrac: nan, positiveFrac: nan, snr: nan, entropy: nan },
    };
  }
  const sorted = values.slice().sort((a, b) => a - b);
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const std = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
  const counts = naiveHistogram(sorted, 10).counts;
  const entropy = -counts.reduce((s, c) => (c === 0 ? s : s + (c / n) * Math.log2(c / n)), 0);
  return {
    count: n,
    mean,
    std,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    zeroFrac: values.filter((x) => x === 0).length / n,
    negativeFrac: values.filter((x) => x < 0).length / n,
    positiveFrac: values.filter((x) => x > 0).length / n,
    snr: std === 0 ? Number.NaN : mean / std,
    entropy: Math.abs(entropy),
  };
}

function naiveHistogram(sorted: readonly number[], bins: number): Histogram {
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  const counts = new Array<number>(bins).fill(0);
  for (const x of sorted) {
    const i = max === min ? 0 : Math.min(bins - 1, Math.floor(((x - min) / (max - min)) * bins));
    counts[i]! += 1;
  }
  return { min, max, counts };
}

/**
 * RewardInput for every step of one function, from its raw values (null and NaN count as missing), with
 * the statistics the Monitor would give: batch and rolling-window (1,000 values) summaries, EMAs of the step
 * means (0.1, 0.01), run min/max/mean (run quantiles are those of the window: close enough for tests).
 * @example
 * const inputs = rewardInputs("accuracy", healthyRun({ steps: 100 }));
 */
export function rewardInputs(
  fn: string,
  steps: readonly (readonly (number | null)[])[],
  firstStep = 0,
): RewardInput[] {
  const window: number[] = [];
  let emaShort = Number.NaN;
  let emaLong = Number.NaN;
  const run = { count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
  return steps.map((raw, i) => {
    const values = raw.filter((x): x is number => x !== null && Number.isFinite(x));
    const batch = naiveSummary(values);
    window.push(...values);
    if (window.length > 1000) window.splice(0, window.length - 1000);
    if (batch.count > 0) {
      emaShort = Number.isNaN(emaShort) ? batch.mean : emaShort + 0.1 * (batch.mean - emaShort);
      emaLong = Number.isNaN(emaLong) ? batch.mean : emaLong + 0.01 * (batch.mean - emaLong);
      run.count += values.length;
      run.sum += values.reduce((s, x) => s + x, 0);
      run.min = Math.min(run.min, batch.min);
      run.max = Math.max(run.max, batch.max);
    }
    const windowSummary = naiveSummary(window);
    const runQuantiles: RunQuantiles = {
      ...{ count: run.count, mean: run.count ? run.sum / run.count : Number.NaN, min: run.min, max: run.max },
      ...{ p50: windowSummary.median, p90: windowSummary.p90, p99: windowSummary.p99 },
    };
    const stats: RewardStats = {
      batch,
      window: windowSummary,
      emaShort,
      emaLong,
      nullCount: raw.filter((x) => x === null).length,
      nanCount: raw.filter((x) => x !== null && !Number.isFinite(x)).length,
      histogram: naiveHistogram(
        values.slice().sort((a, b) => a - b),
        10,
      ),
      run: runQuantiles,
    };
    const step = firstStep + i;
    return { step, fn, values, stats, view: stepView(step, fn, raw, values, stats) };
  });
}

function stepView(
  step: number,
  fn: string,
  raw: readonly (number | null)[],
  values: number[],
  stats: RewardStats,
): StepView {
  const mean = stats.batch.mean;
  return {
    step,
    batch: { step, rewards: { [fn]: raw.slice() }, metrics: {}, calls: {} },
    report: {
      step,
      count: raw.length,
      rewards: { [fn]: stats },
      aggregate: {
        total: stats.batch,
        meanOfMeans: mean,
        meanOfStds: stats.batch.std,
        sumOfMeans: mean,
        minMean: mean,
        maxMean: mean,
      },
      groups: null,
      quality: null,
      metrics: {},
      calls: {},
      flagged: [],
    },
    values: { [fn]: values },
  };
}

/** An alert draft with the step it was raised at. */
export type RaisedAlert = AlertDraft & { step: number };

/**
 * Runs a reward detector over `inputs` from a fresh state. With `roundTripAt`, the state goes through
 * JSON.stringify/parse before that input, as when the Monitor saves and restores it mid-run.
 * @example
 * const { alerts } = runDetector(outlierDetector, outlierDetector.defaults, inputs, { roundTripAt: 2500 });
 */
export function runDetector<O extends DetectorOptions, S>(
  detector: RewardDetector<O, S>,
  options: O,
  inputs: readonly RewardInput[],
  run: { roundTripAt?: number } = {},
): { alerts: RaisedAlert[]; state: S } {
  let state = detector.init(options);
  const alerts: RaisedAlert[] = [];
  inputs.forEach((input, i) => {
    if (i === run.roundTripAt) state = JSON.parse(JSON.stringify(state)) as S;
    for (const draft of detector.check(input, state, options)) alerts.push({ ...draft, step: input.step });
  });
  return { alerts, state };
}

/** Paths in `value` that are not plain JSON data (NaN, Infinity, Map, Set, typed arrays, functions...). */
export function nonJsonPaths(value: unknown, path = "state"): string[] {
  if (value === null || typeof value === "boolean" || typeof value === "string") return [];
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => nonJsonPaths(item, `${path}[${i}]`));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([key, item]) => nonJsonPaths(item, `${path}.${key}`));
  return [path];
}

/** What is missing from an alert draft that every reward detector must fill in. */
export function alertProblems(alert: AlertDraft): string[] {
  const problems: string[] = [];
  if (alert.message.length === 0) problems.push("message");
  if (alert.action.length === 0 || alert.action.includes("\n")) problems.push("action");
  if (!Number.isFinite(alert.value)) problems.push("value");
  if (!Number.isFinite(alert.threshold)) problems.push("threshold");
  if (alert.window === undefined || !Number.isFinite(alert.window) || alert.window < 1)
    problems.push("window");
  if (alert.evidence === undefined || Object.keys(alert.evidence).length === 0) problems.push("evidence");
  else
    for (const [key, x] of Object.entries(alert.evidence))
      if (!Number.isFinite(x)) problems.push(`evidence.${key}`);
  return problems;
}
