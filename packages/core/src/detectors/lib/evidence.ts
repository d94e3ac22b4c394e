/**
 * Keeps the finite entries of an alert's evidence: an Infinity or NaN would turn into null in JSON, and
 * "not known" is better said by leaving the number out.
 * @example
 * finiteEvidence({ baseline: 0.02, ratio: Number.POSITIVE_INFINITY }); // { baseline: 0.02 }
 */
export function finiteEvidence(fields: Record<string, number | null | undefined>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(fields))
    if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
  return out;
}

/** A finite number or null: how an optional statistic of the step reads to a detector. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** `x` as a percentage with no decimals, for messages: 0.623 -> "62%". */
export function percent(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}
