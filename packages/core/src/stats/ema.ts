import { RewardscopeError } from "../errors.js";

/**
 * One step of an exponential moving average: `prev + alpha * (x - prev)`.
 * The first value (prev null) initialises it, so early values are not biased towards 0.
 * @example
 * let ema: number | null = null;
 * ema = updateEma(ema, 10, 0.1); // 10
 * ema = updateEma(ema, 20, 0.1); // 11
 */
export function updateEma(prev: number | null, x: number, alpha: number): number {
  if (!(alpha > 0 && alpha <= 1)) {
    throw new RewardscopeError("invalid_argument", `must be in (0, 1], got ${alpha}`, "alpha");
  }
  if (!Number.isFinite(x)) throw new RewardscopeError("invalid_argument", `must be finite, got ${x}`, "x");
  return prev === null ? x : prev + alpha * (x - prev);
}
