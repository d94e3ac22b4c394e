import { RewardscopeError } from "@rewardscope/core";

/**
 * An integer option in [min, max], or the default when absent.
 * @throws RewardscopeError("invalid_argument") naming the option.
 * @example
 * const every = integerOption(options.every, 50, "every", 1);
 */
export function integerOption(
  value: number | undefined,
  fallback: number,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = value ?? fallback;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new RewardscopeError(
      "invalid_argument",
      `must be an integer in [${min}, ${max}], got ${String(n)}`,
      field,
    );
  }
  return n;
}

/**
 * One of a fixed set of strings, or the default when absent.
 * @throws RewardscopeError("invalid_argument") naming the option and the allowed values.
 */
export function choiceOption<T extends string>(
  value: T | undefined,
  fallback: T,
  field: string,
  allowed: readonly T[],
): T {
  const v = value ?? fallback;
  if (!allowed.includes(v)) {
    throw new RewardscopeError(
      "invalid_argument",
      `must be one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`,
      field,
    );
  }
  return v;
}
