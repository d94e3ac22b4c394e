import type { CompletionAnalysisConfig } from "../config/types.js";
import { RewardscopeError } from "../errors.js";

/**
 * Throws RewardscopeError("invalid_config") naming the first bad setting of a completion analysis
 * config (fields as `completions.<name>`). An empty `formats` list is allowed: the format metrics
 * are then null.
 * @example
 * checkCompletionConfig({ ...DEFAULT_COMPLETION_CONFIG, maxAnalysed: 0 }); // throws at completions.maxAnalysed
 */
export function checkCompletionConfig(config: CompletionAnalysisConfig): void {
  if (typeof config !== "object" || config === null) fail("completions", "must be an object");
  integer("maxAnalysed", config.maxAnalysed, 1, Number.MAX_SAFE_INTEGER);
  integer("repetitionN", config.repetitionN, 1, 16);
  fraction("repetitiveThreshold", config.repetitiveThreshold);
  fraction("nearDuplicateThreshold", config.nearDuplicateThreshold);
  integer("minContentChars", config.minContentChars, 0, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(config.reasoningIndicators)) fail("completions.reasoningIndicators", "must be an array");
  config.reasoningIndicators.forEach((phrase, i) => {
    if (typeof phrase !== "string") fail(`completions.reasoningIndicators[${i}]`, "must be a string");
  });
  if (!Array.isArray(config.formats)) fail("completions.formats", "must be an array");
  config.formats.forEach((format, i) => {
    const at = `completions.formats[${i}]`;
    if (typeof format !== "object" || format === null) fail(at, "must be an object");
    if (!Array.isArray(format.sections) || format.sections.length === 0)
      fail(`${at}.sections`, "must be a non-empty array");
    const names = format.sections.map((section, j) => {
      for (const key of ["name", "open", "close"] as const) {
        const value: unknown = section?.[key];
        if (typeof value !== "string" || value === "")
          fail(`${at}.sections[${j}].${key}`, "must be a non-empty string");
      }
      return section.name;
    });
    for (const key of ["reasoning", "answer"] as const) {
      const name = format[key];
      if (name !== undefined && !names.includes(name))
        fail(`${at}.${key}`, `must name one of its sections, got "${name}"`);
    }
  });
}

function integer(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    fail(`completions.${name}`, `must be an integer in [${min}, ${max}], got ${String(value)}`);
}

function fraction(name: string, value: unknown): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    fail(`completions.${name}`, `must be a number in [0, 1], got ${String(value)}`);
}

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_config", message, field);
}
