import { RewardscopeError } from "@rewardscope/core";

/** Names a cell value for an error message: `string "abc"`, `bigint -1`, `null`, `array`, `object`. */
export function describeCell(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string")
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return `${typeof value} ${String(value)}`;
  return typeof value;
}

/**
 * A step cell: an integer column, or the text of one (some TRL versions write `str(global_step)`).
 * @throws RewardscopeError("invalid_event") naming the cell, e.g. `step[3]`.
 */
export function stepCell(value: unknown, field: string): number {
  const step =
    typeof value === "bigint"
      ? Number(value)
      : typeof value === "string" && /^\d+$/.test(value.trim())
        ? Number(value.trim())
        : value;
  if (typeof step === "number" && Number.isSafeInteger(step) && step >= 0) return step;
  throw new RewardscopeError(
    "invalid_event",
    `must be a non-negative integer, got ${describeCell(value)}`,
    field,
  );
}

/**
 * A reward or advantage cell: a number, or null when missing or not finite (TRL writes NaN for a reward
 * function that returned None: not applicable to that sample).
 * @throws RewardscopeError("invalid_event") when the cell holds something other than a number.
 */
export function numberCell(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === "bigint" ? Number(value) : value;
  if (typeof number === "number") return Number.isFinite(number) ? number : null;
  throw new RewardscopeError("invalid_event", `must be a number or null, got ${describeCell(value)}`, field);
}
