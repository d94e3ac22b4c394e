/**
 * Small statistics of a short sample of numbers (a detector's history): mean, variance, median, MAD.
 * Each is NaN for a sample too small to define it.
 */

/** Arithmetic mean; NaN when empty. */
export function sampleMean(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * Unbiased sample variance (n - 1 denominator); NaN below 2 values.
 * @example
 * sampleVariance([1, 2, 3, 4]); // 1.6666…
 */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return Number.NaN;
  const mean = sampleMean(xs);
  let sum = 0;
  for (const x of xs) sum += (x - mean) ** 2;
  return sum / (xs.length - 1);
}

/** Median (mean of the two middle values for an even count); NaN when empty. */
export function sampleMedian(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  // A typed copy sorts numerically without calling a comparator per comparison (~4x faster).
  const sorted = Float64Array.from(xs).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median absolute deviation from `center` (not scaled: multiply by 1.4826 for a normal sd); NaN when empty.
 * @example
 * medianAbsDeviation([1, 2, 3, 4, 100], 3); // 1
 */
export function medianAbsDeviation(xs: readonly number[], center: number): number {
  return sampleMedian(xs.map((x) => Math.abs(x - center)));
}
