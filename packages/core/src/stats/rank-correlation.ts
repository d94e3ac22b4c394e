import { RewardscopeError } from "../errors.js";

/** 1-based ranks of values, ties sharing the average of their ranks. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = values[order[i] as number] as number;
    while (j < n && values[order[j] as number] === v) j++;
    // Positions i..j-1 (0-based) tie: each gets the mean of ranks i+1..j.
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) ranks[order[k] as number] = rank;
    i = j;
  }
  return ranks;
}

/**
 * Spearman rank correlation of paired values (Pearson correlation of their average ranks, so ties
 * are handled). Pairs where either value is NaN or infinite are skipped. Null when fewer than 3
 * pairs remain or when either side is constant.
 * @throws RewardscopeError("invalid_argument") when x and y differ in length.
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 25, 100]); // 1
 * spearman([1, 2, 3], [3, 2, 1]); // -1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  if (x.length !== y.length) {
    throw new RewardscopeError("invalid_argument", `length ${y.length} differs from x's ${x.length}`, "y");
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (a - a === 0 && b - b === 0) {
      xs.push(a);
      ys.push(b);
    }
  }
  const n = xs.length;
  if (n < 3) return null;
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  // Average ranks always have mean (n + 1) / 2.
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - m;
    const dy = (ry[i] as number) - m;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return r > 1 ? 1 : Math.max(r, -1);
}
