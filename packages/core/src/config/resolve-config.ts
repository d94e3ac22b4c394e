import { SEVERITIES, type Severity } from "../alerts/types.js";
import { checkCompletionConfig } from "../completions/check-config.js";
import type { Detector, DetectorOptions } from "../detectors/detector.js";
import { RewardscopeError } from "../errors.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import type { MonitorConfig, MonitorConfigInput, ThresholdRule } from "./types.js";

type Options = Partial<DetectorOptions> & Record<string, unknown>;

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_config", message, field);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "string" ? `string ${JSON.stringify(value)}` : `${typeof value} ${String(value)}`;
}

function checkNumber(field: string, value: unknown, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    fail(field, `must be a number, got ${describe(value)}`);
  if (value < min || value > max) fail(field, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function checkSeverity(field: string, value: unknown): Severity {
  if (!SEVERITIES.includes(value as Severity))
    fail(field, `must be one of ${SEVERITIES.join(", ")}, got ${describe(value)}`);
  return value as Severity;
}

/** Every option a user sets must exist in the detector's defaults and have the same JSON type. */
function checkDetectorOptions(field: string, input: unknown, defaults: DetectorOptions): Options {
  if (!isRecord(input)) fail(field, `must be an object, got ${describe(input)}`);
  const known = defaults as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(input)) {
    const at = `${field}.${key}`;
    if (!(key in known)) fail(at, `unknown option; known: ${Object.keys(known).join(", ")}`);
    const expected = known[key];
    if (key === "severity") checkSeverity(at, value);
    else if (Array.isArray(expected) !== Array.isArray(value) || typeof expected !== typeof value)
      fail(
        at,
        `must be ${Array.isArray(expected) ? "an array" : `a ${typeof expected}`}, got ${describe(value)}`,
      );
    else if (typeof value === "number" && !Number.isFinite(value))
      fail(at, `must be a finite number, got ${value}`);
  }
  return input as Options;
}

function checkDetectors(
  field: string,
  input: unknown,
  detectors: readonly Detector[],
): Record<string, Options> {
  if (input === undefined) return {};
  if (!isRecord(input)) fail(field, `must be an object keyed by detector id, got ${describe(input)}`);
  const out: Record<string, Options> = {};
  for (const [id, options] of Object.entries(input)) {
    const detector = detectors.find((d) => d.id === id);
    if (!detector)
      fail(`${field}.${id}`, `unknown detector; known: ${detectors.map((d) => d.id).join(", ")}`);
    out[id] = checkDetectorOptions(`${field}.${id}`, options, detector.defaults);
  }
  return out;
}

function checkRule(field: string, rule: unknown): ThresholdRule {
  if (!isRecord(rule)) fail(field, `must be an object, got ${describe(rule)}`);
  if (typeof rule.series !== "string" || rule.series === "")
    fail(`${field}.series`, "must be a non-empty string");
  if (rule.above === undefined && rule.below === undefined) fail(field, "needs `above` or `below`");
  if (rule.above !== undefined) checkNumber(`${field}.above`, rule.above, Number.NEGATIVE_INFINITY);
  if (rule.below !== undefined) checkNumber(`${field}.below`, rule.below, Number.NEGATIVE_INFINITY);
  if (rule.forSteps !== undefined) checkNumber(`${field}.forSteps`, rule.forSteps, 1);
  for (const key of ["message", "action"] as const)
    if (rule[key] !== undefined && typeof rule[key] !== "string") fail(`${field}.${key}`, "must be a string");
  return {
    ...(rule as unknown as ThresholdRule),
    severity: checkSeverity(`${field}.severity`, rule.severity ?? "medium"),
  };
}

/**
 * Merges a user's configuration over the defaults once, checking every field; throws
 * RewardscopeError("invalid_config") naming the field and the problem.
 * @example
 * const config = resolveConfig({ window: 500, detectors: { flatline: { minSteps: 3 } } }, DETECTORS);
 */
export function resolveConfig(
  input: MonitorConfigInput | undefined,
  detectors: readonly Detector[],
): MonitorConfig {
  const raw: unknown = input ?? {};
  if (!isRecord(raw)) fail("config", `must be an object, got ${describe(raw)}`);
  const known = new Set(Object.keys(DEFAULT_CONFIG));
  for (const key of Object.keys(raw))
    if (!known.has(key)) fail(key, `unknown setting; known: ${[...known].join(", ")}`);
  const d = DEFAULT_CONFIG;
  const alerts = raw.alerts === undefined ? {} : raw.alerts;
  if (!isRecord(alerts)) fail("alerts", `must be an object, got ${describe(alerts)}`);
  const completions = raw.completions === undefined ? {} : raw.completions;
  if (!isRecord(completions)) fail("completions", `must be an object, got ${describe(completions)}`);
  for (const key of Object.keys(completions))
    if (!(key in d.completions)) fail(`completions.${key}`, "unknown setting");
  const rewardFunctions = raw.rewardFunctions ?? {};
  if (!isRecord(rewardFunctions))
    fail("rewardFunctions", `must be an object, got ${describe(rewardFunctions)}`);
  const rules = raw.rules ?? [];
  if (!Array.isArray(rules)) fail("rules", `must be an array, got ${describe(rules)}`);

  const config: MonitorConfig = {
    window: checkNumber("window", raw.window ?? d.window, 1, 1_000_000),
    emaShortAlpha: checkNumber("emaShortAlpha", raw.emaShortAlpha ?? d.emaShortAlpha, 1e-6, 1),
    emaLongAlpha: checkNumber("emaLongAlpha", raw.emaLongAlpha ?? d.emaLongAlpha, 1e-6, 1),
    histogramBins: checkNumber("histogramBins", raw.histogramBins ?? d.histogramBins, 1, 1000),
    completions: { ...d.completions, ...(completions as Partial<MonitorConfig["completions"]>) },
    detectors: checkDetectors("detectors", raw.detectors, detectors),
    rewardFunctions: {},
    rules: rules.map((rule, i) => checkRule(`rules[${i}]`, rule)),
    alerts: {
      minSeverity: checkSeverity("alerts.minSeverity", alerts.minSeverity ?? d.alerts.minSeverity),
      dedupeSteps: checkNumber("alerts.dedupeSteps", alerts.dedupeSteps ?? d.alerts.dedupeSteps, 0),
      maxPerWindow: checkNumber("alerts.maxPerWindow", alerts.maxPerWindow ?? d.alerts.maxPerWindow, 1),
      rateWindowSteps: checkNumber(
        "alerts.rateWindowSteps",
        alerts.rateWindowSteps ?? d.alerts.rateWindowSteps,
        1,
      ),
    },
  };
  checkCompletionConfig(config.completions);
  for (const [fn, fnConfig] of Object.entries(rewardFunctions)) {
    const field = `rewardFunctions.${fn}`;
    if (!isRecord(fnConfig)) fail(field, `must be an object, got ${describe(fnConfig)}`);
    for (const key of Object.keys(fnConfig))
      if (!["min", "max", "detectors"].includes(key))
        fail(`${field}.${key}`, "unknown setting; known: min, max, detectors");
    const min =
      fnConfig.min === undefined
        ? undefined
        : checkNumber(`${field}.min`, fnConfig.min, Number.NEGATIVE_INFINITY);
    const max =
      fnConfig.max === undefined
        ? undefined
        : checkNumber(`${field}.max`, fnConfig.max, Number.NEGATIVE_INFINITY);
    if (min !== undefined && max !== undefined && min >= max)
      fail(`${field}.max`, `must be above min (${min})`);
    config.rewardFunctions[fn] = {
      min,
      max,
      detectors: checkDetectors(`${field}.detectors`, fnConfig.detectors, detectors),
    };
  }
  return config;
}

/**
 * The options one detector runs with for one reward function (or for the whole step when `fn` is undefined):
 * its defaults, then `detectors.<id>`, then `rewardFunctions.<fn>.detectors.<id>`; a function's known `min`/`max`
 * are passed as the options `min` and `max` (saturation uses them).
 */
export function detectorOptions(config: MonitorConfig, detector: Detector, fn?: string): DetectorOptions {
  const merged: Record<string, unknown> = { ...detector.defaults, ...config.detectors[detector.id] };
  if (fn !== undefined) {
    const fnConfig = config.rewardFunctions[fn];
    if (fnConfig) {
      if (fnConfig.min !== undefined) merged.min = fnConfig.min;
      if (fnConfig.max !== undefined) merged.max = fnConfig.max;
      Object.assign(merged, fnConfig.detectors?.[detector.id]);
    }
  }
  return merged as unknown as DetectorOptions;
}
