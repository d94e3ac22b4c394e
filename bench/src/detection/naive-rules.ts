import type { StepBatch } from "@rewardscope/core";
import type { ScoredAlert } from "./scorer.js";

/**
 * The rules common in existing training monitors and dashboards, as the baseline: a 50% drop of the moving
 * average, a 2x spike, 3-sigma outliers, and fixed thresholds (std < 0.01 for collapse, zero-std groups >= 50%,
 * truncation > 50%, any reward-function error, > 1 s a call, entropy < 0.1, KL over 2x its moving average).
 * Each rule raises once when its condition starts (medium), again after it cleared. Pathologies with no
 * common rule (trends, stagnation, memory, completion text) get none.
 */
export const NAIVE_RULES = {
  emaShort: 0.1,
  emaLong: 0.01,
  warmup: 20,
  dropRatio: 0.5,
  spikeRatio: 2,
  sigmas: 3,
  sigmaWindow: 100,
  collapseStd: 0.01,
  zeroStdFraction: 0.5,
  truncatedFraction: 0.5,
  slowMs: 1000,
  entropyFloor: 0.1,
} as const;

interface FnState {
  short: number | null;
  long: number | null;
  means: number[];
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function std(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}

function ema(previous: number | null, x: number, alpha: number): number {
  return previous === null ? x : previous + alpha * (x - previous);
}

/** Share of groups whose rewards (summed over functions) are all equal. */
function zeroStdFraction(batch: StepBatch): number | null {
  if (!batch.groups) return null;
  const totals = new Map<number, Set<number>>();
  batch.groups.forEach((g, i) => {
    if (g === null) return;
    let total = 0;
    for (const values of Object.values(batch.rewards)) total += values[i] ?? 0;
    const set = totals.get(g) ?? new Set<number>();
    set.add(Math.round(total * 1e9));
    totals.set(g, set);
  });
  if (totals.size === 0) return null;
  return [...totals.values()].filter((s) => s.size === 1).length / totals.size;
}

/** The naive rules over a run's steps, with their edge-triggering state. */
export class NaiveMonitor {
  private readonly fns = new Map<string, FnState>();
  private readonly active = new Set<string>();
  private kl: number | null = null;
  private steps = 0;

  /** Applies every rule to one step; returns the alerts of conditions that started at it. */
  analyze(batch: StepBatch): ScoredAlert[] {
    const R = NAIVE_RULES;
    const alerts: ScoredAlert[] = [];
    const judging = this.steps >= R.warmup;
    const rule = (key: string, on: boolean, type: ScoredAlert["type"], rewardFn?: string) => {
      if (on && !this.active.has(key) && judging)
        alerts.push({ step: batch.step, type, severity: "medium", ...(rewardFn ? { rewardFn } : {}) });
      if (on) this.active.add(key);
      else this.active.delete(key);
    };
    for (const [fn, raw] of Object.entries(batch.rewards)) {
      const values = raw.filter((v): v is number => v !== null && Number.isFinite(v));
      if (values.length === 0) continue;
      const m = mean(values);
      const s = (this.fns.get(fn) ?? { short: null, long: null, means: [] }) as FnState;
      this.fns.set(fn, s);
      s.short = ema(s.short, m, R.emaShort);
      s.long = ema(s.long, m, R.emaLong);
      const ratio = s.long > 0 ? s.short / s.long : 1;
      rule(`drop:${fn}`, ratio < R.dropRatio, "drop", fn);
      rule(`spike:${fn}`, ratio > R.spikeRatio, "spike", fn);
      const sd = s.means.length >= R.warmup ? std(s.means) : Number.POSITIVE_INFINITY;
      rule(`outlier:${fn}`, Math.abs(m - mean(s.means)) > R.sigmas * sd, "outlier", fn);
      s.means.push(m);
      if (s.means.length > R.sigmaWindow) s.means.shift();
      const collapsed = std(values) < R.collapseStd;
      rule(`collapse:${fn}`, collapsed, "variance_collapse", fn);
      rule(`flat:${fn}`, collapsed, "flatline", fn);
    }
    const zero = zeroStdFraction(batch);
    rule("zero_std", zero !== null && zero >= R.zeroStdFraction, "zero_std_groups");
    const flags = batch.truncated?.filter((t) => t !== null) ?? [];
    const truncated = flags.length > 0 ? flags.filter(Boolean).length / flags.length : 0;
    rule("truncation", truncated > R.truncatedFraction, "truncation");
    for (const [fn, c] of Object.entries(batch.calls)) {
      rule(`errors:${fn}`, c.errors > 0, "error_rate", fn);
      rule(`slow:${fn}`, c.calls > 0 && c.totalMs / c.calls > R.slowMs, "slow_reward_fn", fn);
    }
    const entropy = batch.metrics.entropy;
    if (entropy !== undefined) rule("entropy", entropy < R.entropyFloor, "entropy_collapse");
    const kl = batch.metrics.kl;
    if (kl !== undefined) {
      rule("kl", this.kl !== null && kl > R.spikeRatio * this.kl, "kl_spike");
      this.kl = ema(this.kl, kl, R.emaShort);
    }
    this.steps++;
    return alerts;
  }
}

/** The pathologies some naive rule is meant to catch (the others get "—" in the baseline column). */
export const NAIVE_KINDS: ReadonlySet<string> = new Set([
  "outlier",
  "drop",
  "spike",
  "flatline",
  "variance_collapse",
  "zero_std_groups",
  "truncation",
  "error_rate",
  "slow_reward_fn",
  "entropy_collapse",
  "kl_spike",
]);
