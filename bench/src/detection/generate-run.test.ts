import type { StepBatch } from "@rewardscope/core";
import { describe, expect, it } from "vitest";
import { healthyRun, pathologyRun } from "./corpus.js";
import { generateRun, type RunSpec } from "./generate-run.js";
import { PATHOLOGIES, PATHOLOGY_KINDS } from "./pathologies.js";

/** Pathologies in full force at their first step. */
const ABRUPT = new Set([
  "outlier",
  "spike",
  "flatline",
  "error_rate",
  "slow_reward_fn",
  "kl_spike",
  "memory_leak",
]);

function steps(spec: RunSpec, count: number): StepBatch[] {
  const out: StepBatch[] = [];
  for (const batch of generateRun(spec)) {
    out.push(batch);
    if (out.length === count) break;
  }
  return out;
}

/** The same run with its pathology removed: the healthy twin the pathology is measured against. */
function healthyTwin(spec: RunSpec): RunSpec {
  return { ...spec, pathology: null };
}

describe("generateRun", () => {
  it("is deterministic: the same spec gives the same steps", () => {
    const spec = healthyRun(5, 0);
    expect(steps(spec, 40)).toEqual(steps(healthyRun(5, 0), 40));
    expect(steps(healthyRun(6, 0), 5)).not.toEqual(steps(spec, 5));
  });

  it("draws healthy runs within the documented ranges", () => {
    for (let i = 0; i < 40; i++) {
      const { profile } = healthyRun(9, i);
      expect(profile.steps).toBeGreaterThanOrEqual(500);
      expect(profile.steps).toBeLessThanOrEqual(5000);
      expect(profile.groupSize).toBeGreaterThanOrEqual(4);
      expect(profile.groupSize).toBeLessThanOrEqual(16);
      const [first] = steps({ ...healthyRun(9, i), profile: { ...profile, withText: false } }, 1);
      for (const values of Object.values(first?.rewards ?? {}))
        expect(values.length).toBe(profile.groupSize * profile.promptsPerStep);
    }
  });

  it.each(PATHOLOGY_KINDS)(
    "%s: equals its healthy twin before the onset and departs from it after",
    (kind) => {
      const spec = pathologyRun(3, kind, 0);
      const onset = spec.pathology?.onset ?? -1;
      expect(onset).toBeGreaterThanOrEqual(PATHOLOGIES[kind].fromStart ? 0 : 150);
      // Text is the slow part and plays no role in where the pathology starts; skip it.
      const light: RunSpec = { ...spec, profile: { ...spec.profile, withText: false } };
      const sick = steps(light, onset + 20);
      const healthy = steps(healthyTwin(light), onset + 20);
      expect(sick.slice(0, onset)).toEqual(healthy.slice(0, onset));
      // A gradual pathology (a trend) may leave the first steps' samples unchanged; within 20 steps it shows.
      expect(sick.slice(onset)).not.toEqual(healthy.slice(onset));
      if (ABRUPT.has(kind)) expect(sick[onset]).not.toEqual(healthy[onset]);
    },
  );
});
