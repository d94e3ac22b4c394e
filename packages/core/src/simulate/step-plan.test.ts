import { describe, expect, it } from "vitest";
import { resolveSimulation } from "./options.js";
import { learningProgress, planStep, rampSteps, scenarioTarget } from "./step-plan.js";

describe("learningProgress", () => {
  it("rises logistically over the first third and stays at 1", () => {
    expect(learningProgress(0, 600)).toBe(0);
    expect(learningProgress(100, 600)).toBeCloseTo(0.5, 6);
    expect(learningProgress(200, 600)).toBe(1);
    expect(learningProgress(599, 600)).toBe(1);
    expect(learningProgress(80, 600)).toBeLessThan(learningProgress(90, 600));
  });
});

describe("scenarioTarget", () => {
  it("prefers the scenario's function and falls back to the run's first", () => {
    expect(scenarioTarget("flatline", ["format", "accuracy"])).toBe("accuracy");
    expect(scenarioTarget("flatline", ["format", "xmlcount"])).toBe("format");
    expect(scenarioTarget("saturation", ["accuracy", "format"])).toBe("format");
    expect(scenarioTarget("repetition", ["accuracy"])).toBeNull();
  });
});

describe("planStep", () => {
  it("is healthy before the onset and ramps behavioural pathologies after it", () => {
    const sim = resolveSimulation({ scenario: "repetition", steps: 1000 });
    expect(rampSteps(1000)).toBe(20);
    const healthy = planStep(resolveSimulation({ steps: 1000 }), 499);
    expect(planStep(sim, 499)).toEqual(healthy);
    expect(planStep(sim, 500).repetitionRate).toBeCloseTo(0.7 / 20, 9);
    expect(planStep(sim, 509).repetitionRate).toBeCloseTo(0.35, 9);
    expect(planStep(sim, 519).repetitionRate).toBeCloseTo(0.7, 9);
  });

  it("keeps the format shares a probability distribution", () => {
    for (const scenario of ["healthy", "drop", "saturation"] as const) {
      const sim = resolveSimulation({ scenario, steps: 100 });
      for (const step of [0, 30, 60, 99]) {
        const p = planStep(sim, step);
        expect(p.strictRate).toBeGreaterThan(0);
        expect(p.softRate).toBeGreaterThanOrEqual(0);
        expect(p.strictRate + p.softRate).toBeLessThanOrEqual(1);
      }
    }
  });

  it("freezes the learning curve of a stagnating run at its onset", () => {
    const sim = resolveSimulation({ scenario: "stagnation", steps: 300, onset: 40 });
    expect(planStep(sim, 299).skillLogit).toBe(planStep(sim, 40).skillLogit);
    expect(planStep(sim, 39).skillLogit).toBeLessThan(planStep(sim, 40).skillLogit);
  });
});
