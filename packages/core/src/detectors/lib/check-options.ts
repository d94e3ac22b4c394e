import { SEVERITIES, type Severity } from "../../alerts/types.js";
import { RewardscopeError } from "../../errors.js";
import type { DetectorOptions } from "../detector.js";

/**
 * Range checks for detector options, run once in a detector's `init`. `resolveConfig` has already checked
 * JSON types against the defaults; these catch values of the right type that make no sense (a fraction of 2,
 * a window of 0). Each throws RewardscopeError("invalid_config") at `detectors.<id>.<name>`.
 */

function fail(id: string, name: string, message: string): never {
  throw new RewardscopeError("invalid_config", message, `detectors.${id}.${name}`);
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Checks the options every detector shares: `enabled`, `severity`, `warmup`.
 * @example
 * checkBaseOptions("truncation", options); // throws at detectors.truncation.warmup when it is -1
 */
export function checkBaseOptions(id: string, options: DetectorOptions): void {
  if (typeof options.enabled !== "boolean")
    fail(id, "enabled", `must be a boolean, got ${describe(options.enabled)}`);
  if (!SEVERITIES.includes(options.severity as Severity))
    fail(id, "severity", `must be one of ${SEVERITIES.join(", ")}, got ${describe(options.severity)}`);
  checkInteger(id, "warmup", options.warmup, 0);
}

/** Checks that `value` is a finite number in [min, max]. */
export function checkRange(
  id: string,
  name: string,
  value: unknown,
  min: number,
  max = Number.POSITIVE_INFINITY,
): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    fail(id, name, `must be a number in [${min}, ${max}], got ${describe(value)}`);
}

/** Checks that `value` is a number strictly above `min` (a factor, a duration, a t threshold). */
export function checkAbove(id: string, name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= min)
    fail(id, name, `must be a number above ${min}, got ${describe(value)}`);
}

/** Checks that `value` is an integer >= `min` (a step count, a window). */
export function checkInteger(id: string, name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min)
    fail(id, name, `must be an integer >= ${min}, got ${describe(value)}`);
}

/** Checks that `value` is a non-empty array of non-empty strings (metric names). */
export function checkNames(id: string, name: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) fail(id, name, "must be a non-empty array of names");
  value.forEach((item: unknown, i: number) => {
    if (typeof item !== "string" || item === "")
      fail(id, `${name}[${i}]`, `must be a non-empty string, got ${describe(item)}`);
  });
}

/** Checks that `value` is a non-empty array of valid regular-expression sources. */
export function checkPatterns(id: string, name: string, value: unknown): void {
  checkNames(id, name, value);
  (value as string[]).forEach((source, i) => {
    try {
      new RegExp(source, "i");
    } catch {
      fail(id, `${name}[${i}]`, `must be a valid regular expression, got ${describe(source)}`);
    }
  });
}
