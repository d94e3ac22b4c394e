import { RewardscopeError } from "../errors.js";

/** An ordinary least squares line through (i, ys[i]), i = 0..n-1. */
export interface LinearTrend {
  /** Change per step. */
  slope: number;
  /** Fitted value at x = 0. */
  intercept: number;
  /** Fraction of the variance the line explains; 0 when ys are constant. */
  r2: number;
  /** slope / its standard error: 0 when n < 3 or ys are constant, ±Infinity for a perfect sloped fit. */
  tStat: number;
  n: number;
}

/**
 * Fits a straight line to a series taken at x = 0, 1, ..., n-1 (ordinary least squares) and gives
 * the t statistic of its slope, for trend tests. Never NaN: n = 0 gives all zeros, n = 1 a flat line
 * through the value, n < 3 a tStat of 0 (no residual degrees of freedom).
 * @throws RewardscopeError("invalid_argument") when a value is NaN or infinite.
 * @example
 * linearTrend([1, 3, 5, 7]); // { slope: 2, intercept: 1, r2: 1, tStat: Infinity, n: 4 }
 */
export function linearTrend(ys: ArrayLike<number>): LinearTrend {
  const n = ys.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const y = ys[i] as number;
    if (y - y !== 0) throw new RewardscopeError("invalid_argument", `must be finite, got ${y}`, `ys[${i}]`);
    sum += y;
  }
  if (n === 0) return { slope: 0, intercept: 0, r2: 0, tStat: 0, n };
  const ybar = sum / n;
  if (n === 1) return { slope: 0, intercept: ybar, r2: 0, tStat: 0, n };
  const xbar = (n - 1) / 2;
  const sxx = (n * (n * n - 1)) / 12;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dy = (ys[i] as number) - ybar;
    sxy += (i - xbar) * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = ybar - slope * xbar;
  if (syy === 0) return { slope: 0, intercept: ybar, r2: 0, tStat: 0, n };
  const sse = Math.max(0, syy - slope * sxy);
  const r2 = Math.min(1, Math.max(0, 1 - sse / syy));
  if (n < 3) return { slope, intercept, r2, tStat: 0, n };
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const tStat =
    se > 0 ? slope / se : slope === 0 ? 0 : slope > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return { slope, intercept, r2, tStat, n };
}
