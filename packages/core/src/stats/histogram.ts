import { RewardscopeError } from "../errors.js";
import type { Histogram } from "../monitor/report.js";

/**
 * Equal-width histogram of `values` over [min, max] (by default the values' own range).
 * The max value falls in the last bin; when min equals max every value falls in the first bin.
 * Values outside [min, max] (and NaN) are not counted, as in numpy. Empty input without bounds
 * gives `{ min: NaN, max: NaN, counts: [] }`.
 * @example
 * histogram([0, 1, 2, 3, 4], 2); // { min: 0, max: 4, counts: [2, 3] }
 */
export function histogram(values: ArrayLike<number>, bins: number, min?: number, max?: number): Histogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RewardscopeError("invalid_argument", `must be a positive integer, got ${bins}`, "bins");
  }
  const n = values.length;
  let lo = min;
  let hi = max;
  if (lo === undefined || hi === undefined) {
    let vmin = Number.POSITIVE_INFINITY;
    let vmax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number;
      if (v < vmin) vmin = v;
      if (v > vmax) vmax = v;
    }
    if (vmin > vmax) {
      // No countable value: an empty histogram, or a zero-width one at the single bound given.
      if (lo === undefined && hi === undefined) return { min: Number.NaN, max: Number.NaN, counts: [] };
      vmin = vmax = (lo ?? hi) as number;
    }
    // A single given bound may lie beyond every value: the range then still starts or ends there.
    if (lo === undefined) lo = hi === undefined ? vmin : Math.min(vmin, hi);
    if (hi === undefined) hi = Math.max(vmax, lo);
  }
  if (!Number.isFinite(lo))
    throw new RewardscopeError("invalid_argument", `must be finite, got ${lo}`, "min");
  if (!Number.isFinite(hi))
    throw new RewardscopeError("invalid_argument", `must be finite, got ${hi}`, "max");
  if (lo > hi) throw new RewardscopeError("invalid_argument", `min ${lo} is above max ${hi}`, "min");
  const counts = new Array<number>(bins).fill(0);
  // Halving keeps the span finite for ranges near ±Number.MAX_VALUE.
  const half = !Number.isFinite(hi - lo);
  const base = half ? lo / 2 : lo;
  const span = half ? hi / 2 - lo / 2 : hi - lo;
  const last = bins - 1;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!(v >= lo && v <= hi)) continue;
    // Dividing (not multiplying by bins / span) stays exact when bins / span would be subnormal.
    const k = span > 0 ? Math.floor((((half ? v / 2 : v) - base) / span) * bins) : 0;
    const b = Math.min(k, last);
    counts[b] = (counts[b] as number) + 1;
  }
  return { min: lo, max: hi, counts };
}

/**
 * Shannon entropy, in bits, of the distribution given by bin counts: 0 when every count sits in
 * one bin, log2(k) when k bins hold equal counts. NaN when the counts sum to 0.
 * @example
 * histogramEntropy([5, 5, 0]); // 1
 */
export function histogramEntropy(counts: number[]): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (!(c >= 0 && c < Number.POSITIVE_INFINITY)) {
      throw new RewardscopeError("invalid_argument", `must be a finite count >= 0, got ${c}`, `counts[${i}]`);
    }
    total += c;
  }
  if (total === 0) return Number.NaN;
  let h = 0;
  for (const c of counts) {
    if (c > 0) {
      const p = c / total;
      h -= p * Math.log2(p);
    }
  }
  // -0 and rounding dust when one bin holds everything.
  return Math.max(h, 0);
}
