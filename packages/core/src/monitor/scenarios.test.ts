import { describe, expect, it } from "vitest";
import { type AlertType, severityRank } from "../alerts/types.js";
import { SCENARIOS, type ScenarioName } from "../simulate/scenarios.js";
import { simulateRun } from "../simulate/simulate-run.js";
import { Monitor } from "./monitor.js";

/** The alert each pathology must raise, and within how many steps of its onset (behaviours ramp up over ~8 steps). */
const EXPECTED: Record<Exclude<ScenarioName, "healthy">, { type: AlertType; within: number }> = {
  flatline: { type: "flatline", within: 10 },
  reward_fn_errors: { type: "error_rate", within: 5 },
  drop: { type: "drop", within: 10 },
  spike: { type: "spike", within: 10 },
  saturation: { type: "saturation_high", within: 25 },
  variance_collapse: { type: "variance_collapse", within: 20 },
  zero_std_groups: { type: "zero_std_groups", within: 15 },
  format_gaming: { type: "format_gaming", within: 20 },
  repetition: { type: "excessive_repetition", within: 15 },
  diversity_collapse: { type: "diversity_collapse", within: 15 },
  length_hacking: { type: "length_hacking", within: 90 },
  entropy_collapse: { type: "entropy_collapse", within: 60 },
  memory_leak: { type: "memory_leak", within: 60 },
  kl_spike: { type: "kl_spike", within: 5 },
  truncation: { type: "truncation", within: 15 },
  stagnation: { type: "stagnation", within: 210 },
};

function runScenario(scenario: ScenarioName, steps: number, seed: number) {
  const monitor = new Monitor();
  for (const event of simulateRun({ steps, scenario, seed })) monitor.ingest(event);
  monitor.flush();
  return monitor;
}

describe("the Monitor on simulated pathologies", () => {
  const pathologies = SCENARIOS.map((s) => s.name).filter((name) => name !== "healthy");

  it("has an expectation for every simulated pathology", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...pathologies].sort());
  });

  it.each(pathologies)("catches %s soon after its onset, and nothing serious before it", (name) => {
    const scenario = name as Exclude<ScenarioName, "healthy">;
    const onset = scenario === "stagnation" ? 0 : 200;
    const alerts = runScenario(scenario, 400, 7).alerts();
    const first = alerts.find((a) => a.type === EXPECTED[scenario].type);
    expect(first, `${scenario} raised ${alerts.map((a) => a.type).join(", ")}`).toBeDefined();
    expect(first?.step).toBeGreaterThanOrEqual(onset);
    expect(first?.step).toBeLessThanOrEqual(onset + EXPECTED[scenario].within);
    const seriousBefore = alerts.filter(
      (a) => a.step < onset && severityRank(a.severity) >= severityRank("medium"),
    );
    expect(seriousBefore).toEqual([]);
  });
});

describe("the Monitor on healthy runs of 5,000 steps", () => {
  it.each([11, 12])(
    "raises at most 0.2 medium-or-worse and 1 low alert per 1,000 steps (seed %i)",
    (seed) => {
      const steps = 5000;
      const alerts = runScenario("healthy", steps, seed).alerts();
      const serious = alerts.filter((a) => severityRank(a.severity) >= severityRank("medium"));
      expect(serious.length).toBeLessThanOrEqual((0.2 * steps) / 1000);
      // trend_up while the reward rises is the run learning, reported as information, not a false alarm.
      const falseLow = alerts.filter((a) => a.type !== "trend_up");
      expect(falseLow.length).toBeLessThanOrEqual(steps / 1000);
      expect(alerts.filter((a) => a.type === "trend_up").every((a) => a.step < 500)).toBe(true);
    },
  );
});
