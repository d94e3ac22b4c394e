import { describe, expect, it } from "vitest";
import { DETECTORS } from "../detectors/registry.js";
import { RewardscopeError } from "../errors.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { detectorOptions, resolveConfig } from "./resolve-config.js";
import type { MonitorConfigInput } from "./types.js";

function errorOf(input: unknown): RewardscopeError {
  try {
    resolveConfig(input as MonitorConfigInput, DETECTORS);
  } catch (error) {
    if (error instanceof RewardscopeError) return error;
    throw error;
  }
  throw new Error("no error");
}

describe("resolveConfig", () => {
  it("gives the documented defaults for an empty configuration", () => {
    const config = resolveConfig({}, DETECTORS);
    expect(config.window).toBe(1000);
    expect(config.emaShortAlpha).toBe(0.1);
    expect(config.emaLongAlpha).toBe(0.01);
    expect(config.alerts).toEqual(DEFAULT_CONFIG.alerts);
    expect(config.completions.formats.map((f) => f.name)).toEqual(["think-answer", "reasoning-answer"]);
  });

  it("names the field and the problem", () => {
    expect(errorOf({ window: "big" }).message).toBe('window: must be a number, got string "big"');
    expect(errorOf({ window: 0 }).field).toBe("window");
    expect(errorOf({ windw: 5 }).message).toMatch(/^windw: unknown setting/);
    expect(errorOf({ alerts: { minSeverity: "urgent" } }).field).toBe("alerts.minSeverity");
    expect(errorOf({ detectors: { nope: {} } }).message).toMatch(
      /^detectors.nope: unknown detector; known: /,
    );
    expect(errorOf({ detectors: { flatline: { minSteps: "3" } } }).message).toBe(
      'detectors.flatline.minSteps: must be a number, got string "3"',
    );
    expect(errorOf({ detectors: { flatline: { bogus: 1 } } }).field).toBe("detectors.flatline.bogus");
    expect(errorOf({ rules: [{ series: "kl" }] }).message).toBe("rules[0]: needs `above` or `below`");
    expect(errorOf({ rewardFunctions: { acc: { min: 1, max: 0 } } }).field).toBe("rewardFunctions.acc.max");
    expect(errorOf({ completions: { maxAnalysed: 0 } }).field).toBe("completions.maxAnalysed");
    expect(errorOf({ completions: { formats: [{ name: "x", sections: [] }] } }).field).toBe(
      "completions.formats[0].sections",
    );
    expect(errorOf([1, 2]).field).toBe("config");
  });

  it("merges detector options: defaults, then global, then per function", () => {
    const config = resolveConfig(
      {
        detectors: { flatline: { minSteps: 7 } },
        rewardFunctions: { acc: { max: 2, detectors: { flatline: { minSteps: 9, severity: "critical" } } } },
      },
      DETECTORS,
    );
    const flatline = DETECTORS.find((d) => d.id === "flatline");
    if (!flatline) throw new Error("no flatline detector");
    expect(detectorOptions(config, flatline)).toMatchObject({ minSteps: 7 });
    expect(detectorOptions(config, flatline, "fmt")).toMatchObject({ minSteps: 7 });
    expect(detectorOptions(config, flatline, "acc")).toMatchObject({
      minSteps: 9,
      severity: "critical",
      max: 2,
    });
  });
});
