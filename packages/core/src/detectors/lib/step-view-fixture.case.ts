import type { CallStats } from "../../events/types.js";
import { unmeasuredQuality } from "../../monitor/aggregate-step.js";
import type {
  CallSummary,
  GroupStats,
  QualityMetrics,
  RewardStats,
  RunQuantiles,
  StepReport,
  Summary,
} from "../../monitor/report.js";
import { emptySummary, summarize } from "../../stats/summary.js";
import type { StepView } from "../detector.js";

/**
 * Test fixtures for step detectors: a StepView built from only the fields a test cares about, and a seeded
 * random source so that "5,000 healthy steps" are the same steps on every run.
 */

/** One reward function of a fixture step: its raw values and, optionally, the EMAs and run quantiles. */
export interface RewardSpec {
  values: (number | null)[];
  emaShort?: number;
  emaLong?: number;
  run?: Partial<RunQuantiles>;
}

/** What a test says about a step; everything left out is absent (no groups, no quality, no metrics...). */
export interface StepViewSpec {
  step: number;
  /** Per-completion total rewards, or just their mean (count defaults to 16). */
  total?: number[] | { mean: number; count?: number };
  rewards?: Record<string, RewardSpec>;
  quality?: Partial<QualityMetrics>;
  groups?: Partial<GroupStats>;
  metrics?: Record<string, number>;
  calls?: Record<string, Partial<CallStats>>;
  truncated?: (boolean | null)[];
}

const NULL_QUALITY: QualityMetrics = unmeasuredQuality(16);

function totalSummary(total: StepViewSpec["total"]): Summary {
  if (total === undefined) return emptySummary();
  if (Array.isArray(total)) return summarize(total).summary;
  return { ...emptySummary(), count: total.count ?? 16, mean: total.mean };
}

function rewardStats(spec: RewardSpec): RewardStats {
  const finite = spec.values.filter((v): v is number => v !== null && Number.isFinite(v));
  const { summary, histogram } = summarize(finite);
  const run: RunQuantiles = {
    count: summary.count,
    mean: summary.mean,
    min: summary.min,
    max: summary.max,
    p50: summary.median,
    p90: summary.p90,
    p99: summary.p99,
    ...spec.run,
  };
  return {
    batch: summary,
    window: summary,
    emaShort: spec.emaShort ?? summary.mean,
    emaLong: spec.emaLong ?? summary.mean,
    nullCount: spec.values.length - finite.length,
    nanCount: 0,
    histogram,
    run,
  };
}

function callSummary(partial: Partial<CallStats>): CallSummary {
  const stats: CallStats = { calls: 0, errors: 0, totalMs: 0, maxMs: 0, nulls: 0, ...partial };
  const per = (x: number) => (stats.calls > 0 ? x / stats.calls : Number.NaN);
  return { ...stats, errorRate: per(stats.errors), avgMs: per(stats.totalMs) };
}

function groupStats(partial: Partial<GroupStats>): GroupStats {
  return {
    groups: 8,
    meanSize: 8,
    zeroStdFraction: 0,
    meanGroupStd: 0.3,
    minGroupStd: 0.1,
    maxGroupStd: 0.5,
    perGroup: [],
    zeroStdFractionByFn: {},
    ...partial,
  };
}

/**
 * Builds a complete StepView from a few fields.
 * @example
 * const view = stepView({ step: 3, quality: { truncatedRate: 0.9 } });
 */
export function stepView(spec: StepViewSpec): StepView {
  const rewardSpecs = spec.rewards ?? {};
  const total = totalSummary(spec.total);
  const first = Object.values(rewardSpecs)[0];
  const count = Math.max(total.count, first?.values.length ?? 0, spec.truncated?.length ?? 0);
  const rewards: Record<string, RewardStats> = {};
  const values: Record<string, number[]> = {};
  const raw: Record<string, (number | null)[]> = {};
  for (const [fn, reward] of Object.entries(rewardSpecs)) {
    rewards[fn] = rewardStats(reward);
    raw[fn] = reward.values;
    values[fn] = reward.values.filter((v): v is number => v !== null && Number.isFinite(v));
  }
  const calls: Record<string, CallSummary> = {};
  const rawCalls: Record<string, CallStats> = {};
  for (const [fn, partial] of Object.entries(spec.calls ?? {})) {
    const summary = callSummary(partial);
    calls[fn] = summary;
    rawCalls[fn] = {
      calls: summary.calls,
      errors: summary.errors,
      totalMs: summary.totalMs,
      maxMs: summary.maxMs,
      nulls: summary.nulls,
    };
  }
  const metrics = spec.metrics ?? {};
  const report: Omit<StepReport, "alerts"> = {
    step: spec.step,
    count,
    rewards,
    aggregate: {
      total,
      meanOfMeans: total.mean,
      meanOfStds: total.std,
      sumOfMeans: total.mean,
      minMean: total.mean,
      maxMean: total.mean,
    },
    groups: spec.groups ? groupStats(spec.groups) : null,
    quality: spec.quality ? { ...NULL_QUALITY, ...spec.quality } : null,
    metrics,
    calls,
    flagged: [],
  };
  const batch: StepView["batch"] = { step: spec.step, rewards: raw, metrics, calls: rawCalls };
  if (spec.truncated) batch.truncated = spec.truncated;
  return { step: spec.step, batch, report, values };
}

// One seeded source for every detector fixture.
export { normalDraw as gaussian, seededRandom } from "./test-series.case.js";

/** `x` clipped to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** The steps `from` .. `to` - 1, each turned into a view by `make`. */
export function steps(from: number, to: number, make: (step: number) => StepView): StepView[] {
  const out: StepView[] = [];
  for (let step = from; step < to; step++) out.push(make(step));
  return out;
}
