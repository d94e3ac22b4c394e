import { RewardscopeError } from "../errors.js";
import type { Histogram, Summary } from "../monitor/report.js";
import { histogram, histogramEntropy } from "./histogram.js";
import { quantileSorted } from "./quantile.js";
import { selectRanks } from "./select.js";

const QUANTILES = [0.25, 0.5, 0.75, 0.9, 0.99];

/** The 0-based ranks that the type-7 quantiles of n values read (see quantileSorted). */
function quantileRanks(n: number): number[] {
  const ranks: number[] = [];
  for (const q of QUANTILES) {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    ranks.push(lo);
    if (h > lo) ranks.push(lo + 1);
  }
  return [...new Set(ranks)].sort((a, b) => a - b);
}

/** A Summary with count 0: every other field NaN. */
export function emptySummary(): Summary {
  const nan = Number.NaN;
  return {
    count: 0,
    mean: nan,
    std: nan,
    min: nan,
    max: nan,
    median: nan,
    p25: nan,
    p75: nan,
    p90: nan,
    p99: nan,
    zeroFrac: nan,
    negativeFrac: nan,
    positiveFrac: nan,
    snr: nan,
    entropy: nan,
  };
}

/**
 * Summarises finite values: moments, extremes, quantiles (numpy "linear"), sign fractions, snr and
 * the entropy of their `bins`-bin histogram, which it returns too. One pass over a Float64Array copy,
 * then a multi-rank quickselect of the few ranks the quantiles need (exact, and several times faster
 * than sorting the copy). `std` is the POPULATION standard
 * deviation (ddof 0, numpy's default), computed by the corrected two-pass algorithm so that values
 * like 1e9 + small noise keep their exact spread. `snr` is mean / std, NaN when std is 0.
 * Empty input gives count 0, NaN elsewhere and an empty-counts histogram.
 * @throws RewardscopeError("invalid_argument") when a value is NaN or infinite.
 * @example
 * const { summary } = summarize([1, 2, 3, 4]);
 * summary.mean; // 2.5
 * summary.std; // 1.118033988749895 (sqrt(1.25))
 * summary.median; // 2.5
 */
export function summarize(values: ArrayLike<number>, bins = 20): { summary: Summary; histogram: Histogram } {
  const n = values.length;
  if (n === 0) return { summary: emptySummary(), histogram: histogram(values, bins) };
  const copy = new Float64Array(n);
  let sum = 0;
  let zeros = 0;
  let negatives = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    // v - v is 0 for every finite number, NaN for NaN and ±Infinity.
    if (v - v !== 0)
      throw new RewardscopeError("invalid_argument", `must be finite, got ${v}`, `values[${i}]`);
    copy[i] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v < 0) negatives++;
    else if (v === 0) zeros++;
  }
  let mean = sum / n;
  if (!Number.isFinite(mean)) {
    // The plain sum overflowed (values near ±1e308): average pre-divided values instead.
    mean = 0;
    for (let i = 0; i < n; i++) mean += (copy[i] as number) / n;
  }
  let dev = 0;
  let dev2 = 0;
  for (let i = 0; i < n; i++) {
    const d = (copy[i] as number) - mean;
    dev += d;
    dev2 += d * d;
  }
  // The correction terms remove the rounding error of the first-pass mean.
  mean += dev / n;
  const variance = (dev2 - (dev * dev) / n) / n;
  const std = variance > 0 ? Math.sqrt(variance) : 0;
  const hist = histogram(copy, bins, min, max);
  // After selection, the ranks quantileSorted reads hold their sorted values.
  selectRanks(copy, quantileRanks(n));
  const summary: Summary = {
    count: n,
    mean,
    std,
    min,
    max,
    median: quantileSorted(copy, 0.5),
    p25: quantileSorted(copy, 0.25),
    p75: quantileSorted(copy, 0.75),
    p90: quantileSorted(copy, 0.9),
    p99: quantileSorted(copy, 0.99),
    zeroFrac: zeros / n,
    negativeFrac: negatives / n,
    positiveFrac: (n - zeros - negatives) / n,
    snr: std === 0 ? Number.NaN : mean / std,
    entropy: histogramEntropy(hist.counts),
  };
  return { summary, histogram: hist };
}
