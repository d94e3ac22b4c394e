import { RewardscopeError } from "../errors.js";

/**
 * Quantile of ascending-sorted values, interpolating linearly between the closest ranks
 * (numpy's default "linear" method, Hyndman & Fan type 7). NaN for empty input.
 * The input is not checked for order: sorting is the caller's job, once, for many quantiles.
 * @example
 * quantileSorted([1, 2, 3, 4], 0.5); // 2.5
 * quantileSorted([1, 2, 3, 4], 0.25); // 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RewardscopeError("invalid_argument", `must be in [0, 1], got ${q}`, "q");
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const frac = h - lo;
  if (frac === 0) return a;
  const b = sorted[lo + 1] as number;
  return a + (b - a) * frac;
}
