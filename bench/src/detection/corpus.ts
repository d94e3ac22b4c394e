import type { RunSpec } from "./generate-run.js";
import { PATHOLOGIES, PATHOLOGY_KINDS, type PathologyKind, pathologyTarget } from "./pathologies.js";
import { mixSeed, Rng } from "./rng.js";
import { drawProfile } from "./run-profile.js";

/** How many runs of each sort the benchmark makes. */
export interface CorpusSize {
  healthyRuns: number;
  runsPerPathology: number;
}

/** The full benchmark, and the quick mode (DETECTION_QUICK=1) for a smoke run. */
export const FULL_CORPUS: CorpusSize = { healthyRuns: 16, runsPerPathology: 20 };
export const QUICK_CORPUS: CorpusSize = { healthyRuns: 3, runsPerPathology: 3 };

/**
 * Healthy steps before a pathology's onset (drawn in this range), and steps after it. Slow pathologies (trends,
 * leaks, stagnation) get a longer baseline and more steps to be caught in.
 */
const ONSET: readonly [number, number] = [150, 400];
const AFTER = 200;
const SLOW_ONSET: readonly [number, number] = [250, 500];
const SLOW_AFTER = 300;
const SLOW: ReadonlySet<PathologyKind> = new Set([
  "trend_up",
  "trend_down",
  "stagnation",
  "memory_leak",
  "length_hacking",
  "entropy_collapse",
]);

/** A healthy run of the corpus; every run has its own seed derived from the corpus seed. */
export function healthyRun(seed: number, index: number): RunSpec {
  const runSeed = mixSeed(seed, 1, index);
  const profile = drawProfile(new Rng(runSeed), { withText: true });
  return { id: `healthy-${index}`, seed: runSeed, profile, pathology: null };
}

/**
 * A run with one pathology at a random onset (150-400 healthy steps before it and 200 after it; slow ones
 * 250-500 and 300; stagnation from step 0; at least 500 steps) and a random strength in [0, 1].
 * @example
 * pathologyRun(1, "flatline", 0).pathology?.onset; // >= 150
 */
export function pathologyRun(seed: number, kind: PathologyKind, index: number): RunSpec {
  const runSeed = mixSeed(seed, 2, PATHOLOGY_KINDS.indexOf(kind), index);
  const rng = new Rng(runSeed);
  const traits = PATHOLOGIES[kind];
  const slow = SLOW.has(kind);
  const [lo, hi] = slow ? SLOW_ONSET : ONSET;
  const onset = traits.fromStart ? 0 : rng.int(lo, hi);
  const steps = Math.max(500, onset + (slow ? SLOW_AFTER : AFTER));
  const profile = drawProfile(rng, { steps, withText: traits.needsText });
  if (traits.shape) profile.shape = traits.shape;
  // A pathology of a kind of function the run lacks gets that function added.
  const wanted = traits.targets[0];
  if (wanted && pathologyTarget(kind, profile) === null)
    profile.rewards.push({
      name: wanted === "continuous" ? "judge_score" : "format",
      kind: wanted,
      scale: 1,
    });
  return {
    id: `${kind}-${index}`,
    seed: runSeed,
    profile,
    pathology: { kind, onset, strength: rng.next(), target: pathologyTarget(kind, profile) },
  };
}

/** Every run of the benchmark: the healthy runs first, then each pathology's runs. */
export function buildCorpus(seed: number, size: CorpusSize): RunSpec[] {
  const runs: RunSpec[] = [];
  for (let i = 0; i < size.healthyRuns; i++) runs.push(healthyRun(seed, i));
  for (const kind of PATHOLOGY_KINDS)
    for (let i = 0; i < size.runsPerPathology; i++) runs.push(pathologyRun(seed, kind, i));
  return runs;
}
