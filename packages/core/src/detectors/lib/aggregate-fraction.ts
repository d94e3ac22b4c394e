import type { Summary } from "../../monitor/report.js";

/**
 * The share of a step's values at `bound`, estimated from aggregates alone (a log with no per-completion
 * values): the two-point estimate (mean - other) / (bound - other) over the range [other, bound], exact for a
 * 0/1-style reward. 0 when the std is unknown, or when it is larger than values confined to that range could
 * have with that mean (Bhatia–Davis: var <= (max - mean)(mean - min)): then the values reach past the range and
 * say nothing of a pile-up at the bound.
 * @example
 * estimatedFractionAt({ mean: 0.98, std: 0.14 } as Summary, 1, 0); // 0.98
 */
export function estimatedFractionAt(batch: Summary, bound: number, other: number): number {
  const span = bound - other;
  if (!(Math.abs(span) > 0) || !Number.isFinite(batch.std)) return 0;
  const fraction = Math.min(1, Math.max(0, (batch.mean - other) / span));
  const widest = Math.sqrt(Math.max(0, (bound - batch.mean) * (batch.mean - other)));
  return batch.std <= widest * (1 + 1e-9) + 1e-12 ? fraction : 0;
}
