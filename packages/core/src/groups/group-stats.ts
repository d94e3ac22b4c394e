import { RewardscopeError } from "../errors.js";
import type { AdvantageSummary, GroupStats, GroupSummary } from "../monitor/report.js";

/** What groupStats reads: per completion, its group id (null: none), total reward and rewards. */
export interface GroupStatsInput {
  groups: ArrayLike<number | null>;
  totals: ArrayLike<number>;
  rewards: Record<string, ArrayLike<number | null>>;
  advantages?: ArrayLike<number | null>;
}

/** A range this small relative to the mean is "all equal": float noise must not count as signal. */
const ZERO_STD_REL = 1e-9;

/** Per group accumulators over the finite values of one series, indexed by dense group index. */
interface GroupAcc {
  count: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

function accumulate(slot: Int32Array, k: number, values: ArrayLike<number | null>): GroupAcc {
  const acc: GroupAcc = {
    count: new Float64Array(k),
    sum: new Float64Array(k),
    min: new Float64Array(k).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(k).fill(Number.NEGATIVE_INFINITY),
  };
  for (let i = 0; i < slot.length; i++) {
    const g = slot[i] as number;
    const v = values[i];
    if (g < 0 || typeof v !== "number" || v - v !== 0) continue;
    acc.count[g] = (acc.count[g] as number) + 1;
    acc.sum[g] = (acc.sum[g] as number) + v;
    if (v < (acc.min[g] as number)) acc.min[g] = v;
    if (v > (acc.max[g] as number)) acc.max[g] = v;
  }
  return acc;
}

/** Fraction of groups with >= 2 finite values whose values are all equal; NaN when no group qualifies. */
function zeroStdFraction(acc: GroupAcc): number {
  let eligible = 0;
  let zero = 0;
  for (let g = 0; g < acc.count.length; g++) {
    const c = acc.count[g] as number;
    if (c < 2) continue;
    eligible++;
    const mean = (acc.sum[g] as number) / c;
    if ((acc.max[g] as number) - (acc.min[g] as number) <= ZERO_STD_REL * Math.max(1, Math.abs(mean))) zero++;
  }
  return eligible === 0 ? Number.NaN : zero / eligible;
}

/**
 * Statistics of GRPO groups (completions of the same prompt) at one step; null when no completion
 * has a group id. A group's `size` counts its completions; its mean and population std (ddof 0) are
 * over its finite totals (NaN when it has none). A group with at least 2 finite values is "zero std"
 * when max - min <= 1e-9 * max(1, |mean|): it gives GRPO no gradient. `zeroStdFraction` and the
 * group std figures are over the groups with at least 2 finite totals (NaN when there are none);
 * `zeroStdFractionByFn` is the same fraction for each reward function alone. `perGroup` is sorted by id.
 * @throws RewardscopeError("invalid_argument") on a non-finite group id or mismatched lengths.
 * @example
 * groupStats({ groups: [0, 0, 1, 1], totals: [1, 1, 0, 2], rewards: { acc: [1, 1, 0, 2] } });
 * // { groups: 2, zeroStdFraction: 0.5, meanGroupStd: 0.5, ... }
 */
export function groupStats(input: GroupStatsInput): GroupStats | null {
  const { groups, totals, rewards, advantages } = input;
  const n = groups.length;
  if (totals.length !== n) {
    throw new RewardscopeError(
      "invalid_argument",
      `length ${totals.length} differs from groups' ${n}`,
      "totals",
    );
  }
  for (const [fn, arr] of Object.entries(rewards)) {
    if (arr.length !== n) {
      throw new RewardscopeError(
        "invalid_argument",
        `length ${arr.length} differs from groups' ${n}`,
        `rewards.${fn}`,
      );
    }
  }
  // Dense slot per completion (-1: no group), slots numbered in ascending id order.
  const ids: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    if (g === null || g === undefined) continue;
    if (typeof g !== "number" || !Number.isFinite(g)) {
      throw new RewardscopeError(
        "invalid_argument",
        `must be a finite number or null, got ${g}`,
        `groups[${i}]`,
      );
    }
    if (!seen.has(g)) {
      seen.add(g);
      ids.push(g);
    }
  }
  if (ids.length === 0) return null;
  ids.sort((a, b) => a - b);
  const slotOf = new Map<number, number>(ids.map((id, k) => [id, k]));
  const k = ids.length;
  const slot = new Int32Array(n);
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    const s = g === null || g === undefined ? -1 : (slotOf.get(g) as number);
    slot[i] = s;
    if (s >= 0) size[s] = (size[s] as number) + 1;
  }

  const acc = accumulate(slot, k, totals);
  const dev2 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = slot[i] as number;
    const v = totals[i] as number;
    if (s < 0 || v - v !== 0) continue;
    const d = v - (acc.sum[s] as number) / (acc.count[s] as number);
    dev2[s] = (dev2[s] as number) + d * d;
  }
  const perGroup: GroupSummary[] = [];
  let grouped = 0;
  let stdCount = 0;
  let stdSum = 0;
  let stdMin = Number.POSITIVE_INFINITY;
  let stdMax = Number.NEGATIVE_INFINITY;
  for (let s = 0; s < k; s++) {
    const c = acc.count[s] as number;
    const mean = c > 0 ? (acc.sum[s] as number) / c : Number.NaN;
    const std = c > 0 ? Math.sqrt((dev2[s] as number) / c) : Number.NaN;
    perGroup.push({ id: ids[s] as number, size: size[s] as number, mean, std });
    grouped += size[s] as number;
    if (c >= 2) {
      stdCount++;
      stdSum += std;
      if (std < stdMin) stdMin = std;
      if (std > stdMax) stdMax = std;
    }
  }
  const zeroStdFractionByFn: Record<string, number> = {};
  for (const [fn, arr] of Object.entries(rewards)) {
    zeroStdFractionByFn[fn] = zeroStdFraction(accumulate(slot, k, arr));
  }
  const result: GroupStats = {
    groups: k,
    meanSize: grouped / k,
    zeroStdFraction: zeroStdFraction(acc),
    meanGroupStd: stdCount > 0 ? stdSum / stdCount : Number.NaN,
    minGroupStd: stdCount > 0 ? stdMin : Number.NaN,
    maxGroupStd: stdCount > 0 ? stdMax : Number.NaN,
    perGroup,
    zeroStdFractionByFn,
  };
  if (advantages !== undefined) result.advantages = summarizeAdvantages(advantages, n);
  return result;
}

/** Count, mean, population std, extremes and zero fraction of the finite advantages. */
export function summarizeAdvantages(
  advantages: ArrayLike<number | null>,
  n = advantages.length,
): AdvantageSummary {
  if (advantages.length !== n) {
    throw new RewardscopeError(
      "invalid_argument",
      `length ${advantages.length} differs from ${n}`,
      "advantages",
    );
  }
  let count = 0;
  let sum = 0;
  let zeros = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = advantages[i];
    if (typeof v !== "number" || v - v !== 0) continue;
    count++;
    sum += v;
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) {
    const nan = Number.NaN;
    return { count: 0, mean: nan, std: nan, min: nan, max: nan, zeroFrac: nan };
  }
  const mean = sum / count;
  let dev2 = 0;
  for (let i = 0; i < n; i++) {
    const v = advantages[i];
    if (typeof v !== "number" || v - v !== 0) continue;
    dev2 += (v - mean) * (v - mean);
  }
  return { count, mean, std: Math.sqrt(dev2 / count), min, max, zeroFrac: zeros / count };
}
