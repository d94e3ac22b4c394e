/**
 * The metrics of the TCPD benchmark (van den Burg & Williams, "An Evaluation of Change Point Detection
 * Algorithms", arXiv:2003.06222), as TCPDBench's analysis/scripts/metrics.py defines them: F1 with a margin
 * against several annotators, and the covering metric averaged over annotators. Indices are 0-based.
 */

/** Annotations of one series: annotator id -> change point indices (an empty list: no change seen). */
export type Annotations = Record<string, readonly number[]>;

/**
 * The true locations matched by a prediction within `margin`: each true location, in increasing order, takes the
 * nearest prediction still free (the smaller on a tie), so no prediction counts twice.
 * @example
 * truePositives([0, 10], [0, 12, 13], 5); // [0, 10]
 */
export function truePositives(
  truth: Iterable<number>,
  predictions: Iterable<number>,
  margin: number,
): number[] {
  const free = new Set(predictions);
  const matched: number[] = [];
  for (const tau of [...new Set(truth)].sort((a, b) => a - b)) {
    let best: number | null = null;
    for (const x of free) {
      const d = Math.abs(tau - x);
      if (d > margin) continue;
      if (best === null || d < Math.abs(tau - best) || (d === Math.abs(tau - best) && x < best)) best = x;
    }
    if (best === null) continue;
    matched.push(tau);
    free.delete(best);
  }
  return matched;
}

/**
 * F1 against several annotators: 0 is added to every annotator's set and to the predictions; precision against
 * the union of the annotators' sets, recall the mean over annotators, F = P R / (alpha R + (1 - alpha) P).
 * @example
 * f1Score({ a: [50], b: [] }, [50], 5); // 1
 */
export function f1Score(
  annotations: Annotations,
  predictions: readonly number[],
  margin = 5,
  alpha = 0.5,
): number {
  const sets = Object.values(annotations).map((cps) => new Set([0, ...cps]));
  const x = new Set([0, ...predictions]);
  const union = new Set<number>();
  for (const s of sets) for (const tau of s) union.add(tau);
  const precision = truePositives(union, x, margin).length / x.size;
  const recall = sets.reduce((sum, s) => sum + truePositives(s, x, margin).length / s.size, 0) / sets.length;
  if (precision === 0 && recall === 0) return 0;
  return (precision * recall) / (alpha * recall + (1 - alpha) * precision);
}

/** Segments [start, end) of 0..n-1 cut at the change points (a change point starts a segment; 0 adds none). */
export function partition(changePoints: readonly number[], n: number): Array<[number, number]> {
  const cuts = [...new Set(changePoints)].filter((c) => c > 0 && c < n).sort((a, b) => a - b);
  const segments: Array<[number, number]> = [];
  let start = 0;
  for (const c of cuts) {
    segments.push([start, c]);
    start = c;
  }
  segments.push([start, n]);
  return segments;
}

function jaccard(a: [number, number], b: [number, number]): number {
  const inter = Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
  const union = a[1] - a[0] + (b[1] - b[0]) - inter;
  return union === 0 ? 0 : inter / union;
}

/**
 * Covering of one annotator's partition by the predicted one (Arbelaez et al. 2010, eq. 8): each true segment,
 * weighted by its length, scores its best Jaccard overlap with a predicted segment.
 */
export function coverSingle(truth: readonly number[], predictions: readonly number[], n: number): number {
  const predicted = partition(predictions, n);
  let total = 0;
  for (const segment of partition(truth, n)) {
    let best = 0;
    for (const p of predicted) best = Math.max(best, jaccard(segment, p));
    total += (segment[1] - segment[0]) * best;
  }
  return total / n;
}

/**
 * The cover of a prediction: the mean over annotators of coverSingle.
 * @example
 * cover({ a: [50] }, [50], 100); // 1
 */
export function cover(annotations: Annotations, predictions: readonly number[], n: number): number {
  const all = Object.values(annotations);
  return all.reduce((sum, cps) => sum + coverSingle(cps, predictions, n), 0) / all.length;
}

/** Predictions as TCPDBench cleans them before scoring: distinct indices in [1, n - 2]. */
export function cleanPredictions(predictions: readonly number[], n: number): number[] {
  return [...new Set(predictions)].filter((x) => x >= 1 && x <= n - 2).sort((a, b) => a - b);
}
