/**
 * Min-max downsampling of a series, the rule every store follows: the step range actually present is cut into
 * floor(maxPoints / 2) equal buckets, and each bucket keeps the point of its minimum and the point of its maximum
 * (the earliest step on a tie), in step order, once when they are the same point. Spikes and dips survive, which
 * an average or every-n-th sample would erase. A series of at most maxPoints points is returned whole.
 */

/** Buckets for a point budget: two points each. */
export function bucketCount(maxPoints: number): number {
  return Math.floor(maxPoints / 2);
}

/**
 * The bucket of `step` when [lo, hi] is cut into `buckets` buckets (integer steps). Stores computing it in SQL
 * must use the same integer arithmetic: floor((step - lo) * buckets / (hi - lo + 1)).
 * @example
 * bucketOf(50, 0, 99, 10); // 5
 */
export function bucketOf(step: number, lo: number, hi: number, buckets: number): number {
  return Math.floor(((step - lo) * buckets) / (hi - lo + 1));
}

/** What a store knows of a series range before reading it: the point count and the first and last steps. */
export interface SeriesExtent {
  count: number;
  lo: number;
  hi: number;
}

/**
 * Downsamples points given in increasing step order, streaming: memory is the output plus one bucket.
 * @example
 * downsampleMinMax([[0, 1], [1, 9], [2, 5], [3, 2]], { count: 4, lo: 0, hi: 3 }, 2);
 * // { steps: [0, 1], values: [1, 9] }
 */
export function downsampleMinMax(
  points: Iterable<readonly [step: number, value: number]>,
  extent: SeriesExtent,
  maxPoints: number | null,
): { steps: number[]; values: number[] } {
  const steps: number[] = [];
  const values: number[] = [];
  const push = (point: readonly [number, number]): void => {
    steps.push(point[0]);
    values.push(point[1]);
  };
  if (maxPoints === null || extent.count <= maxPoints) {
    for (const point of points) push(point);
    return { steps, values };
  }
  const buckets = bucketCount(maxPoints);
  let bucket = -1;
  let min: readonly [number, number] = [0, 0];
  let max: readonly [number, number] = [0, 0];
  const emit = (): void => {
    push(min[0] <= max[0] ? min : max);
    if (min !== max) push(min[0] <= max[0] ? max : min);
  };
  for (const point of points) {
    const b = bucketOf(point[0], extent.lo, extent.hi, buckets);
    if (b !== bucket) {
      if (bucket >= 0) emit();
      bucket = b;
      min = point;
      max = point;
    } else if (point[1] < min[1]) min = point;
    else if (point[1] > max[1]) max = point;
  }
  if (bucket >= 0) emit();
  return { steps, values };
}
