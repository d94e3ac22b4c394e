/**
 * JSON that keeps NaN and ±Infinity. A StepReport holds NaN where a statistic cannot be computed (the std of
 * one value, the SNR of a constant reward); plain JSON would turn it into null, and a reader doing arithmetic
 * on the report would break. A non-finite number is written as `{"$nonFinite":"NaN"}`: reports hold no object
 * of that one key, since every record in them maps names to numbers or to objects of several fields.
 */
const TAG = "$nonFinite";

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === "number" && !Number.isFinite(value)) return { [TAG]: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && TAG in value) {
    const text = (value as Record<string, unknown>)[TAG];
    if (text === "NaN") return Number.NaN;
    if (text === "Infinity") return Number.POSITIVE_INFINITY;
    if (text === "-Infinity") return Number.NEGATIVE_INFINITY;
  }
  return value;
}

/**
 * Serialises a value as JSON, keeping non-finite numbers (see decodeJson).
 * @example
 * decodeJson(encodeJson({ snr: Number.NaN })); // { snr: NaN }
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, replacer);
}

/** Parses what encodeJson wrote. */
export function decodeJson<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}
