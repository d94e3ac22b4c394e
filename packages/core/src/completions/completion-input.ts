import { RewardscopeError } from "../errors.js";

/** What the completion analysis reads of one step; every array given has one entry per completion. */
export interface CompletionInput {
  /** The completions; null (or a hole) where a batch sent none. */
  completions: ArrayLike<string | null>;
  /** Completion lengths in tokens; null where unknown. */
  lengths?: ArrayLike<number | null> | undefined;
  /** Whether each completion hit the length limit; null where unknown. */
  truncated?: ArrayLike<boolean | null> | undefined;
  /** Total reward of each completion; NaN where it has none. */
  totals?: ArrayLike<number> | undefined;
}

/**
 * Checks a CompletionInput and returns its completion count. Throws RewardscopeError("invalid_argument")
 * naming the bad entry (e.g. `lengths[3]`) for a wrong type, a negative or non-finite length, or an
 * array whose length differs from `completions`.
 * @example
 * checkCompletionInput({ completions: ["a", null], lengths: [1, null] }); // 2
 */
export function checkCompletionInput(input: CompletionInput): number {
  if (typeof input !== "object" || input === null) fail("input", "must be an object");
  const { completions, lengths, truncated, totals } = input;
  if (typeof completions !== "object" || completions === null || typeof completions.length !== "number")
    fail("completions", "must be an array");
  const n = completions.length;
  for (let i = 0; i < n; i++) {
    const c: unknown = completions[i];
    if (c !== null && c !== undefined && typeof c !== "string")
      fail(`completions[${i}]`, `must be a string or null`);
  }
  if (sized("lengths", lengths, n)) {
    for (let i = 0; i < n; i++) {
      const v: unknown = lengths[i];
      if (v !== null && v !== undefined && !(typeof v === "number" && v >= 0 && v < Number.POSITIVE_INFINITY))
        fail(`lengths[${i}]`, `must be a non-negative finite number or null, got ${String(v)}`);
    }
  }
  if (sized("truncated", truncated, n)) {
    for (let i = 0; i < n; i++) {
      const v: unknown = truncated[i];
      if (v !== null && v !== undefined && typeof v !== "boolean")
        fail(`truncated[${i}]`, "must be a boolean or null");
    }
  }
  if (sized("totals", totals, n)) {
    for (let i = 0; i < n; i++)
      if (typeof totals[i] !== "number") fail(`totals[${i}]`, "must be a number (NaN for none)");
  }
  return n;
}

function sized<T>(field: string, values: ArrayLike<T> | null | undefined, n: number): values is ArrayLike<T> {
  if (values === undefined || values === null) return false;
  if (typeof values !== "object" || typeof values.length !== "number") fail(field, "must be an array");
  if (values.length !== n) fail(field, `must have one entry per completion (${n}), got ${values.length}`);
  return true;
}

function fail(field: string, message: string): never {
  throw new RewardscopeError("invalid_argument", message, field);
}
