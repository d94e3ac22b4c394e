/** Column names that hold the step of a row of scalars, by preference (W&B exports `_step`). */
export const STEP_COLUMNS = ["step", "global_step", "_step", "iteration", "iter"] as const;

/** The step column a row holds, if any. */
export function stepColumn(row: Record<string, unknown>): string | null {
  return STEP_COLUMNS.find((name) => row[name] !== undefined && row[name] !== "") ?? null;
}

/** The problem message of a row without a usable step. */
export function stepProblem(value: unknown): string {
  if (value === undefined) return `step: a step column is required (${STEP_COLUMNS.join(", ")})`;
  return `step: must be a non-negative integer, got ${JSON.stringify(value)}`;
}

/** A step read from a JSON number or a CSV cell; null when it is not a non-negative integer. */
export function readStep(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0 ? n : null;
}
