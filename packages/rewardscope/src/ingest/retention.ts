import type { AnalysedStep } from "@rewardscope/core";
import type { CompletionRecord } from "../store/store.js";

export interface RetentionOptions {
  /** Completions kept per step besides the flagged, best and worst ones (an evenly spaced sample). Default 32. */
  completionsPerStep: number;
  /** The best and the worst this many by total reward are always kept. Default 4. */
  extremes: number;
}

export const DEFAULT_RETENTION: RetentionOptions = { completionsPerStep: 32, extremes: 4 };

/**
 * The completions of a step worth keeping: every flagged one, the best and worst by total reward, and an evenly
 * spaced sample up to `completionsPerStep`, each with its reward breakdown.
 * @example
 * const kept = selectCompletions(analysed, DEFAULT_RETENTION);
 */
export function selectCompletions(
  { batch, report }: AnalysedStep,
  options: RetentionOptions,
): CompletionRecord[] {
  const completions = batch.completions;
  if (!completions || completions.length === 0) return [];
  const n = completions.length;
  const fns = Object.keys(batch.rewards);
  const totals = Array.from({ length: n }, (_, i) => total(batch.rewards, fns, i));
  const flags = new Map<number, string[]>(report.flagged.map((f) => [f.index, f.flags]));
  const keep = new Set<number>(flags.keys());
  const ranked = totals
    .map((value, index) => ({ value, index }))
    .filter((t): t is { value: number; index: number } => t.value !== null)
    .sort((a, b) => a.value - b.value);
  for (const t of [...ranked.slice(0, options.extremes), ...ranked.slice(-options.extremes)])
    keep.add(t.index);
  // All of a step that has no more than completionsPerStep, else an evenly spaced sample of that many.
  const sampled = Math.min(n, options.completionsPerStep);
  const stride = n / Math.max(1, sampled);
  for (let k = 0; k < sampled; k++) keep.add(Math.floor(k * stride));
  return [...keep]
    .filter((i) => typeof completions[i] === "string")
    .sort((a, b) => a - b)
    .map((i) => ({
      step: batch.step,
      index: i,
      prompt: batch.prompts?.[i] ?? null,
      completion: completions[i] as string,
      rewards: Object.fromEntries(fns.map((fn) => [fn, finiteOrNull(batch.rewards[fn]?.[i])])),
      total: totals[i] ?? null,
      group: batch.groups?.[i] ?? null,
      length: batch.lengths?.[i] ?? null,
      truncated: batch.truncated?.[i] ?? null,
      advantage: batch.advantages?.[i] ?? null,
      flags: flags.get(i) ?? [],
    }));
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The total reward of completion i: the sum of its finite values, null when it has none. */
function total(rewards: Record<string, (number | null)[]>, fns: string[], i: number): number | null {
  let sum = 0;
  let seen = false;
  for (const fn of fns) {
    const v = finiteOrNull(rewards[fn]?.[i]);
    if (v !== null) {
      sum += v;
      seen = true;
    }
  }
  return seen ? sum : null;
}
