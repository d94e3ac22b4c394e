/**
 * The training metric a metric detector follows this step. The first of `names` present with a finite value
 * is locked in (`locked`, kept in the detector's state) so that a run that logs both "kl" and "objective/kl"
 * is not judged on a mix of the two. Returns null when the metric is absent this step.
 * @example
 * pickMetric({ "train/kl": 0.02 }, ["kl", "train/kl"], null); // "train/kl"
 * pickMetric({ kl: 0.01, "train/kl": 0.02 }, ["kl", "train/kl"], "train/kl"); // "train/kl"
 */
export function pickMetric(
  metrics: Record<string, number>,
  names: readonly string[],
  locked: string | null,
): string | null {
  const present = (name: string) => Number.isFinite(metrics[name]);
  if (locked !== null) return present(locked) ? locked : null;
  return names.find(present) ?? null;
}
